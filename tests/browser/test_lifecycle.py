"""The lifecycle in real Chromium: dates survive editing (typed, and read from an HL7 upload), a
pasted report (sent by the browser with CRLF line ends) is highlighted on the right words, and
unsafe GP text cannot be released without a reason, whose problem kinds reach the audit trail."""

import datetime
import re

import pytest

from lbpreports.audit.models import AuditEntry
from lbpreports.reports.models import Report
from tests.browser.helpers import login
from tests.personas import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATE_FINDINGS = (
    "MRI LUMBAR SPINE\nClinical history: back pain.\nTechnique: sagittal T1 and T2.\nFindings:\n"
    "L3-4: normal.\nL4-5: mild disc bulge.\nL5-S1: large disc extrusion.\nNo fracture."
)
HL7 = (
    b"MSH|^~\\&|RIS|PRAC|GP|CLINIC|202611251200||ORU^R01|1|P|2.4\r"
    b"PID|1||SYN123^^^PRAC||CITIZEN^JANE||19710514|F\r"
    b"OBR|1|||MRI^MRI LUMBAR SPINE|||20261124\r"
    b"OBX|1|FT|RPT||Findings:\\.br\\L4-5 disc bulge.\\.br\\No fracture.||||||F\r"
)
CANCER = "MRI LUMBAR SPINE\nFindings: L2 vertebral body lesion, metastasis not excluded."
UNSAFE = (
    "Nothing serious was found, don't worry.\n"
    "This disc bulge is causing your pain, so you should have surgery."
)


@pytest.fixture
def people():
    return make_user("rad_life", "radiologist"), make_user("gp_life", "gp")


def edit_and_save_again(page, live_server, report):
    """Open the edit page, check the dates are in their boxes, save without touching them."""
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    assert page.get_by_label("Date of birth", exact=True).input_value() == "1971-05-14"
    assert page.get_by_label("Exam date").input_value() == "2026-11-24"
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    report.refresh_from_db()
    assert report.date_of_birth == datetime.date(1971, 5, 14)
    assert report.exam_date == datetime.date(2026, 11, 24)


def test_typed_dates_survive_editing(live_server, page, people):
    radiologist, gp = people
    login(page, live_server.url, "rad_life")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Report text").fill(LATE_FINDINGS)
    page.get_by_label("Date of birth", exact=True).fill("1971-05-14")
    page.get_by_label("Exam date").fill("2026-11-24")
    page.get_by_label("Referring GP").select_option(label=gp.get_full_name())
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    report = Report.objects.get()
    edit_and_save_again(page, live_server, report)
    assert report.age_at_exam() == 55


def test_dates_from_an_hl7_upload_survive_preview_save_and_edit(
    live_server, page, people, tmp_path
):
    radiologist, gp = people
    path = tmp_path / "report.hl7"
    path.write_bytes(HL7)
    login(page, live_server.url, "rad_life")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Or upload a file").set_input_files(str(path))
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("The text of report.hl7 is in the box below").wait_for()
    assert page.get_by_label("Date of birth", exact=True).input_value() == "1971-05-14"
    page.get_by_label("Referring GP").select_option(label=gp.get_full_name())
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    report = Report.objects.get()
    assert report.source_type == "hl7"
    edit_and_save_again(page, live_server, report)


def test_a_pasted_report_is_highlighted_on_the_right_words(live_server, page, people):
    radiologist, gp = people
    login(page, live_server.url, "rad_life")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Report text").fill(LATE_FINDINGS)
    page.get_by_label("Referring GP").select_option(label=gp.get_full_name())
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    report = Report.objects.get()
    assert "\r" not in report.original_text  # the browser sent CRLF; the server kept LF
    marks = page.locator(".original mark").all_inner_texts()
    assert marks, "nothing highlighted"
    words = set(re.findall(r"[\w-]+", LATE_FINDINGS))
    for mark in marks:
        # every highlight starts and ends on a word of the report, never inside one
        for part in re.findall(r"[\w-]+", mark):
            assert part in words, (mark, marks)
    assert any("extrusion" in mark for mark in marks), marks


def test_unsafe_gp_text_needs_a_reason_and_its_problem_kinds_are_audited(live_server, page, people):
    radiologist, gp = people
    report = Report.objects.create(
        radiologist=radiologist,
        gp=gp,
        original_text=CANCER,
        patient_age=58,
        patient_identifier="SYN-GATE",
    )
    report.submit(by=radiologist)
    login(page, live_server.url, "gp_life")
    page.goto(f"{live_server.url}/review/{report.pk}/")
    page.get_by_label("What needs follow-up").fill(UNSAFE)
    page.locator("#problems-follow_up").get_by_text("causal claim").first.wait_for()
    page.on("dialog", lambda dialog: dialog.accept())  # "Release this handout to ...?"
    page.get_by_role("button", name="Approve and release").click()
    page.get_by_text("Not approved").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.AWAITING_REVIEW
    assert not AuditEntry.objects.filter(action="report.released").exists()

    page.get_by_label("Reason, if you approve over the problems the checks list").fill(
        "Discussed face to face; wording agreed."
    )
    page.get_by_role("button", name="Approve and release").click()
    page.get_by_text("Approved and released to the patient.").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.RELEASED
    assert report.versions.get(kind="release").reason == "Discussed face to face; wording agreed."
    entry = AuditEntry.objects.get(action="report.released", report_id=report.pk)
    assert entry.detail["override"] is True
    assert {"reassurance_with_urgent", "causal_claim", "treatment_advice"} <= set(
        entry.detail["problems"]
    )
    assert "follow_up" in entry.detail["sections"]
    assert "face to face" not in str(entry.detail)
