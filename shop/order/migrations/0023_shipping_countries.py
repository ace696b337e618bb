"""Oscar's checkout ships only to countries marked for shipping: ours."""

from django.db import migrations

COUNTRIES = [
    ("CN", "CHN", "156", "China", "China"),
    ("VN", "VNM", "704", "Viet Nam", "Viet Nam"),
]


def add_countries(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    for code, alpha3, numeric, name, printable in COUNTRIES:
        Country.objects.update_or_create(
            iso_3166_1_a2=code,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "name": name,
                "printable_name": printable,
                "is_shipping_country": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("address", "0001_initial"),
        ("order", "0022_line_refusal_reason_sellergroup"),
    ]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
