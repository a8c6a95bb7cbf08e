"""Collection statistics kept by indexing (see `search.counts`), counted here once from the existing entries."""

from django.db import migrations, models


def count_existing(apps, schema_editor):
    from gongkai.search import counts

    entries = apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias)
    rows = entries.values_list("kind", "title_tokens", "body_tokens", "length").order_by("id").iterator(chunk_size=2000)
    counts.apply(counts.tally(rows), 1)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0007_seed_fee_synonyms'),
    ]

    operations = [
        migrations.CreateModel(
            name='LevelTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(max_length=8, unique=True)),
                ('entries', models.BigIntegerField(default=0)),
                ('tokens', models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='TokenCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(max_length=8)),
                ('token', models.CharField(max_length=100)),
                ('entries', models.IntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('level', 'token'), name='unique_token_count')],
            },
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
