"""Reports sent in by a RIS: one HL7 ORU^R01 in, one HL7 ACK out.

The message is read by the same bounded readers as an upload (in the reader's child process,
within its CPU, memory, time and work budgets). It becomes a draft for the radiologist named in
OBR-32 (matched by their RIS identifier or provider number), addressed to the GP of OBR-16 when a
GP's provider number matches. A control id (MSH-10) its sender already had filed is acknowledged
again without a second draft. A message that cannot be filed (unreadable, or no radiologist
matches) is answered AE or AR with the reason in MSA-3 and ERR, and listed for admins with its
control id, sender, time and reason: never its patient. A corrected result (OBR-25 C) for an
order already filed becomes a new draft that names the report it corrects.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from lbpreports import readers, roles
from lbpreports.audit.models import AuditEntry
from lbpreports.handouts.exports import hl7_escape
from lbpreports.readers.hl7v2 import _separators, hl7_unescape
from lbpreports.reports.models import Report, validate_ihi, validate_medicare

from .models import InboundMessage, Practitioner

log = logging.getLogger(__name__)

ACCEPT, ERROR, REJECT = "AA", "AE", "AR"
# HL7 table 0357: message error condition codes
UNSUPPORTED_TYPE, INTERNAL_ERROR, UNKNOWN_KEY, DATA_ERROR = "200", "207", "204", "102"
_MSH_PREFIX = 4096  # the header is read from at most this many characters


@dataclass(frozen=True)
class Header:
    """What the ACK needs from a message's MSH, as plain text."""

    sending_application: str = ""
    sending_facility: str = ""
    control_id: str = ""

    @property
    def sender(self) -> str:
        return f"{self.sending_application} {self.sending_facility}".strip()[:200] or "unknown"


def header(data: bytes) -> Header | None:
    """The sender and control id of a message's MSH segment; None when it has none."""
    start = data[:_MSH_PREFIX].lstrip(b"\x0b \t\r\n")
    text = start.decode("utf-8", errors="replace")
    if not re.match(r"MSH[^A-Za-z0-9\s]", text):
        return None
    msh = re.split(r"[\r\n]", text, maxsplit=1)[0]
    seps = _separators(msh)
    fields = msh.split(seps.field)

    def field(number: int) -> str:  # MSH-1 is the separator itself, so MSH-n is fields[n - 1]
        value = fields[number - 1] if number - 1 < len(fields) else ""
        return hl7_unescape(value.split(seps.component)[0], seps).strip()[:64]

    return Header(field(3), field(4), field(10))


def ack(head: Header | None, code: str, reason: str = "", error: str = "") -> bytes:
    """An HL7 v2.4 ACK: MSA with the code and the message's control id, and for AE or AR the
    reason in MSA-3 and in ERR (code of HL7 table 0357)."""
    head = head or Header()
    now = timezone.localtime()
    segments = [
        "|".join(
            [
                "MSH",
                "^~\\&",
                hl7_escape(settings.HL7_APPLICATION),
                hl7_escape(settings.HL7_FACILITY_NAMESPACE),
                hl7_escape(head.sending_application),
                hl7_escape(head.sending_facility),
                now.strftime("%Y%m%d%H%M%S%z"),
                "",
                "ACK^R01^ACK",
                f"ACK{now.strftime('%y%m%d%H%M%S%f')}"[:20],
                "P",
                "2.4",
                "",
                "",
                "NE",
                "NE",
                "AUS",
                "UNICODE UTF-8",
            ]
        ),
        f"MSA|{code}|{hl7_escape(head.control_id)}|{hl7_escape(reason[:80])}",
    ]
    if code != ACCEPT:
        text = hl7_escape(reason)
        segments.append(f"ERR|^^^{error or INTERNAL_ERROR}&{text}&HL70357")
    return ("\r".join(segments) + "\r").encode("utf-8")


def _practitioner(identifier: str, role: str):
    """The active user of this role whose RIS identifier or provider number is `identifier`."""
    if not identifier:
        return None
    found = (
        Practitioner.objects.filter(
            Q(ris_identifier=identifier) | Q(provider_number=identifier.upper()),
            user__is_active=True,
            user__groups__name=role,
        )
        .select_related("user")
        .first()
    )
    return found.user if found else None


def _intake(head: Header, reason: str) -> None:
    InboundMessage.objects.create(
        sender=head.sender,
        control_id=head.control_id[:64],
        outcome=InboundMessage.Outcome.INTAKE,
        reason=reason[:300],
    )
    log.info("An HL7 message from %s was not filed: %s", head.sender, reason)


def _filed(head: Header) -> bool:
    return InboundMessage.objects.filter(
        sender=head.sender, control_id=head.control_id, outcome=InboundMessage.Outcome.ACCEPTED
    ).exists()


