"""Large print as the patient's option, recorded on the report by its radiologist or its GP,
and the released handout printed so."""

from django.urls import reverse

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report
from tests.handouts.test_print import body_sizes, read_pages
from tests.personas import PersonaTestCase

TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
S = Report.Status


class PrintSizeTests(PersonaTestCase):
    def report(self, status=S.DRAFT):
        report = self.make_report(S.DRAFT, original_text=TEXT, patient_age=60)
        report.run_engine()
        report.save()
        if status != S.DRAFT:
            report.submit(by=self.owner)
        if status == S.RELEASED:
            self.approve(report)
        return Report.objects.get(pk=report.pk)

    def approve(self, report):
        report.apply("approve", self.gp, lock_version=report.lock_version)

    def test_the_radiologist_records_it_on_the_form(self):
        self.login(self.owner)
        data = {"original_text": TEXT, "gp": self.gp.pk, "mode": "summary", "action": "save"}
        self.client.post(reverse("reports:new"), {**data, "large_print": "on"})
        self.assertTrue(Report.objects.get().large_print)
        page = self.client.get(reverse("reports:new")).content.decode()
        self.assertIn('name="large_print"', page)

    def test_the_radiologist_and_then_the_gp_choose_and_the_handout_follows(self):
        report = self.report()
        self.login(self.owner)
        self.client.post(reverse("reports:print_size", args=[report.pk]), {"large_print": "on"})
        report.refresh_from_db()
        self.assertTrue(report.large_print)
        report.submit(by=self.owner)
        self.login(self.gp)
        page = self.client.get(reverse("review:review", args=[report.pk])).content.decode()
        self.assertIn('id="id_print_large" name="large_print" checked', page)
        response = self.client.post(reverse("reports:print_size", args=[report.pk]), {})
        self.assertRedirects(response, reverse("review:review", args=[report.pk]))
        report.refresh_from_db()
        self.assertFalse(report.large_print)
        self.client.post(reverse("reports:print_size", args=[report.pk]), {"large_print": "on"})
        report.refresh_from_db()
        self.approve(report)
        report.refresh_from_db()
        pages = read_pages(bytes(report.handout_pdf))
        self.assertEqual(body_sizes(pages, report.engine_result), {16.0})
        self.assertEqual(
            AuditEntry.objects.filter(action="report.print_size", report_id=report.pk).count(), 3
        )

    def test_a_standard_print_handout_by_default(self):
        report = self.report(S.RELEASED)
        pages = read_pages(bytes(report.handout_pdf))
        self.assertEqual(body_sizes(pages, report.engine_result), {14.0})

    def test_who_may_choose_and_when_is_the_models_rule(self):
        draft, waiting, released = (
            self.report(),
            self.report(S.AWAITING_REVIEW),
            self.report(S.RELEASED),
        )
        refused = [
            (draft, self.gp),  # not sent yet
            (waiting, self.owner),  # locked for the radiologist once sent
            (released, self.owner),
            (waiting, self.other_gp),
            (draft, self.other_radiologist),
        ]
        for report, user in refused:
            with self.subTest(report=report.status, user=user.username):
                with self.assertRaises(ValueError):
                    report.choose_print(large=True, by=user)
                report.refresh_from_db()
                self.assertFalse(report.large_print)
        draft.choose_print(large=True, by=self.owner)
        waiting.choose_print(large=True, by=self.gp)
        released.choose_print(large=True, by=self.gp)  # for the next, amended handout
        self.assertTrue(all(r.large_print for r in (draft, waiting, released)))

    def test_a_refusal_is_a_message_not_a_change(self):
        report = self.report(S.AWAITING_REVIEW)
        self.login(self.owner)
        response = self.client.post(
            reverse("reports:print_size", args=[report.pk]), {"large_print": "on"}, follow=True
        )
        self.assertContains(response, "cannot be changed now")
        report.refresh_from_db()
        self.assertFalse(report.large_print)
