"""Choice lists of disclosure requests (依申请公开), defined once; models, forms, views and the report use these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """申请人类型: the applicant columns of part 三 of the annual report, in the report's order."""

    NATURAL_PERSON = "natural_person", _("Natural person")  # 自然人
    BUSINESS = "business", _("Business enterprise")  # 商业企业
    RESEARCH = "research", _("Research institution")  # 科研机构
    PUBLIC_INTEREST = "public_interest", _("Public-interest organisation")  # 社会公益组织
    LEGAL_SERVICES = "legal_services", _("Legal services organisation")  # 法律服务机构
    OTHER = "other", _("Other organisation")  # 其他


class IdDocumentType(models.TextChoices):
    """身份证明."""

    RESIDENT_ID = "resident_id", _("Resident identity card")  # 居民身份证
    PASSPORT = "passport", _("Passport")
    OTHER_PERSONAL = "other_personal", _("Other identity document")
    CREDIT_CODE = "credit_code", _("Unified social credit code")  # 统一社会信用代码
    OTHER_ORGANISATION = "other_organisation", _("Other organisation certificate")


class Channel(models.TextChoices):
    """申请方式: how the request reached the agency, which fixes its receipt date (Regulations Art. 31)."""

    IN_PERSON = "in_person", _("In person")  # 当面提交
    REGISTERED_POST = "registered_post", _("Post requiring a signature")  # 需签收的邮件
    ORDINARY_POST = "ordinary_post", _("Ordinary post")  # 平信
    FAX = "fax", _("Fax")  # 传真
    ONLINE = "online", _("Online")  # 互联网渠道（含电子邮件）


class ProvisionForm(models.TextChoices):
    """政府信息的提供形式."""

    PAPER = "paper", _("Paper copy")  # 纸质
    ELECTRONIC = "electronic", _("Electronic file")  # 电子文档
    INSPECTION = "inspection", _("Inspection or transcription on site")  # 查阅、抄录


class DeliveryMethod(models.TextChoices):
    """获取方式 requested by the applicant, and 送达方式 of a letter."""

    POST = "post", _("Post")  # 邮寄
    EMAIL = "email", _("E-mail")  # 电子邮件
    PICK_UP = "pick_up", _("Collect in person")  # 自行领取
    ONLINE = "online", _("Online")  # 网上获取


class Status(models.TextChoices):
    """办理状态. A case is never deleted: every case ends as answered, withdrawals included (其他处理)."""

    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation of receipt")  # 待确认收到
    PROCESSING = "processing", _("Processing")  # 办理中
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")  # 待补正
    CONSULTING = "consulting", _("Consulting third parties")  # 征求意见中
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")  # 待缴费
    ANSWERED = "answered", _("Answered")  # 已答复


OPEN_STATUSES = (
    Status.AWAITING_CONFIRMATION,
    Status.PROCESSING,
    Status.AWAITING_SUPPLEMENT,
    Status.CONSULTING,
    Status.AWAITING_PAYMENT,
)


class EventKind(models.TextChoices):
    """A dated step of a case, or a period for the two kinds that pause the clock.

    The due date is derived from these (see `gongkai.disclosure.clock`).
    """

    RECEIVED = "received", _("Received")  # 收到申请
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")  # 补正告知
    SUPPLEMENT_RECEIVED = "supplement_received", _("Supplement received")  # 收到补正
    EXTENDED = "extended", _("Extended")  # 延期
    CONSULTATION = "consultation", _("Consultation")  # 征求意见: sent on `date`, answered on `end_date`
    LATER_DATE_SET = "later_date_set", _("Later answer date set")  # 第三十五条 另行确定答复期限
    FEE_NOTICE = "fee_notice", _("Fee notice")  # 收费通知: sent on `date`, paid on `end_date`
    ANSWERED = "answered", _("Answered")  # 作出答复


class ConsultedParty(models.TextChoices):
    """征求意见的对象: a third party (Art. 32), a co-producing agency (Art. 34) or another agency (Art. 33)."""

    THIRD_PARTY = "third_party", _("Third party")  # 第三方
    CO_PRODUCER = "co_producer", _("Co-producing agency")  # 共同制作机关
    OTHER_AGENCY = "other_agency", _("Other agency")  # 其他机关


class FeeMethod(models.TextChoices):
    """计收方式 of the information processing fee: per request or per page, never both."""

    PER_REQUEST = "per_request", _("Per request")  # 按件计收
    PER_PAGE = "per_page", _("Per page")  # 按量计收


class LetterKind(models.TextChoices):
    """文书种类: procedural letters, and the answer letter whose text depends on the outcome."""

    RECEIPT = "receipt", _("Receipt")  # 登记回执
    SUPPLEMENT_NOTICE = "supplement_notice", _("Supplement notice")  # 补正告知书
    EXTENSION_NOTICE = "extension_notice", _("Extension notice")  # 延期告知书
    CONSULTATION = "consultation", _("Consultation letter")  # 第三方征求意见书
    FEE_NOTICE = "fee_notice", _("Fee notice")  # 收费通知书
    ANSWER = "answer", _("Answer letter")  # 答复书
