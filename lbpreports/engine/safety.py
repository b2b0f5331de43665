"""The safety checker: one function for the engine's texts and for whatever a GP types.

Given a reading (findings and unexplained sentences) and a patient text, it returns problems:
an urgent finding the text no longer names, a reassuring phrase beside an urgent finding or
dangerous unexplained content, a finding the report ruled out stated as present, a causal claim,
treatment advice, unexplained danger content left unmentioned, and body sentences above grade 8
that are not fixed safety sentences. It reads lay wording ("broken bone", "growth", "pressure on
the nerves") through the same context rules as reports, so "no sign of a broken bone" is negated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import knowledge, pipeline, readability
from .context import assert_target, cues_in
from .matcher import TokenMatcher as Matcher
from .sections import Section, split_sentences

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
def _matchers():
    checker = knowledge.load().lay["checker"]
    vocab = pipeline.nlp().vocab
    mentions, concepts = Matcher(vocab), []
    for concept, patterns in checker["mentions"].items():
        for pattern in patterns:
            pipeline._add(mentions, f"M{len(concepts)}", pattern, f"lay.yaml checker.{concept}")
            concepts.append(concept)
    out = {"mentions": (mentions, concepts)}
    for kind in ("reassurance", "causal", "treatment"):
        matcher = Matcher(vocab)
        for i, pattern in enumerate(checker[kind]):
            pipeline._add(matcher, f"{kind[0].upper()}{i}", pattern, f"lay.yaml checker.{kind}")
        out[kind] = matcher
    return out


def _mentions(text: str) -> list[tuple[str, str, str]]:
    """(concept, words, assertion) for each red-flag mention in a lay text."""
    if not text.strip():
        return []
    doc = pipeline.nlp().make_doc(text)
    matcher, concepts = _matchers()["mentions"]
    context = pipeline.run(pipeline.matchers().context, doc)
    found = []
    for sentence in split_sentences(text, [Section("findings", 0, len(text))]):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        cues = cues_in(doc, context, span.start, span.end)
        for index, s, e in pipeline.run(matcher, span):
            start, end = span.start + s, span.start + e
            assertion = assert_target(cues, start, end, inside=False).value
            found.append((concepts[index], doc[start:end].text, assertion))
    return found


def _phrases(kind: str, text: str) -> list[str]:
    doc = pipeline.nlp().make_doc(text)
    return [doc[s:e].text for _i, s, e in pipeline.longest(pipeline.run(_matchers()[kind], doc))]


def check(reading, body: str, safety_sentences=frozenset()) -> list[Problem]:
    """Problems with a patient text `body` (the summary before "Words in your report", or the
    conclusion, or a GP's edit of either) against the report's reading."""
    problems: list[Problem] = []
    mentions = _mentions(body)
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
        for phrase in _phrases("reassurance", body):
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
        if readability.grade(sentence) > HARD_GRADE and not any(
            sentence in s for s in safety_sentences
        ):
            problems.append(
                Problem(
                    "hard_sentence",
                    f"Grade {readability.grade(sentence)}: {sentence}",
                )
            )
    return _unique(problems)


def _mentions_unexplained(body: str) -> bool:
    lowered = body.lower()
    return "gp will explain" in lowered or "doctor will explain" in lowered


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.kind, p.detail) not in seen:
            seen.add((p.kind, p.detail))
            out.append(p)
    return out
