"""The help of gongkai's management commands, in the active language."""

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import translation

DESCRIPTIONS = {
    "import": "从文件、文件夹和通配符模式导入政策文件",
    "search": "检索政策文件库并输出结果",
    "reindex": "重建全部文件的检索索引",
    "serve": "执行数据库迁移、收集静态文件",
    "ask": "政策问答",
    "embed": "为政策问答计算新增或有变化段落的向量",
    "settings": "列出 gongkai 的环境变量设置",
    "annual-report": "生成政府信息公开工作年度报告",
    "deadline": "计算期限届满日",
    "remind": "提醒承办人",
    "export": "将全部文件逐行输出为 JSON 对象",
    "check": "对指定文件进行发布前检查",
    "publish-due": "发布所有已到定时发布时间的草稿",
    "signing-key": "generate：创建第一个签名密钥",
}


def help_text(name: str) -> str:
    command = load_command_class(get_commands()[name], name)
    return command.create_parser("gongkai", name).format_help()


@pytest.mark.parametrize(("name", "description"), DESCRIPTIONS.items())
def test_command_help_in_chinese(name, description):
    assert description in help_text(name)


def test_option_help_in_chinese():
    assert "文件、文件夹（递归读取）或通配符模式。" in help_text("import")
    assert "工作日天数，1 至 250 之间的整数，例如 20。" in help_text("deadline")
    assert "上传前要检查的文件。" in help_text("check")


def test_command_help_in_english():
    with translation.override("en"):
        text = help_text("import")
    assert "Import policy documents from files, folders and globs" in text
    assert "Files, folders (read recursively) or glob patterns." in text
