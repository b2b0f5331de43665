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
