"""The public catalogue's order (newest first) as an index that holds the
stall too, on PostgreSQL: a page of product ids, and the count of public
products, are read from the index alone (no table rows), whatever the depth of
the page. SQLite, the embedded default, keeps Django's own indexes."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS catalogue_product_listing
ON catalogue_product (date_created DESC, id DESC) INCLUDE (stall_id)
WHERE is_public
"""
DROP = "DROP INDEX IF EXISTS catalogue_product_listing"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_product_harvest_date_product_produce_category_and_more"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
