"""Seed the synonym group for paying a fee: citizens ask 交费, laws say 收取费用 or 收费."""

from django.db import migrations

TERMS = "交费 缴费 付费 收费 收取费用"


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.get_or_create(terms=TERMS, defaults={"note": "示例：申请政府信息公开需要交费吗？"})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_index_state")]

    operations = [migrations.RunPython(seed, unseed)]
