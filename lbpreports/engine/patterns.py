"""The small pattern language of the knowledge files, compiled to token specifications.

Items are separated by spaces and each stands for one token:

    word      the word, in any case            word*     any word starting with "word"
    a|b*      either alternative               [item]    the item is optional
    _         any one word, optional           ~word     the word with one typo allowed
    @level    a spinal level written as one token (L4/5, L5-S1, L2)

A plain word that the tokenizer splits ("schmorl's") stands for the tokens it splits into.
"""

from __future__ import annotations

import re


class PatternError(ValueError):
    """A pattern in the knowledge files that cannot be compiled."""


_ITEM = re.compile(r"^[^\s|\[\]]+$")
LEVEL_TOKEN = r"^[ctlsd]\d{1,2}(?:[/-]+[ctlsd]?\d{1,2})?$"


def _split_items(pattern: str) -> list[str]:
    items = pattern.split()
    if not items:
        raise PatternError("empty pattern")
    return items


def compile_pattern(pattern: str, tokenize) -> list[dict]:
    """Compile one pattern to a list of token specifications (engine/matcher.py reads them).

    `tokenize` turns a string into a list of lower-cased token texts, the same way report text is
    tokenized, so that patterns and text always agree.
    """
    specs: list[dict] = []
    for raw in _split_items(pattern):
        optional = raw.startswith("[") and raw.endswith("]")
        item = raw[1:-1] if optional else raw
        if not item or not _ITEM.match(item.replace("|", "x")):
            raise PatternError(f"bad item {raw!r} in {pattern!r}")
        op = {"OP": "?"} if optional else {}
        if item == "_":
            specs.append({"IS_PUNCT": False, "OP": "?"})
            continue
        if item == "@level":
            specs.append({"LOWER": {"REGEX": LEVEL_TOKEN}, **op})
            continue
        alternatives = item.lower().split("|")
        if any(not alt for alt in alternatives):
            raise PatternError(f"empty alternative in {raw!r} of {pattern!r}")
        if len(alternatives) == 1 and alternatives[0].startswith("~"):
            word = alternatives[0][1:]
            if len(word) < 6:
                raise PatternError(f"fuzzy word {word!r} is too short (6 letters at least)")
            specs.append({"LOWER": {"FUZZY1": word}, **op})
            continue
        if any(alt.startswith("~") for alt in alternatives):
            raise PatternError(f"a fuzzy word must stand alone: {raw!r} in {pattern!r}")
        if len(alternatives) == 1 and not alternatives[0].endswith("*"):
            tokens = tokenize(alternatives[0])
            specs.extend({"LOWER": token, **op} for token in tokens)
            continue
        for alt in alternatives:
            stem = alt[:-1] if alt.endswith("*") else alt
            if not stem:
                raise PatternError(f"bare * in {raw!r} of {pattern!r}")
            if len(tokenize(stem)) != 1:
                raise PatternError(
                    f"alternative {alt!r} in {pattern!r} is more than one token; "
                    "write it as a pattern of its own"
                )
        exact = [alt for alt in alternatives if not alt.endswith("*")]
        prefixes = [alt[:-1] for alt in alternatives if alt.endswith("*")]
        specs.append({"LOWER": {"IN": exact, "PREFIX": prefixes}, **op})
    if all(spec.get("OP") == "?" for spec in specs):
        raise PatternError(f"pattern {pattern!r} has only optional items")
    # runs of spaces in the text ("negative   for") are tokens of their own: step over them
    spaced = [specs[0]]
    for spec in specs[1:]:
        spaced.append({"IS_SPACE": True, "OP": "*"})
        spaced.append(spec)
    return spaced


def word_matches(item: str, word: str) -> bool:
    """Whether one lower-cased word matches a single-token item (used for requires/unless)."""
    for alt in item.lower().split("|"):
        if alt.endswith("*"):
            if word.startswith(alt[:-1]):
                return True
        elif word == alt:
            return True
    return False
