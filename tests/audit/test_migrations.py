"""The migration that takes old withdrawal reasons (free text) out of the audit trail."""

import json

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

BEFORE = [("audit", "0003_append_only_on_postgresql")]
AFTER = [("audit", "0004_withdraw_reasons_out_of_the_trail")]


class WithdrawReasonMigrationTests(TransactionTestCase):
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    def tearDown(self):
        self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def test_old_withdraw_reasons_are_removed_and_nothing_else_changes(self):
        self.migrate(BEFORE)
        rows = [
            ("report.withdrawn", {"reason": "Given to Jane Citizen by mistake"}),
            ("report.purged", {"reason": "retention"}),
            ("report.viewed", {}),
        ]
        with connection.cursor() as cursor:
            for action, detail in rows:
                cursor.execute(
                    "INSERT INTO review_auditentry (at, actor_username, action, report_id, detail)"
                    " VALUES (CURRENT_TIMESTAMP, 'gp', %s, 1, %s)",
                    [action, json.dumps(detail)],
                )
        self.migrate(AFTER)
        with connection.cursor() as cursor:
            cursor.execute("SELECT action, detail FROM review_auditentry ORDER BY id")
            found = {
                action: detail if isinstance(detail, dict) else json.loads(detail)
                for action, detail in cursor.fetchall()
            }
        self.assertEqual(found["report.withdrawn"], {"reason_removed": True})
        self.assertEqual(found["report.purged"], {"reason": "retention"})
        self.assertEqual(found["report.viewed"], {})
