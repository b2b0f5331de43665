"""The product's readability scorer: textstat 0.7.4's formulas on honest syllable counts."""

import warnings

import pytest
import syllapy

from lbpreports import engine
from lbpreports.engine import knowledge, readability, safety

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources", category=UserWarning)
    from textstat.textstat import textstatistics

PYPHEN = textstatistics()  # textstat's own count, to show what the product no longer does


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("about", 2),
        ("any", 2),
        ("spinal", 2),
        ("changes", 2),
        ("many", 2),
        ("even", 2),
        ("the", 1),
        ("bones", 1),
        ("nerves", 1),
        ("disc", 1),
        ("protrusion", 3),
        ("herniated", 4),
        ("haematoma", 4),
        ("emergency", 4),
        ("follow-up", 3),
        ("Sacrum,", 2),
    ],
)
def test_it_counts_syllables_honestly(word, syllables):
    assert readability.syllables(word) == syllables


@pytest.mark.parametrize("word", ["about", "any", "spinal", "changes"])
def test_textstats_own_count_is_one_for_these(word):
    """Why the scorer exists: pyphen never splits one letter off either end of a word."""
    assert PYPHEN.syllable_count(word) == 1
    assert readability.syllables(word) == 2


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("bones", 1),
        ("nerves", 1),
        ("changes", 2),
        ("pushes", 2),
        ("pushed", 1),
        ("narrowed", 2),
        ("extruded", 3),
        ("muscles", 2),
        ("spasm", 2),
        ("aneurysm", 4),
        ("herniated", 4),
        ("protrusion", 3),
        ("sequestration", 4),
        ("foraminal", 4),
        ("stenosis", 3),
        ("paracentral", 4),
        ("haemangioma", 5),
    ],
)
def test_words_outside_the_dictionary_count_by_vowel_groups(word, syllables):
    assert word not in syllapy.WORD_DICT
    assert readability.vowel_syllables(word) == syllables


def test_a_sentence_is_counted_word_by_word():
    # about 2, half 1, of 1, any 2, group 1, of 1, people 2, have 1, spinal 2, changes 2
    assert readability.syllables("About half of any group of people have spinal changes.") == 15


def test_fkgl_matches_a_hand_computation():
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59, with textstat 0.7.4's
    rounding of both averages to one decimal: 10 words, 15 syllables, one sentence."""
    text = "About half of any group of people have spinal changes."
    hand = 0.39 * 10.0 + 11.8 * round(15 / 10, 1) - 15.59
    assert readability.grade(text) == round(hand, 1) == 6.0
    assert readability.score(text)["fkgl"] == 6.0
    assert PYPHEN.flesch_kincaid_grade(text) == 1.3  # 11 syllables: five grades too easy


def test_fkgl_over_two_sentences_matches_a_hand_computation():
    # 8 + 9 words in 2 sentences; 8 + 12 syllables (many 2, people 2, changes 2)
    text = "The scan shows some wear in two discs. Many people of your age have changes like these."
    hand = 0.39 * round(17 / 2, 1) + 11.8 * round(20 / 17, 1) - 15.59
    assert readability.grade(text) == round(hand, 1) == 1.9


def test_flesch_reading_ease_uses_the_same_count():
    text = "About half of any group of people have spinal changes."
    hand = 206.835 - 1.015 * 10.0 - 84.6 * round(15 / 10, 1)
    assert readability.score(text)["fre"] == round(hand, 1)


def test_the_safety_checker_grades_with_the_honest_count():
    """9 words, 16 syllables: grade 9.2 (pyphen's 12 syllables made it 3.3)."""
    sentence = "The scan shows bleeding inside the spinal canal (haematoma)."
    assert PYPHEN.flesch_kincaid_grade(sentence) <= 8
    reading = engine.read("Findings: Mild L4-5 disc bulge.")
    problems = safety.check(reading, sentence)
    assert [p.kind for p in problems] == ["hard_sentence"]
    assert "Grade 9.2" in problems[0].detail


def test_every_lay_sentence_is_at_grade_8_or_below_on_the_honest_count():
    assert knowledge.lay_problems() == []
