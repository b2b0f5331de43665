"""`manage.py rewrite --json` and `manage.py assertions`, run as a user runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_KEYS = {
    "file",
    "text",
    "engine",
    "modality",
    "age",
    "body_part",
    "sections",
    "findings",
    "urgent",
    "flags",
    "unexplained",
    "document",
    "normal_study",
    "normals",
}
FINDING_KEYS = {
    "concept",
    "tier",
    "emergency",
    "assertion",
    "hedge",
    "levels",
    "severity",
    "severity_text",
    "side",
    "zone",
    "size",
    "change",
    "cause",
    "causes",
    "effect",
    "text",
    "start",
    "end",
    "section",
}


def manage(*args, stdin=None):
    # no SECRET_KEY and DEBUG off: the engine's commands must still run
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "lbpreports.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "MRI LUMBAR SPINE\nHistory: 58 year old woman.\nFindings:\n"
        "L4-5: moderate disc bulge compressing the thecal sac.\nNo fracture.\n"
        "Impression: possible discitis at L2/3.\n"
    )
    return path


def test_rewrite_json_follows_the_contract(report):
    result = manage("rewrite", "--json", str(report))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert set(out) >= CONTRACT_KEYS
    assert out["file"] == str(report)
    assert out["age"] == 58 and out["modality"] == "mri" and out["body_part"] == "lumbar"
    assert out["urgent"] == ["infection"]
    assert set(out["engine"]) == {"version", "data_sha256"}
    for finding in out["findings"]:
        assert set(finding) == FINDING_KEYS
        assert out["text"][finding["start"] : finding["end"]] == finding["text"]
    pairs = {(f["concept"], f["assertion"]) for f in out["findings"]}
    assert {("disc_bulge", "present"), ("fracture", "negated"), ("infection", "uncertain")} <= pairs


def test_rewrite_reads_stdin_and_keeps_the_order(report):
    result = manage("rewrite", "--json", "-", str(report), stdin="No fracture.\n")
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert files == ["-", str(report)]


def test_rewrite_overrides_age_and_modality(report):
    out = json.loads(
        manage("rewrite", "--json", "--age", "30", "--modality", "ct", str(report)).stdout
    )
    assert (out["age"], out["modality"]) == (30, "ct")


def test_a_bad_file_gets_an_error_line_and_the_others_still_print(report, tmp_path):
    binary = tmp_path / "junk.bin"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = manage("rewrite", "--json", str(binary), str(report), str(empty), "/no/such/file")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [
        str(binary),
        str(report),
        str(empty),
        "/no/such/file",
    ]
    assert "binary" in lines[0]["error"]
    assert "findings" in lines[1]
    assert "empty" in lines[2]["error"]
    assert "Cannot open" in lines[3]["error"]
    assert result.stderr.strip().count("\n") == 0  # one line
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2(report):
    assert manage("rewrite", "--json", "--age", "old", str(report)).returncode == 2
    assert manage("rewrite", "--pdf", "out.pdf", str(report), str(report)).returncode == 2
    assert manage("rewrite").returncode == 2


def test_a_report_over_the_limit_is_refused_clearly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("disc bulge. " * 30_000)
    out = json.loads(manage("rewrite", "--json", str(big)).stdout)
    assert "too long" in out["error"]


def test_assertions_command(tmp_path):
    tsv = tmp_path / "in.tsv"
    tsv.write_text(
        "No fracture, listhesis or destructive lesion.\tlisthesis\n"
        "Metastasis is not excluded.\tMETASTASIS\n"
        "History of  melanoma.\thistory of melanoma\n"
        "Previous L4-5 laminectomy.\tlaminectomy\n"
        "There is a disc bulge.\tfracture\n"
        "Mild disc bulge.\tdisc   bulge\n"
    )
    result = manage("assertions", str(tsv))
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[2] for line in result.stdout.splitlines()] == [
        "negated",
        "uncertain",
        "present",
        "historical",
        "absent",
        "present",
    ]
    assert result.stdout.splitlines()[1].split("\t")[:2] == [
        "Metastasis is not excluded.",
        "METASTASIS",
    ]


STARRED = {
    "summary",
    "conclusion",
    "glossary",
    "prevalence",
    "prevalence_notes",
    "recommendations",
    "readability",
    "problems",
}


def test_rewrite_json_carries_the_patient_texts(report):
    out = json.loads(manage("rewrite", "--json", str(report)).stdout)
    assert set(out) >= STARRED
    assert set(out["summary"]) == {"sections", "text"}
    assert out["summary"]["sections"][0]["heading"] == "What the scan looked at"
    assert set(out["readability"]) == {"report", "summary", "conclusion"}
    assert out["problems"] == []
    assert out["conclusion"]


def test_plain_output_is_the_chosen_patient_text(report):
    summary = manage("rewrite", str(report)).stdout
    conclusion = manage("rewrite", "--mode", "conclusion", str(report)).stdout
    assert summary.startswith("What the scan looked at")
    assert "Words in your report" in summary
    assert conclusion.startswith("Here is what the report says in plain words.")
    assert "cannot rule out an infection" in conclusion


def test_rewrite_pdf_is_standard_print_unless_asked_for_large_print(report, tmp_path):
    from tests.handouts.test_print import body_sizes, read_pages

    standard, large = tmp_path / "standard.pdf", tmp_path / "large.pdf"
    assert manage("rewrite", str(report), "--pdf", str(standard)).returncode == 0
    assert manage("rewrite", str(report), "--pdf", str(large), "--large-print").returncode == 0
    result = json.loads(manage("rewrite", "--json", str(report)).stdout)
    assert body_sizes(read_pages(standard.read_bytes()), result) == {14.0}
    assert body_sizes(read_pages(large.read_bytes()), result) == {16.0}
    assert manage("rewrite", str(report), "--large-print").returncode == 2


def test_rewrite_writes_the_draft_pdf(report, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "draft.pdf"
    result = manage("rewrite", str(report), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    pages = PdfReader(str(out)).pages
    assert all("Draft: not yet reviewed by your GP" in p.extract_text() for p in pages)
    assert "INFO" not in result.stderr
