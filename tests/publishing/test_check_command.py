"""`gongkai check FILE… [--json]` on files made at test time (python-docx builds the DOCX)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.publishing.fixtures import OFFICE_CONTACT, policy_docx

pytestmark = pytest.mark.django_db


def run_check(*arguments):
    output = io.StringIO()
    errors = io.StringIO()
    try:
        call_command("check", *map(str, arguments), stdout=output, stderr=errors)
    except CommandError as error:
        return output.getvalue(), errors.getvalue(), error
    return output.getvalue(), errors.getvalue(), None


def test_json_lists_masked_findings(tmp_path):
    path = tmp_path / "政策.docx"
    path.write_bytes(policy_docx())
    output, _, error = run_check(path, "--json")
    findings = json.loads(output)
    by_rule = {finding["rule"]: finding for finding in findings}

    assert error is not None
    assert error.returncode == 1
    assert str(error) == "发现 2 项阻断发布的问题，请修改后再上传。"
    assert set(by_rule) == {"personal.mobile", "interpretation.missing"}
    assert by_rule["personal.mobile"]["line"] == 11
    assert by_rule["personal.mobile"]["excerpt"] == "联系人：王明，手机：138****5678。"
    assert by_rule["personal.mobile"]["message"] == "发现手机号码。"
    assert by_rule["interpretation.missing"]["line"] == 6
    assert "13812345678" not in output
    for finding in findings:
        assert {"rule", "severity", "line", "excerpt", "message"} <= set(finding)


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "政策.docx"
    path.write_bytes(policy_docx(OFFICE_CONTACT))
    output, _, error = run_check(path, "--json", "--has-interpretation")

    assert error is None
    assert json.loads(output) == []


def test_text_output_and_warnings(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("上海市示例局关于做好示例工作的通知\n各区人民政府：\n其它事项另行通知。\n", encoding="utf-8")
    output, _, error = run_check(path)

    assert error is None
    assert f"{path}:3  [警告] wording.confusion" in output
    assert "    建议：请核对后改为“其他”；如本处用法正确，可确认后忽略。" in output
    assert output.rstrip().endswith("共 1 项问题。")


def test_unreadable_file_reported(tmp_path):
    good = tmp_path / "通知.txt"
    good.write_text("上海市示例局关于做好示例工作的通知\n请各单位认真落实。\n", encoding="utf-8")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip file")
    _, errors, error = run_check(good, broken)

    assert error.returncode == 2
    assert f"无法检查 {broken}：无法读取 DOCX 文件" in errors


def test_system_check_still_runs():
    output, _, error = run_check()

    assert error is None
    assert "System check identified no issues" in output


def test_missing_file_named_in_chinese(tmp_path):
    missing = tmp_path / "不存在.txt"
    _, errors, error = run_check(missing)

    assert errors.strip() == f"无法检查 {missing}：文件不存在，请检查路径。"
    assert str(error) == "1 个文件无法检查，见上方说明。"
    assert error.returncode == 2
