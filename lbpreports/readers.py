"""Read an uploaded or given file into report text, with limits checked before parsing.

Plain Python (no Django): the upload form and `manage.py rewrite` share it, so every way in gives
the same text. Accepted: plain text (UTF-8 with or without a byte-order mark, UTF-16 with one,
else cp1252 so a Windows en dash stays an en dash), PDF with a text layer, Word .docx, HL7 v2
ORU^R01 (text OBX segments, or a base64 PDF in an ED segment) and FHIR R4 DiagnosticReport JSON.

The format is told from the content first and the file name second. Every limit is checked before
the expensive step it protects, and every failure is a `ReaderError` with one plain sentence for a
radiologist: no other exception leaves `read_bytes` or `read_path`. Whatever the format, the text
is normalised the same way (line ends, trailing spaces, runs of blank lines), so one report sent
as .txt, .pdf, .docx, HL7 or FHIR reads as the same text.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import json
import logging
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024  # an upload or file larger than this is refused unread
MAX_TEXT_CHARS = 200_000  # the engine's limit, repeated so that readers stay independent of it
MAX_PDF_PAGES = 30
MAX_DOCX_UNPACKED_BYTES = 20 * 1024 * 1024  # declared uncompressed size of all zip members
MAX_DOCX_RATIO = 100  # uncompressed / compressed: text XML packs 5-20 times, a zip bomb 1000
MAX_DOCX_ENTRIES = 1000
MAX_HL7_SEGMENTS = 2000
MAX_JSON_DEPTH = 20  # a DiagnosticReport nests about 5 deep

ACCEPTED = "Accepted: .txt, .pdf, .docx, HL7 v2 ORU^R01, FHIR DiagnosticReport JSON."

KINDS = ("text", "pdf", "docx", "hl7", "fhir")


class ReaderError(ValueError):
    """The file cannot be read as a report; the message is one clear sentence."""


@dataclass(frozen=True)
class ReadFile:
    """Report text, the format it came in, and what the file said about patient and exam.

    The prefill fields are empty (or None) when the format carries no such data (.txt, .pdf,
    .docx) or the message left them out.
    """

    text: str
    kind: str  # one of KINDS
    patient_identifier: str = ""
    patient_name: str = ""  # given names then family name, as sent
    date_of_birth: date | None = None
    exam_type: str = ""
    exam_date: date | None = None


# ---------------------------------------------------------------------------------------------
# Text


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


def _read_text(data: bytes) -> ReadFile:
    return ReadFile(decode_text(data), "text")


# ---------------------------------------------------------------------------------------------
# Sniffing

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
_WRONG_KINDS = {
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

    One of KINDS, or a key of _WRONG_KINDS for a file that is recognisably something else.
    """
    kind = _sniff_content(data)
    if kind:
        return kind
    extension = os.path.splitext(os.fspath(name).lower())[1]
    return _KIND_BY_EXTENSION.get(extension, "text")


# ---------------------------------------------------------------------------------------------
# PDF

_SCANNED = "This PDF has no text layer (it looks scanned); paste the report text instead."
# a line that is only a page number: "Page 2 of 3", "2/3", "2", "- 2 -"
_PAGE_NUMBER_LINE = re.compile(
    r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-\s*\d{1,3}\s*-", re.I
)
_PAGE_NUMBER_IN_LINE = re.compile(r"\bpage\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\b", re.I)


def _pdf_pages(data: bytes) -> list[str]:
    """The text layer of each page, after the cheap checks (header, end, encryption, pages)."""
    from pypdf import PdfReader  # imported here: the plain-text path does not pay for it
    from pypdf.errors import PyPdfError

    if not data.lstrip().startswith(b"%PDF-"):
        raise ReaderError("This file is named or sent as a PDF but is not a PDF.")
    # A PDF cut short while copying loses its end; pypdf would rebuild what is left and give
    # part of a report without a word, so refuse it (%%EOF sits at the end of every whole PDF).
    if b"%%EOF" not in data[-2048:]:
        raise ReaderError("This PDF is incomplete (its end is missing); send the whole file.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReaderError(
                "This PDF is password-protected; save an unprotected copy or paste the text."
            )
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise ReaderError(f"This PDF has {count} pages; the limit is {MAX_PDF_PAGES}.")
        pages, total = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            # furniture is not yet removed, so allow it some room before calling the text long
            if total > 2 * MAX_TEXT_CHARS:
                raise ReaderError(_too_long(total))
    except PyPdfError:
        raise ReaderError(
            "This PDF is damaged and cannot be read; paste the text instead."
        ) from None
    if count == 0:
        raise ReaderError("This PDF has no pages.")
    return pages


