"""The handout PDF: tagged PDF/UA with language and title, and a fetcher that loads nothing
but our own static files."""

import io

import pytest
from pypdf import PdfReader

from lbpreports import engine
from lbpreports.handouts.pdf import (
    STATIC_ROOT_DIR,
    FetchRefused,
    SafeFetcher,
    render_handout,
    safe_fetcher,
)
from lbpreports.reports.models import Report
from tests.personas import PersonaTestCase


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "data:text/css;base64," + "A" * 1000,
        f"file://{STATIC_ROOT_DIR}/../manage.py",
        f"file://{STATIC_ROOT_DIR}/css/../../lbpreports/settings.py",
        "ftp://127.0.0.1/x",
        "relative/path.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(FetchRefused):
        safe_fetcher(url)
    with pytest.raises(FetchRefused):
        SafeFetcher().fetch(url)


def test_the_fetcher_serves_our_stylesheet():
    body, mime = safe_fetcher((STATIC_ROOT_DIR / "css" / "handout.css").as_uri())
    assert mime == "text/css" and b"@page" in body


def test_raw_html_with_hostile_urls_fetches_nothing():
    from weasyprint import HTML

    html = (
        '<html lang="en"><head><title>t</title><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        '</head><body><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/a.png">'
        "<p>text</p></body></html>"
    )
    calls = []

    class Recording(SafeFetcher):
        def fetch(self, url, headers=None):
            calls.append(url)
            return super().fetch(url, headers)

    pdf = HTML(string=html, url_fetcher=Recording()).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert calls  # it was asked, and refused each one
    assert b"root:" not in pdf


class HandoutTests(PersonaTestCase):
    def test_a_tagged_pdf_with_language_title_and_the_urgent_finding(self):
        report = self.make_report(
            Report.Status.DRAFT,
            original_text="MRI LUMBAR SPINE\nFindings: Acute L1 compression fracture. L4-5 bulge.",
            patient_name="Synthetic <b>Patient</b>",
            patient_age=64,
        )
        result = report.run_engine()
        pdf_bytes = render_handout(report, result, draft=False)
        reader = PdfReader(io.BytesIO(pdf_bytes))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-AU"
        assert "/StructTreeRoot" in root
        assert reader.metadata.title == "Your scan report explained"
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "What needs follow-up" in text and "broken bone" in text
        assert "Synthetic <b>Patient</b>" in text  # shown as text, inert
        assert "About 7 in 10 people aged 64" in text or "people aged 64" in text
        assert "does not replace talking with your doctor" in text
        assert engine.ENGINE_VERSION  # the engine that wrote it is known

    def test_a_reused_font_configuration_makes_the_same_handout_as_a_fresh_one(self):
        import threading
        from unittest import mock

        from weasyprint.text.fonts import FontConfiguration

        from lbpreports.handouts import pdf

        report = self.make_report(
            original_text="Findings: L4-5 disc bulge. L5-S1 disc desiccation.", patient_age=50
        )
        result = report.run_engine()
        render_handout(report, result, draft=False)  # makes this thread's configuration
        first = pdf.font_config()
        reused = PdfReader(io.BytesIO(render_handout(report, result, draft=False)))
        self.assertIs(pdf.font_config(), first)  # kept, not made again
        # the same handout with a configuration made for it alone (the layout, its choice of
        # where the prevalence block goes included, is render_handout's)
        with mock.patch.object(pdf, "font_config", FontConfiguration):
            fresh = PdfReader(io.BytesIO(render_handout(report, result, draft=False)))
        self.assertEqual(len(reused.pages), len(fresh.pages))
        for a, b in zip(reused.pages, fresh.pages, strict=True):
            self.assertEqual(a.extract_text(), b.extract_text())
        # another thread gets its own (Pango's font maps are not thread-safe)
        other = []
        thread = threading.Thread(target=lambda: other.append(pdf.font_config()))
        thread.start()
        thread.join()
        self.assertIsNot(other[0], first)
