"""Findings, flags and unexplained sentences, sentence by sentence.

Every sentence of the findings, impression and comment ends up in one of three places: it names
findings (with their assertion, levels, severity, side and zone), it is a plain normal, or it is
listed as unexplained, with `danger` set when it holds a danger word that no urgent or discuss
finding accounts for. Nothing is silently dropped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from . import attributes, knowledge, pipeline
from .context import Assertion, Cue, applicable, assert_target, cues_in, same_item, settle
from .levels import LevelGroup, discs_between, find_levels, group_levels, sort_levels
from .patterns import word_matches
from .safety import SERIOUS
from .sections import Sentence

EMERGENCY = ("cauda_equina_compression", "epidural_haematoma")
REPORTED_SECTIONS = ("findings", "impression", "comment")
WINDOW = 3  # tokens either side in which a concept's `unless` words veto it


@dataclass(frozen=True)
class Size:
    value: float
    unit: str  # mm, cm, %
    text: str  # as written: "3.8 cm", "about 25%"


@dataclass(frozen=True)
class Finding:
    concept: str
    tier: str
    emergency: bool
    assertion: str
    hedge: str | None
    levels: tuple[str, ...]
    severity: str | None
    severity_text: str | None
    side: str | None
    zone: str | None
    text: str
    start: int
    end: int
    section: str
    size: tuple[Size, ...] = ()
    change: str | None = None  # new, unchanged, larger, smaller, resolved
    cause: str | None = None  # concept id of what causes it, or "unexplained"
    causes: tuple[
        str, ...
    ] = ()  # all that act together ("bulge and facet hypertrophy"), cause first
    effect: str | None = None  # the structure it acts on, as written


@dataclass(frozen=True)
class Flag:
    kind: str
    text: str
    start: int
    end: int
    tests: tuple[str, ...] = ()  # a recommendation's own tests, in the report's order
    # "Recommend a bone scan; if this is negative, follow-up MRI in 3 months": the tests of a
    # later clause that opens on a condition, and that clause
    if_tests: tuple[str, ...] = ()
    if_text: str = ""


@dataclass(frozen=True)
class Unexplained:
    text: str
    start: int
    end: int
    danger: bool


@dataclass
class DocMatches:
    """Every matcher run once over the whole report."""

    concepts: list
    anchors: list
    cues: list
    context: list
    flags: list
    recommend: list
    tests: list
    normals: list
    danger: list
    severity: list
    side: list
    zone: list
    change: list
    unexplained_cause: list
    side_after: list

    @classmethod
    def of(cls, doc) -> DocMatches:
        m = pipeline.matchers()
        change = pipeline.run(m.change, doc)
        changed = {i for _x, s, e in change for i in range(s, e)}
        return cls(
            concepts=pipeline.run(m.concepts, doc),
            anchors=pipeline.run(m.anchors, doc),
            cues=pipeline.run(m.cues, doc),
            context=pipeline.run(m.context, doc),
            flags=pipeline.run(m.flags, doc),
            recommend=pipeline.run(m.recommend, doc),
            tests=pipeline.run(m.tests, doc),
            normals=pipeline.run(m.normals, doc),
            danger=pipeline.run(m.danger, doc),
            # "no significant change", "slightly larger": words of a change, not a severity
            severity=[
                x for x in pipeline.run(m.severity, doc) if not changed & set(range(x[1], x[2]))
            ],
            side=pipeline.run(m.side, doc),
            zone=pipeline.run(m.zone, doc),
            change=change,
            unexplained_cause=pipeline.run(m.unexplained_cause, doc),
            side_after=pipeline.run(m.side_after, doc),
        )


def _within(matches, start: int, end: int):
    return [(i, s, e) for i, s, e in matches if s >= start and e <= end]


def _any_word(items, words) -> bool:
    return any(word_matches(item, word) for item in items for word in words)


@dataclass
class _Candidate:
    concept: str
    start: int
    end: int
    assertion_override: str | None = None
    cue_start: int | None = None  # for relations: where the cue word is (for severity)
    cue_end: int | None = None
    anchor: tuple[int, int] | None = None  # for relations: the structure acted on
    # "abutting but not compressing the root": the first verb's certainty is its own
    own_cue: bool = False


def _concept_candidates(doc, found, s0: int, s1: int, words: set[str]) -> list[_Candidate]:
    kb = knowledge.load()
    terms = pipeline.matchers().terms
    by_concept: dict[str, list] = {}
    for index, s, e in _within(found, s0, s1):
        term = terms[index]
        concept = kb.concepts[term.concept]
        if concept.requires and not _any_word(concept.requires, words):
            continue
        if term.requires and not _any_word(term.requires, words):
            continue
        if term.unless and _any_word(term.unless, words):
            continue
        if concept.unless:
            near = {
                t.lower_ for t in same_item(doc, max(s0, s - WINDOW), s, e, min(s1, e + WINDOW))
            }
            if _any_word(concept.unless, near):
                continue
        by_concept.setdefault(term.concept, []).append((index, s, e))
    candidates: list[_Candidate] = []
    for concept_id, matches in by_concept.items():
        for index, s, e in pipeline.longest(matches):
            candidates.append(_Candidate(concept_id, s, e, terms[index].assertion))
    return candidates


def _relation_candidates(doc, dm: DocMatches, s0: int, s1: int, cues: list[Cue]):
    m = pipeline.matchers()
    concept_spans = _within(dm.concepts, s0, s1)
    anchors = pipeline.longest(_within(dm.anchors, s0, s1))
    cue_matches = _within(dm.cues, s0, s1)
    # a list item's break (", the") ends a negated list, not the clause a relation is said in:
    # "abutting, but not compressing, the L5 root"
    crossed = set(knowledge.load().lists.get("relation_crossed", ()))
    stops = sorted(c.start for c in cues if c.category == "terminate" and c.id not in crossed)
    candidates: list[_Candidate] = []
    for index, a_start, a_end in anchors:
        relation = m.anchor_relations[index]
        # "compresses the exiting L3 root lateral to the foramen": a place, not what is pressed
        if _cue("beside_place").search(doc[max(s0, a_start - 4) : a_start].text):
            continue
        clause_lo = max([p for p in stops if p < a_start] + [s0])
        clause_hi = min([p for p in stops if p >= a_end] + [s1])
        options = [
            (m.cue_concepts[ci][1], c_start, c_end)
            for ci, c_start, c_end in cue_matches
            if m.cue_concepts[ci][0] == relation
            and clause_lo <= c_start
            and c_end <= clause_hi
            and (c_end <= a_start or c_start >= a_end)
        ]
        # "Right neural foramen: mild stenosis.": a label, then what it shows
        labelled = [
            (m.cue_concepts[ci][1], c_start, c_end)
            for ci, c_start, c_end in cue_matches
            if m.cue_concepts[ci][0] == relation
            and c_start > a_end
            and doc[a_end].text == ":"
            and all(doc[k].lower_ in _LABEL_GAP for k in range(a_end, c_start))
        ]
        options += [o for o in labelled if o not in options]
        if not options:
            continue
        after = [o for o in options if o[1] >= a_end]
        # "effaces the sac and contacts the L5 root in the lateral recess": where the structure
        # is only where another one lies, a cue before that one's own cue is not its
        # "In the right lateral recess", "in\nthe recess": the two words before, past a side
        lead = [t.lower_ for t in doc[max(s0, a_start - 5) : a_start] if not t.is_space]
        while lead and lead[-1] in _SIDE_WORDS.values():
            lead.pop()
        located = " ".join(lead[-2:]) in _LOCATED
        # "In the right lateral recess it severely compresses the L5 root": the place where
        # something else (it) acts, not a narrowing of the recess (syn_473)
        if located and a_end < s1 and doc[a_end].lower_ in _SUBJECT_AFTER_PLACE:
            continue
        before = [
            o
            for o in options
            if o[2] <= a_start
            and not (located and any(o[2] <= s and e <= a_start for _ci, s, e in cue_matches))
            # "compressing the traversing left S1 nerve root in the lateral recess": the cue
            # acts on the root between, the recess is where (round 42's GP: "inferred")
            and not (
                located
                and any(
                    o[2] <= s and e <= a_start and m.anchor_relations[j] != relation
                    for j, s, e in anchors
                )
            )
            # "mild central canal stenosis, and the foramina are patent": a cue that is another
            # structure's own ("canal stenosis"), before a new clause, is not this one's
            and not (
                any(e == o[1] and m.anchor_relations[j] != relation for j, _s, e in anchors)
                and _cue("new_clause").search(doc[o[2] : a_start].text)
            )
        ]
        # "the exiting left L5 nerve root in contact", "the root is abutted": said of the
        # structure itself, whatever cue stands before it
        adjacent = [
            o for o in after if all(doc[k].lower_ in _ON_ANCHOR for k in range(a_end, o[1]))
        ] + [o for o in labelled if o in after]
        # a cue after a comma starts a new clause about something else, and a cue after
        # another finding's words is about that finding ("foraminal disc protrusion narrowing")
        after = [
            o
            for o in after
            if not any(doc[k].text == "," for k in range(a_end, o[1]))
            and not any(a_end <= s and e <= o[1] for _i, s, e in concept_spans)
            # "Spinal canal and foramina: No spinal canal ... stenosis": a cue after another
            # anchor of the same kind is that anchor's
            and not any(
                m.anchor_relations[j] == relation and a_end <= s and e <= o[1]
                for j, s, e in anchors
            )
        ]
        # "compresses the S1 root in the lateral recess and effaces the thecal sac": where
        # something else acts, a verb after "and" is that thing's, not a narrowing of the place
        if located:
            after = [
                o for o in after if not any(doc[k].lower_ == "and" for k in range(a_end, o[1]))
            ]
        if adjacent:
            concept, c_start, c_end = min(adjacent, key=lambda o: o[1])
        elif before:
            concept, c_start, c_end = max(before, key=lambda o: o[2])
        elif after:
            concept, c_start, c_end = min(after, key=lambda o: o[1])
        else:
            continue
        candidates.append(
            _Candidate(
                concept,
                min(a_start, c_start),
                max(a_end, c_end),
                cue_start=c_start,
                cue_end=c_end,
                anchor=(a_start, a_end),
            )
        )
        # a second cue on the same structure, with its own certainty: "The cauda equina nerve
        # roots are crowded without frank compression" (crowded, and not compressed);
        # "abutting but not compressing the root" (touched, and not pressed)
        second = []
        if c_start >= a_end:
            # past the clause's end too: "contacted but not compressed" ("but" ends a clause)
            beyond = [
                (m.cue_concepts[ci][1], o_start, o_end)
                for ci, o_start, o_end in cue_matches
                if m.cue_concepts[ci][0] == relation and o_start >= clause_hi
            ]
            second = [
                (o_concept, o_start, o_end, o_end)
                for o_concept, o_start, o_end in options + beyond
                if o_start > c_end
                and o_concept != concept
                and {t.lower_ for t in doc[c_end:o_start]} & {"without", "not", "no"}
                and {t.lower_ for t in doc[c_end:o_start]} <= _WITHOUT
            ][:1]
        elif c_end <= a_start:
            second = [
                (m.cue_concepts[ci][1], o_start, o_end, a_end)
                for ci, o_start, o_end in cue_matches
                if m.cue_concepts[ci][0] == relation
                and o_end < c_start
                and "but" in {t.lower_ for t in doc[o_end:c_start]}
                and {t.lower_ for t in doc[o_end:c_start]} <= _BUT_NOT
            ]
            second += [
                (o_concept, o_start, o_end, o_end)
                for ci, o_start, o_end in cue_matches
                if (o_concept := m.cue_concepts[ci][1]) != concept
                and m.cue_concepts[ci][0] == relation
                and o_start >= a_end
                and {t.lower_ for t in doc[a_end:o_start]} & {"not", "no"}
                and {t.lower_ for t in doc[a_end:o_start]} <= _WHICH_NOT
            ][:1]
        candidates.extend(
            _Candidate(
                o_concept,
                o_start,
                end,
                cue_start=o_start,
                cue_end=o_end,
                anchor=(a_start, a_end),
                own_cue=True,
            )
            for o_concept, o_start, o_end, end in second
        )
    return candidates


_LOCATED = {"in the", "within the", "into the"}
_SUBJECT_AFTER_PLACE = {"it", "this", "which", "where", "there"}

_SIDE_WORDS = {
    "r": "right",
    "rt": "right",
    "right": "right",
    "l": "left",
    "lt": "left",
    "left": "left",
}
_GRADE_WORDS = {
    "mild": "mild",
    "mod": "moderate",
    "moderate": "moderate",
    "severe": "severe",
    "mild to moderate": "mild-moderate",
    "moderate to severe": "moderate-severe",
}


def _graded_per_side(sentence_text: str, found: list[Finding], at: int = 0) -> list[Finding]:
    """ "Foraminal stenosis: R mod, L mild.": one narrowing on each side, each with its grade.
    `at` is where the sentence starts in the report."""
    match = _cue("graded_per_side").search(sentence_text)
    said = None if match else _cue("graded_sides_said").search(sentence_text)
    if said:
        # "Neural foramina: mild stenosis on the right, moderate stenosis on the left.": the
        # second "stenosis" is the foramen's too, not the canal's
        start, end = at + said.start(), at + said.end()
        foramen = [
            f for f in found if f.concept == "foraminal_stenosis" and f.assertion == "present"
        ]
        if not foramen:
            return found
        out = [
            f
            for f in found
            if f not in foramen
            and not (f.concept == "canal_stenosis" and f.side and start <= f.start < end)
        ]
        first = foramen[0]
        return out + [
            dataclasses.replace(
                first,
                side=_SIDE_WORDS[said["s" + n].lower()],
                severity=_GRADE_WORDS[" ".join(said["g" + n].lower().split())],
                severity_text=said["g" + n],
            )
            for n in ("1", "2")
        ]
    if not match:
        return found
    out = []
    for f in found:
        if f.concept != "foraminal_stenosis" or f.side or f.severity or f.assertion != "present":
            out.append(f)
            continue
        for n in ("1", "2"):
            out.append(
                dataclasses.replace(
                    f,
                    side=_SIDE_WORDS[match["s" + n].lower()],
                    severity=_GRADE_WORDS[match["g" + n].lower()],
                    severity_text=match["g" + n],
                )
            )
    return out


def _graded_at_level(text: str, found: list[Finding], end: int) -> list[Finding]:
    """ "Disc space narrowing at L4/L5 and L5/S1, moderate at L5/S1.": the grade is that of one
    level, the others are ungraded (cues.yaml `graded_at_level`, read after the finding to the
    sentence's end at `end`)."""
    out = []
    for f in found:
        match = (
            _cue("graded_at_level").search(text[f.end : end])
            if len(f.levels) > 1 and f.assertion == "present"
            else None
        )
        graded = {lv for g in find_levels(match["where"]) for lv in g.levels} if match else set()
        if not graded or not graded < set(f.levels):
            out.append(f)
            continue
        value = _GRADE_WORDS[match["g"].lower()]
        rest = tuple(lv for lv in f.levels if lv not in graded)
        out.append(dataclasses.replace(f, levels=rest, severity=None, severity_text=None))
        out.append(
            dataclasses.replace(
                f,
                levels=tuple(lv for lv in f.levels if lv in graded),
                severity=value,
                severity_text=match["g"],
            )
        )
    return out


def _alternative_sized(found: list[Finding]) -> list[Finding]:
    """ "Solitary 14 mm L1 vertebral body lesion, likely an atypical haemangioma, although a
    metastasis is not entirely excluded": the red flag the report keeps open is the same lesion
    as its benign reading (lay.yaml `alternatives`), and takes its size."""
    # (a reading named by its words, a seroma beside an abscess, is measured on its own)
    pairs = {
        (row["of"], row["concept"])
        for row in knowledge.load().lay.get("alternatives") or ()
        if not row.get("words")
    }
    out = list(found)
    for i, f in enumerate(out):
        if f.assertion != "uncertain" or f.size or len(f.levels) != 1:
            continue
        sized = [
            g for g in out if (f.concept, g.concept) in pairs and g.size and g.levels == f.levels
        ]
        if len(sized) == 1:
            out[i] = dataclasses.replace(f, size=sized[0].size)
    return out


def _graded_now(doc, dm, s0: int, s1: int, found: list[Finding]) -> list[Finding]:
    """ "Bilateral foraminal stenosis has worsened and is now moderate": a grade said after
    "is now" is the grade of the finding before it that has none."""
    m = pipeline.matchers()
    out = list(found)
    for k, start, end in pipeline.longest([x for x in dm.severity if s0 <= x[1] and x[2] <= s1]):
        words = [t.lower_ for t in doc[max(s0, start - 2) : start]]
        if words[-1:] != ["now"] or not {"is", "are"} & set(words):
            continue
        at = doc[start].idx
        before = [i for i, f in enumerate(out) if f.end <= at and f.assertion != "negated"]
        if not before:
            continue
        i = max(before, key=lambda j: out[j].end)
        if out[i].severity is None:
            out[i] = dataclasses.replace(
                out[i], severity=m.severity_values[k], severity_text=doc[start:end].text
            )
    return out


# "... is recommended to assess for further deposits not visible on CT": a test named after
# "assess" is part of the reason
_REASON_WORDS = {"as", "because", "since", "assess"}


def _by_after(doc, i: int) -> bool:
    """ "narrowed on both sides by the bulge": a side word followed by "by"."""
    while i < len(doc) and doc[i].lower_ in ("side", "sides", "sided"):
        i += 1
    return i < len(doc) and doc[i].lower_ == "by"


_BUT_NOT = {",", "but", "not", "without", "no", "definitely", "clearly", "significantly"}
# words between a relation's cue after its structure and a second cue it rules out ("crowded
# without frank compression")
_WITHOUT = {
    ",",
    "but",
    "not",
    "without",
    "no",
    "longer",
    "frank",
    "definite",
    "significant",
    "overt",
    "true",
}
# words between a structure and a second cue after it, where the first cue came before it
# ("contacts the traversing right L5 nerve root, which is no longer compressed", round 50)
_WHICH_NOT = {",", "which", "that", "is", "are", "was", "now", "not", "no", "longer"}
_LABEL_GAP = {
    ":",
    "mild",
    "mildly",
    "moderate",
    "moderately",
    "severe",
    "severely",
    "minimal",
    "marked",
    "markedly",
    "slight",
    "slightly",
    "to",
    "-",
    "significant",
    "significantly",
}
_ON_ANCHOR = {
    "is",
    "are",
    "was",
    "were",
    "in",
    "now",
    "just",
    "being",
    "may",
    "might",
    "could",
    "be",
    "possibly",
    "probably",
    "likely",
    "also",
    "not",
}


def _coordinated(doc, cand: _Candidate, other: _Candidate) -> bool:
    """A term that names its own words, then "or"/"and"/a comma, before another finding."""
    return any(_joins(t) for t in doc[cand.start : other.start])


def _joins(token) -> bool:
    return token.lower_ in _COORDINATORS


_COORDINATORS = {"or", "and", "nor", "and/or", ","}


def _apply_overrides(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    kb = knowledge.load()
    keep = []
    for cand in candidates:
        beaten = False
        for other in candidates:
            if other is cand or other.concept == cand.concept:
                continue
            overlap = other.start < cand.end and cand.start < other.end
            if overlap and cand.start < other.start and _coordinated(doc, cand, other):
                # "canal or foraminal stenosis": each keeps its own words, up to the "or"
                end = next(i for i in range(cand.start, other.start) if _joins(doc[i]))
                # "Canal and foramina without significant narrowing": the shared cue's
                # assertion is each one's
                shared = cand.cue_start is not None and cand.cue_start >= other.start
                cand = dataclasses.replace(cand, end=max(end, cand.start + 1))
                if shared and not cand.own_cue:
                    # read where the other one is read (its words hold the shared cue)
                    cand = dataclasses.replace(
                        cand, cue_start=other.start, cue_end=other.end, own_cue=True
                    )
                continue
            if overlap and cand.concept in kb.concepts[other.concept].overrides:
                beaten = True
                break
        if not beaten:
            keep.append(cand)
    # one mention per concept and place: a term and a relation may both name it
    unique: list[_Candidate] = []
    for cand in sorted(keep, key=lambda c: (c.start, -(c.end - c.start))):
        if any(
            u.concept == cand.concept and u.start < cand.end and cand.start < u.end for u in unique
        ):
            continue
        unique.append(cand)
    return unique


def _nearest_value(matches, values, s0, s1, start, end, before=5, after=3, stops=(), claimed=()):
    """The attribute word nearest the finding: before it first, then just after it."""
    best = None
    for index, s, e in pipeline.longest(_within(matches, s0, s1)):
        if e <= start and start - e <= before and not any(e <= p < start for p in stops):
            distance = start - e
        elif (
            s >= end
            and s - end <= after
            and not any(end <= p < s for p in stops)
            and not any(e <= p <= e + 4 for p in claimed)
        ):
            distance = (s - end) + 0.5  # unless it describes the finding right after it
        elif s >= start and e <= end:
            distance = -1
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, values[index], s, e)
    return best


_GRADE = re.compile(r"\b(?:meyerding\s+)?grade\s*([1-5]|i{1,3}|iv|v|one|two|three|four)\b", re.I)


def _slip_levels(levels) -> tuple[str, ...]:
    """ "Anterolisthesis of L5" is a slip at the disc below it: L5-S1."""
    from .levels import discs_between, vertebra

    out = []
    for level in levels:
        if "-" in level:
            out.append(level)
            continue
        below = {"L5": "S1", "T12": "L1", "C7": "T1"}.get(level)
        if below is None and level[0] in "CTL":
            below = vertebra(level[0] + str(int(level[1:]) + 1))
        out.extend(discs_between(level, below) if below else [level])
    return tuple(out)


@lru_cache(maxsize=1)
def _continuation() -> re.Pattern:
    words = knowledge.load().levels["continuation_words"]
    return re.compile(r"^[-*• ]*(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)


def _continues(sentence: str) -> bool:
    """Whether a line carries on the one before it ("Compressing the thecal sac ...")."""
    return bool(_continuation().match(sentence))


@lru_cache(maxsize=1)
def _recess_words() -> tuple[re.Pattern, re.Pattern] | None:
    words = knowledge.load().levels.get("recess_vertebra")
    if not words:
        return None
    return re.compile(words["before"], re.I), re.compile(words["after"], re.I)


def _recess_places(text: str, groups: list[LevelGroup], heading: tuple[str, ...]):
    """The level groups of a sentence without a vertebra named as the place of a lateral recess
    under a disc level of that vertebra ("L4-5: ... the lateral recesses of L5"): the recess of the
    root running past that disc is at the disc's level (docs/domain.md section 5.3)."""
    words = _recess_words()
    if words is None:
        return groups
    before, after = words
    discs = {lv for g in groups for lv in g.levels if "-" in lv} | {
        lv for lv in heading if "-" in lv
    }
    out = []
    for g in groups:
        bone = g.levels[0] if len(g.levels) == 1 and "-" not in g.levels[0] else None
        if (
            bone is not None
            and any(bone in d.split("-") for d in discs)
            and (
                before.search(text[max(0, g.start - 60) : g.start])
                or after.match(text[g.end : g.end + 60])
            )
        ):
            continue
        out.append(g)
    return out


def _listed_after_colon(
    text: str, sentence: Sentence, end: int, groups, starts: list[int]
) -> tuple[str, ...]:
    """ "three focal marrow lesions ..., consistent with metastases: in the T12 vertebral body
    (14 mm), the posterior L2 vertebral body (9 mm) and the right sacral ala at S1 (22 mm)": a
    finding whose sentence lists its places after a colon is at every one of them (round 41's
    patient: "two levels" for three). () where nothing follows a colon after it, or the list
    names findings of its own ("deposits: a 1.4 cm lesion in L3 and a 9 mm lesion in S1";
    `starts`: where the sentence's findings begin)."""
    colon = text.find(":", end, sentence.end)
    if colon == -1 or any(end <= g.start < colon for g in groups):
        return _listed_measured_places(text, sentence, end, groups, starts)
    if any(colon < s < sentence.end for s in starts):
        return ()
    return tuple(dict.fromkeys(lv for g in groups if g.start > colon for lv in g.levels))


_MEASURED_PLACE = re.compile(r"[^().;]{0,25}\(\s*\d+(?:\.\d+)?\s*(?:mm|cm)\s*\)")


def _listed_measured_places(
    text: str, sentence: Sentence, end: int, groups, starts: list[int]
) -> tuple[str, ...]:
    """ "focal sclerotic lesions ... in the L1 vertebral body (11 mm), the L3 vertebral body (18
    mm) and the right sacral ala at S1 (22 mm)": a list of three or more places after the
    finding, each with its bracketed size, are all the finding's (round 45), where no other
    finding starts among them (two, "at L3 (1.4 cm) and in the right S1 pedicle (9 mm)", may be
    two lesions the report has named apart)."""
    after = [g for g in groups if g.start >= end]
    measured = [g for g in after if _MEASURED_PLACE.match(text, g.end)]
    if len(measured) < 3 or len(measured) != len(after):
        return ()
    if any(end < s < measured[-1].end for s in starts):
        return ()
    return tuple(dict.fromkeys(lv for g in measured for lv in g.levels))


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _counted_levels(after: str, levels: tuple[str, ...]) -> tuple[str, ...]:
    """ "Degenerative disc disease from L3/4 to L5/S1, with mild facet arthropathy at the lower
    two levels": the last two of the levels it was given (cues.yaml `counted_levels`, right
    after the finding)."""
    match = knowledge.load().cues["counted_levels"].match(after)
    if not match or len(levels) < 2:
        return levels
    count = _COUNTS.get(match["count"].lower(), 0)
    ordered = sort_levels(list(levels))
    if not 0 < count < len(ordered):
        return levels
    return tuple(ordered[-count:] if match["lower"] else ordered[:count])


def _levels_for(sentence: Sentence, start: int, end: int, groups, no_level: bool, concept: str):
    if concept in knowledge.load().levels.get("no_level_concepts", ()):
        return ()
    if not groups:
        if no_level:
            return ()
        lent = (
            ()
            if concept in knowledge.load().levels.get("not_lent", ())
            else sentence.paragraph_levels
        )
        levels = sentence.heading_levels or lent
        if concept not in knowledge.load().levels["vertebral_concepts"]:
            # "an L3-4 disc herniation ... behind the L4 vertebral body. This disc ... narrowed
            # the spinal canal": the disc's place, not the vertebra it reached
            discs = [lv for lv in levels if "-" in lv]
            levels = tuple(
                lv for lv in levels if "-" in lv or not any(lv in d.split("-") for d in discs)
            )
        return levels
    if concept not in knowledge.load().levels["vertebral_concepts"]:
        # a finding of a disc or a joint is at a disc level: a vertebra of a disc level in scope
        # (its heading, or written in the sentence) names a root or an operation there ("L4-5:
        # ... disc bulging, left L5 hemilaminectomy and a disc protrusion"), not its place
        heading_discs = {lv for lv in sentence.heading_levels if "-" in lv}
        discs = heading_discs | {lv for g in groups for lv in g.levels if "-" in lv}

        def of_a_disc(group: LevelGroup) -> bool:
            return all(
                "-" not in lv and any(lv in d.split("-") for d in discs) for lv in group.levels
            )

        kept = [g for g in groups if not of_a_disc(g)]
        if not kept and heading_discs:
            return sentence.heading_levels
        groups = kept or groups

    def distance(group: LevelGroup) -> tuple[float, int]:
        if group.end <= start:
            return (start - group.end, 0)
        if group.start >= end:
            return (group.start - end, 1)
        return (0, 0)

    best = min(groups, key=distance)
    return best.levels


def extract(doc, text: str, sentences: list[Sentence], *, letter: bool = False):
    """Findings, flags, unexplained sentences and suggested tests of a whole report.

    `letter`: a clinic letter, whose plan ("Listed for right L4/5 microdiscectomy") is flagged
    to the GP as treatment advice wherever it stands (its lines are history, not findings)."""
    kb = knowledge.load()
    m = pipeline.matchers()
    dm = DocMatches.of(doc)
    no_level_words = [w.lower() for w in kb.levels["no_level_words"]]
    findings: list[Finding] = []
    flags: list[Flag] = []
    unexplained: list[Unexplained] = []
    # A danger sentence the next sentence explains ("Fluid signal and enhancement within the L2-3
    # disc ... Appearances are in keeping with L2-3 spondylodiscitis."): index, levels, section.
    pending: tuple[int, frozenset[str], str] | None = None
    described = 0  # sentences said of a pending danger sentence before something names it
    named_danger = None  # the section where a red flag named a collection or lesion
    tests: list[str] = []
    withdrawn: set[str] = set()  # tests a sentence says are no longer needed
    choices: list[tuple[str, ...]] = []  # tests the report offers as alternatives ("CT or MRI")

    previous: tuple[str, ...] = ()
    previous_end = -1
    previous_causes: tuple[str, ...] = ()
    # the causes of the sentences before in the same level block ("L3-L4: ..."), and the block
    block_causes: tuple[tuple, tuple[str, ...]] = ((None, ()), ())
    carried: tuple = ()  # sizes of an unnamed lesion, for the next sentence to name
    last_found: tuple[int, int] | None = None  # where the last sentence's findings are
    for sentence in sentences:
        sentence_text = text[sentence.start : sentence.end]
        level_groups = _recess_places(
            text,
            [
                LevelGroup(g.start + sentence.start, g.end + sentence.start, g.levels)
                for g in group_levels(sentence_text, find_levels(sentence_text))
            ],
            sentence.heading_levels,
        )
        own_levels = tuple(lv for g in level_groups for lv in g.levels)
        gap = text[previous_end : sentence.start] if previous_end >= 0 else "\n\n"
        # "Mild disc bulges at L3-L4 and L4-L5" / "compressing the thecal sac": a line that
        # carries on the one before; never a new sentence after a full stop ("... labelled
        # L5/S1. Mild straightening of the lumbar lordosis.", "2. Mild disc degeneration.")
        ended = previous_end > 0 and text[previous_end - 1] in ".!?"
        capital = text[sentence.start : sentence.start + 1].isupper()
        same = re.search(
            r"\b(?:at|of|on)\s+(?:the\s+same|that|this)\s+(?:level|disc)", sentence_text, re.I
        ) or _cue("this_finding").match(sentence_text)
        if (
            not own_levels
            and previous
            and "\n\n" not in gap.replace(" ", "")
            and (
                same  # "Dehydrated disc at the same level.", "... impinged at that level."
                or (not (ended and capital) and _continues(text[sentence.start : sentence.end]))
            )
        ):
            sentence = dataclasses.replace(sentence, heading_levels=previous)
        previous = own_levels or sentence.heading_levels
        previous_end = sentence.end
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        s0, s1 = span.start, span.end
        words = {t.lower_ for t in span}
        cues = cues_in(doc, dm.context, s0, s1)
        stops = [c.start for c in cues if c.category == "terminate"] + [
            t.i for t in span if t.text in (",", ";", ":")
        ]
        # "hardware creates mild streak artefact": a severity after a word of causing is what it
        # causes, never the finding's own
        causing = [t.i for t in span if t.lower_ in kb.cause.causal_links]
        # "a minimally complex cyst": a severity word before a word that is not a finding's own
        # grades that word, not the finding
        severities = [
            x
            for x in dm.severity
            if not (
                s0 <= x[1] < s1 and x[2] < len(doc) and _cue("graded_other").match(doc[x[2]].text)
            )
            and not (x[1] > s0 and _cue("graded_where").match(doc[x[1] - 1].lower_))
        ]
        candidates = _concept_candidates(doc, dm.concepts, s0, s1, words)
        candidates += _relation_candidates(doc, dm, s0, s1, cues)
        candidates = _apply_overrides(doc, candidates)
        candidates += _measurements(doc, span, words)

        lowered = sentence_text.lower()
        no_level = any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in no_level_words)

        sentence_findings: list[Finding] = []
        placed: list[attributes.Placed] = []
        starts = [doc[c.start].idx for c in candidates]
        asked = [m.span() for m in _cue("clinical_question").finditer(sentence_text)]
        for cand in sorted(candidates, key=lambda c: c.start):
            lo, hi = (cand.cue_start, cand.cue_end) if cand.own_cue else (cand.start, cand.end)
            assertion: Assertion = settle(cand.concept, assert_target(cues, lo, hi))
            value = assertion.value
            if cand.assertion_override == "uncertain" and value == "present":
                value, assertion = "uncertain", Assertion("uncertain", None, False)
            elif cand.assertion_override == "negated" and value in ("present", "uncertain"):
                # a term that names a benign thing ("Stable S1 bone island."): the malignancy it
                # could be taken for is read as benign, its own words kept as the cue
                # (docs/domain.md section 4.4)
                named = doc[cand.start : cand.end].text
                value, assertion = "negated", Assertion("negated", named, False, benign=named)
            if sentence.section == "history":
                if value in ("present", "historical"):
                    value = "historical"
                else:
                    continue  # a question in the clinical history is not a finding
            elif sentence.section not in REPORTED_SECTIONS:
                continue
            elif any(a <= doc[cand.start].idx - sentence.start < b for a, b in asked):
                continue  # "if axial spondyloarthritis remains a clinical concern, MRI ..."
            after = text[doc[cand.end - 1].idx + len(doc[cand.end - 1]) :][:40]
            if _ELSEWHERE_SAID.match(after) and not _cue("changed_here").search(
                text[doc[cand.end - 1].idx : sentence.end]
            ):
                continue  # "apart from the Modic change described below": said where it is
            concept = kb.concepts[cand.concept]
            c_start = doc[cand.start].idx
            c_end = doc[cand.end - 1].idx + len(doc[cand.end - 1].text)
            anchor = cand.cue_start if cand.cue_start is not None else cand.start
            # a severity word belongs to the finding right after it
            others = [c.start for c in candidates if c.start != cand.start]
            # nor one inside another finding's own words ("the foramen is moderately narrowed
            # by disc bulging": the narrowing's)
            inside_other = [
                (c.start, c.end)
                for c in candidates
                if c is not cand and not (c.start < cand.end and cand.start < c.end)
            ]
            sev = _nearest_value(
                [x for x in severities if not any(a <= x[1] < b for a, b in inside_other)],
                m.severity_values,
                s0,
                s1,
                min(anchor, cand.start),
                cand.end,
                # "Large left paracentral L5/S1 disc extrusion": past a side, a zone and a level
                # written in three tokens (round 48's GP: "large" lost)
                before=6,
                stops=stops + others + causing,
                claimed=others,
            )
            # a side word belongs to the finding it stands next to, never across another one
            apart = [c.start for c in candidates if not (c.start < cand.end and cand.start < c.end)]
            # nor a side word inside another finding's words ("both nerve roots")
            others_own = [
                (c.start, c.end)
                for c in candidates
                if not (c.start < cand.end and cand.start < c.end)
            ]
            free_sides = [
                x
                for x in dm.side
                if not any(a <= x[1] and x[2] <= b for a, b in others_own)
                # "narrowed on both sides by the bulge": the side is the narrowing's
                and not (_by_after(doc, x[2]) and cand.start >= x[2])
            ]
            side = _nearest_value(
                free_sides,
                m.side_values,
                s0,
                s1,
                cand.start,
                cand.end,
                before=6,
                after=4,
                stops=stops + apart,
                claimed=apart,
            )
            if side is None and cand.own_cue and cand.anchor and cand.anchor[1] <= cand.start:
                # "The exiting right L5 nerve root is contacted but not compressed": the
                # second cue's side is its structure's
                side = _nearest_value(
                    free_sides,
                    m.side_values,
                    s0,
                    s1,
                    cand.anchor[0],
                    cand.anchor[1],
                    before=6,
                    after=0,
                    stops=stops + apart,
                    claimed=apart,
                )
            if side is None:
                own_word = text[c_start:c_end]
                # (a value as `_nearest_value` gives it: position, side)
                side = next(
                    (
                        (c_start, v)
                        for pattern, v in kb.side_in_word
                        if re.match(pattern, own_word, re.I)
                    ),
                    None,
                )
            zone = _nearest_value(
                dm.zone,
                m.zone_values,
                s0,
                s1,
                cand.start,
                cand.end,
                before=6,
                after=2,
                stops=stops + apart,
                claimed=apart,
            )
            severity = sev[1] if sev else None
            severity_text = doc[sev[2] : sev[3]].text if sev else None
            if text[c_start:c_end].lower() in kb.ungraded_terms or (
                severity_text and severity_text.lower() in kb.not_severity.get(cand.concept, ())
            ):
                severity = severity_text = None
            tier = concept.tier
            if cand.concept == "spondylolisthesis":
                grade = _GRADE.search(sentence_text)
                if grade:
                    severity = kb.grades.get(grade.group(1).lower(), severity)
                    severity_text = grade.group(0)
                if severity and severity.startswith("grade-") and severity != "grade-1":
                    tier = "discuss"
            before = text[max(sentence.start, c_start - 30) : c_end].lower()
            emergency = value in ("present", "uncertain") and (
                cand.concept in EMERGENCY
                or (
                    cand.concept == "infection"
                    and "absc" in text[c_start:c_end].lower()
                    and _cue("epidural").search(before) is not None
                )
            )
            levels = _levels_for(sentence, c_start, c_end, level_groups, no_level, cand.concept)
            levels = _listed_after_colon(text, sentence, c_end, level_groups, starts) or levels
            levels = _counted_levels(text[c_end : sentence.end], levels)
            if (
                levels
                and cand.concept in kb.levels.get("diffuse_no_level", ())
                and _cue("diffuse_spread").search(text[max(sentence.start, c_start - 40) : c_end])
                and not any(
                    g.start >= c_end and not re.search(r"[,;:(.]", text[c_end : g.start])
                    for g in level_groups
                )
            ):
                # "on a background of unchanged diffuse myelomatous marrow infiltration": the
                # whole marrow, not the level of the focal lesion named beside it (but
                # "diffusely abnormal marrow signal in the L3 vertebral body" is at L3)
                levels = ()
            if (
                levels
                and cand.concept in kb.levels.get("region_no_level", ())
                and _cue("region_wide").search(text[max(sentence.start, c_start - 30) : c_start])
                and not any(
                    g.start >= c_end and _cue("level_of_it").fullmatch(text[c_end : g.start])
                    for g in level_groups
                )
                and not any(g.end <= c_start for g in level_groups if g.start >= sentence.start)
            ):
                # "mild lumbar spondylosis and probable L3 bone island": the whole lumbar
                # spine, not the level of the next thing in the list ("mild lumbar spondylosis
                # at L4-L5" stays at L4-L5)
                levels = ()
            if cand.concept == "spondylolisthesis":
                levels = _slip_levels(levels)
            sentence_findings.append(
                Finding(
                    concept=cand.concept,
                    tier=tier,
                    emergency=emergency,
                    assertion=value,
                    hedge=assertion.hedge if value == "uncertain" or assertion.benign else None,
                    levels=tuple(sort_levels(levels)),
                    severity=severity,
                    severity_text=severity_text,
                    side=side[1] if side and side[1] != "none" else None,
                    zone=zone[1] if zone else None,
                    text=text[c_start:c_end],
                    start=c_start,
                    end=c_end,
                    section=sentence.section,
                )
            )
            placed.append(
                attributes.Placed(
                    sentence_findings[-1],
                    cand.start,
                    cand.end,
                    (cand.cue_start, cand.cue_end) if cand.cue_start is not None else None,
                    cand.anchor,
                )
            )
        # "Disc bulge. Facet arthropathy and ligamentum flavum thickening. Together these
        # produce moderate canal stenosis": what acts in the sentences of its level block
        block = (sentence.section, getattr(sentence, "heading_levels", ()))
        acting = previous_causes
        if block == block_causes[0] and block[1] and attributes.THESE_ACT.search(sentence_text):
            acting = tuple(dict.fromkeys((*block_causes[1], *previous_causes)))
        sentence_findings, orphans, carried = attributes.apply(
            doc, text, placed, s0, s1, set(stops), dm, acting, carried
        )
        if orphans and previous_causes:
            # "A left facet synovial cyst ..., narrowing the left lateral recess and compressing
            # the L5 root. It measures 9 x 7 mm.": the thing that presses, not the narrowing
            things = [c for c in previous_causes if c not in kb.cause.effects]
            measured = things[0] if things else previous_causes[-1]
            for k in range(len(findings) - 1, -1, -1):
                if findings[k].concept == measured:
                    old = findings[k]
                    findings[k] = dataclasses.replace(old, size=old.size + orphans)
                    break
        # "Resolved left L4/5 extrusion.": what has gone is ruled out now, with its change
        sentence_findings = [
            dataclasses.replace(f, assertion="negated")
            if f.change == "resolved" and f.assertion == "present"
            else f
            for f in sentence_findings
        ]
        sentence_findings = _alternative_sized(sentence_findings)
        sentence_findings = _graded_now(doc, dm, s0, s1, sentence_findings)
        sentence_findings = _graded_per_side(sentence_text, sentence_findings, sentence.start)
        sentence_findings = _graded_at_level(text, sentence_findings, sentence.end)
        findings.extend(sentence_findings)
        if sentence_findings:
            last_found = (len(findings) - len(sentence_findings), len(findings))
        if block != block_causes[0]:
            block_causes = (block, ())
        block_causes = (block, tuple(dict.fromkeys((*block_causes[1], *previous_causes))))
        # what acts in this sentence, for "It also indents the sac" in the next: a cause
        # carried from the sentence before ("This cyst ... compresses the root") first
        previous_causes = tuple(
            dict.fromkeys(
                [
                    f.cause
                    for f in sentence_findings
                    if f.cause in kb.cause.causes
                    and f.cause not in kb.cause.need_causal_link
                    and f.assertion in ("present", "uncertain")
                    and f.cause in previous_causes
                ]
                + [
                    f.concept
                    for f in sentence_findings
                    if f.concept in kb.cause.causes and f.assertion in ("present", "uncertain")
                ]
            )
        )

        if sentence.section == "history":
            if letter:
                flags.extend(
                    f
                    for f in _flags(doc, dm, cues, sentence, s0, s1, sentence_text, [], [])
                    if f.kind == "treatment_advice"
                )
            continue
        # a technique line says what was done ("performed without intravenous contrast"): never
        # a recommendation of a test
        sentence_flags = (
            []
            if sentence.section == "technique"
            else _flags(doc, dm, cues, sentence, s0, s1, sentence_text, tests, choices)
        )
        for finding in sentence_findings:
            if finding.hedge:
                flags.append(Flag("hedge", finding.hedge, *_cue_span(doc, cues, finding)))
        flags.extend(sentence_flags)
        # "A CT of the lumbar spine performed in 2023 ... has now been reviewed" (an addendum):
        # a test suggested earlier that has been done is no longer suggested
        if tests and all(f.kind != "recommendation" for f in sentence_flags):
            if _cue("test_done").search(sentence_text):
                done = {m.test_ids[i] for i, _s, _e in _within(dm.tests, s0, s1)}
                tests[:] = [t for t in tests if t not in done]
                choices[:] = [c for c in choices if not set(c) & done]
        # withdrawn wherever the sentence stands (an addendum above the original report)
        if _cue("test_withdrawn").search(sentence_text):
            withdrawn.update(m.test_ids[i] for i, _s, _e in _within(dm.tests, s0, s1))

        if sentence.section not in REPORTED_SECTIONS:
            continue
        if pending and _explains(pending, sentence.section, sentence_findings, sentence_text):
            # the danger sentence, and what was said of it in between ("It measures ...")
            del unexplained[pending[0] : pending[0] + 1 + described]
            named_danger = sentence.section
        elif (
            pending and not sentence_findings and not described and _DESCRIBES.match(sentence_text)
        ):
            # "There is a dorsal epidural collection ... It measures up to 9 mm ... This most
            # likely represents an acute epidural haematoma.": the next sentence but one names it
            described = 1
            unexplained.append(Unexplained(sentence_text, sentence.start, sentence.end, False))
            continue
        pending = None
        described = 0
        danger = _uncovered_danger(doc, dm, cues, s0, s1, sentence_findings)
        if danger and named_danger == sentence.section and REFERS_BACK.match(sentence_text):
            # "The collection compresses the thecal sac": the collection a red flag named
            danger = False
            if not sentence_findings:
                continue
        if danger and sentence_flags and _cue("clinical_question").search(sentence_text):
            # "MRI ... would be more sensitive for bone marrow edema": what a test would look for
            danger = False
        if danger and _cue("seroma_named").search(sentence_text):
            # "... fluid collection in the laminectomy bed, most likely a seroma": named as
            # benign; still the GP's to see, and said in plain words (lay.yaml `described`)
            unexplained.append(Unexplained(sentence_text, sentence.start, sentence.end, False))
            continue
        if danger:
            levels = frozenset(v for mention in find_levels(sentence_text) for v in mention.levels)
            # "L4-5: ... There is a thin-walled fluid collection ...": the level of its heading
            levels = levels or frozenset(getattr(sentence, "heading_levels", ()) or ())
            # (one with no level too: "In the sacroiliac joints there is ... marrow oedema ...
            # Appearances are of active bilateral sacroiliitis.", round 40's GP)
            pending = (len(unexplained), levels, sentence.section)
            unexplained.append(Unexplained(sentence_text, sentence.start, sentence.end, True))
            continue
        if sentence_findings or sentence_flags:
            continue
        if (
            _is_plain_normal(dm, s0, s1) and not _NEVER_PLAIN.search(sentence_text)
        ) or _is_level_heading_only(sentence_text):
            continue
        if _only_ruled_out_danger(dm, cues, s0, s1):
            continue  # "No epidural collection.": a danger word the report rules out
        if (
            _cue("test_done").search(sentence_text) or _cue("test_withdrawn").search(sentence_text)
        ) and _within(dm.tests, s0, s1):
            # "A CT ... performed in 2023 ... has now been reviewed.": a comparison; "The CT
            # suggested ... is no longer required.": a test the text no longer suggests
            continue
        if _cue("age_first").match(sentence_text):
            continue  # "45 year old male, right thigh pain x 2 months.": the history, pasted in
        if _said_of_the_last(dm, findings, last_found, sentence_text, s0, s1):
            continue  # "This is new since the 2023 radiographs.": of the finding just named
        unexplained.append(Unexplained(sentence_text, sentence.start, sentence.end, False))

    unexplained = [u for u in unexplained if not _named_at_its_place(u, findings)]
    findings = _named_causes(findings)
    findings = _marrow_of_infection(findings, text)
    if withdrawn:
        tests = [t for t in tests if t not in withdrawn]
        choices = [c for c in choices if not set(c) & withdrawn]
        flags = [
            dataclasses.replace(f, tests=tuple(t for t in f.tests if t not in withdrawn))
            for f in flags
        ]
    return findings, _dedupe_flags(flags), unexplained, tests, choices


def _marrow_of_infection(findings: list[Finding], text: str) -> list[Finding]:
    """ "ill-defined low T1 and high STIR signal in the marrow on both sides of the L5-S1 disc.
    Early L5-S1 discitis cannot be excluded ...": the marrow change is what the report weighs as
    infection at that place (or, it says, a Modic change), not an area that needs tests for
    cancer (round 40's GP: "garbles the bone-marrow finding"; SYNTHETIC.md convention 9)."""
    infected = [
        f
        for f in findings
        if f.concept == "infection" and f.assertion in ("present", "uncertain") and f.levels
    ]
    out = []
    for f in findings:
        said_of_marrow = (
            f.concept == "malignancy"
            and f.assertion == "uncertain"
            and not f.hedge
            and _cue("marrow_words").search(text[f.start : f.end])
        )
        explained = said_of_marrow and any(
            set(g.levels) == set(f.levels)
            and 0 <= g.start - f.end <= 300
            and "\n\n" not in text[f.end : g.start]
            for g in infected
        )
        if not explained:
            out.append(f)
    return out


def _named_causes(findings: list[Finding]) -> list[Finding]:
    """ "The epidural component of the lesion indents the thecal sac" at T11, and "T11 ...
    lesion ..., suspicious for metastasis" in the impression: what presses is the red flag the
    report names at that one place, not a thing of unstated nature (round 39)."""
    out = list(findings)
    for i, f in enumerate(out):
        if f.cause != "unexplained" or len(f.levels) != 1:
            continue
        named = {
            g.concept
            for g in findings
            if g.concept in ("malignancy", "infection")
            and g.assertion in ("present", "uncertain")
            and g.levels == f.levels
        }
        if len(named) == 1:
            cause = named.pop()
            out[i] = dataclasses.replace(
                f, cause=cause, causes=tuple(c if c != "unexplained" else cause for c in f.causes)
            )
    return out


def _named_at_its_place(u: Unexplained, findings: list[Finding]) -> bool:
    """A lesion described in the findings at one level and named in the impression as a benign
    thing there ("A 14 mm rounded lesion in the posterior L2 vertebral body ..." and "14 mm L2
    vertebral haemangioma, typical appearance"), or as a possible cancer or infection there:
    the report explains it at its only place (docs/domain.md section 4.5); nothing of it is left
    to the GP to explain."""
    levels = {lv for mention in find_levels(u.text) for lv in mention.levels}
    if len(levels) != 1:
        return False
    benign = set(knowledge.load().lay.get("benign_lesions") or ())
    # or as a red flag the report keeps open there ("likely an atypical haemangioma, although a
    # metastasis is not entirely excluded"): the patient text says that doubt at that place
    doubted = {"malignancy", "infection"}
    return any(
        (
            (f.concept in benign and f.assertion == "present")
            or (f.concept in doubted and f.assertion in ("present", "uncertain"))
        )
        and set(f.levels) == levels
        for f in findings
    )


def _said_of_the_last(dm, findings: list, last_found, sentence_text: str, s0: int, s1: int) -> bool:
    """A sentence that only says something more of the finding just named, with a pronoun: its
    change since an earlier scan ("This is new since the 2023 radiographs.") is that finding's,
    and its age ("It is possibly chronic.") is read with it; the sentence is explained."""
    if last_found is None:
        return False
    # "Anterior height loss is approximately 35%.": the height the broken bone just named lost
    a, b = last_found
    if _cue("fracture_height").match(sentence_text) and any(
        findings[k].concept == "fracture" for k in range(a, b)
    ):
        return True
    if not _cue("pronoun_first").match(sentence_text):
        return False
    m = pipeline.matchers()
    changes = pipeline.longest([x for x in dm.change if x[1] >= s0 and x[2] <= s1])
    if changes:
        value = m.change_rules[changes[0][0]].value
        a, b = last_found
        for k in range(a, b):
            if findings[k].assertion in ("present", "uncertain") and findings[k].change is None:
                findings[k] = dataclasses.replace(findings[k], change=value)
        return True
    # "It needs no follow-up.": the writer says so with the finding
    if _cue("no_more_scans").search(sentence_text):
        return True
    return bool(_cue("age_words").search(sentence_text))


def _cue(name: str) -> re.Pattern:
    """A phrase of cues.yaml, compiled."""
    return knowledge.load().cues[name]


def _cue_span(doc, cues: list[Cue], finding: Finding) -> tuple[int, int]:
    for cue in cues:
        if cue.text == finding.hedge:
            start = doc[cue.start].idx
            return start, start + len(cue.text)
    return finding.start, finding.end


def _flags(doc, dm, cues, sentence, s0, s1, sentence_text, tests_out, choices_out) -> list[Flag]:
    m = pipeline.matchers()
    kinds: list[str] = []
    for index, _s, _e in _within(dm.flags, s0, s1):
        kind = m.flag_kinds[index]
        if kind not in kinds:
            kinds.append(kind)
    named = []
    spans = []
    for index, s, e in pipeline.longest(_within(dm.tests, s0, s1)):
        if assert_target(cues, s, e).value == "negated" and any(
            c.category == "negated" and c.start < e for c in applicable(cues, s, e, True)
        ):
            # "No further imaging is required for it.": a test the report rules out (not "MRI
            # ... is recommended for deposits not visible on CT", where the negation after it is
            # the deposits')
            continue
        if _cue("test_limited").match(doc[e : min(len(doc), e + 5)].text):
            continue  # "radiographs are insensitive to fracture": what a test can miss
        if _cue("test_referenced").search(doc[max(s0, s - 5) : s].text + " "):
            continue  # "described on the recent radiographs": a study referred to
        if s > s0 and _cue("test_as_condition").match(doc[s - 1 : min(s1, e + 8)].text):
            continue  # "if blood cultures are negative": a test under way, not suggested
        if doc[s:e].text in ("Mr", "Mr.") and e < len(doc) and doc[e].text[:1].isupper():
            continue  # "the on-call spinal team (Mr D. Fairbairn-Osei)": a surgeon, not MR
        test_id = m.test_ids[index]
        spans.append((test_id, s, e))
        if test_id not in named:
            named.append(test_id)
    # "CT abdomen and pelvis 12 May 2025.": the month is no "may"; "no fluid or oedema to
    # suggest loosening": what a finding would show, not a request
    asking = [
        (i, s, e)
        for i, s, e in _within(dm.recommend, s0, s1)
        if not (
            doc[s].lower_ == "may"
            and e - s == 1
            and ((s > 0 and doc[s - 1].like_num) or (e < len(doc) and doc[e].like_num))
        )
        and not (doc[s].lower_.startswith("suggest") and s > 0 and doc[s - 1].lower_ == "to")
        # "they may reflect a Modic reaction, which can look identical on MRI": a hedge and what
        # a scan shows, not a request
        and not (
            e - s == 1
            and doc[s].lower_ in ("may", "can", "could", "might")
            and e < len(doc)
            and doc[e].lower_ in _NOT_ASKED_AFTER
        )
    ]
    recommends = bool(asking)
    # "Please quote this numbering ..., as counting on MRI or in theatre may differ": a test
    # named in a reason given after the request is not one the report asks for
    asks = [s for _i, s, _e in asking]
    reasons = [
        t.i
        for t in doc[s0:s1]
        if t.lower_ in _REASON_WORDS
        and asks
        and t.i > min(asks)
        and (t.lower_ != "assess" or (t.i > 0 and doc[t.i - 1].lower_ == "to"))
        and not (t.i > 0 and doc[t.i - 1].lower_ in ("such", "as", "so"))  # "such as MRI"
    ]
    if reasons:
        spans = [sp for sp in spans if not any(r < sp[1] for r in reasons)]
        named = list(dict.fromkeys(sp[0] for sp in spans))
    # "MRI of the SIJs is recommended rather than repeat radiographs": the test set aside
    aside = [
        sp
        for sp in spans
        if re.search(
            r"\b(?:rather\s+than|instead\s+of)\s+(?:\w+\s+){0,2}$",
            doc[max(s0, sp[1] - 5) : sp[1]].text + " ",
            re.I,
        )
    ]
    if aside:
        spans = [sp for sp in spans if sp not in aside]
        named = list(dict.fromkeys(sp[0] for sp in spans))
    # "Plain films are insensitive for early stress reaction; MRI can be considered if symptoms
    # persist.": of a sentence in clauses, only the tests of a clause that recommends
    # "radiographs are insensitive to early inflammatory change - if ... MRI is recommended": a
    # dash set apart by spaces cuts a clause too
    cuts = [
        i
        for i in range(s0, s1)
        if doc[i].text == ";"
        or (
            doc[i].text in ("-", "–", "—")
            and i > 0
            and doc[i - 1].whitespace_
            and doc[i].whitespace_
        )
    ]
    if cuts and recommends:
        bounds = list(zip([s0, *[c + 1 for c in cuts]], [*cuts, s1], strict=True))
        advised = [
            (a, b)
            for a, b in bounds
            # "Plain films cannot assess the canal": "can not" recommends nothing
            if any(
                not (e < len(doc) and doc[e].lower_ in ("not", "n't"))
                for _i, _s, e in _within(dm.recommend, a, b)
            )
            or any(m.flag_kinds[i] == "recommendation" for i, _s, _e in _within(dm.flags, a, b))
        ]
        spans = [sp for sp in spans if any(a <= sp[1] < b for a, b in advised)]
        named = list(dict.fromkeys(sp[0] for sp in spans))
    real_tests = [t for t in named if t != "clinical_correlation"]
    # "should be interpreted alongside the clinical and laboratory picture": results already
    # there to be read with the scan, no blood test suggested (round 38's GP)
    if _cue("read_alongside").search(sentence_text):
        real_tests = [t for t in real_tests if t != "blood_tests"]
    # "A CT ... performed in 2023 ... has now been reviewed": a test done, not one suggested;
    # "The CT suggested in the original report is no longer required": one withdrawn
    if real_tests and (
        _cue("test_done").search(sentence_text) or _cue("test_withdrawn").search(sentence_text)
    ):
        recommends = False
        kinds = [k for k in kinds if k != "recommendation"]
    if recommends and real_tests and "recommendation" not in kinds:
        kinds.append("recommendation")
    if "recommendation" in kinds:
        tests_out.extend(t for t in real_tests if t not in tests_out)
        choice = _alternatives(doc, [sp for sp in spans if sp[0] in real_tests])
        if choice and choice not in choices_out:
            choices_out.append(choice)
    own = tuple(real_tests) if "recommendation" in kinds else ()
    if_tests, if_text = _conditional_clause(doc, cuts, s0, s1, spans, own)
    return [
        Flag(
            kind,
            sentence_text,
            sentence.start,
            sentence.end,
            own if kind == "recommendation" else (),
            if_tests if kind == "recommendation" else (),
            if_text if kind == "recommendation" else "",
        )
        for kind in kinds
    ]


def _conditional_clause(doc, cuts, s0, s1, spans, own) -> tuple[tuple[str, ...], str]:
    """ "Recommend a whole-body bone scan; if this is negative, follow-up MRI of the lumbar
    spine in 3 months.": the tests of the clause after a cut that opens on a condition (cues.yaml
    `clause_if`), where an earlier clause names a test of its own, and that clause's text (round
    43's GP: the plan read as three tests that "may help")."""
    for cut in cuts:
        clause = doc[cut + 1 : s1]
        if not _cue("clause_if").match(clause.text):
            continue
        later = tuple(dict.fromkeys(t for t, s, _e in spans if s > cut and t in own))
        earlier = [t for t, s, _e in spans if s0 <= s < cut and t in own]
        if later and earlier:
            return later, clause.text
    return (), ""


def _alternatives(doc, spans) -> tuple[str, ...]:
    """The tests of one sentence the report offers as a choice: "CT of the sacrum or a bone
    scan" names them with "or" between them (docs/domain.md section 4.5 keeps its words)."""
    ids: list[str] = []
    for (a, _s, a_end), (b, b_start, _e) in zip(spans, spans[1:], strict=False):
        between = doc[a_end:b_start].text.lower()
        if not re.search(r"\bor\b", between) or re.search(r"\band\b|[.;:]", between):
            return ()
        ids.extend(t for t in (a, b) if t not in ids)
    return tuple(ids) if len(ids) > 1 else ()


# a finding named only to point to where the report describes it further on (the later mention
# is read; one "described above" may be all the report says of it)
_ELSEWHERE_SAID = re.compile(
    r"^\s*(?:changes?\s+)?(?:(?:as\s+)?(?:described|mentioned|detailed|discussed|noted)\s+"
    r"(?:below|later)|as\s+below)\b",
    re.I,
)

_NOT_ASKED_AFTER = {
    "reflect",
    "represent",
    "look",
    "appear",
    "mimic",
    "indicate",
    "relate",
    "be",
    "account",
    "simulate",
    "resemble",
    "show",
    "explain",
    "contribute",
    "underestimate",
    "miss",
    "overestimate",
    "overcall",
    "undercall",
}

_NODE_BACK = re.compile(r"^\W*the\s+(?:[lts]\d{1,2}\s+)?(?:schmorl'?s?\s+)?nodes?\b", re.I)


def _uncovered_danger(doc, dm, cues, s0, s1, sentence_findings: list[Finding]) -> bool:
    # Only a red flag accounts for a danger word elsewhere in its sentence: a stenosis beside
    # "an enhancing collection" does not explain the collection.
    # A red flag the report reads as benign ("metastasis not favoured") accounts for it too.
    serious = any(
        (f.tier == "urgent" or f.concept in SERIOUS)
        and (f.assertion in ("present", "uncertain") or f.hedge)
        for f in sentence_findings
    ) or _named_benign(doc[s0:s1].text, sentence_findings)
    # "The L3 node has a thin rim of surrounding marrow oedema": the Schmorl's node just named
    serious = serious or bool(_NODE_BACK.match(doc[s0:s1].text))
    stops = sorted(c.start for c in cues if c.category == "terminate")
    otherwise = {c.start for c in cues if c.text.lower() == "otherwise"}
    normal_words = [s for _i, s, _e in _within(dm.normals, s0, s1)]
    for _index, s, e in pipeline.longest(_within(dm.danger, s0, s1)):
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        if any(f.start <= start and end <= f.end for f in sentence_findings):
            continue  # the danger word is part of a finding's own words ("renal mass")
        said = assert_target(cues, s, e)
        if said.value == "negated" or said.benign:
            continue  # ruled out, or read as benign ("a benign-appearing lesion")
        lo = max([p for p in stops if p <= s] + [s0])
        # "Marrow signal is otherwise within normal limits": "otherwise" ends no clause here
        hi = min([p for p in stops if p >= e and p not in otherwise] + [s1])
        if any(lo <= n <= hi for n in normal_words):
            continue  # "normal in height and marrow signal": said to be normal
        if _cue("settled").search(doc[lo:hi].text):
            continue  # "the prevertebral soft tissue thickening has almost completely settled"
        if "marrow" in doc[s:e].text.lower() and _cue("marrow_explained").search(doc[s0:s1].text):
            continue  # "marrow signal is heterogeneous, in keeping with osteoporosis"
        if serious:
            continue
        if _cue("enhancing").search(doc[s:e].text) and _scar_explains(
            doc[s0:s1].text, sentence_findings
        ):
            continue  # "enhancing epidural fibrosis (postoperative scar)": scar enhances
        return True
    return False


_DISCS = ("disc_extrusion", "disc_herniation", "disc_protrusion", "disc_sequestration")


def _scar_explains(sentence_text: str, findings) -> bool:
    """Enhancement a report gives to scar after surgery ("Enhancing epidural fibrosis
    (postoperative scar)") or to the rim of a disc that does not enhance itself ("non-enhancing
    disc extrusion with peripheral enhancement only"): what it means is said, no danger."""
    concepts = {f.concept for f in findings if f.assertion in ("present", "uncertain")}
    if "postoperative_change" in concepts:
        return True
    rim = re.search(
        r"\b(?:peripheral|rim|marginal)\s+enhanc|\bnon-?enhancing\b", sentence_text, re.I
    )
    # "It is T2 hypointense with thin peripheral enhancement and a non-enhancing core,
    # consistent with recurrent disc material."
    disc = bool(concepts & set(_DISCS)) or bool(
        re.search(r"\bdisc\s+(?:material|fragment|herniation)\b", sentence_text, re.I)
    )
    return bool(rim and disc)


def _named_benign(sentence_text: str, findings) -> bool:
    """The sentence names what its lesion is, a benign finding at the sentence's only place
    ("14 mm L3 vertebral lesion, consistent with a hemangioma."): that accounts for the danger
    word. Two places ("L3 haemangioma and a lytic lesion at L5") never do."""
    explainers = set(knowledge.load().benign.get("explained_by", ()))
    places = {v for mention in find_levels(sentence_text) for v in mention.levels}
    # "which is probably a haemangioma": named too, as the report leans
    likely = set(knowledge.load().lay["certainty"]["likely_words"])
    return any(
        f.concept in explainers
        and (
            f.assertion == "present"
            or (f.assertion == "uncertain" and (f.hedge or "").lower() in likely)
        )
        and places <= set(f.levels)
        for f in findings
    )


# a sentence that goes on about the thing before it ("It measures ...", "It is ...")
_DESCRIBES = re.compile(r"^\W*(?:it|this)\s+(?:measures|is|extends|lies|has|shows|returns)\b", re.I)
# a sentence about a thing already named ("The collection compresses the thecal sac")
REFERS_BACK = re.compile(
    r"^\W*(?:the|this)\s+(?:collection|lesion|mass|haematoma|hematoma)\b", re.I
)
# a sentence that says what the thing before it is ("This most likely represents ...", "The
# collection is in keeping with ..."): the danger it names is explained (here), and the named
# finding takes the thing's side and sizes (report._named_collections)
NAMES_IT = re.compile(
    r"^\W*(?:this|it|these|they|appearances?|the\s+(?:collection|lesion|mass))\s+(?:\w+\s+){0,2}?"
    r"(?:represents?|is|are|likely|probably|in\s+keeping|consistent|compatible|suggest)",
    re.I,
)


def _explains(
    pending: tuple[int, frozenset[str], str], section: str, findings, sentence_text: str
) -> bool:
    """The next sentence names a red flag, stated or hedged, at a level of the danger sentence
    before it, in the same section: that red flag accounts for the danger words (docs/domain.md
    section 4.5), and the patient text states the red flag itself. So does a next sentence that
    says what the lesion is, a benign finding at its level or at none ("A 12 mm lytic-appearing
    lesion in the L4 body. Appearances are typical of a haemangioma.")."""
    _index, levels, pending_section = pending
    if section != pending_section:
        return False
    # "... marrow signal with avid enhancement in the inferior L2 and superior L3 vertebral
    # bodies. Appearances are highly suspicious for L2-L3 discitis-osteomyelitis.": the disc
    # between two bones named is at their place
    bones = {lv for lv in levels if "-" not in lv}
    between = {
        disc
        for a in bones
        for b in bones
        if a < b and len(discs := discs_between(a, b)) == 1
        for disc in discs
    }
    if any(
        f.tier == "urgent"
        and f.assertion in ("present", "uncertain")
        and ((levels | between) & set(f.levels) or (not f.levels and NAMES_IT.match(sentence_text)))
        for f in findings
    ):
        return True
    rules = knowledge.load()
    characterises = any(
        re.search(rf"\b{re.escape(w)}\b", sentence_text, re.IGNORECASE)
        for w in rules.size.characterised_by
    )
    explainers = set(rules.benign.get("explained_by", ()))
    return characterises and any(
        f.concept in explainers
        and f.assertion == "present"
        and (not f.levels or levels & set(f.levels))
        for f in findings
    )


def _only_ruled_out_danger(dm, cues, s0, s1) -> bool:
    mentions = pipeline.longest(_within(dm.danger, s0, s1))
    return bool(mentions) and all(
        assert_target(cues, s, e).value == "negated" for _i, s, e in mentions
    )


# a variant the report describes beside its "not compressed" is said to the patient, not
# folded away as a normal ("Conjoined left L5 and S1 nerve roots ... are not compressed")
_NEVER_PLAIN = re.compile(r"\bconjoined\b|\bspina\s+bifida\b", re.IGNORECASE)


def _is_plain_normal(dm, s0, s1) -> bool:
    return bool(_within(dm.normals, s0, s1))


def _is_level_heading_only(sentence_text: str) -> bool:
    stripped = sentence_text
    for mention in reversed(find_levels(sentence_text)):
        stripped = stripped[: mention.start] + stripped[mention.end :]
    return not re.search(r"[A-Za-z]{3,}", re.sub(r"(?i)\blevels?\b", "", stripped))


_AORTA_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(cm|mm)\b", re.I)


def _measurements(doc, span, words: set[str]) -> list[_Candidate]:
    """An abdominal aorta of 3.0 cm or more is an aneurysm even when the word is not used."""
    if not any(w.startswith("aort") for w in words) or any(w.startswith("aneurys") for w in words):
        return []
    text = span.text
    for match in _AORTA_SIZE.finditer(text):
        size = float(match.group(1)) / (10 if match.group(2).lower() == "mm" else 1)
        if size >= 3.0:
            char_start = span.start_char + match.start()
            char_end = span.start_char + match.end()
            target = doc.char_span(char_start, char_end, alignment_mode="expand")
            return [_Candidate("aortic_aneurysm", target.start, target.end)]
    return []


def _dedupe_flags(flags: list[Flag]) -> list[Flag]:
    seen = set()
    out = []
    for flag in flags:
        key = (flag.kind, flag.start, flag.end)
        if key not in seen:
            seen.add(key)
            out.append(flag)
    return out
