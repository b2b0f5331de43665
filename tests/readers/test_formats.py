"""lbpreports.readers: every accepted format gives the same report text; everything else is a
clear ReaderError. Every file is made here, from a synthetic report."""

import base64
import io
import json
import zipfile
from datetime import date

import docx
import pypdf
import pytest
import weasyprint

from lbpreports import readers
from lbpreports.readers import ReaderError, read_bytes, read_path

SAMPLE = (
    "MRI LUMBAR SPINE\n"
    "Findings:\n"
    "L4-5: mild disc bulge indenting the thecal sac.\n"
    "No fracture.\n"
    "Impression: Mild L4-5 disc bulge."
)
LINES = SAMPLE.split("\n")


def refused(data, name="", match=None, read=read_bytes):
    """The message of the ReaderError read_bytes raises (and only a ReaderError).

    read=readers.parse reads in this process, where a test's monkeypatch holds; read_bytes reads
    in the box's child process."""
    with pytest.raises(ReaderError, match=match) as caught:
        read(data, name)
    return str(caught.value)


# ---- makers ---------------------------------------------------------------------------------


def no_fetch(url):
    raise ValueError(f"tests fetch nothing: {url}")


def make_pdf(body, furniture=True):
    """A real PDF from WeasyPrint; with furniture, a letterhead and "Page N of M" on every page."""
    margin_boxes = (
        '@top-center { content: "Demo Radiology Pty Ltd" }'
        '@bottom-center { content: "Page " counter(page) " of " counter(pages) }'
        if furniture
        else ""
    )
    html = (
        "<html lang='en'><head><title>Report</title><style>"
        f"@page {{ size: A4; margin: 3cm 2cm; {margin_boxes} }}"
        "p { margin: 0 } .next { break-before: page }"
        f"</style></head><body>{body}</body></html>"
    )
    return weasyprint.HTML(string=html, url_fetcher=no_fetch).write_pdf()


def paragraphs(lines, break_before=None):
    return "".join(
        f"<p class='next'>{line}</p>" if i == break_before else f"<p>{line}</p>"
        for i, line in enumerate(lines)
    )


def sample_pdf():
    """The sample over two pages: "No fracture." starts page 2."""
    return make_pdf(paragraphs(LINES, break_before=3))


