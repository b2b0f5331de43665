"""The box: hostile files that pass every size check are stopped by the budget each test names
(CPU, memory or work), in a child process, while the web worker goes on serving.

The budgets are the low ones of tests/settings.py (or lower, set here), so what is asserted does
not depend on the machine's speed. Every file is made here."""

import contextlib
import dataclasses
import io
import random
import threading
import time
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    StreamObject,
)

from lbpreports import readers, roles
from lbpreports.readers import ReaderError, box
from tests.personas import make_user
from tests.readers.test_formats import (
    LINES,
    SAMPLE,
    b64,
    make_docx,
    make_fhir,
    make_hl7,
    make_zip,
    sample_pdf,
)

LOW = readers.Limits.from_settings(settings)
NAME = b"Zebedee Quaxley MRN 99887766"  # a made-up patient, to look for in the logs
FRAGMENTS = ("Zebedee", "Quaxley", "99887766")


def test_the_tests_run_on_low_budgets():
    assert readers.Limits(cpu_seconds=2, memory_mb=256, wall_seconds=120, work=100_000) == LOW


# ---- makers ---------------------------------------------------------------------------------


def make_text_pdf(text: bytes, *, filler_tokens=0, pages=1, filler=b"0 0 m\n", compress=True):
    """A PDF with a line of text on its first page, every page also drawing one shared content
    stream of `filler_tokens` tokens of path operators that draw nothing."""
    writer = PdfWriter()

    def stream(body):
        if not compress:
            content = DecodedStreamObject()
            content.set_data(body)
            return writer._add_object(content)
        content = StreamObject()
        content._data = zlib.compress(body, 9)
        content[NameObject("/Filter")] = NameObject("/FlateDecode")
        return writer._add_object(content)

    words = stream(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET\n")
    shared = stream(filler * (filler_tokens // 3))
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    for number in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Contents")] = ArrayObject([words, shared]) if number == 0 else shared
        page[NameObject("/Resources")] = resources
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refusal(data, limits=LOW, name=""):
    with pytest.raises(ReaderError) as caught:
        readers.read_bytes(data, name, limits)
    return caught.value


# ---- CPU and work ---------------------------------------------------------------------------


def heavy_shared_stream():
    """30 pages sharing one content stream of 1.9 million tokens, in about 10 KB."""
    return make_text_pdf(b"No fracture.", filler_tokens=1_900_000, pages=30)


def test_a_heavy_shared_content_stream_is_stopped_by_the_work_budget():
    data = heavy_shared_stream()
    assert len(data) < 20_000
    error = refusal(data)
    assert error.limit == "work"
    assert str(error) == (
        "This file holds more page content than the limit of 100,000 PDF tokens to read; "
        "paste the report text instead."
    )


def test_without_the_work_budget_the_cpu_budget_stops_it_and_the_child_is_replaced():
    error = refusal(heavy_shared_stream(), dataclasses.replace(LOW, cpu_seconds=1, work=10**9))
    assert error.limit == "cpu"
    assert str(error) == (
        "This file needed more than the limit of 1 second of processing to read; "
        "paste the report text instead."
    )
    assert readers.read_bytes(make_hl7(LINES), "", LOW).text == SAMPLE


def test_a_normal_report_needs_a_small_part_of_the_budgets():
    assert readers.read_bytes(sample_pdf(), "", LOW).text == SAMPLE
    # 29 pages of 3,000 tokens: 87,000 of the 100,000
    one = make_text_pdf(b"No fracture.", filler_tokens=3_000, pages=29)
    assert readers.read_bytes(one, "", LOW).text == "No fracture."


def many_pdfs():
    """Each alone within the work budget (29 pages of 3,000 tokens), together far over it."""
    one = make_text_pdf(b"No fracture.", filler_tokens=3_000, pages=29)
    return [b64(one)] * 300


def test_many_pdfs_wrapped_in_hl7_share_one_work_budget():
    message = make_hl7([f"^application^pdf^Base64^{pdf}" for pdf in many_pdfs()], "ED")
    assert len(message) < readers.MAX_FILE_BYTES
    assert refusal(message).limit == "work"


def test_many_pdfs_wrapped_in_fhir_share_one_work_budget():
    forms = [{"contentType": "application/pdf", "data": pdf} for pdf in many_pdfs()]
    assert refusal(make_fhir(presentedForm=forms)).limit == "work"


# ---- memory ---------------------------------------------------------------------------------


def test_a_flate_bomb_within_pypdfs_own_limits_is_stopped_by_the_memory_budget():
    # 70 MB of page content in 70 KB: under pypdf's 75 MB decompression limit
    data = make_text_pdf(b"No fracture.", filler_tokens=3 * 70_000_000, filler=b" ")
    assert len(data) < 100_000
    error = refusal(data, dataclasses.replace(LOW, memory_mb=32))
    assert error.limit == "memory"
    assert str(error) == (
        "This file needed more than the limit of 32 MB of memory to read; "
        "paste the report text instead."
    )


def test_an_hl7_sp_bomb_reads_as_one_blank_line_in_bounded_memory():
    bomb = make_hl7(["No fracture.\\.sp999999999\\L4-5: mild disc bulge."], "FT")
    assert len(bomb) < 300
    _, at_rest = box.read_in_box(b"No fracture.", "", LOW)
    result, peak = box.read_in_box(bomb, "", LOW)
    assert result.text == "No fracture.\n\nL4-5: mild disc bulge."
    assert peak - at_rest < 32 * 1024  # KiB: it once took 1.6 GB


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [
        ("a\\.sp\\b", "a\nb"),
        ("a\\.sp2\\b", "a\n\nb"),
        ("a\\.sp99999999999999999999999999\\b", "a\n\nb"),
        ("a\\.br\\b\\F\\c\\X4142\\d", "a\nb|cABd"),
    ],
)
def test_no_hl7_escape_expands_past_its_own_length(escaped, plain):
    assert readers.hl7_unescape(escaped) == plain
    assert len(plain) <= len(escaped)


# ---- what was refused stays refused, with the same sentence ---------------------------------


def thirty_one_pages():
    writer = PdfWriter()
    for _ in range(31):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def billion_laughs():
    """A .docx whose document.xml defines entities ten deep, each ten of the one before."""
    good = zipfile.ZipFile(io.BytesIO(make_docx(LINES)))
    members = {name: good.read(name) for name in good.namelist()}
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    members["word/document.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    return make_zip(members)


HOSTILE = {
    "zip bomb": lambda: make_zip({"word/document.xml": "<w/>", "big.bin": b"\0" * 50_000_000}),
    "zip of many entries": lambda: make_zip({f"word/p{i}.xml": "x" for i in range(1001)}),
    "billion laughs": lambda: billion_laughs(),
    "31 pages": thirty_one_pages,
    "deep json": lambda: b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "hl7 of many segments": lambda: make_hl7(["x"] * readers.MAX_HL7_SEGMENTS),
    "truncated pdf": lambda: sample_pdf()[:2000],
    "a program": lambda: b"\x7fELF" + b"\0" * 100,
}


@pytest.mark.parametrize("made", HOSTILE.values(), ids=HOSTILE.keys())
def test_files_refused_before_are_refused_in_the_box_with_the_same_sentence(made):
    data = made()
    with pytest.raises(ReaderError) as in_process:
        readers.parse(data, "", LOW)
    boxed = refusal(data)
    assert str(boxed) == str(in_process.value)
    assert boxed.limit is None


def test_the_wall_clock_stops_a_file_the_budgets_would_let_run():
    error = refusal(heavy_shared_stream(), dataclasses.replace(LOW, wall_seconds=1, work=10**9))
    assert error.limit == "time"
    assert "longer than the limit of 1 second" in str(error)


# ---- logs -----------------------------------------------------------------------------------


def damaged_pdfs(count=300, seed=14):
    """The same one-page report (with a made-up name and MRN) damaged in `count` random ways."""
    good = make_text_pdf(NAME + b") Tj ET BT (L4-5 disc bulge. No fracture.", compress=False)
    rng = random.Random(seed)
    for _ in range(count):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data) - 10)
            roll = rng.random()
            if roll < 0.4:
                data[at] = rng.randrange(256)
            elif roll < 0.7:
                del data[at : at + rng.randint(1, 20)]
            else:
                data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 10)))
        yield bytes(data)


