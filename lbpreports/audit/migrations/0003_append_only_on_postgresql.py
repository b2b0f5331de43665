# On PostgreSQL the database itself refuses to change or delete an audit row, whoever asks (the
# ORM's base manager, raw SQL, a database shell): a trigger raises on UPDATE and DELETE. Other
# databases (SQLite in development) rely on the model's own refusals.

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION lbp_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS review_auditentry_append_only ON review_auditentry;
CREATE TRIGGER review_auditentry_append_only
    BEFORE UPDATE OR DELETE ON review_auditentry
    FOR EACH ROW EXECUTE FUNCTION lbp_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS review_auditentry_append_only ON review_auditentry;
DROP FUNCTION IF EXISTS lbp_audit_append_only();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_actor_protected")]

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
