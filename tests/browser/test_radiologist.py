"""The radiologist's pages in real Chromium: choosing a file previews it, a file over the limit
is refused before it is sent, the draft handout needs a report, Send names the patient and the
GP before it sends, Edit opens with its preview, the released handout is a click away, and a
request over the server's limit is a page of the app."""

import pytest
from django.test import override_settings

from lbpreports import readers
from lbpreports.reports.models import Report
from tests.browser.helpers import login
from tests.personas import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPORT = (
    "MRI LUMBAR SPINE\nFindings:\nL4-5: mild disc bulge indenting the thecal sac.\n"
    "No fracture.\nImpression: Mild L4-5 disc bulge."
)


@pytest.fixture
def people():
    return make_user("rad_page", "radiologist"), make_user("gp_page", "gp")


def saved(radiologist, gp, **fields):
    report = Report.objects.create(
        radiologist=radiologist, gp=gp, original_text=REPORT, patient_name="Synthetic Pat", **fields
    )
    report.run_engine()
    report.save()
    return report


def test_choosing_a_file_previews_it(live_server, page, people):
    login(page, live_server.url, "rad_page")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Or upload a file").set_input_files(
        {"name": "report.txt", "mimeType": "text/plain", "buffer": REPORT.encode()}
    )
    page.locator("#preview").get_by_text("What it found").wait_for()
    assert "disc bulge" in page.locator("#preview").inner_text()
    # a screen reader hears one line, not the whole preview
    live = page.locator("[aria-live]")
    assert live.count() == 1
    said = live.inner_text()
    assert said.startswith("Preview updated.") and "Lay summary Grade" in said
    assert len(said.split()) < 40


def test_a_refused_file_shows_one_error_in_the_preview(live_server, page, people):
    login(page, live_server.url, "rad_page")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_label("Or upload a file").set_input_files(
        {"name": "scan.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)}
    )
    alert = page.locator("#preview [role=alert]")
    alert.wait_for()
    assert alert.locator("li").count() == 1
    assert "empty" not in alert.inner_text()


def test_a_file_over_the_limit_is_refused_before_it_is_sent(live_server, page, people):
    login(page, live_server.url, "rad_page")
    page.goto(live_server.url + "/reports/new/")
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else 0)
    upload = page.get_by_label("Or upload a file")
    upload.set_input_files(
        {
            "name": "huge.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF" + bytes(readers.MAX_FILE_BYTES),
        }
    )
    problem = page.locator("#upload-size-problem")
    problem.wait_for()
    assert "huge.pdf is too large" in problem.inner_text()
    assert problem.get_attribute("role") == "alert"
    assert upload.evaluate("input => input.files.length") == 0
    page.wait_for_timeout(1200)  # longer than the preview's delay
    assert sent == []
    # a file within the limit clears the message and previews
    upload.set_input_files(
        {"name": "report.txt", "mimeType": "text/plain", "buffer": REPORT.encode()}
    )
    page.locator("#preview").get_by_text("What it found").wait_for()
    assert page.locator("#upload-size-problem").count() == 0


def test_the_draft_handout_needs_a_report(live_server, page, people):
    login(page, live_server.url, "rad_page")
    page.goto(live_server.url + "/reports/new/")
    page.get_by_role("button", name="Draft handout (PDF)").click()
    problem = page.locator("#draft-problem")
    problem.wait_for()
    assert "Paste the report's text or choose a file first" in problem.inner_text()
    assert len(page.context.pages) == 1  # no second tab, no second workspace
    page.get_by_label("Report text").fill(REPORT)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Draft handout (PDF)").click()
    assert opened.value is not None


def test_send_names_the_patient_and_the_gp_and_waits_for_yes(live_server, page, people):
    radiologist, gp = people
    report = saved(radiologist, gp)
    login(page, live_server.url, "rad_page")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    messages = []

    def answer(dialog, accept):
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Send to the GP").click()
    page.wait_for_timeout(300)
    assert "Synthetic Pat" in messages[0] and gp.get_full_name() in messages[0]
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Send to the GP").click()
    page.get_by_text("Sent to the GP for review").wait_for()
    report.refresh_from_db()
    assert report.status == Report.Status.AWAITING_REVIEW


def test_edit_opens_with_its_preview(live_server, page, people):
    report = saved(*people)
    login(page, live_server.url, "rad_page")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    page.get_by_role("link", name="Edit").click()
    assert "What it found" in page.locator("#preview").inner_text()
    # the patient text's technical words show their definitions, as the original's do
    term = page.locator("#preview .patient-text .term").first
    definition = term.locator(".definition")
    assert not definition.is_visible()
    term.hover()
    assert definition.is_visible()


def test_the_released_handout_is_on_the_radiologists_page(live_server, page, people):
    radiologist, gp = people
    report = saved(radiologist, gp)
    report.submit(by=radiologist)
    report.apply("approve", gp, lock_version=report.lock_version)
    login(page, live_server.url, "rad_page")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    assert "Released to the patient on" in page.locator("#released-handout").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="The released handout (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_request_over_the_servers_limit_is_a_page_of_the_app(live_server, page, people):
    login(page, live_server.url, "rad_page")
    with override_settings(MAX_REQUEST_BYTES=4000):
        page.goto(live_server.url + "/reports/new/")
        page.get_by_label("Report text").fill(REPORT)
        # as a browser without the page's script would send it
        page.evaluate("document.getElementById('id_upload').removeAttribute('data-max-bytes')")
        page.get_by_label("Or upload a file").set_input_files(
            {"name": "big.txt", "mimeType": "text/plain", "buffer": REPORT.encode() * 40}
        )
        page.get_by_role("button", name="Save draft").click()
        page.get_by_role("heading", name="That was too large to send").wait_for()
    assert page.title() == "Too large · lbpreports"
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
