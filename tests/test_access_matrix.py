"""Every URL of the app, for every persona, on reports in every state, with the status each must
answer and, for a URL that changes a report, the state the report is in afterwards. The URL list
comes from the resolver: a new URL without an entry here fails the test. Another's report is
always a 404, never a 403 that would reveal that it exists, whatever the user's role."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lbpreports.audit.models import AuditEntry
from lbpreports.practice.models import Practitioner
from lbpreports.reports.models import Report
from lbpreports.reports.tasks import send_notification
from tests.personas import PersonaTestCase

S = Report.Status
STATES = [S.DRAFT, S.AWAITING_REVIEW, S.RETURNED, S.RELEASED, S.WITHDRAWN]
PERSONAS = ["anonymous", "owner", "other_radiologist", "gp", "other_gp", "outsider", "admin"]
TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."


def seen_by_gp(state):
    return state != S.DRAFT


def expect_detail(persona, state):
    if persona == "anonymous":
        return 302
    if persona == "owner" or (persona == "gp" and seen_by_gp(state)):
        return 200
    return 404


def expect_edit(persona, state):
    if persona == "anonymous":
        return 302
    if persona == "owner" and state in (S.DRAFT, S.RETURNED):
        return 200
    return 404  # whatever the role: nothing leaks


def expect_submit(persona, state):
    """(status, state afterwards): only the owner may send, only a draft or a returned one."""
    if persona == "anonymous":
        return 302, state
    if persona != "owner":
        return 404, state
    if state in (S.DRAFT, S.RETURNED):
        return 302, S.AWAITING_REVIEW
    return 409, state


def expect_withdraw(persona, state):
    if persona == "anonymous":
        return 302, state
    if persona != "gp" or not seen_by_gp(state):
        return 404, state
    if state == S.RELEASED:
        return 302, S.WITHDRAWN
    return 409, state


def expect_print_size(persona, state):
    if persona == "anonymous":
        return 302
    return 302 if expect_detail(persona, state) == 200 else 404


def expect_review(persona, state, ok=200):
    if persona == "anonymous":
        return 302
    if persona == "gp" and seen_by_gp(state):
        return ok
    return 404


def expect_handout(persona, state):
    if persona == "anonymous":
        return 302
    if state == S.RELEASED and persona in ("gp", "owner"):
        return 200
    return 404


def expect_message(persona, state):
    """The HL7 message of a handout released, and of one since withdrawn (status X)."""
    if persona == "anonymous":
        return 302
    if state in (S.RELEASED, S.WITHDRAWN) and persona in ("gp", "owner"):
        return 200
    return 404


def by_role(anonymous, radiologist, gp, outsider, admin):
    return {
        "anonymous": anonymous,
        "owner": radiologist,
        "other_radiologist": radiologist,
        "gp": gp,
        "other_gp": gp,
        "outsider": outsider,
        "admin": admin,
    }


def admin_page(admin_status):
    """A page of the admin site: staff only; anybody else is sent to the login page."""
    return by_role(302, 302, 302, 302, admin_status)


EVERYONE = by_role(302, 302, 302, 302, 302)

# url name -> (method, what it takes, expected status: dict by persona or f(persona, state)).
# It takes nothing (False), a report in every state (True), or the named object below (ARGS).
MATRIX = {
    "home": ("get", False, by_role(302, 200, 200, 403, 200)),
    "healthz": ("get", False, by_role(200, 200, 200, 200, 200)),
    "favicon": ("get", False, by_role(302, 302, 302, 302, 302)),
    "login": ("get", False, by_role(200, 302, 302, 302, 302)),
    "logout": ("get", False, by_role(405, 405, 405, 405, 405)),
    "reports:new": ("get", False, by_role(302, 200, 403, 403, 403)),
    "reports:preview": ("post", False, by_role(302, 200, 403, 403, 403)),
    "reports:preview_pdf": ("post", False, by_role(302, 200, 403, 403, 403)),
    "reports:detail": ("get", True, expect_detail),
    "reports:edit": ("get", True, expect_edit),
    "reports:submit": ("post", True, expect_submit),
    "reports:draft_pdf": ("get", True, expect_detail),
    "reports:print_size": ("post", True, expect_print_size),
    "review:review": ("get", True, expect_review),
    "review:check": ("post", True, expect_review),
    "review:withdraw": ("post", True, expect_withdraw),
    "review:handout": ("get", True, expect_handout),
    "review:export_hl7": ("get", True, expect_message),
    "review:export_fhir": ("get", True, expect_handout),
    # each user changes their own password; a set-password link needs no login (a void one here)
    "password_change": ("get", False, by_role(302, 200, 200, 200, 200)),
    "password_change_done": ("get", False, by_role(302, 200, 200, 200, 200)),
    "set_password": ("get", "link", by_role(200, 200, 200, 200, 200)),
    "set_password_done": ("get", False, by_role(200, 200, 200, 200, 200)),
    # each user changes their own email; the link sent to the new address needs no login
    "email_change": ("get", False, by_role(302, 200, 200, 200, 200)),
    "confirm_email": ("get", "email_link", by_role(200, 200, 200, 200, 200)),
    # the admin site: the admin manages accounts and reads the audit trail, and nothing else
    "admin:index": ("get", False, admin_page(200)),
    "admin:login": ("get", False, EVERYONE),  # the app's throttled login page
    "admin:logout": ("get", False, by_role(302, 302, 302, 302, 405)),
    "admin:password_change": ("get", False, EVERYONE),  # the app's own-password page
    "admin:password_change_done": ("get", False, EVERYONE),
    "admin:autocomplete": ("get", False, admin_page(403)),
    "admin:jsi18n": ("get", False, admin_page(200)),
    "admin:view_on_site": ("get", "user_site", admin_page(404)),
    "admin:app_list": ("get", "auth_app", admin_page(200)),
    "admin:auth_user_changelist": ("get", False, admin_page(200)),
    "admin:auth_user_add": ("get", False, admin_page(200)),
    "admin:auth_user_change": ("get", "user", admin_page(200)),
    "admin:auth_user_history": ("get", "user", admin_page(200)),
    "admin:auth_user_delete": ("get", "user", admin_page(403)),  # deactivate instead
    "admin:auth_user_password": ("get", "user", by_role(404, 404, 404, 404, 404)),
    "admin:audit_auditentry_changelist": ("get", False, admin_page(200)),
    "admin:audit_auditentry_change": ("get", "entry", admin_page(200)),  # read-only
    "admin:audit_auditentry_history": ("get", "entry", admin_page(200)),
    "admin:audit_auditentry_add": ("get", False, admin_page(403)),
    "admin:audit_auditentry_delete": ("get", "entry", admin_page(403)),
    "admin:practice_practitioner_changelist": ("get", False, admin_page(200)),
    "admin:practice_practitioner_add": ("get", False, admin_page(200)),
    "admin:practice_practitioner_change": ("get", "practitioner", admin_page(200)),
    "admin:practice_practitioner_history": ("get", "practitioner", admin_page(200)),
    "admin:practice_practitioner_delete": ("get", "practitioner", admin_page(200)),
    # the task queue's results (emails waiting or sent): not the admin's
    "admin:django_tasks_database_dbtaskresult_changelist": ("get", False, admin_page(403)),
    "admin:django_tasks_database_dbtaskresult_add": ("get", False, admin_page(403)),
    "admin:django_tasks_database_dbtaskresult_change": ("get", "task", admin_page(403)),
    "admin:django_tasks_database_dbtaskresult_history": ("get", "task", admin_page(403)),
    "admin:django_tasks_database_dbtaskresult_delete": ("get", "task", admin_page(403)),
}


def url_names(resolver=None, namespace=""):
    """Every named URL of the project, the admin site's included."""
    resolver = resolver or get_resolver()
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


class AccessMatrixTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reports = {}
        for state in STATES:
            report = cls.make_report(S.DRAFT, original_text=TEXT, patient_age=60)
            report.run_engine()
            report.save()
            if state != S.DRAFT:
                report.submit(by=cls.owner)
            if state == S.RETURNED:
                report.apply("return", cls.gp, reason="Check the level.")
            if state in (S.RELEASED, S.WITHDRAWN):
                report.apply("approve", cls.gp, lock_version=report.lock_version)
            if state == S.WITHDRAWN:
                report.apply("withdraw", cls.gp, reason="Wrong patient.")
            cls.reports[state] = Report.objects.get(pk=report.pk)
        entry = AuditEntry.objects.filter(report_id__isnull=False).first()
        user_type = ContentType.objects.get_for_model(cls.gp)
        cls.args = {
            "user": [cls.gp.pk],
            "task": [send_notification.enqueue(0).id],
            "practitioner": [Practitioner.objects.create(user=cls.gp, provider_number="").pk],
            "entry": [entry.pk],
            "auth_app": ["auth"],
            "user_site": [user_type.pk, cls.gp.pk],
            "link": [urlsafe_base64_encode(force_bytes(cls.gp.pk)), "void-token"],
            "email_link": ["void-token"],
        }

    def test_every_url_has_an_entry(self):
        self.assertEqual(url_names() - set(MATRIX), set())

    def request(self, method, url, report=None):
        """The status, and the report's state afterwards; then everything is rolled back. A
        report's page or file that is served must never be cached (it holds patient data)."""
        data = {"original_text": TEXT, "mode": "summary", "reason": "r"}
        data["lock_version"] = report.lock_version if report else 0
        with transaction.atomic():
            response = getattr(self.client, method)(url, data if method == "post" else None)
            state = Report.objects.get(pk=report.pk).status if report else None
            transaction.set_rollback(True)  # each request sees the same objects
        if report and response.status_code == 200:
            self.assertIn("no-store", response.get("Cache-Control", ""), url)
        return response.status_code, state

    def test_every_url_for_every_persona_in_every_state(self):
        personas = self.personas()
        for name, (method, takes, expected) in MATRIX.items():
            for persona_name in PERSONAS:
                self.login(personas[persona_name])
                if takes is not True:
                    url = reverse(name, args=self.args[takes] if takes else None)
                    with self.subTest(url=name, persona=persona_name):
                        status, _ = self.request(method, url)
                        self.assertEqual(status, expected[persona_name])
                    continue
                for state, report in self.reports.items():
                    with self.subTest(url=name, persona=persona_name, state=state):
                        status, after = self.request(
                            method, reverse(name, args=[report.pk]), report
                        )
                        want = expected(persona_name, state)
                        # a URL that changes nothing leaves every report in its state
                        want = want if isinstance(want, tuple) else (want, state)
                        self.assertEqual((status, after), want)

    def test_a_report_that_does_not_exist_is_the_same_404(self):
        self.login(self.other_gp)
        existing = self.client.get(reverse("review:review", args=[self.reports[S.RELEASED].pk]))
        missing = self.client.get(reverse("review:review", args=[999999]))
        self.assertEqual(existing.status_code, missing.status_code)

        def page(response):  # the CSRF token is masked afresh on every response
            return re.sub(rb'"X-CSRFToken": "[^"]+"|value="[A-Za-z0-9]{64}"', b"", response.content)

        self.assertEqual(page(existing), page(missing))
