"""What a reader may use, and how it says no.

The size limits are checked before the step they protect; the budgets (CPU time, memory, wall
time and parsing work) hold while a file is parsed in the reader's child process (`box.py`).
Every refusal is a `ReaderError` with one plain sentence that names the limit.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

MAX_FILE_BYTES = 5 * 1024 * 1024  # an upload or file larger than this is refused unread
MAX_TEXT_CHARS = 20_000  # the engine's MAX_CHARS, repeated so that readers stay independent of it
MAX_PDF_PAGES = 30
MAX_DOCX_UNPACKED_BYTES = 20 * 1024 * 1024  # declared uncompressed size of all zip members
MAX_DOCX_RATIO = 100  # uncompressed / compressed: text XML packs 5-20 times, a zip bomb 1000
MAX_DOCX_ENTRIES = 1000
MAX_HL7_SEGMENTS = 2000
# \.spN\ is N line breaks; more than two read the same after normalising (one blank line), so a
# larger N is cut to two as it is expanded rather than held in memory.
MAX_HL7_SP = 2
MAX_JSON_DEPTH = 20  # a DiagnosticReport nests about 5 deep

ACCEPTED = "Accepted: .txt, .pdf, .docx, HL7 v2 ORU^R01, FHIR DiagnosticReport JSON."

KINDS = ("text", "pdf", "docx", "hl7", "fhir")

# The budgets a refusal can name (ReaderError.limit).
CPU, MEMORY, TIME, WORK_LIMIT = "cpu", "memory", "time", "work"


class ReaderError(ValueError):
    """The file cannot be read as a report; the message is one clear sentence.

    `limit` names the budget that stopped the reading (CPU, MEMORY, TIME or WORK_LIMIT), or is None;
    `cause` is the class name of a parser's own error, for the log (never the file's text).
    """

    def __init__(self, message: str, limit: str | None = None, cause: str = "") -> None:
        super().__init__(message)
        self.limit = limit
        self.cause = cause

    def __reduce__(self):  # pickled across the pipe from the child process
        return (type(self), (str(self), self.limit, self.cause))


@dataclass(frozen=True)
class Limits:
    """The budgets of one reading, shared by every page and every embedded document.

    work: PDF content-stream tokens (operators and operands) parsed across all pages, form
    XObjects and embedded PDFs of one file: a 17-page report of 6,000 words has about 80,000,
    and 300,000 take about a second to parse.
    """

    cpu_seconds: int = 5
    memory_mb: int = 512  # address space the child may add to what it holds at rest
    wall_seconds: int = 10
    work: int = 300_000

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The limits of the READER_* settings (any object with those attributes)."""
        return cls(
            cpu_seconds=getattr(settings, "READER_CPU_SECONDS", cls.cpu_seconds),
            memory_mb=getattr(settings, "READER_MEMORY_MB", cls.memory_mb),
            wall_seconds=getattr(settings, "READER_WALL_SECONDS", cls.wall_seconds),
            work=getattr(settings, "READER_WORK", cls.work),
        )

    def refusal(self, limit: str) -> ReaderError:
        """The refusal of a file that ran out of one budget."""
        sentences = {
            CPU: f"needed more than the limit of {_seconds(self.cpu_seconds)} of processing",
            MEMORY: f"needed more than the limit of {self.memory_mb} MB of memory",
            TIME: f"took longer than the limit of {_seconds(self.wall_seconds)}",
            WORK_LIMIT: f"holds more page content than the limit of {self.work:,} PDF tokens",
        }
        return ReaderError(
            f"This file {sentences[limit]} to read; paste the report text instead.", limit
        )


@dataclass
class Work:
    """The parsing work left for one file, spent by every PDF in it (the shape of pypdf's
    StreamParsingBudget, which the PDF reader hands to pypdf in place of its per-stream one)."""

    remaining_budget: int
    limits: Limits


# The work left of the reading under way: set by `parse` for each file.
WORK: ContextVar[Work | None] = ContextVar("reader_work", default=None)


def _seconds(count: int) -> str:
    return "1 second" if count == 1 else f"{count} seconds"


def too_large(size: int) -> str:
    return f"The file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})."


def too_long(length: int) -> str:
    return f"The report text is too long ({length:,} characters; the limit is {MAX_TEXT_CHARS:,})."
