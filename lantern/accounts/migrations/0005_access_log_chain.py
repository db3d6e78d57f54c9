"""The access log becomes a hash chain: each row gets a number and a hash linked to the row before (accounts/audit.py),
and refused requests become an action. Existing rows are chained here, oldest first; 0006 then makes the number and
hash required."""

import django.utils.timezone
from django.db import migrations, models

from lantern.accounts.audit import HEAD_PK, row_hash

BATCH = 2000


def chain_existing_rows(apps, schema_editor):
    AccessEvent = apps.get_model("accounts", "AccessEvent")
    AccessLogChain = apps.get_model("accounts", "AccessLogChain")
    previous, sequence, batch = "", 0, []
    for event in AccessEvent.objects.order_by("at", "pk").iterator(chunk_size=BATCH):
        sequence += 1
        event.sequence = sequence
        event.chain_hash = row_hash(event, previous)
        previous = event.chain_hash
        batch.append(event)
        if len(batch) >= BATCH:
            AccessEvent.objects.bulk_update(batch, ["sequence", "chain_hash"])
            batch = []
    AccessEvent.objects.bulk_update(batch, ["sequence", "chain_hash"])
    AccessLogChain.objects.update_or_create(pk=HEAD_PK, defaults={"sequence": sequence, "hash": previous})


def unchain(apps, schema_editor):
    apps.get_model("accounts", "AccessEvent").objects.update(sequence=None, chain_hash="")
    apps.get_model("accounts", "AccessLogChain").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_access_expires_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessLogChain",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(blank=True, max_length=64)),
                ("checkpoint_sequence", models.PositiveBigIntegerField(default=0)),
                ("checkpoint_hash", models.CharField(blank=True, max_length=64)),
                ("checkpoint_at", models.DateTimeField(blank=True, null=True)),
                ("pruned_on", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.AddField(
            model_name="accessevent",
            name="chain_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="status",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Viewed a record"),
                    ("search", "Searched"),
                    ("export", "Exported"),
                    ("refused", "Refused"),
                ],
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(chain_existing_rows, unchain),
    ]
