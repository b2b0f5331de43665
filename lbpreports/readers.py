"""Read an uploaded or given file into report text, with limits checked before parsing.

Plain Python (no Django): the upload form and `manage.py rewrite` share it, so every way in gives
the same text. Text files are read as UTF-8 (with or without a byte-order mark), else cp1252 (so
a Windows en dash stays an en dash). Formats that need a parser (PDF, DOCX, HL7, FHIR) come
with the radiologist workspace.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_FILE_BYTES = 5 * 1024 * 1024  # an upload or file larger than this is refused unread


class ReaderError(ValueError):
    """The file cannot be read as a report; the message is one clear sentence."""


@dataclass(frozen=True)
class ReadFile:
    text: str
    kind: str  # "text"


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise ReaderError("This file is binary, not a text report.")
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


def sniff(data: bytes, name: str = "") -> str:
    """The format of a file, from its first bytes and then its name."""
    head = data[:16].lstrip()
    lower = name.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if lower.endswith(".docx") or not lower else "zip"
    if head.startswith(b"\x0bMSH") or head.startswith(b"MSH|"):
        return "hl7"
    if head.startswith(b"{"):
        return "json"
    return "text"


def read_bytes(data: bytes, name: str = "") -> ReadFile:
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(
            f"The file is too large ({len(data):,} bytes; the limit is {MAX_FILE_BYTES:,})."
        )
    if not data.strip():
        raise ReaderError("The file is empty.")
    kind = sniff(data, name)
    if kind != "text":
        raise ReaderError(
            f"This looks like a {kind.upper()} file; only plain text reports can be read here "
            "for now."
        )
    return ReadFile(decode_text(data), "text")


def read_path(path: str) -> ReadFile:
    """Read a file from disk, refusing one over the size limit before reading it."""
    import os

    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise ReaderError(f"Cannot open the file: {error.strerror}.") from None
    if os.path.isdir(path):
        raise ReaderError("This is a folder, not a file.")
    if size > MAX_FILE_BYTES:
        raise ReaderError(
            f"The file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})."
        )
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    return read_bytes(data, path)
