"""PDF with a text layer: the text of each page without its letterhead, running headers and
page numbers, with the lines the layout wrapped joined again."""

from __future__ import annotations

import io
import re
from typing import Any

from .limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, WORK, WORK_LIMIT, ReaderError, too_long
from .text import ReadFile

_SCANNED = "This PDF has no text layer (it looks scanned); paste the report text instead."
# a line that is only a page number: "Page 2 of 3", "2/3", "2", "- 2 -"
_PAGE_NUMBER_LINE = re.compile(
    r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-\s*\d{1,3}\s*-", re.I
)
_PAGE_NUMBER_IN_LINE = re.compile(r"\bpage\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\b", re.I)


def _shared_budget(remaining_budget: int) -> Any:
    """The work budget of the file being read, in place of pypdf's budget for one stream.

    pypdf counts the tokens of each content stream against `stream_parsing_work_maximum_count`
    afresh; 30 pages sharing one stream of 1.9 million tokens each stay under it and cost half a
    minute. Handing every stream the same budget makes one limit for all the pages, form
    XObjects and embedded PDFs of a file.
    """
    from pypdf.generic import StreamParsingBudget

    work = WORK.get()
    return work if work is not None else StreamParsingBudget(remaining_budget)


def _share_the_work_budget() -> None:
    # pypdf builds a StreamParsingBudget for each content stream it parses, by this name
    from pypdf.generic import _data_structures

    _data_structures.StreamParsingBudget = _shared_budget


def _pdf_pages(data: bytes) -> list[str]:
    """The text layer of each page, after the cheap checks (header, end, encryption, pages)."""
    from pypdf import PdfReader  # imported here: the plain-text path does not pay for it
    from pypdf.errors import PyPdfError

    _share_the_work_budget()

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
                raise ReaderError(too_long(total))
    except PyPdfError:
        _check_work()
        raise ReaderError(
            "This PDF is damaged and cannot be read; paste the text instead."
        ) from None
    _check_work()  # in case pypdf caught its own LimitReachedError and went on
    if count == 0:
        raise ReaderError("This PDF has no pages.")
    return pages


def _check_work() -> None:
    work = WORK.get()
    if work is not None and work.remaining_budget < 0:
        raise work.limits.refusal(WORK_LIMIT)


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


def read_pdf(data: bytes) -> ReadFile:
    return ReadFile(pdf_text(data), "pdf")
