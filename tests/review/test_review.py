"""The GP's review: edit with optimistic locking, approve and release, return, amend, withdraw,
and the stored handout."""

import hashlib
import io
import re

from django.urls import reverse
from pypdf import PdfReader

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report, ReportVersion
from tests.personas import PersonaTestCase

URGENT = "MRI LUMBAR SPINE\nFindings: Acute L1 compression fracture. Mild L4-5 disc bulge."


class ReviewTests(PersonaTestCase):
    def setUp(self):
        self.report = self.make_report(
            Report.Status.DRAFT, original_text=URGENT, patient_age=64, patient_name="Syn Patient"
        )
        self.report.submit(by=self.owner)

    def post(self, action="save", **extra):
        data = {"action": action, "lock_version": self.report.lock_version}
        for i, section in enumerate(self.report.patient_sections):
            data[f"section-{i}"] = "\n".join(section["paragraphs"])
        data["conclusion"] = self.report.patient_conclusion
        data["keep_prevalence"] = [
            str(i) for i in range(len(self.report.engine_result["prevalence"]))
        ]
        data.update(extra)
        return self.client.post(reverse("review:review", args=[self.report.pk]), data)

    def section_index(self, heading):
        return [s["heading"] for s in self.report.patient_sections].index(heading)

    def test_only_the_addressed_gp_reviews(self):
        expected = {
            "anonymous": 302,
            "owner": 404,
            "other_radiologist": 404,
            "gp": 200,
            "other_gp": 404,
            "outsider": 404,
            "admin": 404,
        }
        for name, persona in self.personas().items():
            with self.subTest(persona=name):
                self.login(persona)
                url = reverse("review:review", args=[self.report.pk])
                self.assertEqual(self.client.get(url).status_code, expected[name])

    def test_the_review_page_shows_the_original_and_the_checker(self):
        self.login(self.gp)
        response = self.client.get(reverse("review:review", args=[self.report.pk]))
        self.assertContains(response, "The report (unchanged)")
        html = response.content.decode()
        # the red flag is marked, and its technical word carries its definition
        marked = re.findall(r'<mark class="hl-urgent">([^<]*)</mark>', html)
        self.assertEqual("".join(marked), "compression fracture")
        self.assertIn(
            '<mark class="hl-urgent">fracture</mark><span class="definition" role="tooltip"',
            html,
        )
        self.assertContains(response, "The safety checker finds no problems.")

    def test_a_saved_edit_is_a_version(self):
        self.login(self.gp)
        response = self.post(gp_note="Please book a visit this week.")
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.gp_note, "Please book a visit this week.")
        self.assertEqual(
            list(self.report.versions.values_list("kind", flat=True)),
            [ReportVersion.Kind.SUBMISSION, ReportVersion.Kind.GP_EDIT],
        )

    def test_the_later_of_two_saves_is_refused_and_its_text_stays(self):
        self.login(self.gp)
        stale = self.report.lock_version
        self.post(gp_note="first")
        response = self.client.post(
            reverse("review:review", args=[self.report.pk]),
            {"action": "save", "lock_version": stale, "gp_note": "second, mine"},
        )
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "Someone else saved this report", status_code=409)
        self.assertContains(response, "second, mine", status_code=409)
        self.report.refresh_from_db()
        self.assertEqual(self.report.gp_note, "first")

    def test_rescoring_creates_no_version(self):
        self.login(self.gp)
        follow = self.section_index("What needs follow-up")
        response = self.client.post(
            reverse("review:check", args=[self.report.pk]),
            {f"section-{follow}": "Your scan is fine."},
        )
        self.assertContains(response, "urgent missing")
        self.assertContains(response, "reassurance with urgent")
        self.assertEqual(self.report.versions.count(), 1)

    def test_approval_is_refused_when_the_urgent_finding_is_deleted_unless_a_reason(self):
        self.login(self.gp)
        follow = self.section_index("What needs follow-up")
        response = self.post("approve", **{f"section-{follow}": "Nothing urgent."})
        self.assertContains(response, "Not approved")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.AWAITING_REVIEW)
        self.post(
            "approve",
            **{f"section-{follow}": "Nothing urgent.", "reason": "Discussed in person today."},
        )
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        self.assertEqual(self.report.override_reason, "Discussed in person today.")
        entry = AuditEntry.objects.get(action="report.released")
        # the safety checker and the fact check both name the deleted fracture
        self.assertEqual(entry.detail["problems"], ["urgent_missing", "finding_missing"])

    def test_approve_releases_a_stored_handout_with_its_hash(self):
        self.login(self.gp)
        self.post("approve", gp_note="Call me if the pain gets worse.")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        pdf = bytes(self.report.handout_pdf)
        self.assertEqual(hashlib.sha256(pdf).hexdigest(), self.report.handout_sha256)
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        self.assertIn("broken bone", text)
        self.assertIn("Syn Patient", text)
        self.assertNotIn("Draft", text)
        # the addressed GP and the radiologist may download it; each download is audited
        for persona in (self.gp, self.owner):
            self.login(persona)
            response = self.client.get(reverse("review:handout", args=[self.report.pk]))
            self.assertEqual(response.content, pdf)
        self.assertEqual(AuditEntry.objects.filter(action="handout.downloaded").count(), 2)
        for persona in (self.other_gp, self.other_radiologist, self.admin, self.outsider):
            self.login(persona)
            response = self.client.get(reverse("review:handout", args=[self.report.pk]))
            self.assertEqual(response.status_code, 404)

    def test_return_to_the_radiologist_needs_a_comment(self):
        self.login(self.gp)
        response = self.post("return")
        self.assertContains(response, "Say what the radiologist should change")
        self.post("return", comment="Please check the L1 level.")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RETURNED)
        self.assertEqual(self.report.return_comment, "Please check the L1 level.")

    def test_amend_and_withdraw_after_release(self):
        self.login(self.gp)
        self.post("approve")
        self.report.refresh_from_db()
        first_hash = self.report.handout_sha256
        response = self.post("amend")
        self.assertContains(response, "Give a reason for the amended handout")
        response = self.post("save", gp_note="quietly changed")
        self.assertContains(response, "issue an amended one", status_code=409)
        self.report.refresh_from_db()
        self.assertNotEqual(self.report.gp_note, "quietly changed")
        self.post("amend", reason="Added a note.", gp_note="New note.")
        self.report.refresh_from_db()
        self.assertNotEqual(self.report.handout_sha256, first_hash)
        self.assertTrue(AuditEntry.objects.filter(action="report.amended").exists())
        self.client.post(reverse("review:withdraw", args=[self.report.pk]), {"reason": ""})
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        self.client.post(
            reverse("review:withdraw", args=[self.report.pk]), {"reason": "Wrong patient"}
        )
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.WITHDRAWN)
        response = self.client.get(reverse("review:handout", args=[self.report.pk]))
        self.assertEqual(response.status_code, 404)

    def test_prevalence_lines_can_be_left_out(self):
        self.login(self.gp)
        self.post(keep_prevalence=[])
        self.report.refresh_from_db()
        text = "\n".join(p for s in self.report.patient_sections for p in s["paragraphs"])
        for item in self.report.engine_result["prevalence"]:
            self.assertNotIn(item["text"], text)

    def test_the_queue_lists_urgent_reports_first(self):
        calm = self.make_report(Report.Status.DRAFT, original_text="Findings: L4-5 disc bulge.")
        calm.submit(by=self.owner)
        self.login(self.gp)
        body = self.client.get(reverse("home")).content.decode()
        self.assertLess(body.index(f"Report {self.report.pk}"), body.index(f"Report {calm.pk}"))


