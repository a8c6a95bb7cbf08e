"""办理结果: the outcome of a request, one code per row of part 三 of the annual report.

The codes are exactly the result rows of the 2021 report format (国办公开办函〔2021〕30号), so the
report is a count per code and no request is counted twice. Each code carries the article of
《中华人民共和国政府信息公开条例》 (2019) that the answer letter cites.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

REGULATIONS = "《中华人民共和国政府信息公开条例》"


class Outcome(models.TextChoices):
    """The result rows of part 三, in the report's order."""

    DISCLOSED = "disclosed", _("Disclosed")
    PARTIALLY_DISCLOSED = "partially_disclosed", _("Partially disclosed")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("Withheld: state secret")
    WITHHELD_PROHIBITED_BY_LAW = "withheld_prohibited_by_law", _("Withheld: prohibited by law")
    WITHHELD_SECURITY = "withheld_security", _("Withheld: endangers security or stability")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("Withheld: protects a third party")
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", _("Withheld: internal affairs")
    WITHHELD_PROCESS = "withheld_process", _("Withheld: process information")
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _("Withheld: enforcement case file")
    WITHHELD_ADMINISTRATIVE_QUERY = "withheld_administrative_query", _("Withheld: administrative query matter")
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("Unavailable: not held by this agency")
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", _("Unavailable: would have to be created")
    UNAVAILABLE_STILL_UNCLEAR = "unavailable_still_unclear", _("Unavailable: still unclear after supplement")
    NOT_PROCESSED_PETITION = "not_processed_petition", _("Not processed: petition or complaint")
    NOT_PROCESSED_REPEAT = "not_processed_repeat", _("Not processed: repeat request")
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", _("Not processed: public publication")
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", _("Not processed: excessive requests")
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation", _("Not processed: confirmation of information held")
    OTHER_NO_SUPPLEMENT = "other_no_supplement", _("Other: no supplement in time")
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("Other: fee not paid in time")
    OTHER = "other", _("Other")


class Group(models.TextChoices):
    """The numbered result groups of part 三: （一） to （六）."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTIAL = "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD = "withheld", "（三）不予公开"
    UNAVAILABLE = "unavailable", "（四）无法提供"
    NOT_PROCESSED = "not_processed", "（五）不予处理"
    OTHER = "other", "（六）其他处理"


@dataclass(frozen=True)
class OutcomeRule:
    """What the report prints for an outcome and what its answer letter cites.

    `label` is the row label exactly as the report template prints it; `articles` names the articles of
    the Regulations; `basis` is the sentence of the answer letter that states the legal basis.
    """

    group: Group
    label: str
    articles: str
    basis: str


def _rule(group: Group, label: str, articles: str, reason: str) -> OutcomeRule:
    basis = f"根据{REGULATIONS}{articles}的规定，{reason}" if articles else reason
    return OutcomeRule(group=group, label=label, articles=articles, basis=basis)


RULES: dict[str, OutcomeRule] = {
    Outcome.DISCLOSED: _rule(
        Group.DISCLOSED,
        "（一）予以公开",
        "第三十六条第（一）项、第（二）项",
        "您申请获取的政府信息属于公开范围，本机关予以公开。",
    ),
    Outcome.PARTIALLY_DISCLOSED: _rule(
        Group.PARTIAL,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关向您提供可以公开的部分，"
        "对不予公开的部分说明理由如下。",
    ),
    Outcome.WITHHELD_STATE_SECRET: _rule(
        Group.WITHHELD, "1.属于国家秘密", "第十四条、第三十六条第（三）项", "依法确定为国家秘密的政府信息，不予公开。"
    ),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: _rule(
        Group.WITHHELD,
        "2.其他法律行政法规禁止公开",
        "第十四条、第三十六条第（三）项",
        "法律、行政法规禁止公开的政府信息，不予公开。",
    ),
    Outcome.WITHHELD_SECURITY: _rule(
        Group.WITHHELD,
        "3.危及“三安全一稳定”",
        "第十四条、第三十六条第（三）项",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
    ),
    Outcome.WITHHELD_THIRD_PARTY: _rule(
        Group.WITHHELD,
        "4.保护第三方合法权益",
        "第十五条、第三十六条第（三）项",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开。",
    ),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: _rule(
        Group.WITHHELD,
        "5.属于三类内部事务信息",
        "第十六条第一款、第三十六条第（三）项",
        "您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开。",
    ),
    Outcome.WITHHELD_PROCESS: _rule(
        Group.WITHHELD,
        "6.属于四类过程性信息",
        "第十六条第二款、第三十六条第（三）项",
        "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，"
        "不予公开。",
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: _rule(
        Group.WITHHELD,
        "7.属于行政执法案卷",
        "第十六条第二款、第三十六条第（三）项",
        "您申请获取的信息属于行政执法案卷信息，不予公开。",
    ),
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: _rule(
        Group.WITHHELD,
        "8.属于行政查询事项",
        "第三十六条第（七）项",
        "您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形，"
        "请依照有关法律、行政法规的规定办理。",
    ),
    Outcome.UNAVAILABLE_NOT_HELD: _rule(
        Group.UNAVAILABLE,
        "1.本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
        "经检索，本机关未制作或者获取您申请的政府信息，或者该信息不属于本机关负责公开。",
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: _rule(
        Group.UNAVAILABLE,
        "2.没有现成信息需要另行制作",
        "第三十八条",
        "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。您申请的信息需要本机关对现有政府信息进行加工、"
        "分析，本机关不予提供。",
    ),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: _rule(
        Group.UNAVAILABLE,
        "3.补正后申请内容仍不明确",
        "第三十条",
        "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息。",
    ),
    Outcome.NOT_PROCESSED_PETITION: _rule(
        Group.NOT_PROCESSED,
        "1.信访举报投诉类申请",
        "第三十九条第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
        "请通过相应渠道提出。",
    ),
    Outcome.NOT_PROCESSED_REPEAT: _rule(
        Group.NOT_PROCESSED,
        "2.重复申请",
        "第三十六条第（六）项",
        "本机关已就您申请公开的政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: _rule(
        Group.NOT_PROCESSED,
        "3.要求提供公开出版物",
        "第三十九条第二款",
        "您申请获取的是公报、报刊、书籍等公开出版物，请通过下列途径获取。",
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: _rule(
        Group.NOT_PROCESSED,
        "4.无正当理由大量反复申请",
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或者理由不合理，本机关不予处理。",
    ),
    # NOTE: the Regulations have no article for requests to confirm or re-issue information the applicant
    # already holds; Art. 2 defines government information as what agencies make or obtain in their duties.
    Outcome.NOT_PROCESSED_CONFIRMATION: _rule(
        Group.NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
        "第二条",
        "您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的范围，本机关不予处理。",
    ),
    Outcome.OTHER_NO_SUPPLEMENT: _rule(
        Group.OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome.OTHER_FEE_UNPAID: _rule(
        Group.OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条",
        "您未在收费通知规定的期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请"
        "（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）。",
    ),
    Outcome.OTHER: _rule(Group.OTHER, "3.其他", "", "本机关对您的申请作出如下处理。"),
}


def rule(outcome: str) -> OutcomeRule:
    """Return the report row and legal basis of `outcome`."""
    return RULES[Outcome(outcome)]


def group_of(outcome: str) -> Group:
    return rule(outcome).group


def withholds_information(outcome: str) -> bool:
    """True when the answer withholds information (不予公开, or the withheld part of 部分公开)."""
    return group_of(outcome) in (Group.WITHHELD, Group.PARTIAL)
