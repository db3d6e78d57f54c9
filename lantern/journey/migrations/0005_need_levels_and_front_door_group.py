"""A common four-level continuum of need for a council to rename, and the front door's role group."""

from django.db import migrations

LEVELS = [
    (1, "Level 1: universal", "Needs met by universal services: schools, health visitors, GPs"),
    (2, "Level 2: additional needs", "Early help from one or more agencies, with the family's consent"),
    (3, "Level 3: complex needs", "Family Help or a child in need assessment (section 17)"),
    (4, "Level 4: acute needs", "Risk of significant harm: child protection (section 47) or care"),
]


def seed(apps, schema_editor):
    NeedLevel = apps.get_model("journey", "NeedLevel")
    for position, name, description in LEVELS:
        NeedLevel.objects.get_or_create(position=position, defaults={"name": name, "description": description})
    apps.get_model("auth", "Group").objects.get_or_create(name="Front door")


class Migration(migrations.Migration):
    dependencies = [("journey", "0004_front_door_contact"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
