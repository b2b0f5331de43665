"""Readability scores with textstat, offline.

textstat 0.7.4 counts syllables with pyphen (no download, no GPL code); newer releases fetch
NLTK's CMU dictionary at first use, which fails offline (see the README).
"""

from __future__ import annotations

import re
import warnings

with warnings.catch_warnings():
    # textstat 0.7.4 imports pkg_resources, which recent setuptools flags as deprecated: the
    # warning would be the only line of noise on the command line
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    import textstat

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [
        s.strip().removeprefix("- ").strip()
        for s in _SENTENCE.split(text)
        if re.search(r"[A-Za-z]", s or "")
    ]


def grade(text: str) -> float:
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def as_sentences(text: str) -> str:
    """Each line is read as a unit: a heading, a list item or a paragraph ends where it ends."""
    lines = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if not line:
            continue
        lines.append(line if line[-1] in ".!?" else line.rstrip(":;,") + ".")
    return "\n".join(lines)


def score(text: str) -> dict:
    """FKGL and Flesch Reading Ease of the whole text, and FKGL per sentence."""
    text = as_sentences(text)
    if not re.search(r"[A-Za-z]", text):
        return {"fkgl": 0.0, "fre": 100.0, "sentences": []}
    return {
        "fkgl": grade(text),
        "fre": round(float(textstat.flesch_reading_ease(text)), 1),
        "sentences": [{"text": s, "fkgl": grade(s)} for s in sentences(text)],
    }
