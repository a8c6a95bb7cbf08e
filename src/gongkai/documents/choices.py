"""Choice lists of the policy library, defined once; parsers, models and views all use these."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Validity(models.TextChoices):
    """效力状态."""

    VALID = "valid", _("In force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")
    AMENDED = "amended", _("Amended")


class Disclosure(models.TextChoices):
    """公开属性 under the Regulations on Open Government Information."""

    PROACTIVE = "proactive", _("Proactive disclosure")
    ON_REQUEST = "on_request", _("Disclosure on request")
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed")


class DocType(models.TextChoices):
    """文种: the 15 types of the 党政机关公文处理工作条例 (Art. 8) plus categories of legal texts."""

    RESOLUTION = "resolution", _("Resolution")  # 决议
    DECISION = "decision", _("Decision")  # 决定
    ORDER = "order", _("Order")  # 命令（令）
    COMMUNIQUE = "communique", _("Communiqué")  # 公报
    ANNOUNCEMENT = "announcement", _("Announcement")  # 公告
    PUBLIC_NOTICE = "public_notice", _("Public notice")  # 通告
    OPINION = "opinion", _("Opinion")  # 意见
    NOTICE = "notice", _("Notice")  # 通知
    BULLETIN = "bulletin", _("Bulletin")  # 通报
    REPORT = "report", _("Report")  # 报告
    REQUEST = "request", _("Request for instructions")  # 请示
    REPLY = "reply", _("Official reply")  # 批复
    MOTION = "motion", _("Motion")  # 议案
    LETTER = "letter", _("Letter")  # 函
    MINUTES = "minutes", _("Minutes")  # 纪要
    LAW = "law", _("Law")  # 法律
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("Administrative regulation")  # 行政法规
    LOCAL_REGULATION = "local_regulation", _("Local regulation")  # 地方性法规
    RULE = "rule", _("Rule")  # 规章
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document")  # 规范性文件
    JUDICIAL_INTERPRETATION = "judicial_interpretation", _("Judicial interpretation")  # 司法解释
    OTHER = "other", _("Other")


# The Chinese name of each 公文 type as it ends a title (关于…的通知), longest first so that
# 命令 is tried before 令.
DOC_TYPE_BY_TITLE_SUFFIX = {
    "决议": DocType.RESOLUTION,
    "决定": DocType.DECISION,
    "命令": DocType.ORDER,
    "令": DocType.ORDER,
    "公报": DocType.COMMUNIQUE,
    "公告": DocType.ANNOUNCEMENT,
    "通告": DocType.PUBLIC_NOTICE,
    "意见": DocType.OPINION,
    "通知": DocType.NOTICE,
    "通报": DocType.BULLETIN,
    "报告": DocType.REPORT,
    "请示": DocType.REQUEST,
    "批复": DocType.REPLY,
    "议案": DocType.MOTION,
    "函": DocType.LETTER,
    "纪要": DocType.MINUTES,
}


class PartKind(models.TextChoices):
    HEADING = "heading", _("Heading")
    PARAGRAPH = "paragraph", _("Paragraph")
    ARTICLE = "article", _("Article")
    TABLE = "table", _("Table")


class EventKind(models.TextChoices):
    """Legislative events: 通过, 公布, 批准, 修订, 修正, 施行, 废止."""

    ADOPTED = "adopted", _("Adopted")
    PROMULGATED = "promulgated", _("Promulgated")
    APPROVED = "approved", _("Approved")
    REVISED = "revised", _("Revised")
    # The validity "Amended" is 已修订; the event is 修正, a partial amendment as opposed to 修订.
    AMENDED = "amended", pgettext_lazy("legislative event", "Amended")
    EFFECTIVE = "effective", _("Took effect")
    REPEALED = "repealed", _("Repealed")


EVENT_KIND_BY_WORD = {
    "通过": EventKind.ADOPTED,
    "公布": EventKind.PROMULGATED,
    "发布": EventKind.PROMULGATED,
    "批准": EventKind.APPROVED,
    "修订": EventKind.REVISED,
    "修正": EventKind.AMENDED,
    "修改": EventKind.AMENDED,
    "施行": EventKind.EFFECTIVE,
    "废止": EventKind.REPEALED,
}
