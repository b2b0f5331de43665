"""Login throttling that an attacker cannot turn against a real user, on a fake clock."""

from datetime import UTC, datetime, timedelta
from unittest import mock

from django.contrib.auth import authenticate
from django.test import RequestFactory, override_settings
from django.urls import reverse

from lbpreports.accounts import models as throttle
from lbpreports.accounts.backends import KNOWN_DEVICE_COOKIE, client_address
from tests.personas import PASSWORD, PersonaTestCase

ATTACKER = "198.51.100.66"
GP_ADDRESS = "203.0.113.20"
PROXY = "10.0.0.2"


class FakeClock:
    """Stands in for the throttle's clock: time moves only when a test moves it."""

    def __init__(self):
        self.at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.at

    def advance(self, **delta):
        self.at += timedelta(**delta)


class ThrottleTestCase(PersonaTestCase):
    def setUp(self):
        self.clock = FakeClock()
        patcher = mock.patch.object(throttle, "now", self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)

    def attempt(self, password, address, username="addressed_gp", **headers):
        """A login from a browser without a session (keeping its known-device cookie)."""
        known = self.client.cookies.get(KNOWN_DEVICE_COOKIE)
        self.client.logout()
        if known is not None:
            self.client.cookies[KNOWN_DEVICE_COOKIE] = known.value
        return self.client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )

    def assertLoggedIn(self, response):
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.gp.pk))

    def assertLocked(self, response):
        self.assertContains(response, "Too many failed logins", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def assertWrongPassword(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "correct username and password")


class PairLockTests(ThrottleTestCase):
    def test_an_attacker_locks_only_their_own_address_for_15_minutes_from_the_fifth_failure(self):
        for _ in range(4):
            self.assertWrongPassword(self.attempt("wrong-one", ATTACKER))
            self.clock.advance(seconds=20)
        self.assertWrongPassword(self.attempt("wrong-one", ATTACKER))  # the fifth, at t5
        t5 = self.clock.at

        # the real GP, elsewhere, logs in at once
        self.assertLoggedIn(self.attempt(PASSWORD, GP_ADDRESS))

        # the attacker's address is locked, right password or not, whatever is tried meanwhile
        response = self.attempt(PASSWORD, ATTACKER)
        self.assertLocked(response)
        self.assertEqual(response["Retry-After"], str(15 * 60))
        self.assertContains(response, "15 minutes", status_code=429)
        for minutes in (1, 5, 10, 14):
            self.clock.at = t5 + timedelta(minutes=minutes)
            self.assertLocked(self.attempt("wrong-again", ATTACKER))
            self.assertLocked(self.attempt(PASSWORD, ATTACKER))
        self.clock.at = t5 + timedelta(minutes=15) - timedelta(seconds=1)
        self.assertLocked(self.attempt(PASSWORD, ATTACKER))

        # 15 minutes after the fifth failure the lock is over; attempts made while it held did
        # not count, so one more wrong password is just a wrong password
        self.clock.at = t5 + timedelta(minutes=15)
        self.assertWrongPassword(self.attempt("wrong-one", ATTACKER))
        self.assertLoggedIn(self.attempt(PASSWORD, ATTACKER))

    def test_four_failures_do_not_lock_and_a_right_password_clears_the_count(self):
        for _ in range(4):
            self.attempt("wrong-one", ATTACKER)
        self.assertLoggedIn(self.attempt(PASSWORD, ATTACKER))
        for _ in range(4):
            self.assertWrongPassword(self.attempt("wrong-one", ATTACKER))
        self.assertLoggedIn(self.attempt(PASSWORD, ATTACKER))

    def test_failures_older_than_the_window_do_not_count(self):
        for _ in range(4):
            self.attempt("wrong-one", ATTACKER)
        self.clock.advance(minutes=16)
        self.assertWrongPassword(self.attempt("wrong-one", ATTACKER))
        self.assertLoggedIn(self.attempt(PASSWORD, ATTACKER))

    def test_the_case_of_a_username_does_not_dodge_the_count(self):
        for spelling in (
            "addressed_gp",
            "ADDRESSED_GP",
            "Addressed_GP",
            " addressed_gp",
            "aDdressed_gp",
        ):
            self.attempt("wrong-one", ATTACKER, username=spelling)
        self.assertLocked(self.attempt(PASSWORD, ATTACKER))
        self.assertLoggedIn(self.attempt(PASSWORD, GP_ADDRESS))

    def test_the_admin_sites_login_is_the_throttled_one(self):
        for _ in range(5):
            self.attempt("wrong-one", ATTACKER)
        response = self.client.get("/admin/login/?next=/admin/")
        self.assertRedirects(
            response, "/accounts/login/?next=/admin/", fetch_redirect_response=False
        )
        # and any login form that calls authenticate() is refused while the pair is locked
        request = RequestFactory().post("/admin/login/", REMOTE_ADDR=ATTACKER)
        self.assertIsNone(authenticate(request, username="addressed_gp", password=PASSWORD))
        request = RequestFactory().post("/admin/login/", REMOTE_ADDR=GP_ADDRESS)
        self.assertEqual(authenticate(request, username="addressed_gp", password=PASSWORD), self.gp)


class SlowdownTests(ThrottleTestCase):
    def test_it_grows_from_one_second_and_stops_at_the_maximum(self):
        with override_settings(LOGIN_SLOWDOWN_AFTER=10, LOGIN_SLOWDOWN_MAX_SECONDS=30):
            delays = [throttle.slowdown_delay(n).total_seconds() for n in range(8, 18)]
        self.assertEqual(delays, [0, 0, 1, 2, 4, 8, 16, 30, 30, 30])

    def test_failures_from_many_addresses_slow_the_username_down_and_never_lock_it(self):
        waits = []
        for n in range(40):
            address = f"192.0.2.{n + 1}"
            response = self.attempt("wrong-one", address)
            if response.status_code == 429:
                self.assertContains(response, "each login waits", status_code=429)
                waits.append(int(response["Retry-After"]))
                self.clock.advance(seconds=int(response["Retry-After"]))
                response = self.attempt("wrong-one", address)
            self.assertWrongPassword(response)  # checked after the wait: never locked

        # it slowed down: waits began after ten failures, grew, and stayed bounded
        self.assertEqual(len(waits), 30)
        self.assertEqual(waits[:5], [1, 2, 4, 8, 16])
        self.assertEqual(max(waits), 30)
        self.assertFalse(throttle.LoginLock.objects.exists())

        # the real GP, from a new address or one the attacker used, is slowed, not locked
        response = self.attempt(PASSWORD, GP_ADDRESS)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Try again in 30 seconds", status_code=429)
        self.clock.advance(seconds=30)
        self.assertLoggedIn(self.attempt(PASSWORD, "192.0.2.7"))

    def test_a_wait_is_counted_from_the_latest_failure_and_refused_attempts_do_not_extend_it(self):
        for n in range(11):
            self.attempt(
                "wrong-one", f"192.0.2.{n + 1}"
            )  # the 11th comes when its 1 s wait is over
            self.clock.advance(seconds=1)
        self.clock.advance(seconds=-1)
        # eleven failures: the next attempt waits 2 s after the latest one
        self.assertEqual(self.attempt(PASSWORD, GP_ADDRESS).status_code, 429)
        self.clock.advance(seconds=1)
        self.assertEqual(self.attempt(PASSWORD, GP_ADDRESS).status_code, 429)
        self.clock.advance(seconds=1)
        self.assertLoggedIn(self.attempt(PASSWORD, GP_ADDRESS))


class ClientAddressTests(ThrottleTestCase):
    def request(self, remote, forwarded=None):
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)

    def test_without_a_trusted_proxy_x_forwarded_for_is_never_read(self):
        self.assertEqual(client_address(self.request(ATTACKER, "203.0.113.20")), ATTACKER)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(self):
        self.assertEqual(client_address(self.request(PROXY, "203.0.113.20")), "203.0.113.20")
        # whatever the client wrote before it is ignored
        spoofed = self.request(PROXY, "203.0.113.20, 1.2.3.4, " + ATTACKER)
        self.assertEqual(client_address(spoofed), ATTACKER)
        self.assertEqual(
            client_address(self.request(PROXY, "not-an-address, " + ATTACKER)), ATTACKER
        )
        # no header: the proxy's own address, never a guess
        self.assertEqual(client_address(self.request(PROXY)), PROXY)

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies_the_client_is_second_from_the_right(self):
        request = self.request(PROXY, "1.2.3.4, 203.0.113.20, 10.0.0.9")
        self.assertEqual(client_address(request), "203.0.113.20")
        self.assertEqual(client_address(self.request(PROXY, "10.0.0.9")), PROXY)  # too short

    @override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=[PROXY])
    def test_a_client_that_is_not_a_trusted_proxy_cannot_choose_its_address(self):
        self.assertEqual(client_address(self.request(PROXY, "203.0.113.20")), "203.0.113.20")
        direct = self.request(ATTACKER, "203.0.113.20")
        self.assertEqual(client_address(direct), ATTACKER)

    def test_a_spoofed_x_forwarded_for_does_not_move_an_attacker_off_their_lock(self):
        for n in range(5):
            self.attempt("wrong-one", ATTACKER, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        self.assertLocked(self.attempt(PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR=GP_ADDRESS))
        self.assertLoggedIn(self.attempt(PASSWORD, GP_ADDRESS))

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_the_proxy_the_attacker_and_the_gp_are_told_apart(self):
        for n in range(5):
            # the attacker writes a header of their own; the proxy appends their real address
            forwarded = f"{GP_ADDRESS}, 203.0.113.{n}, {ATTACKER}"
            self.attempt("wrong-one", PROXY, HTTP_X_FORWARDED_FOR=forwarded)
        self.assertLocked(self.attempt(PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=ATTACKER))
        self.assertLoggedIn(self.attempt(PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=GP_ADDRESS))


class KnownDeviceTests(ThrottleTestCase):
    def slow_the_username_down(self):
        for n in range(12):
            response = self.attempt("wrong-one", f"192.0.2.{n + 1}")
            if response.status_code == 429:
                self.clock.advance(seconds=int(response["Retry-After"]))
                self.attempt("wrong-one", f"192.0.2.{n + 1}")

    def test_a_browser_that_logged_in_before_is_not_slowed_down(self):
        self.assertLoggedIn(self.attempt(PASSWORD, GP_ADDRESS))
        cookie = self.client.cookies[KNOWN_DEVICE_COOKIE]
        self.assertTrue(cookie["httponly"])
        self.slow_the_username_down()

        self.assertLoggedIn(self.attempt(PASSWORD, "203.0.113.99"))  # the GP's own browser
        self.client.cookies.pop(KNOWN_DEVICE_COOKIE)
        self.assertEqual(self.attempt(PASSWORD, "203.0.113.99").status_code, 429)

    def test_a_forged_cookie_or_another_users_cookie_does_not_exempt(self):
        self.client.post(
            reverse("login"),
            {"username": "other_gp", "password": PASSWORD},
            REMOTE_ADDR=GP_ADDRESS,
        )
        self.slow_the_username_down()
        self.assertEqual(self.attempt(PASSWORD, GP_ADDRESS).status_code, 429)  # other_gp's
        self.client.cookies[KNOWN_DEVICE_COOKIE] = "addressed_gp"
        self.assertEqual(self.attempt(PASSWORD, GP_ADDRESS).status_code, 429)

    def test_a_known_browser_is_still_locked_by_its_addresss_failures(self):
        self.assertLoggedIn(self.attempt(PASSWORD, ATTACKER))
        for _ in range(5):
            self.attempt("wrong-one", ATTACKER)
        self.assertLocked(self.attempt(PASSWORD, ATTACKER))
