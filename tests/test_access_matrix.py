"""Every URL of the app, for every persona, on reports in every state, with the status each must
answer and, for a URL that changes a report, the state the report is in afterwards. The URL list
comes from the resolver: a new URL without an entry here fails the test. Another's report is
always a 404, never a 403 that would reveal that it exists, whatever the user's role."""

import re

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lbpreports.reports.models import Report
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


# url name -> (method, takes a report?, expected status: dict by persona or f(persona, state))
MATRIX = {
    "home": ("get", False, by_role(302, 200, 200, 403, 200)),
    "healthz": ("get", False, by_role(200, 200, 200, 200, 200)),
    "login": ("get", False, by_role(200, 302, 302, 302, 302)),
    "logout": ("get", False, by_role(405, 405, 405, 405, 405)),
    "reports:new": ("get", False, by_role(302, 200, 403, 403, 403)),
    "reports:preview": ("post", False, by_role(302, 200, 403, 403, 403)),
    "reports:preview_pdf": ("post", False, by_role(302, 200, 403, 403, 403)),
    "reports:detail": ("get", True, expect_detail),
    "reports:edit": ("get", True, expect_edit),
    "reports:submit": ("post", True, expect_submit),
    "reports:draft_pdf": ("get", True, expect_detail),
    "review:review": ("get", True, expect_review),
    "review:check": ("post", True, expect_review),
    "review:withdraw": ("post", True, expect_withdraw),
    "review:handout": ("get", True, expect_handout),
    "review:export_hl7": ("get", True, expect_message),
    "review:export_fhir": ("get", True, expect_handout),
    "admin:index": ("get", False, by_role(302, 302, 302, 302, 200)),
}


def url_names(resolver=None, namespace=""):
    """Every named URL of the project, with the admin site counted once (admin:index)."""
    resolver = resolver or get_resolver()
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                names.add("admin:index")
                continue
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
        for name, (method, takes_report, expected) in MATRIX.items():
            for persona_name in PERSONAS:
                self.login(personas[persona_name])
                if not takes_report:
                    with self.subTest(url=name, persona=persona_name):
                        status, _ = self.request(method, reverse(name))
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
