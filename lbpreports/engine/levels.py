"""Spinal levels: find them in text and normalise them.

A disc level becomes `L4-L5`, `L5-S1`, `T12-L1` (from L4/5, L4-5, L4/L5, L45, L4-L5, L5S1,
D12/L1); one vertebra stays a vertebra (`L1`, `S1`); ranges ("from L3/4 to L5/S1", "L2-L5
levels") become every disc they cover. The region sizes and the words come from levels.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge

_V = r"[CTLSDctlsd]\s?(?:1[0-2]|[1-9])"
_LEVEL = re.compile(
    rf"(?<![A-Za-z0-9])(?P<a>{_V})"
    r"(?:(?P<j>\s?(?:/|-|–|—|_|\\)\s?)(?P<b>" + _V + r"|(?:1[0-2]|[1-9]))"
    r"|(?P<b2>[CTLSDctlsd]\s?(?:1[0-2]|[1-9])))?"
    # "T2DM" is type 2 diabetes, not a level
    r"(?![0-9])(?![A-Za-z]{2})"
)
# L45, C56, S12: two consecutive one-digit vertebrae written together.
_DOUBLE = re.compile(r"(?<![A-Za-z0-9])(?P<r>[CTLSDctlsd])(?P<x>[1-9])(?P<y>[1-9])(?![0-9])")
_T1_T2_LEVEL = re.compile(r"^\s*(?:disc|level|vertebra|endplate|intervertebral)", re.IGNORECASE)
_ON = re.compile(r"^\s+(?:on|over|upon)\s+$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^\s*(?:to|through|thru|till|until|-|–|—)\s*(?:the\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(
    r"^\s*(?:,|and|&|&&|/|as well as|\+|or)?\s*(?:,|and|&)?\s*(?:at\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_SEQUENCE_AFTER = re.compile(
    r"^\s*(?:-|/)?\s*(?:weighted|w\b|wi\b|signal|(?:disc|marrow|cord)\s+signal|hyper|hypo|image|"
    r"images|sequence|sequences|"
    r"flair|stir|fat|bright|dark|high|low|sagittal|axial|and\s+t[12]|/t[12]|shine|map|mapping|"
    r"relaxation|prolongation|shortening|iso|intense|intermediate|,\s*t[12]\b|,\s*stir|and\s+stir|"
    r"post|pre-?contrast|gad|fs\b|fse\b|tse\b|gre\b)",
    re.IGNORECASE,
)
_ROOT_BEFORE = re.compile(r"(?:nerve|root|roots|radicle)\s*\(\s*$", re.IGNORECASE)
_SEQUENCE_BEFORE = re.compile(
    r"(?:\bon|\band|/|\bhigh|\blow|\bsagittal|\baxial|\bcoronal|\bsag|\bax|\bcor|\bstir"
    r"|\bweighted|\bpost-?contrast|\bfat-?sat(?:urated)?|\bfs)\s*,?\s*$",
    re.IGNORECASE,
)
_ROOT_AFTER = re.compile(
    r"^\s*(?:(?:lt|rt|left|right|bilateral|both)\s+)?(?:(?:exit|exiting|traversing|descending)\s+)?"
    r"(?:nerve|nerves|root|roots|rootlet|rootlets|radicul\w*|dermatom\w*|distribution|"
    r"myotom\w*|radiculopathy|sciatica|segmental nerve)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LevelMention:
    start: int
    end: int
    levels: tuple[str, ...]


@lru_cache(maxsize=1)
def _order() -> tuple[tuple[str, ...], dict[str, str]]:
    config = knowledge.load().levels
    order = tuple(
        f"{region}{n}" for region, count in config["regions"].items() for n in range(1, count + 1)
    )
    return order, {k.upper(): v.upper() for k, v in (config.get("region_aliases") or {}).items()}


def vertebra(text: str) -> str | None:
    """Normalise one vertebra ("d12" -> "T12"); None when it does not exist."""
    order, aliases = _order()
    text = re.sub(r"\s", "", text).upper()  # any space the pattern allows ("S\x1f1")
    region, number = text[0], text[1:]
    name = f"{aliases.get(region, region)}{int(number)}"
    return name if name in order else None


def discs_between(lower: str, upper: str) -> tuple[str, ...]:
    """Every disc from vertebra `lower` down to `upper` (`L3`, `S1` -> L3-L4, L4-L5, L5-S1)."""
    order, _ = _order()
    i, j = order.index(lower), order.index(upper)
    if i > j:
        i, j = j, i
    if i == j:
        return (lower,)
    return tuple(f"{order[k]}-{order[k + 1]}" for k in range(i, j))


def _adjacent(a: str, b: str) -> bool:
    order, _ = _order()
    return order.index(b) - order.index(a) == 1


def _pair(a: str, b: str) -> tuple[str, ...]:
    """Two written vertebrae: a disc when adjacent, else the range of discs between."""
    if a == b:
        return (a,)
    return discs_between(a, b)


def _is_sequence_name(text: str, start: int, end: int, name: str) -> bool:
    """T1 and T2 are usually MRI sequences ("T2 hyperintense"), not vertebrae."""
    if name not in ("T1", "T2"):
        return False
    return bool(_SEQUENCE_AFTER.match(text[end:]) or _SEQUENCE_BEFORE.search(text[:start]))


def _raw_mentions(text: str) -> list[tuple[int, int, tuple[str, ...], str, str]]:
    """(start, end, levels, lower vertebra, upper vertebra) for each written level."""
    found = []
    taken: list[tuple[int, int]] = []
    for match in _DOUBLE.finditer(text):
        region = match["r"].upper()
        whole = vertebra(region + match["x"] + match["y"])
        if whole is not None:
            continue  # T10, T11, T12 are vertebrae, handled below
        a, b = vertebra(region + match["x"]), vertebra(region + match["y"])
        if a and b and _adjacent(a, b):
            found.append((match.start(), match.end(), (f"{a}-{b}",), a, b))
            taken.append((match.start(), match.end()))
    for match in _LEVEL.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        a = vertebra(match["a"])
        if a is None:
            continue
        other = match["b"] or match["b2"]
        b = None
        if other:
            other = other.strip()
            if other[0].isalpha():
                b = vertebra(other)
            elif a == "L5" and other == "1":
                b = "S1"  # "L5/1" means L5-S1
            else:
                b = vertebra(a[0] + other)
                if b is not None and _order()[0].index(b) <= _order()[0].index(a):
                    b = None  # "L4/3" or "L4-4" is no level pair
        if b is not None and {a, b} == {"T1", "T2"} and not _T1_T2_LEVEL.match(text[match.end() :]):
            continue  # "T1/T2" names MRI sequences, not the T1-T2 disc
        if b is not None:
            if _order()[0].index(b) < _order()[0].index(a):
                a, b = b, a
            found.append((match.start(), match.end(), _pair(a, b), a, b))
            continue
        end = match.start() + len(match["a"])
        if (
            _is_sequence_name(text, match.start(), end, a)
            or _ROOT_AFTER.match(text[end:])
            or _ROOT_BEFORE.search(text[: match.start()])
        ):
            continue  # "S1 nerve root", "nerve root (S1)": a nerve's name, not a level
        found.append((match.start(), end, (a,), a, a))
    found.sort()
    return found


def find_levels(text: str) -> list[LevelMention]:
    """Level mentions in `text`, with ranges joined ("from L3/4 to L5/S1") and "L4 on L5" paired."""
    raw = _raw_mentions(text)
    mentions: list[LevelMention] = []
    i = 0
    while i < len(raw):
        start, end, levels, lower, upper = raw[i]
        if i + 1 < len(raw):
            n_start, n_end, _n_levels, n_lower, n_upper = raw[i + 1]
            gap = text[end:n_start]
            if _RANGE_GAP.match(gap):
                mentions.append(LevelMention(start, n_end, discs_between(lower, n_upper)))
                i += 2
                continue
            if (
                _ON.match(gap)
                and lower == upper
                and n_lower == n_upper
                and _adjacent(lower, n_lower)
            ):
                mentions.append(LevelMention(start, n_end, (f"{lower}-{n_lower}",)))
                i += 2
                continue
        mentions.append(LevelMention(start, end, levels))
        i += 1
    return mentions


@dataclass(frozen=True)
class LevelGroup:
    start: int
    end: int
    levels: tuple[str, ...]


def group_levels(text: str, mentions: list[LevelMention]) -> list[LevelGroup]:
    """Join mentions written as a list ("L3/4, L4/5 and L5/S1") into one group."""
    groups: list[LevelGroup] = []
    for mention in mentions:
        if groups and _LIST_GAP.match(text[groups[-1].end : mention.start]):
            last = groups[-1]
            merged = last.levels + tuple(x for x in mention.levels if x not in last.levels)
            groups[-1] = LevelGroup(last.start, mention.end, merged)
        else:
            groups.append(LevelGroup(mention.start, mention.end, mention.levels))
    return groups


def sort_levels(levels) -> list[str]:
    order, _ = _order()

    def key(level: str) -> tuple[int, int]:
        first = level.split("-")[0]
        return (order.index(first) if first in order else 99, len(level))

    return sorted(set(levels), key=key)