GROUPED = "MRI LUMBAR SPINE\nFindings: L4-5 and L5-S1 disc desiccation and disc height loss."


class GroupedPrevalenceTests(PersonaTestCase):
    """Figures said in one sentence ("about 8 in 10 have dry discs and about 6 in 10 thinner
    discs") are one checkbox for the GP, kept while it is ticked and dropped when it is not."""

    def setUp(self):
        self.report = self.make_report(
            Report.Status.DRAFT, original_text=GROUPED, patient_age=55, patient_name="Syn Patient"
        )
        self.report.submit(by=self.owner)
        offered = self.report.engine_result["prevalence"]
        self.grouped = offered[0]["text"]
        assert [p["text"] for p in offered].count(self.grouped) == 2, offered

    def post(self, keep):
        data = {"action": "save", "lock_version": self.report.lock_version}
        for i, section in enumerate(self.report.patient_sections):
            data[f"section-{i}"] = "\n".join(section["paragraphs"])
        data["conclusion"] = self.report.patient_conclusion
        data["keep_prevalence"] = keep
        self.client.post(reverse("review:review", args=[self.report.pk]), data)
        self.report.refresh_from_db()
        return "\n".join(p for s in self.report.patient_sections for p in s["paragraphs"])

    def test_the_grouped_sentence_is_listed_once(self):
        self.login(self.gp)
        body = self.client.get(reverse("review:review", args=[self.report.pk])).content.decode()
        self.assertEqual(body.count('name="keep_prevalence"'), 1)
        self.assertEqual(body.count(self.grouped), 2)  # the checkbox and the section's text

    def test_its_one_checkbox_keeps_or_drops_it(self):
        self.login(self.gp)
        self.assertIn(self.grouped, self.post(keep=["0"]))
        self.assertNotIn(self.grouped, self.post(keep=[]))


