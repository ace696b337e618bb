"""Create one group per role of design.md; permissions are data, granted here."""

from django.db import migrations

ROLES = [
    "citizen",
    "seller",
    "courier",
    "township_staff",
    "township_head",
    "officer",
    "agent",
    "logistics",
    "admin",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
