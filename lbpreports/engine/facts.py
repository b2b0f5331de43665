"""The fact check: does a patient text say what the report says, once, and nothing else?

`check(reading, patient_text)` reads the text (the engine's own or a GP's edit) into statements:
each sentence or list item that names a finding, with the places, sides, sizes, severity and
change said with it, and its certainty. It then compares them with the report's findings and
returns problems of the kinds in docs/contract.md, each with the key of the summary section it
concerns: a finding missing (any tier except minor), its level, side, size, severity or change
missing or different, anything stated twice or both ways, a contradiction, anything invented, and
a report that is not final presented as final.

It reads by the same words the writer uses (lay.yaml names, the writer's place words, severity
words) plus facts.yaml, compiled once into regular expressions: no spaCy run over the text, so
checking costs little beside writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import knowledge
from .levels import find_levels, sort_levels
from .safety import CONDITIONAL_TESTS, Problem, unique_problems

STATEMENT_SECTIONS = (None, "follow_up", "found")
SKIPPED_SECTIONS = ("words", "sources")
POSITIVE = ("present", "likely", "uncertain")
FOLLOW_UP = ("extraspinal_mass",)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_SIZE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*(?:x|by|×|\*)\s*(\d+(?:\.\d+)?))?"
    r"(?:\s*(?:x|by|×|\*)\s*(\d+(?:\.\d+)?))?"
    r"\s*(mm|millimet(?:re|er)s?|cm|centimet(?:re|er)s?|%|per\s?cent)(?!\w)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_WORD_START = re.compile(r"(?<![\w'-])\w")
# where a name ends: not inside a word, and not as the first word of "nerve canal" (the opening
# where a nerve leaves the spine, not the nerve)
END = r"(?![\w'])(?!\s+canals?\b)"


# --- the words, compiled once ---


def pattern_regex(pattern: str) -> str:
    """facts.yaml's pattern subset as a regular expression (no groups that capture)."""
    parts = []
    for raw in pattern.split():
        optional = raw.startswith("[") and raw.endswith("]")
        item = raw[1:-1] if optional else raw
        alternatives = []
        for alt in item.split("|"):
            if alt.endswith("*"):
                alternatives.append(re.escape(alt[:-1]) + r"[\w'-]*")
            else:
                alternatives.append(re.escape(alt))
        group = "(?:" + "|".join(alternatives) + ")"
        # "don't" is "do" and "n't" to the tokenizer: no space is needed before such an item
        glued = any(alt.startswith(("n'", "'")) for alt in item.split("|"))
        parts.append((group, optional, glued))
    out = ""
    for i, (group, optional, glued) in enumerate(parts):
        space = r"\s*" if glued else r"\s+"
        if i == 0:
            out = f"(?:{group}\\s+)?" if optional and len(parts) > 1 else group
            continue
        if optional:
            out += f"(?:{space}{group})?"
        elif parts[i - 1][1] and i == 1:
            out += group
        else:
            out += space + group
    return out


def _pattern_starts(pattern: str) -> frozenset[str] | None:
    """The letters a pattern's match can start with (its first item, or the second after an
    optional first)."""
    items = pattern.split()
    chars: set[str] = set()
    for i, raw in enumerate(items):
        optional = raw.startswith("[") and raw.endswith("]")
        chars |= {alt[0].lower() for alt in raw.strip("[]").split("|") if alt}
        if not optional or i == len(items) - 1:
            break
    return frozenset(chars) if chars else None


def _literal_starts(name: str) -> frozenset[str] | None:
    """The letters a name can start with; a name starting with {sev} starts with a severity
    word's letter."""
    if name.startswith("{sev}"):
        sev = knowledge.load().lay.get("severity_words") or {}
        plain = set(sev.get("plain", [])) | set((sev.get("values") or {}).values())
        return frozenset(w[0].lower() for w in plain if w) or None
    first = name[:1].lower()
    return frozenset(first) if first.isalnum() else None


def alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(set(patterns), key=len, reverse=True))


