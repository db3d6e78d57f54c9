"""The five themes of the inspection's improvement plan, as data (a council may rename or add its own)."""

from django.db import migrations

THEMES = [
    ("quality_of_practice", "Quality of practice"),
    ("workforce", "Workforce capacity and capability"),
    ("strategic_leadership", "Strategic leadership"),
    ("quality_assurance", "Quality assurance and performance management"),
    ("partnerships", "Partnerships"),
]


def add(apps, schema_editor):
    Theme = apps.get_model("improvement", "Theme")
    for order, (key, title) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(key=key, defaults={"title": title, "order": order})


def remove(apps, schema_editor):
    apps.get_model("improvement", "Theme").objects.filter(key__in=[k for k, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("improvement", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
