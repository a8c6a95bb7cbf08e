"""Django settings. Every value that varies by installation comes from `gongkai.config`."""

import os
from pathlib import Path

import dj_database_url

from gongkai import config

ENV = config.load()
HOME: Path = ENV["GONGKAI_HOME"]
config.prepare_home(HOME)

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = config.secret_key(HOME, ENV["GONGKAI_SECRET_KEY"])
DEBUG = ENV["GONGKAI_DEBUG"]
ALLOWED_HOSTS = ENV["GONGKAI_ALLOWED_HOSTS"]
MAX_IMPORT_BYTES = ENV["GONGKAI_MAX_IMPORT_MB"] * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "gongkai.core",
    "gongkai.documents",
    "gongkai.disclosure",
    "gongkai.portal",
    "gongkai.publishing",
    "gongkai.search",
    "gongkai.api",
    "gongkai.assistant",
    "corsheaders",
    # Serves Swagger UI from the package's own static files instead of a CDN, so /api/docs works offline.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "gongkai.api.middleware.ApiErrorShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.core.middleware.RequestLogMiddleware",
    "gongkai.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
LOGIN_URL = "disclosure:login"
LOGIN_REDIRECT_URL = "portal:staff_home"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if ENV["DATABASE_URL"]:
    DATABASES = {"default": dj_database_url.parse(ENV["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": HOME / "gongkai.sqlite3",
            "OPTIONS": {
                # WAL lets the portal read while an import writes; IMMEDIATE avoids
                # "database is locked" when two writers upgrade a read lock at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory, so tests see WAL mode and module-scoped fixtures share data.
            "TEST": {"NAME": str(HOME / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = ENV["GONGKAI_LANGUAGE"]
LANGUAGES = list(config.LANGUAGES.items())
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = HOME / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "gongkai": {"handlers": ["console"], "level": ENV["GONGKAI_LOG_LEVEL"], "propagate": False},
        # Django's own warnings (404s, slow requests) and waitress's, in the same format.
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The open API is read-only and public: any site may call it from a browser, with GET only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
API_RATE = ENV["GONGKAI_API_RATE"]
SEARCH_CACHE_SECONDS = ENV["GONGKAI_SEARCH_CACHE_SECONDS"]
SEARCH_MEMORY_MB = ENV["GONGKAI_SEARCH_MEMORY_MB"]

# One cache per server process. Cached search results are keyed by the index generation, so
# processes never disagree about what is published; they only repeat each other's work.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}}}
NINJA_NUM_PROXIES = 0

ASSISTANT = {
    "LLM_BASE_URL": ENV["GONGKAI_LLM_BASE_URL"],
    "LLM_MODEL": ENV["GONGKAI_LLM_MODEL"],
    "LLM_API_KEY": ENV["GONGKAI_LLM_API_KEY"],
    "LLM_TIMEOUT": ENV["GONGKAI_LLM_TIMEOUT"],
    "EMBEDDING_BASE_URL": ENV["GONGKAI_EMBEDDING_BASE_URL"],
    "EMBEDDING_MODEL": ENV["GONGKAI_EMBEDDING_MODEL"],
    "EMBEDDING_API_KEY": ENV["GONGKAI_EMBEDDING_API_KEY"],
    "RERANK_BASE_URL": ENV["GONGKAI_RERANK_BASE_URL"],
    "RERANK_MODEL": ENV["GONGKAI_RERANK_MODEL"],
    "RERANK_API_KEY": ENV["GONGKAI_RERANK_API_KEY"],
    "ASK_RATE": ENV["GONGKAI_ASK_RATE"],
    "ASK_MAX_CHARS": ENV["GONGKAI_ASK_MAX_CHARS"],
}