def bounded(body: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _slots() -> dict[str, str]:
    """What a placeholder in a lay name may hold: {sev} only the writer's severity words (lay.yaml
    `severity_words`), so "may show narrowing" is not read as a severity "show"."""
    sev = knowledge.load().lay.get("severity_words") or {}
    plain = set(sev.get("plain", [])) | set((sev.get("values") or {}).values())
    # {effect}: a few words ending in a nerve, not "the opening where the nerve leaves"
    effect = (
        r"(?:(?!where\b|opening\b|canal\b|bundle\b)[\w()/-]+\s+){0,4}?(?:nerve|nerves|root|roots)"
    )
    # {adverb}: only the writer's adverbs ("mildly inflamed joints"), so "cannot rule out
    # inflamed joints" is not read as an adverb "out" (and its doubt lost)
    adverbs = set((sev.get("as_adverbs") or {}).values()) | set(sev.get("adverbs") or {})
    adverb = "(?:" + alternation(_literal(w) for w in adverbs) + ")" if adverbs else r"[\w-]+"
    sev = "(?:" + alternation(_literal(w) for w in plain) + ")" if plain else r"[\w-]+"
    return {"sev": sev, "effect": effect, "n": r"[1-5]", "adverb": adverb}


def _literal(name: str) -> str:
    """A name as a regular expression; {sev} in a name holds a severity word."""
    out = []
    for word in name.split():
        pieces = re.split(r"(\{[a-z_]+\})", word)
        out.append(
            "".join(
                _slots().get(p[1:-1], r"[\w-]+") if p.startswith("{") else re.escape(p)
                for p in pieces
                if p
            )
        )
    return r"\s+".join(out)


_ARTICLE = re.compile(r"^(?:a|an|the|some|signs of)\s+", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)")


def _lay_names(value: str) -> list[str]:
    """ "a dry disc (it has lost some water)" -> the whole, "dry disc (...)", "dry disc"; a short
    bracketed word such as "(extrusion)" is a name too."""
    names = [value, _ARTICLE.sub("", value)]
    bare = _BRACKET.sub("", value).strip()
    names += [bare, _ARTICLE.sub("", bare)]
    for inner in _BRACKET.findall(value):
        words = inner.split()
        if inner and len(words) <= 3 and words[0].lower() not in ("it", "they", "part", "grade"):
            names.append(inner)
    # a name is not a sentence ("The report thinks a spot in the bone{where} ...")
    return [n for n in names if n and "{where}" not in n and not n.rstrip().endswith(".")]


@dataclass(frozen=True)
class Words:
    concepts: dict[str, re.Pattern]  # the names that start with each letter
    owners: tuple[tuple[str, re.Pattern], ...]  # each concept's names
    causes: re.Pattern  # the writer's "the disc presses on": its finding is a cause
    certainty: dict[str, re.Pattern]
    breaks: re.Pattern
    sides: re.Pattern
    side_values: tuple[str, ...]
    change: re.Pattern
    change_values: tuple[str, ...]
    severity: re.Pattern
    severity_values: tuple[str, ...]
    severity_close: dict[str, tuple[str, ...]]
    grade: re.Pattern
    stronger: dict[str, tuple[str, ...]]
    not_final_said: re.Pattern
    final: re.Pattern
    prevalence: tuple[re.Pattern, ...]
    headings: dict[str, str]
    places: re.Pattern
    place_levels: dict[str, str]
    place_hint: re.Pattern
    fixed: tuple[re.Pattern, ...]  # the writer's fixed sentences: they add nothing to a finding
    likely_hedges: tuple[str, ...]


@lru_cache(maxsize=1)
def data() -> dict:
    raw, _ = knowledge._read("facts.yaml")
    knowledge._check_keys(
        raw,
        {
            "names",
            "stronger",
            "certainty",
            "clause_breaks",
            "sides",
            "change",
            "severity",
            "severity_close",
            "not_final",
            "examples",
        },
        {"names", "certainty", "clause_breaks", "sides", "change", "severity", "not_final"},
        "facts.yaml",
    )
    return raw


Name = tuple[str, frozenset[str] | None]  # a regular expression and the letters it starts with


def concept_names() -> dict[str, list[Name]]:
    """Every name of each concept, as regular expressions: the writer's and facts.yaml's."""
    kb = knowledge.load()
    lay = kb.lay
    names: dict[str, list[Name]] = {c: [] for c in kb.concepts}
    whole: dict[str, tuple[str, str]] = {}  # a writer's name as written: (concept, the name)
    derived: list[tuple[str, str]] = []
    for concept, entry in lay["concepts"].items():
        for key, value in entry.items():
            # a `noun` ("pressure", "bulge") refers back to a finding already named, and
            # `pressed` is what a finding presses on: neither names a finding by itself
            if isinstance(value, str) and key not in ("sev_before", "noun", "pressed"):
                forms = _lay_names(value)
                if len(forms) < 2:
                    continue  # a name with the structure it acts on: read without it
                for form in forms[:2]:
                    whole.setdefault(_literal(form), (concept, form))
                derived.extend((concept, n) for n in forms[2:])
    for regex, (concept, form) in whole.items():
        names.setdefault(concept, []).append((regex, _literal_starts(form)))
    for concept, name in derived:
        # "changes in the bone next to the disc (Modic changes)" without its bracket is another
        # finding's whole name too: the check takes the one the report has (_resolve)
        names.setdefault(concept, []).append((_literal(name), _literal_starts(name)))
    for concept, entry in lay["concepts"].items():
        # the writer's "the disc presses on the left S1 nerve": what presses on a nerve
        if re.search(r"\bnerve\b", str(entry.get("pressed", ""))):
            names[concept].append((r"(?:presses|press|pressing)\s+on\s+{effect}", frozenset("p")))
    for concept, value in (kb.prevalence.get("plural") or {}).items():
        names.setdefault(concept, []).extend(
            (_literal(n), _literal_starts(n)) for n in _lay_names(value)
        )
    for concept, forms in (lay.get("disc_group") or {}).get("items", {}).items():
        # "The disc ... shows wear", but not "shows wear of the spine"
        names.setdefault(concept, []).extend(
            (_literal(f) + r"(?!\s+of\b)", _literal_starts(f)) for f in forms
        )
    for concept, patterns in data()["names"].items():
        if concept not in kb.concepts:
            raise knowledge.KnowledgeError(f"facts.yaml names: unknown concept {concept!r}")
        names[concept].extend((pattern_regex(p), _pattern_starts(p)) for p in patterns)
    effect = _slots()["effect"]
    return {c: [(r.replace("{effect}", effect), st) for r, st in n] for c, n in names.items()}


def _templates(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "text" in value and isinstance(value["text"], str):
            return [value["text"]]
        return [t for v in value.values() for t in _templates(v)]
    if isinstance(value, list):
        return [t for v in value for t in _templates(v)]
    return []


def _template_regex(template: str) -> re.Pattern:
    pieces = _PLACEHOLDER.split(template.strip())
    body = ".+?".join(re.escape(p) for p in pieces)
    return re.compile(rf"^\s*{body}\s*$", re.IGNORECASE | re.DOTALL)


def _place_words() -> list[tuple[str, str]]:
    """(plain words, level) for every level the writer can name, longest first, by the writer's
    own place words (engine.places, or the writer before it)."""
    try:
        from .places import one_level
    except ImportError:  # the writer before engine.places
        from .writer import _one_level as one_level

    order = [f"T{n}" for n in range(10, 13)] + [f"L{n}" for n in range(1, 6)]
    order += [f"S{n}" for n in range(1, 4)]
    levels = list(order)
    levels += [f"{a}-{b}" for a, b in zip(order, order[1:], strict=False)]
    out = []
    for level in levels:
        try:
            words = one_level(level)
        except (KeyError, ValueError, AttributeError):
            continue
        out.append((words, level))
        bare = re.sub(r"^(?:between|in)\s+", "", words)
        if bare != words:
            out.append((bare, level))
    # words that name several places ("in your sacrum") name none: the code says which
    levels_of: dict[str, set[str]] = {}
    for words, level in out:
        levels_of.setdefault(words.lower(), set()).add(level)
    out = [(w, lv) for w, lv in out if len(levels_of[w.lower()]) == 1]
    return sorted(out, key=lambda x: len(x[0]), reverse=True)


@lru_cache(maxsize=1)
def words() -> Words:
    facts = data()
    kb = knowledge.load()
    lay = kb.lay
    names = concept_names()
    ids = tuple(names)
    # one alternation per first letter, longest name first, so that the longest name wins
    # wherever two start at the same place, and each word tries only the names it can start;
    # each concept's own alternation then says whose name it is
    every = [n for c in ids for n in names[c]]
    letters = {ch for _r, starts in every if starts for ch in starts}
    letters |= set("abcdefghijklmnopqrstuvwxyz0123456789")
    buckets = {
        ch: re.compile(
            rf"(?:{alternation(r for r, starts in every if starts is None or ch in starts)})" + END,
            re.IGNORECASE,
        )
        for ch in letters
    }
    owners = tuple(
        (c, re.compile(rf"(?:{alternation(r for r, _s in names[c])})" + END, re.IGNORECASE))
        for c in ids
        if names[c]
    )
    certainty = {
        kind: bounded(alternation(pattern_regex(p) for p in facts["certainty"][kind]))
        for kind in ("uncertain", "likely", "negated", "negated_after", "historical")
    }
    breaks = re.compile(
        "|".join(
            re.escape(b) if not b.isalpha() else rf"\b{re.escape(b)}\b"
            for b in facts["clause_breaks"]
        ),
        re.IGNORECASE,
    )

    def valued(rows) -> tuple[re.Pattern, tuple[str, ...]]:
        """One regex for a table of values: group v<i> is rows[i]'s value."""
        rows = list(rows)
        body = "|".join(f"(?P<v{i}>{alternation(regexes)})" for i, (_v, regexes) in enumerate(rows))
        return bounded(body), tuple(v for v, _r in rows)

    def table(entries) -> list[tuple[str, list[str]]]:
        return [(v, [pattern_regex(p) for p in patterns]) for v, patterns in entries.items()]

    severity_rows: dict[str, list[str]] = {}
    for entry in facts["severity"]:
        severity_rows.setdefault(entry["value"], []).append(pattern_regex(entry["pattern"]))
    for pattern, value in kb.severity:
        if "-" in pattern.split()[0] and len(pattern.split()) == 1:
            continue
        severity_rows.setdefault(value, []).append(pattern_regex(pattern))
    # the longer, combined values first: "mild to moderate" before "mild"
    severity, severity_values = valued(sorted(severity_rows.items(), key=lambda kv: -len(kv[0])))
    sides, side_values = valued(table(facts["sides"]))
    change, change_values = valued(table(facts["change"]))
    prevalence = tuple(
        _template_regex(t)
        for t in _templates(lay.get("prevalence", {}))
        if t.strip().endswith(".") and len(_PLACEHOLDER.sub("", t).split()) >= 3
    )
    headings = {}
    for key, heading in lay["headings"].items():
        headings[heading.strip().lower()] = key
    causes = [
        _literal(v)
        for v in ((lay.get("effects") or {}).get("causes") or {}).values()
        if isinstance(v, str)
    ]
    place_words = _place_words()
    places = re.compile(
        rf"(?<!\w)(?:{alternation(_literal(w) for w, _l in place_words)})(?!\w)"
        if place_words
        else r"(?!x)x",  # never matches
        re.IGNORECASE,
    )
    place_levels = {w.lower(): level for w, level in place_words}
    return Words(
        concepts=buckets,
        causes=bounded(alternation(causes)) if causes else re.compile(r"(?!x)x"),
        owners=owners,
        fixed=tuple(
            _template_regex(sentence)
            for key, entry in lay["fixed"].items()
            if key != "level_sentence"
            for text in _templates(entry)
            for sentence in _SENTENCE.split(text)
            if len(_PLACEHOLDER.sub("", sentence).split()) >= 3
        ),
        certainty=certainty,
        breaks=breaks,
        sides=sides,
        side_values=side_values,
        change=change,
        change_values=change_values,
        severity=severity,
        severity_values=severity_values,
        severity_close={k: tuple(v) for k, v in (facts.get("severity_close") or {}).items()},
        grade=re.compile(r"\bgrade\s+([1-5]|i{1,3}|iv|v)\b", re.IGNORECASE),
        stronger={k: tuple(v) for k, v in (facts.get("stronger") or {}).items()},
        not_final_said=bounded(alternation(pattern_regex(p) for p in facts["not_final"]["said"])),
        final=bounded(alternation(pattern_regex(p) for p in facts["not_final"]["final"])),
        prevalence=prevalence,
        headings=headings,
        places=places,
        place_levels=place_levels,
        place_hint=re.compile(r"\b(?:bones?|sacrum)\b", re.IGNORECASE),
        likely_hedges=tuple(w.lower() for w in lay["certainty"]["likely_words"]),
    )


# --- reading a patient text ---


@dataclass
class Mention:
    concept: str
    certainty: str  # present, likely, uncertain, negated, historical
    start: int
    end: int
    cause: bool = False  # named as what presses on the finding said ("the disc presses on ...")
    also: tuple[str, ...] = ()  # other findings the same words name, longest first


@dataclass
class Statement:
    """A sentence or list item naming findings, with what is said alongside."""

    section: str | None
    text: str
    mentions: list[Mention]
    levels: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    sizes: set[tuple[float, str]] = field(default_factory=set)
    severities: set[str] = field(default_factory=set)
    changes: set[str] = field(default_factory=set)
    counts: bool = True  # a statement of findings (not a prevalence line or a heading's text)
    loose_severities: set[str] = field(default_factory=set)

    def positive(self, concept: str) -> bool:
        return any(m.concept == concept and m.certainty in POSITIVE for m in self.mentions)

    def names(self, concept: str) -> bool:
        """The statement is about this finding, not only naming it as a cause."""
        return any(m.concept == concept and not m.cause for m in self.mentions)

    def certainty_of(self, concept: str) -> str | None:
        for m in self.mentions:
            if m.concept == concept and not m.cause:
                return m.certainty
        return None


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def certainties(text: str, mentions: list[tuple[str, int, int]], masked: str) -> list[str]:
    """Each mention's certainty from the cue words of its clause: doubt first, then negation
    (before it, or `negated_after` after it), then likelihood and the past."""
    if not mentions:
        return []
    w = words()
    cues = w.certainty
    doubt = [m.span() for m in cues["uncertain"].finditer(masked)]
    rest = mask(masked, doubt) if doubt else masked
    negations = [m.start() for m in cues["negated"].finditer(rest)]
    after = [m.start() for m in cues["negated_after"].finditer(rest)]
    likely = [m.start() for m in cues["likely"].finditer(rest)]
    past = [m.start() for m in cues["historical"].finditer(rest)]
    clauses = [0] + [m.end() for m in w.breaks.finditer(masked)] + [len(text) + 1]
    out = []
    for _concept, start, end in mentions:
        lo = max(b for b in clauses if b <= start)
        hi = min(b for b in clauses if b > start)
        # a name that says the doubt itself ("an area in the bone that needs more tests")
        if any(lo <= d < hi for d, _e in doubt) or cues["uncertain"].search(text[start:end]):
            out.append("uncertain")
        elif any(lo <= n < start for n in negations) or any(end <= n < hi for n in after):
            out.append("negated")
        elif any(lo <= n < hi for n in likely):
            out.append("likely")
        elif any(lo <= n < hi for n in past):
            out.append("historical")
        else:
            out.append("present")
    return out


@dataclass(frozen=True)
class Said:
    """What one sentence says, read once and cached (the engine's sentences repeat a lot)."""

    # concept, certainty, start, end, cause, other concepts the same words name
    mentions: tuple[tuple[str, str, int, int, bool, tuple[str, ...]], ...]
    levels: frozenset[str]
    sides: frozenset[str]
    sizes: frozenset[tuple[float, str]]
    severities: frozenset[str]
    loose_severities: frozenset[str]  # with the words of the names too ("a small tear")
    changes: frozenset[str]
    prevalence: bool  # a prevalence figure's sentence
    fixed: bool  # one of the writer's fixed sentences


@lru_cache(maxsize=1)
def _own_words() -> dict[str, frozenset[str]]:
    """The words of each concept's plain names in lay.yaml ("small" in "a small tear" is part
    of the name, not a severity)."""
    out = {}
    for concept, entry in knowledge.load().lay["concepts"].items():
        text = " ".join(str(entry.get(k, "")) for k in ("name", "plural", "short")).lower()
        out[concept] = frozenset(re.findall(r"[\w-]+", re.sub(r"\{[a-z_]+\}", " ", text)))
    return out


def _valued_in(pattern: re.Pattern, values: tuple[str, ...], text: str) -> tuple[set[str], str]:
    """Values whose words are in `text`, and the text with those words blanked."""
    found: set[str] = set()
    spans = []
    for match in pattern.finditer(text):
        found.add(values[int(match.lastgroup[1:])])
        spans.append(match.span())
    return found, mask(text, spans) if spans else text


@lru_cache(maxsize=8192)
def read_sentence(sentence: str) -> Said:
    w = words()
    found, also = _find_mentions(sentence)
    causes = [m.span() for m in w.causes.finditer(sentence)]
    masked = mask(sentence, [(s, e) for _c, s, e in found] + causes)
    said = certainties(sentence, found, masked)
    levels: set[str] = set()
    for mention in find_levels(masked):
        levels.update(mention.levels)
    lowered = masked
    if w.place_hint.search(lowered):
        for match in w.places.finditer(lowered):
            levels.add(w.place_levels[re.sub(r"\s+", " ", match.group(0).lower())])
        lowered = w.places.sub(" ", lowered)
    sides, lowered = _valued_in(w.sides, w.side_values, lowered)
    sizes = set()
    for match in _SIZE.finditer(sentence):
        unit = _unit(match.group(4))
        for number in match.group(1, 2, 3):
            if number:
                sizes.add(_size_key(float(number), unit))
    # the writer puts a severity word inside a finding's name ("a mild disc bulge", "a grade 1
    # slip"), which masking the name hides: read the words of the name that are not its own
    for concept, start, end in found:
        own = _own_words().get(concept, frozenset())
        inside = re.findall(r"[\w-]+", sentence[max(0, start - 8) : end].lower())
        lowered += " . " + " ".join(t for t in inside if t not in own)
    # change words first: "smaller than on your last scan" is a change, not a severity
    changes, lowered = _valued_in(w.change, w.change_values, lowered)
    severities = {f"grade-{_grade_number(m.group(1))}" for m in w.grade.finditer(lowered)}
    lowered = w.grade.sub(" ", lowered)
    more, lowered = _valued_in(w.severity, w.severity_values, lowered)
    _changes, unchanged = _valued_in(w.change, w.change_values, w.grade.sub(" ", sentence))
    loose, _rest = _valued_in(w.severity, w.severity_values, unchanged)
    return Said(
        mentions=tuple(
            (c, a, st, e, any(cs <= st and e <= ce for cs, ce in causes), also.get((st, e), ()))
            for (c, st, e), a in zip(found, said, strict=True)
        ),
        levels=frozenset(levels),
        sides=frozenset(sides),
        sizes=frozenset(sizes),
        severities=frozenset(severities | more),
        loose_severities=frozenset(severities | more | loose),
        changes=frozenset(changes),
        prevalence=any(p.match(sentence) for p in w.prevalence),
        fixed=any(p.match(sentence) for p in w.fixed),
    )


def _grade_number(word: str) -> str:
    return {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}.get(word.lower(), word)


def _size_key(value: float, unit: str) -> tuple[float, str]:
    if unit == "cm":
        return (round(value * 10, 1), "mm")
    return (round(value, 1), unit)


def _find_mentions(
    text: str,
) -> tuple[list[tuple[str, int, int]], dict[tuple[int, int], tuple[str, ...]]]:
    """(concept, start, end) of each finding named, the longest name at each place; and, by
    place, the other findings the same words name ("changes in the bone next to the disc")."""
    w = words()
    found = []
    also: dict[tuple[int, int], tuple[str, ...]] = {}
    end = 0
    for start in _WORD_START.finditer(text):
        if start.start() < end:
            continue
        bucket = w.concepts.get(text[start.start()].lower())
        if bucket is None or bucket.match(text, start.start()) is None:
            continue
        owners = []
        for concept, pattern in w.owners:
            own = pattern.match(text, start.start())
            if own is not None:
                owners.append((own.end(), concept))
        if not owners:
            continue
        longest = max(e for e, _c in owners)
        names = [c for e, c in owners if e == longest]
        found.append((names[0], start.start(), longest))
        if len(names) > 1:
            also[(start.start(), longest)] = tuple(names[1:])
        end = longest
    return found, also


def parts_of(patient_text) -> list[tuple[str | None, list[str]]]:
    """(section key, paragraphs) from a plain text (headings on their own lines) or from a list of
    sections ({key, heading, paragraphs} dicts or objects)."""
    w = words()
    if isinstance(patient_text, str):
        parts: list[tuple[str | None, list[str]]] = [(None, [])]
        for line in patient_text.splitlines():
            line = line.strip()
            if not line:
                continue
            key = w.headings.get(line.lower())
            if key is not None:
                parts.append((key, []))
            else:
                parts[-1][1].append(line)
        return [p for p in parts if p[1]]
    parts = []
    for section in patient_text:
        get = section.get if isinstance(section, dict) else lambda k, s=section: getattr(s, k, None)
        key = get("key") or w.headings.get((get("heading") or "").strip().lower())
        parts.append((key, list(get("paragraphs") or [])))
    return parts


def sentences_of(text: str) -> list[str]:
    """A plain text's sentences, line by line, list marks dropped."""
    out = []
    for line in text.splitlines():
        for sentence in _SENTENCE.split(line.strip().removeprefix("- ")):
            if sentence.strip():
                out.append(sentence.strip())
    return out


def statements(patient_text, *, conclusion: bool = False) -> list[Statement]:
    """Every sentence or list item of the text, with the findings it names and what goes with
    them. A sentence that names no finding, or names again the finding just said ("The bulge
    at L4-L5 measures 7 mm."), adds its places and words to the statement before it, in the
    same paragraph; a line "At L4-L5, the scan shows:" gives its place to the list below it."""
    out: list[Statement] = []
    for key, paragraphs in parts_of(patient_text):
        if key in SKIPPED_SECTIONS:
            continue
        block_levels: set[str] = set()
        for paragraph in paragraphs:
            item = paragraph.lstrip().startswith("- ")
            if not item:
                block_levels = set()
            previous: Statement | None = None
            for sentence in _SENTENCE.split(paragraph.strip().removeprefix("- ")):
                sentence = sentence.strip()
                if not sentence:
                    continue
                said = read_sentence(sentence)
                statement = Statement(
                    key,
                    sentence,
                    [Mention(*m) for m in said.mentions],
                    set(said.levels),
                    set(said.sides),
                    set(said.sizes),
                    set(said.severities),
                    set(said.changes),
                    key in STATEMENT_SECTIONS and not said.prevalence,
                    set(said.loose_severities),
                )
                if previous is not None and _alternative(sentence):
                    # what the spot just named may be: the names of that spot said again in
                    # plain words ("a fluid sac (cyst)" after "a lump") are not a second finding
                    named = {m.concept for m in previous.mentions}
                    statement.mentions = [m for m in statement.mentions if m.concept not in named]
                if (
                    not statement.mentions
                    or _refers_back(statement, previous)
                    or _described_line(sentence)
                ):
                    if sentence.endswith(":") and statement.levels and not said.mentions:
                        block_levels = set(statement.levels)  # "At L4-L5, the scan shows:"
                    elif previous is not None and not said.fixed:
                        _merge_into(previous, statement)
                    out.append(Statement(key, sentence, [], counts=False))
                    continue
                if item and not statement.levels:
                    statement.levels |= block_levels
                if previous is not None and re.match(
                    r"(?:It|They) (?:is|are|puts|put)\b|The report (?:thinks|says) it\b", sentence
                ):
                    # "The scan shows a disc protrusion on the left at L5-S1. It is pressing on
                    # the S1 nerve.": what it presses is at its place; "The report says it may
                    # be a clump of blood vessels in a bone (haemangioma).": the spot just named
                    statement.levels |= set() if statement.levels else previous.levels
                out.append(statement)
                previous = statement
    return out


def _abscess(text: str) -> bool:
    return bool(re.search(r"absc", text, re.IGNORECASE))


def _alternative(sentence: str) -> bool:
    """ "The report thinks it is most likely a fluid sac (cyst).": what the report thinks the
    spot just named is (lay.yaml `lesion_alternative_*`)."""
    return sentence.startswith(_alternative_openings())


@lru_cache(maxsize=1)
def _alternative_openings() -> tuple[str, ...]:
    return tuple(
        entry["text"].split("{", 1)[0]
        for key, entry in knowledge.load().lay["fixed"].items()
        if key.startswith("lesion_alternative_")
    )


def _described_line(sentence: str) -> bool:
    """ "The report also notes a pocket of clear fluid where you had the operation." (lay.yaml
    `described`): something no finding id names, not a finding of its own; and "The report says
    blood tests may help if there is a worry about infection." (lay.yaml `tests_when`): the
    condition of a test, not a finding."""
    if any(
        pattern.fullmatch(sentence) or sentence in says for pattern, says in _described_patterns()
    ):
        return True
    return bool(CONDITIONAL_TESTS.fullmatch(sentence))


@lru_cache(maxsize=1)
def _described_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Each lay.yaml `described` line as a pattern, its `{where}` any place ("at L4 on the
    left"), compiled once."""
    return tuple(
        (
            re.compile(".*?".join(re.escape(part) for part in entry["says"].split("{where}"))),
            entry["says"],
        )
        for entry in knowledge.load().lay.get("described") or ()
        if entry.get("says")
    )


def _refers_back(statement: Statement, previous: Statement | None) -> bool:
    """ "The extrusion at L4-L5 measures 8 mm." or "The change from surgery at L4 measures 2 mm."
    after the sentence that named it."""
    text = statement.text.lower()
    if previous is None or not text.startswith("the "):
        return False
    if text.startswith(("the scan", "the report")):
        return False
    return all(m.certainty == "present" for m in statement.mentions) and {
        m.concept for m in statement.mentions
    } <= {m.concept for m in previous.mentions}


def _merge_into(target: Statement, extra: Statement) -> None:
    target.levels |= extra.levels
    target.sides |= extra.sides
    target.sizes |= extra.sizes
    target.severities |= extra.severities
    target.loose_severities |= extra.loose_severities
    target.changes |= extra.changes


# --- what the report says: one record per finding per place (engine.merge) ---


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


STATED = ("present", "uncertain")
STRENGTH = {"present": 3, "likely": 2, "uncertain": 1}


def _said_certainty(record) -> str:
    """The record's certainty as the patient text says it: present, likely, uncertain, ..."""
    if record.certainty != "uncertain":
        return record.certainty
    hedge = (record.hedge or "").lower()
    likely = words().likely_hedges
    return "likely" if hedge in likely or hedge.split(" ")[0] in likely else "uncertain"


def _size_keys(record) -> list[tuple[tuple[float, str], str]]:
    out = []
    for size in record.sizes:
        value, unit = _get(size, "value"), _get(size, "unit")
        if value is not None and unit:
            out.append((_size_key(float(value), unit), _get(size, "text") or f"{value} {unit}"))
    return out


def _touches(a: Iterable[str], b: Iterable[str]) -> bool:
    return bool(set(a) & set(b))


def _near(s: Statement, levels: Iterable[str]) -> bool:
    levels = tuple(levels)
    return not s.levels or not levels or _touches(s.levels, levels)


def _name(concept: str) -> str:
    return concept.replace("_", " ")


def _codes(levels: Iterable[str]) -> str:
    return ", ".join(sort_levels(levels))


def _at(levels: Iterable[str]) -> str:
    levels = tuple(levels)
    return f" at {_codes(levels)}" if levels else ""


def _where(statement: Statement) -> str:
    text = statement.text if len(statement.text) <= 90 else statement.text[:87] + "..."
    return f'"{text}"'


def records_of(reading) -> list:
    """The report's findings merged into records (engine.merge), once per reading: the summary
    and the conclusion are checked against the same records."""
    findings = tuple(f for f in _get(reading, "findings", ()) or () if _get(f, "concept"))
    try:
        return _merged(findings)
    except TypeError:  # findings from stored JSON are not hashable
        from .merge import merge

        return merge(list(findings))


@lru_cache(maxsize=64)
def _merged(findings: tuple) -> list:
    from .merge import merge

    return merge(list(findings))


# --- the check ---


def check(reading, patient_text, *, conclusion: bool = False) -> list[Problem]:
    """Problems of the fact check with `patient_text` (the summary as sections or plain text with
    its headings, the conclusion, or a GP's edit of either) against the report's reading.
    `conclusion`: the text is the appended conclusion, which names only urgent and discuss
    findings one by one."""
    said = statements(patient_text, conclusion=conclusion)
    records = records_of(reading)
    _resolve(said, {r.concept for r in records})
    body = [s for s in said if s.counts]
    problems: list[Problem] = []
    problems += _not_final(reading, said, conclusion)
    problems += _repeated_sentences(said)
    problems += _missing(records, body, conclusion, _get(reading, "text", "") or "")
    problems += _both_ways(body)
    problems += _against_report(records, said, _get(reading, "text", "") or "")
    return unique_problems(problems)


def _resolve(said: list[Statement], reported: set[str]) -> None:
    """Words that name two findings name the one the report has."""
    for s in said:
        for m in s.mentions:
            if m.also and m.concept not in reported:
                m.concept = next((c for c in m.also if c in reported), m.concept)


def _not_final(reading, said: list[Statement], conclusion: bool) -> list[Problem]:
    if _get(reading, "document") != "preliminary":
        return []
    w = words()
    out = []
    for s in said:
        masked = w.not_final_said.sub(" ", s.text)
        if w.final.search(masked) and not re.search(r"\bnot\b", masked, re.IGNORECASE):
            out.append(
                Problem(
                    "not_final",
                    f"{_where(s)} presents the report as final, but it is preliminary.",
                    s.section,
                )
            )
    if not any(w.not_final_said.search(s.text) for s in said):
        out.append(
            Problem(
                "not_final",
                "The report is not final (preliminary or to follow); the text must say that the "
                "full report is still to come and the summary may change.",
                None if conclusion else "looked_at",
            )
        )
    return out


def _repeated_sentences(said: list[Statement]) -> list[Problem]:
    seen: set[tuple[str, frozenset[str]]] = set()
    out = []
    for s in said:
        text = re.sub(r"\W+", " ", s.text).strip().lower()
        if len(text.split()) < 3:
            continue
        key = (text, frozenset(s.levels))  # "- a disc bulge" under two levels is two things
        if key in seen:
            out.append(Problem("stated_twice", f"{_where(s)} is said twice.", s.section))
        seen.add(key)
    return out


def _required(record, conclusion: bool) -> bool:
    if record.certainty not in STATED:
        return False
    # a finding outside the spine is named by its organ and kind, which the check does not read
    # (a tested one takes a higher tier: report._tested_incidentals)
    if record.concept == "incidental_finding":
        return False
    if conclusion:
        return record.tier in ("urgent", "discuss")
    return record.tier != "minor"


def _home(record, conclusion: bool) -> str | None:
    if conclusion:
        return None
    follow = record.tier == "urgent" or record.concept in FOLLOW_UP
    return "follow_up" if follow else "found"


def _missing(records, body: list[Statement], conclusion: bool, text: str) -> list[Problem]:
    """Each finding the text must keep, with its level, side, size, severity and change (a side
    written on one of its several bones is that bone's: statements.side_of_one_place)."""
    from .statements import side_of_one_place

    out: list[Problem] = []
    w = words()
    for r in records:
        if not _required(r, conclusion):
            continue
        stated = [s for s in body if s.positive(r.concept)]
        if not stated:
            out.append(
                Problem(
                    "finding_missing",
                    f"The report's {_name(r.concept)}{_at(r.levels)} is not in the text.",
                    _home(r, conclusion),
                )
            )
            continue
        said_levels = set().union(*(s.levels for s in stated))
        known = {lv for o in records if o.concept == r.concept for lv in o.levels}
        for level in r.levels:
            if level not in said_levels:
                other = said_levels - known
                out.append(
                    Problem(
                        "level_missing",
                        f"The text does not give {level} for the {_name(r.concept)}"
                        + (f"; it says {_codes(other)}." if other else "."),
                        stated[0].section,
                    )
                )
        # its own statements, not those naming it only as what presses on another finding
        own = [s for s in stated if s.names(r.concept)] or stated
        near = [s for s in own if _near(s, r.levels)] or own
        section = near[0].section
        sides = set().union(*(s.sides for s in near))
        if r.side and not _side_said(r.side, sides) and not side_of_one_place(r, text):
            out.append(
                Problem(
                    "side_missing",
                    f"The report gives the {_name(r.concept)}{_at(r.levels)} "
                    f"{_side_words(r.side)}"
                    + (
                        f"; the text says {', '.join(_side_words(x) for x in sorted(sides))}."
                        if sides
                        else "; the text does not."
                    ),
                    section,
                )
            )
        if conclusion:
            continue
        sizes = set().union(*(s.sizes for s in near))
        for key, text in _size_keys(r):
            if key not in sizes:
                out.append(
                    Problem(
                        "size_missing",
                        f"The text does not give the size {text} of the "
                        f"{_name(r.concept)}{_at(r.levels)}.",
                        section,
                    )
                )
        severities = set().union(*(s.loose_severities for s in near))
        if r.severity and not _severity_said(r.severity, severities, w):
            out.append(
                Problem(
                    "severity_missing",
                    f"The report calls the {_name(r.concept)}{_at(r.levels)} "
                    f"{r.severity_text or r.severity}"
                    + (
                        f"; the text says {', '.join(sorted(severities))}."
                        if severities
                        else "; the text does not say how bad it is."
                    ),
                    section,
                )
            )
        changes = set().union(*(s.changes for s in near))
        # "... fracture ..., which is new since your last scan. ... It is pressing on the sac":
        # what it presses on is as new as what presses, said once with the cause
        changes |= {
            c
            for o in records
            if r.cause and o.concept == r.cause and o.change == r.change
            for s in body
            if s.positive(o.concept)
            for c in s.changes
        }
        if r.change and r.change not in changes:
            out.append(
                Problem(
                    "change_missing",
                    f"The report says the {_name(r.concept)}{_at(r.levels)} is {r.change} "
                    "since an earlier scan"
                    + (
                        f"; the text says {', '.join(sorted(changes))}."
                        if changes
                        else "; the text does not."
                    ),
                    section,
                )
            )
    return out


def _side_words(side: str) -> str:
    return "on both sides" if side == "bilateral" else f"on the {side}"


def _side_said(side: str, sides: set[str]) -> bool:
    if side in sides:
        return True
    return side == "bilateral" and {"left", "right"} <= sides


def _severity_said(severity: str, said: set[str], w: Words) -> bool:
    if severity in said:
        return True
    if severity.startswith("grade"):
        return False
    close = set(w.severity_close.get(severity, ()))
    return bool(close & said) or any(severity in w.severity_close.get(s, ()) for s in said)


def _both_ways(body: list[Statement]) -> list[Problem]:
    """One finding at one place said in two statements: twice, or both ways."""
    out = []
    for i, later in enumerate(body):
        for m in later.mentions:
            if m.cause:
                continue
            for earlier in body[:i]:
                first = earlier.certainty_of(m.concept)
                if first is None or "historical" in (first, m.certainty):
                    continue  # the past and now are two things ("cancer in the past", "not cancer")
                same_place = earlier.levels == later.levels or _touches(
                    earlier.levels, later.levels
                )
                same_side = not earlier.sides or not later.sides or earlier.sides == later.sides
                if not (same_place and same_side):
                    continue
                # two collections measured apart are two things (an epidural abscess 11 mm thick
                # and a 2.6 cm psoas abscess at L2-L3)
                if earlier.sizes and later.sizes and not earlier.sizes & later.sizes:
                    continue
                # an infected disc and an abscess beside it are two things (merge.py)
                if m.concept == "infection" and _abscess(earlier.text) != _abscess(later.text):
                    continue
                if (first == "negated") != (m.certainty == "negated"):
                    out.append(
                        Problem(
                            "contradiction",
                            f"The text says the {_name(m.concept)} is there and is not there: "
                            f"{_where(earlier)} and {_where(later)}.",
                            later.section,
                        )
                    )
                else:
                    how = "" if first == m.certainty else f" ({first}, then {m.certainty})"
                    out.append(
                        Problem(
                            "stated_twice",
                            f"The {_name(m.concept)} is said twice{how}: {_where(earlier)} and "
                            f"{_where(later)}.",
                            later.section,
                        )
                    )
                break
    return out


def _against_report(records, said: list[Statement], text: str) -> list[Problem]:
    """What the text says that the report does not: findings, places, sides, sizes, severity and
    change, a certainty other than the report's, and findings the report rules out."""
    w = words()
    out: list[Problem] = []
    by_concept: dict[str, list] = {}
    for r in records:
        by_concept.setdefault(r.concept, []).append(r)
    report_sizes = {
        _size_key(float(m.group(n)), _unit(m.group(4)))
        for m in _SIZE.finditer(text)
        for n in (1, 2, 3)
        if m.group(n)
    }
    # a cause of unstated nature ("a soft tissue lesion compressing the thecal sac") may be named
    # in plain words as what presses ("a lump presses on ..."): not a finding of its own
    unnamed_cause = any(getattr(r, "cause", None) == "unexplained" for r in records)
    for s in said:
        if not s.counts and (
            s.section == "prevalence" or any(p.match(s.text) for p in w.prevalence)
        ):
            continue  # figures for findings the text has already stated
        for m in s.mentions:
            known = by_concept.get(m.concept, [])
            stated = [r for r in known if r.certainty in STATED]
            if m.certainty == "negated":
                # "did not show a new broken bone" beside an old one the report rules a new
                # one out beside ("Old L1 fracture. No new fracture."), or "any other broken
                # bone" beside the one it describes ("No lumbar vertebral fracture.")
                newly = re.search(r"\b(?:new|other)\b", s.text, re.I) and any(
                    f.assertion == "negated" for r in known for f in getattr(r, "mentions", ())
                )
                # "The scan no longer shows the pocket of pus (psoas abscess)." beside a healing
                # discitis: what the report says has gone, beside what is still there
                gone = re.search(r"\bno longer\b", s.text, re.I) and any(
                    getattr(r, "certainty", None) == "negated"
                    and getattr(r, "change", None) == "resolved"
                    for r in known
                )
                # "The scan did not show a pocket of pus (abscess)." beside a possible discitis:
                # the abscess the report rules out ("No epidural or paravertebral abscess.")
                no_abscess = re.search(r"\b(?:abscess|pus)\b", s.text, re.I) and any(
                    f.assertion == "negated" and _abscess(f.text)
                    for r in known
                    for f in getattr(r, "mentions", ())
                )
                if s.counts and not newly and not gone and not no_abscess:
                    out += _negated_against(stated, m, s)
                continue
            if not known:
                if m.cause and unnamed_cause:
                    continue
                out.append(
                    Problem(
                        "invented",
                        f"{_where(s)} names {_name(m.concept)}, which the report does not "
                        "describe.",
                        s.section,
                    )
                )
                continue
            if (
                m.concept == "postoperative_change"
                or not s.counts
                or m.certainty == "historical"
                or m.cause
            ):
                continue
            if not stated:
                ruled_out = any(r.certainty in ("negated", "benign") for r in known)
                out.append(
                    Problem(
                        "contradiction" if ruled_out else "invented",
                        f"{_where(s)} states {_name(m.concept)}, which the report "
                        + ("rules out." if ruled_out else "mentions only in the past."),
                        s.section,
                    )
                )
                continue
            here = [r for r in stated if _near(s, r.levels)] or stated
            # the record said here: at the same levels and on a side that does not conflict
            exact = [
                r
                for r in here
                if set(r.levels) == s.levels
                and (not r.side or not s.sides or _side_said(r.side, s.sides))
            ]
            here = exact or here
            if m.concept == "infection":
                # the abscess the statement names, or the infection that is not one
                kind = [
                    r
                    for r in here
                    if any(_abscess(f.text) for f in getattr(r, "mentions", ())) == _abscess(s.text)
                ]
                here = kind or here
            out += _certainty_against(here, m, s)
        out += _place_against(by_concept, s, report_sizes)
    out += _stronger_than_report(by_concept, said)
    return out


def _unit(raw: str) -> str:
    raw = raw.lower()
    if raw.startswith("mil"):
        return "mm"
    if raw.startswith("cen"):
        return "cm"
    if raw.startswith("per"):
        return "%"
    return raw


def _negated_against(stated, m: Mention, s: Statement) -> list[Problem]:
    for r in stated:
        if _near(s, r.levels):
            return [
                Problem(
                    "contradiction",
                    f"{_where(s)} says there is no {_name(m.concept)}, but the report describes "
                    + (f"one at {_codes(r.levels)}." if r.levels else "one."),
                    s.section,
                )
            ]
    return []


def _certainty_against(here, m: Mention, s: Statement) -> list[Problem]:
    strongest = max((_said_certainty(r) for r in here), key=lambda c: STRENGTH.get(c, 0))
    said = m.certainty
    if said == strongest or said not in STRENGTH:
        return []
    if STRENGTH[said] > STRENGTH.get(strongest, 0):
        detail = (
            f"{_where(s)} states the {_name(m.concept)} more surely than the report, which "
            f"says it is {'likely' if strongest == 'likely' else 'possible'}."
        )
    else:
        detail = f"{_where(s)} hedges the {_name(m.concept)}, but the report " + (
            "states it." if strongest == "present" else "says it is likely."
        )
    return [Problem("contradiction", detail, s.section)]


def _place_against(by_concept, s: Statement, report_sizes) -> list[Problem]:
    """Places, sides, sizes, severity words and change words the report does not give for the
    findings the statement names."""
    if not s.counts:
        return []
    concepts = {m.concept for m in s.mentions if m.certainty in POSITIVE}
    # a side, severity or size said of what a cause presses on may be that finding's alone
    concepts |= {m.concept for m in s.mentions if m.cause}
    records = [r for c in concepts for r in by_concept.get(c, [])]
    if not records:
        return []
    out = []
    levels = {lv for r in records for lv in r.levels}
    extra = s.levels - levels
    # "The report says it may be a clump of blood vessels in a bone (haemangioma)." after the
    # spot at L4: a reading the report gives with no place of its own is the spot's (round 46)
    if not levels and _alternative(s.text):
        extra = set()
    if extra:
        # a place the report gives for none of these findings (level_missing names the one it
        # replaced, if any)
        out.append(
            Problem(
                "invented",
                f"{_where(s)} gives {_codes(extra)}, a place the report does not give for it.",
                s.section,
            )
        )
    sides = {r.side for r in records} - {None}
    extra_sides = {x for x in s.sides if not _side_said(x, sides)}
    if "bilateral" in sides:
        extra_sides -= {"left", "right"}
    if extra_sides and not sides:
        out.append(
            Problem(
                "invented",
                f"{_where(s)} gives a side ({', '.join(sorted(extra_sides))}) the report does "
                "not give.",
                s.section,
            )
        )
    if s.sizes - report_sizes:
        out.append(
            Problem("invented", f"{_where(s)} gives a size the report does not give.", s.section)
        )
    if s.severities and not any(r.severity for r in records):
        out.append(
            Problem(
                "invented",
                f"{_where(s)} says how bad it is ({', '.join(sorted(s.severities))}); the report "
                "does not.",
                s.section,
            )
        )
    if s.changes and not any(r.change for r in records):
        out.append(
            Problem(
                "invented",
                f"{_where(s)} says it has changed ({', '.join(sorted(s.changes))}); the report "
                "does not compare it with an earlier scan.",
                s.section,
            )
        )
    return out


def _stronger_than_report(by_concept, said: list[Statement]) -> list[Problem]:
    """ "Pressure on a nerve" where the report has the root abutted, not impinged."""
    out = []
    for s in said:
        if not s.counts:
            continue
        for m in s.mentions:
            if m.certainty not in POSITIVE:
                continue
            mine = [r for r in by_concept.get(m.concept, []) if r.certainty in STATED]
            for weaker in words().stronger.get(m.concept, ()):
                theirs = [r for r in by_concept.get(weaker, []) if r.certainty in STATED]
                if theirs and not mine:
                    out.append(
                        Problem(
                            "contradiction",
                            f"{_where(s)} says {_name(m.concept)}; the report says only "
                            f"{_name(weaker)}.",
                            s.section,
                        )
                    )
    return out


# --- sections for the safety checker's problems ---

_QUOTED = re.compile(r'"([^"]+)"')


def place(problems: Iterable[Problem], patient_text, *, conclusion: bool = False) -> list[Problem]:
    """The safety checker's problems with the section each concerns: an urgent finding or
    danger line missing belongs under follow-up; a phrase or sentence, where it is written."""
    import dataclasses

    parts = [] if conclusion else parts_of(patient_text)
    out = []
    for p in problems:
        if p.section is not None or conclusion:
            out.append(p)
            continue
        section = None
        if p.kind in ("urgent_missing", "unexplained_content"):
            section = "follow_up"
        else:
            quoted = _QUOTED.findall(p.detail)
            needle = quoted[0] if quoted else p.detail.split(": ", 1)[-1]
            for key, paragraphs in parts:
                if any(needle in para for para in paragraphs):
                    section = key
                    break
        out.append(dataclasses.replace(p, section=section))
    return out


def problems() -> list[str]:
    """Problems with facts.yaml beyond loading: names that compile, concepts that exist, no name
    of facts.yaml given to two concepts (words of lay.yaml that name two are read as the one the
    report has), and the examples read as written."""
    out = []
    try:
        w = words()
    except (re.error, knowledge.KnowledgeError) as error:
        return [f"facts.yaml: {error}"]
    owners: dict[str, str] = {}
    for concept, patterns in data()["names"].items():
        for name in patterns:
            if owners.get(name, concept) != concept:
                out.append(f"facts.yaml: the name {name!r} is both {owners[name]} and {concept}")
            owners.setdefault(name, concept)
    for sentence, expected in data().get("examples") or []:
        said = statements(sentence)
        got = [[m.concept, m.certainty] for s in said for m in s.mentions]
        if got != [list(e) for e in expected]:
            out.append(f"facts.yaml example {sentence!r}: read as {got}, expected {expected}")
    del w
    return out
