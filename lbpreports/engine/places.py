"""Places in plain words: levels ("between the 4th and 5th bones of your lower back (L4-L5)")
and sides ("on the left"). The words are lay.yaml's (`regions`, `sides`, `fixed`); the fact check
reads patient texts with the same functions."""

from __future__ import annotations

import re

from . import knowledge
from .levels import sort_levels

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def _lay() -> dict:
    return knowledge.load().lay


def ordinal(n: int) -> str:
    return ORDINALS.get(n, f"{n}th")


def region(code: str) -> str:
    """ "lower back" for L4 or L4-L5."""
    return _lay()["regions"][code[0]]


def _vertebra_words(v: str) -> tuple[str, str]:
    """("5th bone", "lower back") for L5."""
    return f"{ordinal(int(v[1:]))} bone", region(v)


def _disc_words(level: str) -> tuple[str, str]:
    upper, lower = level.split("-")
    (a, region_a), (b, region_b) = _vertebra_words(upper), _vertebra_words(lower)
    if lower.startswith("S") and upper.startswith("L"):
        return f"the {a} of your lower back and your sacrum", ""
    if region_a == region_b:
        return f"the {a[:-5]} and {b}s", region_a
    return f"your {region_a} and {region_b}", ""


def one_level(level: str, *, inside: bool = True) -> str:
    """'between the 4th and 5th bones of your lower back' for L4-L5; 'in your sacrum' for S1.
    A vertebra's level for a finding that is not in the bone itself (a nerve pressed at L3):
    'at the level of the 3rd bone of your lower back'."""
    if "-" in level:
        words, area = _disc_words(level)
        return f"between {words} of your {area}" if area else f"between {words}"
    if level.startswith("S"):
        return "in your sacrum" if inside else "at the level of your sacrum"
    words, area = _vertebra_words(level)
    return f"{'in' if inside else 'at the level of'} the {words} of your {area}"


def in_bone(concept: str) -> bool:
    """Whether a finding at a vertebra's level is in the bone itself (lay.yaml `in_bone`)."""
    return concept in _lay().get("in_bone", ())


def where(levels, *, inside: bool = True) -> str:
    """' between the 4th and 5th bones of your lower back (L4-L5)' for one level;
    ' at 2 levels of your lower back (L4-L5, L5-S1)' for several; '' with no level."""
    levels = sort_levels(levels)
    if not levels:
        return ""
    code = ", ".join(levels)
    fixed = _lay()["fixed"]
    # the sacrum is one bone: "in your sacrum (S1, S2)", never "at 2 levels of your spine"
    if len(levels) > 1 and all(re.fullmatch(r"S[1-5]", lv) for lv in levels):
        return f" {_lay()['places_without_level'][0][1].strip()} ({code})"
    if len(levels) > 1:
        regions = {region(lv) for lv in levels}
        regions.discard("sacrum")
        if len(regions) == 1:
            return fixed["several_levels"]["text"].format(
                n=len(levels), region=regions.pop(), codes=code
            )
        return fixed["several_levels_mixed"]["text"].format(n=len(levels), codes=code)
    return " " + one_level(levels[0], inside=inside) + f" ({code})"


def side_words(side: str | None) -> str:
    """'on the left', 'on the right', 'on both sides', or '' when the report states none."""
    if not side:
        return ""
    return _lay()["sides"][side]
