from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.core.agencies import SEEDED_AGENCIES

    Agency = apps.get_model("core", "Agency")
    by_code = {}
    for name, short_name, code, parent_code, kind in SEEDED_AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "short_name": short_name, "parent": by_code.get(parent_code), "kind": kind},
        )
        by_code[code] = agency


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
