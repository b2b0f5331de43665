"""Read an uploaded or given file into report text, with limits checked before parsing.

Plain Python (no Django): the upload form and `manage.py rewrite` share it, so every way in gives
the same text. Accepted: plain text (UTF-8 with or without a byte-order mark, UTF-16 with one,
else cp1252 so a Windows en dash stays an en dash), PDF with a text layer, Word .docx, HL7 v2
ORU^R01 (text OBX segments, or a base64 PDF in an ED segment) and FHIR R4 DiagnosticReport JSON,
one module each; the limits they share are in `limits`.

The format is told from the content first and the file name second. Every limit is checked before
the expensive step it protects, and every failure is a `ReaderError` with one plain sentence for a
radiologist: no other exception leaves `read_bytes` or `read_path`, which parse in a child
process within CPU, memory, time and work budgets (`box`). Whatever the format, the text
is normalised the same way (line ends, trailing spaces, runs of blank lines), so one report sent
as .txt, .pdf, .docx, HL7 or FHIR reads as the same text.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable

from .box import read_in_box
from .fhir import read_fhir
from .hl7v2 import hl7_unescape, read_hl7
from .limits import (
    ACCEPTED,
    KINDS,
    MAX_DOCX_ENTRIES,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNPACKED_BYTES,
    MAX_FILE_BYTES,
    MAX_HL7_SEGMENTS,
    MAX_HL7_SP,
    MAX_JSON_DEPTH,
    MAX_PDF_PAGES,
    MAX_TEXT_CHARS,
    MEMORY,
    WORK,
    Limits,
    ReaderError,
    Work,
    too_large,
    too_long,
)
from .pdf import pdf_text, read_pdf, unwrap_lines
from .sniff import WRONG_KINDS, sniff
from .text import ReadFile, decode_text, normalise, read_text
from .word import docx_text, read_docx

__all__ = [
    "ACCEPTED",
    "KINDS",
    "MAX_DOCX_ENTRIES",
    "MAX_DOCX_RATIO",
    "MAX_DOCX_UNPACKED_BYTES",
    "MAX_FILE_BYTES",
    "MAX_HL7_SEGMENTS",
    "MAX_HL7_SP",
    "MAX_JSON_DEPTH",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "Limits",
    "ReadFile",
    "ReaderError",
    "decode_text",
    "docx_text",
    "hl7_unescape",
    "normalise",
    "parse",
    "pdf_text",
    "read_bytes",
    "read_path",
    "sniff",
    "unwrap_lines",
]

log = logging.getLogger(__name__)

READERS: dict[str, Callable[[bytes], ReadFile]] = {
    "text": read_text,
    "pdf": read_pdf,
    "docx": read_docx,
    "hl7": read_hl7,
    "fhir": read_fhir,
}
LABELS = {"text": "text", "pdf": "PDF", "docx": "Word", "hl7": "HL7", "fhir": "FHIR"}


def parse(data: bytes, name: str = "", limits: Limits | None = None) -> ReadFile:
    """Read a file's bytes into report text in this process, with no limit on its CPU time or
    memory: what the box's child runs. Call `read_bytes` for files from outside.

    `name` (a file name or path) only helps sniffing; `limits.work` is shared by every PDF in the
    file."""
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(too_large(len(data)))
    if not data.strip():
        raise ReaderError("The file is empty.")
    kind = sniff(data, name)
    reader = READERS.get(kind)
    if reader is None:
        raise ReaderError(f"This file is {WRONG_KINDS[kind]}. {ACCEPTED}")
    limits = limits or Limits()
    token = WORK.set(Work(limits.work, limits))
    try:
        result = reader(data)
    except ReaderError:
        raise
    except MemoryError:
        raise limits.refusal(MEMORY) from None
    except Exception as error:  # a parser's own error on a file it could not handle
        # the kind and the error's class only: a parser's message may quote the file's text
        log.info("Unexpected %s reading a %s file", type(error).__name__, kind)
        raise ReaderError(
            f"This {LABELS[kind]} file could not be read; it may be damaged.",
            cause=f"{type(error).__name__} reading a {kind} file",
        ) from None
    finally:
        WORK.reset(token)
    text = normalise(result.text)
    if not text.strip():
        raise ReaderError("The file has no report text.")
    if len(text) > MAX_TEXT_CHARS:
        raise ReaderError(too_long(len(text)))
    return dataclasses.replace(result, text=text)


def read_bytes(data: bytes, name: str = "", limits: Limits | None = None) -> ReadFile:
    """Read a file's bytes into report text in a child process within `limits` (CPU, memory,
    wall time, work); `name` (a file name or path) only helps sniffing."""
    if len(data) > MAX_FILE_BYTES:  # refused before it is copied to the child
        raise ReaderError(too_large(len(data)))
    return read_in_box(data, name, limits or Limits())[0]


def read_path(path: str, limits: Limits | None = None) -> ReadFile:
    """Read a file from disk, refusing one over the size limit before reading it."""
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise ReaderError(f"Cannot open the file: {error.strerror}.") from None
    if os.path.isdir(path):
        raise ReaderError("This is a folder, not a file.")
    if size > MAX_FILE_BYTES:
        raise ReaderError(too_large(size))
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReaderError(f"Cannot open the file: {error.strerror}.") from None
    return read_bytes(data, os.fspath(path), limits)
