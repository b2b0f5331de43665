"""Write for the patient: a separate lay summary and a plain-language conclusion.

The writer works on merged records (engine.merge): each finding at each place is said once,
with its level, side, size, severity word, change, cause or effect and the report's certainty
(engine.statements). Red flags, and whatever an urgent finding presses on, come first under
"What needs follow-up" with one urgency line and the fixed safety-netting; dangerous unexplained
content is said first there, other unexplained content last under "What it found". A normal, not
final, addendum or non-report document is said plainly. No causal claim or treatment advice is
carried over; a finding the report rules out is never stated as present.

Every word comes from lay.yaml and prevalence.yaml; the modules here only choose and order them:
places (level and side words), merge (records), statements (sentences), prevalence_text,
glossary and conclusion.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import document as doc_kind
from . import knowledge
from .complications import problems
from .conclusion import Conclusion, conclude, tests_line
from .conditions import named as named_conditions
from .glossary import glossary_for
from .levels import find_levels, sort_levels
from .merge import (
    SEVERITY_ORDER,
    Record,
    Statement,
    merge,
    merge_record,
    names_abscess,
    sides_conflict,
)
from .places import one_level, region, side_words, where
from .prevalence_text import DISC_GROUP, not_from_wear, prevalence_for
from .safety import SERIOUS  # not urgent, but said under "What needs follow-up"
from .statements import (
    HARD,
    _with_sev,
    absorbed,
    benign_break,
    cancer_named,
    certainty_key,
    change_words,
    details,
    effusion_only,
    grade,
    item,
    join,
    many,
    most_of_all,
    name_of,
    outside_name,
    outside_rules_out,
    outside_what,
    place_without_level,
    say,
    sentence_around,
    severity_word,
    size_sentence,
    thought_unlikely,
    widespread,
)

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# the severities said first at a place ("severe left and moderate right foraminal narrowing")
_STRONG_SEVERITIES = SEVERITY_ORDER[SEVERITY_ORDER.index("moderate-severe") :]
NERVE_CONTACT = ("nerve_root_compression", "nerve_root_contact")
KEYS = ("looked_at", "follow_up", "found", "prevalence", "next", "words", "sources")


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Writing:
    summary: list[Section]
    conclusion: str
    glossary: list[dict]
    prevalence: list[dict]
    prevalence_notes: list[str]
    recommendations: list[str]
    safety_sentences: frozenset[str]  # fixed safety sentences, exempt from the grade limit
    statements: list[Statement] = field(default_factory=list)
    normal_sentences: frozenset[str] = frozenset()  # stated normals: not reassurance

    @property
    def summary_text(self) -> str:
        return summary_text(self.summary)


def summary_text(sections: list[Section]) -> str:
    return "\n\n".join("\n".join([s.heading, *s.paragraphs]) for s in sections)


def _lay() -> dict:
    return knowledge.load().lay


def fixed(key: str) -> str:
    return _lay()["fixed"][key]["text"]


def fixed_heading(key: str) -> str:
    return _lay()["headings"][key]


def _levels_touch(a, b) -> bool:
    return bool(set(a) & set(b)) or (not a and not b)


def _levels_near(a, b) -> bool:
    """Levels that share a vertebra: L3 and L2-L3."""

    def bones(levels) -> set[str]:
        return {v for lv in levels for v in lv.split("-")}

    return bool(bones(a) & bones(b))


def _safety_sentences() -> frozenset[str]:
    """The fixed safety text, each sentence, and the emergency netting as the conclusion runs it
    on in one paragraph."""
    fixed_ = _lay()["fixed"]
    out = set()
    for entry in fixed_.values():
        for one in entry if isinstance(entry, list) else [entry]:
            if one.get("safety"):
                out.add(one["text"])
    listed = [fixed_["emergency_netting"]["text"], *(i["text"] for i in fixed_["emergency_list"])]
    out.add(" ".join(listed))
    return frozenset(out)


class _Collect:
    """Paragraphs of one section, and the statement made of each record said there."""

    def __init__(self, key: str, statements: list[Statement]) -> None:
        self.section = Section(key, fixed_heading(key))
        self.statements = statements

    def add(self, text: str, record: Record | None = None) -> None:
        if not text or (record is None and text in self.section.paragraphs):
            return
        if record is not None:
            text = self._apart(text, record)
            text = self._first_look_once(text)
        self.section.paragraphs.append(text)
        if record is not None:
            self.statements.append(Statement(record, self.section.key, text))

    def _first_look_once(self, text: str) -> str:
        """A preliminary report's "The first look at the scan shows ..." once in a section; the
        findings after it "The scan also shows ..."."""
        certainty = _lay()["certainty"]
        first = certainty["preliminary"].split("{", 1)[0]
        if text.startswith(first) and any(p.startswith(first) for p in self.section.paragraphs):
            return certainty["preliminary_again"].split("{", 1)[0] + text[len(first) :]
        return text

    def _apart(self, text: str, record: Record) -> str:
        """ "At L4-L5, it is bigger than on your last scan." said of a second finding at that
        place is said by its name ("The slip at L4-L5 is bigger ..."), so no sentence repeats."""
        # in any section so far: the sentence must not repeat anywhere in the summary
        texts = [*self.section.paragraphs, *(s.text for s in self.statements)]
        said = {x for p in texts for x in re.split(r"(?<=[.!?])\s+", p)}
        # a finding read as benign is not named by the noun of the finding it is not
        benign = record.certainty in ("benign", "negated")
        noun = None if benign else _lay()["concepts"][record.concept].get("noun")

        def name(match: re.Match) -> str:
            return f"The {noun} at {match.group(1)} " if noun else match.group(0)

        codes = ", ".join(record.levels)

        def again(x: str) -> str:
            if x not in said:
                return x
            if codes and x.startswith("It "):  # "It is new since your last scan." said before
                return (f"The {noun} at {codes} " if noun else f"At {codes}, it ") + x[3:]
            if not x.startswith(("At ", "The scan")):
                # a detail two findings of one sentence share ("The right side is affected
                # more."): said with the first only
                return ""
            return re.sub(r"^At ([^,]+), it ", name, x)

        return " ".join(y for y in (again(x) for x in re.split(r"(?<=[.!?])\s+", text)) if y)


def _effect_said_elsewhere(record: Record, stated: list[Record]) -> bool:
    """A disc pressing on the left S1 nerve, beside a finding of pressure on that nerve: the
    pressure is said once, by the nerve's own finding."""
    return record.concept not in NERVE_CONTACT and any(
        o.concept in NERVE_CONTACT and o.effect and _levels_touch(o.levels, record.levels)
        for o in stated
    )


_PLACE_WORDS = re.compile(r"^This is (?:between|in) the ")


def _place_words_once(sections) -> None:
    """ "This is between the 4th and 5th bones of your lower back." once in the summary: a line
    about past surgery under "What needs follow-up" and a slip under "What it found" each put
    L4-L5 in words (syn_608: said twice)."""
    seen: set[str] = set()
    for section in sections:
        for i, paragraph in enumerate(section.paragraphs):
            kept = []
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
                if _PLACE_WORDS.match(sentence):
                    if sentence in seen:
                        continue
                    seen.add(sentence)
                kept.append(sentence)
            section.paragraphs[i] = " ".join(kept)


def _own_terms(said: str, glossary: list[dict]) -> dict[str, str]:
    """Terms of lay.yaml `own_terms` that the patient text itself uses ("your sacrum") and the
    report's glossary does not already define, with their definitions."""
    defined = {g["term"].lower() for g in glossary}
    definitions = {g["definition"] for g in glossary}  # "aneurysmal" defines "aneurysm"
    return {
        term: definition
        for term, definition, pattern in _own_term_patterns()
        if pattern.search(said) and term not in defined and definition not in definitions
    }


@lru_cache(maxsize=1)
def _own_term_patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple(
        (term, definition, re.compile(rf"\b{term}\b"))
        for term, definition in knowledge.load().lay["own_terms"].items()
    )


def _said(
    record: Record,
    text: str,
    document: str,
    stated: list[Record],
    described: set | None = None,
    pressing: tuple[Record, ...] = (),
) -> str:
    """The record's sentences; `described` holds the places already put in words in this text
    (a later finding there names only the code), and gains this record's place."""
    with_effect = not _effect_said_elsewhere(record, stated)
    place_said = described is not None and bool(record.levels) and record.levels in described
    out = say(
        record, text, document, with_effect=with_effect, place_said=place_said, pressing=pressing
    ).text
    if described is not None and record.levels:
        described.add(record.levels)
    return out