class FactCheckReviewTests(PersonaTestCase):
    """The fact check beside the safety checker, on every edit, from the stored engine result."""

    def setUp(self):
        self.report = self.make_report(
            Report.Status.DRAFT, original_text=URGENT, patient_age=64, patient_name="Syn Patient"
        )
        self.report.submit(by=self.owner)
        self.login(self.gp)

    def found_index(self):
        return [s["heading"] for s in self.report.patient_sections].index("What it found")

    def form(self, **extra):
        data = {"action": "save", "lock_version": self.report.lock_version}
        for i, section in enumerate(self.report.patient_sections):
            data[f"section-{i}"] = "\n".join(section["paragraphs"])
        data["conclusion"] = self.report.patient_conclusion
        data["keep_prevalence"] = [
            str(i) for i in range(len(self.report.engine_result["prevalence"]))
        ]
        data.update(extra)
        return data

    def edit_found(self, old, new):
        i = self.found_index()
        text = "\n".join(self.report.patient_sections[i]["paragraphs"])
        self.assertIn(old, text)
        return {f"section-{i}": text.replace(old, new)}

    def test_the_engines_own_text_passes_both_checks(self):
        response = self.client.get(reverse("review:review", args=[self.report.pk]))
        self.assertContains(response, "The fact check finds nothing missing, added or said twice.")

    def test_a_changed_level_is_shown_with_the_section_it_concerns(self):
        edit = self.edit_found("4th and 5th bones of your lower back (L4-L5)", "3rd bone (L3)")
        response = self.client.post(reverse("review:check", args=[self.report.pk]), edit)
        html = response.content.decode()
        # shown under the box it concerns (swapped in beside it), counted in the live summary
        box = re.search(r'<div id="problems-found"[^>]*hx-swap-oob="true">(.*?)</div>', html, re.S)
        self.assertIn("level missing", box.group(1))
        live = html[: html.index('<div id="problems-elsewhere"')]
        self.assertNotIn("level missing", live)
        self.assertRegex(live, r"\d+ problems?</strong>")
        self.assertIn("fixing, or a reason, before approval", live)

    def test_an_invented_surgery_blocks_approval_unless_a_reason(self):
        edit = self.edit_found(
            "(L4-L5).", "(L4-L5).\nYou have had an operation on your lower back."
        )
        response = self.client.post(
            reverse("review:review", args=[self.report.pk]), self.form(action="approve", **edit)
        )
        self.assertContains(response, "Not approved")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.AWAITING_REVIEW)
        self.client.post(
            reverse("review:review", args=[self.report.pk]),
            self.form(action="approve", reason="The patient told me of the operation.", **edit),
        )
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        entry = AuditEntry.objects.get(action="report.released")
        self.assertEqual(entry.detail["problems"], ["invented"])

    def test_a_dropped_severity_needs_a_reason_like_every_fact_problem(self):
        edit = self.edit_found("a mild disc bulge", "a disc bulge")
        response = self.client.post(reverse("review:check", args=[self.report.pk]), edit)
        self.assertContains(response, "severity missing")
        self.assertContains(response, "fixing, or a reason, before approval")
        url = reverse("review:review", args=[self.report.pk])
        self.client.post(url, self.form(action="approve", **edit))
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.AWAITING_REVIEW)
        self.client.post(url, self.form(action="approve", reason="Said in my words.", **edit))
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        entry = AuditEntry.objects.get(action="report.released")
        self.assertEqual(entry.detail["problems"], ["severity_missing"])
        self.assertEqual(entry.detail["sections"], ["found"])

    def test_the_stored_result_carries_the_new_fields_to_the_check(self):
        # a stored reading with a size and a preliminary report: both reach the fact check
        result = dict(self.report.engine_result)
        result["document"] = "preliminary"
        result["findings"] = [
            {**f, "size": [{"value": 7, "unit": "mm", "text": "7 mm"}]}
            if f["concept"] == "disc_bulge"
            else f
            for f in result["findings"]
        ]
        Report.objects.filter(pk=self.report.pk).update(engine_result=result)
        self.report.refresh_from_db()
        response = self.client.post(reverse("review:check", args=[self.report.pk]), self.form())
        self.assertContains(response, "size missing")
        self.assertContains(response, "not final")
        edit = self.edit_found("(L4-L5).", "(L4-L5). It measures 7 mm.")
        response = self.client.post(reverse("review:check", args=[self.report.pk]), edit)
        self.assertNotContains(response, "size missing")
