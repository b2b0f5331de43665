"""Login, logout, the dashboards of each role, and the health check."""

from django.test import override_settings
from django.urls import reverse

from lbpreports.reports.models import Report
from tests.personas import PASSWORD, PersonaTestCase


class LoginTests(PersonaTestCase):
    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, f"{reverse('login')}?next=/")

    def test_it_logs_in_with_a_password_and_shows_the_dashboard(self):
        response = self.client.post(
            reverse("login"), {"username": "owner_radiologist", "password": PASSWORD}, follow=True
        )
        self.assertContains(response, "Your reports")

    def test_it_refuses_a_wrong_password_with_a_message(self):
        response = self.client.post(
            reverse("login"), {"username": "owner_radiologist", "password": "wrong-password"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please enter a correct username and password")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_logs_out_only_by_post(self):
        self.login(self.gp)
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)
        response = self.client.post(reverse("logout"))
        self.assertRedirects(response, reverse("login"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_login_form_has_labels_and_a_csrf_token(self):
        response = self.client.get(reverse("login"))
        self.assertContains(response, '<label for="id_username">Username</label>', html=True)
        self.assertContains(response, '<label for="id_password">Password</label>', html=True)
        self.assertContains(response, "csrfmiddlewaretoken")


class DashboardTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.draft = cls.make_report(Report.Status.DRAFT, patient_identifier="SYN-DRAFT-1")
        cls.waiting = cls.make_report(
            Report.Status.AWAITING_REVIEW, patient_identifier="SYN-WAIT-1"
        )
        cls.elsewhere = cls.make_report(
            Report.Status.AWAITING_REVIEW,
            radiologist=cls.other_radiologist,
            gp=cls.other_gp,
            patient_identifier="SYN-OTHER-1",
        )

    def test_the_radiologist_sees_their_own_reports_drafts_included(self):
        self.login(self.owner)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Your reports")
        self.assertContains(response, "SYN-DRAFT-1")
        self.assertContains(response, "SYN-WAIT-1")
        self.assertNotContains(response, "SYN-OTHER-1")

    def test_another_radiologist_sees_an_empty_state(self):
        self.login(self.make_user_without_reports())
        response = self.client.get(reverse("home"))
        self.assertContains(response, "You have no reports yet.")

    def make_user_without_reports(self):
        from tests.personas import make_user

        return make_user("new_radiologist", "radiologist")

    def test_the_gp_sees_submitted_reports_addressed_to_them_never_drafts(self):
        self.login(self.gp)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Your review queue")
        self.assertContains(response, "SYN-WAIT-1")
        self.assertNotContains(response, "SYN-DRAFT-1")
        self.assertNotContains(response, "SYN-OTHER-1")

    def test_the_admin_sees_administration_and_no_report_contents(self):
        self.login(self.admin)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Audit trail")
        for identifier in ("SYN-DRAFT-1", "SYN-WAIT-1", "SYN-OTHER-1"):
            self.assertNotContains(response, identifier)

    def test_the_admin_site_does_not_offer_reports(self):
        self.login(self.admin)
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "/admin/reports/")

    def test_an_outsider_with_no_role_is_told_so(self):
        self.login(self.outsider)
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "no role yet", status_code=403)

    def test_pages_have_landmarks_and_a_skip_link(self):
        self.login(self.owner)
        body = self.client.get(reverse("home")).content.decode()
        markers = ('<main id="main"', "<header", "<nav", "<footer", 'href="#main"', 'lang="en-au"')
        for marker in markers:
            self.assertIn(marker, body)


class HealthTests(PersonaTestCase):
    def test_it_answers_ok_when_the_database_answers(self):
        response = self.client.get(reverse("healthz"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok\n")

    @override_settings(DEBUG=False)
    def test_unknown_pages_are_a_plain_404(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Not found", status_code=404)
