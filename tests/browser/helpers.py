"""What several browser tests do the same way."""

from tests.personas import PASSWORD, make_user

URGENT = "MRI LUMBAR SPINE\nFindings: Acute L1 compression fracture. Mild L4-5 disc bulge."


def login(page, base: str, username: str) -> None:
    """Log in through the login page as a user would, and wait for the dashboard."""
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def submitted_report(suffix: str, **fields):
    """An urgent made-up report, sent by radiologist `rad_<suffix>` to GP `gp_<suffix>`."""
    from lbpreports.reports.models import Report

    radiologist = make_user(f"rad_{suffix}", "radiologist")
    gp = make_user(f"gp_{suffix}", "gp")
    report = Report.objects.create(
        radiologist=radiologist, gp=gp, original_text=URGENT, patient_age=60, **fields
    )
    report.submit(by=radiologist)
    return report
