"""The GP's review in real Chromium: each problem under the box it concerns and counted at the
top, only the meters and the count in the live region, definitions of the report's words on
hover, keyboard focus and tap, a confirmation naming the patient before release, and Approve
disabled with visible progress while the handout is made."""

import json

import pytest

from lbpreports.reports.models import Report
from tests.browser.helpers import login, submitted_report
from tests.personas import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted():
    return submitted_report("gpr", patient_name="Synthetic Pat")


def open_review(page, live_server, report):
    login(page, live_server.url, "gp_gpr")
    page.goto(f"{live_server.url}/review/{report.pk}/")


def test_a_problem_shows_under_its_box_and_is_counted_at_the_top(live_server, page, submitted):
    open_review(page, live_server, submitted)
    page.get_by_label("What needs follow-up").fill("Your scan is fine.")
    beside = page.locator("#problems-follow_up")
    beside.get_by_text("urgent missing").wait_for()
    # the box's own problems are its description for a screen reader
    box = page.get_by_label("What needs follow-up")
    assert box.get_attribute("aria-describedby") == "problems-follow_up"
    assert "urgent missing" not in page.locator("#problems-found").inner_text()
    live = page.locator("[aria-live]")
    assert live.count() == 1
    said = live.inner_text()
    assert "problem" in said and "Grade" in said
    assert "urgent missing" not in said and len(said.split()) < 60


def test_definitions_on_hover_focus_and_tap(live_server, browser, submitted):
    context = browser.new_context(has_touch=True)
    page = context.new_page()
    open_review(page, live_server, submitted)
    term = page.locator(".original .term").filter(has_text="fracture").first
    definition = term.locator(".definition")
    assert not definition.is_visible()
    term.hover()
    assert definition.is_visible() and "broken bone" in definition.inner_text()
    page.mouse.move(0, 0)
    assert not definition.is_visible()
    term.focus()  # as Tab reaches it
    assert definition.is_visible()
    page.keyboard.press("Escape")
    assert not definition.is_visible()
    term.tap()
    assert definition.is_visible()
    described = page.locator("#" + term.get_attribute("aria-describedby")).inner_text()
    assert "broken bone" in described
    context.close()


def test_release_names_the_patient_and_shows_progress_with_approve_disabled(
    live_server, page, submitted
):
    open_review(page, live_server, submitted)
    asked = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    approve = page.get_by_role("button", name="Approve and release")
    approve.click()
    page.wait_for_timeout(300)
    assert "Synthetic Pat" in asked[0]
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.AWAITING_REVIEW
    assert approve.is_enabled() and not page.locator("#action-progress").is_visible()
    # what the page shows just after the release is sent, kept across the navigation
    page.evaluate(
        """() => document.addEventListener("submit", () => setTimeout(() => {
          const approve = document.querySelector("button[value=approve]");
          const progress = document.getElementById("action-progress");
          sessionStorage.seen = JSON.stringify({
            approve: approve.disabled,
            save: document.querySelector("button[value=save]").disabled,
            progress: !progress.hidden && progress.offsetHeight > 0,
            text: progress.innerText,
          });
          approve.form.requestSubmit(approve);  // a second try while it runs
        }, 30), {once: true})"""
    )
    page.once("dialog", lambda dialog: dialog.accept())
    approve.click()
    page.get_by_text("Approved and released to the patient.").wait_for()
    seen = json.loads(page.evaluate("sessionStorage.seen"))
    assert seen["approve"] and seen["save"] and seen["progress"]
    assert "making the handout" in seen["text"]
    submitted.refresh_from_db()
    assert submitted.status == Report.Status.RELEASED
    assert submitted.versions.filter(kind="release").count() == 1


def test_a_withheld_prevalence_figure_goes_in_with_one_tick(live_server, page):
    radiologist = make_user("rad_wh", "radiologist")
    report = Report.objects.create(
        radiologist=radiologist,
        gp=make_user("gp_gpr", "gp"),
        original_text=(
            "MRI LUMBAR SPINE\nClinical history: 60 year old.\nFindings: L1: Acute compression "
            "fracture. L1-2: mild disc bulge. L4-5: disc desiccation."
        ),
        patient_name="Synthetic Pat",
    )
    report.submit(by=radiologist)
    withheld = next(p for p in report.engine_result["prevalence"] if not p["shown"])
    open_review(page, live_server, report)
    tick = page.get_by_label(withheld["text"])
    assert "left out at the level of an urgent finding" in page.locator("fieldset").inner_text()
    box = page.get_by_label("How common this is in people without back pain")
    assert withheld["text"] not in box.input_value()
    tick.check()
    assert withheld["text"] in box.input_value()  # in the patient text at once
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    report.refresh_from_db()
    said = [p for s in report.patient_sections for p in s["paragraphs"]]
    assert said.count(withheld["text"]) == 1
