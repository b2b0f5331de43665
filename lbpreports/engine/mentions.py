"""Readings that need more than one sentence's words: the report's other mentions of a finding.

Two rules, both from context.yaml:

- A benign characterisation (`benign`): a malignancy or infection that the report reads as
  unlikely ("rather than discitis", "metastasis not favoured") is negated with the cue kept as its
  hedge (engine/context.py `settle`). It stays uncertain, with that hedge, when its numbered
  impression item says it cannot be excluded, or the report recommends a test that could be for
  it (a contrast MRI, a bone scan, a follow-up scan): a hedge is never read as absent.
- One reading per sentence (`one_reading`): "scattered marrow deposits at T11 and L3, compatible
  with myeloma" names one thing twice. A lesion word that is uncertain only because it names no
  disease takes the reading of the named mention in its sentence (present, benign, or hedged), so
  the patient text never says both "shows" and "cannot rule out".
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from . import knowledge, pipeline
from .findings import EMERGENCY, Finding
from .sections import Section, Sentence

_ITEM = re.compile(r"(?:^|(?<=\s))\d{1,2}[.)](?=\s)")


def settle_mentions(
    text: str,
    sections: tuple[Section, ...],
    sentences: list[Sentence],
    findings: list[Finding],
    tests: list[str],
) -> list[Finding]:
    findings = _keep_open(text, sections, findings, tests)
    findings = _one_reading(text, sentences, findings)
    return _withdrawn(text, _settled(text, _explained_nearby(text, sentences, findings)))


def _withdrawn(text: str, out: list[Finding]) -> list[Finding]:
    """An addendum that withdraws a finding ("The transverse process fracture suggested in the
    original report is withdrawn"): every earlier mention of it, at its place, is ruled out."""
    cue = knowledge.load().cues["finding_withdrawn"]
    out = list(out)
    for w in [f for f in out if f.assertion == "negated"]:
        start = max(text.rfind(". ", 0, w.start) + 2, text.rfind("\n", 0, w.start) + 1)
        end = text.find(".", w.end)
        if not cue.search(text[start : len(text) if end < 0 else end]):
            continue
        for i, g in enumerate(out):
            if (
                g.concept == w.concept
                and g.start < w.start
                and g.assertion in ("present", "uncertain")
                and (not w.levels or set(g.levels) & set(w.levels))
            ):
                out[i] = dataclasses.replace(g, assertion="negated", hedge=None, emergency=False)
    return out


def _settled(text: str, out: list[Finding]) -> list[Finding]:
    """An addendum that settles a lesion as benign and needs no more imaging ("... typical of a
    bone island. No further imaging is required.") settles the original report's doubt about it
    at that level too (round 26)."""
    closing = _closing(tuple(knowledge.load().benign.get("closed_by", ())))
    if closing is None:
        return out
    settled = {
        (f.concept, lv)
        for f in out
        if _benign(f) and f.levels and closing.search(text, f.end)
        for lv in f.levels
    }
    return [
        dataclasses.replace(f, assertion="negated", hedge=f.hedge or "benign")
        if f.assertion == "uncertain"
        and f.levels
        and all((f.concept, lv) in settled for lv in f.levels)
        else f
        for f in out
    ]


def _benign(finding: Finding) -> bool:
    """Negated by a benign characterisation: the only negated findings that keep a hedge."""
    return finding.assertion == "negated" and finding.hedge is not None


def _self_named(finding: Finding) -> bool:
    """A benign thing named on its own ("Stable S1 bone island."): its cue is its own words. It
    reads only itself: no test reopens it, and it explains a lesion only at its own level (or, with
    no level of its own, right after the lesion)."""
    return _benign(finding) and finding.hedge == finding.text


def _keep_open(text, sections, findings: list[Finding], tests: list[str]) -> list[Finding]:
    rules = knowledge.load().benign
    if not any(_benign(f) for f in findings):
        return findings
    tested = bool(set(rules.get("kept_open_by_tests", ())) & set(tests))
    closing = _closing(tuple(rules.get("closed_by", ())))
    out = []
    for finding in findings:
        # said of this finding: in its own line or numbered item ("No follow-up imaging is
        # needed for this." under a later item is about that item's finding)
        line_end = text.find("\n", finding.end)
        line_end = len(text) if line_end < 0 else line_end
        closed = closing is not None and closing.search(text, finding.end, line_end) is not None
        if (
            _benign(finding)
            and not _self_named(finding)
            and ((tested and not closed) or _item_excludes(text, sections, finding))
        ):
            finding = _reopen(text, finding)
        out.append(finding)
    return out


@lru_cache(maxsize=4)
def _closing(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not phrases:
        return None
    words = (r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)


def _reopen(text: str, finding: Finding) -> Finding:
    nearby = text[max(0, finding.start - 30) : finding.end].lower()
    emergency = finding.concept in EMERGENCY or (
        finding.concept == "infection"
        and "absc" in finding.text.lower()
        and ("epidural" in nearby or "extradural" in nearby)
    )
    return dataclasses.replace(finding, assertion="uncertain", emergency=emergency)


def _item_excludes(text: str, sections, finding: Finding) -> bool:
    """Whether the numbered impression item holding the finding says it cannot be excluded."""
    if finding.section != "impression":
        return False
    section = next((s for s in sections if s.start <= finding.start < s.end), None)
    if section is None:
        return False
    starts = [m.start() + section.start for m in _ITEM.finditer(text[section.start : section.end])]
    before = [p for p in starts if p <= finding.start]
    if not before:
        return False
    lo = max(before)
    hi = min([p for p in starts if p > finding.start] + [section.end])
    doc = pipeline.nlp().make_doc(text[lo:hi])
    m = pipeline.matchers()
    kept_open = set(knowledge.load().benign.get("kept_open_by", ()))
    # the longest cue at each place: "is considered unlikely" is no "is considered"
    return any(
        m.triggers[i].id in kept_open
        for i, _s, _e in pipeline.longest(pipeline.run(m.context, doc))
    )


def _rank(finding: Finding) -> int:
    """The order of docs/domain.md: present, then a benign reading, then a hedged one."""
    if finding.assertion == "present":
        return 0
    if _benign(finding):
        return 1
    if finding.assertion == "uncertain" and finding.hedge:
        return 2
    return 9


def _one_reading(text: str, sentences: list[Sentence], findings: list[Finding]) -> list[Finding]:
    concepts = set(knowledge.load().one_reading)
    if not any(f.concept in concepts and _rank(f) == 9 for f in findings):
        return findings
    out = list(findings)
    for sentence in sentences:
        inside = [
            i
            for i, f in enumerate(out)
            if f.concept in concepts and sentence.start <= f.start < sentence.end
        ]
        for concept in {out[i].concept for i in inside}:
            mine = [i for i in inside if out[i].concept == concept]
            named = [out[i] for i in mine if _rank(out[i]) < 9 and not _self_named(out[i])]
            if not named:
                continue
            for i in mine:
                # "a lytic lesion at L4 and a focus at L2, likely a bone island": a reading
                # named at another level is not this lesion's
                # but "two lesions compatible with myeloma deposits: a 1.4 cm lesion in L3 and
                # a 9 mm lesion in the right S1 pedicle": a reading before a colon names every
                # item of the list after it, whatever level it took
                here = [
                    f
                    for f in named
                    if not f.levels
                    or not out[i].levels
                    or set(f.levels) & set(out[i].levels)
                    or (f.end <= out[i].start and ":" in text[f.end : out[i].start])
                ]
                if not here:
                    continue
                reading = min(here, key=_rank)
                if out[i].assertion == "uncertain" and out[i].hedge is None:
                    out[i] = dataclasses.replace(
                        out[i],
                        assertion=reading.assertion,
                        hedge=reading.hedge,
                        emergency=out[i].emergency and reading.assertion != "negated",
                    )
    return out


def _explained_nearby(
    text: str, sentences: list[Sentence], findings: list[Finding]
) -> list[Finding]:
    """An unnamed lesion that the report explains in the next sentences or at its own level.

    "There is a 9 mm sclerotic focus in S1. It has the appearance of a bone island; a sclerotic
    metastasis is not favoured." and "L3 lesion ... Impression: L3 haemangioma; metastasis is not
    favoured": the focus and the lesion take the benign reading. Only a benign reading that the
    report kept (not reopened by "cannot be excluded" or a test) and only the same paragraph's
    next sentences or the same level: a lesion elsewhere stays open.
    """
    concepts = set(knowledge.load().one_reading)
    explainers = set(knowledge.load().benign.get("explained_by", ()))
    out = list(findings)
    for i, lesion in enumerate(out):
        if not (
            lesion.concept in concepts and lesion.assertion == "uncertain" and not lesion.hedge
        ):
            continue
        after = _following(text, sentences, lesion.start, count=2)
        benign = [
            f
            for f in out
            if f.concept == lesion.concept
            and _benign(f)
            and (
                (
                    any(s.start <= f.start < s.end for s in after)
                    and not (_self_named(f) and f.levels)
                )
                or (lesion.levels and set(f.levels) == set(lesion.levels))
            )
        ]
        same_place = [
            f
            for f in out
            if f.concept in explainers
            and f.assertion == "present"
            and lesion.levels
            and set(f.levels) == set(lesion.levels)
        ]
        typical_after = [
            f
            for f in out
            if f.concept in explainers
            and f.assertion == "present"
            and not f.levels
            and any(s.start <= f.start < s.end for s in after)
        ]
        if benign:
            hedge = benign[0].hedge
        elif same_place and any(
            _benign(f) and not _self_named(f) for f in out if f.concept == lesion.concept
        ):
            hedge = same_place[0].text
        elif any(_typical(text, f) for f in same_place + typical_after):
            # "A 21 x 17 mm lesion in L1 ... Appearances are those of a typical intraosseous
            # haemangioma.": named at its place, or in the next sentences, as what it
            # typically is
            same_place = same_place or typical_after
            hedge = same_place[0].text
        else:
            continue
        out[i] = dataclasses.replace(lesion, assertion="negated", hedge=hedge, emergency=False)
        # "a 12 mm lesion in L4 ... typical of a haemangioma": the lesion is the haemangioma,
        # which keeps its size and change (docs/contract.md, finding `size`)
        # (but "... typical of a bone island. Small typical haemangioma in L1.": a bone island
        # keeps its own size, and a finding named at another level is another thing)
        named = same_place or [
            f
            for f in out
            if not any(_self_named(b) for b in benign)
            and f.concept in explainers
            and f.assertion == "present"
            and any(s.start <= f.start < s.end for s in after)
            and (not f.levels or not lesion.levels or set(f.levels) == set(lesion.levels))
        ]
        if named and (lesion.size or lesion.change or lesion.side):
            j = out.index(named[0])
            out[j] = dataclasses.replace(
                out[j],
                size=out[j].size or lesion.size,
                change=out[j].change or lesion.change,
                side=out[j].side or lesion.side,
            )
            out[i] = dataclasses.replace(out[i], size=(), change=None, side=None)
    return out


def _typical(text: str, named: Finding) -> bool:
    """The report names the finding as what the lesion typically is ("typical intraosseous
    haemangioma", "characteristic of a haemangioma"), in the words right before its name."""
    typical = knowledge.load().cues["typical_before"]
    before = text[max(0, named.start - 60) : named.start]
    # "does not have the appearance of a haemangioma", "not typical of": no benign reading
    return bool(typical.search(before)) and not re.search(r"\bnot\b", before, re.IGNORECASE)


def _following(text: str, sentences: list[Sentence], start: int, count: int) -> list[Sentence]:
    """The next `count` sentences after the one holding `start`, in its section and paragraph."""
    here = next((s for s in sentences if s.start <= start < s.end), None)
    if here is None:
        return []
    out = []
    previous_end = here.end
    for sentence in sentences:
        if sentence.start < here.end or sentence.section != here.section:
            continue
        if "\n\n" in text[previous_end : sentence.start].replace(" ", ""):
            break
        out.append(sentence)
        previous_end = sentence.end
        if len(out) == count:
            break
    return out
