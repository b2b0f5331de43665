"""Reports from a RIS over MLLP, on a real socket: ACKs, one draft per control id, the intake
list, the size limit and the timeout, with the listener serving other senders throughout
(synthetic patients only)."""

import socket
import threading
import time
from datetime import date
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from hl7apy.parser import parse_message

from lbpreports import roles
from lbpreports.audit.models import AuditEntry
from lbpreports.practice import inbound
from lbpreports.practice.models import InboundMessage, Practitioner
from lbpreports.reports.models import Report

START, END = b"\x0b", b"\x1c\r"
FAMILY = "Quokka-Synthetic"


def message(
    control_id="MSG-1",
    radiologist="RAD-7",
    gp="2054781W",
    kind="ORU^R01^ORU_R01",
    text="Findings: Mild L4-5 disc bulge.\\.br\\No fracture.",
    status="F",
    order="ACC-9^NORTHIMG",
):
    return (
        "\r".join(
            [
                f"MSH|^~\\&|RIS|NORTH IMAGING|LBPREPORTS|DEMORAD|20261120103000+1100||{kind}|"
                f"{control_id}|P|2.4|||AL|NE|AUS|UNICODE UTF-8",
                f"PID|1||SYN-501^^^NORTHIMG^MR~21234567012^^^AUSHIC^MC||{FAMILY}^Jo^Ann||"
                "19580214|F",
                "PV1|1|O",
                f"OBR|1|ORD-9^GPCLINIC|{order}|MRLS^MRI Lumbar Spine^L|||20261119"
                f"|||||||||{gp}^Nguyen^Sam^^^^^^AUSHICPR|||||||||{status}|||||||"
                f"{radiologist}&Desai&Riya",
                f"OBX|1|FT|RPT^Report^L||{text}||||||F",
            ]
        )
        + "\r"
    ).encode()


