"""The seed texts of the letter templates, loaded by a data migration; administrators edit the copies.

Bodies use Django template syntax. The context is built by `gongkai.disclosure.letters.letter_context`.
Answer letters follow the 答复书 skeleton of Jiangsu's reference text (苏政办函〔2019〕98号): the date
of receipt, the decision, its legal basis, how the information is provided, and the remedies.
"""

from gongkai.disclosure.outcomes import Group, Outcome, rule

HEADER = "{{ applicant_name }}：\n\n"

FOOTER = "\n\n{{ office_name }}\n{{ today }}\n（申请编号：{{ tracking_code }}）"

RECEIPT = (
    HEADER
    + "本机关已收到您提交的政府信息公开申请。收到申请之日为{{ received_on|default:'待确认' }}，申请编号为{{ tracking_code }}。\n\n"
    "您申请获取的信息：{{ information }}\n\n"
    "本机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，自收到申请之日起20个工作日内予以答复"
    "{% if due_date %}（届满日为{{ due_date }}）{% endif %}；需要延长答复期限的，将另行告知。"
    "您可凭申请编号和联系电话或电子邮箱查询办理进度。"
    + FOOTER
)

SUPPLEMENT_NOTICE = (
    HEADER
    + "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ tracking_code }}）。"
    "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您补正以下内容：\n\n"
    "{{ supplement_items }}\n\n"
    "请于{{ supplement_deadline }}前向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。"
    "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    + FOOTER
)

EXTENSION_NOTICE = (
    HEADER
    + "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ tracking_code }}）。"
    "因{{ extension_reason }}，不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
    "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个工作日，本机关将于{{ due_date }}前作出答复。"
    + FOOTER
)

CONSULTATION = (
    "{{ party_name }}：\n\n"
    "本机关于{{ received_on }}收到一份政府信息公开申请（申请编号：{{ tracking_code }}），申请公开的信息为：{{ information }}。"
    "本机关认为，公开该信息可能损害您的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您的意见。\n\n"
    "请于收到本征求意见书之日起15个工作日内（{{ reply_deadline }}前）提出书面意见。逾期未提出意见的，"
    "由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
    "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。"
    + FOOTER
)

FEE_NOTICE = (
    HEADER
    + "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ tracking_code }}）。"
    "您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和"
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。\n\n"
    "计收方式：{{ fee_method }}\n计费依据：{{ fee_explanation }}\n应缴金额：{{ fee_amount }}元\n\n"
    "请于收到本通知次日起20个工作日内（{{ payment_deadline }}前）缴纳。缴费方式：{{ payment_method }}。"
    "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    + FOOTER
)

ANSWER_OPENING = HEADER + "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ tracking_code }}），申请获取：{{ information }}。\n\n经审查，现答复如下：\n\n"

ANSWER_CLOSING = "\n\n{% if note %}{{ note }}\n\n{% endif %}{{ remedy }}" + FOOTER

# The paragraph after the legal basis, per outcome group, telling the applicant what follows from it.
GROUP_DECISIONS = {
    Group.DISCLOSED: "本机关向您提供该政府信息（提供方式：{{ provision_form }}，获取途径：{{ delivery_method }}）。"
    "{% if documents %}该信息已经主动公开，您可以通过以下途径获取：{% for document in documents %}\n{{ document.title }}"
    "{% if document.document_number %}（{{ document.document_number }}）{% endif %} {{ document.url }}{% endfor %}{% endif %}",
    Group.PARTIAL: "可以公开的部分随本答复书提供（提供方式：{{ provision_form }}）。",
    Group.WITHHELD: "本机关决定不予公开。",
    Group.UNAVAILABLE: "本机关无法提供您申请的政府信息。"
    "{% if responsible_agency %}该信息由{{ responsible_agency }}负责公开，请向该机关咨询。{% endif %}",
    Group.NOT_PROCESSED: "本机关不作为政府信息公开申请处理。",
    Group.OTHER: "本机关对该政府信息公开申请不再处理。",
}


def answer_body(outcome: str) -> str:
    """Return the seed body of the answer letter for `outcome`."""
    outcome_rule = rule(outcome)
    return ANSWER_OPENING + outcome_rule.basis + GROUP_DECISIONS[outcome_rule.group] + ANSWER_CLOSING


ANSWER_TITLE = "{{ agency_name }}政府信息公开申请答复书"

TEMPLATES = [
    ("receipt", "", "{{ agency_name }}政府信息公开申请登记回执", RECEIPT),
    ("supplement_notice", "", "{{ agency_name }}政府信息公开申请补正告知书", SUPPLEMENT_NOTICE),
    ("extension_notice", "", "{{ agency_name }}政府信息公开申请延期答复告知书", EXTENSION_NOTICE),
    ("consultation", "", "{{ agency_name }}政府信息公开第三方意见征询书", CONSULTATION),
    ("fee_notice", "", "{{ agency_name }}政府信息公开信息处理费收费通知书", FEE_NOTICE),
] + [("answer", outcome.value, ANSWER_TITLE, answer_body(outcome)) for outcome in Outcome]
