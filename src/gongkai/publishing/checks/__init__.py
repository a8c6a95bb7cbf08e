"""Pre-publication checks (发布审查): one module per rule family, run together by `run`.

Each rule family is a function `check(material) -> list[Finding]`. `run` adds the link check,
whose resolver and allow-list callers may replace (tests pass a fake, so no request is sent).
"""

from __future__ import annotations

import io

import docx
from django.utils.translation import gettext, ngettext

from gongkai.documents.parsing import parse
from gongkai.documents.parsing.base import ParsedDocument, ParseError
from gongkai.documents.parsing.docx import body_blocks
from gongkai.documents.parsing.text import decode_text
from gongkai.publishing.checks import codes, gbt9704, interpretation, links, marks, personal, wording
from gongkai.publishing.checks.base import Finding, Line, Material

RULE_FAMILIES = (personal.check, codes.check, marks.check, gbt9704.check, wording.check, interpretation.check)

__all__ = ["Finding", "Line", "Material", "run", "material_from_file", "material_from_parsed", "first_document"]


def run(material: Material, *, resolver: links.Resolver | None = None, allowed_hosts: list[str] | None = None) -> list[Finding]:
    """Run every rule family on `material`; return the findings ordered by line, blocking first."""
    families = (*RULE_FAMILIES, links.make_check(resolver, allowed_hosts))
    findings = [finding for family in families for finding in family(material)]
    return sorted(findings, key=lambda finding: (finding.line, finding.severity != "blocking", finding.rule))


def first_document(name: str, data: bytes) -> ParsedDocument:
    """Parse a file and return its one document, or raise ParseError naming the file."""
    results = parse(name, data)
    documents = [result for result in results if isinstance(result, ParsedDocument)]
    if not documents:
        raise ParseError(gettext("File “{name}” contains no readable document text: check the file's content.").format(name=name))
    if len(documents) > 1:
        message = ngettext(
            "File “{name}” contains {count} document: upload one document at a time for publication.",
            "File “{name}” contains {count} documents: upload one document at a time for publication.",
            len(documents),
        )
        raise ParseError(message.format(name=name, count=len(documents)))
    return documents[0]


def material_from_file(name: str, data: bytes, **known) -> Material:
    """Read a file into checkable lines: DOCX paragraphs and table rows, text lines, or the parsed text.

    For DOCX a line is a non-empty paragraph or a table row; for plain text and Markdown it is a
    line of the file. Other formats (PDF, OFD, HTML) are checked on their parsed text, line by line.
    `known` sets the other fields of `Material` (disclosure, has_interpretation …).
    """
    parsed = first_document(name, data)
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""

    if suffix == "docx":
        lines = _block_lines(body_blocks(docx.Document(io.BytesIO(data)).element.body))
    elif suffix in ("txt", "text", "md", "markdown"):
        lines = _text_lines(decode_text(data, name))
    else:
        return material_from_parsed(parsed, **known)
    return Material(lines=lines, title=parsed.title, parsed=parsed, **known)


def material_from_text(text: str, title: str = "", **known) -> Material:
    """Build the material of text typed into a form; `title` overrides the title found in it."""
    parsed = first_document("正文.txt", text.encode("utf-8"))
    return Material(lines=_text_lines(text), title=title or parsed.title, parsed=parsed, **known)


def material_from_parsed(parsed: ParsedDocument, **known) -> Material:
    """Rebuild checkable lines from a parsed document, for formats whose layout lines are not kept."""
    texts: list[str | list[str]] = []
    if parsed.classification:
        texts.append(parsed.classification)
    if parsed.document_number:
        texts.append(parsed.document_number.original)
    texts.append(parsed.title)
    if parsed.addressees:
        texts.append(f"{parsed.addressees}：")
    texts.extend(_part_texts(parsed.parts))
    texts.extend(f"附件：{position}.{name}" for position, name in enumerate(parsed.attachment_notes, start=1))
    if parsed.note:
        texts.append(f"（{parsed.note}）")
    for attachment in parsed.attachments:
        texts.append(attachment.label)
        texts.append(attachment.title)
        texts.extend(_part_texts(attachment.parts))

    blocks = [text for text in texts if text]
    return Material(lines=_block_lines(blocks), title=parsed.title, parsed=parsed, **known)


def _part_texts(parts) -> list[str | list[list[str]]]:
    blocks = []
    for part in parts:
        if part.rows:
            blocks.append(part.rows)
        else:
            blocks.extend(part.text.splitlines())
    return blocks


def _block_lines(blocks) -> list[Line]:
    lines: list[Line] = []
    table = 0
    for block in blocks:
        if isinstance(block, str):
            lines.append(Line(len(lines) + 1, block))
            continue
        table += 1
        for row in block:
            lines.append(Line(len(lines) + 1, "\t".join(row), cells=list(row), table=table))
    return lines


def _text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    table = 0
    previous_tabbed = False
    for number, raw in enumerate(text.splitlines(), start=1):
        tabbed = "\t" in raw.strip()
        if tabbed and not previous_tabbed:
            table += 1
        lines.append(Line(number, raw, cells=raw.strip().split("\t") if tabbed else None, table=table if tabbed else None))
        previous_tabbed = tabbed
    return lines
