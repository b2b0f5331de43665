"""Handouts sent to the GP's system as HL7 over MLLP through the task queue: F on release, C on
amendment and reissue, X on withdrawal, all for the same order; a receiver that refuses is retried
with backoff (a fake clock) and, after the last try, shown to admins without patient details."""

import datetime
import threading
from unittest import mock

from django.test import override_settings
from django.urls import reverse

from lbpreports.audit.models import AuditEntry
from lbpreports.mllp import MLLPServer
from lbpreports.reports.models import OutboundMessage, Report
from tests.personas import PersonaTestCase
from tests.reports.test_notifications import START, due, run_due

TEXT = "MRI LUMBAR SPINE\nFindings: Mild L4-5 disc bulge. No fracture."
FAMILY = "Wombat-Synthetic"


def field(message: bytes, segment: str, number: int) -> str:
    for line in message.decode().split("\r"):
        if line.startswith(segment + "|"):
            return line.split("|")[number]
    raise AssertionError(f"no {segment}")


class GPSystem:
    """A GP system's MLLP receiver on a real socket, answering `code` to every message."""

    def __init__(self, code="AA"):
        self.code, self.received = code, []
        self.server = MLLPServer(("127.0.0.1", 0), self.handle, self.handle, 10_000_000, 5)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, message: bytes) -> bytes:
        self.received.append(message)
        return f"MSH|^~\\&|GP|CLINIC|||20261206||ACK|1|P|2.4\rMSA|{self.code}|x\r".encode()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class OutboundTests(PersonaTestCase):
    def setUp(self):
        self.system = GPSystem()
        self.addCleanup(self.system.stop)
        host, port = self.system.server.server_address
        settings = override_settings(HL7_OUTBOUND_HOST=host, HL7_OUTBOUND_PORT=port)
        settings.enable()
        self.addCleanup(settings.disable)
        self.report = self.make_report(
            original_text=TEXT, patient_age=60, patient_family_name=FAMILY
        )
        self.report.name_from_parts()
        self.report.save()
        self.report.submit(by=self.owner)

    def act(self, action, **kwargs):
        self.report.refresh_from_db()
        if action in ("approve", "amend"):
            kwargs["lock_version"] = self.report.lock_version
            kwargs["edit"] = self.report.current_edit()
        with self.captureOnCommitCallbacks(execute=True):
            self.report.apply(action, self.gp, **kwargs)

    def test_release_amendment_withdrawal_and_reissue_each_send_their_message(self):
        clock = START
        for action, reason, status in (
            ("approve", "", "F"),
            ("amend", "A clearer word.", "C"),
            ("withdraw", "Given to the wrong patient.", "X"),
            ("reissue", "It was the right patient.", "C"),
        ):
            self.act(action, reason=reason)
            clock += datetime.timedelta(seconds=1)
            self.assertEqual(run_due(clock), 1, action)
            message = self.system.received[-1]
            self.assertEqual(field(message, "OBR", 25), status, action)
            self.assertIn(FAMILY, field(message, "PID", 5))
        self.assertEqual(len(self.system.received), 4)
        orders = {field(m, "OBR", 3) for m in self.system.received}
        self.assertEqual(len(orders), 1)  # one order, whatever its status
        self.assertTrue(orders.pop().startswith(f"LBP{self.report.pk}^"))
        self.assertEqual(len({field(m, "MSH", 9) for m in self.system.received}), 4)  # MSH-10
        states = set(OutboundMessage.objects.values_list("state", flat=True))
        self.assertEqual(states, {"sent"})
        self.assertEqual(AuditEntry.objects.filter(action="hl7.sent").count(), 4)

    def test_nothing_is_sent_before_the_transition_commits(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.report.apply(
                "approve",
                self.gp,
                lock_version=self.report.lock_version,
                edit=self.report.current_edit(),
            )
        self.assertEqual(due(START + datetime.timedelta(days=1)).count(), 0)
        self.assertEqual(len(callbacks), 2)  # the enqueue waits for the commit
        self.assertEqual(self.system.received, [])

    def test_a_refusing_system_is_retried_then_shown_to_admins_without_patient_details(self):
        self.system.code = "AE"
        self.act("approve")
        clock = START
        with override_settings(NOTIFY_RETRY_SECONDS=[30, 120]):
            self.assertEqual(run_due(clock), 1)
            for delay in (30, 120):
                self.assertEqual(run_due(clock + datetime.timedelta(seconds=delay - 1)), 0)
                clock += datetime.timedelta(seconds=delay)
                self.assertEqual(run_due(clock), 1)
            self.assertEqual(run_due(clock + datetime.timedelta(days=1)), 0)
        outbound = OutboundMessage.objects.get()
        self.assertEqual((outbound.state, outbound.attempts), ("failed", 3))
        self.assertEqual(outbound.last_error, "the receiver answered AE")
        self.assertEqual(len(self.system.received), 3)
        self.login(self.admin)
        page = self.client.get(reverse("home")).content.decode()
        self.assertIn(outbound.control_id, page)
        self.assertIn("the receiver answered AE", page)
        self.assertNotIn(FAMILY, page)

    def test_a_message_that_cannot_be_made_is_shown_and_never_blocks_the_release(self):
        with mock.patch("lbpreports.handouts.exports.hl7_oru", side_effect=ValueError):
            self.act("approve")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        outbound = OutboundMessage.objects.get()
        self.assertEqual(
            (outbound.state, outbound.last_error), ("failed", "could not be made (ValueError)")
        )
        self.assertEqual(run_due(START), 0)

    def test_no_system_configured_sends_nothing(self):
        with override_settings(HL7_OUTBOUND_HOST=""):
            self.act("approve")
        self.assertFalse(OutboundMessage.objects.exists())
        self.assertEqual(self.report.status, Report.Status.RELEASED)

    def test_an_unreachable_system_never_holds_up_the_release(self):
        self.system.stop()
        self.act("approve")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.RELEASED)
        self.assertEqual(run_due(START), 1)
        outbound = OutboundMessage.objects.get()
        self.assertEqual((outbound.state, outbound.attempts), ("pending", 1))
        self.assertIn("cannot connect", outbound.last_error)
