"""The safety checker: one function for the engine's texts and for whatever a GP types.

Given a reading (findings and unexplained sentences) and a patient text, it returns problems:
an urgent finding the text no longer names, a reassuring phrase beside an urgent finding or
dangerous unexplained content, a finding the report ruled out stated as present, a causal claim,
treatment advice, unexplained danger content left unmentioned, and body sentences above grade 8
that are not fixed safety sentences. It reads lay wording ("broken bone", "growth", "pressure on
the nerves") with the fact check's cue words, so "no sign of a broken bone" is negated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge, readability

HARD_GRADE = 8.0
SERIOUS = ("extraspinal_mass",)


@dataclass(frozen=True)
class Problem:
    kind: str
    detail: str
    section: str | None = None  # key of the summary section it concerns (docs/contract.md)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "detail": self.detail, "section": self.section}


@lru_cache(maxsize=1)
def _regexes() -> tuple[tuple[tuple[str, re.Pattern], ...], dict[str, re.Pattern]]:
    """lay.yaml's checker words, compiled once into regular expressions (no spaCy run over the
    patient text: checking must cost little beside writing)."""
    from .facts import alternation, bounded, pattern_regex

    checker = knowledge.load().lay["checker"]
    mentions = tuple(
        (concept, bounded(alternation(pattern_regex(p) for p in patterns)))
        for concept, patterns in checker["mentions"].items()
    )
    phrases = {
        kind: bounded(alternation(pattern_regex(p) for p in checker[kind]))
        for kind in ("reassurance", "causal", "treatment")
    }
    return mentions, phrases


def _mentions(text: str) -> list[tuple[str, str, str]]:
    """(concept, words, assertion) for each red-flag mention in a lay text, its assertion read
    by the fact check's cue words, sentence by sentence ("no sign of a broken bone" is
    negated)."""
    from .facts import sentences_of

    return [m for sentence in sentences_of(text) for m in _sentence_mentions(sentence)]


@lru_cache(maxsize=8192)
def _sentence_mentions(sentence: str) -> tuple[tuple[str, str, str], ...]:
    """One sentence's red-flag mentions, read once: the engine's sentences repeat a lot."""
    from .facts import certainties, mask

    spans = [
        (concept, m.start(), m.end())
        for concept, regex in _regexes()[0]
        for m in regex.finditer(sentence)
    ]
    if not spans:
        return ()
    masked = mask(sentence, [(s, e) for _c, s, e in spans])
    return tuple(
        (concept, sentence[s:e], "uncertain" if said == "likely" else said)
        for (concept, s, e), said in zip(spans, certainties(sentence, spans, masked), strict=True)
    )


def _phrases(kind: str, text: str) -> list[str]:
    return [p for line in text.splitlines() for p in _line_phrases(kind, line)]


@lru_cache(maxsize=8192)
def _line_phrases(kind: str, line: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _regexes()[1][kind].finditer(line))


@lru_cache(maxsize=8192)
def _grade(sentence: str) -> float:
    return readability.grade(sentence)


def stated_normals() -> frozenset[str]:
    """The writer's lines for normals a report states ("The spinal cord looks normal."), and for
    what the report itself reads as benign."""
    lay = knowledge.load().lay
    lines = {entry["text"] for entry in lay.get("normal_structures", ())}
    if "normals_other" in lay["fixed"]:
        lines.add(lay["fixed"]["normals_other"]["text"])
    # the report's own benign reading said plainly ("A bone island is a harmless spot ...")
    lines |= {e["text"] for e in lay["fixed"].values() if isinstance(e, dict) and e.get("stated")}
    return frozenset(lines)


CONDITIONAL_TESTS = re.compile(r"The report says [^.]* may help if [^.]*\.")


def check(reading, body: str, safety_sentences=frozenset(), normal_sentences=None) -> list[Problem]:
    """Problems with a patient text `body` (the summary before "Words in your report", or the
    conclusion, or a GP's edit of either) against the report's reading. `normal_sentences` are
    normals the report states ("The spinal cord looks normal.", by default the writer's lines for
    them): neither reassurance nor a mention of a finding."""
    problems: list[Problem] = []
    if normal_sentences is None:
        normal_sentences = stated_normals()
    plain = body
    for sentence in normal_sentences:
        plain = plain.replace(sentence, "")
    # "The report says blood tests may help if there is a worry about infection.": the condition
    # of a test names what the test would look for, not a finding
    plain = CONDITIONAL_TESTS.sub("", plain)
    mentions = _mentions(plain)
    said = {(c, a) for c, _w, a in mentions}

    # a finding raised to urgent by its cause ("a haematoma flattening the sac") is named
    # through its cause, as `urgent` lists it
    tiers = {c.id: c.tier for c in knowledge.load().concepts.values()}
    wanted = sorted(
        {
            f.concept if tiers[f.concept] == "urgent" or f.concept in SERIOUS else f.cause
            for f in reading.findings
            if (f.tier == "urgent" or f.concept in SERIOUS)
            and f.assertion in ("present", "uncertain")
            and (tiers[f.concept] == "urgent" or f.concept in SERIOUS or f.cause in tiers)
        }
    )
    for concept in wanted:
        if not ({(concept, "present"), (concept, "uncertain")} & said):
            problems.append(Problem("urgent_missing", f"The text no longer mentions {concept}."))

    danger = [u for u in reading.unexplained if u.danger]
    if wanted or danger:
        for phrase in _phrases("reassurance", plain):
            problems.append(
                Problem(
                    "reassurance_with_urgent",
                    f'"{phrase}" reassures, but the report has '
                    + ("an urgent finding." if wanted else "content that needs explaining."),
                )
            )

    shown = {f.concept for f in reading.findings if f.assertion != "negated"}
    ruled_out = {f.concept for f in reading.findings if f.assertion == "negated"} - shown
    for concept, words, assertion in mentions:
        if concept in ruled_out and assertion in ("present", "uncertain"):
            problems.append(
                Problem(
                    "negated_as_present",
                    f'"{words}" reads as present, but the report rules out {concept}.',
                )
            )

    for phrase in _phrases("causal", body):
        problems.append(Problem("causal_claim", f'"{phrase}" claims a cause.'))
    for phrase in _phrases("treatment", body):
        problems.append(Problem("treatment_advice", f'"{phrase}" gives treatment advice.'))

    if danger and not _mentions_unexplained(body):
        problems.append(
            Problem(
                "unexplained_content",
                "The report holds content the engine could not explain; the text must say the "
                "GP will explain it.",
            )
        )

    for sentence in readability.sentences(body):
        if _grade(sentence) > HARD_GRADE and not any(sentence in s for s in safety_sentences):
            problems.append(
                Problem(
                    "hard_sentence",
                    f"Grade {_grade(sentence)}: {sentence}",
                )
            )
    return unique_problems(problems)


def _mentions_unexplained(body: str) -> bool:
    lowered = body.lower()
    return "gp will explain" in lowered or "doctor will explain" in lowered


def unique_problems(problems) -> list[Problem]:
    """Problems in order, each (kind, detail) once; the fact check uses it too."""
    seen, out = set(), []
    for p in problems:
        if (p.kind, p.detail) not in seen:
            seen.add((p.kind, p.detail))
            out.append(p)
    return out