def read_all(read, files):
    for data in files:
        with contextlib.suppress(ReaderError):
            read(data)


def test_pypdfs_warnings_would_log_the_text_of_a_damaged_pdf(caplog):
    """What the two tests below guard against: pypdf, left at WARNING, quotes the file."""
    caplog.set_level("WARNING", logger="pypdf")
    read_all(lambda data: readers.parse(data, "", LOW), damaged_pdfs())
    assert any(fragment in caplog.text for fragment in FRAGMENTS)


def test_the_pypdf_logger_is_quiet_in_the_apps_logging(caplog):
    caplog.set_level("DEBUG")
    read_all(lambda data: readers.parse(data, "", LOW), damaged_pdfs())
    assert not any(fragment in caplog.text for fragment in FRAGMENTS)


def test_damaged_pdfs_read_in_the_box_log_their_kind_and_never_their_text(caplog):
    caplog.set_level("DEBUG")
    caplog.set_level("DEBUG", logger="pypdf")
    read_all(lambda data: readers.read_bytes(data, "", LOW), damaged_pdfs())
    assert not any(fragment in caplog.text for fragment in FRAGMENTS)
    notes = [r.getMessage() for r in caplog.records if r.name == "lbpreports.readers.box"]
    assert notes and all(
        note.startswith(("A file could not be read (", "A file was stopped by")) for note in notes
    )
    assert any(note.endswith("reading a pdf file)") for note in notes)


# ---- the web worker stays free --------------------------------------------------------------


@override_settings(READER_WORK=10**9, READER_CPU_SECONDS=1)
class HostileUploadTests(TransactionTestCase):
    """A hostile upload is parsed in a child while the same process answers /healthz."""

    def test_healthz_is_answered_while_a_hostile_upload_is_parsed(self):
        radiologist = make_user("box_radiologist", roles.RADIOLOGIST)
        self.client.force_login(radiologist)
        uploader = self.client_class()
        uploader.cookies = self.client.cookies
        answers = {}

        def upload():
            data = heavy_shared_stream()
            answers["upload"] = uploader.post(
                reverse("reports:new"),
                {
                    "upload": SimpleUploadedFile("report.pdf", data),
                    "mode": "summary",
                    "action": "save",
                },
            )

        thread = threading.Thread(target=upload)
        thread.start()
        waited = 0.0
        while box.busy() == 0 and thread.is_alive() and waited < 60:
            time.sleep(0.01)
            waited += 0.01
        assert box.busy() == 1, "the upload never reached the box"
        health = self.client_class().get(reverse("healthz"))
        upload_was_running = thread.is_alive()
        thread.join()
        assert health.status_code == 200 and health.content == b"ok\n"
        assert upload_was_running
        page = answers["upload"].content.decode()
        assert answers["upload"].status_code == 200
        assert "needed more than the limit of 1 second of processing" in page
