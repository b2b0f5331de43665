"""Plain text: the encodings a report file comes in, the one normalisation every format shares,
and what every reader returns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .limits import ACCEPTED, ReaderError


@dataclass(frozen=True)
class ReadFile:
    """Report text, the format it came in, and what the file said about patient and exam.

    The prefill fields are empty (or None) when the format carries no such data (.txt, .pdf,
    .docx) or the message left them out.
    """

    text: str
    kind: str  # one of KINDS
    patient_identifier: str = ""  # the medical record number (MRN)
    patient_name: str = ""  # given names then family name, as sent
    date_of_birth: date | None = None
    exam_type: str = ""
    exam_date: date | None = None
    patient_family_name: str = ""
    patient_given_names: str = ""
    patient_sex: str = ""  # F, M, O (other) or U (unknown), as HL7 table 0001
    patient_medicare: str = ""  # Medicare card number with its reference number (IRN)
    patient_ihi: str = ""  # Individual Healthcare Identifier
    radiologist_id: str = ""  # the reporting radiologist's identifier (HL7 OBR-32)
    gp_id: str = ""  # the requesting GP's identifier (HL7 OBR-16), a provider number
    order: str = ""  # the filler order number (HL7 OBR-3) as number^namespace
    result_status: str = ""  # HL7 OBR-25: F final, C corrected, P preliminary...


def decode_text(data: bytes) -> str:
    """Bytes of a text file as text: UTF-16 with a byte-order mark, UTF-8, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows Notepad's "Unicode"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReaderError("This file is not readable text (broken UTF-16).") from None
    if b"\x00" in data:
        raise ReaderError(f"This file is binary, not a text report. {ACCEPTED}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ReaderError(
            "This file is not readable text (neither UTF-8 nor Windows-1252)."
        ) from None


def normalise(text: str) -> str:
    """The same text whatever the format: \\n line ends, no trailing spaces, one blank line at
    most between paragraphs, no blank lines at either end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def read_text(data: bytes) -> ReadFile:
    return ReadFile(decode_text(data), "text")
