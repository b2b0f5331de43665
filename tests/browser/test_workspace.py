"""End to end in real Chromium: log in, paste a report, watch the preview change, save, submit;
and an accessibility check of the workspace with axe-core."""

import json
from pathlib import Path

import pytest

from tests.browser.helpers import login
from tests.personas import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

REPORT = (
    "MRI LUMBAR SPINE\nFindings:\nL4-5: mild disc bulge indenting the thecal sac.\n"
    "No fracture.\nImpression: Mild L4-5 disc bulge."
)


@pytest.fixture
def people():
    return make_user("rad_e2e", "radiologist"), make_user("gp_e2e", "gp")


def test_paste_preview_save_and_submit(live_server, page, people):
    radiologist, gp = people
    login(page, live_server.url, "rad_e2e")
    page.get_by_role("link", name="New report").click()
    page.get_by_label("Report text").fill(REPORT)
    preview = page.locator("#preview")
    preview.get_by_text("What the scan looked at").wait_for()
    assert "disc bulge" in preview.inner_text()
    # the preview follows the text as it changes
    page.get_by_label("Report text").fill(REPORT + "\nAcute L1 compression fracture.")
    preview.get_by_text("Urgent finding").wait_for()
    assert "broken bone" in preview.inner_text()
    page.get_by_label("Medical record number (MRN)").fill("SYN-E2E")
    page.get_by_label("Age (if no date of birth)").fill("60")
    page.get_by_label("Referring GP").select_option(label=gp.get_full_name())
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())  # "Send the report of ... to ...?"
    page.get_by_role("button", name="Send to the GP").click()
    page.get_by_text("Sent to the GP for review").wait_for()
    assert "Awaiting GP review" in page.locator("h1").inner_text()


def test_workspace_has_no_serious_accessibility_violations(live_server, browser, people):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    login(page, live_server.url, "rad_e2e")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Report text").fill(REPORT)
    page.locator("#preview").get_by_text("What the scan looked at").wait_for()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == [], json.dumps([(v["id"], v["help"], len(v["nodes"])) for v in bad], indent=1)