def receive(data: bytes) -> bytes:
    """File one message sent by a RIS and return the ACK to send back."""
    head = header(data)
    if head is None:
        return ack(None, REJECT, "Not an HL7 message: it does not start with MSH.", DATA_ERROR)
    if not head.control_id:
        return ack(head, REJECT, "The message has no control id (MSH-10).", DATA_ERROR)
    if _filed(head):
        return ack(head, ACCEPT, "Already received; no second draft made.")
    try:
        read = readers.read_bytes(data, "message.hl7", readers.Limits.from_settings(settings))
    except readers.ReaderError as problem:
        code = UNSUPPORTED_TYPE if "not a report result" in str(problem) else DATA_ERROR
        _intake(head, str(problem))
        return ack(head, ERROR, str(problem), code)
    if read.kind != "hl7":
        _intake(head, "The message is not HL7 v2.")
        return ack(head, REJECT, "The message is not HL7 v2.", DATA_ERROR)
    radiologist = _practitioner(read.radiologist_id, roles.RADIOLOGIST)
    if radiologist is None:
        reason = (
            f"No radiologist is set up with the identifier {read.radiologist_id!r} (OBR-32)."
            if read.radiologist_id
            else "The message names no radiologist (OBR-32)."
        )
        _intake(head, reason)
        return ack(head, ERROR, reason, UNKNOWN_KEY)
    for value, check, name in (
        (read.patient_medicare, validate_medicare, "Medicare number"),
        (read.patient_ihi, validate_ihi, "IHI"),
    ):
        try:
            if value:
                check(value)
        except ValidationError:
            reason = f"The patient's {name} in PID-3 is not valid."
            _intake(head, reason)
            return ack(head, ERROR, reason, DATA_ERROR)
    return _file(head, read, radiologist)


def _corrected(head: Header, read) -> Report | None:
    """The report a corrected result (OBR-25 C) corrects: the last one filed from the same
    sender for the same filler order number (OBR-3). It is never changed: the correction is a
    draft of its own that names it, for the radiologist to send on."""
    if read.result_status != "C" or not read.order:
        return None
    earlier = (
        InboundMessage.objects.filter(
            sender=head.sender,
            order=read.order,
            outcome=InboundMessage.Outcome.ACCEPTED,
            report__isnull=False,
        )
        .select_related("report")
        .order_by("-received", "-id")
        .first()
    )
    return earlier.report if earlier else None


def _file(head: Header, read, radiologist) -> bytes:
    corrects = _corrected(head, read)
    source = f"HL7 {head.control_id}" + (f", corrects report {corrects.pk}" if corrects else "")
    report = Report(
        radiologist=radiologist,
        gp=_practitioner(read.gp_id, roles.GP),
        original_text=read.text,
        source_name=source[:255],
        source_type="hl7",
        patient_identifier=read.patient_identifier[:64],
        patient_family_name=read.patient_family_name[:100],
        patient_given_names=read.patient_given_names[:100],
        patient_sex=read.patient_sex,
        patient_medicare=read.patient_medicare.replace(" ", ""),
        patient_ihi=read.patient_ihi.replace(" ", ""),
        date_of_birth=read.date_of_birth,
        exam_type=read.exam_type[:120],
        exam_date=read.exam_date,
    )
    if not (report.patient_family_name or report.patient_given_names):
        report.patient_family_name = read.patient_name[:100]
    report.name_from_parts()
    report.run_engine()
    try:
        with transaction.atomic():
            report.save()
            message = InboundMessage.objects.create(
                sender=head.sender,
                control_id=head.control_id,
                outcome=InboundMessage.Outcome.ACCEPTED,
                report=report,
                order=read.order,
            )
            # the sender and control id come off the wire as text: the audit entry names the
            # message that keeps them (audit entries hold no free text)
            AuditEntry.record(
                None,
                "report.received",
                report.pk,
                message=message.pk,
                corrects=corrects.pk if corrects else None,
            )
    except IntegrityError:  # the same control id, filed by another connection meanwhile
        return ack(head, ACCEPT, "Already received; no second draft made.")
    if corrects:
        return ack(head, ACCEPT, f"Filed as a draft correcting report {corrects.pk}.")
    return ack(head, ACCEPT, f"Filed as a draft for {radiologist.get_username()}.")


def _answer(data: bytes) -> bytes:
    """`receive`, with any failure of ours answered AE rather than a dropped connection; the
    database connection is checked before and after each message, as Django does around each
    request (a connection the server closed meanwhile is replaced)."""
    close_old_connections()
    try:
        return receive(data)
    except Exception:  # logged by class only: a message may hold patient details
        log.exception("Filing an HL7 message failed")
        return ack(header(data), ERROR, "The message could not be filed; send it again later.")
    finally:
        close_old_connections()


def _too_large(prefix: bytes) -> bytes:
    limit = settings.MLLP_MAX_BYTES
    return ack(
        header(prefix), REJECT, f"The message is larger than the limit of {limit:,} bytes.", "207"
    )


def _close_connection() -> None:
    from django.db import connection

    connection.close()


def listener(address: tuple[str, int] | None = None):
    """The MLLP server of the settings (MLLP_BIND, MLLP_PORT, MLLP_MAX_BYTES,
    MLLP_TIMEOUT_SECONDS, MLLP_MAX_CONNECTIONS), not yet serving; `address` overrides the bind
    address and port."""
    from lbpreports.mllp import MLLPServer

    return MLLPServer(
        address or (settings.MLLP_BIND, settings.MLLP_PORT),
        handle_message=_answer,
        too_large=_too_large,
        max_bytes=settings.MLLP_MAX_BYTES,
        timeout_seconds=settings.MLLP_TIMEOUT_SECONDS,
        on_connection_done=_close_connection,
        max_connections=settings.MLLP_MAX_CONNECTIONS,
    )
