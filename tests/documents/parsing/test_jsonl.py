"""JSON Lines parser on the 50 real scraped policy records and on hand-written bad lines."""

import datetime
import json

import pytest

from gongkai.documents.parsing import jsonl
from gongkai.documents.parsing.base import ParsedDocument, RecordFailure
from tests.conftest import corpus_path


@pytest.fixture(scope="module")
def sample():
    path = corpus_path("policies/sample50.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records, jsonl.parse(path.read_bytes(), path.name)


def by_title(documents, start):
    return next(document for document in documents if document.title.startswith(start))


def record(**fields):
    base = {
        "title": "上海市人民政府关于某事的通知",
        "issuer": "上海",
        "level": "Provincial",
        "written_date": "2025-03-05",
        "published_date": "2025-03-07",
        "source_database": "Shanghai",
        "url": "https://www.shanghai.gov.cn/nw12344/20250307/0001.html",
        "permanence": "Institutionalised",
        "body": "沪府发〔2025〕3号\n上海市人民政府关于某事的通知\n各区人民政府：\n现将有关事项通知如下。\n上海市人民政府\n2025年3月5日\n（此件公开发布）",
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


@pytest.mark.corpus
def test_sample_every_record_imported(sample):
    records, documents = sample

    assert len(documents) == 50
    assert all(isinstance(document, ParsedDocument) for document in documents)
    assert [document.source_url for document in documents] == [item["url"] for item in records]


@pytest.mark.corpus
def test_sample_empty_bodies_warned(sample):
    records, documents = sample
    empty = [
        document.title
        for item, document in zip(records, documents)
        if len((item["body"] or "").strip()) < 13 or item["body"] == "error"
    ]
    warned = [document.title for document in documents if document.warnings]

    assert len(empty) >= 8
    assert set(empty) <= set(warned)
    assert by_title(documents, "建督撤字").warnings == [
        "正文为空或过短（原网页可能只有图片），已按标题导入：请打开来源网址核对并补充正文。"
    ]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("start", "title", "validity"),
    [
        ("关于金融机构对境外资产", "关于金融机构对境外资产负债及损益申报业务有关事项的通知", "repealed"),
        ("关于加强保险业宣传", "关于加强保险业宣传工作的通知", "expired"),
        ("浙江省人民政府关于印发浙江省盐业", "浙江省人民政府关于印发浙江省盐业体制改革实施方案的通知", "valid"),
        ("中华人民共和国商务部令", "中华人民共和国商务部令（2018年第2号）反倾销和反补贴调查听证会规则", ""),
        ("浙江省人民政府浙江省军区", "浙江省人民政府浙江省军区关于表彰2002年冬季退役士兵安置工作先进单位和先进个人的通报", ""),
    ],
)
def test_sample_titles_cleaned(sample, start, title, validity):
    document = by_title(sample[1], start)

    assert document.title == title
    assert document.validity == validity


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("start", "agencies", "number"),
    [
        ("市民政局关于印发", ["上海市民政局"], "沪民救发〔2017〕9号"),
        ("省政府办公厅关于推进教育现代化", ["江苏省人民政府办公厅"], "苏政办发〔2013〕85号"),
        ("浙江省人民政府浙江省军区", ["浙江省人民政府", "浙江省军区"], "浙政发〔2004〕4号"),
        ("市财政局、市国税局", ["上海市财政局", "上海市国家税务局", "上海市地方税务局"], "沪财法〔2007〕9号"),
        ("重庆市人民政府办公厅关于促进", ["重庆市人民政府办公厅"], "渝府办发〔2022〕109号"),
        ("韩正市长主持召开", [], None),
    ],
)
def test_sample_agencies_and_numbers(sample, start, agencies, number):
    document = by_title(sample[1], start)

    assert document.agencies == agencies
    assert (document.document_number.canonical if document.document_number else None) == number


@pytest.mark.corpus
def test_sample_record_dates_win(sample):
    document = by_title(sample[1], "重庆市人民政府办公厅关于促进")

    assert document.written_date == datetime.date(2022, 10, 1)
    assert document.publish_date == datetime.date(2022, 10, 1)
    assert document.note == "此件公开发布"
    assert document.disclosure == "proactive"
    assert document.doc_type == "opinion"