def _pressed_by(stated: list[Record]) -> dict[int, tuple[Record, ...]]:
    """What each urgent finding presses on (a tumour, abscess or haematoma on the thecal sac or
    a nerve), when the report states the cause at that place: said in the cause's sentence."""
    out: dict[int, list[Record]] = {}
    for r in stated:
        if not r.cause or r.cause == "unexplained" or r.cause == r.concept:
            continue
        if not _lay()["concepts"][r.concept].get("pressed"):
            continue
        cause = knowledge.load().concepts.get(r.cause)
        if cause is None or cause.tier != "urgent":
            continue
        home = next(
            (
                c
                for c in stated
                if c.concept == r.cause
                and c.certainty == r.certainty
                and (not c.levels or not r.levels or _levels_near(c.levels, r.levels))
            ),
            None,
        )
        if home is not None:
            out.setdefault(id(home), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _sac_pressed_by(records: list[Record]) -> dict[int, tuple[Record, ...]]:
    """The sac of fluid around the nerves pressed or touched by a disc (or other finding) the
    report names at the same place with the same certainty: said in that finding's sentence ("a
    disc bulge on the left at L5-S1, pressing on the sac of fluid around the nerves")."""
    out: dict[int, list[Record]] = {}
    # a disc touching a nerve is the disc's own sentence too ("a disc protrusion ... It is
    # touching the L5 nerve on the right."): one finding, said once; and a bony spur or a cyst
    # touching one, as the report names its cause
    discs = ("disc_bulge", *(_lay().get("same_disc") or ()))
    causes = (*discs, *(_lay()["concepts"]["nerve_root_contact"].get("by_cause") or ()))
    for r in records:
        entry = _lay()["concepts"][r.concept]
        # ("The disc osteophyte complex probably contacts the L5 root", "... most likely will
        # affect the S1 nerve root": the hedge is the touch's or the pressure's)
        touching = r.concept == "nerve_root_contact" and r.cause in causes
        touching = touching and (r.certainty == "present" or r.cause not in discs)
        touching = touching or (
            r.concept == "nerve_root_compression"
            and r.cause in causes
            and r.certainty == "uncertain"
        )
        # a disc pressing on the sac or a nerve: the pressure is said with the disc, as the
        # report says it ("disc bulge ... compressing the thecal sac and both exit nerve roots")
        # (a narrowing with its own severity, or a pressure the report hedges or dates, keeps
        # its own sentence: "severe narrowing of the spinal canal", "may contact the S1 root")
        cause = knowledge.load().concepts.get(r.cause or "")
        by_cause = (
            cause is not None
            and cause.tier in ("common", "discuss")
            and r.certainty == "present"
            and (entry.get("pressed") or severity_word(r) is None)
        )
        pressed = (entry.get("pressed") or entry.get("narrowed")) and (
            r.tier == "minor" or by_cause
        )
        if not (pressed or touching) or not r.cause:
            continue
        # "Disc bulge, facet joint hypertrophy and ligamentum flavum thickening produce ...
        # bilateral lateral recess narrowing": a narrowing several findings make together is
        # said on its own, not as the last one's doing
        if entry.get("narrowed") and any(len(set(f.causes)) > 1 for f in r.mentions):
            continue
        home = next(
            (
                c
                for c in records
                if c.concept == r.cause
                and c is not r
                and (c.certainty == r.certainty or (touching and c.certainty == "present"))
                and (not r.change or r.change == c.change or touching)
                and (set(c.levels) & set(r.levels) or not (c.levels or r.levels))
                and not (c.levels and r.levels and not set(r.levels) <= set(c.levels))
                # "severe left and moderate right foraminal stenosis ... compressing the
                # exiting left L4 nerve root": the left narrowing's doing, not the right's
                and not sides_conflict(c.side, r.side)
            ),
            None,
        )
        if home is not None:
            out.setdefault(id(home), []).append(r)
    # a chain ("a protrusion ... in the lateral recess. It also indents the thecal sac"): what a
    # folded finding presses on goes to the finding it is folded into, said once
    folded_into = {id(p): home for home, group in out.items() for p in group}
    for home in list(out):
        top = home
        seen = {home}
        while top in folded_into and folded_into[top] not in seen:
            top = folded_into[top]
            seen.add(top)
        if top != home:
            out[top].extend(p for p in out.pop(home) if p not in out[top])
    return {k: tuple(v) for k, v in out.items()}


def _disc_groups(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """Wear, water loss and height loss at the same discs: one sentence."""
    group = _lay()["disc_group"]
    by_levels: dict[tuple, list[Record]] = {}
    for r in records:
        if (
            r.concept in DISC_GROUP
            and r.certainty == "present"
            and r.levels
            and not (r.sizes or r.change or r.side)
        ):
            by_levels.setdefault(r.levels, []).append(r)
    out = []
    for levels, members in by_levels.items():
        if len({m.concept for m in members}) < 2:
            continue
        plural = len(levels) > 1
        phrases = []
        for concept in DISC_GROUP:
            for m in members:
                if m.concept == concept:
                    words = group["items"][concept]
                    sev = severity_word(m)
                    phrase = (
                        words[3 if plural else 2].format(sev=sev) if sev else words[int(plural)]
                    )
                    phrases.append(phrase)
                    break
        noun = group["many"] if plural else group["one"]
        sentence = f"{noun}{where(levels)} {join(phrases)}."
        if grade(sentence) > 8:
            continue  # too hard to read as one: each finding in its own sentence
        out.append((sentence, members))
    return out


def _key_finding(r: Record, acting: tuple[Record, ...] = ()) -> bool:
    """What acts on a nerve, or narrows a space a lot: the finding the GP will explain, said
    first ("a protrusion touching the L5 nerve" before the worn discs at other places).
    `acting`: what the record presses on or touches, said in its sentence."""
    # a nerve the report thinks is likely pressed ("This most likely will affect the S1 nerve
    # root") comes first too, with its hedge
    nerve = any(x.concept in NERVE_CONTACT for x in (r, *acting))
    if nerve and certainty_key(r) == "likely":
        return True
    return r.certainty == "present" and (
        nerve or (r.tier == "discuss" and r.severity in ("moderate", *_STRONG_SEVERITIES))
    )


def _found_findings(
    found: _Collect,
    records: list[Record],
    text: str,
    document: str,
    stated: list[Record],
    described: set,
) -> None:
    """Common and discuss findings, place by place: the first finding at a place says where it
    is in words, the next ones by its code ("... at L4-L5"), so no sentence is said twice."""
    used: set[int] = set()
    groups = _disc_groups(records)
    for _sentence, members in groups:
        used |= {id(m) for m in members}
    pressed = _sac_pressed_by(records)
    folded = {id(p): home for home, group in pressed.items() for p in group}
    rest = [r for r in records if id(r) not in used and id(r) not in folded]
    order = {"discuss": 0, "common": 1}
    # the place of a severe key finding first, before a moderate one at another place (round
    # 50's GP: moderate L3-L4 narrowing said before severe L4-L5 narrowing)
    severe = {
        lv
        for r in rest
        if r.severity in _STRONG_SEVERITIES and _key_finding(r, pressed.get(id(r), ()))
        for lv in r.levels
    }
    rest.sort(
        key=lambda r: (
            not _key_finding(r, pressed.get(id(r), ())),
            not (_key_finding(r, pressed.get(id(r), ())) and set(r.levels) & severe),
            _place_order(r.levels),
            # the severe one of a place first ("severe left and moderate right foraminal
            # narrowing" said right first: round 47's GP)
            r.severity not in _STRONG_SEVERITIES,
            r.certainty != "present",
            order.get(r.tier, 2),
            r.start,
        )
    )
    said_with: set[int] = set()  # the other side of a narrowing said in one sentence
    for r in rest:
        if id(r) in said_with:
            continue
        other = _other_side(r, rest, pressed)
        if other is not None and grade(_both_sides(r, other)) <= HARD:
            # "Neural foraminal narrowing is moderate on the right and mild on the left.": one
            # sentence, as the report says it (round 46: two lines took a report to four pages)
            line = _both_sides(r, other)
            found.add(line, r)
            found.statements.append(Statement(other, "found", line))
            said_with.add(id(other))
            continue
        line = _said(r, text, document, stated, described, pressed.get(id(r), ()))
        found.add(line, r)
        for p in pressed.get(id(r), ()):
            found.statements.append(Statement(p, "found", line))
    for sentence, members in groups:
        found.add(sentence)
        for m in members:
            found.statements.append(Statement(m, "found", sentence))


def _other_side(r: Record, rest: list[Record], pressed) -> Record | None:
    """The same narrowing at the same one place on the other side, both stated plainly with a
    severity and nothing more (no size, change, cause or effect), or None."""
    plain = _lay()["fixed"]["both_sides"].get("only", [])

    def simple(x: Record) -> bool:
        return (
            x.concept in plain
            and x.certainty == "present"
            and x.side in ("left", "right")
            and len(x.levels) == 1
            and severity_word(x) is not None
            and not (x.sizes or x.change or x.cause or x.effect or pressed.get(id(x)))
        )

    if not simple(r):
        return None
    return next(
        (
            o
            for o in rest
            if o is not r
            and simple(o)
            and o.concept == r.concept
            and o.levels == r.levels
            and o.side != r.side
        ),
        None,
    )


def _both_sides(r: Record, other: Record) -> str:
    entry = _lay()["concepts"][r.concept]
    return fixed("both_sides").format(
        name=entry.get("plural", entry["name"]),
        where=join(list(r.levels)),
        first=f"{severity_word(r)} {side_words(r.side)}",
        second=f"{severity_word(other)} {side_words(other.side)}",
    )


def _place_order(levels) -> tuple:
    """Findings with a level in the spine's order, then those without one."""
    from .levels import _order

    spine, _ = _order()
    if not levels:
        return (1, 0, 0)
    first = sort_levels(levels)[0].split("-")[0]
    return (0, spine.index(first) if first in spine else 99, len(levels))


def _resolved_lines(records: list[Record], stated: list[Record], text: str) -> list[str]:
    """What the report says has gone since the last scan ("It contacts but no longer compresses
    the left S1 nerve root"): "The scan no longer shows pressure on the nerves at L5-S1." Good
    news the patient should read; only where the finding is not also said as present there."""
    rows = _lay().get("ruled_out") or {}
    gone = _lay().get("gone") or {}
    lines: list[str] = []
    # (name, levels): its line and whether it is sided; a sided one is kept over one without
    placed: dict[tuple, tuple[int, bool]] = {}
    for r in records:
        if r.certainty != "negated" or r.change != "resolved":
            continue
        if r.concept not in rows and r.concept not in gone:
            continue
        if any(o.concept == r.concept and set(o.levels) & set(r.levels) for o in stated):
            continue
        at = f" at {join(list(r.levels))}" if r.levels else ""
        # (with its side: "pressure on the nerves on the left at L3-L4")
        sided = r.side in ("left", "right") and r.concept in _REASSURING
        if sided:
            at = f" {side_words(r.side)}{at}"
        if r.concept in gone:
            # "The small left psoas abscess ... has resolved" beside a healing discitis
            words = " ".join(text[max(0, f.start - 40) : f.end] for f in r.mentions)
            row = next(g for g in gone[r.concept] if re.search(g.get("words", ""), words, re.I))
            line = fixed("resolved").format(name=row["name"], at=at)
            if line not in lines:
                lines.append(line)
            continue
        name = rows[r.concept]["name"]
        # "The L4-L5 extrusion has resolved; a 3 mm protrusion remains": what has gone is the
        # extrusion, by its own name, beside the smaller disc still there
        discs = set(_lay()["same_disc"])
        if r.concept in discs and any(
            o.concept in discs and o.concept != r.concept and set(o.levels) & set(r.levels)
            for o in stated
        ):
            name = _lay()["concepts"][r.concept]["name"]
        line = fixed("resolved").format(name=name, at=at)
        key = (name, r.levels)
        if key in placed and not (sided and placed[key][1]):
            if sided:
                lines[placed[key][0]] = line
                placed[key] = (placed[key][0], True)
            continue
        if line not in lines:
            placed[key] = (len(lines), sided)
            lines.append(line)
    return lines


_REASSURING = ("nerve_root_compression", "nerve_root_contact", "canal_stenosis")


def _qualifier(mention, text: str) -> str:
    """The word before a ruled-out finding that keeps some of it possible, as lay.yaml
    `ruled_out_qualifiers` says it ("No significant ...": "much "; "without definite ...":
    "clear "), or "" for none (in its own sentence: "..., with no significant interval change.
    No spinal canal stenosis." is none)."""
    before = text[max(0, mention.start - 40) : mention.end]
    before = re.split(r"[.;]\s", before)[-1]
    for row in _lay()["ruled_out_qualifiers"]:
        if re.search(rf"\b(?:{row['words']})\b", before, re.I):
            return row["says"]
    return ""


def _significant(mention, text: str) -> bool:
    """ "No significant ..." before a ruled-out finding: not much of it, not none."""
    return _qualifier(mention, text) == "much "


def _reassuring_negatives(records: list[Record], stated: list[Record], text: str) -> list[str]:
    """Beside findings, what the report rules out about the nerves and the canal ("The exiting
    L5 roots are not compressed", "No canal stenosis at any level"): said once, plainly, where
    it cannot be read against a finding said present at the same place."""
    rows = _lay().get("ruled_out") or {}
    names: list[str] = []
    beside: list[str] = []  # "At L4-L5, the nerve is touched but not pressed on."
    for concept in _REASSURING:
        present = [o for o in stated if o.concept == concept]
        # one line per kind, its levels together ("pressure on the nerves at L4-L5 and L5-S1")
        grouped: dict[str, list[str]] = {}
        for r in records:
            if r.concept != concept or r.certainty != "negated" or r.change == "resolved":
                continue
            if present and (
                not r.levels or any(set(o.levels) & set(r.levels) or not o.levels for o in present)
            ):
                # "... the exiting left L5 nerve root is not compressed" beside the S1 root
                # pressed there (merge `_another_root`): the root leaving the spine is said
                if (
                    concept == "nerve_root_compression"
                    and r.levels
                    and all(_says_exiting(f, text) for f in r.mentions)
                    and not any(_EXITING.search(o.effect or "") for o in present)
                ):
                    line = _exiting_root_line(r, text)
                    if line not in beside:
                        beside.append(line)
                continue
            # "No significant ... nerve root compression": not much pressure, not none;
            # "without definite nerve root impingement": no clear pressure (round 49's GP)
            much = next((q for f in r.mentions if (q := _qualifier(f, text))), "")
            levels = grouped.setdefault(much, [])
            levels.extend(lv for lv in (r.levels or ("",)) if lv not in levels)
        for much, levels in grouped.items():
            if concept == "nerve_root_compression" and not much:
                # "the exiting L4 nerve roots are not compressed": the roots leaving the spine,
                # not the nerves a canal narrowing crowds (round 27)
                negatives = [
                    (lv, _says_exiting(f, text))
                    for r in records
                    if r.concept == concept and r.certainty == "negated"
                    for f in r.mentions
                    for lv in r.levels
                ]
                exiting = {lv for lv, _ in negatives} - {lv for lv, ex in negatives if not ex}
                levels = _beside_touch(levels, stated, beside, exiting)
            placed = sort_levels([lv for lv in levels if lv])
            if not placed and "" not in levels:
                continue
            at = f" at {join(placed, 'or')}" if placed and "" not in levels else ""
            # "No lumbar canal or foraminal stenosis." on a scan of the middle back too: the
            # lower back only, never the canal at a tumour higher up (round 39's GP)
            if not at and any(
                knowledge.load().cues["lumbar_only"].search(text[max(0, f.start - 25) : f.end])
                for r in records
                if r.concept == concept and r.certainty == "negated"
                for f in r.mentions
            ):
                at = " " + fixed("in_lower_back")
            # "did not show narrowing in the middle of the spinal canal" beside narrowing where the
            # nerves leave the spine: read as one narrowing, the two lines contradicted each
            # other for patients (cold reads, rounds 21 to 23)
            other = any(o.concept in _NARROWING for o in stated)
            named = rows[concept].get("beside_other") if other else None
            name = (
                (much if rows[concept].get("mass") else "") + (named or rows[concept]["name"]) + at
            )
            if name not in names:
                names.append(name)
    # "No recurrent disc herniation.": the answer to the question asked after surgery, said
    # where no displaced disc is said present at that place
    discs = set(_lay()["same_disc"])
    for r in records:
        if r.concept not in discs or r.certainty != "negated" or r.change == "resolved":
            continue
        recurrent = knowledge.load().cues["recurrent"]
        if not any(recurrent.search(text[max(0, f.start - 30) : f.end]) for f in r.mentions):
            continue
        if any(
            o.concept in discs and (_levels_touch(o.levels, r.levels) or not r.levels)
            for o in stated
        ):
            continue
        name = rows[r.concept].get("again", rows[r.concept]["name"])
        if name not in names:
            names.append(name)
    lines: list[str] = list(beside)
    for name in names:
        line = fixed("negated_red_flags").format(list=name)
        if grade(line) <= 8 and line not in lines:
            lines.append(line)
    return lines


_TOUCHING = ("nerve_root_contact",)
_NARROWING = ("foraminal_stenosis", "lateral_recess_stenosis")
_EXITING = re.compile(r"\bexit", re.I)


_ROOT = re.compile(
    r"\b(?:(left|right|lt|rt)\s+)?(?:exiting\s+)?(?:(left|right|lt|rt)\s+)?([LS][1-5])\s+(?:nerve\s+)?root",
    re.I,
)


def _exiting_root_line(r: Record, text: str) -> str:
    """ "the exiting left L5 nerve root is not compressed": "At L5-S1, the L5 nerve on the left,
    where it leaves the spine, is not pressed on." where every mention names the one root and
    side (round 50's patient read "the nerves leaving the spine are not pressed on" against the
    S1 nerve pressed there); the plural line otherwise."""
    at = join(sort_levels(list(r.levels)), "and")
    roots = set()
    for f in r.mentions:
        found = _ROOT.search(text[max(0, f.start - 40) : f.end])
        if not found:
            return fixed("exiting_not_pressed").format(at=at)
        side = (found[1] or found[2] or "").lower()
        roots.add((found[3].upper(), {"lt": "left", "rt": "right"}.get(side, side)))
    if len(roots) != 1:
        return fixed("exiting_not_pressed").format(at=at)
    root, side = roots.pop()
    where = f" {_lay()['sides'][side]}" if side else ""
    return fixed("exiting_root_not_pressed").format(at=at, root=root, side=where)


def _says_exiting(mention, text: str) -> bool:
    """The mention names the root leaving the spine ("the exiting L4 nerve root is not
    compressed")."""
    return bool(_EXITING.search(text[max(0, mention.start - 40) : mention.end]))


def _beside_touch(
    levels: list[str], stated: list[Record], beside: list[str], exiting: set[str] = frozenset()
) -> list[str]:
    """A root the report says is touched, or whose exit is narrowed, but not pressed on, at a
    level: said there as one line ("At L4-L5, the nerve is touched but not pressed on."), not as
    "The scan did not show pressure on the nerves at L4-L5." after "It is touching the L4
    nerve", which reads to a patient as the opposite. The other levels are returned."""
    for kind, concepts in (
        ("touched_not_pressed", _TOUCHING),
        ("narrowed_not_pressed", _NARROWING),
    ):
        at = [
            lv
            for lv in levels
            if lv
            and any(o.concept in concepts and lv in o.levels for o in stated)
            # "abuts the traversing left L5 nerve root ... without compression of the exiting
            # L4 nerve root": the root ruled out is not the one touched (round 48's GP)
            and not (
                kind == "touched_not_pressed"
                and lv in exiting
                and not any(
                    o.concept in concepts and lv in o.levels and _EXITING.search(o.effect or "")
                    for o in stated
                )
            )
        ]
        if at:
            leaving = [lv for lv in at if lv in exiting] if kind == "narrowed_not_pressed" else []
            rest = [lv for lv in at if lv not in leaving]
            if leaving:
                beside.append(
                    fixed("exiting_not_pressed").format(at=join(sort_levels(leaving), "and"))
                )
            # "contacts both traversing L5 nerve roots": the nerves (round 47's GP)
            both = kind == "touched_not_pressed" and all(
                o.side == "bilateral"
                for o in stated
                if o.concept in concepts and set(o.levels) & set(rest)
            )
            if rest:
                key = f"{kind}_both" if both else kind
                beside.append(fixed(key).format(at=join(sort_levels(rest), "and")))
            levels = [lv for lv in levels if lv not in at]
    return levels


def _normal_ruled_out(records: list[Record], text: str) -> list[str]:
    """What a normal study says it rules out, in plain words, in sentences short enough to read
    ("It did not show a disc pushing out or much pressure on the nerves."): the report's own
    negatives, which answer the question the scan was asked ("?disc prolapse")."""
    rows = _lay().get("ruled_out") or {}
    names: list[str] = []
    for concept, row in rows.items():
        mentions = [
            f
            for r in records
            if r.concept == concept and r.certainty == "negated"
            for f in r.mentions
        ]
        if not mentions:
            continue
        name = row["name"]
        if any(_significant(f, text) for f in mentions):
            name = "much " + name if row.get("mass") else row.get("significant", name)
        if name not in names and not any(name.endswith(n) or n.endswith(name) for n in names):
            names.append(name)
    lines: list[str] = []
    while names:
        take = 3
        while (
            take > 1 and grade(fixed("normal_ruled_out").format(list=join(names[:take], "or"))) > 8
        ):
            take -= 1
        lines.append(fixed("normal_ruled_out").format(list=join(names[:take], "or")))
        names = names[take:]
    return lines


def _raised(reading) -> str:
    """What the report says before it reads the images: its history sections, and any text
    before its first findings or impression (a title, unheaded clinical details)."""
    read = [s.start for s in reading.sections if s.name in ("findings", "impression")]
    head = reading.text[: min(read)] if read else ""
    history = " ".join(
        reading.text[s.start : s.end] for s in reading.sections if s.name == "history"
    )
    return f"{head} {history}"


def _old_beside_no_new(record: Record, records: list[Record], text: str) -> bool:
    """A break the report calls old in each of its sentences, beside "No acute fracture"."""
    entry = _lay()["concepts"][record.concept]
    if not entry.get("negated_acute") or record.certainty != "present":
        return False
    # ("a subtle acute fracture cannot be excluded": the doubt is said, not the "no")
    if any(o.concept == record.concept and o.certainty == "uncertain" for o in records):
        return False
    old_break = knowledge.load().cues["old_break"]
    said = [f for f in record.mentions if f.assertion != "negated"]
    if not said or not all(old_break.search(sentence_around(f, text)) for f in said):
        return False
    acute_before = knowledge.load().cues["acute_before"]
    return any(
        f.assertion == "negated" and acute_before.search(text[max(0, f.start - 20) : f.start])
        for o in records
        if o.concept == record.concept
        for f in o.mentions
    )


def _no_new_line(record: Record) -> str:
    return fixed("negated_red_flags").format(
        list=_lay()["concepts"][record.concept]["negated_acute"]
    )


def _negated_line(names: list[str]) -> str:
    """ "The scan did not show a broken bone or a slipped bone.", in two sentences where one
    would read too hard."""
    for cut in range(len(names), 0, -1):
        first = fixed("negated_red_flags").format(list=join(names[:cut], "or"))
        if grade(first) <= HARD or cut == 1:
            rest = names[cut:]
            return f"{first} {_negated_line(rest)}" if rest else first
    return ""


def _same_sentence(a, b, text: str) -> bool:
    return sentence_around(a, text) == sentence_around(b, text)


# how far (characters) after a broken bone's words a "no features of malignancy" answers it
_BREAK_REACH = 400


def _negated_red_flags(
    records: list[Record], text: str, folded: set[str], raised: str = "", normal: bool = False
) -> list[str]:
    """Red flags the report rules out and states nowhere else; `folded`: those said in the line
    of the finding they were ruled out beside ("... which is not an aneurysm"). A red flag in
    lay.yaml `ruled_out_if_raised` is said only where the history raises it (`raised`)."""
    entries = _lay()["concepts"]
    if_raised = _lay().get("ruled_out_if_raised") or {}
    acute_before = knowledge.load().cues["acute_before"]
    # a cancer in the history is the reason to say the scan found none now
    said = {r.concept for r in records if r.certainty not in ("negated", "historical")} | folded
    names: list[str] = []
    for r in records:
        entry = entries[r.concept]
        # "Old L1 fracture. No new fracture is seen.": the old break is said, and no new one
        acute = bool(entry.get("negated_acute")) and any(
            f.assertion == "negated" and acute_before.search(text[max(0, f.start - 20) : f.start])
            for f in r.mentions
        )
        # "no *new* broken bone" only beside an old one: alone it made a patient ask whether
        # there is an old one (round 23)
        acute = acute and (
            any(o.concept == r.concept and o.certainty != "negated" for o in records)
            or any(f.assertion != "negated" for f in r.mentions)
            or bool(set(entry.get("other_beside", ())) & said)  # beside pars defects
        )
        # "No new fracture ... However, a subtle acute fracture cannot be excluded": the
        # doubt is said, not the "no" it qualifies (round 33)
        doubted = any(o.concept == r.concept and o.certainty == "uncertain" for o in records)
        if acute and doubted:
            continue
        if acute and r.certainty != "negated":  # one record with the old break's mentions
            if entry["negated_acute"] not in names:
                names.append(entry["negated_acute"])
            continue
        # "No lumbar vertebral fracture." beside a sacral one: no *other* broken bone
        # (beside one said at a place: "No radiographic evidence of a lumbar spine fracture"
        # beside "an occult fracture cannot be excluded" is no other break, round 40)
        placed = any(
            o.concept == r.concept and o.certainty not in ("negated", "historical") and o.levels
            for o in records
        )
        elsewhere = (
            r.concept in said
            and placed
            and r.certainty != "benign"
            and not any(o.concept == r.concept and o.certainty == "benign" for o in records)
            and entry.get("negated_other")
            and any(
                m.assertion == "negated"
                and (
                    knowledge.load().cues["other_than_said"].search(m.text)
                    or knowledge.load()
                    .cues["other_than_said_before"]
                    .search(text[max(0, m.start - 30) : m.start])
                )
                for m in r.mentions
            )
        )
        if elsewhere:
            if entry["negated_other"] not in names:
                names.append(entry["negated_other"])
            if r.certainty == "negated":
                continue
        # "No epidural or paravertebral abscess." beside a discitis the report cannot rule out:
        # no pocket of pus (round 40's GP), said of the abscess only
        abscess = entry.get("negated_abscess")
        if (
            abscess
            and any(
                o.concept == r.concept and o.certainty in ("present", "uncertain") for o in records
            )
            # one abscess said as gone is the abscess line (the fact check: said once)
            and not any(o.concept == r.concept and o.change == "resolved" for o in records)
            and any(
                f.assertion == "negated"
                and f.change != "resolved"  # one that has gone is said as gone
                and names_abscess(f.text)
                for f in r.mentions
            )
            and not any(
                o.concept == r.concept
                and o.certainty != "negated"
                and any(f.assertion != "negated" and names_abscess(f.text) for f in o.mentions)
                for o in records
            )
        ):
            if abscess not in names:
                names.append(abscess)
        # "No epidural abscess." beside a psoas abscess: none inside the spinal canal (round
        # 42's GP: the answer to the question asked, left out)
        inside = entry.get("negated_epidural_abscess")
        if (
            inside
            and any(o.concept == r.concept and o.certainty == "present" for o in records)
            and any(
                f.assertion == "negated"
                and names_abscess(f.text)
                and knowledge.load().cues["epidural"].search(text[max(0, f.start - 25) : f.end])
                for f in r.mentions
            )
            and inside not in names
        ):
            names.append(inside)
            if r.certainty == "negated":
                continue
        # a red flag ruled out only in the belly ("No extraluminal gas or abscess" about
        # diverticulitis) is not the spine's to say (round 46's GP)
        belly = knowledge.load().cues["belly_context"]
        if r.certainty == "negated" and all(
            belly.search(sentence_around(f, text)) for f in r.mentions
        ):
            continue
        # (and a finding the history asks about: "?pars defect" ... "No pars defect or
        # spondylolisthesis", the answer to the question, round 42's GP)
        asked = r.concept in if_raised
        if (r.tier != "urgent" and not asked) or r.certainty != "negated":
            continue
        if r.concept in said and not acute:
            continue
        # "No MRI features of a pathological fracture" beside a broken bone answers what an
        # older patient's family first fears (round 31's GP): said whatever the history raises
        # (and "No features of malignancy." written right after the break it answers, round 43)
        # (never beside an old healed break: "No destructive bone lesion" there answers no
        # question about it, round 44's GP)
        old_break = knowledge.load().cues["old_break"]
        breaks = [
            b.end
            for o in records
            if o.concept == "fracture" and o.certainty in ("present", "uncertain")
            for b in o.mentions
            if b.assertion != "negated" and not old_break.search(sentence_around(b, text))
        ]
        cause_of_break = (
            entry.get("negated_fracture")
            and "fracture" in said
            and any(
                re.search(r"patholog", f.text, re.IGNORECASE)
                or any(0 < f.start - end <= _BREAK_REACH for end in breaks)
                for f in r.mentions
            )
        )
        if cause_of_break:
            if entry["negated_fracture"] not in names:
                names.append(entry["negated_fracture"])
            continue
        # "No destructive lesion" to someone never worried about cancer: patients read "did not
        # show a growth" as a new fear (cold reads, rounds 19 to 22); the GP sees it in the report
        # (a finding of no urgency ruled out in one list with a red flag that is said, "No
        # fracture or spondylolisthesis.", is said with it: round 43's GP)
        # (a normal study says it among what it rules out)
        listed = (
            not normal
            and r.tier != "urgent"
            and any(
                o.concept not in if_raised
                and o.tier == "urgent"
                and any(
                    m.assertion == "negated" and _same_sentence(m, f, text)
                    for m in o.mentions
                    for f in r.mentions
                )
                for o in records
            )
        )
        if (
            r.concept in if_raised
            and not listed
            and not re.search(if_raised[r.concept], raised, re.IGNORECASE)
        ):
            continue
        name = entry.get("negated")
        if r.concept == "cauda_equina_compression":
            from .statements import _cauda_variant

            which = _cauda_variant(r, text)
            name = entry.get(f"negated_{which}", name) if which else name
        # "No pars defect or stress reaction": the stress injury too (cues.yaml stress_injury)
        if entry.get("negated_stress") and any(
            knowledge.load().cues["stress_injury"].search(sentence_around(f, text))
            for f in r.mentions
        ):
            name = entry["negated_stress"]
        # "No acute fracture" beside a pars defect or an old break: no *new* broken bone
        if acute:
            name = entry["negated_acute"]
        # "No vertebral fracture" beside pars defects (a kind of break): no *other* broken bone
        elif set(entry.get("other_beside", ())) & said:
            name = entry["negated_other"]
        if name and name not in names:
            names.append(name)
    return names


def _team_told(text: str) -> str | None:
    """ "Findings were discussed by telephone with Dr V of the spine surgery service": the team
    the report says it has told, in plain words (lay.yaml `teams`), beside a red flag (round 39's
    GP: "she is in the emergency department and the spine surgery team has been told")."""
    told = knowledge.load().cues["team_told"]
    for line in text.splitlines():
        if not told.search(line):
            continue
        # each team the line names, in its order ("telephoned to Dr B ..., and the on-call
        # spinal orthopaedic team has been informed": both, round 50's GP)
        found: dict[str, int] = {}
        for row in _lay().get("teams") or ():
            for hit in re.finditer(rf"\b(?:{row['words']})", line, re.IGNORECASE):
                # "..., with advice for immediate neurosurgical referral": advice, not a team
                # the report has told
                advice = knowledge.load().cues["team_advised"].search(line)
                if advice and hit.start() >= advice.start():
                    continue
                if row["name"] not in found:
                    found[row["name"]] = hit.start()
        # "the orthopaedic spine surgeon": one team (a row's `within`: the team it is part of
        # when both are named together)
        for row in _lay().get("teams") or ():
            whole = row.get("within")
            if row["name"] in found and whole in found:
                if abs(found[whole] - found[row["name"]]) < 30:
                    del found[row["name"]]
        # "with Dr V of the spine surgery service": one doctor, of that team
        found = {
            name: at
            for name, at in found.items()
            if not any(
                other > at and re.match(r"[\w .]{0,30}\b(?:of|from)\s+the\b", line[at:other])
                for other in found.values()
            )
        }
        if found:
            names = sorted(found, key=found.__getitem__)[:2]
            return " and the ".join(names)
    return None


def _impression_opens_unexplained(reading) -> bool:
    """ "Impression: 1. Acute uncomplicated sigmoid diverticulitis." on a CT of the belly: the
    report's first conclusion is about something outside the spine the engine cannot put in
    plain words; the patient is told so first, never only the spine's minor things."""
    impression = [s for s in reading.sections if s.name == "impression"]
    if not impression:
        return False
    start, end = impression[0].body_start(), impression[0].end
    first_finding = min((f.start for f in reading.findings if start <= f.start < end), default=end)
    if _impression_lead(reading) is not None:
        return True  # "1. 4 mm non-obstructing right lower pole renal calculus." (round 41)
    return any(start <= u.start < first_finding and not u.danger for u in reading.unexplained)


def _impression_lead(reading):
    """The finding outside the spine the impression opens on, if it does ("1. 4 mm
    non-obstructing right lower pole renal calculus." on a CT for renal colic); else None."""
    impression = [s for s in reading.sections if s.name == "impression"]
    if not impression:
        return None
    start, end = impression[0].body_start(), impression[0].end
    inside = [f for f in reading.findings if start <= f.start < end]
    first = min(inside, key=lambda f: f.start, default=None)
    # (a finding outside the spine: lay.yaml `outside.names`)
    outside = _lay()["outside"]["names"]
    if first is None or first.concept not in outside or first.assertion != "present":
        return None
    return first


def _described(unexplained, stated: set[str] = frozenset()) -> tuple[list[str], list]:
    """What the report describes that no finding id names, in plain words where lay.yaml
    `described` knows it ("extra fat inside the spinal canal (epidural lipomatosis)"), and the
    unexplained sentences left: the GP still sees every one (round 28's GP: the cause of a
    severe narrowing had been left to "other details in medical words")."""
    rows = _lay().get("described") or []
    lines: list[str] = []
    rest = []
    for u in unexplained:
        row = _described_row(rows, u.text)
        # a sentence about a finding the text says, whose detail rows say it ("The defect
        # margins are well corticated." beside pars defects: "These gaps look long-standing.")
        if row is not None and row.get("of") and not u.danger:
            if row["of"] not in stated:
                rest.append(u)
            continue
        if row is None or u.danger or knowledge.load().cues["described_ruled_out"].search(u.text):
            rest.append(u)
            continue
        line = row["says"].format(where=_described_where(u.text))
        if line not in lines:
            lines.append(line)
    return lines, rest


def _described_danger(danger) -> tuple[list[str], list]:
    """The danger sentences a lay.yaml `described` row with `danger: true` says plainly, and
    the rest."""
    rows = [r for r in _lay().get("described") or [] if r.get("danger")]
    lines: list[str] = []
    rest = []
    for u in danger:
        row = _described_row(rows, u.text)
        if row is None:
            rest.append(u)
        elif (line := row["says"].format(where=_described_where(u.text))) not in lines:
            lines.append(line)
    return lines, rest


def _described_row(rows: list[dict], sentence: str) -> dict | None:
    return next(
        (r for r in rows if re.search(rf"\b(?:{r['words']})", sentence, re.IGNORECASE)), None
    )


def _described_where(sentence: str) -> str:
    """ " at L4 on the left": the one level and side a described sentence names ("Stress
    reaction of the left L4 pars interarticularis"), for a lay.yaml `described` line's
    `{where}`; '' where it names none or several."""
    found = {lv for m in find_levels(sentence) for lv in m.levels}
    sides = set(re.findall(r"\b(left|right|bilateral)\b", sentence, re.IGNORECASE))
    where = f" at {next(iter(found))}" if len(found) == 1 else ""
    if len(sides) == 1:
        where += " " + _lay()["sides"][sides.pop().lower()]
    return where


def _normal_lines(reading, stated: list[Record], urgent: list[Record]) -> list[str]:
    """What the report says is normal beside its findings, said once: named structures always,
    "The other discs look normal." only when nothing is urgent."""
    normals = getattr(reading, "normals", ()) or ()
    if not normals or not stated:
        return []
    concepts = {r.concept for r in stated}
    lines = []
    # (a level of the lower back where something is found)
    lower_back = any(lv[0] in "LS" for r in stated for lv in r.levels)
    for entry in _lay()["normal_structures"]:
        if set(entry.get("unless", ())) & concepts or entry.get("after") in lines:
            continue
        if entry.get("clear") and lower_back:
            continue
        for n in normals:
            lowered = n.text.lower()
            if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in entry["words"]):
                if entry["text"] not in lines:
                    lines.append(entry["text"])
                break
    # "the other discs": only for a level the report calls normal and finds nothing at ("Normal
    # central canal" at a disc with wear and gas in it says nothing of the other discs)
    found_at = {lv for r in stated for lv in r.levels}
    # (a disc level: "The conus terminates at L1 and is normal" says nothing of the discs)
    quiet = [
        lv
        for n in normals
        if any("-" in lv for lv in n.levels) and not set(n.levels) & found_at
        for lv in n.levels
        if "-" in lv and lv not in found_at
    ]
    if not urgent and quiet:
        # by their codes: "The other discs" after most discs were named read as a riddle
        # (round 23); "The scan looks normal at L1-L2 and L2-L3."
        at = sort_levels(list(dict.fromkeys(quiet)))
        line = fixed("normals_at").format(levels=join(at, "and"))
        lines.insert(0, line if grade(line) <= HARD else fixed("normals_other"))
    # "Normal lumbar spine radiographs." beside a transitional segment: the rest is normal
    # (cues.yaml `rest_normal`), beside nothing more than what comes with age or is minor
    rest = knowledge.load().cues["rest_normal"]
    if (
        not urgent
        and all(r.tier in ("minor", "common") for r in stated)
        and any(rest.search(n.text) for n in normals)
    ):
        lines.insert(0, fixed("normals_rest"))
    return lines


def _covered(record: Record, stated: list[Record]) -> bool:
    """A benign characterisation beside the benign finding it names ("consistent with a
    haemangioma; metastasis not favoured"): the patient reads the haemangioma only."""
    return bool(_covering(record, stated))


def _not_cancer_notes(records: list[Record], stated: list[Record], text: str) -> set[int]:
    """The benign findings beside which the report says its lesion is not cancer ("consistent
    with a hemangioma. Metastasis is not favored."): the patient reads that too, beside the
    finding, for a patient whose history has a cancer (docs/domain.md section 4.6). Without
    one, the word would bring a fear the report does not raise."""
    if not any(r.concept == "malignancy" and r.certainty == "historical" for r in records):
        return set()
    return {
        id(o)
        for r in records
        if r.certainty == "benign" and r.concept == "malignancy" and cancer_named(r, text)
        for o in _covering(r, stated)
    }


_NOT_ASKING = ("history", "technique", "comparison")


def _watch_netting(reading, stated: list[Record], emergency: bool) -> bool:
    """A report that asks about cauda equina syndrome ("?CES", "new saddle paraesthesia"), or a
    letter that nets for it, beside a disc pressing on the nerves: the patient reads the fixed
    emergency list, what to watch for (lay.yaml `netting`)."""
    rules = _lay().get("netting") or {}
    if (
        emergency
        or not rules
        or not knowledge.load().cues["cauda_equina_asked"].search(reading.text)
    ):
        return False
    concepts = {r.concept for r in stated if r.certainty == "present"}
    return bool(concepts & set(rules["discs"])) and bool(concepts & set(rules["pressed"]))


def _asks_more(reading) -> bool:
    """Some sentence of the report, outside its history, technique and comparison and its
    furniture, asks for anything more ("Clinical correlation is recommended.")."""
    from . import document

    asks = knowledge.load().cues["asks_more"]
    text = reading.text
    # a letter's plan is where it orders tests ("I have ordered standing flexion-extension
    # radiographs"), whatever section its paragraphs fall in
    letter = getattr(reading, "document", None) == "not_a_report"
    not_asking = ("furniture",) if letter else (*_NOT_ASKING, "furniture")
    skipped = [(s.start, s.end) for s in reading.sections if s.name in not_asking]
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if any(a <= start < b for a, b in skipped) or document.furniture_rule(line.strip()):
            continue
        if asks.search(line):
            return True
    return False


def _no_more_scans(record: Record, records: list[Record], text: str) -> bool:
    """The report says its benign reading needs no more scans ("Metastasis is not favoured and
    no further imaging is required."), in the finding's sentences or its benign reading's."""
    return _said_near(record, records, text, "no_more_scans")


def _benign_lines(record: Record, records: list[Record], text: str) -> str:
    """What the report says of a benign finding's nature and its need for scans: "The report
    says it is harmless (benign). The report says no more scans are needed for it.", or ''."""
    lines = [
        fixed(key)
        for key, cue in (
            ("benign_said", "benign_said"),
            ("no_concern_said", "no_concern_said"),
            ("benign_no_more", "no_more_scans"),
        )
        if _said_near(record, records, text, cue)
    ]
    return " ".join(lines)


def _said_near(record: Record, records: list[Record], text: str, cue: str) -> bool:
    """cues.yaml `cue` in the finding's sentences or its benign reading's (and the sentence
    after each)."""
    mentions = [*record.mentions]
    mentions += [
        f
        for r in records
        if r.certainty == "benign" and set(r.levels) & set(record.levels)
        for f in r.mentions
    ]
    said = knowledge.load().cues[cue]
    for f in mentions:
        start = max(text.rfind(".", 0, f.start), text.rfind("\n", 0, f.start)) + 1
        end = text.find(".", f.end)
        # the sentence and the one after it ("... is of no clinical significance. No further
        # imaging is required.")
        if end >= 0:
            following = text.find(".", end + 1)
            end = following if following >= 0 and "\n\n" not in text[end:following] else end
        if said.search(text[start : end if end >= 0 else len(text)]):
            return True
    return False


def _covering(record: Record, stated: list[Record]) -> list[Record]:
    near = _lay().get("benign_lesions") or []
    # "An underlying pathological fracture is considered unlikely": the answer to "?pathological"
    # is said, whatever benign thing is named beside it (round 47's GP)
    if benign_break(record, stated):
        return []
    return [
        o
        for o in stated
        if o.concept not in ("malignancy", "infection")
        and (
            _levels_touch(o.levels, record.levels)
            # "typical of a haemangioma; metastasis is unlikely": the cue has no level of its
            # own, but names the benign finding in the same breath
            or (
                not record.levels
                and o.concept in near
                and any(abs(m.start - f.start) < 200 for m in o.mentions for f in record.mentions)
            )
        )
    ]


def _split_outside(records: list[Record], text: str) -> list[Record]:
    """Findings outside the spine are said one organ at a time: a kidney cyst and calcification
    of the aorta are two things, though both are "incidental" and neither has a level."""
    out: list[Record] = []
    for r in records:
        if len(r.mentions) < 2 or outside_name(r, text) is None:
            out.append(r)
            continue
        groups: dict[tuple | None, list] = {}
        general: set[tuple] = set()
        for m in r.mentions:
            # one organ and kind, whichever mention says its side or how much ("a cyst in the
            # lower pole of the left kidney" and "left renal cyst"; "extensive atherosclerotic
            # calcification" and "vascular calcifications")
            what = outside_what(merge([m])[0], text)
            key = what[:2] if what else None
            if what and what[2]:
                general.add(key)
            groups.setdefault(key, []).append(m)
        # "calcification of the aorta" and "vascular calcifications": the arteries named in
        # general are the one named artery, when the report names one of that kind
        for key in general:
            named = [k for k in groups if k and k not in general and k[0] == key[0]]
            if len(named) == 1:
                groups[named[0]].extend(groups.pop(key))
        if None in groups and len(groups) == 2:
            unnamed = groups.pop(None)
            next(iter(groups.values())).extend(unnamed)
        if len(groups) == 1:
            out.append(r)
            continue
        for mentions in groups.values():
            out.extend(merge(sorted(mentions, key=lambda m: m.start)))
    return sorted(out, key=lambda r: r.start)


def condition_of_tests(sentence: str) -> str | None:
    """The condition a sentence puts on the test it suggests, in plain words (lay.yaml
    `test_conditions`): "if symptoms persist beyond 6 weeks" is "if your symptoms last more than
    6 weeks"; None where no condition is known."""
    for entry in _lay().get("test_conditions") or ():
        found = re.search(entry["pattern"], sentence, re.IGNORECASE)
        if found:
            return entry["says"].format(**found.groupdict())
    return None


_ONE_SCAN = ("mri", "contrast_mri", "ct", "contrast_ct", "ultrasound", "xray", "bone_scan")


def _test_words(test_ids, choices=(), when: str | None = None) -> list[str]:
    """The tests in plain words; tests the report offers as a choice are one item joined by
    "or" ("a CT scan or a bone scan"), never "and". `when`: the one time the report gives for a
    follow-up scan ("in 3 months"), said instead of "later"."""
    words = {t.id: t.words for t in knowledge.load().tests}
    for later in ("follow_up", "follow_up_mri") if when else ():
        words[later] = words[later].replace(" later ", f" {when} ", 1)
    ids = [t for t in test_ids if not (t == "mri" and "contrast_mri" in test_ids)]
    # "a follow-up MRI in 6 months": one scan, "an MRI scan later to check for change", never
    # "a scan later ... and an MRI scan" (and never "another": no earlier one may exist)
    scans = [t for t in ids if t in _ONE_SCAN]
    if "follow_up" in ids and len(scans) == 1 and not any(scans[0] in c for c in choices):
        words = {**words, "follow_up": words["follow_up"].replace("a scan", words[scans[0]], 1)}
        ids = [t for t in ids if t != scans[0]]
    out: list[str] = []
    done: set[str] = set()
    for t in ids:
        if t in done or not words.get(t):
            continue
        group = next((c for c in choices if t in c), (t,))
        said = [words[g] for g in group if g in ids and g not in done and words.get(g)]
        done.update(group)
        out.append(join(said, "or"))
    return out


def _join_widespread(records: list[Record], text: str) -> list[Record]:
    """ "Multiple sclerotic metastases ... L1, L3 and L4" beside "a sclerotic metastasis" at L2:
    a finding the report says is in many places takes in its other places of the same certainty
    (one statement, "... including L1, L2, L3 and L4"), where they carry no side or size."""
    out = list(records)
    for wide in [r for r in records if r.stated and widespread(r, text)]:
        if wide not in out:
            continue
        others = [
            r
            for r in out
            if r is not wide
            and r.concept == wide.concept
            and r.certainty == wide.certainty
            and not (r.side or r.sizes)
            and not (r.change and wide.change and r.change != wide.change)
        ]
        if not others:
            continue
        levels = tuple(sort_levels({lv for r in (wide, *others) for lv in r.levels}))
        mentions = tuple(
            sorted((m for r in (wide, *others) for m in r.mentions), key=lambda m: m.start)
        )
        out[out.index(wide)] = dataclasses.replace(wide, levels=levels, mentions=mentions)
        out = [r for r in out if not any(r is o for o in others)]
    return [_without_measured(r, out, text) for r in out]


def _elsewhere_apart(records: list[Record], findings, text: str) -> list[Record]:
    """ "multilevel disc bulges noted elsewhere" beside bulges at L3-L4 and L4-L5: the bulges at
    the other levels, said apart ("at the other levels"), neither taken into the named ones nor
    left out (round 44's GP)."""
    elsewhere = knowledge.load().cues["elsewhere"]

    def apart(f) -> bool:
        return (
            not f.levels
            and f.assertion == "present"
            and bool(elsewhere.search(sentence_around(f, text)))
        )

    out = []
    for r in records:
        own = [f for f in r.mentions if apart(f)]
        if r.levels and own and len(own) < len(r.mentions) and r.stated:
            out.append(merge_record(r.concept, [f for f in r.mentions if f not in own]))
            out.append(merge_record(r.concept, own))
        else:
            out.append(r)
    # (beside several places, merging leaves such a mention out)
    held = {id(m) for r in out for m in r.mentions}
    placed = {r.concept for r in out if r.levels and r.stated}
    left: dict[str, list] = {}
    for f in findings:
        if f.concept in placed and apart(f) and id(f) not in held:
            left.setdefault(f.concept, []).append(f)
    return out + [merge_record(concept, mentions) for concept, mentions in left.items()]


def _without_measured(wide: Record, records: list[Record], text: str) -> Record:
    """ "Additional osseous metastases at T3, T5, T11 and L2" beside "a 1.4 cm enhancing
    metastasis in the L2 vertebral body": the one measured (or sided) at its own place is said
    there, once; the many bones are said without it."""
    if not (wide.stated and widespread(wide, text)):
        return wide
    apart = {
        lv
        for r in records
        if r is not wide
        and r.concept == wide.concept
        and r.certainty == wide.certainty
        and (r.side or r.sizes)
        and r.levels
        and set(r.levels) < set(wide.levels)
        for lv in r.levels
    }
    if not apart:
        return wide
    levels = tuple(lv for lv in wide.levels if lv not in apart)
    return dataclasses.replace(wide, levels=levels)


def _test_lines(reading) -> tuple[list[str], list[str]]:
    """The lines naming the tests the report suggests: those it suggests outright, then those
    it suggests only if something holds, each with its condition where it is known ("The report
    says an MRI scan may help if your symptoms last more than 6 weeks."). A test a sentence
    suggests outright is not said again with another sentence's condition."""
    choices = getattr(reading, "test_choices", ())
    # a flag's tests the report has since done or withdrawn ("CT ... has been reviewed" in an
    # addendum) are no longer suggested
    asked = [
        dataclasses.replace(f, tests=tuple(t for t in f.tests if t in reading.tests))
        for f in reading.flags
        if f.kind == "recommendation"
    ]
    # "Recommend a bone scan; if this is negative, follow-up MRI in 3 months": the first clause's
    # tests outright, the later clause's on its condition (round 43's GP)
    asked = [
        part
        for f in asked
        for part in (
            (
                dataclasses.replace(
                    f,
                    text=f.text[: len(f.text) - len(f.if_text)].rstrip(" ;-–—"),
                    tests=tuple(t for t in f.tests if t not in f.if_tests),
                ),
                dataclasses.replace(f, text=f.if_text, tests=f.if_tests),
            )
            if f.if_tests and f.text.endswith(f.if_text)
            else (f,)
        )
    ]
    only_if = knowledge.load().cues["only_if"]
    # "A follow-up MRI ... in 3 months ... is suggested": the one time given for follow-up
    times = {
        " ".join(m.group(0).lower().split())
        for f in asked
        if {"follow_up", "follow_up_mri"} & set(f.tests)
        for m in knowledge.load().cues["test_when"].finditer(f.text)
    }
    when = times.pop() if len(times) == 1 else None
    choices = (choices, when)
    conditional = [f for f in asked if only_if.search(f.text)]
    outright = [f for f in asked if f not in conditional]
    if not conditional or not any(f.tests for f in conditional):
        # no test of its own in a conditional sentence: every test is asked outright, or, with
        # only conditional sentences, all on the one condition they share
        key = "tests_if" if asked and not outright else "tests"
        conditions = {condition_of_tests(f.text) for f in asked}
        condition = conditions.pop() if len(conditions) == 1 else None
        words = _test_words(reading.tests, *choices)
        if not words:
            return [], []
        line = tests_line(key, words, condition)
        return ([], [line]) if key == "tests_if" else ([line], [])
    if_ids = [t for f in conditional for t in f.tests]
    now_ids = [t for t in reading.tests if t not in if_ids or any(t in f.tests for f in outright)]
    groups: dict[str | None, list[str]] = {}
    for f in conditional:
        for t in f.tests:
            if t not in now_ids:
                groups.setdefault(condition_of_tests(f.text), []).append(t)
    if len(groups) > 1:  # several conditions: one line, "may help", without them
        groups = {None: [t for ids in groups.values() for t in ids]}
    now = _test_words(now_ids, *choices)
    now_lines = [tests_line("tests", now)] if now else []
    if_lines = [
        tests_line("tests_if", words, condition)
        for condition, ids in groups.items()
        if (words := _test_words(list(dict.fromkeys(ids)), *choices))
    ]
    # "Your GP will decide what you need." once, after the last of them
    lines = now_lines + if_lines
    tail = " " + fixed("tests").rsplit(". ", 1)[-1]
    for i, line in enumerate(lines[:-1]):
        lines[i] = line.removesuffix(tail)
    return lines[: len(now_lines)], lines[len(now_lines) :]


def write(reading, *, spelling: str = "en-au", doc=None) -> Writing:
    lay = _lay()
    text = reading.text
    document = getattr(reading, "document", "final") or "final"
    records = _elsewhere_apart(
        _join_widespread(_split_outside(merge(reading.findings), text), text),
        reading.findings,
        text,
    )
    stated = [r for r in records if r.stated]
    stated_concepts = {r.concept for r in stated}
    # a finding stated now is not said again as history ("history of cancer" beside a metastasis)
    # nor a finding the report names only in the clinical history ("increased kyphosis noted by
    # physiotherapist"): the reason for the scan, not something it found. Past surgery, a past
    # red flag and a finding the report speaks of again ("has resolved") are said briefly.
    elsewhere = {f.concept for f in reading.findings if f.section != "history"}
    historical = [
        r
        for r in records
        if r.certainty == "historical"
        and r.concept not in stated_concepts
        and (r.tier == "urgent" or r.concept == "postoperative_change" or r.concept in elsewhere)
    ]
    benign = [r for r in records if r.certainty == "benign" and not _covered(r, stated)]
    order = {True: 0, False: 1}
    urgent = [r for r in stated if r.tier == "urgent" or r.concept in SERIOUS]
    # in the order the impression names them (its first item is the radiologist's main finding;
    # a header's "The L3 transverse process fracture below was not described in the preliminary
    # read" does not put that one first), then in the report's order
    urgent.sort(
        key=lambda r: (
            order[r.emergency],
            r.concept in SERIOUS,
            r.certainty,
            min((m.start for m in r.mentions if m.section == "impression"), default=len(text)),
            r.start,
        )
    )
    danger = [u for u in reading.unexplained if u.danger]
    emergency = any(r.emergency for r in urgent)
    tests = _test_words(reading.tests, getattr(reading, "test_choices", ()))
    # "MRI could be considered if an acute fracture is suspected clinically": a test the report
    # suggests only if something holds is said so, apart from a test it suggests outright
    asks_now, asks_if = _test_lines(reading)
    sources: set[str] = {"wording"}
    statements: list[Statement] = []

    # What the scan looked at
    looked = _Collect("looked_at", statements)
    if document == "preliminary":
        looked.add(fixed("preliminary"))
    part = lay["body_part"].get(reading.body_part)
    # a short note with levels but no "lumbar" word, or one that speaks only of the spine's own
    # parts ("No disc herniation. No thecal sac or nerve root compression.")
    spinal = set(lay.get("spine_concepts", ()))
    if part is None and any(f.levels or f.concept in spinal for f in reading.findings):
        part = lay["body_part"]["spine"]
    if document == "not_a_report":
        looked.add(fixed("not_a_report"))
        # (also where all its imaging line says is left to the GP: "MRI T-L-spine revealed an
        # intradural T12-L1 lesion ... with spinal cord edema", a walk of session 20)
        imaging = [x for x in getattr(reading, "sections", ()) if x.name == "findings"]
        scan_lines = any(
            u.danger and any(x.start <= u.start < x.end for x in imaging)
            for u in reading.unexplained
        )
        if stated or scan_lines:
            looked.add(fixed("not_a_report_scan"))
        cues = knowledge.load().cues
        # "He was then referred to UIHC.": care already given is the history, not a plan
        advice = [
            f
            for f in reading.flags
            if f.kind == "treatment_advice" and not cues["past_care"].search(f.text)
        ]
        asks = cues["asks_advice"]
        # "I would be grateful for your assessment and advice ..., including whether he would
        # benefit from a nerve root injection": a referral that asks, not a plan (round 39)
        if advice and all(asks.search(f.text) for f in advice):
            looked.add(fixed("letter_asks"))
        elif advice:
            looked.add(fixed("letter_plan"))
    elif part is None:
        looked.add(fixed("looked_at_other"))
    else:
        modality = lay["modality"].get(reading.modality) or lay["modality"][None]
        main_elsewhere = False
        # "CT abdomen and lumbar spine": the scan took in the belly too
        scanned = part
        # the scan's own title, not a comparison study ("Comparison: CT abdomen and pelvis")
        # (a title line, or an "Examination:" line; never "Images of an outside CT abdomen")
        cues = knowledge.load().cues
        head = "\n".join(
            line
            for line in text[:600].splitlines()
            if cues["scan_title_line"].match(line) and not cues["other_study_line"].search(line)
        )
        if part == lay["body_part"]["lumbar"] and cues["with_abdomen"].search(head):
            scanned = lay["body_part"]["lumbar_abdomen"]
            main_elsewhere = _impression_opens_unexplained(reading)
        elif part == lay["body_part"]["lumbar"] and cues["with_si_joints"].search(head):
            scanned = lay["body_part"]["lumbar_si_joints"]
        looked.add(fixed("looked_at").format(modality=modality, part=scanned))
        if main_elsewhere:
            looked.add(fixed("main_elsewhere"))
    if document == "addendum":
        looked.add(fixed("addendum"))
        withdrawn = knowledge.load().cues["finding_withdrawn"]
        for concept in dict.fromkeys(
            f.concept
            for f in reading.findings
            if f.assertion == "negated" and withdrawn.search(sentence_around(f, text))
        ):
            entry = lay["concepts"].get(concept) or {}
            name = entry.get("negated") or entry.get("name")
            if name:
                bare = re.sub(r"^(?:a|an|the|any)\s+", "", name)
                looked.add(fixed("withdrawn").format(bare=bare))
        correction = doc_kind.level_correction(text)
        if correction is not None:
            looked.add(fixed("level_corrected").format(old=correction[0], new=correction[1]))
        corrected = doc_kind.side_correction_levels(text)
        if corrected:
            looked.add(fixed("side_corrected").format(levels=join(corrected, "and")))
    levels = sort_levels({lv for r in stated + historical for lv in r.levels})
    discs = [lv for lv in levels if "-" in lv] or levels
    if discs and part is not None:
        code = discs[0]
        words = one_level(code)
        words = f"the disc {words}" if "-" in code else words.replace("in the ", "the ", 1)
        looked.add(fixed("level_codes").format(code=code, words=words))
        # a bone of another part of the spine, by its first code ("T12 is the 12th bone of
        # your middle back.": round 41's patient and GP, "T12" never explained)
        regions = {region(code), "sacrum"}
        for other in levels:
            if "-" not in other and region(other) not in regions:
                regions.add(region(other))
                bone = one_level(other).replace("in the ", "the ", 1)
                looked.add(fixed("level_code_more").format(code=other, words=bone))

    # "No acute disease in the lumbar spine" beside "probable physiologic follicular cysts": the
    # spine is normal, and the minor thing outside it is said after (corpus walk, session 18)
    outside_only = all(r.concept == "incidental_finding" and r.tier == "minor" for r in stated)
    normal = (
        outside_only
        and not historical
        and not benign
        and not danger
        and part is not None
        and (reading.normal_study or (not reading.unexplained and document != "not_a_report"))
    )

    # What needs follow-up: dangerous unexplained content first, then red flags
    follow = _Collect("follow_up", statements)
    # a danger sentence lay.yaml `described` knows (`danger: true`) is said in its plain words;
    # only the rest is "something your GP will explain"
    danger_lines, danger_rest = _described_danger(danger)
    if danger_rest:
        follow.add(fixed("unexplained_danger"))
    for line in danger_lines:
        follow.add(line)
    described: set = set()
    pressed = _pressed_by(stated)
    folded = {id(p) for group in pressed.values() for p in group}
    alternatives = _lesion_alternatives(urgent, stated, text)
    # a lump outside the spine the report thinks most likely a cyst is no reason to say "soon"
    # (round 31); a red flag always is
    urgent_line = any(id(r) not in alternatives or r.tier == "urgent" for r in urgent)
    no_new_said: set[str] = set()
    for r in urgent:
        if id(r) in folded:
            continue
        line = _said(r, text, document, stated, described, pressed.get(id(r), ()))
        other = alternatives.get(id(r))
        if other is not None:
            # "It needs more tests." is the report's to say, beside a likely benign reading: the
            # tests it suggests are said with the next steps
            after = lay["outside"]["names"].get(r.concept, {}).get("after")
            if after and other.concept == "incidental_finding":
                line = line.replace(f" {after}", "")
            line = f"{line} {_alternative_sentence(other, text)}"
            # its own size, where the report gives one the red flag's statement does not
            own_size = size_sentence(other, text)
            if own_size and {(z.value, z.unit) for z in other.sizes} - {
                (z.value, z.unit) for z in r.sizes
            }:
                line = f"{line} {own_size}"
        # an old break beside "No acute fracture": the answer to "?acute fracture" said with
        # it, first (round 44's GP: buried at the end)
        if _old_beside_no_new(r, records, text):
            line = f"{line} {_no_new_line(r)}"
            no_new_said.add(r.concept)
        follow.add(line, r)
        if other is not None and not _said_apart(other, text):
            statements.append(
                Statement(_placed_alternative(other, r), "follow_up", follow.section.paragraphs[-1])
            )
        for p in pressed.get(id(r), ()):
            statements.append(Statement(p, "follow_up", line))
    in_conclusion = set(described)  # the conclusion repeats the follow-up sentences
    # the condition the report says its findings fit ("consistent with ankylosing spondylitis")
    conditions = named_conditions(text) if document != "not_a_report" else []
    if urgent:
        for line in conditions:
            follow.add(line)
    if emergency:
        follow.add(fixed("emergency"))
        follow.add(fixed("emergency_netting"))
        for line in lay["fixed"]["emergency_list"]:
            follow.add("- " + line["text"])
    elif urgent_line:
        follow.add(fixed("urgent_intro"))
    if any(r.concept == "aortic_aneurysm" for r in urgent):
        follow.add(fixed("aneurysm_netting"))
    team = _team_told(text) if urgent else None
    if team:
        follow.add(fixed("team_told").format(team=team))
    if urgent:
        sources.add("redflags")
    # a problem with past surgery the report names (a loose screw): for the GP to discuss
    surgery_problems = []
    for problem in problems(stated + historical, text, reading.unexplained):
        # "This is between the 5th bone of your lower back and your sacrum." once
        said = {
            x for p in follow.section.paragraphs + surgery_problems for x in _SENTENCES.split(p)
        }
        parts = _SENTENCES.split(problem.text)
        line = " ".join(
            x for i, x in enumerate(parts) if i == 0 or not (x.startswith("This is ") and x in said)
        )
        surgery_problems.append(line)
    for line in surgery_problems:
        follow.add(line)
    # a test the report suggests only if something holds, beside nothing urgent, is a next step
    later_tests = bool(asks_if) and not urgent and not danger
    for line in asks_now + ([] if later_tests else asks_if):
        follow.add(line)

    # What it found
    found = _Collect("found", statements)
    if not urgent:
        for line in conditions:
            found.add(line)
    ruled_out_lines = _normal_ruled_out(records, text) if normal else []
    unchanged = normal and any(
        knowledge.load().cues["study_unchanged"].search(n.text)
        for n in getattr(reading, "normals", ()) or ()
    )
    if normal:
        found.add(fixed("normal").format(part=part))
        if unchanged:
            found.add(fixed("normal_unchanged"))
    said_with = {id(o) for o in alternatives.values() if not _said_apart(o, text)}
    said_with |= absorbed(stated, text)
    rest = [r for r in stated if r not in urgent and id(r) not in said_with]
    # a sac pressed by a disc the report names is said with the findings, not as a minor thing
    # that needs no care (a reader takes "pressure on the sac" under "minor" as a contradiction)
    # thin bones beside a broken bone are not a minor thing (a fracture from thin bones)
    broken = any(r.concept == "fracture" for r in urgent)
    thin_bones = {
        id(r)
        for r in rest
        if broken
        and r.tier == "minor"
        and any(re.search(r"osteop", f.text, re.I) for f in r.mentions)
    }
    # the surfaces of the bones at an infected disc are the infection's, not a minor thing
    # ("irregular erosion of the opposing endplates ... discitis-osteomyelitis": round 42's GP)
    infected = {
        lv
        for r in urgent
        if r.concept == "infection" and r.certainty in ("present", "uncertain")
        for lv in r.levels
    }
    minor = [
        r
        for r in rest
        if r.tier == "minor"
        and r.concept != "postoperative_change"
        and not (r.cause and r.cause != "unexplained")
        and id(r) not in thin_bones
        # (at the infected disc's bones too: "irregularity of the opposing endplates" at L3 and
        # L4 beside an L3-L4 discitis, round 48's GP)
        and not (r.concept == "endplate_change" and _levels_near(r.levels, infected))
    ]
    # a belly CT whose impression opens on a finding outside the spine ("4 mm non-obstructing
    # right lower pole renal calculus"): that finding first, never among the minor things after
    # the spine's (round 41's GP)
    lead_finding = (
        _impression_lead(reading)
        if any(p == fixed("main_elsewhere") for p in looked.section.paragraphs)
        else None
    )
    lead = [r for r in minor if lead_finding is not None and lead_finding in r.mentions]
    minor = [r for r in minor if r not in lead]
    for r in lead:
        found.add(say(r, text, document).text, r)
    surgery = [r for r in rest if r.concept == "postoperative_change"]
    main = [r for r in rest if r not in minor and r not in surgery and r not in lead]
    not_cancer = _not_cancer_notes(records, stated, text)
    # the lesion a patient treated for cancer was scanned for, read as benign: said first, as
    # the answer it is, with "no more scans" where the report says so (never among minor things)
    answered = [r for r in minor if id(r) in not_cancer]
    not_cancer_lines = []
    for r in answered:
        line = say(r, text, document).text.rstrip(".") + ". " + fixed("benign_not_cancer")
        if _no_more_scans(r, records, text):
            line += " " + fixed("benign_no_more")
        not_cancer_lines.append(line)
        found.add(line, r)
    minor = [r for r in minor if r not in answered]
    # after surgery, what the report's impression says of the operated level (scar around a
    # nerve) is what the scan was for: said first
    # (unless the impression opens on another finding: "1. Recurrent right paracentral L5/S1
    # disc protrusion ... 2. Enhancing postoperative epidural fibrosis", round 46's GP)
    first_other = min(
        (f.start for r in main for f in r.mentions if f.section == "impression"),
        default=len(text),
    )
    surgery_first = [
        r
        for r in surgery
        if any(f.section == "impression" and f.start < first_other for f in r.mentions)
    ]
    for r in surgery_first:
        found.add(_said(r, text, document, stated, described), r)
    # what has gone since the last scan first: the good news a follow-up scan is for (round 46's
    # GP: buried at the ninth line)
    for line in _resolved_lines(records, stated, text):
        found.add(line)
    _found_findings(found, main, text, document, stated, described)
    for r in surgery + historical:
        if r not in surgery_first:
            found.add(_said(r, text, document, stated, described), r)
    for r in benign:
        line = say(r, text, document).text
        line = " ".join(x for x in (line, _benign_lines(r, records, text)) if x)
        found.add(line, r)
    # a red flag ruled out beside the finding it could be mistaken for ("ectatic aorta, not
    # aneurysmal") is said in that finding's line: one statement, not "a slightly wide part" beside
    # "did not show a widened main blood vessel"
    ruled_out = {r.concept for r in records if r.certainty == "negated"} - stated_concepts
    folded_negations: set[str] = set()
    if minor:
        found.add(fixed("minor_intro"))
        for r in minor:
            said = item(r, text, with_place=True).sentences
            rule = outside_rules_out(r, text)
            if rule and rule["concept"] in ruled_out:
                first = said[0].rstrip(".") + f", {rule['words']}"
                said = (first + ("." if len(said) > 1 else ""), *said[1:])
                folded_negations.add(rule["concept"])
            # "Incidental 1.6 cm simple left renal cyst. No follow-up imaging is needed."
            benign_lines = _benign_lines(r, records, text)
            if benign_lines:
                # "- a fluid sac in the right kidney. The report says no more scans ..."
                first = said[0] if said[0].endswith(".") else said[0] + "."
                said = (first, *said[1:], benign_lines)
            found.add("- " + " ".join(said), r)
    negated = _negated_red_flags(records, text, folded_negations, _raised(reading), bool(normal))
    negated = [
        n
        for n in negated
        if not any(n == _lay()["concepts"][c].get("negated_acute") for c in no_new_said)
    ]
    negated_line = None
    # a report on another part of the body: one negative said alone would read as the whole
    if negated and part is not None:
        negated_line = _negated_line(negated)
        found.add(negated_line)
    if normal:
        for line in ruled_out_lines:
            found.add(line)
        found.add(fixed("normal_more"))
    reassuring = [] if normal else _reassuring_negatives(records, stated, text)
    if not normal:
        for line in reassuring:
            found.add(line)
        sources.add("redflags")
    normal_lines = [] if normal else _normal_lines(reading, stated, urgent)
    # "No cauda equina compression" is said among the ruled-out red flags: its normal line
    # would say it again
    if any(r.concept == "cauda_equina_compression" and r.certainty == "negated" for r in records):
        cauda = next(
            (e["text"] for e in _lay()["normal_structures"] if "cauda equina" in e["words"]), None
        )
        normal_lines = [line for line in normal_lines if line != cauda]
    for line in normal_lines:
        found.add(line)
    quiet = normal or document == "not_a_report"
    described, unexplained = _described(reading.unexplained, {r.concept for r in stated})
    for line in described:
        found.add(line)
    if unexplained and not danger and not quiet:
        found.add(fixed("unexplained"))

    # How common
    # "Many of these changes are common" reads as reassurance beside a finding the GP should
    # explain (a disc pressing on a nerve): only where every finding is a common or minor one
    discussed = any(r.tier == "discuss" and r.certainty == "present" for r in stated)
    # nor beside a slip from a pars defect: it does not come with age
    other_cause = any(not_from_wear(r, records, text) for r in stated)
    # nor beside a finding that does not come with age (Scheuermann's disease), which the
    # conclusion names on its own
    not_with_age = set(lay["prevalence"].get("not_with_age", ()))
    apart = [r for r in minor if r.concept in not_with_age]
    general = (
        not urgent
        and not danger
        and not discussed
        and not other_cause
        and not apart
        and not surgery_problems
        # "common as people get older" to a 27-year-old read as a mixed message beside the
        # line that these are more common in people with back pain at that age (round 23)
        and (reading.age is None or reading.age >= 40)
    )
    pv = prevalence_for(
        records,
        reading.age,
        reading.modality,
        emergency=emergency,
        general_allowed=general,
        text=text,
    )
    sources |= pv.sources
    common = _Collect("prevalence", statements)
    sentences = list(pv.sentences)
    # the general line goes first under "What it found", before the list it is about: a patient
    # who met it only after twenty lines of wear was already frightened (cold reads, round 21)
    if sentences and sentences[0] == lay["fixed"]["common_intro"]["text"]:
        sentences.pop(0)
        found.section.paragraphs.insert(0, fixed("common_first"))
    for sentence in sentences:
        common.add(sentence)

    # What happens next
    nxt = _Collect("next", statements)
    for i, line in enumerate(lay["fixed"]["next_emergency" if emergency else "next"]):
        nxt.add(line["text"])
        if i == 0 and later_tests:
            for line in asks_if:
                nxt.add(line)
        # a report that asks for nothing more says so: the patient knows no scan is waiting
        # (not a first look: the full report may yet ask for more, round 34's GP)
        if i == 0 and not (
            tests
            or emergency
            or follow.section.paragraphs
            or _asks_more(reading)
            or document == "preliminary"
        ):
            nxt.add(fixed("no_more_tests"))
    watch = _watch_netting(reading, stated, emergency)
    if watch:
        nxt.add(fixed("emergency_netting"))
        for line in lay["fixed"]["emergency_list"]:
            nxt.add("- " + line["text"])
    nxt.add(fixed("questions_intro"))
    # the questions fit what the text says (lay.yaml `questions` `when`): the same three lines
    # under every text read to patients as a form (cold reads, round 20)
    holds = {
        "normal": normal,
        "findings": not normal,
        "urgent": bool(urgent) and not emergency,
        "several": len(stated) + len(historical) > 1 and not emergency,
        "tests": bool(asks_now or asks_if) and not emergency,
        "no_tests": not (asks_now or asks_if),
    }
    for line in lay["fixed"]["questions"]:
        # "What can I do to help my back?" under cancer that has spread read as out of place
        if (emergency or urgent) and line.get("routine") or part is None and line.get("back"):
            continue
        if all(holds[w] for w in line.get("when", ())):
            nxt.add("- " + line["text"])

    glossary = glossary_for(reading, doc)
    words = _Collect("words", statements)
    said = " ".join(p for c in (looked, follow, found, common) for p in c.section.paragraphs)
    # "the L5 nerve": a nerve named by a code, told once where the codes are (round 27's patient)
    nerve = re.search(r"\bthe ([LS]\d) nerves?\b", said)
    if nerve and looked.section.paragraphs:
        bone = one_level(nerve.group(1))
        bone = re.sub(
            r"^in (the|your) ", lambda m: "next to the " if m[1] == "the" else "through your ", bone
        )
        looked.add(fixed("nerve_codes").format(code=nerve.group(1), words=bone))
    # "metastatic" defined under a summary that says "signs of cancer": the patient is told the
    # word is the report's, not a finding the summary left out
    # a word only in what the patient is not told (a causal claim, advice) is not explained to
    # them: "radiculopathy" from "may relate to the radiculopathy" read as a new worry
    withheld = [
        (f.start, f.end) for f in reading.flags if f.kind in ("causal_claim", "treatment_advice")
    ]

    def told(term: str) -> bool:
        spots = [m.start() for m in re.finditer(rf"\b{re.escape(term)}\b", text, re.I)]
        return not spots or any(not any(a <= x < b for a, b in withheld) for x in spots)

    # only the words this text uses: report-only words ("transverse processes", "lesion") made
    # patients wonder what else the report says that they were not told (rounds 21 to 23)
    listed = [
        g
        for g in glossary
        if told(g["term"]) and re.search(rf"\b{re.escape(g['term'])}\b", said, re.I)
    ]
    for g in listed:
        words.add(f"{g['term']}: {g['definition']}")
    for term, definition in _own_terms(said, glossary).items():
        words.add(f"{term}: {definition}")
    source_section = _Collect("sources", statements)
    for key in sorted(sources):
        source_section.add(lay["sources"][key])

    sections = [
        c.section
        for c in (looked, follow, found, common, nxt, words, source_section)
        if c.section.paragraphs
    ]
    _place_words_once(sections)

    homes = _pressing_homes(main)
    alone_names: list[str] = []
    common_names = _common_names([r for r in main if id(r) not in homes], text, alone_names)
    minor_named = [r for r in main if id(r) in thin_bones] + minor
    home_concepts = {r.concept for r in main if id(r) in homes}
    conclusion = conclude(
        Conclusion(
            document=document,
            normal=normal,
            part=part,
            danger=bool(danger_rest),
            unexplained=bool(unexplained) and not danger and not quiet,
            described=described,
            urgent=danger_lines
            + list(dict.fromkeys(s.text for s in statements if s.section == "follow_up")),
            emergency=emergency,
            urgent_line=urgent_line,
            aneurysm=any(r.concept == "aortic_aneurysm" for r in urgent),
            watch=watch,
            surgery=surgery_problems,
            unchanged=unchanged,
            conditions=conditions,
            tests=asks_now + ([] if later_tests else asks_if),
            later_tests=asks_if if later_tests else [],
            discuss=_discuss_sentences(main, text, document, stated, in_conclusion),
            common=common_names,
            alone=tuple(n for n in common_names for c in home_concepts if _lay_name(c) in n)
            + tuple(alone_names),
            apart=[item(r, text, with_place=True).text for r in apart],
            # "changes that are common with age" only where each figure shown says so (a slip
            # that about 1 in 10 people of the patient's age have is not "common")
            general=general
            and any(item["shown"] for item in pv.items)
            and all(
                item["percent"] >= lay["prevalence"]["common_at_least"]
                for item in pv.items
                if item["shown"]
            ),
            # beside a red flag the conclusion gives no figure: "About 9 in 10 people ... have
            # dry discs" right after "signs of cancer" reads as being told not to worry (round
            # 35's patient); the summary's own section still gives them
            prevalence=None if urgent else pv.conclusion_sentence,
            benign=[s.text for s in statements if s.record.certainty == "benign"]
            + not_cancer_lines,
            anything=bool(stated or historical or benign),
            # (with a minor finding said among the main ones: thin bones beside a broken bone,
            # which round 41's GP found left out of the conclusion)
            minor=[_minor_name(r, text, ruled_out) for r in minor_named if r not in apart],
            minor_short={
                _minor_name(r, text, ruled_out): _short_minor(r, text)
                for r in minor_named
                if r not in apart
            },
            negated=negated_line,
            reassuring=reassuring,
            main_elsewhere=any(p == fixed("main_elsewhere") for p in looked.section.paragraphs),
            lead=[say(r, text, document).text for r in lead],
            ruled_out=ruled_out_lines,
            # with what the report says of it ("Some of this is scar tissue. It wraps around the
            # L5 nerve on the left.": round 41's GP, the answer to "?scar" left out)
            past_surgery=_past_surgery(surgery, text) if not surgery_problems else [],
            resolved=_resolved_lines(records, stated, text),
        )
    )

    writing = Writing(
        summary=sections,
        conclusion=conclusion,
        glossary=glossary,
        prevalence=pv.items,
        prevalence_notes=pv.notes,
        recommendations=tests,
        safety_sentences=_safety_sentences(),
        statements=statements,
        normal_sentences=frozenset(normal_lines) | _stated_benign(),
    )
    if spelling == "en-us":
        _to_us(writing)
    return writing


# a benign lesion that may be what a red flag at its one place is ("may represent an atypical
# haemangioma; however ... a metastasis cannot be excluded"), and the benign thing a lump outside
# the spine most likely is, in its own sentence ("14 mm lesion in the left kidney, most likely a
# simple cyst")
def _one_sentence(a: Record, b: Record, text: str) -> bool:
    return any(
        ". " not in text[min(f.start, g.start) : max(f.start, g.start)]
        and "\n" not in text[min(f.start, g.start) : max(f.start, g.start)]
        for f in a.mentions
        for g in b.mentions
    )


def _lesion_alternatives(
    urgent: list[Record], stated: list[Record], text: str
) -> dict[int, Record]:
    """The benign reading the report gives of a red flag or a lump at the same one place (or,
    outside the spine, in its own sentence), said in that statement rather than again among
    minor things (round 31: one spot said as two things was the patient's first complaint)."""
    out: dict[int, Record] = {}
    rows = _lay().get("alternatives") or ()
    for r in urgent:
        kinds = [row for row in rows if row["of"] == r.concept]
        if not kinds:
            continue
        if r.concept == "extraspinal_mass":
            same = [
                o
                for o in stated
                if _alternative_row(o, kinds, text)
                and o.certainty == "uncertain"
                and _one_sentence(r, o, text)
            ]
        elif r.certainty == "uncertain" and len(r.levels) == 1:
            same = [o for o in stated if _alternative_row(o, kinds, text) and o.levels == r.levels]
            # (or with no level of its own, in a sentence of the red flag: "it could represent
            # an atypical hemangioma, but an osseous metastasis cannot be excluded", round 46)
            same = same or [
                o
                for o in stated
                if _alternative_row(o, kinds, text)
                and not o.levels
                and o.certainty == "uncertain"
                and _one_sentence(r, o, text)
            ]
        else:
            continue
        if len(same) == 1 and all(id(same[0]) != id(v) for v in out.values()):
            out[id(r)] = same[0]
    return out


def _placed_alternative(other: Record, red_flag: Record) -> Record:
    """A benign reading with no level of its own, said in the red flag's statement, is at the
    red flag's place."""
    if other.levels or not red_flag.levels:
        return other
    return dataclasses.replace(other, levels=red_flag.levels)


def _alternative_row(record: Record, rows: list[dict], text: str) -> dict | None:
    """The lay.yaml `alternatives` row a finding is the benign reading by: its concept, and
    its words where the row names some."""
    for row in rows:
        if row["concept"] != record.concept:
            continue
        words = row.get("words")
        if words is None or any(
            re.search(rf"\b(?:{words})\b", text[f.start : f.end], re.IGNORECASE)
            for f in record.mentions
        ):
            return row
    return None


def _said_apart(record: Record, text: str) -> bool:
    """A benign reading named by its words inside a record of more ("a postoperative seroma"
    merged with the surgery changes at its level): the rest is still said in its own place."""
    row = _alternative_row(record, _lay().get("alternatives") or [], text) or {}
    words = row.get("words")
    return bool(words) and any(
        not re.search(rf"\b(?:{words})\b", text[f.start : f.end], re.IGNORECASE)
        for f in record.mentions
    )


def _alternative_sentence(record: Record, text: str) -> str:
    lay = _lay()
    row = _alternative_row(record, lay.get("alternatives") or [], text) or {}
    name = row.get("name") or lay["concepts"][record.concept]["name"]
    if record.concept == "incidental_finding":
        words = " ".join(f.text for f in record.mentions)
        kinds = [
            k
            for k in lay["outside"]["kinds"]
            if "incidental_finding" in k.get("only", ["incidental_finding"])
            and re.search(rf"\b(?:{k['words']})\b", words, re.IGNORECASE)
        ]
        name = kinds[0]["kind"] if kinds else name
        if name == "a fluid sac":
            name = "a fluid sac (cyst)"
    if row.get("words"):
        # the certainty of the mention with the row's words ("most likely represents a
        # postoperative seroma"), not of the surgery changes it merged with
        hedged = [
            f
            for f in record.mentions
            if f.assertion == "uncertain"
            and re.search(rf"\b(?:{row['words']})\b", text[f.start : f.end], re.IGNORECASE)
        ]
        if hedged:
            record = dataclasses.replace(record, certainty="uncertain", hedge=hedged[0].hedge)
    if record.certainty == "present":
        key = "lesion_alternative_present"
    elif certainty_key(record) == "likely":
        key = "lesion_alternative_likely"
    elif thought_unlikely(record, text):
        # "A Modic type 1 degenerative reaction is possible but is considered less likely"
        # (round 51's GP: said as equally likely)
        key = "lesion_alternative_unlikely"
        sentence = " ".join(sentence_around(f, text) for f in record.mentions).lower()
        if any(w in sentence for w in _lay()["certainty"].get("less_likely_words", ())):
            key = "lesion_alternative_less_likely"
    else:
        key = "lesion_alternative_possible"
    return fixed(key).format(name=name)


def _minor_name(record: Record, text: str, ruled_out: set[str]) -> str:
    """A minor finding as the conclusion names it, with the red flag the report rules out
    beside it ("a slightly wide part in the main artery in the belly, which is not an
    aneurysm": round 43's GP, left out of the conclusion)."""
    name = item(record, text, with_place=True).sentences[0].rstrip(".")
    rule = outside_rules_out(record, text)
    if rule and rule["concept"] in ruled_out:
        joined = f"{name}, {rule['words']}"
        if grade(fixed("conclusion_more").format(list=joined)) <= HARD:
            return joined
        # "... in the belly. This is not an aneurysm", in a sentence of its own
        name = f"{name}. {re.sub(r'^which ', 'This ', rule['words'])}"
    return name


def _short_minor(record: Record, text: str) -> str | None:
    """A minor finding with its levels as codes ("gas in the disc (vacuum phenomenon) at L4-L5"),
    or by its short name ("a haemangioma at L1"), for a conclusion sentence its full name and
    place would make too hard to read."""
    if not record.levels:
        # "calcium in the walls of the main artery in the belly", its amount left to the
        # summary, rather than left out (round 43's GP: the aorta missing from the conclusion)
        plain = item(dataclasses.replace(record, severity=None, severity_text=None), text)
        name = plain.sentences[0].rstrip(".")
        return name if grade(fixed("conclusion_more").format(list=name)) <= HARD else None
    at = f" at {join(list(record.levels))}"
    name = item(record, text).sentences[0].rstrip(".") + at
    if grade(fixed("conclusion_more").format(list=name)) <= HARD:
        return name
    noun = _lay()["concepts"].get(record.concept, {}).get("noun")
    if not noun:
        return None
    article = "an" if noun[0] in "aeiou" else "a"
    return f"{article} {noun}{at}"


def _stated_benign() -> frozenset[str]:
    """Fixed sentences that say what the report reads as benign ("A bone island is a harmless
    spot of denser bone."): like a stated normal, no reassurance of the whole text."""
    return frozenset(
        e["text"] for e in _lay()["fixed"].values() if isinstance(e, dict) and e.get("stated")
    )


def _pressing_homes(main: list[Record]) -> dict[int, tuple[Record, ...]]:
    """The findings that press on, touch or narrow something, with what they act on said in
    their sentence, as in the summary (the conclusion keeps the sac and the nerves)."""
    return dict(_sac_pressed_by(main))


def _discuss_sentences(main, text, document, stated, described) -> list[str]:
    """The conclusion's discuss findings, place by place: the first at a place says it in
    words, the next ones by its code (places said beside an urgent finding count). A disc that
    presses on or touches the sac or a nerve is said with what it acts on, once, as in the
    summary."""
    seen = set(described)
    homes = _pressing_homes(main)
    folded = {id(p) for group in homes.values() for p in group}
    discuss = [r for r in main if (r.tier == "discuss" and id(r) not in folded) or id(r) in homes]

    # a place with a severe finding first, then the rest from the top down ("mild narrowing at
    # L3-L4" opened a conclusion whose main finding was severe narrowing at L4-L5: round 46's GP)
    # then a place where something acts on a nerve or narrows a space moderately, as the
    # summary orders them ("Most significant level is L4/5": round 48's GP)
    def place(r: Record) -> str:
        return (sort_levels(r.levels)[:1] or ["~"])[0]

    rank: dict[str, int] = {}
    for r in discuss:
        weight = (
            0
            if r.severity in _STRONG_SEVERITIES
            else 1
            if _key_finding(r, homes.get(id(r), ()))
            else 2
        )
        rank[place(r)] = min(rank.get(place(r), 2), weight)
    discuss.sort(
        key=lambda r: (rank[place(r)], place(r), r.severity not in _STRONG_SEVERITIES, r.start)
    )
    return [_said(r, text, document, stated, seen, homes.get(id(r), ())) for r in discuss]


def _past_surgery(surgery: list[Record], text: str) -> list[str]:
    """The conclusion's past surgery, each with where and what the report says of it once ("...
    on the left at L4-L5. Some of this is scar tissue. It wraps around the L5 nerve on the left":
    round 41's GP, the answer to "?scar" left out)."""
    out, said = [], set()
    for r in surgery:
        if r.certainty == "negated":
            continue
        line = item(r, text).sentences[0].rstrip(".")
        line += f" at {join(list(r.levels))}" if r.levels else ""
        more = [x for x in _SENTENCES.split(details(r, text)) if x and x not in said]
        said.update(more)
        if more:
            line += ". " + " ".join(more).rstrip(".")
        out.append(line)
    return out


def _lay_name(concept: str) -> str:
    """The first words of a concept's lay names ("a disc bulge" and "mild disc bulges" share
    "disc bulge")."""
    name = _lay()["concepts"][concept]["name"].split(" (")[0]
    return re.sub(r"^(a|an|the)\s+", "", name)


def _common_names(records: list[Record], text: str, alone: list[str] | None = None) -> list[str]:
    """ "a disc bulge at L4-L5", "worn discs at L3-L4 and L4-L5": the common findings, one name
    for each kind with every level it is at, singular when the report names one at one place;
    kept apart where the report gives them a different severity, side or change ("mild worn
    joints at the back of the spine on both sides at L2-L3", "... which has not changed").
    `alone` gains the names to say in a sentence of their own: one with a change, or one of two
    names of one kind (read together with another finding, each would seem said twice)."""
    plural = knowledge.load().prevalence.get("plural", {})
    common = [r for r in records if r.tier == "common" and r.certainty == "present"]
    groups: dict[tuple, list[Record]] = {}
    for r in common:
        key = (r.concept, severity_word(r), r.side, r.change if r.change != "resolved" else None)
        groups.setdefault(key, []).append(r)
    out: list[str] = []
    for (concept, sev, side, change), same in groups.items():
        entry = _lay()["concepts"][concept]
        levels = sort_levels(list(dict.fromkeys(lv for r in same for lv in r.levels)))
        several = len(levels) > 1 or len(same) > 1 or any(many(r, text) for r in same)
        template = (
            (entry.get("sev_plural") if several else None) or entry.get("sev") if sev else None
        )
        # "a moderately dry disc", as the summary says it
        adverb = _lay()["severity_words"]["as_adverbs"].get(sev) if sev else None
        if adverb and entry.get("sev_adverb"):
            key = (
                "sev_adverb_plural" if several and entry.get("sev_adverb_plural") else "sev_adverb"
            )
            template = entry[key].replace("{adverb}", adverb).replace("{sev}", sev)
        # "a grade 1 slip of one bone on the next", never "a slipped bone" (round 43's GP)
        grades = {r.severity for r in same if r.severity and r.severity.startswith("grade-")}
        number = grades.pop().removeprefix("grade-") if len(grades) == 1 else None
        if effusion_only(same):  # "a small amount of fluid in a joint ...", as in the summary
            name, sev = entry.get("effusion_short") or name_of(same[0], text), None
            template = None
        elif number and entry.get("grade") and not several:
            name, sev, template = entry["grade"].format(n=number), None, None
        elif template:
            name = template.format(sev=sev).split(" (")[0]
        elif several:
            name = plural.get(concept) or entry.get("short") or entry["plural"]
        else:
            name = entry["name"].split(" (")[0]
        if sev and not template:
            name = _with_sev(name, sev)
        if side:
            name = f"{name} {side_words(side)}"
        # (with no level, where the report puts it: "disc bulges at the other levels")
        line = f"{name} at {join(levels)}" if levels else name + place_without_level(same[0], text)
        # "wear of the spine at several levels, most of all at L4-L5", where it reads no harder
        # than grade 8 (round 49's GP)
        most = most_of_all(same[0], text) if len(same) == 1 else ""
        if most:
            short = entry.get("short")
            for named in (name, _with_sev(short, sev) if short and sev else short):
                wider = f"{named}{most}" if named else ""
                if wider and grade(fixed("conclusion_common").format(list=wider)) <= HARD:
                    line = wider
                    break
        # a name too long for a sentence of the conclusion by its short name ("a mild thick
        # ligament on both sides at L2-L3")
        # (measured in the longest sentence it may open: "... common with age, such as ...")
        if entry.get("short") and grade(fixed("conclusion_common").format(list=line)) > HARD:
            short = _with_sev(entry["short"], sev) if sev else entry["short"]
            # "a severely thickened ligament", never "a severe thick ligament" (round 42's GP),
            # where it reads no harder ("a minimally thickened ligament" is grade 9)
            if sev and adverb and entry.get("short_adverb"):
                adverbial = entry["short_adverb"].replace("{adverb}", adverb)
                place = f" at {join(levels)}" if levels else ""
                if grade(fixed("conclusion_more").format(list=adverbial + place)) <= HARD:
                    short = adverbial
            short = f"{short} {side_words(side)}" if side else short
            line = f"{short} at {join(levels)}" if levels else short
        # the change in a sentence of its own: "... at L3-L4. It is new since your last scan"
        words = (entry.get("change_words") or {}).get(change) or _lay()["change"].get(change)
        if words and change:
            words = change_words(same[0], text, words)
        clause = (words or {}).get("sentence") if change else None
        if clause:
            they = "They" if several else "It"
            if several:
                clause = re.sub(
                    r"^(has|is)\b", lambda m: {"has": "have", "is": "are"}[m.group(1)], clause
                )
            # named with its place: two such sentences stay apart ("The bulge at L4-L5 has not
            # changed since your last scan.")
            noun = entry.get("noun")
            if noun and levels and not several:
                line = f"{line}. The {noun} at {join(levels)} {clause}"
            else:
                line = f"{line}. {they} {clause}"
        if line not in out:
            out.append(line)
            kinds = sum(1 for k in groups if k[0] == concept)
            if alone is not None and (clause or kinds > 1):
                alone.append(line)
    return out


def us_spelling(text: str) -> str:
    mapping = _lay().get("us_spelling") or {}
    if not mapping:
        return text

    def swap(match: re.Match) -> str:
        word = match.group(0)
        new = mapping.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    pattern = r"\b(" + "|".join(re.escape(w) for w in mapping) + r")\b"
    return re.sub(pattern, swap, text, flags=re.IGNORECASE)


def _to_us(writing: Writing) -> None:
    for section in writing.summary:
        section.heading = us_spelling(section.heading)
        section.paragraphs = [us_spelling(p) for p in section.paragraphs]
    writing.conclusion = us_spelling(writing.conclusion)
    for g in writing.glossary:
        g["definition"] = us_spelling(g["definition"])
    for entry in writing.prevalence:
        entry["text"] = us_spelling(entry["text"])
    writing.statements = [
        Statement(s.record, s.section, us_spelling(s.text)) for s in writing.statements
    ]
    writing.safety_sentences = frozenset(us_spelling(s) for s in writing.safety_sentences)
    writing.normal_sentences = frozenset(us_spelling(s) for s in writing.normal_sentences)


__all__ = ["KEYS", "Section", "Writing", "fixed", "fixed_heading", "name_of", "write"]
