"""Readings a GP found wrong when reading patient texts cold: each row a made-up report."""

import pytest

from lbpreports import engine


def _read(text):
    return engine.read(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vertebral marrow signal is otherwise normal.",
        "The bone marrow signal is otherwise unremarkable.",
    ],
)
def test_it_reads_an_otherwise_normal_marrow_as_a_normal(sentence):
    reading = _read(f"Findings: Mild L4/5 disc bulge. {sentence}")
    assert not [u for u in reading.unexplained if u.text == sentence]


def test_it_does_not_read_where_a_mass_reaches_as_narrowing():
    reading = _read(
        "Findings: At L2-3 a 3 x 2 cm extradural soft tissue lesion compresses the thecal sac "
        "from the right and extends into the right L2-3 foramen."
    )
    concepts = {f.concept for f in reading.findings}
    assert "foraminal_stenosis" not in concepts
    assert "thecal_sac_indentation" in concepts
    assert any(u.danger for u in reading.unexplained)


def test_it_still_reads_narrowing_that_the_report_states():
    reading = _read(
        "Findings: L4/5 disc protrusion compressing the thecal sac and narrowing the left foramen."
    )
    narrowing = [f for f in reading.findings if f.concept == "foraminal_stenosis"]
    assert narrowing and narrowing[0].assertion == "present"
