"""The demo radiologist and GP log in through a real browser and see their dashboards."""

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts():
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize(
    ("username", "password", "heading"),
    [
        ("radiologist", "demo-radiologist-pass", "Your reports"),
        ("gp", "demo-gp-pass", "Your review queue"),
        ("admin", "demo-admin-pass", "Administration"),
    ],
)
def test_it_logs_in_and_shows_the_dashboard(
    live_server, page, demo_accounts, username, password, heading
):
    page.goto(live_server.url + "/")
    assert page.url.startswith(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/accounts/login/")


def test_a_wrong_password_shows_an_error(live_server, page, demo_accounts):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("gp")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    assert "correct username and password" in page.get_by_role("alert").inner_text()
