"""Settings from the environment: defaults, validation messages naming the variable, the CLI's exit."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai import config


def test_defaults_are_valid():
    values = config.load({})

    assert values["GONGKAI_MAX_IMPORT_MB"] == 100
    assert values["GONGKAI_DEBUG"] is False
    assert values["DATABASE_URL"] == ""
    assert values["GONGKAI_HOME"].name == "var"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GONGKAI_MAX_IMPORT_MB", "abc", "环境变量 GONGKAI_MAX_IMPORT_MB='abc' 无效：请使用正整数。"),
        ("GONGKAI_MAX_IMPORT_MB", "0", "环境变量 GONGKAI_MAX_IMPORT_MB='0' 无效：请使用正整数。"),
        ("GONGKAI_DEBUG", "maybe", "环境变量 GONGKAI_DEBUG='maybe' 无效：请使用 1/true/yes 或 0/false/no。"),
        (
            "DATABASE_URL",
            "mysql://x@y/z",
            "环境变量 DATABASE_URL='mysql://x@y/z' 无效：请使用 postgresql://用户:密码@主机:端口/库名 的格式，"
            "或不设置该变量以使用内置的 SQLite 数据库。",
        ),
        ("GONGKAI_LOG_LEVEL", "LOUD", "环境变量 GONGKAI_LOG_LEVEL='LOUD' 无效：请使用 DEBUG、INFO、WARNING 或 ERROR。"),
        ("GONGKAI_LANGUAGE", "fr", "环境变量 GONGKAI_LANGUAGE='fr' 无效：请使用 zh-hans / en。"),
    ],
)
def test_invalid_value_names_variable(name, value, message):
    with pytest.raises(ImproperlyConfigured) as raised:
        config.load({name: value})

    assert str(raised.value) == message


def test_secret_key_generated_once(tmp_path):
    first = config.secret_key(tmp_path, "")
    second = config.secret_key(tmp_path, "")

    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_configured_secret_key_wins(tmp_path):
    assert config.secret_key(tmp_path, "configured") == "configured"
    assert not (tmp_path / "secret_key").exists()


def test_cli_stops_on_invalid_setting(tmp_path):
    environment = {**os.environ, "GONGKAI_HOME": str(tmp_path), "GONGKAI_MAX_IMPORT_MB": "-5"}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], env=environment, capture_output=True, text=True, check=False
    )

    assert result.returncode == 2
    assert result.stderr == "gongkai：配置错误：环境变量 GONGKAI_MAX_IMPORT_MB='-5' 无效：请使用正整数。\n"


@pytest.mark.parametrize(
    ("command", "extra", "stream", "output"),
    [
        (
            "check",
            {"GONGKAI_MAX_IMPORT_MB": "-5"},
            "stderr",
            "gongkai: configuration error: Environment variable GONGKAI_MAX_IMPORT_MB='-5' is invalid: use a positive whole number.\n",
        ),
        ("export", {}, "stderr", "gongkai: new database, creating the tables…\n"),
    ],
)
def test_cli_uses_configured_language(tmp_path, command, extra, stream, output):
    environment = {**os.environ, "GONGKAI_HOME": str(tmp_path), "GONGKAI_LANGUAGE": "en", **extra}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "gongkai", command], env=environment, capture_output=True, text=True, check=False)

    assert getattr(result, stream) == output


def test_first_command_creates_tables(tmp_path):
    environment = {**os.environ, "GONGKAI_HOME": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "export"], env=environment, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == "gongkai：新的数据库，正在创建数据表……\n"
    assert result.stdout == ""
    assert (tmp_path / "gongkai.sqlite3").exists()


def test_settings_command_masks_secrets(tmp_path):
    environment = {**os.environ, "GONGKAI_HOME": str(tmp_path), "GONGKAI_LLM_API_KEY": "sk-secret-value"}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "settings"], env=environment, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "GONGKAI_LLM_API_KEY=******  （环境变量）" in result.stdout
    assert "sk-secret-value" not in result.stdout
    assert "GONGKAI_MAX_IMPORT_MB=100  （默认值）" in result.stdout
    assert "    `gongkai import` 接受的单个文件大小上限，单位 MB。\n" in result.stdout


def test_model_url_must_be_http():
    with pytest.raises(ImproperlyConfigured) as raised:
        config.load({"GONGKAI_LLM_BASE_URL": "localhost:11434"})

    assert str(raised.value) == "环境变量 GONGKAI_LLM_BASE_URL='localhost:11434' 无效：请使用 http:// 或 https:// 开头的地址，或不设置该变量。"