def _furniture_key(line: str) -> str:
    """A line as compared across pages: spacing and page numbers ("Page 2 of 3") ignored."""
    return " ".join(_PAGE_NUMBER_IN_LINE.sub(" ", line).split()).casefold()


def _trim_page_numbers(lines: list[str]) -> list[str]:
    """Lines without blank lines and bare page numbers at either end."""

    def skip(line: str) -> bool:
        return not line.strip() or bool(_PAGE_NUMBER_LINE.fullmatch(line.strip()))

    start, end = 0, len(lines)
    while start < end and skip(lines[start]):
        start += 1
    while end > start and skip(lines[end - 1]):
        end -= 1
    return lines[start:end]


def _drop_furniture(pages: list[str]) -> list[str]:
    """Pages without their letterhead, running headers and footers, and page numbers.

    Furniture is told apart only at the edges of a page: bare page numbers, and, in a document of
    two or more pages, the lines every page has in the same place counted from its top or its
    bottom (pypdf gives WeasyPrint's header and footer boxes after the body, other makers before
    it, so both ends are looked at). A line repeated anywhere else is report text and stays; a
    single page's letterhead cannot be told from the report and stays too.
    """
    pages_lines = [_trim_page_numbers(page.split("\n")) for page in pages]
    if len(pages_lines) > 1:
        for edge in (0, -1):  # the top, then the bottom
            while all(pages_lines) and _same_line_on_every_page(pages_lines, edge):
                pages_lines = [
                    _trim_page_numbers(lines[1:] if edge == 0 else lines[:-1])
                    for lines in pages_lines
                ]
    return ["\n".join(lines) for lines in pages_lines]


def _same_line_on_every_page(pages_lines: list[list[str]], edge: int) -> bool:
    keys = {_furniture_key(lines[edge]) for lines in pages_lines}
    return len(keys) == 1 and bool(keys.pop())


def pdf_text(data: bytes) -> str:
    """The report text of a PDF, without page furniture; refused if it has no text layer."""
    text = "\n".join(_drop_furniture(_pdf_pages(data)))
    if not text.strip():
        raise ReaderError(_SCANNED)
    return unwrap_lines(text)


