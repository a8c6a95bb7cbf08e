"""`gongkai import` over the real corpus: laws, the JSON Lines sample and the notice, then again."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.core.agencies import SEEDED_AGENCIES
from gongkai.core.models import Agency, AuditEntry
from gongkai.documents.choices import Disclosure, EventKind, PartKind, Validity
from gongkai.documents.models import Document, IndexNumberSequence, SourceFile
from gongkai.search.models import PostingList, PostingListState
from tests.conftest import corpus_path

pytestmark = [pytest.mark.corpus, pytest.mark.slow, pytest.mark.django_db]

NOTICE_TITLE = "上海市人民政府办公厅关于印发《2025年上海市政务公开工作要点》的通知"


def run_import(*paths):
    output = io.StringIO()
    try:
        call_command("import", *map(str, paths), stdout=output)
    except CommandError as error:
        return output.getvalue(), error
    return output.getvalue(), None


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Import the laws folder, the JSON Lines sample and the notices once, then import them again."""
    paths = [corpus_path("laws"), corpus_path("policies/sample50.jsonl"), corpus_path("notices")]
    with django_db_blocker.unblock():
        first = run_import(*paths)
        second = run_import(*paths)
        yield first, second
        Document.objects.update(version_of=None, replaced_by=None)
        Document.objects.all().delete()
        SourceFile.objects.all().delete()
        AuditEntry.objects.all().delete()
        IndexNumberSequence.objects.all().delete()
        Agency.objects.exclude(code__in=[row[2] for row in SEEDED_AGENCIES]).delete()
        # On PostgreSQL the import of the laws writes posting lists, which no delete cascades to.
        PostingList.objects.all().delete()
        PostingListState.objects.all().delete()


@pytest.fixture
def db_access(imported, django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_first_import_has_no_failures(imported):
    (output, error), _ = imported

    assert error is None, output
    assert "失败 0" in output


def test_posting_lists_are_written_where_they_pay(imported, db_access):
    # 3,400 documents: below SQLite's threshold of 20,000, above PostgreSQL's of 1,000.
    assert PostingListState.objects.exists() == (connection.vendor == "postgresql")


def test_index_files_are_skipped(imported):
    (output, _), _ = imported
    skipped_index = [line for line in output.splitlines() if line.strip().startswith("跳过") and "_index.md" in line]

    assert len(skipped_index) == 22


def test_every_law_file_is_stored(imported, db_access):
    law_files = [path for path in corpus_path("laws").rglob("*.md") if path.name != "_index.md"]
    stored_names = set(SourceFile.objects.values_list("name", flat=True))

    missing = [path.name for path in law_files if path.name not in stored_names]
    assert missing == []


def test_ogi_regulation_events_and_current(imported, db_access):
    versions = Document.objects.filter(title="中华人民共和国政府信息公开条例")
    current = versions.get(is_current=True)
    events = {(event.kind, event.date.isoformat()) for event in current.events.all()}

    assert (EventKind.PROMULGATED, "2007-04-05") in events
    assert (EventKind.REVISED, "2019-04-03") in events
    assert current.version_date.isoformat() == "2019-04-03"
    assert current.validity == Validity.VALID
    assert current.parts.filter(kind=PartKind.ARTICLE, label="第三十三条").exists()


def test_dated_and_undated_law_are_versions(imported, db_access):
    versions = list(Document.objects.filter(title="上海市中小学校学生伤害事故处理条例").order_by("version_date"))
    current = [version for version in versions if version.is_current]

    assert len(versions) == 2
    assert len(current) == 1
    assert current[0].version_date.isoformat() == "2024-12-31"
    assert {version.version_of_id for version in versions} == {None, min(version.pk for version in versions)}


def test_civil_code_is_one_document(imported, db_access):
    codes = Document.objects.filter(title="中华人民共和国民法典")
    code = codes.get()
    books = list(code.parts.filter(kind=PartKind.HEADING, level=0).values_list("label", flat=True))
    first_article = code.parts.filter(kind=PartKind.ARTICLE).order_by("position").first()
    last_article = code.parts.filter(kind=PartKind.ARTICLE).order_by("position").last()

    assert books[0] == "总则"
    assert len(books) == 8
    assert first_article.number == 1
    assert last_article.number == 1260
    assert code.source_files.count() == 8


def test_notice_metadata(imported, db_access):
    notice = Document.objects.get(title=NOTICE_TITLE)

    assert notice.written_date.isoformat() == "2025-03-31"
    assert notice.disclosure == Disclosure.PROACTIVE
    assert notice.lead_agency.name == "上海市人民政府办公厅"
    assert notice.index_number.startswith("SHGOVO/2025-")
    assert "—" not in notice.parts.first().text


def test_jsonl_sample_fully_imported(imported, db_access):
    (output, _), _ = imported
    from_sample = Document.objects.filter(source_files__name="sample50.jsonl")

    assert from_sample.count() + output.count("sample50.jsonl 第") >= 50
    assert from_sample.count() >= 48


def test_second_import_changes_nothing(imported, db_access):
    _, (output, error) = imported

    assert error is None, output
    assert "新导入 0" in output
    assert "新版本" not in output


def test_export_has_required_keys(imported, db_access):
    output = io.StringIO()
    call_command("export", stdout=output)
    lines = output.getvalue().splitlines()
    record = json.loads(lines[0])

    assert len(lines) == Document.objects.count()
    assert set(record) >= {
        "id", "title", "document_number", "agencies", "doc_type", "written_date", "publish_date",
        "effective_date", "validity", "disclosure", "index_number", "is_current", "version_of",
        "source", "article_count",
    }


@pytest.mark.parametrize("level", ["document", "part"])
def test_token_counts_match_full_text(db_access, level):
    from gongkai.search.models import TokenCount
    from tests.search.test_counts import full_text_counts

    stored = dict(TokenCount.objects.filter(level=level, entries__gt=0).values_list("token", "entries"))

    assert stored == full_text_counts(level)
