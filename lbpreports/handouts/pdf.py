"""The patient handout as a PDF (WeasyPrint): tagged PDF/UA with language and title.

WeasyPrint would fetch any URL in the HTML; `safe_fetcher` lets it load only files under our own
`static/` folder and refuses everything else (network addresses, other files, data: URLs).
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_ROOT_DIR = (Path(settings.BASE_DIR) / "static").resolve()


class FetchRefused(ValueError):
    pass


def _static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of a file:// URL inside static/, or FetchRefused."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise FetchRefused(f"refused to fetch a {parsed.scheme or 'relative'} URL")
    path = Path(unquote(parsed.path)).resolve()
    if not path.is_relative_to(STATIC_ROOT_DIR) or not path.is_file():
        raise FetchRefused("refused to fetch a file outside static/")
    mime = {".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2"}.get(
        path.suffix, "application/octet-stream"
    )
    return path.read_bytes(), mime


class SafeFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed: only file:// URLs inside static/ are served."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, timeout=5)

    def fetch(self, url, headers=None):
        body, mime = _static_file(url)
        return URLFetcherResponse(url, body, {"Content-Type": mime})


def safe_fetcher(url: str):
    """The same rule as a plain function, for tests and callers outside WeasyPrint."""
    return _static_file(url)


# Clear print sizes in points (docs/domain.md section 3 for the chart's labels): standard print
# for every handout unless the patient asked for large print, recorded on the report.
BODY_PT = {False: 14, True: 16}
CHART_LABEL_PT = {False: 12, True: 14}


def handout_context(report, result: dict, *, draft: bool, notice: str | None = None) -> dict:
    """What the handout shows. `notice` ("Amended", "Reissued") is said with today's date on the
    first page of a handout that replaces one the patient may already have."""
    from django.utils.safestring import mark_safe

    from . import chart as charts

    large = bool(getattr(report, "large_print", False))
    common = [p["concept"] for p in result.get("prevalence", []) if p.get("shown", True)]
    # built from our own numbers and escaped labels only
    chart = charts.prevalence_chart(common, result.get("age"), CHART_LABEL_PT[large])
    return {
        "chart": mark_safe(chart),  # noqa: S308
        "large_print": large,
        "report": report,
        "result": result,
        "draft": draft,
        "notice": notice,
        "mode": report.mode,
        "sections": result["summary"]["sections"],
        "conclusion": result["conclusion"],
        "practice_name": settings.PRACTICE_NAME,
        "practice_details": settings.PRACTICE_DETAILS,
        "made": timezone.localdate(),
        "title": "Your scan report explained" + (" (draft)" if draft else ""),
        "css_url": (STATIC_ROOT_DIR / "css" / "handout.css").as_uri(),
    }


# No page before the last may be more than this share empty (docs/domain.md section 3 asks for
# a prevalence sentence on the page of its chart, which keeps them in one block).
MAX_EMPTY = 0.40
PREVALENCE = "prevalence"


def page_fill(page) -> float:
    """How much of a laid-out page's text area its content fills, 0 to 1 (from the bottom of
    its lowest line or picture)."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box
    bottom = page_box.content_box_y()
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
                bottom = max(bottom, box.position_y + box.margin_height())
    return (bottom - page_box.content_box_y()) / page_box.height


def _gappy(document) -> bool:
    return any(page_fill(page) < 1 - MAX_EMPTY for page in document.pages[:-1])


def _prevalence_later(sections: list[dict]) -> list[list[dict]]:
    """The sections with the prevalence block moved after each following section but the
    sources, nearest first."""
    keys = [s.get("key") for s in sections]
    if PREVALENCE not in keys:
        return []
    at = keys.index(PREVALENCE)
    rest = sections[:at] + sections[at + 1 :]
    return [
        rest[:i] + [sections[at]] + rest[i:]
        for i in range(at + 1, len(rest) + 1)
        if rest[i - 1].get("key") != "sources"
    ]


_fonts = threading.local()


def font_config():
    """This thread's WeasyPrint font configuration, made once and reused.

    Making one loads the configuration of every font on the system, a quarter of a handout's
    time. Reusing it is safe because our stylesheets have no @font-face rule (nothing is added
    to it per document); one per thread, because Pango's font maps are not thread-safe."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_fonts, "config", None) is None:
        _fonts.config = FontConfiguration()
    return _fonts.config


def render_handout(report, result: dict, *, draft: bool, notice: str | None = None) -> bytes:
    """The handout as a tagged PDF. The prevalence sentences and their chart make one block
    that never breaks across pages; when it would leave a page before the last more than 40%
    empty, it moves after the next section (and on), which fills that page instead."""
    from weasyprint import HTML

    def layout(context):
        html = render_to_string("handouts/handout.html", context)
        base = STATIC_ROOT_DIR.as_uri() + "/"
        return HTML(string=html, base_url=base, url_fetcher=SafeFetcher()).render(
            font_config=font_config()
        )

    context = handout_context(report, result, draft=draft, notice=notice)
    document = layout(context)
    if context["mode"] != "conclusion" and _gappy(document):
        for sections in _prevalence_later(context["sections"]):
            candidate = layout({**context, "sections": sections})
            if not _gappy(candidate):
                document = candidate
                break
    return document.write_pdf(pdf_variant="pdf/ua-1")
