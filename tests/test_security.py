"""Security headers, the Content-Security-Policy, CSRF on forms and htmx, login lockout."""

import re

from django.test import Client
from django.urls import reverse

from lbpreports.reports.models import Report
from tests.personas import PASSWORD, PersonaTestCase

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style|\sstyle=", re.I)


class SecurityTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.report = cls.make_report(Report.Status.DRAFT, original_text="Findings: L1 fracture.")
        cls.report.submit(by=cls.owner)

    def pages(self):
        return [
            (None, reverse("login")),
            (self.owner, reverse("home")),
            (self.owner, reverse("reports:new")),
            (self.owner, reverse("reports:detail", args=[self.report.pk])),
            (self.gp, reverse("home")),
            (self.gp, reverse("review:review", args=[self.report.pk])),
            (self.admin, reverse("home")),
            (self.gp, reverse("password_change")),
            (None, reverse("set_password", args=["MQ", "void-token"])),
            (self.gp, reverse("email_change")),
            (None, reverse("confirm_email", args=["void-token"])),
        ]

    def test_a_strict_csp_and_no_inline_script_or_style_on_our_pages(self):
        for persona, url in self.pages():
            with self.subTest(url=url):
                self.login(persona)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                policy = response["Content-Security-Policy"]
                self.assertIn("script-src 'self'", policy)
                self.assertIn("style-src 'self'", policy)
                self.assertNotIn("unsafe-inline", policy)
                body = response.content.decode()
                self.assertIsNone(INLINE_SCRIPT.search(body))
                self.assertIsNone(INLINE_STYLE.search(body))

    def test_the_admin_keeps_its_own_scripts(self):
        self.login(self.admin)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Security-Policy", response)

    def test_secure_headers(self):
        response = self.client.get(reverse("login"))
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")

    def test_csrf_is_required_on_forms_and_htmx_requests(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        data = {"original_text": "Findings: L4-5 disc bulge.", "mode": "summary"}
        self.assertEqual(
            client.post(reverse("reports:preview"), data, HTTP_HX_REQUEST="true").status_code, 403
        )
        self.assertEqual(client.post(reverse("reports:new"), data).status_code, 403)
        page = client.get(reverse("reports:new")).content.decode()
        token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        response = client.post(
            reverse("reports:preview"), data, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
        )
        self.assertEqual(response.status_code, 200)

    def test_repeated_wrong_passwords_lock_the_login(self):
        for _ in range(5):
            self.client.post(
                reverse("login"), {"username": "addressed_gp", "password": "wrong-one"}
            )
        response = self.client.post(
            reverse("login"), {"username": "addressed_gp", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many failed logins", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)


class HostileInputTests(PersonaTestCase):
    def test_a_body_over_the_limit_is_refused_before_it_is_read(self):
        from django.conf import settings

        self.login(self.owner)
        response = self.client.generic(
            "POST",
            reverse("reports:new"),
            data=b"x" * 16,
            content_type="application/octet-stream",
            CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn(b"too large", response.content)

    def test_script_in_a_gp_note_is_inert_in_the_page_and_the_pdf(self):
        import io

        from pypdf import PdfReader

        from lbpreports.reports.models import Edit

        report = self.make_report(Report.Status.DRAFT, original_text="Findings: L4-5 disc bulge.")
        report.submit(by=self.owner)
        note = "<script>alert('x')</script><img src=x onerror=alert(1)>"
        edit = Edit(report.patient_sections, report.patient_conclusion, note)
        report.apply("approve", self.gp, lock_version=report.lock_version, edit=edit)
        report.refresh_from_db()
        self.login(self.gp)
        page = self.client.get(reverse("review:review", args=[report.pk])).content.decode()
        self.assertNotIn("<script>alert", page)
        self.assertIn("&lt;script&gt;", page)
        text = "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(bytes(report.handout_pdf))).pages
        )
        self.assertIn("<script>alert('x')</script>", text)  # shown as text, not run


class SessionAndPasswordTests(PersonaTestCase):
    def test_sessions_expire(self):
        from django.conf import settings

        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 60 * 60)
        self.assertTrue(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)
        self.assertEqual(settings.SESSION_ENGINE, "django.contrib.sessions.backends.db")
        self.login(self.gp)
        self.client.get(reverse("home"))
        self.assertTrue(self.client.session.get_expire_at_browser_close())

    def test_weak_passwords_are_refused(self):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        for weak in ("password", "12345678901234", "short1!", "addressed_gp"):
            with self.subTest(password=weak), self.assertRaises(ValidationError):
                validate_password(weak, self.gp)
        validate_password("a long and unusual passphrase 73", self.gp)