_NEW_ITEM = re.compile(
    r"^\s*(?:[-*•]|\d{1,2}[.)]\s|[A-Z][A-Z /&()-]{2,40}:|"
    r"(?:at\s+)?[CTLSDctlsd]\d{1,2}\s*[-/]\s*[CTLSDctlsd]?\d{1,2}\s*(?:level\s*)?:|"
    r"(?:findings|impression|conclusion|comment|history|technique|comparison)\b)",
    re.IGNORECASE,
)
WRAPPED_LINE = 50  # a line at least this long that ends mid-sentence was wrapped by the layout


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF's layout wrapped, so that a sentence is one line again.

    The engine never lets a sentence cross a line end (a line without a final period must not
    lend its negation to the next), so a paragraph wrapped at the page width would be cut into
    fragments. A line is joined to the next when it ends mid-sentence and the next line does not
    start a new item, and either the next line starts in lower case or this one is long.
    """
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out:
            previous = out[-1].rstrip()
            joinable = (
                previous
                and line.strip()
                and previous[-1] not in ".!?:;"
                and not _NEW_ITEM.match(line)
                and (line.lstrip()[:1].islower() or len(previous) >= WRAPPED_LINE)
            )
            if joinable:
                # a word or level split at the line end ("C6-" / "C7") is joined whole
                glue = "" if previous.endswith("-") else " "
                out[-1] = previous + glue + line.strip()
                continue
        out.append(line)
    return "\n".join(out)


def _read_pdf(data: bytes) -> ReadFile:
    return ReadFile(pdf_text(data), "pdf")


# ---------------------------------------------------------------------------------------------
# DOCX


def _check_docx_zip(data: bytes) -> None:
    """Refuse a zip bomb or a zip that is not a .docx from its directory alone, unextracted.

    The sizes checked are the declared ones: zipfile inflates a deflated member in bounded steps
    and never past its declared size, so they bound what python-docx can later unpack. Other
    compressions (bzip2, lzma) are inflated a whole block at a time and are never in a .docx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ReaderError("This zip file (.docx) is damaged and cannot be read.") from None
    if len(members) > MAX_DOCX_ENTRIES:
        raise ReaderError(
            f"This zip file has {len(members):,} entries; a .docx has far fewer "
            f"(the limit is {MAX_DOCX_ENTRIES:,})."
        )
    if any(m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for m in members):
        raise ReaderError("This zip file uses a compression a .docx never uses and is not read.")
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ReaderError(
            f"This .docx unpacks to {unpacked:,} bytes; the limit is {MAX_DOCX_UNPACKED_BYTES:,}."
        )
    if unpacked > MAX_DOCX_RATIO * max(packed, 1):
        raise ReaderError("This .docx is compressed suspiciously tightly and is not read.")
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        raise ReaderError(f"This is {_zip_kind(names)}, not a Word .docx document. {ACCEPTED}")


def _zip_kind(names: set[str]) -> str:
    if any(name.startswith("xl/") for name in names):
        return "an Excel workbook"
    if any(name.startswith("ppt/") for name in names):
        return "a PowerPoint presentation"
    if "mimetype" in names:
        return "an OpenDocument file"
    return "a zip archive"


def _docx_blocks(element, parent) -> Iterator[str]:
    """Text of the paragraphs and table rows under an element, in document order.

    Walks the XML rather than python-docx's iter_inner_content() so that text inside content
    controls (w:sdt, common in practice templates) is not lost.
    """
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent).text
        elif child.tag == qn("w:tbl"):
            yield from _docx_table_rows(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, parent)


