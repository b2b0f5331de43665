# Before the lifecycle kept reasons on the report's versions, a withdrawal wrote its reason (free
# text, which may name the patient) into the audit entry, where it outlived the report's purge.
# Those reasons are removed, leaving a mark that one was given; who withdrew and when stay. On
# PostgreSQL the append-only trigger is set aside for this one statement, in this migration's
# transaction.

from django.db import migrations

POSTGRESQL = """
ALTER TABLE review_auditentry DISABLE TRIGGER review_auditentry_append_only;
UPDATE review_auditentry
   SET detail = (detail - 'reason') || '{"reason_removed": true}'::jsonb
 WHERE action = 'report.withdrawn' AND detail ? 'reason';
ALTER TABLE review_auditentry ENABLE TRIGGER review_auditentry_append_only;
"""

SQLITE = """
UPDATE review_auditentry
   SET detail = json_set(json_remove(detail, '$.reason'), '$.reason_removed', json('true'))
 WHERE action = 'report.withdrawn' AND json_extract(detail, '$.reason') IS NOT NULL
"""


def remove_reasons(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_on_postgresql")]

    operations = [migrations.RunPython(remove_reasons, migrations.RunPython.noop)]
