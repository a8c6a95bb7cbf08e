"""Documents the publishing tests build: DOCX files made with python-docx, staff accounts per agency."""

from __future__ import annotations

import io

import docx
from django.contrib.auth import get_user_model

from gongkai.core.models import Agency, AgencyKind, Role, StaffProfile

POLICY_LINES = [
    "上海市示例区科学技术委员会文件",
    "示科发〔2025〕7号",
    "上海市示例区科学技术委员会关于印发《示例区科技创新券管理办法》的通知",
    "各街道办事处、各镇人民政府：",
    "现将《示例区科技创新券管理办法》印发给你们，请认真贯彻执行。",
    "一、申报条件",
    "在本区注册的科技型中小企业均可申报。",
    "二、补贴标准",
    "每家企业每年补贴不超过30万元。",
    "三、联系方式",
    "{contact}",
    "上海市示例区科学技术委员会",
    "2025年3月5日",
    "（此件公开发布）",
]
PERSONAL_CONTACT = "联系人：王明，手机：13812345678。"
OFFICE_CONTACT = "联系电话：021-23456789。"


def policy_docx(contact: str = PERSONAL_CONTACT) -> bytes:
    """Return a DOCX 公文 with a 申报 condition, whose contact line is `contact`."""
    document = docx.Document()
    for line in POLICY_LINES:
        document.add_paragraph(line.format(contact=contact))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


INTERPRETATION_TEXT = """《示例区科技创新券管理办法》政策解读

一、制定背景
为支持科技型中小企业创新发展，区科委制定了本办法。

二、主要内容
本办法明确了创新券的使用范围和支持标准。
"""


def make_agency(code: str, name: str, parent: Agency | None = None) -> Agency:
    kind = AgencyKind.DISTRICT_DEPARTMENT if parent else AgencyKind.DISTRICT_GOVERNMENT
    return Agency.objects.create(code=code, name=name, parent=parent, kind=kind)


def make_staff(username: str, agency: Agency, role: str = Role.DRAFTER):
    # No password: the tests log in with force_login, and hashing a password per user made this suite several times slower.
    user = get_user_model().objects.create_user(username=username)
    StaffProfile.objects.create(user=user, agency=agency, role=role)
    return user
