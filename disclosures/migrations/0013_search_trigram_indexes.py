"""Trigram indexes for the public search at province scale (docs/benchmarks.md "Part 9: province
scale"). Public search (portal/home/search.py) filters with icontains, which Django writes on
PostgreSQL as ``UPPER(column::text) LIKE UPPER('%word%')``; a GIN index over the same
expression with pg_trgm's operator class lets PostgreSQL answer it from the index instead of
reading every page. PostgreSQL only: on SQLite this migration does nothing.
"""

from django.db import migrations

INDEXES = [
    ("page_title_trgm", "wagtailcore_page", "title"),
    ("disclosure_summary_trgm", "disclosures_disclosurepage", "summary"),
    ("disclosure_body_trgm", "disclosures_disclosurepage", "body"),
    ("poweritem_search_trgm", "disclosures_poweritempage", "search_text"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}"::text)) '
            "gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0012_withdrawn_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
