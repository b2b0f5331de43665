"""`manage.py rewrite --json` carries the whole reading (sizes, change, cause, effect, side,
document kind, normals) for every upload format, the same as for pasted text."""

import json

import pytest

from tests.engine.test_commands import manage
from tests.readers.test_formats import make_docx, make_fhir, make_hl7, make_pdf

REPORT = (
    "MRI LUMBAR SPINE\n"
    "Comparison: MRI 2023.\n"
    "Findings:\n"
    "L4-5: 6 mm left paracentral disc protrusion compressing the left L5 nerve root, "
    "unchanged from 2023.\n"
    "The other discs are normal.\n"
    "No fracture.\n"
    "Impression: Unchanged left L4-5 disc protrusion."
)
LINES = REPORT.split("\n")

FORMATS = {
    "report.txt": lambda: REPORT.encode("utf-8"),
    "report.pdf": lambda: make_pdf("".join(f"<p>{line}</p>" for line in LINES), furniture=False),
    "report.docx": lambda: make_docx(LINES),
    "report.hl7": lambda: make_hl7(LINES),
    "report.json": lambda: make_fhir(conclusion=REPORT),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    paths = []
    for name, made in FORMATS.items():
        path = folder / name
        path.write_bytes(made())
        paths.append(str(path))
    result = manage("rewrite", "--json", *paths)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["file"] for line in lines] == paths
    return lines


def _reading(out):
    """What the engine read, without offsets (which depend on nothing but the text)."""
    findings = sorted(
        (
            f["concept"],
            f["assertion"],
            f["side"],
            tuple(s["text"] for s in f["size"]),
            f["change"],
            f["cause"],
            f["effect"],
        )
        for f in out["findings"]
    )
    return findings, out["document"], out["normal_study"], [n["text"] for n in out["normals"]]


@pytest.mark.parametrize("index", range(len(FORMATS)), ids=list(FORMATS))
def test_every_format_carries_the_new_fields(outputs, index):
    out = outputs[index]
    assert out["text"] == REPORT
    findings, document, normal_study, normals = _reading(out)
    assert ("disc_protrusion", "present", "left", ("6 mm",), "unchanged", None, None) in findings
    assert (
        "nerve_root_compression",
        "present",
        "left",
        (),
        "unchanged",
        "disc_protrusion",
        "the left L5 nerve root",
    ) in findings
    assert document == "final" and normal_study is False
    assert normals == ["The other discs are normal"]


def test_every_format_reads_the_same(outputs):
    assert len({json.dumps(_reading(out)) for out in outputs}) == 1
