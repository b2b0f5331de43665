"""What several browser tests do the same way."""

from tests.personas import PASSWORD


def login(page, base: str, username: str) -> None:
    """Log in through the login page as a user would, and wait for the dashboard."""
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")
