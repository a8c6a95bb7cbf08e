"""`gongkai import` on small files made by the tests: bad inputs, idempotence, versions, audit."""

import io
import json
import os
import shutil
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gongkai.core.models import AuditEntry
from gongkai.documents.choices import Disclosure, Validity
from gongkai.documents.models import Document, SourceFile
from tests.conftest import corpus_path

pytestmark = pytest.mark.django_db

NOTICE = """上海市示例局文件

沪示发〔{year}〕{number}号

上海市示例局关于做好示例工作的通知

各区人民政府：

现将有关事项通知如下。

一、工作要求

请各单位按照要求做好相关工作。

上海市示例局
{year}年3月5日

（此件公开发布）
"""


def run_import(*paths, **options):
    output = io.StringIO()
    error = None
    try:
        call_command("import", *map(str, paths), stdout=output, **options)
    except CommandError as raised:
        error = str(raised)
    return output.getvalue(), error


def write_notice(folder, name, year=2025, number=3, encoding="utf-8"):
    path = folder / name
    path.write_bytes(NOTICE.format(year=year, number=number).encode(encoding))
    return path


def failure_lines(output):
    return [line.strip() for line in output.splitlines() if line.strip().startswith("失败")]


def test_bad_files_reported_rest_imported(tmp_path):
    write_notice(tmp_path, "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "random.pdf").write_bytes(os.urandom(4096))
    output, error = run_import(tmp_path)
    failures = failure_lines(output)

    assert Document.objects.count() == 1
    assert error == "2 个文件导入失败，见上方列表；其余文件已正常处理。"
    assert any(line.startswith(f"失败  {tmp_path.name}/empty.txt：文件为空") for line in failures)
    assert any(line.startswith(f"失败  {tmp_path.name}/random.pdf：无法读取 PDF 文件") for line in failures)


def test_truncated_docx_fails_alone(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("上海市示例局关于做好示例工作的通知")
    document.save(tmp_path / "whole.docx")
    data = (tmp_path / "whole.docx").read_bytes()
    (tmp_path / "whole.docx").unlink()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    write_notice(tmp_path, "good.txt")

    output, error = run_import(tmp_path)

    assert Document.objects.count() == 1
    assert error is not None
    assert any("truncated.docx：无法读取 DOCX 文件" in line for line in failure_lines(output))


def test_broken_ofd_part_fails_alone(tmp_path):
    source = corpus_path("files/ofd/ofdrw_luqiao_weishengju_pifu_redhead.ofd")
    broken = tmp_path / "broken.ofd"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename.endswith("Content.xml"):
                data = data[: len(data) // 2]
            copy.writestr(item, data)
    write_notice(tmp_path, "good.txt")

    output, error = run_import(tmp_path)

    assert Document.objects.count() == 1
    assert any("broken.ofd：无法读取 OFD 文件" in line for line in failure_lines(output))


def test_file_over_size_limit(tmp_path, settings):
    settings.MAX_IMPORT_BYTES = 1024 * 1024
    big = tmp_path / "big.txt"
    big.write_bytes(("上海市示例局关于示例的通知\n" + "正文。" * 200_000).encode("utf-8"))
    output, error = run_import(big)

    assert Document.objects.count() == 0
    assert failure_lines(output) == [
        "失败  big.txt：文件大小 1.7 MB，超过上限 1 MB：请拆分文件，或调大 GONGKAI_MAX_IMPORT_MB。"
    ]


def test_missing_path_is_reported(tmp_path):
    output, error = run_import(tmp_path / "nowhere")

    assert failure_lines(output) == [f"失败  {tmp_path / 'nowhere'}：找不到该文件或文件夹，请检查路径。"]


def test_gbk_text_is_decoded(tmp_path):
    write_notice(tmp_path, "gbk.txt", encoding="gbk")
    output, error = run_import(tmp_path / "gbk.txt")
    document = Document.objects.get()

    assert error is None, output
    assert document.title == "上海市示例局关于做好示例工作的通知"
    assert document.document_number == "沪示发〔2025〕3号"
    assert document.disclosure == Disclosure.PROACTIVE


def test_reimport_reports_unchanged(tmp_path):
    write_notice(tmp_path, "a.txt")
    run_import(tmp_path)
    entries = AuditEntry.objects.count()
    output, error = run_import(tmp_path)

    assert error is None
    assert output.startswith("导入完成：新导入 0，未变化 1，失败 0")
    assert Document.objects.count() == 1
    assert AuditEntry.objects.count() == entries


def test_summary_follows_the_language(tmp_path):
    write_notice(tmp_path, "a.txt")
    with translation.override("en"):
        output, error = run_import(tmp_path)

    assert error is None
    assert output.startswith("Import finished: imported 1, failed 0, warnings 0.")


def test_dry_run_writes_nothing(tmp_path):
    write_notice(tmp_path, "a.txt")
    output, error = run_import(tmp_path, dry_run=True)

    assert "将导入（试运行） 1" in output
    assert Document.objects.count() == 0
    assert SourceFile.objects.count() == 0


def test_unknown_agency_option(tmp_path):
    write_notice(tmp_path, "a.txt")
    with pytest.raises(CommandError) as raised:
        call_command("import", str(tmp_path), agency="不存在的机关", stdout=io.StringIO())

    assert str(raised.value) == "找不到机关“不存在的机关”：请使用管理后台中已有机关的名称或代码。"


def test_agency_option_sets_issuer(tmp_path):
    write_notice(tmp_path, "a.txt")
    run_import(tmp_path, agency="SHGOV")
    document = Document.objects.get()

    assert document.lead_agency.code == "SHGOV"
    assert document.index_number == "SHGOV/2025-00001"


def test_new_text_becomes_new_version(tmp_path):
    first = write_notice(tmp_path, "v1.txt")
    run_import(first)
    second = tmp_path / "v2.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("现将有关事项通知如下。", "现将修订后的事项通知如下。"), encoding="utf-8")
    output, error = run_import(second)
    old, new = Document.objects.order_by("id")

    assert "新版本 1" in output
    assert new.version_of_id == old.pk
    assert new.is_current
    assert not Document.objects.get(pk=old.pk).is_current
    assert Document.objects.get(pk=old.pk).validity == Validity.AMENDED
    assert Document.objects.get(pk=old.pk).replaced_by_id == new.pk


def test_import_writes_audit_entry(tmp_path):
    write_notice(tmp_path, "a.txt")
    run_import(tmp_path)
    entry = AuditEntry.objects.get()
    document = Document.objects.get()

    assert entry.action == "document.imported"
    assert entry.actor_label == "gongkai import"
    assert entry.object_id == str(document.pk)
    assert entry.after["index_number"] == document.index_number


def test_index_numbers_count_per_agency_and_year(tmp_path):
    for number, year in [(1, 2024), (2, 2025), (3, 2025)]:
        write_notice(tmp_path, f"n{number}.txt", year=year, number=number)
    run_import(tmp_path)

    numbers = sorted(Document.objects.values_list("index_number", flat=True))
    prefix = Document.objects.first().lead_agency.code
    assert numbers == [f"{prefix}/2024-00001", f"{prefix}/2025-00001", f"{prefix}/2025-00002"]


def test_export_lines_are_json(tmp_path):
    write_notice(tmp_path, "a.txt")
    run_import(tmp_path)
    output = io.StringIO()
    call_command("export", stdout=output)
    record = json.loads(output.getvalue().splitlines()[0])

    assert record["title"] == "上海市示例局关于做好示例工作的通知"
    assert record["document_number"] == "沪示发〔2025〕3号"
    assert record["agencies"] == ["上海市示例局"]
    assert record["written_date"] == "2025-03-05"
    assert record["version_of"] is None
    assert record["is_current"] is True
    assert record["source"] == "a.txt"


def test_samples_import_cleanly(tmp_path):
    samples = tmp_path / "samples"
    shutil.copytree(
        os.path.join(os.path.dirname(__file__), "..", "..", "src", "gongkai", "documents", "samples"), samples
    )
    output, error = run_import(samples)

    assert error is None, output
    assert Document.objects.filter(title__contains="示例").count() == 2