def make_docx(lines, rows=()):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph("Signed: Dr A Example")
    document.sections[0].header.paragraphs[0].text = "Demo Radiology Pty Ltd"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(members, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def hl7_escape(text):
    return (
        text.replace("\\", "\\E\\")
        .replace("|", "\\F\\")
        .replace("^", "\\S\\")
        .replace("&", "\\T\\")
        .replace("~", "\\R\\")
    )


MSH = "MSH|^~\\&|RIS|DEMO RAD|GP|CLINIC|20240302090000||ORU^R01^ORU_R01|MSG0001|P|2.4"
PID = "PID|1||12345^^^DEMO^MR~999^^^OTHER||CITIZEN^Jane^Q||19650412|F"
OBR = "OBR|1|ORD1|ACC1|MRLS^MRI Lumbar Spine^L|||20240301103000+1000"


def make_hl7(obx_values, value_type="TX", mllp=False, head=(MSH, PID, OBR), sep="\r"):
    obx = [f"OBX|{i}|{value_type}|GDT^Report||{value}||||||F" for i, value in enumerate(obx_values)]
    message = sep.join([*head, *obx]) + sep
    if mllp:
        message = "\x0b" + message + "\x1c\r"
    return message.encode("utf-8")


def b64(data):
    return base64.b64encode(data).decode("ascii")


def make_fhir(**fields):
    resource = {
        "resourceType": "DiagnosticReport",
        "id": "r1",
        "status": "final",
        "code": {"text": "MRI Lumbar Spine"},
        "subject": {"reference": "Patient/12345", "display": "Jane Citizen"},
        "effectiveDateTime": "2024-03-01T10:30:00+10:00",
    }
    resource.update(fields)
    return json.dumps(resource, indent=2).encode("utf-8")


# ---- the same text from every format --------------------------------------------------------

SAME_REPORT = {
    "txt utf-8": lambda: SAMPLE.encode("utf-8"),
    "txt crlf, trailing spaces, blank lines": lambda: (
        "\r\n".join(line + "  " for line in LINES) + "\r\n\r\n\r\n"
    ).encode("utf-8"),
    "pdf": sample_pdf,
    "docx": lambda: make_docx(LINES),
    "hl7 one obx a line": lambda: make_hl7(LINES),
    "hl7 one obx with line breaks": lambda: make_hl7(["\\.br\\".join(LINES)], "FT"),
    "hl7 ed pdf": lambda: make_hl7([f"^application^pdf^Base64^{b64(sample_pdf())}"], "ED"),
    "fhir text": lambda: make_fhir(
        presentedForm=[{"contentType": "text/plain", "data": b64(SAMPLE.encode())}]
    ),
    "fhir pdf": lambda: make_fhir(
        presentedForm=[{"contentType": "application/pdf", "data": b64(sample_pdf())}]
    ),
    "fhir conclusion": lambda: make_fhir(conclusion=SAMPLE),
}


@pytest.mark.parametrize("made", SAME_REPORT.values(), ids=SAME_REPORT.keys())
def test_it_reads_the_same_report_text_from_every_format(made):
    assert read_bytes(made()).text == SAMPLE


@pytest.mark.parametrize(
    ("made", "kind"),
    [
        (lambda: SAMPLE.encode(), "text"),
        (sample_pdf, "pdf"),
        (lambda: make_docx(LINES), "docx"),
        (lambda: make_hl7(LINES), "hl7"),
        (lambda: make_fhir(conclusion=SAMPLE), "fhir"),
    ],
)
def test_it_names_the_kind_and_reads_files_from_disk(made, kind, tmp_path):
    path = tmp_path / "report.bin"
    path.write_bytes(made())
    result = read_path(str(path))
    assert (result.kind, result.text) == (kind, SAMPLE)


def test_it_normalises_whitespace_the_same_way_everywhere():
    assert readers.normalise("a  \r\nb\t\n\n\n\n\nc\n\n") == "a\nb\n\nc"


# ---- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_it_reads_text_in_each_encoding_keeping_the_en_dash(encoding):
    text = "L4–5: mild disc bulge – no stenosis."
    assert read_bytes(text.encode(encoding), "report.txt").text == text


def test_a_report_over_the_text_limit_is_too_long():
    assert "too long" in refused(b"disc bulge. " * 20_000)


# ---- PDF ------------------------------------------------------------------------------------


def test_it_drops_pdf_letterhead_and_page_numbers_and_keeps_the_report():
    data = sample_pdf()
    raw = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Demo Radiology Pty Ltd" in raw and "Page 2 of 2" in raw  # the furniture is there
    text = read_bytes(data, "report.pdf").text
    assert "Demo Radiology" not in text and "Page" not in text
    assert text == SAMPLE


def test_a_line_repeated_inside_the_pages_is_report_text_not_furniture():
    pages = [
        "Header\nNo fracture.\nL3-4: normal.\nPage 1",
        "Header\nL4-5: normal.\nNo fracture.\n2",
    ]
    assert readers.pdf._drop_furniture(pages) == [
        "No fracture.\nL3-4: normal.",
        "L4-5: normal.\nNo fracture.",
    ]


def test_a_single_page_keeps_its_letterhead_which_cannot_be_told_apart():
    text = read_bytes(make_pdf(paragraphs(LINES))).text
    # pypdf gives WeasyPrint's margin boxes after the body; "Page 1 of 1" still goes
    assert text == SAMPLE + "\nDemo Radiology Pty Ltd"


def test_a_pdf_without_a_text_layer_is_refused_as_scanned():
    svg = "<svg width='200' height='100'><rect width='200' height='100' fill='black'/></svg>"
    message = refused(make_pdf(svg, furniture=False))
    assert message == readers.pdf._SCANNED


def test_a_blank_pdf_page_is_refused_as_scanned():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    refused(out.getvalue(), match="no text layer")


def test_an_encrypted_pdf_is_refused():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(sample_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    refused(out.getvalue(), match="password-protected")


def test_a_pdf_over_the_page_limit_is_refused_before_reading_text(monkeypatch):
    writer = pypdf.PdfWriter()
    for _ in range(readers.MAX_PDF_PAGES + 1):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)

    def no_extraction(*args, **kwargs):
        raise AssertionError("text extracted")

    monkeypatch.setattr(pypdf.PageObject, "extract_text", no_extraction)
    message = f"{readers.MAX_PDF_PAGES + 1} pages; the limit is 30"
    refused(out.getvalue(), match=message, read=readers.parse)


def test_a_truncated_pdf_is_refused():
    data = sample_pdf()
    refused(data[: len(data) // 2], match="incomplete")


def test_a_damaged_pdf_is_refused():
    data = sample_pdf()
    damaged = data[:20] + b"\x00garbage" * 50 + data[-30:]  # the header and %%EOF, no body
    message = refused(damaged)
    assert "PDF" in message and "damaged" in message


def test_a_text_file_named_pdf_is_refused():
    refused(SAMPLE.encode(), "report.pdf", match="not a PDF")


# ---- DOCX -----------------------------------------------------------------------------------


def test_it_reads_docx_paragraphs_and_tables_in_order_without_the_header():
    data = make_docx(
        ["MRI LUMBAR SPINE", "Findings:"],
        rows=[("Level", "Finding"), ("L4-5", "mild disc bulge"), ("L5-S1", "normal")],
    )
    result = read_bytes(data, "report.docx")
    assert result.kind == "docx"
    assert result.text == (
        "MRI LUMBAR SPINE\nFindings:\n"
        "Level | Finding\nL4-5 | mild disc bulge\nL5-S1 | normal\n"
        "Signed: Dr A Example"
    )


def test_a_merged_docx_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "L4-5"
    table.cell(0, 1).text = "disc bulge"
    table.cell(1, 1).text = "no stenosis"
    out = io.BytesIO()
    document.save(out)
    assert read_bytes(out.getvalue()).text == "L4-5 | disc bulge\n | no stenosis"


def docx_never_parsed(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("python-docx was called")

    monkeypatch.setattr(docx, "Document", fail)


def test_a_zip_bomb_is_refused_without_extracting(monkeypatch):
    docx_never_parsed(monkeypatch)
    bomb = make_zip({"word/document.xml": "<w/>", "word/media/big.bin": b"\0" * 50_000_000})
    assert len(bomb) < readers.MAX_FILE_BYTES
    refused(bomb, "report.docx", match="unpacks to 50,000,004 bytes", read=readers.parse)


def test_a_zip_compressed_suspiciously_tightly_is_refused(monkeypatch):
    docx_never_parsed(monkeypatch)
    dense = make_zip({"word/document.xml": b" " * 15_000_000})
    refused(dense, match="compressed suspiciously tightly", read=readers.parse)


def test_a_zip_with_too_many_entries_is_refused(monkeypatch):
    docx_never_parsed(monkeypatch)
    many = make_zip({f"word/part{i}.xml": "x" for i in range(1001)})
    refused(many, match="1,001 entries", read=readers.parse)


def test_a_zip_with_another_compression_is_refused(monkeypatch):
    docx_never_parsed(monkeypatch)
    data = make_zip({"word/document.xml": "<w/>"}, zipfile.ZIP_BZIP2)
    refused(data, match="compression a .docx never uses", read=readers.parse)


@pytest.mark.parametrize(
    ("members", "what"),
    [
        ({"notes.txt": "hello"}, "a zip archive"),
        ({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}, "an Excel workbook"),
    ],
)
def test_a_zip_that_is_not_a_docx_is_refused(members, what):
    message = refused(make_zip(members), "report.docx")
    assert message.startswith(f"This is {what}, not a Word .docx document.")
    assert readers.ACCEPTED in message


def test_a_damaged_docx_is_refused():
    good = zipfile.ZipFile(io.BytesIO(make_docx(LINES)))
    members = {name: good.read(name) for name in good.namelist()}
    members["word/document.xml"] = b"<w:document this is not xml"
    refused(make_zip(members), match="damaged or not a valid .docx")


def test_a_truncated_zip_is_refused():
    data = make_docx(LINES)
    refused(data[: len(data) // 2], match="zip file .* is damaged")


# ---- HL7 v2 ---------------------------------------------------------------------------------


def test_it_reads_hl7_with_mllp_several_obx_escapes_and_prefill():
    values = [
        "MRI LUMBAR SPINE",
        "Findings:\\.br\\L4-5: disc bulge \\F\\ annular fissure",
        "Levels L4\\S\\5 \\T\\ L5\\R\\S1, path C:\\E\\scans",
        "",
        "Impression: Mild L4-5 disc bulge.",
    ]
    result = read_bytes(make_hl7(values, mllp=True))
    assert result.text == (
        "MRI LUMBAR SPINE\nFindings:\nL4-5: disc bulge | annular fissure\n"
        "Levels L4^5 & L5~S1, path C:\\scans\n\nImpression: Mild L4-5 disc bulge."
    )
    assert result == readers.ReadFile(
        result.text,
        "hl7",
        patient_identifier="12345",
        patient_name="Jane Q CITIZEN",
        date_of_birth=date(1965, 4, 12),
        exam_type="MRI Lumbar Spine",
        exam_date=date(2024, 3, 1),
        patient_family_name="CITIZEN",
        patient_given_names="Jane Q",
        patient_sex="F",
        order="ACC1",
    )


def test_hl7_text_round_trips_through_escaping():
    text = "Odd chars: a|b ^ c & d ~ e \\ f"
    assert read_bytes(make_hl7([hl7_escape(text)])).text == text


def test_hl7_segments_may_end_in_newlines():
    assert read_bytes(make_hl7(LINES, sep="\n")).text == SAMPLE
    assert read_bytes(make_hl7(LINES, sep="\r\n")).text == SAMPLE


def test_hl7_prefers_text_over_a_pdf_copy_of_the_same_report():
    message = make_hl7(LINES) + f"OBX|9|ED|PDF||^AP^PDF^Base64^{b64(sample_pdf())}\r".encode()
    assert read_bytes(message).text == SAMPLE


def test_hl7_without_pid_or_obr_has_no_prefill():
    result = read_bytes(make_hl7(LINES, head=(MSH,)))
    assert result.text == SAMPLE
    assert (result.patient_identifier, result.exam_date, result.date_of_birth) == ("", None, None)


@pytest.mark.parametrize(
    ("message", "name", "match"),
    [
        (b"PID|1||12345\rOBX|1|TX|||text", "report.hl7", "does not start with a valid MSH"),
        (b"MSH|", "", "does not start with a valid MSH"),
        (make_hl7(LINES).replace(b"\rOBR", b"\rthis is not a segment"), "", "Line 3"),
        (
            make_hl7(LINES).replace(b"ORU^R01", b"ADT^A01"),
            "",
            "of type ADT\\^A01, not a report result",
        ),
        (make_hl7([""]), "", "no report text"),
        (make_hl7(["12"], "NM"), "", "no report text"),
        (make_hl7(LINES) * 2, "", "several HL7 messages"),
        (make_hl7(["^application^pdf^Base64^not base64!"], "ED"), "", "not valid base64"),
        (make_hl7(["^application^pdf^Hex^4142"], "ED"), "", "not Base64"),
        (make_hl7(["^image^png^Base64^" + b64(b"\x89PNG")], "ED"), "", "image/png"),
        (make_hl7(["x"] * readers.MAX_HL7_SEGMENTS), "", "segments; the limit is 2,000"),
        (b"MSH|^~\\&|RIS\rOBX|1|TX|||text", "", "without a type \\(MSH-9\\)"),
    ],
)
def test_broken_hl7_is_refused_clearly(message, name, match):
    refused(message, name, match)


# ---- FHIR DiagnosticReport ------------------------------------------------------------------


def test_it_reads_fhir_prefill():
    result = read_bytes(make_fhir(conclusion=SAMPLE), "report.json")
    assert (result.kind, result.patient_identifier, result.patient_name) == (
        "fhir",
        "12345",
        "Jane Citizen",
    )
    assert (result.exam_type, result.exam_date) == ("MRI Lumbar Spine", date(2024, 3, 1))


def test_fhir_prefers_presented_text_over_a_pdf_copy_and_the_conclusion():
    data = make_fhir(
        conclusion="Mild disc bulge.",
        presentedForm=[
            {"contentType": "image/png", "url": "http://example.org/x.png"},
            {"contentType": "text/plain; charset=utf-8", "data": b64(SAMPLE.encode())},
            {"contentType": "application/pdf", "data": b64(b"%PDF-1.7 damaged, never read")},
        ],
    )
    assert read_bytes(data).text == SAMPLE


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (make_fhir(status="done", conclusion=SAMPLE), "invalid status \\('done'\\)"),
        (make_fhir(conclusion=SAMPLE, status="entered-in-error"), "must not be used"),
        (make_fhir(resourceType="Patient"), "a FHIR Patient, not a FHIR DiagnosticReport"),
        (b'{"resourceType": "DiagnosticReport", ', "not valid JSON"),
        (make_fhir(), "no report text"),
        (make_fhir(presentedForm=[{"contentType": "text/plain", "data": "%%"}]), "base64"),
        (b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested more than 20"),
    ],
)
def test_bad_fhir_is_refused_clearly(data, match):
    refused(data, "", match)


def test_brackets_inside_json_strings_do_not_count_as_nesting():
    assert read_bytes(make_fhir(conclusion="[" * 100 + SAMPLE + "{" * 100)).kind == "fhir"


# ---- wrong files, limits, and no tracebacks -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "scan.png", "a PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "", "a JPEG image"),
        (b"MZ\x90\x00\x03" + b"\0" * 100, "setup.exe", "a program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "report.doc", "an old Word .doc"),
        (b"{\\rtf1\\ansi MRI}", "report.rtf", "an RTF document"),
        (SAMPLE.encode(), "report.doc", "an old Word .doc"),
        (b"\0" * 128 + b"DICM" + b"\0" * 10, "", "a DICOM image"),
    ],
)
def test_a_wrong_file_type_is_refused_naming_it_and_what_is_accepted(data, name, what):
    message = refused(data, name)
    assert message.startswith(f"This file is {what}")
    assert message.endswith(readers.ACCEPTED)


def test_unknown_binary_is_refused_as_binary():
    assert "binary" in refused(b"\x00\x01\x02\x03" * 100)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t "])
def test_an_empty_file_is_refused(data):
    refused(data, match="empty")


def test_a_file_that_reads_to_no_text_is_refused():
    refused(make_docx(["", " "]), match="no report text")


def test_an_oversize_file_is_refused_unread(tmp_path):
    big = b"a" * (readers.MAX_FILE_BYTES + 1)
    refused(big, match="too large")
    path = tmp_path / "big.txt"
    path.write_bytes(big)
    with pytest.raises(ReaderError, match="too large"):
        read_path(str(path))


def test_read_path_refuses_missing_files_and_folders(tmp_path):
    with pytest.raises(ReaderError, match="Cannot open"):
        read_path(str(tmp_path / "missing.txt"))
    with pytest.raises(ReaderError, match="folder"):
        read_path(str(tmp_path))


def test_an_unexpected_parser_error_becomes_a_reader_error(monkeypatch):
    def broken(data):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(readers.READERS, "pdf", broken)
    message = refused(b"%PDF-1.7 ...", read=readers.parse)
    assert message == "This PDF file could not be read; it may be damaged."


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7", "", "pdf"),
        (b"PK\x03\x04", "x.docx", "docx"),
        (b"\x0bMSH|^~\\&|", "", "hl7"),
        (b"\r\n  MSH|^~\\&|", "", "hl7"),
        (b'\xef\xbb\xbf {"resourceType": 1}', "", "fhir"),
        (b"MRI LUMBAR SPINE", "", "text"),
        (b"MRI LUMBAR SPINE", "REPORT.HL7", "hl7"),
        (b"MRI LUMBAR SPINE", "dr.smith.txt", "text"),
        (b"\x89PNG", "report.txt", "png"),
    ],
)
def test_it_sniffs_content_first_then_the_name(data, name, kind):
    assert readers.sniff(data, name) == kind


def test_lines_wrapped_by_a_pdf_layout_are_joined():
    from lbpreports.readers import unwrap_lines

    wrapped = (
        "FINDINGS:\nMRI of the lumbar spine showed normal vertebral body height and\n"
        "alignment. At C6-\nC7, a central disc herniation.\nL4-5: mild bulge\nNo fracture."
    )
    assert unwrap_lines(wrapped) == (
        "FINDINGS:\nMRI of the lumbar spine showed normal vertebral body height and alignment. "
        "At C6-C7, a central disc herniation.\nL4-5: mild bulge\nNo fracture."
    )


def test_the_readers_text_limit_is_the_engines():
    from lbpreports import engine

    assert readers.MAX_TEXT_CHARS == engine.MAX_CHARS
    refused(b"disc bulge. " * (engine.MAX_CHARS // 12 + 1), match="too long")
    assert read_bytes(b"disc bulge.\n" * (engine.MAX_CHARS // 12 - 1)).kind == "text"
