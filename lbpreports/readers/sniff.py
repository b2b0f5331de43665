"""Telling a file's format from its first bytes, then its name."""

from __future__ import annotations

import os
import re

# (first bytes, kind): binary signatures, matched at the very start of the file
_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "docx"),
    (b"PK\x05\x06", "docx"),  # an empty zip: refused by the DOCX reader as "not a .docx"
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # OLE: .doc, or an encrypted .docx
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x7fELF", "program"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf", "archive"),
    (b"Rar!", "archive"),
)

# What a refused kind is, for "This file is ... ".
WRONG_KINDS = {
    "doc": "an old Word .doc (or a password-protected Office) file; save it as .docx or PDF",
    "rtf": "an RTF document; save it as .docx or PDF",
    "odt": "an OpenDocument text file; save it as .docx or PDF",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "dicom": "a DICOM image, not a report",
    "program": "a program, not a report",
    "archive": "a compressed archive",
    "xml": "an XML document (for example CDA), which is not read here",
    "html": "a web page (HTML), which is not read here",
    "spreadsheet": "a spreadsheet",
}

_KIND_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".hl7": "hl7",
    ".json": "fhir",
    ".doc": "doc",
    ".rtf": "rtf",
    ".odt": "odt",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".gif": "gif",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".dcm": "dicom",
    ".exe": "program",
    ".zip": "archive",
    ".gz": "archive",
    ".xml": "xml",
    ".htm": "html",
    ".html": "html",
    ".xls": "spreadsheet",
    ".xlsx": "spreadsheet",
    ".csv": "spreadsheet",
}


def _sniff_content(data: bytes) -> str | None:
    """The kind the first bytes prove, or None when they look like any text."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[128:132] == b"DICM":
        return "dicom"
    if data.startswith(b"MZ") and b"\x00" in data[:64]:  # a Windows .exe or .dll
        return "program"
    # text formats may start after a byte-order mark, white space or the MLLP start byte
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n\x0b")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if re.match(rb"MSH[|^~\\&#]", head):
        return "hl7"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"{"):
        return "fhir"
    lowered = head.lower()
    if lowered.startswith(b"<?xml"):
        return "xml"
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def sniff(data: bytes, name: str = "") -> str:
    """The format of a file, from its first bytes and then its name.

    One of KINDS, or a key of WRONG_KINDS for a file that is recognisably something else.
    """
    kind = _sniff_content(data)
    if kind:
        return kind
    extension = os.path.splitext(os.fspath(name).lower())[1]
    return _KIND_BY_EXTENSION.get(extension, "text")
