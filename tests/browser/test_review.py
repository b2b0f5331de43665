"""End to end in real Chromium: the GP edits the patient text (rescored as they type), approves,
and downloads the handout; and axe-core on the review page."""

import json
from pathlib import Path

import pytest

from lbpreports.reports.models import Report
from tests.browser.helpers import login, submitted_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture
def submitted():
    return submitted_report("rev", patient_identifier="SYN-REV")


def test_edit_approve_and_download(live_server, page, submitted):
    login(page, live_server.url, "gp_rev")
    page.get_by_role("link", name=f"Report {submitted.pk}").click()
    follow = page.get_by_label("What needs follow-up")
    original = follow.input_value()
    # deleting the red flag is caught as the GP types
    follow.fill("Your scan is fine.")
    page.locator("#problems-follow_up").get_by_text("urgent missing").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Approve and release").click()
    page.get_by_text("Not approved").wait_for()
    # put it back, add a note, approve
    page.get_by_label("What needs follow-up").fill(original)
    page.locator("#check").get_by_text("The safety checker finds no problems.").wait_for()
    page.get_by_label("A personal note for the patient (optional)").fill("Please book a visit.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Approve and release").click()
    page.get_by_text("Approved and released to the patient.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the released handout (PDF)").click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.RELEASED
    assert submitted.gp_note == "Please book a visit."


def test_review_page_has_no_serious_accessibility_violations(live_server, browser, submitted):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    login(page, live_server.url, "gp_rev")
    page.goto(f"{live_server.url}/review/{submitted.pk}/")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == [], json.dumps([(v["id"], v["help"], len(v["nodes"])) for v in bad], indent=1)
