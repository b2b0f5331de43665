"""The report lifecycle: every cell of the transition table for every persona, through the URLs a
browser uses, with the state, versions and audit entries afterwards; refusals, repeats, and the
approval gate."""

from django.db import transaction
from django.urls import reverse

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import (
    Conflict,
    Edit,
    NeedsInput,
    NotAllowed,
    Report,
)
from tests.personas import PersonaTestCase

S = Report.Status
STATES = [S.DRAFT, S.AWAITING_REVIEW, S.RETURNED, S.RELEASED, S.WITHDRAWN]
ACTIONS = ["submit", "save", "return", "approve", "amend", "withdraw", "reissue"]
PERSONAS = ["anonymous", "owner", "other_radiologist", "gp", "other_gp", "outsider", "admin"]
TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."

# The table of the issue, written out again here (not read from the model) so that a change to
# the model's table fails this test.
TABLE = {
    "submit": ((S.DRAFT, S.RETURNED), S.AWAITING_REVIEW, "owner"),
    "save": ((S.AWAITING_REVIEW,), S.AWAITING_REVIEW, "gp"),
    "return": ((S.AWAITING_REVIEW,), S.RETURNED, "gp"),
    "approve": ((S.AWAITING_REVIEW,), S.RELEASED, "gp"),
    "amend": ((S.RELEASED,), S.RELEASED, "gp"),
    "withdraw": ((S.RELEASED,), S.WITHDRAWN, "gp"),
    "reissue": ((S.WITHDRAWN,), S.RELEASED, "gp"),
}
AUDIT = {
    "submit": "report.submitted",
    "save": "report.edited",
    "return": "report.returned",
    "approve": "report.released",
    "amend": "report.amended",
    "withdraw": "report.withdrawn",
    "reissue": "report.reissued",
}


def expected(action: str, state: str, persona: str) -> tuple[int, str]:
    """(HTTP status, state afterwards) for one cell."""
    sources, target, by = TABLE[action]
    if persona == "anonymous":
        return 302, state  # to the login page
    if persona != by:
        return 404, state  # no access to this report's action: its existence does not leak
    if by == "gp" and state == S.DRAFT:
        return 404, state  # a GP never sees a draft
    if state not in sources:
        return 409, state
    return 302, target


def post_action(client, report: Report, action: str, **extra):
    data = {"lock_version": report.lock_version, "reason": "A reason.", **extra}
    if action == "submit":
        return client.post(reverse("reports:submit", args=[report.pk]), data)
    if action == "withdraw":
        return client.post(reverse("review:withdraw", args=[report.pk]), data)
    data.update(action=action, comment="Please check the level.")
    return client.post(reverse("review:review", args=[report.pk]), data)


def report_in(cls, state: str, **fields) -> Report:
    """A report brought to `state` through the transitions themselves."""
    report = cls.make_report(S.DRAFT, original_text=TEXT, patient_age=60, **fields)
    report.run_engine()
    report.save()
    if state == S.DRAFT:
        return report
    report.submit(by=cls.owner)
    if state == S.RETURNED:
        report.apply("return", cls.gp, reason="Check the level.")
    if state in (S.RELEASED, S.WITHDRAWN):
        report.apply("approve", cls.gp, lock_version=report.lock_version)
    if state == S.WITHDRAWN:
        report.apply("withdraw", cls.gp, reason="Wrong patient.")
    return Report.objects.get(pk=report.pk)


class TransitionTableTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reports = {state: report_in(cls, state) for state in STATES}

    def test_the_model_table_is_the_issue_table(self):
        for action, (sources, target, by) in TABLE.items():
            rule = Report.TRANSITIONS[action]
            self.assertEqual(
                (set(rule.sources), rule.target, rule.by),
                (set(sources), target, "radiologist" if by == "owner" else "gp"),
            )
        self.assertEqual(set(Report.TRANSITIONS), set(TABLE))

    def test_every_state_action_and_persona(self):
        personas = self.personas()
        for state, report in self.reports.items():
            for action in ACTIONS:
                for name in PERSONAS:
                    status, after = expected(action, state, name)
                    with self.subTest(state=state, action=action, persona=name):
                        self.login(personas[name])
                        entries = AuditEntry.objects.filter(
                            report_id=report.pk, action=AUDIT[action]
                        )
                        before = (report.versions.count(), entries.count())
                        with transaction.atomic():
                            response = post_action(self.client, report, action)
                            now = Report.objects.get(pk=report.pk)
                            written = (now.versions.count(), entries.count())
                            transaction.set_rollback(True)
                        self.assertEqual((response.status_code, now.status), (status, after))
                        changed = 1 if status == 302 and name != "anonymous" else 0
                        self.assertEqual(written, (before[0] + changed, before[1] + changed))
                        self.assertEqual(now.lock_version, report.lock_version + changed)
                        if status == 409:
                            self.assertIn(b"Nothing was changed", response.content)

    def test_a_refusal_by_the_model_for_the_wrong_persona_or_state(self):
        awaiting = self.reports[S.AWAITING_REVIEW]
        for user in (self.owner, self.other_gp, self.admin, self.outsider):
            with self.subTest(user=user.username), self.assertRaises(NotAllowed):
                awaiting.apply("approve", user, lock_version=awaiting.lock_version)
        with self.assertRaises(NotAllowed):
            self.reports[S.RELEASED].apply("return", self.gp, reason="Too late.")
        with self.assertRaises(NotAllowed):
            self.reports[S.DRAFT].apply("submit", self.gp)
        with self.assertRaises(NotAllowed):
            awaiting.apply("publish", self.gp)
        self.assertEqual(Report.objects.get(pk=awaiting.pk).status, S.AWAITING_REVIEW)


