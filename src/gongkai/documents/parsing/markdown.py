"""Markdown parser for the laws layout: one file per version of a law, regulation or interpretation.

Layout: `# 标题` (the Civil Code adds `# 总则` or another book title after `# 中华人民共和国民法典`),
one line per legislative event (`2019年4月3日 中华人民共和国国务院令第711号修订`), the marker
`<!-- INFO END -->`, then `##`/`###`/`####` headings (第一章, 第一节 …) and paragraphs, where a
paragraph starting with 第X条 opens an article. A folder's `_index.md`, which holds only front
matter between `---` lines, is not a document.
"""

from __future__ import annotations

import datetime
import re
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from gongkai.core.text import DATE_PATTERN, chinese_to_int, parse_chinese_date, to_half_width
from gongkai.documents.choices import EVENT_KIND_BY_WORD, DocType, EventKind, PartKind
from gongkai.documents.parsing.base import LegislativeEvent, NotADocument, ParsedDocument, ParseError, Part
from gongkai.documents.parsing.gbt9704 import agencies_from_title, structure_parts

INFO_END = "<!-- INFO END -->"
HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
EVENT = re.compile(rf"^(?P<date>{DATE_PATTERN.pattern})\s*(?P<text>.*)$")
FILE_DATE = re.compile(r"\((?P<date>\d{4}-\d{2}-\d{2})\)")
EVENT_WORD = re.compile("|".join(sorted(EVENT_KIND_BY_WORD, key=len, reverse=True)))
IN_FORCE_ON_PUBLICATION = re.compile(r"^自?(?:公布|发布)之日(?:起)?施行$")
VERSION_KINDS = (EventKind.PROMULGATED, EventKind.ADOPTED, EventKind.REVISED, EventKind.AMENDED)

DOC_TYPE_BY_FOLDER = {
    "行政法规": DocType.ADMINISTRATIVE_REGULATION,
    "司法解释": DocType.JUDICIAL_INTERPRETATION,
    "部门规章": DocType.RULE,
    "地方性法规": DocType.LOCAL_REGULATION,
    "宪法": DocType.LAW,
    "宪法相关法": DocType.LAW,
    "民法典": DocType.LAW,
    "民法商法": DocType.LAW,
    "行政法": DocType.LAW,
    "经济法": DocType.LAW,
    "社会法": DocType.LAW,
    "刑法": DocType.LAW,
    "诉讼与非诉讼程序法": DocType.LAW,
}

LOCAL_PLACE = r"[\u4e00-\u9fff]{1,10}?(?:省|市|自治区|自治州|县)"
LOCAL_CONGRESS = re.compile(
    rf"(?P<place>{LOCAL_PLACE})(?:第[一二三四五六七八九十百零\d]+届)?(?:人民代表大会(?P<standing>常务委员会)?|(?P<short>人大常委会))"
)
LOCAL_GOVERNMENT = re.compile(rf"(?P<place>{LOCAL_PLACE})人民政府(?:令|第[一二三四五六七八九十百零\d]+次常务会议)")
MINISTRY_ORDER = re.compile(
    r"(?P<agency>(?:中华人民共和国)?[\u4e00-\u9fff]{2,20}?(?:部|委员会|总局|局|署|银行|办公厅))(?:[、和][\u4e00-\u9fff]+)?令"
)


def parse(data: bytes, name: str, **options) -> list[ParsedDocument]:
    """Parse one Markdown file of the laws layout. `name` is its path relative to the import root."""
    text = _decode(data, name)
    lines = text.splitlines()
    if _is_front_matter_only(lines):
        raise NotADocument(_("The file contains only folder settings (front matter), not the text of a law, so it was skipped."))

    head, body = _split_info(lines)
    document = ParsedDocument(title="", parser="markdown")
    preface = _read_head(head, document)
    if not document.title:
        raise ParseError(_("File “{name}” has no title: the first line must be “# Title”.").format(name=name))

    document.parts = structure_parts(preface) + _read_body(body)
    if document.volume:
        document.volume_order = next(
            (part.number for part in document.parts if part.kind == PartKind.ARTICLE.value), None
        )
    _fill_dates(document, name)
    document.doc_type = doc_type_for(name, document)
    document.agencies = agencies_from_events(document.events) or _agencies_from_path(name, document.title)
    return [document]


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(_("File “{name}” is not UTF-8 encoded: save it as UTF-8 and import it again.").format(name=name)) from error


def _is_front_matter_only(lines: list[str]) -> bool:
    content = [line.strip() for line in lines if line.strip()]
    if not content or content[0] != "---":
        return not content
    closing = content.index("---", 1) if "---" in content[1:] else len(content)
    return closing >= len(content) - 1


