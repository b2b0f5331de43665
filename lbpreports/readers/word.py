"""Word .docx: the body's paragraphs and tables in order, after the zip is checked unextracted."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .limits import (
    ACCEPTED,
    MAX_DOCX_ENTRIES,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNPACKED_BYTES,
    ReaderError,
)
from .text import ReadFile


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
    except MemoryError:
        raise
    except Exception:  # python-docx raises KeyError, ValueError, lxml and zip errors alike
        raise ReaderError("This Word document is damaged or not a valid .docx file.") from None
    return "\n".join(_docx_blocks(document.element.body, document))


def read_docx(data: bytes) -> ReadFile:
    return ReadFile(docx_text(data), "docx")
