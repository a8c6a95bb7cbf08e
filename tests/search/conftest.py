"""A small library imported through `gongkai import`, indexed by the `document_stored` signal.

The files are written at test time in the two formats the corpus uses for laws (Markdown) and
for scraped policy documents (JSON Lines). The fixed texts make the expected order of results
exact, so the same tests prove identical ranking on SQLite and PostgreSQL.
"""

import io
import json

import pytest
from django.core.management import call_command

from gongkai.documents.models import Document

MEDICAL_2020 = """# 示例市医疗保障条例

2020年6月1日 示例市人民代表大会常务委员会公布

<!-- INFO END -->

## 第一章 总则

第一条 为了保障参保人员享受基本医疗保险待遇，制定本条例。

第二条 职工应当参加职工基本医疗保险，由用人单位和职工共同缴纳医疗保险费。

## 第二章 待遇

第三条 参保人员在定点医疗机构就医发生的医疗费用，按照规定报销。
"""

MEDICAL_2023 = """# 示例市医疗保障条例

2023年3月1日 示例市人民代表大会常务委员会修订

<!-- INFO END -->

## 第一章 总则

第一条 为了保障参保人员享受基本医疗保险待遇，推进医保服务一网通办，制定本条例。

第二条 职工应当参加职工基本医疗保险，由用人单位和职工共同缴纳医疗保险费。

## 第二章 待遇

第三条 参保人员在定点医疗机构就医发生的医疗费用，按照规定报销。异地就医的，可以直接结算。

第四条 医保经办机构应当推行免申即享，符合条件的参保人员无需申请即可享受待遇。
"""

ASSISTANCE = """# 示例市社会救助办法

2021年5月10日 示例市人民政府令第12号公布

<!-- INFO END -->

## 第一章 总则

第一条 本办法所称社会救助，包括最低生活保障、特困人员供养和临时救助。

第二条 最低生活保障对象参加城乡居民基本医疗保险的，个人缴费部分给予补贴。

## 第二章 最低生活保障

第三条 共同生活的家庭成员人均收入低于当地最低生活保障标准的，可以申请最低生活保障。

第四条 申请最低生活保障，由申请人向户籍所在地的街道办事处提出。
"""

DISCLOSURE = """# 示例市政府信息公开规定

2022年1月15日 示例市人民政府令第20号公布

<!-- INFO END -->

第一条 行政机关应当主动公开涉及公众利益调整的政府信息。

第二条 公民可以向行政机关申请获取政府信息，即依申请公开。

第三条 申请人认为行政机关在政府信息公开工作中侵犯其合法权益的，可以申请行政复议或者提起行政诉讼。

第四条 行政机关不得以保密为由拒绝公开应当公开的政府信息，但是公开后可能危及国家安全的除外。
"""

NOTICES = [
    {
        "title": "示例市人民政府办公厅关于推进高效办成一件事的通知",
        "issuer": "示例市人民政府办公厅",
        "written_date": "2025-03-05",
        "published_date": "2025-03-06",
        "url": "https://www.example.gov.cn/notice/1.html",
        "body": "示府办发〔2025〕5号\n示例市人民政府办公厅关于推进高效办成一件事的通知\n各区人民政府，市政府各委、办、局：\n"
        "一、总体要求\n以一网通办为抓手，推进高效办成一件事，优化营商环境。\n"
        "二、重点任务\n推行免申即享，实现社保、医保等政策直达快享。\n"
        "示例市人民政府办公厅\n2025年3月5日\n（此件公开发布）",
    },
    {
        "title": "示例市人力资源和社会保障局关于调整最低工资标准的通知（已废止）",
        "issuer": "示例市人力资源和社会保障局",
        "written_date": "2019-06-20",
        "published_date": "2019-06-21",
        "url": "https://www.example.gov.cn/notice/2.html",
        "body": "示人社发〔2019〕8号\n示例市人力资源和社会保障局关于调整最低工资标准的通知\n各区人力资源和社会保障局：\n"
        "一、调整标准\n月最低工资标准调整为2480元，社会保险费按规定缴纳。\n"
        "二、执行时间\n自2019年7月1日起执行。\n"
        "示例市人力资源和社会保障局\n2019年6月20日",
    },
    {
        "title": "示例市医疗保障局关于做好医保<b>异地就医</b>直接结算工作的通知",
        "issuer": "示例市医疗保障局",
        "written_date": "2024-09-02",
        "published_date": "2024-09-03",
        "url": "https://www.example.gov.cn/notice/3.html",
        "body": "示医保发〔2024〕17号\n示例市医疗保障局关于做好医保异地就医直接结算工作的通知\n各区医疗保障局：\n"
        "一、工作目标\n实现异地就医住院费用直接结算，参保人员备案后即可就医结算<script>。\n"
        "二、工作要求\n各区要加强医保经办服务，推进一网通办。\n"
        "示例市医疗保障局\n2024年9月2日\n（此件公开发布）",
    },
]

# Short file names: the stored original's path (originals/<hash>/<name>) must fit in 100 characters.
LAW_FILES = {
    "laws/地方性法规/医保(2020-06-01).md": MEDICAL_2020,
    "laws/地方性法规/医保(2023-03-01).md": MEDICAL_2023,
    "laws/地方政府规章/救助(2021-05-10).md": ASSISTANCE,
    "laws/地方政府规章/公开(2022-01-15).md": DISCLOSURE,
}


@pytest.fixture
def search_library(db, tmp_path, django_capture_on_commit_callbacks):
    """Import the fixture texts with `gongkai import`; the commit callbacks index them as in production."""
    for relative, text in LAW_FILES.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    notices = tmp_path / "notices.jsonl"
    notices.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in NOTICES) + "\n", encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", str(tmp_path / "laws"), str(notices), stdout=io.StringIO())
    return {document.title: document for document in Document.objects.all()}