def _split_info(lines: list[str]) -> tuple[list[str], list[str]]:
    for index, line in enumerate(lines):
        if line.strip() == INFO_END:
            return lines[:index], lines[index + 1 :]

    # NOTE: without the marker the head ends at the first body heading or article.
    for index, line in enumerate(lines):
        if index and (line.startswith("##") or re.match(r"^第[一二三四五六七八九十百零]+条", line)):
            return lines[:index], lines[index:]
    return lines, []


def _read_head(lines: list[str], document: ParsedDocument) -> list[str]:
    """Read the title, the Civil Code book title and the legislative events above the marker.

    Return the other lines above the marker, which are body text, except for a repetition of
    the title.
    """
    titles: list[str] = []
    preface: list[str] = []
    for raw in lines:
        line = to_half_width(raw).strip()
        if not line:
            continue

        heading = HEADING.match(line)
        event = EVENT.match(line)
        if heading:
            titles.append(heading["text"].strip())
        elif event:
            _add_event(document, event)
        elif IN_FORCE_ON_PUBLICATION.match(line) and document.events:
            document.events.append(LegislativeEvent(kind=EventKind.EFFECTIVE.value, date=document.events[-1].date, text=line))
        elif document.events:
            # An event's text wrapped onto the next line.
            document.events[-1].text += line
            document.events[-1].kind = _event_kind(document.events[-1].text) or document.events[-1].kind
        else:
            preface.append(line)

    if titles:
        document.title = titles[0]
    if len(titles) > 1:
        document.volume = titles[1]

    if document.title and "".join(preface) in document.title:
        return []
    return preface


def _add_event(document: ParsedDocument, match: re.Match) -> None:
    date = parse_chinese_date(match["date"])
    text = match["text"].strip()
    kind = _event_kind(text)
    if date is None or kind is None:
        return
    document.events.append(LegislativeEvent(kind=kind, date=date, text=f"{match['date']} {text}".strip()))


def _event_kind(text: str) -> str | None:
    text = text.strip().rstrip("　 ）)。")
    if text.endswith("修订通过"):
        return EventKind.REVISED.value
    if text.endswith("修正通过"):
        return EventKind.AMENDED.value

    words = EVENT_WORD.findall(text)
    if not words:
        return None
    return EVENT_KIND_BY_WORD[words[-1]].value


def _read_body(lines: list[str]) -> list[Part]:
    """Structure the body: Markdown headings nest by their depth, paragraphs go through `structure_parts`."""
    depths = [len(match["marks"]) for line in lines if (match := HEADING.match(line))]
    top = min(depths) if depths else 2

    parts: list[Part] = []
    paragraphs: list[str] = []
    for raw in lines:
        line = to_half_width(raw).strip()
        heading = HEADING.match(line)
        if heading:
            parts.extend(structure_parts(paragraphs))
            paragraphs = []
            parts.append(_heading_part(heading["text"], len(heading["marks"]) - top + 1))
        elif line:
            paragraphs.append(line)
    parts.extend(structure_parts(paragraphs))
    return parts


def _heading_part(text: str, level: int) -> Part:
    text = re.sub(r"\s+", " ", text).strip()
    match = re.match(r"^(?P<label>第(?P<number>[一二三四五六七八九十百零\d]+)(?:分编|编|章|节))", text)
    if not match:
        return Part(kind=PartKind.HEADING.value, text=text, level=level)
    return Part(
        kind=PartKind.HEADING.value, text=text, level=level, label=match["label"], number=chinese_to_int(match["number"])
    )


def _fill_dates(document: ParsedDocument, name: str) -> None:
    version_events = [event for event in document.events if event.kind in VERSION_KINDS]
    effective = [event for event in document.events if event.kind == EventKind.EFFECTIVE]

    file_date = FILE_DATE.search(PurePosixPath(name).name)
    if file_date:
        document.version_date = datetime.date.fromisoformat(file_date["date"])
    elif version_events:
        document.version_date = version_events[-1].date

    matching = [event for event in version_events if event.date == document.version_date]
    if matching:
        document.publish_date = matching[0].date
    elif version_events:
        document.publish_date = version_events[-1].date

    if effective:
        document.effective_date = effective[-1].date