class TransitionTests(PersonaTestCase):
    def setUp(self):
        self.report = report_in(self, S.AWAITING_REVIEW, patient_name="Syn Patient")

    def test_a_stale_lock_version_is_a_conflict_for_every_gp_action(self):
        lock = self.report.lock_version
        self.report.apply("save", self.gp, lock_version=lock, edit=Edit([], "", "First."))
        for action in ("save", "approve", "return"):
            with self.subTest(action=action), self.assertRaises(Conflict):
                self.report.apply(action, self.gp, lock_version=lock, reason="Other text.")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, S.AWAITING_REVIEW)
        self.assertEqual(self.report.gp_note, "First.")

    def test_save_and_approve_need_the_lock_version(self):
        for action in ("save", "approve"):
            with self.subTest(action=action), self.assertRaises(Conflict):
                self.report.apply(action, self.gp)

    def test_each_needs_its_reason(self):
        for action, message in (
            ("return", "Say what the radiologist should change."),
            ("withdraw", "Give a reason for withdrawing the handout."),
            ("amend", "Give a reason for the amended handout."),
            ("reissue", "Give a reason for reissuing the handout."),
        ):
            state = TABLE[action][0][0]
            report = report_in(self, state)
            with self.subTest(action=action), self.assertRaisesMessage(NeedsInput, message):
                report.apply(action, self.gp, lock_version=report.lock_version, reason="  ")
            self.assertEqual(Report.objects.get(pk=report.pk).status, state)

    def test_reasons_live_on_the_versions_and_never_in_the_audit_trail(self):
        self.report.apply("approve", self.gp, lock_version=self.report.lock_version)
        self.report.apply("withdraw", self.gp, reason="Wrong patient: Syn Patient's scan.")
        self.report.apply("reissue", self.gp, reason="Right patient after all, Syn Patient.")
        kinds = list(self.report.versions.values_list("kind", "reason"))
        self.assertEqual(
            kinds,
            [
                ("submission", ""),
                ("release", ""),
                ("withdraw", "Wrong patient: Syn Patient's scan."),
                ("reissue", "Right patient after all, Syn Patient."),
            ],
        )
        for entry in AuditEntry.objects.filter(report_id=self.report.pk):
            self.assertNotIn("Syn", str(entry.detail))
            self.assertNotIn("reason", entry.detail)
        entry = AuditEntry.objects.get(action="report.withdrawn")
        self.assertEqual(entry.detail["from"], "released")
        self.assertEqual(entry.detail["to"], "withdrawn")

    def test_the_same_post_twice_is_one_transition(self):
        self.login(self.gp)
        for action in ("save", "approve", "withdraw", "reissue"):
            with self.subTest(action=action):
                self.report.refresh_from_db()
                versions, entries = self.report.versions.count(), AuditEntry.objects.count()
                first = post_action(self.client, self.report, action, gp_note=f"Note {action}.")
                second = post_action(self.client, self.report, action, gp_note=f"Note {action}.")
                self.assertEqual((first.status_code, second.status_code), (302, 302))
                self.assertEqual(first["Location"], second["Location"])
                self.assertEqual(self.report.versions.count(), versions + 1)
                self.assertEqual(
                    AuditEntry.objects.exclude(action="report.viewed").count(), entries + 1
                )

    def test_a_double_submit_and_a_double_return_are_one_transition(self):
        draft = report_in(self, S.DRAFT)
        self.login(self.owner)
        for _ in range(2):
            self.assertEqual(post_action(self.client, draft, "submit").status_code, 302)
        self.assertEqual(list(draft.versions.values_list("kind", flat=True)), ["submission"])
        submitted = AuditEntry.objects.filter(action="report.submitted", report_id=draft.pk)
        self.assertEqual(submitted.count(), 1)
        self.login(self.gp)
        draft.refresh_from_db()
        for _ in range(2):
            self.assertEqual(post_action(self.client, draft, "return").status_code, 302)
        self.assertEqual(draft.versions.filter(kind="return").count(), 1)

    def test_a_second_save_with_other_text_is_a_conflict_not_a_repeat(self):
        self.login(self.gp)
        post_action(self.client, self.report, "save", gp_note="Mine.")
        response = post_action(self.client, self.report, "save", gp_note="Someone else's.")
        self.assertEqual(response.status_code, 409)
        self.report.refresh_from_db()
        self.assertEqual(self.report.gp_note, "Mine.")

    def test_head_and_options_change_nothing(self):
        urls = {
            self.gp: [
                reverse("review:review", args=[self.report.pk]),
                reverse("review:withdraw", args=[self.report.pk]),
                reverse("review:check", args=[self.report.pk]),
            ],
            self.owner: [
                reverse("reports:submit", args=[self.report.pk]),
                reverse("reports:detail", args=[self.report.pk]),
            ],
        }
        before = (
            self.report.lock_version,
            self.report.versions.count(),
            AuditEntry.objects.count(),
        )
        for user, paths in urls.items():
            self.login(user)
            for url in paths:
                for method in ("head", "options"):
                    with self.subTest(url=url, method=method):
                        data = {"action": "approve", "lock_version": self.report.lock_version}
                        response = getattr(self.client, method)(url, data)
                        self.assertEqual(response.status_code, 405)
        self.report.refresh_from_db()
        after = (self.report.lock_version, self.report.versions.count(), AuditEntry.objects.count())
        self.assertEqual(after, before)
        self.assertEqual(self.report.status, S.AWAITING_REVIEW)

    def test_the_after_commit_hook_runs_once_per_transition_and_never_for_a_repeat(self):
        ran = []
        self.report.after_commit = ran.append
        with self.captureOnCommitCallbacks(execute=True):
            done = self.report.apply("save", self.gp, lock_version=self.report.lock_version)
        lock = self.report.lock_version - 1
        with self.captureOnCommitCallbacks(execute=True):
            again = self.report.apply("save", self.gp, lock_version=lock)
        self.assertEqual(ran, [done])
        self.assertTrue(again.repeated)
        self.assertEqual(again.version, done.version)


# The issue's example: under a possible cancer, a GP writes reassurance, a causal claim and advice.
CANCER = "MRI LUMBAR SPINE\nFindings: L2 vertebral body lesion, metastasis not excluded."
UNSAFE = (
    "Nothing serious was found, don't worry.\n"
    "This disc bulge is causing your pain, so you should have surgery."
)


