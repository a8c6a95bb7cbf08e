"""Seed the letter templates with the texts of `gongkai.disclosure.letter_texts` as they stood at this migration."""

from django.db import migrations

from gongkai.disclosure.letter_texts import TEMPLATES


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("disclosure", "LetterTemplate")
    for kind, outcome, title, body in TEMPLATES:
        LetterTemplate.objects.get_or_create(kind=kind, outcome=outcome, defaults={"title": title, "body": body})


def unseed(apps, schema_editor):
    LetterTemplate = apps.get_model("disclosure", "LetterTemplate")
    for kind, outcome, _title, _body in TEMPLATES:
        LetterTemplate.objects.filter(kind=kind, outcome=outcome).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_requests")]

    operations = [migrations.RunPython(seed, unseed)]
