"""Write for the patient: a separate lay summary and a plain-language conclusion.

Every word comes from lay.yaml and prevalence.yaml; this module only chooses and orders them.
Red flags come first and keep the report's certainty ("likely" stays likely, any other hedge
becomes "cannot rule out"); emergency findings carry the fixed safety-netting text; unexplained
content gets a fixed line and forbids the normal-study text; no causal claim or treatment advice
is carried over; negated findings are never stated as present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import knowledge, prevalence, readability
from .findings import Finding
from .levels import sort_levels
from .patterns import word_matches

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}
DISC_GROUP = ("disc_degeneration", "disc_desiccation", "disc_height_loss")
BULGES = ("disc_bulge", "disc_protrusion", "disc_extrusion")


def ordinal(n: int) -> str:
    return ORDINALS.get(n, f"{n}th")


@dataclass
class Section:
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

    @property
    def summary_text(self) -> str:
        return summary_text(self.summary)


def summary_text(sections: list[Section]) -> str:
    blocks = []
    for section in sections:
        blocks.append("\n".join([section.heading, *section.paragraphs]))
    return "\n\n".join(blocks)


def _lay() -> dict:
    return knowledge.load().lay


def fixed(key: str) -> str:
    entry = _lay()["fixed"][key]
    return entry["text"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str], word: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


# --- levels in plain words ---


def _vertebra_words(v: str) -> tuple[str, str]:
    """("5th bone", "lower back") for L5."""
    region, number = v[0], int(v[1:])
    return f"{ordinal(number)} bone", _lay()["regions"][region]


def _disc_words(level: str) -> tuple[str, str]:
    upper, lower = level.split("-")
    (a, region_a), (b, region_b) = _vertebra_words(upper), _vertebra_words(lower)
    if lower.startswith("S") and upper.startswith("L"):
        return f"the {a} of your lower back and your sacrum", ""
    if region_a == region_b:
        return f"the {a[:-5]} and {b}s", region_a
    return f"your {region_a} and {region_b}", ""


def where(levels) -> str:
    """' between the 4th and 5th bones of your lower back (L4-L5)' for one level;
    ' at 2 levels of your lower back (L4-L5, L5-S1)' for several; '' with no level."""
    levels = sort_levels(levels)
    if not levels:
        return ""
    code = ", ".join(levels)
    if len(levels) > 1:
        regions = {_lay()["regions"][lv[0]] for lv in levels}
        regions.discard("sacrum")
        if len(regions) == 1:
            return fixed("several_levels").format(n=len(levels), region=regions.pop(), codes=code)
        return fixed("several_levels_mixed").format(n=len(levels), codes=code)
    return " " + _one_level(levels[0]) + f" ({code})"


def _one_level(level: str) -> str:
    if "-" in level:
        words, region = _disc_words(level)
        return f"between {words} of your {region}" if region else f"between {words}"
    if level.startswith("S"):
        return "in your sacrum"
    words, region = _vertebra_words(level)
    return f"in the {words} of your {region}"


# --- naming findings ---


def _cancer_named(findings: list[Finding], text: str) -> bool:
    words = _lay()["concepts"]["malignancy"]["cancer_words"]
    for f in findings:
        context = text[max(0, f.start - 40) : f.end + 40].lower()
        tokens = re.findall(r"[a-z]+", context)
        if any(word_matches(w, t) for w in words for t in tokens):
            return True
    return False


def lay_name(concept: str, findings: list[Finding], text: str, plural: bool) -> str:
    entry = _lay()["concepts"][concept]
    name = entry["plural"] if plural else entry["name"]
    if concept == "malignancy" and _cancer_named(findings, text):
        name = entry["cancer_name"]
    if concept == "fracture" and any(
        re.search(
            r"\b(old|healed|chronic|remote)\b", text[max(0, f.start - 30) : f.end + 40].lower()
        )
        for f in findings
    ):
        name = entry["old"]
    if concept == "infection" and any("absc" in f.text.lower() for f in findings):
        name = entry["abscess"]
    return name


def _with_severity(name: str, severity_text: str | None, concept: str | None = None) -> str:
    if not severity_text:
        return name
    sev = severity_text.lower()
    if sev.endswith("ly") and sev not in ("early",):
        # "largely compressing": the report's adverb, said as its plain adjective
        sev = {
            "mildly": "mild",
            "slightly": "slight",
            "moderately": "moderate",
            "minimally": "minimal",
            "severely": "severe",
            "markedly": "marked",
            "significantly": "marked",
            "largely": "marked",
            "grossly": "marked",
        }.get(sev, sev)
    if sev.startswith("grade"):
        number = sev.split()[-1].strip(".")
        number = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}.get(number, number)
        return f"{name} (grade {number})"
    before = concept is not None and _lay()["concepts"][concept].get("sev_before")
    for article in ("a ", "an "):
        if before and name.startswith(article):
            rest = name[len(article) :]
            new_article = "an " if sev[0] in "aeiou" else "a "
            return f"{new_article}{sev} {rest}"
    if name.endswith(")"):
        return f"{name[:-1]}; {sev})"
    return f"{name} ({sev})"


def _certainty(finding: Finding) -> str:
    if finding.assertion == "present":
        return "present"
    if finding.assertion == "historical":
        return "historical"
    hedge = (finding.hedge or "").lower()
    likely = _lay()["certainty"]["likely_words"]
    if hedge in likely or hedge.split(" ")[0] in likely:
        return "likely"
    return "urgent_uncertain" if finding.tier == "urgent" else "uncertain"


@dataclass
class Group:
    concept: str
    tier: str
    certainty: str
    severity_text: str | None
    levels: list[str]
    findings: list[Finding]
    emergency: bool


def group_findings(findings) -> list[Group]:
    """One group per concept, certainty and severity word, with the union of levels."""
    groups: dict[tuple, Group] = {}
    for f in findings:
        if f.assertion == "negated":
            continue
        certainty = _certainty(f)
        key = (f.concept, certainty, (f.severity_text or "").lower())
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(
                f.concept, f.tier, certainty, f.severity_text, [], [], f.emergency
            )
        group.findings.append(f)
        group.emergency = group.emergency or f.emergency
        group.tier = "urgent" if "urgent" in (group.tier, f.tier) else group.tier
        for level in f.levels:
            if level not in group.levels:
                group.levels.append(level)
    # a concept stated present somewhere is not repeated as historical (e.g. history + findings),
    # and a mention without a level is not repeated beside the same finding with its level
    present = {g.concept for g in groups.values() if g.certainty == "present"}
    placed = {(g.concept, g.certainty) for g in groups.values() if g.levels}
    return [
        g
        for g in groups.values()
        if not (g.certainty == "historical" and g.concept in present and g.tier != "urgent")
        and not (not g.levels and (g.concept, g.certainty) in placed)
        # "A pathological fracture cannot be excluded" beside "L2 fracture": the fracture is
        # already stated; the doubt about its nature is carried by the finding it names
        and not (not g.levels and g.certainty != "present" and g.concept in present)
        # "hyperintense annulus ... probably represents a torn annulus": said once, as the
        # report's hedge, not as "shows" and "may show" side by side (red flags keep "shows")
        and not (
            g.certainty == "present"
            and g.tier != "urgent"
            and any(
                o.concept == g.concept
                and o.certainty != "present"
                and sorted(o.levels) == sorted(g.levels)
                for o in groups.values()
            )
        )
    ]


def sentence_for(group: Group, text: str) -> str:
    certainty = _lay()["certainty"]
    plural = len(group.levels) > 1
    name = lay_name(group.concept, group.findings, text, plural)
    if group.certainty == "historical":
        entry = _lay()["concepts"][group.concept]
        name = entry.get("historical", name)
        if group.concept == "malignancy":
            name = "cancer" if _cancer_named(group.findings, text) else "a problem in the bones"
    if group.certainty != "historical":
        name = _with_severity(name, group.severity_text, group.concept)
    sentence = _cap(certainty[group.certainty].format(name=name, where=where(group.levels)))
    if group.levels and readability.grade(sentence) > 8:
        # too long to read in one go: say where in a sentence of its own
        short = _cap(certainty[group.certainty].format(name=name, where=""))
        return short + " " + fixed("level_sentence").format(where=where(group.levels).strip())
    return sentence


def _disc_group_sentences(groups: list[Group]) -> tuple[list[str], set[int]]:
    """Wear, water loss and height loss at the same discs: one sentence."""
    by_levels: dict[tuple, list[Group]] = {}
    for g in groups:
        if g.concept in DISC_GROUP and g.certainty == "present" and g.levels:
            by_levels.setdefault(tuple(sort_levels(g.levels)), []).append(g)
    sentences, used = [], set()
    group = _lay()["disc_group"]
    words = group["items"]
    for levels, members in by_levels.items():
        concepts = {g.concept for g in members}
        if len(concepts) < 2:
            continue
        plural = len(levels) > 1
        items = []
        for concept in DISC_GROUP:
            for g in members:
                if g.concept == concept:
                    phrase = words[concept][1 if plural else 0]
                    if g.severity_text:
                        phrase = f"{phrase} ({g.severity_text.lower()})"
                    items.append(phrase)
                    used.add(id(g))
                    break
        noun = group["many"] if plural else group["one"]
        sentences.append(f"{noun}{where(levels)} {_join(items)}.")
    return sentences, used


def _item_for(group: Group, text: str, brief: bool = False) -> str:
    """A finding as a list item: its name (with severity unless brief) and where it is."""
    plural = len(group.levels) > 1
    name = lay_name(group.concept, group.findings, text, plural)
    if not brief:
        name = _with_severity(name, group.severity_text, group.concept)
    return name + where(group.levels)


def _place_by_place(groups: list[Group], text: str) -> list[str]:
    """Findings stated at one level, gathered level by level; each other finding on its own."""
    by_level: dict[str, list[Group]] = {}
    alone: list[Group] = []
    for g in groups:
        if g.certainty == "present" and len(g.levels) == 1:
            by_level.setdefault(g.levels[0], []).append(g)
        else:
            alone.append(g)
    lines: list[str] = []
    for level in sort_levels(by_level):
        members = by_level[level]
        if len(members) == 1:
            lines.append(sentence_for(members[0], text))
            continue
        head = _one_level(level) + f" ({level})"
        lines.append(fixed("level_block").format(where=_cap(head)))
        named: set[str] = set()
        for g in sorted(members, key=lambda g: g.severity_text is None):
            if g.concept in named:
                continue
            named.add(g.concept)
            name = lay_name(g.concept, g.findings, text, False)
            lines.append("- " + _with_severity(name, g.severity_text, g.concept))
    lines.extend(sentence_for(g, text) for g in alone)
    return lines


def _levels_touch(a: list[str], b: list[str]) -> bool:
    def vertebrae(level: str) -> set[str]:
        return set(level.split("-"))

    return any(vertebrae(x) & vertebrae(y) for x in a for y in b)


@dataclass
class PrevalenceResult:
    items: list[dict]
    sentences: list[str]
    notes: list[str]
    sources: set[str]
    conclusion_sentence: str | None


def prevalence_for(groups: list[Group], age: int | None, modality: str | None) -> PrevalenceResult:
    lay = _lay()
    pv = lay["prevalence"]
    urgent_levels = [lv for g in groups if g.tier == "urgent" for lv in g.levels]
    concepts: dict[str, list[str]] = {}
    for g in groups:
        if g.tier == "common" and g.certainty == "present" and prevalence.has_figure(g.concept):
            concepts.setdefault(g.concept, [])
            concepts[g.concept].extend(g.levels)
    result = PrevalenceResult([], [], [], set(), None)
    if not concepts:
        return result
    plural = knowledge.load().prevalence.get("plural", {})
    figures = []
    for concept, levels in concepts.items():
        name = plural.get(concept, concept)
        if urgent_levels and levels and all(_levels_touch([lv], urgent_levels) for lv in levels):
            result.notes.append(pv["note_at_urgent_level"].format(name=name))
            continue
        fig = prevalence.figure(concept, age)
        if fig == "unknown_age":
            if pv["note_unknown_age"] not in result.notes:
                result.notes.append(pv["note_unknown_age"])
            continue
        if fig == "under_18":
            if pv["note_under_18"] not in result.notes:
                result.notes.append(pv["note_under_18"])
            continue
        if fig == "no_data_40":
            result.notes.append(pv["note_no_data_40"].format(name=name))
            continue
        figures.append((concept, fig, name))
    if age is None:
        result.sentences.append(pv["unknown_age"]["text"])
    source = lay["sources"][pv["source"]]
    disc = [(c, f, n) for c, f, n in figures if c in DISC_GROUP]
    others = [(c, f, n) for c, f, n in figures if c not in DISC_GROUP]
    if len(disc) >= 2:
        age_words = disc[0][1].age_words
        # "nearly all have dry discs, 9 in 10 worn discs and 8 in 10 thinner discs"
        items = [pv["group_item"].format(figure=disc[0][1].words, plural=disc[0][2])]
        items += [f"{f.words.removeprefix('about ')} {n}" for _c, f, n in disc[1:]]
        items = _join(items)
        sentence = pv["group_sentence"].format(age_words=age_words, items=items)
        result.sentences.append(sentence)
        for c, f, _n in disc:
            result.items.append(_item(c, f, sentence, source))
    else:
        others = disc + others
    for c, f, n in others:
        sentence = _cap(pv["sentence"].format(figure=f.words, age_words=f.age_words, plural=n))
        result.sentences.append(sentence)
        result.items.append(_item(c, f, sentence, source))
    if figures:
        result.sources.add(pv["source"])
        if modality == "xray":
            result.sentences.append(pv["xray"]["text"])
        _c, top, name = max(figures, key=lambda x: x[1].percent)
        result.conclusion_sentence = _cap(
            pv["sentence"].format(figure=top.words, age_words=top.age_words, plural=name)
        )
    if age is not None and 18 <= age <= 50 and any(g.concept in BULGES for g in groups):
        result.sentences.append(pv["caveat_50"]["text"])
        result.sources.add(pv["caveat_50"]["source"])
    return result


def _item(concept: str, fig: prevalence.Figure, sentence: str, source: str) -> dict:
    return {
        "concept": concept,
        "age": fig.age,
        "table_age": fig.table_age,
        "percent": fig.percent,
        "text": sentence,
        "source": source,
    }


def glossary_for(reading) -> list[dict]:
    """Each technical term the report uses, as the report spells it, defined plainly.

    A red-flag term that the report only rules out ("no fracture") is not defined.
    """
    from . import pipeline

    entries = _matcher_glossary()
    doc = pipeline.nlp().make_doc(reading.text)
    negated_red = [f for f in reading.findings if f.tier == "urgent" and f.assertion == "negated"]
    shown_red = {
        f.concept for f in reading.findings if f.tier == "urgent" and f.assertion != "negated"
    }
    sections = {
        (s.start, s.end)
        for s in reading.sections
        if s.name not in ("history", "technique", "furniture")
    }
    found: dict[int, dict] = {}
    for index, start, end in pipeline.longest(pipeline.run(entries, doc)):
        entry_index = index
        if entry_index in found:
            continue
        s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if not any(a <= s_char < b for a, b in sections):
            continue
        if any(f.start <= s_char < f.end and f.concept not in shown_red for f in negated_red):
            continue
        found[entry_index] = {
            "term": reading.text[s_char:e_char],
            "definition": _lay()["glossary"][entry_index]["definition"],
            "start": s_char,
            "end": e_char,
        }
    return sorted(found.values(), key=lambda g: g["start"])


@lru_cache(maxsize=1)
def _matcher_glossary():
    from . import pipeline
    from .matcher import TokenMatcher

    matcher = TokenMatcher(pipeline.nlp().vocab)
    for i, entry in enumerate(_lay()["glossary"]):
        for pattern in entry["terms"]:
            pipeline._add(matcher, f"G{i}", pattern, "lay.yaml glossary")
    return matcher


def us_spelling(text: str) -> str:
    mapping = _lay().get("us_spelling") or {}

    def swap(match: re.Match) -> str:
        word = match.group(0)
        new = mapping.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    if not mapping:
        return text
    pattern = r"\b(" + "|".join(re.escape(w) for w in mapping) + r")\b"
    return re.sub(pattern, swap, text, flags=re.IGNORECASE)


def write(reading, *, spelling: str = "en-au") -> Writing:
    lay = _lay()
    head = lay["headings"]
    text = reading.text
    groups = group_findings(reading.findings)
    safety = {fixed("emergency"), fixed("urgent_intro"), fixed("unexplained")}
    sources: set[str] = {"wording"}

    # What the scan looked at
    looked = Section(head["looked_at"])
    part = lay["body_part"].get(reading.body_part)
    if part is None and any(f.levels for f in reading.findings):
        part = lay["body_part"]["spine"]  # a short note with levels but no "lumbar" word
    if part is None:
        looked.paragraphs.append(fixed("looked_at_other"))
    else:
        modality = lay["modality"].get(reading.modality) or lay["modality"][None]
        looked.paragraphs.append(fixed("looked_at").format(modality=modality, part=part))
        levels = sort_levels({lv for f in reading.findings for lv in f.levels})
        discs = [lv for lv in levels if "-" in lv] or levels
        if discs:
            code = discs[0]
            words = _one_level(code)
            words = f"the disc {words}" if "-" in code else words.replace("in the ", "the ", 1)
            looked.paragraphs.append(fixed("level_codes").format(code=code, words=words))

    urgent = [g for g in groups if g.tier == "urgent" and g.certainty != "historical"]
    urgent.sort(key=lambda g: (not g.emergency, g.certainty != "present"))
    outside = [g for g in groups if g.concept == "extraspinal_mass"]
    danger = [u for u in reading.unexplained if u.danger]
    tests = [t for t in _test_words(reading.tests) if t]

    follow = Section(head["follow_up"])
    urgent_sentences = [sentence_for(g, text) for g in urgent + outside]
    follow.paragraphs.extend(urgent_sentences)
    if any(g.emergency for g in urgent):
        follow.paragraphs.append(fixed("emergency"))
    if urgent or outside:
        follow.paragraphs.append(fixed("urgent_intro"))
        sources.add("redflags")
    if danger:
        follow.paragraphs.append(fixed("unexplained"))
    if tests:
        follow.paragraphs.append(fixed("tests").format(tests=_join(tests)))

    # What it found: red flags from the past, then place by place, then the rest
    found = Section(head["found"])
    rest = [g for g in groups if g not in urgent and g not in outside]
    past_red = [g for g in rest if g.tier == "urgent"]
    found.paragraphs.extend(sentence_for(g, text) for g in past_red)
    rest = [g for g in rest if g.tier != "urgent"]
    minor = [g for g in rest if g.tier == "minor" and g.concept != "postoperative_change"]
    surgery = [g for g in rest if g.concept == "postoperative_change"]
    main = [g for g in rest if g not in minor and g not in surgery]
    disc_sentences, used = _disc_group_sentences(main)
    main = [g for g in main if id(g) not in used]
    order = {"discuss": 0, "common": 1}
    main.sort(key=lambda g: (order.get(g.tier, 2), g.certainty != "present"))
    discuss = [sentence_for(g, text) for g in main if g.tier == "discuss"]
    found.paragraphs.extend(_place_by_place(main, text))
    found.paragraphs.extend(disc_sentences)
    found.paragraphs.extend(sentence_for(g, text) for g in surgery)
    if minor:
        found.paragraphs.append(fixed("minor_intro"))
        items = []
        for g in minor:
            item = "- " + _item_for(g, text, brief=True)
            if item not in items:
                items.append(item)
        found.paragraphs.extend(items)
    negated = _negated_red_flags(reading)
    if negated:
        found.paragraphs.append(fixed("negated_red_flags").format(list=_join(negated, "or")))
        sources.add("redflags")
    if reading.unexplained and not danger:
        found.paragraphs.append(fixed("unexplained"))
    is_normal = not groups and not reading.unexplained and part is not None
    if is_normal:
        found.paragraphs.extend(item["text"] for item in lay["fixed"]["normal_study"])

    # How common
    pv = prevalence_for(groups, reading.age, reading.modality)
    sources |= pv.sources
    common_section = Section(head["prevalence"])
    if pv.sentences:
        common_section.paragraphs.append(fixed("common_intro"))
        common_section.paragraphs.extend(pv.sentences)

    # What happens next
    nxt = Section(head["next"])
    nxt.paragraphs.extend(item["text"] for item in lay["fixed"]["next"])
    nxt.paragraphs.append(fixed("questions_intro"))
    nxt.paragraphs.extend("- " + item["text"] for item in lay["fixed"]["questions"])

    glossary = glossary_for(reading)
    words = Section(head["words"])
    words.paragraphs.extend(f"{g['term']}: {g['definition']}" for g in glossary)
    source_section = Section(head["sources"])
    source_section.paragraphs.extend(lay["sources"][key] for key in sorted(sources))

    sections = [
        s
        for s in (looked, follow, found, common_section, nxt, words, source_section)
        if s.paragraphs
    ]

    conclusion = _conclusion(
        urgent_sentences, urgent, danger, tests, discuss, groups, pv, is_normal
    )
    if reading.unexplained and not danger and fixed("unexplained") not in conclusion:
        conclusion = conclusion.replace(
            fixed("conclusion_end"), fixed("unexplained") + " " + fixed("conclusion_end")
        )

    writing = Writing(
        summary=sections,
        conclusion=conclusion,
        glossary=glossary,
        prevalence=pv.items,
        prevalence_notes=pv.notes,
        recommendations=tests,
        safety_sentences=frozenset(safety),
    )
    if spelling == "en-us":
        for section in writing.summary:
            section.heading = us_spelling(section.heading)
            section.paragraphs = [us_spelling(p) for p in section.paragraphs]
        writing.conclusion = us_spelling(writing.conclusion)
        for g in writing.glossary:
            g["definition"] = us_spelling(g["definition"])
        for item in writing.prevalence:
            item["text"] = us_spelling(item["text"])
        writing.safety_sentences = frozenset(us_spelling(s) for s in safety)
    return writing


def _conclusion(urgent_sentences, urgent, danger, tests, discuss, groups, pv, is_normal) -> str:
    parts = [fixed("conclusion_intro")]
    if is_normal:
        parts.append(fixed("conclusion_normal"))
        parts.append(fixed("conclusion_end"))
        return " ".join(parts)
    parts.extend(urgent_sentences)
    if any(g.emergency for g in urgent):
        parts.append(fixed("emergency"))
    if danger:
        parts.append(fixed("unexplained"))
    if tests:
        parts.append(fixed("tests").format(tests=_join(tests)))
    parts.extend(discuss)
    common = []
    for g in groups:
        if g.tier == "common" and g.certainty == "present":
            name = knowledge.load().prevalence.get("plural", {}).get(g.concept)
            entry = _lay()["concepts"][g.concept]
            name = name or entry.get("short") or entry["plural"]
            if name not in common:
                common.append(name)
    if common:
        parts.append(fixed("conclusion_common").format(list=_join(common[:2])))
    if pv.conclusion_sentence:
        parts.append(pv.conclusion_sentence)
    if len(parts) == 1 and groups:
        parts.append(fixed("conclusion_minor"))
    parts.append(fixed("conclusion_end"))
    return " ".join(parts)


def _negated_red_flags(reading) -> list[str]:
    lay = _lay()["concepts"]
    shown = {f.concept for f in reading.findings if f.assertion != "negated"}
    names = []
    for f in reading.findings:
        if f.tier == "urgent" and f.assertion == "negated" and f.concept not in shown:
            name = lay[f.concept].get("negated")
            if name and name not in names:
                names.append(name)
    return names


def _test_words(test_ids) -> list[str]:
    words = {t.id: t.words for t in knowledge.load().tests}
    ids = [t for t in test_ids if not (t == "mri" and "contrast_mri" in test_ids)]
    return [words.get(t) for t in ids]


def fixed_heading(key: str) -> str:
    return _lay()["headings"][key]
