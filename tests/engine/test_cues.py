"""Every phrase of cues.yaml finds its examples and misses its look-alikes."""

import pytest

from lbpreports.engine import knowledge

KB = knowledge.load()
ROWS = [
    (name, text, found)
    for name, (finds, misses) in KB.cue_examples.items()
    for text, found in [*((t, True) for t in finds), *((t, False) for t in misses)]
]


def test_every_cue_has_examples_both_ways():
    assert KB.cues
    for name, (finds, misses) in KB.cue_examples.items():
        assert finds and misses, name


@pytest.mark.parametrize(("name", "text", "found"), ROWS)
def test_cue_example(name, text, found):
    assert bool(KB.cues[name].search(text)) is found, (name, text)
