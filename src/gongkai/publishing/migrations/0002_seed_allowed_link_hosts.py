"""Allow links to government sites (gov.cn and its subdomains) to be opened by the link check."""

from django.db import migrations


def seed(apps, schema_editor):
    AllowedLinkHost = apps.get_model("publishing", "AllowedLinkHost")
    AllowedLinkHost.objects.get_or_create(host="gov.cn", defaults={"note": "政府网站"})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