def test_record_fields():
    document = jsonl.parse(record().encode(), "policies.jsonl")[0]

    assert document.title == "上海市人民政府关于某事的通知"
    assert document.document_number.canonical == "沪府发〔2025〕3号"
    assert document.agencies == ["上海市人民政府"]
    assert document.addressees == "各区人民政府"
    assert document.publish_date == datetime.date(2025, 3, 7)
    assert [part.text for part in document.parts] == ["现将有关事项通知如下。"]
    assert document.warnings == []


@pytest.mark.parametrize(
    ("title", "issuer", "level", "agencies"),
    [
        ("国家科学技术奖励条例（国务院令第638号第二次修订）", "国务院", "Central", ["国务院"]),
        ("中华人民共和国商务部令（2018年第2号）", "商务部", "Central", ["中华人民共和国商务部"]),
        ("天津市应急管理局通告", "天津", "Provincial", ["天津市应急管理局"]),
        ("建督撤字〔2020〕4号", "住房和城乡建设部", "Central", ["住房和城乡建设部"]),
        ("习近平和彭丽媛设宴欢迎各国贵宾", "习近平重要讲话数据库", "Central", []),
        ("江西省省长指出扎实推进试点工作", "江西", "Provincial", []),
    ],
)
def test_agency_named_outside_body(title, issuer, level, agencies):
    """With no agency in the body, a 令 or 通告 title names it, or else a central record's issuer field."""
    document = jsonl.parse(record(title=title, issuer=issuer, level=level, body="无署名的正文。" * 5).encode(), "policies.jsonl")[0]

    assert document.agencies == agencies


@pytest.mark.parametrize("furniture", ["打印本页", "【打印】【关闭】", "打印本页 关闭窗口", "扫一扫在手机打开当前页"])
def test_page_furniture_dropped(furniture):
    body = f"上海市人民政府关于某事的通知\n现将有关事项通知如下。\n{furniture}"
    document = jsonl.parse(record(body=body).encode(), "policies.jsonl")[0]

    assert [part.text for part in document.parts] == ["现将有关事项通知如下。"]


@pytest.mark.parametrize("body", [None, "", "None", "error", "选择字体：[大-中-小]"])
def test_record_empty_body_kept(body):
    document = jsonl.parse(record(body=body).encode(), "policies.jsonl")[0]

    assert document.title == "上海市人民政府关于某事的通知"
    assert document.parts == []
    assert document.warnings == ["正文为空或过短（原网页可能只有图片），已按标题导入：请打开来源网址核对并补充正文。"]


@pytest.mark.parametrize(
    ("title", "expected", "validity"),
    [
        ("（已废止）关于某事的通知", "关于某事的通知", "repealed"),
        ("[有效]关于某事的通知", "关于某事的通知", "valid"),
        ("【失效】关于某事的通知", "关于某事的通知", "expired"),
        ("关于某事的通知(已修订)", "关于某事的通知", "amended"),
        ("关于某事的\n通知", "关于某事的通知", ""),
        ("关于　某事的通知", "关于某事的通知", ""),
    ],
)
def test_record_status_marks(title, expected, validity):
    document = jsonl.parse(record(title=title, body="").encode(), "policies.jsonl")[0]

    assert document.title == expected
    assert document.validity == validity


def test_bad_lines_reported():
    lines = [record(), "{不是 JSON", json.dumps({"body": "正文"}), "[1, 2]", record(title="第二份文件的通知")]

    results = jsonl.parse("\n".join(lines).encode(), "policies.jsonl")

    assert [type(result).__name__ for result in results] == [
        "ParsedDocument",
        "RecordFailure",
        "RecordFailure",
        "RecordFailure",
        "ParsedDocument",
    ]
    assert results[1] == RecordFailure(label="第2行", message="不是有效的 JSON（第2列：Expecting property name enclosed in double quotes），请检查该行后重新导入。")
    assert results[2] == RecordFailure(label="第3行", message="缺少标题（title 字段为空或不存在），请补充标题后重新导入。")
    assert results[3].label == "第4行"
    assert results[4].title == "第二份文件的通知"
