"""HL7 v2 ORU^R01: the report text of its OBX segments (or an embedded PDF or text document),
and the patient and exam of PID and OBR."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date

from .limits import MAX_HL7_SEGMENTS, MAX_HL7_SP, MAX_TEXT_CHARS, ReaderError, too_long
from .pdf import pdf_text
from .rtf import rtf_text
from .text import ReadFile, decode_text


@dataclass(frozen=True)
class _Separators:
    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"


# HL7 formatting escapes of FT text that only change the look: dropped
_HL7_DROPPED_ESCAPES = re.compile(r"H|N|\.(?:in|ti|sk|ce|fi|nf)[+-]?\d*|[CM][0-9A-Fa-f]*")


def hl7_unescape(text: str, seps: _Separators = _Separators()) -> str:
    """Decode HL7 escapes: \\F\\ \\S\\ \\T\\ \\R\\ \\E\\, \\.br\\ and \\.sp\\ as line breaks,
    \\Xhh\\ as bytes; unknown sequences are kept as they are.

    No escape expands to more characters than it takes (\\.spN\\ gives at most MAX_HL7_SP line
    breaks), so the text is never longer than the message: a 163-byte \\.sp999999999\\ once
    asked for a gigabyte."""
    if not seps.escape:
        return text
    literal = {
        "F": seps.field,
        "S": seps.component,
        "T": seps.subcomponent,
        "R": seps.repetition,
        "E": seps.escape,
        ".br": "\n",
    }
    esc = re.escape(seps.escape)

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in literal:
            return literal[code]
        if re.fullmatch(r"\.sp\d*", code):
            return "\n" * min(int(code[3:] or 1), MAX_HL7_SP)
        if re.fullmatch(r"X(?:[0-9A-Fa-f]{2})+", code):
            raw = bytes.fromhex(code[1:])
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode("latin-1")
        if _HL7_DROPPED_ESCAPES.fullmatch(code):
            return ""
        return match.group(0)

    return re.sub(f"{esc}([^{esc}]{{0,32}}){esc}", replace, text)


def _hl7_segments(data: bytes) -> list[str]:
    """The segments of one HL7 message, MLLP framing removed, each checked for its shape."""
    data = data.strip(b" \t\r\n").removeprefix(b"\x0b").removesuffix(b"\x1c").strip(b"\r\n")
    text = decode_text(data)
    segments = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    if len(segments) > MAX_HL7_SEGMENTS:
        raise ReaderError(
            f"This HL7 message has {len(segments):,} segments; the limit is {MAX_HL7_SEGMENTS:,}."
        )
    if not segments or not re.match(r"MSH[^A-Za-z0-9\s]", segments[0]) or len(segments[0]) < 8:
        raise ReaderError("This HL7 message does not start with a valid MSH segment.")
    shape = re.compile(rf"[A-Z][A-Z0-9]{{2}}(?:{re.escape(segments[0][3])}|$)")
    for number, segment in enumerate(segments, 1):
        if not shape.match(segment):
            raise ReaderError(f"Line {number} of this HL7 message is not a valid segment.")
    if sum(segment.startswith("MSH") for segment in segments) > 1:
        raise ReaderError("This file holds several HL7 messages; send one report at a time.")
    return segments


def _separators(msh: str) -> _Separators:
    encoding = msh[4:8].split(msh[3])[0]  # MSH-2, usually ^~\&
    defaults = _Separators()
    chars = [encoding[i] if i < len(encoding) else "" for i in range(4)]
    return _Separators(
        field=msh[3],
        component=chars[0] or defaults.component,
        repetition=chars[1] or defaults.repetition,
        escape=chars[2],
        subcomponent=chars[3] or defaults.subcomponent,
    )


def _field(segment, number: int) -> str:
    """The raw text of a field of an `hl7` segment ("" when the field or segment is absent)."""
    if segment is None:
        return ""
    try:
        return str(segment[number])
    except IndexError:
        return ""


def _component(segment, number: int, component: int, seps: _Separators) -> str:
    """One component (1-based) of the first repetition of a field, unescaped."""
    first = _field(segment, number).split(seps.repetition)[0]
    parts = first.split(seps.component)
    return hl7_unescape(parts[component - 1], seps).strip() if component <= len(parts) else ""


def _hl7_date(value: str) -> date | None:
    """The date of an HL7 DT/DTM value (YYYYMMDD[hhmm...]); None when absent or invalid."""
    match = re.match(r"(\d{4})(\d{2})(\d{2})", value)
    try:
        return date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def _hl7_document(value: str, seps: _Separators) -> str:
    """The text of an ED value: source^type^subtype^encoding^data, a base64 PDF, RTF or text."""
    parts = value.split(seps.component)
    if len(parts) < 5:
        raise ReaderError("An embedded document (ED) in this HL7 message is incomplete.")
    _source, kind, subtype, encoding, payload = parts[:5]
    if encoding.strip().lower() != "base64":
        raise ReaderError(
            f"An embedded document in this HL7 message uses the encoding {encoding!r}, not Base64."
        )
    content = decode_base64(payload, "An embedded document in this HL7 message")
    if content.lstrip().startswith(b"%PDF-"):
        return pdf_text(content)
    if content.lstrip().startswith(b"{\\rtf") or subtype.strip().lower() == "rtf":
        return rtf_text(decode_text(content))
    if kind.strip().lower() in ("text", "tx") or subtype.strip().lower() == "plain":
        return decode_text(content)
    raise ReaderError(
        f"An embedded document in this HL7 message is {kind}/{subtype}, not a PDF or text."
    )


def decode_base64(payload: str, what: str) -> bytes:
    try:
        return base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ReaderError(f"{what} is not valid base64.") from None


def _hl7_report_text(message, seps: _Separators) -> str:
    """OBX text in order, one line a repetition; embedded documents only if there is no text.

    Practices often send the text and a PDF copy of the same report: reading both would give
    every finding twice.
    """
    texts, documents, length = [], [], 0
    for obx in _all_segments(message, "OBX"):
        value_type = _field(obx, 2).strip().upper()
        if _field(obx, 11).strip().upper() in ("W", "D"):  # result status: wrong, deleted
            continue
        value = _field(obx, 5)
        if value_type in ("TX", "FT", "ST"):
            texts.append(
                "\n".join(hl7_unescape(line, seps) for line in value.split(seps.repetition))
            )
            length += len(texts[-1])
            # blank lines are not yet collapsed, so allow them some room before calling it long
            if length > 2 * MAX_TEXT_CHARS:
                raise ReaderError(too_long(length))
        elif value_type == "ED" and value:
            documents.append(value)
    if any(text.strip() for text in texts):
        joined = "\n".join(texts)
        # some RIS put RTF markup straight into a TX or FT value
        return rtf_text(joined.lstrip()) if joined.lstrip().startswith("{\\rtf") else joined
    text = "\n\n".join(_hl7_document(value, seps) for value in documents)
    if not text.strip():
        raise ReaderError("This HL7 message has no report text in its OBX segments.")
    return text


def read_hl7(data: bytes) -> ReadFile:
    import hl7

    segments = _hl7_segments(data)
    seps = _separators(segments[0])
    try:
        message = hl7.parse("\r".join(segments))
    except hl7.HL7Exception:
        raise ReaderError("This HL7 message is malformed and cannot be read.") from None
    msh = message.segment("MSH")
    message_type = _field(msh, 9).split(seps.component)
    if message_type[:2] != ["ORU", "R01"]:
        sent = "^".join(part.strip() for part in message_type[:2] if part.strip())
        sent = f"of type {sent}" if sent else "without a type (MSH-9)"
        raise ReaderError(f"This HL7 message is {sent}, not a report result (ORU^R01).")
    text = _hl7_report_text(message, seps)
    pid = _first_segment(message, "PID")
    obr = _first_segment(message, "OBR")
    family, given = _hl7_name(pid, seps)
    identifiers = _hl7_identifiers(pid, seps)
    sex = _component(pid, 8, 1, seps).upper()[:1]
    return ReadFile(
        text,
        "hl7",
        patient_identifier=identifiers.get("MR", ""),
        patient_name=" ".join(filter(None, (given, family))),
        date_of_birth=_hl7_date(_field(pid, 7)),
        # OBR-4 is code^text^system^alternate code^alternate text
        exam_type=_component(obr, 4, 2, seps) or _component(obr, 4, 5, seps),
        exam_date=_hl7_date(_field(obr, 7)),
        patient_family_name=family,
        patient_given_names=given,
        patient_sex=HL7_SEXES.get(sex, ""),
        patient_medicare=identifiers.get("MC", ""),
        patient_ihi=identifiers.get("NI", ""),
        # OBR-32 is an NDL whose first component is id&family&given...; OBR-16 an XCN
        radiologist_id=_subcomponent(_field(obr, 32), 1, seps),
        gp_id=_component(obr, 16, 1, seps),
        order="^".join(filter(None, (_component(obr, 3, i, seps) for i in (1, 2))))[:100],
        result_status=_component(obr, 25, 1, seps).upper()[:1],
    )


# HL7 table 0001 (administrative sex) as the form keeps it: A (ambiguous) is other, N (not
# applicable) unknown
HL7_SEXES = {"F": "F", "M": "M", "O": "O", "U": "U", "A": "O", "N": "U"}
IHI_PREFIX = "800360"


def _subcomponent(field: str, number: int, seps: _Separators) -> str:
    """One subcomponent (1-based) of the first component of the first repetition, unescaped."""
    first = field.split(seps.repetition)[0].split(seps.component)[0]
    parts = first.split(seps.subcomponent)
    return hl7_unescape(parts[number - 1], seps).strip() if number <= len(parts) else ""


def _hl7_name(pid, seps: _Separators) -> tuple[str, str]:
    """(family name, given names) of PID-5: family^given^further given names, where the family
    name (FN) may be surname&own surname prefix ("Berg&van der")."""
    first = _field(pid, 5).split(seps.repetition)[0]
    parts = [part.split(seps.subcomponent) for part in first.split(seps.component)]

    def text(values: list[str]) -> str:
        return " ".join(filter(None, (hl7_unescape(v, seps).strip() for v in values)))

    family = text([*parts[0][1:2], parts[0][0]]) if parts and parts[0] else ""
    given = text([part[0] for part in parts[1:3]])
    return family, given


def _hl7_identifiers(pid, seps: _Separators) -> dict[str, str]:
    """PID-3's identifiers by type (HL7 table 0203): MR the medical record number, MC the
    Medicare number, NI the IHI. An identifier without a type is the MRN, or the IHI when its
    number is one (16 digits from 800360)."""
    found: dict[str, str] = {}
    for repetition in _field(pid, 3).split(seps.repetition):
        parts = repetition.split(seps.component)
        value = hl7_unescape(parts[0], seps).strip()
        kind = hl7_unescape(parts[4], seps).strip().upper() if len(parts) > 4 else ""
        if not value:
            continue
        if not kind:
            digits = value.replace(" ", "")
            kind = "NI" if len(digits) == 16 and digits.startswith(IHI_PREFIX) else "MR"
        if kind in ("MR", "MC", "NI"):
            found.setdefault(kind, value)
    return found


def _all_segments(message, name: str) -> list:
    try:
        return message.segments(name)
    except KeyError:  # the `hl7` package's answer for a missing segment
        return []


def _first_segment(message, name: str):
    try:
        return message.segment(name)
    except KeyError:  # the `hl7` package's answer for a missing segment
        return None