def _docx_table_rows(table, parent) -> Iterator[str]:
    """One line a row, cells joined with " | "; a cell's paragraphs joined with spaces."""
    from docx.oxml.ns import qn

    for row in table.iterchildren(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            # the rest of a vertically merged cell: its text is in the row above, do not repeat
            if cell.vMerge == "continue":
                cells.append("")
                continue
            cells.append(" ".join(t.strip() for t in _docx_blocks(cell, parent) if t.strip()))
        if any(cells):
            yield " | ".join(cells)


def docx_text(data: bytes) -> str:
    """The body text of a .docx: paragraphs and tables, not headers and footers (letterhead)."""
    _check_docx_zip(data)
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception:  # python-docx raises KeyError, ValueError, lxml and zip errors alike
        raise ReaderError("This Word document is damaged or not a valid .docx file.") from None
    return "\n".join(_docx_blocks(document.element.body, document))


def _read_docx(data: bytes) -> ReadFile:
    return ReadFile(docx_text(data), "docx")


# ---------------------------------------------------------------------------------------------
# HL7 v2


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
    \\Xhh\\ as bytes; unknown sequences are kept as they are."""
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
            return "\n" * int(code[3:] or 1)
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
    """The text of an ED value: source^type^subtype^encoding^data, a base64 PDF or text."""
    parts = value.split(seps.component)
    if len(parts) < 5:
        raise ReaderError("An embedded document (ED) in this HL7 message is incomplete.")
    _source, kind, subtype, encoding, payload = parts[:5]
    if encoding.strip().lower() != "base64":
        raise ReaderError(
            f"An embedded document in this HL7 message uses the encoding {encoding!r}, not Base64."
        )
    content = _base64(payload, "An embedded document in this HL7 message")
    if content.lstrip().startswith(b"%PDF-"):
        return pdf_text(content)
    if kind.strip().lower() in ("text", "tx") or subtype.strip().lower() in ("plain", "rtf"):
        return decode_text(content)
    raise ReaderError(
        f"An embedded document in this HL7 message is {kind}/{subtype}, not a PDF or text."
    )


def _base64(payload: str, what: str) -> bytes:
    try:
        return base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ReaderError(f"{what} is not valid base64.") from None


def _hl7_report_text(message, seps: _Separators) -> str:
    """OBX text in order, one line a repetition; embedded documents only if there is no text.

    Practices often send the text and a PDF copy of the same report: reading both would give
    every finding twice.
    """
    texts, documents = [], []
    for obx in _all_segments(message, "OBX"):
        value_type = _field(obx, 2).strip().upper()
        if _field(obx, 11).strip().upper() in ("W", "D"):  # result status: wrong, deleted
            continue
        value = _field(obx, 5)
        if value_type in ("TX", "FT", "ST"):
            texts.append(
                "\n".join(hl7_unescape(line, seps) for line in value.split(seps.repetition))
            )
        elif value_type == "ED" and value:
            documents.append(value)
    if any(text.strip() for text in texts):
        return "\n".join(texts)
    text = "\n\n".join(_hl7_document(value, seps) for value in documents)
    if not text.strip():
        raise ReaderError("This HL7 message has no report text in its OBX segments.")
    return text


def _read_hl7(data: bytes) -> ReadFile:
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
    # PID-5 is family^given^middle; the form shows "given middle family"
    name = (_component(pid, 5, i, seps) for i in (2, 3, 1))
    return ReadFile(
        text,
        "hl7",
        patient_identifier=_component(pid, 3, 1, seps),
        patient_name=" ".join(filter(None, name)),
        date_of_birth=_hl7_date(_field(pid, 7)),
        # OBR-4 is code^text^system^alternate code^alternate text
        exam_type=_component(obr, 4, 2, seps) or _component(obr, 4, 5, seps),
        exam_date=_hl7_date(_field(obr, 7)),
    )


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


# ---------------------------------------------------------------------------------------------
# FHIR R4 DiagnosticReport

FHIR_STATUSES = frozenset(
    (
        "registered",
        "partial",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "appended",
        "cancelled",
        "entered-in-error",
        "unknown",
    )
)
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*+"?', re.DOTALL)  # possessive: linear on any input
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _check_json_depth(data: bytes) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, counted on the raw bytes before parsing
    (so a file of 10,000 nested arrays never reaches the recursive parser)."""
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise ReaderError(f"This JSON is nested more than {MAX_JSON_DEPTH} levels deep.")


def _inline_data(forms: list, content_type: str) -> list[bytes]:
    """The decoded inline data of the presentedForm attachments of one content type."""
    found = []
    for attachment in forms:
        if not isinstance(attachment, dict) or not isinstance(attachment.get("data"), str):
            continue  # a url-only attachment: nothing is fetched
        if str(attachment.get("contentType", "")).split(";")[0].strip().lower() == content_type:
            found.append(_base64(attachment["data"], "An attachment of this DiagnosticReport"))
    return found


def _fhir_report_text(resource: dict) -> str:
    """presentedForm text attachments, else its PDFs, else the conclusion.

    A report often comes as text and as a PDF copy: reading both would give every finding twice,
    and the PDFs are only parsed when there is no text.
    """
    forms = resource.get("presentedForm") or []
    if not isinstance(forms, list):
        raise ReaderError("The presentedForm of this DiagnosticReport is not a list.")
    texts = [decode_text(data) for data in _inline_data(forms, "text/plain")]
    if not any(text.strip() for text in texts):
        texts = [pdf_text(data) for data in _inline_data(forms, "application/pdf")]
    if texts:
        return "\n\n".join(texts)
    conclusion = resource.get("conclusion")
    if isinstance(conclusion, str) and conclusion.strip():
        return conclusion
    raise ReaderError(
        "This DiagnosticReport has no report text (no text or PDF presentedForm, no conclusion)."
    )


def _fhir_date(value: object) -> date | None:
    """The date of a FHIR date or dateTime; None when absent or partial (2024-03)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fhir_subject(resource: dict) -> tuple[str, str]:
    """(identifier, display name) of the subject reference."""
    subject = resource.get("subject")
    if not isinstance(subject, dict):
        return "", ""
    identifier = subject.get("identifier")
    value = identifier.get("value") if isinstance(identifier, dict) else None
    reference = subject.get("reference")
    if not isinstance(value, str) and isinstance(reference, str):
        value = reference.removeprefix("Patient/")
    display = subject.get("display")
    return (value or "").strip(), (display if isinstance(display, str) else "").strip()


def _fhir_exam_type(resource: dict) -> str:
    code = resource.get("code")
    if not isinstance(code, dict):
        return ""
    if isinstance(code.get("text"), str):
        return code["text"].strip()
    codings = code.get("coding")
    for coding in codings if isinstance(codings, list) else []:
        if isinstance(coding, dict) and isinstance(coding.get("display"), str):
            return coding["display"].strip()
    return ""


def _read_fhir(data: bytes) -> ReadFile:
    _check_json_depth(data)
    try:
        resource = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReaderError("This file is not valid JSON.") from None
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if kind != "DiagnosticReport":
        sent = f"a FHIR {kind}" if isinstance(kind, str) and kind else "JSON"
        raise ReaderError(f"This file is {sent}, not a FHIR DiagnosticReport. {ACCEPTED}")
    status = resource.get("status")
    if status not in FHIR_STATUSES:
        raise ReaderError(f"This DiagnosticReport has an invalid status ({status!r}).")
    if status in ("cancelled", "entered-in-error"):
        raise ReaderError(f"This DiagnosticReport is marked {status} and must not be used.")
    text = _fhir_report_text(resource)
    identifier, name = _fhir_subject(resource)
    period = resource.get("effectivePeriod")
    return ReadFile(
        text,
        "fhir",
        patient_identifier=identifier,
        patient_name=name,
        exam_type=_fhir_exam_type(resource),
        exam_date=_fhir_date(resource.get("effectiveDateTime"))
        or _fhir_date(period.get("start") if isinstance(period, dict) else None),
    )


# ---------------------------------------------------------------------------------------------
# The public entries

_READERS: dict[str, Callable[[bytes], ReadFile]] = {
    "text": _read_text,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "hl7": _read_hl7,
    "fhir": _read_fhir,
}
_LABELS = {"text": "text", "pdf": "PDF", "docx": "Word", "hl7": "HL7", "fhir": "FHIR"}


def _too_large(size: int) -> str:
    return f"The file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})."


def _too_long(length: int) -> str:
    return f"The report text is too long ({length:,} characters; the limit is {MAX_TEXT_CHARS:,})."


def read_bytes(data: bytes, name: str = "") -> ReadFile:
    """Read a file's bytes into report text; `name` (a file name or path) only helps sniffing."""
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(_too_large(len(data)))
    if not data.strip():
        raise ReaderError("The file is empty.")
    kind = sniff(data, name)
    reader = _READERS.get(kind)
    if reader is None:
        raise ReaderError(f"This file is {_WRONG_KINDS[kind]}. {ACCEPTED}")
    try:
        result = reader(data)
    except ReaderError:
        raise
    except Exception:  # a parser's own error on a file it could not handle: never a traceback
        log.info("Unexpected error reading a %s file", kind, exc_info=True)
        raise ReaderError(
            f"This {_LABELS[kind]} file could not be read; it may be damaged."
        ) from None
    text = normalise(result.text)
    if not text.strip():
        raise ReaderError("The file has no report text.")
    if len(text) > MAX_TEXT_CHARS:
        raise ReaderError(_too_long(len(text)))
    return dataclasses.replace(result, text=text)


def read_path(path: str) -> ReadFile:
    """Read a file from disk, refusing one over the size limit before reading it."""
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise ReaderError(f"Cannot open the file: {error.strerror}.") from None
    if os.path.isdir(path):
        raise ReaderError("This is a folder, not a file.")
    if size > MAX_FILE_BYTES:
        raise ReaderError(_too_large(size))
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReaderError(f"Cannot open the file: {error.strerror}.") from None
    return read_bytes(data, os.fspath(path))
