"""Readability scores with textstat, offline, on honest syllable counts.

textstat 0.7.4 is the scorer (no download, no GPL code; newer releases fetch NLTK's CMU
dictionary at first use, which fails offline: see the README). Its own syllable counter is the
pyphen hyphenator, which never splits one letter off either end of a word: "about", "any",
"even", "spinal" and "changes" count as one syllable, and the texts score about a grade too easy.
So the scorer here is a textstat instance whose syllable count comes from syllapy's dictionary
(MIT, offline) and, for a word it does not know, from the vowel groups of the word.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import syllapy
from pyphen import Pyphen

with warnings.catch_warnings():
    # textstat 0.7.4 imports pkg_resources, which recent setuptools flags as deprecated: the
    # warning would be the only line of noise on the command line
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from textstat.textstat import textstatistics

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_VOWELS = re.compile(r"[aeiouy]+")
# two vowels said apart ("herniated", "haemangioma"), but "-ion" is one syllable ("protrusion")
_HIATUS = re.compile(r"i[au]|io(?!ns?$)|eo(?!u)|ua|uo")
_SILENT_E = re.compile(r"[^aeiouy]e$")
_SYLLABIC_LE = re.compile(r"[^aeiouy]les?$")
_SILENT_ES = re.compile(r"[aeiouy][^aeiouy]+es$")  # "bones", "nerves"
_SYLLABIC_ES = re.compile(r"(?:[sxzgc]|ch|sh)es$")  # "changes", "causes", "pushes"
_SILENT_ED = re.compile(r"[aeiouy][^aeiouy]+ed$")  # "pushed", "narrowed"
_SYLLABIC_ED = re.compile(r"[td]ed$")  # "herniated", "extruded"
_SM = re.compile(r"sms?$")  # "spasm", "aneurysm"
_DIGIT = re.compile(r"\d")
_PYPHEN = Pyphen(lang="en_US")


def vowel_syllables(word: str) -> int:
    """Syllables of a lower-case word from its vowel groups: syllapy's rule for words it does
    not know, with the silent "-es" and "-ed" of English plurals and past tenses and vowels said
    apart. On 25 words of the lsmri notes outside syllapy's dictionary, drawn after these rules
    were written, it counted all 25 right (syllapy's own rule 23, pyphen 18)."""
    n = len(_VOWELS.findall(word))
    silent = not _SYLLABIC_LE.search(word) and (
        bool(_SILENT_E.search(word))
        or bool(_SILENT_ES.search(word) and not _SYLLABIC_ES.search(word))
        or bool(_SILENT_ED.search(word) and not _SYLLABIC_ED.search(word))
    )
    n += len(_HIATUS.findall(word)) + len(_SM.findall(word)) - silent
    return max(n, 1)


@lru_cache(maxsize=8192)
def word_syllables(word: str) -> int:
    """Syllables of one lower-case word without punctuation, as textstat's count splits it."""
    if word in syllapy.WORD_DICT:
        return syllapy.WORD_DICT[word]
    if _DIGIT.search(word):
        # a level code ("l4l5") or a number syllapy does not know: textstat's own count
        return len(_PYPHEN.positions(word)) + 1
    return vowel_syllables(word)


class HonestCount(textstatistics):
    """textstat 0.7.4 counting syllables with `word_syllables`; all else is textstat's."""

    def syllable_count(self, text: str, lang: str | None = None) -> int:
        return sum(word_syllables(w) for w in self.remove_punctuation(text.lower()).split())


SCORER = HonestCount()


def syllables(text: str) -> int:
    """The syllables the product's readability scores count in `text`."""
    return SCORER.syllable_count(text)


def sentences(text: str) -> list[str]:
    return [
        s.strip().removeprefix("- ").strip()
        for s in _SENTENCE.split(text)
        if re.search(r"[A-Za-z]", s or "")
    ]


@lru_cache(maxsize=8192)
def grade(text: str) -> float:
    """FKGL of a text; the writer scores the same fixed and candidate sentences again and
    again, so each text's grade is kept."""
    return round(float(SCORER.flesch_kincaid_grade(text)), 1)


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
        "fre": round(float(SCORER.flesch_reading_ease(text)), 1),
        "sentences": [{"text": s, "fkgl": grade(s)} for s in sentences(text)],
    }
