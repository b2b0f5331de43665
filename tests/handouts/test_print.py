"""The handout in print, read back from the PDF: clear print sizes (14 pt body, 16 pt in large
print, chart labels 11 pt or more), a typical report on three pages or fewer with no page before
the last more than 40% empty, and each prevalence sentence on the page of its chart. Every report
of the development set is rendered at both sizes."""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from lbpreports.engine import knowledge
from lbpreports.handouts.pdf import render_handout
from lbpreports.reports.models import Report

DEVSET = sorted((Path(__file__).resolve().parents[1] / "devset" / "reports").glob("*.txt"))
MM = 72 / 25.4
TOP, BOTTOM = 18 * MM, 20 * MM  # the page margins in static/css/handout.css
TYPICAL_WORDS = 600  # the typical summaries reach at least this (the word list holds only words
# the summary uses since round 24, so summaries are shorter); the median is about 345 words


@dataclass
class Page:
    fill: float  # share of the text area down to the lowest text, 0 to 1
    runs: list[tuple[float, str]]  # (size in points, text) of every run of text
    text: str  # the page's text, white space made single spaces


def read_pages(pdf: bytes) -> list[Page]:
    """Sizes and positions from the PDF's text operators: WeasyPrint writes CSS pixels scaled
    by 0.75 (the matrix), so a run's size is its font size times both scales."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        runs, lows = [], []

        def visit(text, cm, tm, font, size, runs=runs, lows=lows):
            if not text.strip():
                return
            points = size * abs(tm[3]) * abs(cm[3])
            y = cm[5] + cm[3] * tm[5]  # the baseline, from the page's bottom edge
            runs.append((round(points, 1), text))
            if y > BOTTOM:  # not the footer
                lows.append(y - 0.25 * points)

        text = page.extract_text(visitor_text=visit)
        fill = (height - TOP - min(lows, default=height - TOP)) / (height - TOP - BOTTOM)
        pages.append(Page(fill, runs, " ".join(text.split())))
    return pages


@functools.cache
def reading(name: str) -> dict:
    return Report(original_text=(DEVSET[0].parent / f"{name}.txt").read_text()).run_engine()


@functools.cache
def rendered(name: str, large: bool) -> tuple[list[Page], dict]:
    report = Report(original_text=(DEVSET[0].parent / f"{name}.txt").read_text())
    report.large_print = large
    result = reading(name)
    return read_pages(render_handout(report, result, draft=False)), result


def every(large: bool):
    for path in DEVSET:
        yield path.stem, *rendered(path.stem, large)


def body_sizes(pages: list[Page], result: dict) -> set[float]:
    """The sizes of the runs of the patient text's paragraphs (all but the sources; the chart's
    labels, which name findings as the prevalence sentences do, left out)."""
    labels = set(knowledge.load().prevalence["plural"].values())
    paragraphs = [
        " ".join(p.split())
        for section in result["summary"]["sections"]
        if section["key"] != "sources"
        for p in section["paragraphs"]
    ]
    return {
        size
        for page in pages
        for size, text in page.runs
        if len(text.strip()) >= 12
        and not any(text.strip() in label for label in labels)
        and any(" ".join(text.split()) in p for p in paragraphs)
    }


def chart_page(pages: list[Page]) -> Page | None:
    found = [page for page in pages if "Age (years)" in page.text]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(("large", "body", "least"), [(False, 14, 12), (True, 16, 14)])
def test_body_text_is_14_pt_or_16_pt_in_large_print_and_nothing_is_small(large, body, least):
    wrong = {}
    for name, pages, result in every(large):
        smallest = min(size for page in pages for size, _ in page.runs)
        if body_sizes(pages, result) != {body} or smallest < least:
            wrong[name] = (body_sizes(pages, result), smallest)
    assert not wrong


@pytest.mark.parametrize("large", [False, True])
def test_chart_labels_are_text_of_11_pt_or_more(large):
    charts = 0
    for name, pages, result in every(large):
        page = chart_page(pages)
        if page is None:
            continue
        charts += 1
        labels = {"Age (years)", "100%", "50%", "0%"}
        if result["age"] is not None:
            labels.add(f"Your age: {result['age']}")
        sizes = {text.strip(): size for size, text in page.runs if text.strip() in labels}
        assert set(sizes) == labels, name
        assert min(sizes.values()) >= 11, name
        assert re.search(r"20 30 40 50 60 70 80", page.text), name
    assert charts >= 30  # the devset has 34 reports with prevalence figures shown


def test_a_typical_report_fits_on_three_pages_at_standard_print():
    """The shortest 95% of the devset's summaries (typical reports) all print on three pages,
    and that share reaches summaries of at least TYPICAL_WORDS words."""
    rendered_all = [(name, len(pages), len(result["summary"]["text"].split()))
                    for name, pages, result in every(False)]  # fmt: skip
    typical = sorted(rendered_all, key=lambda r: r[2])[: int(0.95 * len(rendered_all))]
    assert typical[-1][2] >= TYPICAL_WORDS
    over = {name: pages for name, pages, _words in typical if pages > 3}
    assert not over


def test_no_page_before_the_last_is_more_than_40_percent_empty_at_standard_print():
    gaps = {}
    for name, pages, _ in every(False):
        emptiest = min((page.fill for page in pages[:-1]), default=1)
        if emptiest < 0.6:
            gaps[name] = round(emptiest, 2)
    assert not gaps


@pytest.mark.parametrize("large", [False, True])
def test_each_prevalence_sentence_is_on_the_page_of_its_chart(large):
    checked = 0
    for name, pages, result in every(large):
        page = chart_page(pages)
        shown = [p["text"] for p in result.get("prevalence", []) if p.get("shown", True)]
        if page is None:
            assert not shown or result["age"] is not None and result["age"] < 18, name
            continue
        for sentence in shown:
            checked += 1
            assert " ".join(sentence.split()) in page.text, (name, sentence)
    assert checked >= 70  # 79 sentences in the devset


def test_the_summary_handout_says_once_that_it_does_not_replace_the_doctor():
    """A corpus walk-through: the closing line repeated the summary's own "What happens next"
    line and alone took a second page."""
    pages, _result = rendered("syn_084", False)
    text = " ".join(page.text for page in pages)
    assert text.count("does not replace talking") == 1