def doc_type_for(name: str, document: ParsedDocument) -> str:
    """Return the document type from the folders of `name`, else from the title and events."""
    for folder in PurePosixPath(name.replace("\\", "/")).parts[:-1]:
        if folder in DOC_TYPE_BY_FOLDER:
            return DOC_TYPE_BY_FOLDER[folder].value

    title = document.title
    events = " ".join(event.text for event in document.events)
    if "最高人民法院" in events or "最高人民检察院" in events or title.startswith(("最高人民法院", "最高人民检察院")):
        return DocType.JUDICIAL_INTERPRETATION.value
    if LOCAL_CONGRESS.search(events) and "全国人民代表大会" not in events:
        return DocType.LOCAL_REGULATION.value
    if LOCAL_GOVERNMENT.search(events) or (MINISTRY_ORDER.search(events) and "国务院令" not in events):
        return DocType.RULE.value
    if (title.endswith("法") and not title.endswith("办法")) or "全国人民代表大会" in events:
        return DocType.LAW.value
    if re.match(rf"^{LOCAL_PLACE}", title) and title.endswith("条例"):
        return DocType.LOCAL_REGULATION.value
    if title.endswith("条例") or "国务院" in events:
        return DocType.ADMINISTRATIVE_REGULATION.value
    if MINISTRY_ORDER.search(events):
        return DocType.RULE.value
    return ""


MUNICIPALITIES = {"北京", "上海", "天津", "重庆"}


def _agencies_from_path(name: str, title: str) -> list[str]:
    # Departmental rules are filed under a folder named after the ministry (部门规章/商务部/…).
    folders = PurePosixPath(name.replace("\\", "/")).parts[:-1]
    if "部门规章" in folders and folders.index("部门规章") + 1 < len(folders):
        return [folders[folders.index("部门规章") + 1]]
    if "地方性法规" in folders:
        return [_local_legislature(title, folders)]
    from_title = agencies_from_title(title)
    if from_title:
        return from_title
    for folder in reversed(folders):
        if folder in AGENCY_BY_FOLDER:
            return [AGENCY_BY_FOLDER[folder]]
    return []


# The body that makes the texts of a category when a file names none: administrative
# regulations are the State Council's, judicial interpretations the Supreme People's Court's,
# and national laws (every other category folder) the NPC Standing Committee's.
AGENCY_BY_FOLDER = {
    "行政法规": "国务院",
    "司法解释": "最高人民法院",
    **{
        folder: "全国人民代表大会常务委员会"
        for folder in ("宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法")
    },
}


def _local_legislature(title: str, folders: tuple[str, ...]) -> str:
    """Name the standing committee that adopts a local regulation: the place in the title, else the folder's.

    A local regulation without event lines is still adopted by a people's congress standing
    committee: that of the city or province its title starts with (杭州市…条例), or else that of
    the province or municipality it is filed under (地方性法规/上海/…).
    """
    place = re.match(LOCAL_PLACE, title)
    if place:
        return place.group(0) + "人民代表大会常务委员会"

    index = folders.index("地方性法规")
    region = folders[index + 1] if index + 1 < len(folders) else ""
    suffix = "市" if region in MUNICIPALITIES else "省"
    return f"{region}{suffix}人民代表大会常务委员会" if region else "人民代表大会常务委员会"


def agencies_from_events(events: list[LegislativeEvent]) -> list[str]:
    """Return the issuing agencies named by the first adopting or promulgating event, lead first.

    The first 通过 or 公布 names the body that made the text; later amendments usually name a
    decision that amends many texts at once. Empty when no event names a known body.
    """
    ordered = sorted(
        events, key=lambda event: event.kind not in (EventKind.ADOPTED, EventKind.PROMULGATED)
    )
    for event in ordered:
        agencies = agencies_in_event(event.text)
        if agencies:
            return agencies
    return []


def agencies_in_event(text: str) -> list[str]:
    """Return the bodies that an event line names as acting, such as 国务院 in 国务院令第711号公布."""
    text = DATE_PATTERN.sub("", to_half_width(text), count=1)
    if "最高人民法院" in text or "最高人民检察院" in text:
        return [name for name in ("最高人民法院", "最高人民检察院") if name in text]
    if "全国人民代表大会常务委员会" in text or "全国人大常委会" in text:
        return ["全国人民代表大会常务委员会"]
    if "全国人民代表大会" in text:
        return ["全国人民代表大会"]
    if "国务院" in text:
        return ["国务院", "中央军事委员会"] if "中央军事委员会" in text else ["国务院"]

    congress = LOCAL_CONGRESS.search(text)
    if congress:
        body = "人民代表大会常务委员会" if congress["standing"] or congress["short"] else "人民代表大会"
        return [congress["place"] + body]

    order = MINISTRY_ORDER.search(text)
    if order:
        return [order["agency"]]
    government = LOCAL_GOVERNMENT.search(text)
    if government:
        return [government["place"] + "人民政府"]
    return []
