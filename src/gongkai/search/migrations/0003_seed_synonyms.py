"""Seed synonym groups: abbreviations, colloquial words and the legal terms they stand for."""

from django.db import migrations

GROUPS = [
    "医保 医疗保险 基本医疗保险",
    "社保 社会保险",
    "公积金 住房公积金",
    "低保 最低生活保障",
    "社保卡 社会保障卡",
    "失业金 失业保险金",
    "养老金 基本养老金 退休金",
    "个税 个人所得税",
    "身份证 居民身份证",
    "驾照 驾驶证 机动车驾驶证",
    "行车证 行驶证 机动车行驶证",
    "车牌 号牌 机动车号牌",
    "户口 户籍",
    "暂住证 居住证",
    "廉租房 廉租住房",
    "公租房 公共租赁住房",
    "经适房 经济适用住房",
    "保障房 保障性住房",
    "房产证 房屋所有权证 不动产权证书",
    "拆迁 房屋征收",
    "拆迁补偿 征收补偿",
    "网约车 网络预约出租汽车",
    "共享单车 互联网租赁自行车",
    "残疾证 残疾人证",
    "残疾人 残障人士",
    "个体户 个体工商户",
    "小微企业 小型微型企业",
    "工资 劳动报酬",
    "欠薪 拖欠工资",
    "辞退 解雇 解除劳动合同",
    "加班费 加班工资",
    "车祸 交通事故",
    "酒驾 酒后驾驶 饮酒后驾驶",
    "醉驾 醉酒驾驶",
    "打官司 诉讼",
    "网购 网络购物",
    "老人 老年人",
    "看病 就医 就诊",
    "居委会 居民委员会",
    "村委会 村民委员会",
    "业委会 业主委员会",
    "城管 城市管理执法",
    "环评 环境影响评价",
    "自贸区 自由贸易试验区",
    "进博会 进口博览会 中国国际进口博览会",
    "长三角 长江三角洲",
    "医保局 医疗保障局",
    "人社局 人力资源和社会保障局",
    "市场监管局 市场监督管理局",
    "发改委 发展和改革委员会",
    "住建部 住房和城乡建设部",
    "卫健委 卫生健康委员会",
    "放管服 放管服改革",
    "双随机 双随机一公开",
    "12345热线 市民热线",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create(Synonym(terms=group) for group in GROUPS)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(seed, unseed)]
