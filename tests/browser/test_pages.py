"""Every page of the app, the admin's included, at desktop and phone sizes: axe-core finds no
violations and nothing scrolls sideways."""

import json
from pathlib import Path

import pytest

from lbpreports.reports.models import Report
from tests.browser.helpers import login
from tests.personas import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
TEXT = (
    "MRI LUMBAR SPINE\nClinical history: 58 year old.\nFindings:\n"
    "L4-5: Mild disc desiccation with a small broad-based disc bulge. Mild facet arthropathy.\n"
    "L1: Acute compression fracture.\nImpression: L1 fracture. L4-5 degeneration."
)


def problems(page) -> list:
    """axe-core's violations on the page as it is now, and a sideways scroll if any."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    found = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        found.append(("sideways-scroll", page.url, []))
    return found


@pytest.fixture
def site():
    radiologist = make_user("rad_pages", "radiologist")
    gp = make_user("gp_pages", "gp")
    make_user("admin_pages", staff=True)

    def report(state):
        report = Report.objects.create(
            radiologist=radiologist, gp=gp, original_text=TEXT, patient_name="Synthetic Pat"
        )
        report.run_engine()
        report.save()
        if state != "draft":
            report.called_gp_who, report.called_gp_at = "Dr GP", report.created
            report.submit(by=radiologist)
        if state == "released":
            report.apply("approve", gp, lock_version=report.lock_version, reason="synthetic")
        return report

    return {"draft": report("draft"), "waiting": report("waiting"), "released": report("released")}


@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe_and_fits_the_screen(live_server, browser, site, size):
    base = live_server.url
    draft, waiting, released = site["draft"], site["waiting"], site["released"]
    visits = {
        None: ["/accounts/login/", "/no-such-page/", "/accounts/email/confirm/void-token/"],
        "rad_pages": [
            "/",
            "/reports/new/",
            f"/reports/{draft.pk}/",
            f"/reports/{draft.pk}/edit/",
            f"/reports/{waiting.pk}/",
            f"/reports/{released.pk}/",
        ],
        "gp_pages": ["/", f"/review/{waiting.pk}/", f"/review/{released.pk}/", "/accounts/email/"],
        "admin_pages": [
            "/",
            "/admin/",
            "/admin/auth/user/",
            "/admin/auth/user/add/",
            "/admin/audit/auditentry/",
        ],
    }
    found = {}
    for username, paths in visits.items():
        context = browser.new_context(bypass_csp=True, viewport=SIZES[size])
        page = context.new_page()
        if username:
            login(page, base, username)
        for path in paths:
            page.goto(base + path)
            if bad := problems(page):
                found[f"{username} {path}"] = bad
        context.close()
    assert not found, json.dumps(found, indent=1)
