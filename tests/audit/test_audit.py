from django.contrib.admin.sites import site
from django.test import RequestFactory

from lbpreports.audit.admin import AuditEntryAdmin
from lbpreports.audit.models import AppendOnlyError, AuditEntry
from tests.personas import PersonaTestCase


class AuditTrailTests(PersonaTestCase):
    def test_it_records_who_did_what(self):
        entry = AuditEntry.record(self.gp, "report.viewed", report_id=42, via="web")
        entry.refresh_from_db()
        self.assertEqual(entry.actor, self.gp)
        self.assertEqual(entry.actor_username, "addressed_gp")
        self.assertEqual(entry.report_id, 42)
        self.assertEqual(entry.detail, {"via": "web"})

    def test_an_entry_cannot_be_changed_or_deleted(self):
        entry = AuditEntry.record(self.gp, "report.viewed", report_id=1)
        entry.action = "something.else"
        with self.assertRaises(AppendOnlyError):
            entry.save()
        with self.assertRaises(AppendOnlyError):
            entry.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).update(action="x")
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.all().delete()
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).action, "report.viewed")

    def test_admins_can_read_but_not_change_the_trail(self):
        AuditEntry.record(self.gp, "report.viewed", report_id=7)
        model_admin = AuditEntryAdmin(AuditEntry, site)
        request = RequestFactory().get("/")
        request.user = self.admin
        self.assertTrue(model_admin.has_view_permission(request))
        self.assertFalse(model_admin.has_add_permission(request))
        self.assertFalse(model_admin.has_change_permission(request))
        self.assertFalse(model_admin.has_delete_permission(request))
        self.login(self.admin)
        response = self.client.get("/admin/audit/auditentry/")
        self.assertContains(response, "report.viewed")


class AppendOnlyTests(PersonaTestCase):
    def test_the_base_manager_cannot_change_or_delete_either(self):
        entry = AuditEntry.record(self.gp, "report.viewed", report_id=3)
        with self.assertRaises(AppendOnlyError):
            AuditEntry._base_manager.filter(pk=entry.pk).update(action="x")
        with self.assertRaises(AppendOnlyError):
            AuditEntry._base_manager.filter(pk=entry.pk).delete()
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).action, "report.viewed")

    def test_free_text_is_refused_in_an_entry(self):
        for detail in (
            {"reason": "Wrong patient, Jane Citizen"},
            {"problems": ["causal claim"]},
            {"nested": {"note": "see me"}},
        ):
            with self.subTest(detail=detail), self.assertRaises(ValueError):
                AuditEntry.record(self.gp, "report.withdrawn", 5, **detail)
        AuditEntry.record(
            self.gp, "report.released", 5, problems=["causal_claim"], sections=["follow_up"]
        )
        self.assertEqual(AuditEntry.objects.filter(report_id=5).count(), 1)

    def test_deleting_a_user_never_blanks_the_actor(self):
        from django.db.models import ProtectedError

        AuditEntry.record(self.other_gp, "report.viewed", report_id=9)
        with self.assertRaises(ProtectedError):
            self.other_gp.delete()
        entry = AuditEntry.objects.get(report_id=9)
        self.assertEqual((entry.actor, entry.actor_username), (self.other_gp, "other_gp"))

    def test_on_postgresql_sql_cannot_change_or_delete_a_row(self):
        from django.db import DatabaseError, connection, transaction

        if connection.vendor != "postgresql":
            self.skipTest("the trigger is PostgreSQL's; SQLite relies on the model")
        entry = AuditEntry.record(self.gp, "report.viewed", report_id=11)
        for sql in (
            "UPDATE review_auditentry SET action = 'x' WHERE id = %s",
            "DELETE FROM review_auditentry WHERE id = %s",
        ):
            with (
                self.subTest(sql=sql),
                self.assertRaises(DatabaseError),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [entry.pk])
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).action, "report.viewed")
