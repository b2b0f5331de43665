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


def handout_context(report, result: dict, *, draft: bool, notice: str | None = None) -> dict:
    """What the handout shows. `notice` ("Amended", "Reissued") is said with today's date on the
    first page of a handout that replaces one the patient may already have."""
    from django.utils.safestring import mark_safe

    from .chart import prevalence_chart

    common = [p["concept"] for p in result.get("prevalence", []) if p.get("shown", True)]
    # built from our own numbers and escaped labels only
    chart = mark_safe(prevalence_chart(common, result.get("age")))  # noqa: S308
    return {
        "chart": chart,
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
    from weasyprint import HTML

    context = handout_context(report, result, draft=draft, notice=notice)
    html = render_to_string("handouts/handout.html", context)
    document = HTML(string=html, base_url=STATIC_ROOT_DIR.as_uri() + "/", url_fetcher=SafeFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", font_config=font_config())
