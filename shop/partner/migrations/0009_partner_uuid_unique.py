import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Partner = apps.get_model("partner", "Partner")
    for partner in Partner.objects.all():
        partner.uuid = uuid.uuid4()
        partner.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0008_partner_cooperative_partner_created_at_and_more"),
    ]

    operations = [
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partner",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