class ApprovalGateTests(PersonaTestCase):
    def setUp(self):
        self.report = self.make_report(
            S.DRAFT, original_text=CANCER, patient_age=58, patient_name="Syn Gate"
        )
        self.report.submit(by=self.owner)
        self.login(self.gp)

    def unsafe_form(self, **extra):
        data = {"action": "approve", "lock_version": self.report.lock_version}
        for i, section in enumerate(self.report.patient_sections):
            text = "\n".join(section["paragraphs"])
            data[f"section-{i}"] = UNSAFE if section.get("key") == "follow_up" else text
        data.update(extra)
        return data

    def test_unsafe_text_is_not_released_without_a_reason(self):
        url = reverse("review:review", args=[self.report.pk])
        response = self.client.post(url, self.unsafe_form())
        self.assertContains(response, "Not approved")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, S.AWAITING_REVIEW)
        self.assertFalse(AuditEntry.objects.filter(action="report.released").exists())

        response = self.client.post(url, self.unsafe_form(reason="Discussed with Syn Gate."))
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, S.RELEASED)
        version = self.report.versions.get(kind="release")
        self.assertEqual(version.reason, "Discussed with Syn Gate.")
        entry = AuditEntry.objects.get(action="report.released")
        self.assertTrue(entry.detail["override"])
        kinds = set(entry.detail["problems"])
        self.assertLessEqual(
            {"urgent_missing", "reassurance_with_urgent", "causal_claim", "treatment_advice"},
            kinds,
        )
        self.assertIn("follow_up", entry.detail["sections"])
        self.assertNotIn("Syn", str(entry.detail))
        self.assertNotIn("surgery", str(entry.detail))

    def test_a_report_that_is_not_final_needs_a_reason(self):
        result = {**self.report.engine_result, "document": "preliminary"}
        Report.objects.filter(pk=self.report.pk).update(engine_result=result)
        self.report.refresh_from_db()
        with self.assertRaisesMessage(NeedsInput, "Not approved"):
            self.report.apply("approve", self.gp, lock_version=self.report.lock_version)
        done = self.report.apply(
            "approve", self.gp, lock_version=self.report.lock_version, reason="Final by phone."
        )
        self.assertIn("not_final", done.entry.detail["problems"])

    def test_an_urgent_double_submit_files_one_email(self):
        from lbpreports.reports.models import Notification

        draft = self.make_report(S.DRAFT, original_text=CANCER, patient_age=58)
        self.login(self.owner)
        for _ in range(2):
            post_action(self.client, draft, "submit")
        self.assertEqual(Notification.objects.filter(report=draft).count(), 1)

    def test_amend_and_reissue_record_the_problems_they_were_given_a_reason_for(self):
        self.report.apply("approve", self.gp, lock_version=self.report.lock_version)
        sections = [
            {**s, "paragraphs": [UNSAFE]} if s.get("key") == "follow_up" else s
            for s in self.report.patient_sections
        ]
        self.report.apply(
            "amend",
            self.gp,
            lock_version=self.report.lock_version,
            reason="Patient asked.",
            edit=Edit(sections, "", ""),
        )
        entry = AuditEntry.objects.get(action="report.amended")
        self.assertIn("causal_claim", entry.detail["problems"])


class ButtonsTests(PersonaTestCase):
    """Pages offer the actions the table allows (the table, not the page, is the guard)."""

    BUTTONS = {
        "Approve and release": "approve",
        "Save": "save",
        "Return to the radiologist": "return",
        "Issue amended handout": "amend",
        "Withdraw the handout": "withdraw",
        "Reissue the handout": "reissue",
    }

    def test_the_review_page_shows_the_buttons_of_the_actions_allowed_now(self):
        self.login(self.gp)
        for state in (S.AWAITING_REVIEW, S.RETURNED, S.RELEASED, S.WITHDRAWN):
            report = report_in(self, state)
            page = self.client.get(reverse("review:review", args=[report.pk])).content.decode()
            shown = {a for label, a in self.BUTTONS.items() if f">{label}</button>" in page}
            allowed = {
                a for a, (sources, _, by) in TABLE.items() if by == "gp" and state in sources
            }
            with self.subTest(state=state):
                self.assertEqual(shown, allowed)

    def test_the_detail_page_offers_send_only_to_the_owner_of_a_draft_or_returned_report(self):
        for state in STATES:
            report = report_in(self, state)
            for user in (self.owner, self.gp):
                if user == self.gp and state == S.DRAFT:
                    continue
                self.login(user)
                page = self.client.get(reverse("reports:detail", args=[report.pk])).content
                with self.subTest(state=state, user=user.username):
                    sendable = user == self.owner and state in (S.DRAFT, S.RETURNED)
                    self.assertEqual(b">Send to the GP</button>" in page, sendable)