class Sender:
    """One RIS connection to the listener."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=20)

    def send(self, data: bytes) -> dict:
        self.sock.sendall(START + data + END)
        reply = b""
        while not reply.endswith(END):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the listener")
            reply += chunk
        assert reply.startswith(START)
        text = reply[1 : -len(END)].decode()
        ack = parse_message(text.replace("\r", "\r"), find_groups=False)
        msa = ack.msa
        return {
            "code": msa.msa_1.to_er7(),
            "control_id": msa.msa_2.to_er7(),
            "text": msa.msa_3.to_er7(),
            "type": ack.msh.msh_9.to_er7(),
            "err": text.split("\r")[2] if text.count("\r") > 2 else "",
        }

    def close(self):
        self.sock.close()


@override_settings(MLLP_TIMEOUT_SECONDS=2, MLLP_MAX_BYTES=20_000)
class ListenerTests(TransactionTestCase):
    def setUp(self):
        groups = roles.ensure_groups()
        User = get_user_model()
        self.radiologist = User.objects.create_user("riya", first_name="Riya", last_name="Desai")
        self.radiologist.groups.add(groups[roles.RADIOLOGIST])
        Practitioner.objects.create(
            user=self.radiologist, provider_number="0123456J", ris_identifier="RAD-7"
        )
        self.gp = User.objects.create_user("sam", first_name="Sam", last_name="Nguyen")
        self.gp.groups.add(groups[roles.GP])
        Practitioner.objects.create(user=self.gp, provider_number="2054781W")
        self.server = inbound.listener(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.senders = []

    def tearDown(self):
        for sender in self.senders:
            sender.close()
        self.server.shutdown()
        self.server.server_close()

    def connect(self) -> Sender:
        sender = Sender(self.server.server_address)
        self.senders.append(sender)
        return sender

    def test_a_good_message_gets_aa_and_makes_one_draft_for_the_radiologist_and_gp(self):
        ack = self.connect().send(message())
        self.assertEqual(
            (ack["code"], ack["control_id"], ack["type"]), ("AA", "MSG-1", "ACK^R01^ACK")
        )
        report = Report.objects.get()
        self.assertEqual(
            (report.status, report.radiologist, report.gp), ("draft", self.radiologist, self.gp)
        )
        self.assertEqual(report.original_text, "Findings: Mild L4-5 disc bulge.\nNo fracture.")
        self.assertEqual(
            (report.patient_family_name, report.patient_given_names), (FAMILY, "Jo Ann")
        )
        self.assertEqual(
            (report.patient_identifier, report.patient_medicare), ("SYN-501", "21234567012")
        )
        self.assertEqual(
            (report.date_of_birth, report.exam_date), (date(1958, 2, 14), date(2026, 11, 19))
        )
        self.assertEqual(report.source_type, "hl7")
        self.assertTrue(report.engine_result["findings"])
        entry = InboundMessage.objects.get()
        self.assertEqual(
            (entry.outcome, entry.control_id, entry.report), ("accepted", "MSG-1", report)
        )
        self.assertTrue(
            AuditEntry.objects.filter(action="report.received", report_id=report.pk).exists()
        )

    def test_the_same_control_id_again_gets_aa_and_no_second_draft(self):
        sender = self.connect()
        self.assertEqual(sender.send(message())["code"], "AA")
        again = sender.send(message())
        self.assertEqual((again["code"], again["control_id"]), ("AA", "MSG-1"))
        self.assertIn("no second draft", again["text"])
        self.assertEqual(self.connect().send(message())["code"], "AA")  # on another connection
        self.assertEqual(Report.objects.count(), 1)
        self.assertEqual(self.connect().send(message("MSG-2"))["code"], "AA")
        self.assertEqual(Report.objects.count(), 2)

    def test_the_same_control_id_sent_at_once_on_two_connections_makes_one_draft(self):
        codes = []

        def send():
            codes.append(Sender(self.server.server_address).send(message("MSG-RACE"))["code"])

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(codes, ["AA", "AA"])
        self.assertEqual(Report.objects.count(), 1)

    def test_a_broken_message_gets_ae_with_the_reason_and_the_connection_goes_on(self):
        sender = self.connect()
        ack = sender.send(message("MSG-ADT", kind="ADT^A01"))
        self.assertEqual((ack["code"], ack["control_id"]), ("AE", "MSG-ADT"))
        self.assertIn("not a report result", ack["text"])
        self.assertTrue(ack["err"].startswith("ERR|^^^200&"))
        ack = sender.send(message("MSG-EMPTY", text=""))
        self.assertEqual(ack["code"], "AE")
        self.assertIn("no report text", ack["text"])
        self.assertEqual(sender.send(b"this is not HL7")["code"], "AR")
        self.assertFalse(Report.objects.exists())
        self.assertEqual(sender.send(message("MSG-OK"))["code"], "AA")
        self.assertEqual(Report.objects.count(), 1)

    def test_an_unmatched_radiologist_goes_to_the_intake_list_without_patient_details(self):
        ack = self.connect().send(message("MSG-NOBODY", radiologist="RAD-UNKNOWN"))
        self.assertEqual(ack["code"], "AE")
        self.assertIn("RAD-UNKNOWN", ack["text"])
        self.assertFalse(Report.objects.exists())
        entry = InboundMessage.objects.get()
        self.assertEqual(
            (entry.outcome, entry.control_id, entry.sender),
            ("intake", "MSG-NOBODY", "RIS NORTH IMAGING"),
        )
        admin = get_user_model().objects.create_user("admin", is_staff=True, is_superuser=True)
        self.client.force_login(admin)
        page = self.client.get(reverse("home")).content.decode()
        for shown in ("MSG-NOBODY", "RIS NORTH IMAGING", "RAD-UNKNOWN", "OBR-32"):
            self.assertIn(shown, page)
        for hidden in (FAMILY, "SYN-501", "21234567012", "disc bulge"):
            self.assertNotIn(hidden, page)
        # once the radiologist is set up, the RIS sends it again and it is filed
        Practitioner.objects.filter(user=self.radiologist).update(ris_identifier="RAD-UNKNOWN")
        self.assertEqual(
            self.connect().send(message("MSG-NOBODY", radiologist="RAD-UNKNOWN"))["code"], "AA"
        )
        self.assertEqual(Report.objects.count(), 1)

    def test_a_failure_of_ours_is_answered_ae_and_the_connection_goes_on(self):
        sender = self.connect()
        with mock.patch("lbpreports.practice.inbound.receive", side_effect=RuntimeError):
            ack = sender.send(message("MSG-OOPS"))
        self.assertEqual((ack["code"], ack["control_id"]), ("AE", "MSG-OOPS"))
        self.assertIn("send it again later", ack["text"])
        self.assertEqual(sender.send(message("MSG-OOPS"))["code"], "AA")
        self.assertEqual(Report.objects.count(), 1)

    def test_a_corrected_result_is_a_new_draft_naming_the_report_it_corrects(self):
        sender = self.connect()
        self.assertEqual(sender.send(message("MSG-1"))["code"], "AA")
        first = Report.objects.get()
        corrected = "Findings: Mild L4-5 disc bulge.\\.br\\Acute L1 compression fracture."
        ack = sender.send(message("MSG-2", text=corrected, status="C"))
        self.assertEqual(ack["code"], "AA")
        self.assertIn(f"correcting report {first.pk}", ack["text"])
        second = Report.objects.exclude(pk=first.pk).get()
        self.assertIn(f"corrects report {first.pk}", second.source_name)
        self.assertIn("compression fracture", second.original_text)
        first.refresh_from_db()
        self.assertNotIn("fracture.", first.original_text.replace("No fracture.", ""))
        entry = AuditEntry.objects.get(action="report.received", report_id=second.pk)
        self.assertEqual(entry.detail["corrects"], first.pk)
        # a correction for an order never filed here is an ordinary draft
        ack = sender.send(message("MSG-3", status="C", order="ACC-OTHER^NORTHIMG"))
        self.assertNotIn("correcting", ack["text"])
        self.assertEqual(Report.objects.count(), 3)

    def test_a_gp_not_set_up_leaves_the_draft_without_a_gp(self):
        self.assertEqual(self.connect().send(message(gp="9999999X"))["code"], "AA")
        self.assertIsNone(Report.objects.get().gp)

    def test_an_oversized_message_is_refused_and_the_connection_closed(self):
        sender = self.connect()
        big = message("MSG-BIG", text="No fracture. " * 2000)  # 26,000 bytes
        ack = sender.send(big)
        self.assertEqual((ack["code"], ack["control_id"]), ("AR", "MSG-BIG"))
        self.assertIn("larger than the limit of 20,000 bytes", ack["text"])
        self.assertEqual(sender.sock.recv(10), b"")  # closed
        self.assertFalse(Report.objects.exists())
        self.assertEqual(self.connect().send(message())["code"], "AA")

    def test_a_sender_that_stops_mid_frame_is_dropped_while_others_are_served(self):
        stalled = self.connect()
        started = time.monotonic()
        stalled.sock.sendall(START + message("MSG-HALF")[:120])
        for number in range(3):  # served meanwhile, each on its own connection
            self.assertEqual(self.connect().send(message(f"MSG-{number}"))["code"], "AA")
        self.assertEqual(stalled.sock.recv(10), b"")  # the listener closed it
        self.assertLess(time.monotonic() - started, 15)
        self.assertGreaterEqual(time.monotonic() - started, 1.9)
        self.assertEqual(Report.objects.count(), 3)
        self.assertFalse(InboundMessage.objects.filter(control_id="MSG-HALF").exists())

    @override_settings(MLLP_MAX_CONNECTIONS=2)
    def test_connections_over_the_limit_are_closed_and_served_again_once_one_ends(self):
        self.server.shutdown()
        self.server.server_close()
        self.server = inbound.listener(("127.0.0.1", 0))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        first, second = self.connect(), self.connect()
        self.assertEqual(first.send(message("MSG-A"))["code"], "AA")
        third = self.connect()
        self.assertEqual(third.sock.recv(10), b"")  # closed at once: two are open
        self.assertEqual(second.send(message("MSG-B"))["code"], "AA")
        first.close()
        for _ in range(50):  # the first connection's thread ends, and its place is free
            time.sleep(0.1)
            try:
                ack = self.connect().send(message("MSG-C"))
                break
            except ConnectionError:
                continue
        self.assertEqual(ack["code"], "AA")
        self.assertEqual(Report.objects.count(), 3)


@override_settings(MLLP_PORT=0)
class ListenerSettingsTests(TransactionTestCase):
    def test_it_binds_to_loopback_by_default(self):
        server = inbound.listener()
        try:
            self.assertEqual(server.server_address[0], "127.0.0.1")
        finally:
            server.server_close()

    def test_garbage_has_no_header_and_gets_ar(self):
        self.assertIsNone(inbound.header(b"GET / HTTP/1.1\r\n"))
        reply = inbound.ack(None, "AR", "Not an HL7 message.").decode()
        self.assertIn("MSA|AR||Not an HL7 message.", reply)
