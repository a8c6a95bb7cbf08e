"""A synthetic 公文 in DOCX and PDF, built at test time.

The corpus has no real DOCX file, so the DOCX parser is tested on a document built here with
python-docx: the red head (发文机关标志) sits in a floating text box as Word saves it, a DrawingML
box in mc:Choice repeated as a VML box in mc:Fallback. The body has the elements of GB/T 9704:
发文字号, 标题, 主送机关, 附件说明, 署名, 成文日期, 附注, an attachment (附件1) with a 补贴标准 table
that has merged cells, and a 版记. The PDF is that DOCX converted by LibreOffice.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Pt

RED_HEAD = "江城市人民政府办公室文件"
DOCUMENT_NUMBER = "江府办发〔2025〕12号"
TITLE = "江城市人民政府办公室关于印发《江城市2025年耕地地力保护补贴实施办法》的通知"
ADDRESSEES = "各区人民政府，市政府各委、办、局："
BODY = "《江城市2025年耕地地力保护补贴实施办法》已经市政府同意，现印发给你们，请认真贯彻执行。"
ATTACHMENT_NOTE = "附件：江城市2025年耕地地力保护补贴实施办法"
SIGNATURE = "江城市人民政府办公室"
WRITTEN_DATE = "2025年3月5日"
NOTE = "（此件公开发布）"
ATTACHMENT_LABEL = "附件1"
ATTACHMENT_TITLE = "江城市2025年耕地地力保护补贴实施办法"
TABLE_HEADING = "一、补贴标准"
SUBSIDY_TABLE = [
    ["补贴对象", "补贴标准（元/亩）", "备注"],
    ["种植粮食作物的耕地", "120", "按实际种植面积"],
    ["", "150", "高标准农田"],
    ["撂荒地、非农建设占用的耕地", "不予补贴", ""],
]
COPIED_TO = "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。"
PRINTED_BY = "江城市人民政府办公室          2025年3月5日印发"

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)

RED_RUN = (
    '<w:r><w:rPr><w:rFonts w:eastAsia="Noto Serif CJK SC"/><w:b/><w:color w:val="FF0000"/>'
    '<w:sz w:val="72"/></w:rPr><w:t>{text}</w:t></w:r>'
)


def text_box_run(text: str) -> str:
    """Return a w:r holding a floating text box with one centred red paragraph, as Word writes it."""
    paragraph = f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{RED_RUN.format(text=text)}</w:p>'
    return f"""<w:r {NAMESPACES}>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2"
            behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="5600000" cy="900000"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:wrapTopAndBottom/>
          <wp:docPr id="1" name="Red head"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvSpPr txBox="1"/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="900000"/></a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                  <a:noFill/>
                  <a:ln><a:noFill/></a:ln>
                </wps:spPr>
                <wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx>
                <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:shape id="RedHead" type="#_x0000_t202" style="position:absolute;width:441pt;height:71pt" stroked="f">
          <v:textbox><w:txbxContent>{paragraph}</w:txbxContent></v:textbox>
          <w10:wrap type="topAndBottom"/>
        </v:shape>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def merge_cells(table) -> None:
    """Merge the 补贴对象 cells of rows 2 and 3 (vertical) and the last row's last two cells (horizontal)."""
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 1).merge(table.cell(3, 2))


def build_gongwen_docx() -> bytes:
    """Return the bytes of the synthetic 公文 DOCX."""
    document = docx.Document()
    document.core_properties.title = TITLE
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Noto Serif CJK SC"
    )

    head = document.add_paragraph()
    head._p.append(parse_xml(text_box_run(RED_HEAD)))
    centred(document, DOCUMENT_NUMBER)
    centred(document, TITLE)
    document.add_paragraph(ADDRESSEES)
    document.add_paragraph(BODY)
    document.add_paragraph(ATTACHMENT_NOTE)
    right_aligned(document, SIGNATURE)
    right_aligned(document, WRITTEN_DATE)
    document.add_paragraph(NOTE)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    document.add_paragraph(ATTACHMENT_LABEL)
    centred(document, ATTACHMENT_TITLE)
    document.add_paragraph(TABLE_HEADING)
    table = document.add_table(rows=len(SUBSIDY_TABLE), cols=3)
    table.style = "Table Grid"
    for row_index, row in enumerate(SUBSIDY_TABLE):
        for column_index, text in enumerate(row):
            table.cell(row_index, column_index).text = text
    merge_cells(table)
    document.add_paragraph("二、发放方式")
    document.add_paragraph("补贴资金通过“一卡通”直接发放到户。")

    document.add_paragraph(COPIED_TO)
    document.add_paragraph(PRINTED_BY)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def centred(document, text: str) -> None:
    document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def right_aligned(document, text: str) -> None:
    document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def convert_to_pdf(docx_bytes: bytes, folder: Path, password: str = "") -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice, skipping the test when LibreOffice is absent.

    With `password`, the PDF is encrypted and needs that password to open.
    """
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(
            "LibreOffice is not installed (apt-get install libreoffice-writer-nogui fonts-noto-cjk), "
            "so the PDF made from the synthetic DOCX cannot be built"
        )

    source = folder / "gongwen.docx"
    source.write_bytes(docx_bytes)
    profile = (folder / "lo-profile").as_uri()
    target = "pdf"
    if password:
        options = {
            "EncryptFile": {"type": "boolean", "value": "true"},
            "DocumentOpenPassword": {"type": "string", "value": password},
        }
        target = f"pdf:writer_pdf_Export:{json.dumps(options)}"
    subprocess.run(
        [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "gongwen.pdf").read_bytes()
