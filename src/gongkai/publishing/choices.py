"""Choice lists of the publishing workflow, defined once; models, actions, checks and views use these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatus(models.TextChoices):
    """The states a draft passes through on its way to the library."""

    DRAFT = "draft", _("Draft")  # 起草
    ATTRIBUTE_DECIDED = "attribute_decided", _("Disclosure attribute decided")  # 公开属性已审查
    CHECKS_PENDING = "checks_pending", _("Findings to resolve")  # 发布审查：待处理
    APPROVED = "approved", _("Approved for publication")  # 发布审查通过
    SCHEDULED = "scheduled", _("Scheduled")  # 定时发布
    PUBLISHED = "published", _("Published")  # 已发布
    WITHHELD = "withheld", _("Not disclosed")  # 不予公开，不发布
    WITHDRAWN = "withdrawn", _("Withdrawn")  # 已撤回


class DraftKind(models.TextChoices):
    POLICY = "policy", _("Policy document")
    INTERPRETATION = "interpretation", _("Policy interpretation")  # 政策解读


class WithholdingGround(models.TextChoices):
    """The legal grounds for 不予公开 or 依申请公开 under the 政府信息公开条例 (2019), articles 14–16."""

    STATE_SECRET = "art14_state_secret", "第十四条：依法确定为国家秘密"
    PROHIBITED_BY_LAW = "art14_prohibited", "第十四条：法律、行政法规禁止公开"
    SECURITY_STABILITY = "art14_security", "第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定"
    TRADE_SECRET = "art15_trade_secret", "第十五条：涉及商业秘密，公开会对第三方合法权益造成损害"
    PERSONAL_PRIVACY = "art15_privacy", "第十五条：涉及个人隐私，公开会对第三方合法权益造成损害"
    INTERNAL_AFFAIRS = "art16_internal", "第十六条：内部事务信息（人事管理、后勤管理、内部工作流程等）"
    PROCESS_INFORMATION = "art16_process", "第十六条：过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"
    ENFORCEMENT_FILE = "art16_enforcement", "第十六条：行政执法案卷信息"


class Severity(models.TextChoices):
    """Severity of a pre-publication finding: blocking stops publication, a warning needs confirmation."""

    BLOCKING = "blocking", _("Blocking")
    WARNING = "warning", _("Warning")


class FindingResolution(models.TextChoices):
    CONFIRMED = "confirmed", _("Warning confirmed")  # 审核人确认警告
    OVERRIDDEN = "overridden", _("Blocking finding overridden")  # 公开办书面理由放行


class InterpretationKind(models.TextChoices):
    """Forms of 政策解读."""

    TEXT = "text", _("Text")  # 文字解读
    GRAPHIC = "graphic", _("Graphic")  # 图解
    VIDEO = "video", _("Video")  # 视频解读
