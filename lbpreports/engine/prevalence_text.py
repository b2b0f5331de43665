"""The prevalence section: how common each common finding is in people without back pain.

docs/domain.md section 3: only findings of tier `common` that are present; every figure computed
is listed with `shown` and `withheld` (`emergency`, `urgent_level`, `pars_defect` for a slip the
report gives a pars defect as its cause) so the GP can add it back; in
a text with an emergency there is no section at all; the general line ("Many of these changes are
common ...") only beside a figure shown and never beside an urgent finding, a mass outside the
spine or dangerous unexplained content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import knowledge, prevalence
from .levels import sort_levels
from .merge import Record
from .statements import HARD, cap, grade, join

DISC_GROUP = ("disc_degeneration", "disc_desiccation", "disc_height_loss")
BULGES = ("disc_bulge", "disc_protrusion", "disc_extrusion")


@dataclass
class PrevalenceText:
    items: list[dict] = field(default_factory=list)  # every figure computed
    sentences: list[str] = field(default_factory=list)  # the section's paragraphs
    notes: list[str] = field(default_factory=list)  # for the GP
    sources: set[str] = field(default_factory=set)
    conclusion_sentence: str | None = None


def _levels_touch(a, b) -> bool:
    """The same place: a disc and a bone beside it (L4-L5 and L4), or one disc; two discs that
    share a bone are two places (a bulge at L4-L5 beside a discitis at L3-L4, round 38)."""

    def vertebrae(level: str) -> set[str]:
        return set(level.split("-"))

    return any(
        x == y if "-" in x and "-" in y else bool(vertebrae(x) & vertebrae(y)) for x in a for y in b
    )


def _item(fig: prevalence.Figure, sentence: str, source: str, withheld: str | None) -> dict:
    return {
        "concept": fig.concept,
        "age": fig.age,
        "table_age": fig.table_age,
        "percent": fig.percent,
        "text": sentence,
        "source": source,
        "shown": withheld is None,
        "withheld": withheld,
    }


_ON_NERVES = ("nerve_root_compression", "nerve_root_contact", "cauda_equina_compression")


def not_from_wear(record: Record, records: list[Record], text: str) -> str | None:
    """Why the figures, which are for changes that come with age, do not apply to a finding the
    report gives another cause (lay.yaml prevalence `not_from_wear`, its `reason`): a slip of a
    vertebra with a pars defect ("bilateral L5 pars defects with grade 1 anterolisthesis of L5 on
    S1", "isthmic spondylolisthesis") is `pars_defect`; None for a finding from wear."""
    from .statements import _sentence_of

    for rule in knowledge.load().lay["prevalence"].get("not_from_wear", []):
        if record.concept != rule["concept"] or record.certainty != "present":
            continue
        words = rule.get("words")
        if words and re.search(rf"\b(?:{words})", _sentence_of(record, text), re.IGNORECASE):
            return rule["reason"]
        if "cause" not in rule:
            continue  # a rule by its words only ("uncovered disc bulge")
        # the slipping vertebra (the upper one of the slip's level) has the causing defect; an
        # operated disc has the operation at its level
        upper = {lv.split("-")[0] for lv in record.levels}
        certainties = rule.get("cause_certainty", ["present"])
        if any(
            c.concept == rule["cause"]
            and c.certainty in certainties
            and upper & {v for lv in c.levels for v in lv.split("-")}
            for c in records
        ):
            return rule["reason"]
    return None


def _placed(concept: str, records: list[Record]) -> str:
    """ " like the one at L4-L5" after a figure for protrusions beside a disc that has pushed
    out further elsewhere (lay.yaml prevalence `placed_beside`): the figure is for the small one,
    not the big new one (round 27's patient read it as about the extrusion)."""
    rule = knowledge.load().lay["prevalence"].get("placed_beside") or {}
    if concept not in rule.get("concepts", ()):
        return ""
    mine = sort_levels(
        {lv for r in records if r.concept == concept and r.stated for lv in r.levels}
    )
    others = {lv for r in records if r.concept in rule["beside"] and r.stated for lv in r.levels}
    if not mine or not others or set(mine) & others:
        return ""
    key = "like_those" if len(mine) > 1 else "like_the_one"
    return rule[key].format(levels=join(mine, "and"))


def prevalence_for(
    records: list[Record],
    age: int | None,
    modality: str | None,
    *,
    emergency: bool,
    general_allowed: bool,
    text: str = "",
) -> PrevalenceText:
    lay = knowledge.load().lay
    pv = lay["prevalence"]
    plural = knowledge.load().prevalence.get("plural", {})
    urgent_levels = [lv for r in records if r.tier == "urgent" and r.stated for lv in r.levels]
    concepts: dict[str, list[str]] = {}
    other_cause: dict[str, str] = {}  # findings whose figure does not apply, and why
    for r in records:
        if r.tier == "common" and r.certainty == "present" and prevalence.has_figure(r.concept):
            # the figures are of the lower back: a worn disc in the neck of a whole-spine scan
            # takes none (round 44's GP)
            if r.levels and all(lv.startswith("C") for lv in r.levels):
                continue
            reason = not_from_wear(r, records, text)
            if reason:
                other_cause.setdefault(r.concept, reason)
                continue
            concepts.setdefault(r.concept, []).extend(r.levels)
    out = PrevalenceText()
    for concept, reason in other_cause.items():
        if concept in concepts:
            continue  # another slip of the same kind comes with age: its figure is shown
        fig = prevalence.figure(concept, age)
        if isinstance(fig, str):
            continue  # no figure to withhold
        name = plural.get(concept, concept)
        sentence = cap(
            pv["sentence"].format(figure=fig.words, age_words=fig.age_words, plural=name)
        )
        out.items.append(_item(fig, sentence, lay["sources"][pv["source"]], reason))
        out.notes.append(pv[f"note_{reason}"].format(name=name))
    if not concepts:
        return out
    source = lay["sources"][pv["source"]]
    shown: list[tuple[str, prevalence.Figure, str]] = []
    for concept, levels in concepts.items():
        name = plural.get(concept, concept)
        fig = prevalence.figure(concept, age)
        if isinstance(fig, str):
            note = {
                "unknown_age": pv["note_unknown_age"],
                "under_18": pv["note_under_18"],
                "no_data_40": pv["note_no_data_40"].format(name=name),
            }[fig]
            if note not in out.notes:
                out.notes.append(note)
            continue
        sentence = cap(
            pv["sentence"].format(figure=fig.words, age_words=fig.age_words, plural=name)
        )
        if emergency:
            out.items.append(_item(fig, sentence, source, "emergency"))
            continue
        if urgent_levels and levels and all(_levels_touch([lv], urgent_levels) for lv in levels):
            out.items.append(_item(fig, sentence, source, "urgent_level"))
            out.notes.append(pv["note_at_urgent_level"].format(name=name))
            continue
        shown.append((concept, fig, name))
    if emergency:
        if out.items:
            out.notes.append(pv["note_emergency"])
        return out
    if age is None:
        out.sentences.append(pv["unknown_age"]["text"])
        out.sources.add("wording")
    if not shown:
        return out
    if general_allowed and len(shown) > 1:  # "many of these changes" beside one reads oddly
        out.sentences.insert(0, lay["fixed"]["common_intro"]["text"])
    # the commonest first: "nearly all have worn discs and about 8 in 10 thinner discs" (a
    # later "and nearly all worn discs" was read as broken English)
    disc = sorted([(c, f, n) for c, f, n in shown if c in DISC_GROUP], key=lambda x: -x[1].exact)
    others = [(c, f, n) for c, f, n in shown if c not in DISC_GROUP]
    sentence = ""
    if len(disc) >= 2:
        # "nearly all have dry discs, about 9 in 10 worn discs and about 8 in 10 thinner discs"
        first = pv["group_item"].format(figure=disc[0][1].words, plural=disc[0][2])
        age_words = disc[0][1].age_words
        for drop in ("", "about "):
            items = [first] + [f"{f.words.removeprefix(drop)} {n}" for _c, f, n in disc[1:]]
            sentence = pv["group_sentence"].format(age_words=age_words, items=join(items))
            if grade(sentence) <= HARD:
                break
    if sentence and grade(sentence) <= HARD:
        out.sentences.append(sentence)
        out.items.extend(_item(f, sentence, source, None) for _c, f, _n in disc)
    else:  # one disc finding, or a group too hard to read: a sentence each
        others = disc + others
    for concept, fig, name in others:
        sentence = cap(
            pv["sentence"].format(
                figure=fig.words, age_words=fig.age_words, plural=name + _placed(concept, records)
            )
        )
        out.sentences.append(sentence)
        out.items.append(_item(fig, sentence, source, None))
    out.sources.add(pv["source"])
    # the conclusion's figure is never for a finding that presses on or touches a nerve: right
    # after "They put mild pressure on the nerves", "About 6 in 10 people ... have disc bulges"
    # reads as reassurance about the pressure (round 47's GP)
    acting = {
        r.cause
        for r in records
        if r.concept in _ON_NERVES and r.certainty in ("present", "uncertain") and r.cause
    }
    free = [x for x in shown if x[0] not in acting]
    conclusion = []
    name = None
    if free:
        _c, top, name = max(free, key=lambda x: x[1].exact)
        conclusion.append(
            cap(pv["sentence"].format(figure=top.words, age_words=top.age_words, plural=name))
        )
    # what travels with the figures travels with the conclusion's one figure too
    if modality == "xray":
        out.sentences.append(pv["xray"]["text"])
        conclusion.append(pv["xray"]["text"])
    # (not of a disc the figures do not count: one pushed out again at an operated level, round
    # 46's GP)
    own_discs = [
        r
        for r in records
        if r.concept in BULGES and r.certainty == "present" and not not_from_wear(r, records, text)
    ]
    if age is not None and 18 <= age <= 50 and own_discs:
        # the patient's own: "disc bulges" alone where nothing pushes out (round 38's GP)
        names = [
            name
            for concept, name in pv["caveat_50_names"].items()
            if any(r.concept in concept.split("|") for r in own_discs)
        ]
        caveat = pv["caveat_50"]["text"].format(names=join(names, "and"))
        out.sentences.append(caveat)
        out.sources.add(pv["caveat_50"]["source"])
        # the conclusion's caveat beside the figure it qualifies ("About 3 in 10 ... have disc
        # protrusions."), not only beside another finding's (round 44's GP)
        own = [x for x in free if x[0] in BULGES]
        if own:
            _c, fig, own_name = max(own, key=lambda x: x[1].exact)
            if own_name != name:
                conclusion.append(
                    cap(
                        pv["sentence"].format(
                            figure=fig.words, age_words=fig.age_words, plural=own_name
                        )
                    )
                )
        conclusion.append(caveat)
    out.conclusion_sentence = " ".join(conclusion) if free else None
    return out
