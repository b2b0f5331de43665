"""The plain-language conclusion appended after the unchanged report.

Never empty: it names every urgent and discuss finding with its level and side (the summary's
own sentences), carries one urgency line and the safety-netting, at most one prevalence
sentence, and says plainly when the study is normal, the report not final or not a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import knowledge
from .levels import find_levels
from .statements import HARD, grade, join


@dataclass(frozen=True)
class Conclusion:
    document: str
    normal: bool
    part: str | None
    danger: bool
    unexplained: bool  # non-dangerous unexplained content
    urgent: list[str]  # the summary's follow-up statements
    emergency: bool
    urgent_line: bool
    aneurysm: bool
    tests: list[str]  # the lines naming the tests the report suggests
    discuss: list[str]
    common: list[str]  # the common findings, each with its levels ("a disc bulge at L4-L5")
    general: bool  # the "common with age" wording is allowed
    prevalence: str | None
    benign: list[str] = field(default_factory=list)
    anything: bool = False  # any finding said at all
    # problems with past surgery the report names ("a screw ... may have come loose")
    surgery: list[str] = field(default_factory=list)
    # minor findings that do not come with age, named on their own (Scheuermann's disease)
    apart: list[str] = field(default_factory=list)
    # the condition the report says its findings fit ("... fit with ankylosing spondylitis")
    conditions: list[str] = field(default_factory=list)
    # common findings also said elsewhere in the conclusion, at another place: each alone
    alone: tuple[str, ...] = ()
    # the minor findings by name, for a conclusion that has nothing else to name
    minor: list[str] = field(default_factory=list)
    # each minor finding's short form ("a haemangioma at L1"), for a sentence too hard to read
    minor_short: dict[str, str | None] = field(default_factory=dict)
    # past surgery said in the summary ("changes from past surgery on the left at L5-S1"), and
    # what the report says has gone ("The scan no longer shows a disc pushing out at L5-S1.")
    past_surgery: list[str] = field(default_factory=list)
    # what the report describes that no finding id names, in plain words (lay.yaml `described`)
    described: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    # the red flags the report rules out ("The scan did not show a broken bone.")
    negated: str | None = None
    # a normal study's own negatives in plain words ("It did not show a disc pushing out.")
    ruled_out: list[str] = field(default_factory=list)
    # the lines naming tests the report suggests only if something holds, said after the
    # findings (beside nothing urgent); `tests` are the lines said before them
    later_tests: list[str] = field(default_factory=list)
    # the emergency list without an emergency: the report asks about cauda equina syndrome
    # beside a disc pressing on the nerves (writer `_watch_netting`)
    watch: bool = False
    # what the report rules out about the nerves beside its findings ("At L5-S1, the nerve is
    # touched but not pressed on."): round 38's readers missed it in the conclusion
    reassuring: list[str] = field(default_factory=list)
    # a CT of the belly whose conclusion opens on something outside the spine (writer
    # `_impression_opens_unexplained`)
    main_elsewhere: bool = False
    # the finding outside the spine that such a conclusion opens on, said first
    lead: list[str] = field(default_factory=list)
    # a normal follow-up the report says has not changed ("No change since the previous
    # examination."): said after "looks normal"
    unchanged: bool = False


def _fixed(key: str) -> str:
    return knowledge.load().lay["fixed"][key]["text"]


def tests_line(key: str, tests: list[str], condition: str | None = None) -> str:
    """The line naming the tests a report suggests; with the condition the report puts on them
    where it is known ("The report says an MRI scan may help if your symptoms last more than 6
    weeks.")."""
    own = next(
        (
            c["line"]
            for c in knowledge.load().lay.get("test_conditions") or ()
            if c["says"] == condition and c.get("line")
        ),
        None,
    )
    if key == "tests_if" and own:
        # a condition with its own urgency ("straight away if you get new bladder or bowel
        # problems"): its own line, never "may help", never left to a later decision
        return own.format(tests=join(tests), condition=condition)
    if key == "tests_if" and condition:
        line = _fixed("tests_when").format(tests=join(tests), condition=condition)
    else:
        line = _fixed(key).format(tests=join(tests))
    first, _, tail = line.rpartition(". ")
    if len(tests) < 2 or grade(first + ".") <= HARD:
        return line
    # a long list: the first test in the line, the others in a sentence after it ("The report
    # suggests more tests: an ultrasound scan or a CT scan. It also suggests a scan later.")
    head = tests_line(key, tests[:1], condition).rpartition(". ")[0]
    also = _fixed("tests_also" if key == "tests" else "tests_if_also").format(tests=join(tests[1:]))
    return f"{head}. {also} {tail}"


def conclude(c: Conclusion) -> str:
    lay = knowledge.load().lay
    parts = [_fixed("conclusion_intro")]
    if c.document == "preliminary":
        parts.append(_fixed("preliminary"))
    if c.document == "not_a_report":
        parts.append(_fixed("not_a_report"))
    elif c.part is None:
        parts.append(_fixed("looked_at_other"))
    if c.main_elsewhere:
        parts.append(_fixed("main_elsewhere"))
        parts.extend(c.lead)
    if c.normal:
        parts.append(_fixed("normal").format(part=c.part))
        if c.unchanged:
            parts.append(_fixed("normal_unchanged"))
        if c.negated:
            parts.append(c.negated)
        parts.extend(c.ruled_out)
        parts.append(_fixed("normal_more"))
        # a normal study may still suggest a test ("MRI if symptoms persist")
        parts.extend(c.tests + c.later_tests)
        parts.append(_fixed("conclusion_end"))
        return " ".join(parts)
    body_start = len(parts)
    if c.danger:
        parts.append(_fixed("unexplained_danger"))
    parts.extend(c.urgent)
    parts.extend(c.conditions)
    if c.emergency:
        parts.append(_fixed("emergency"))
        parts.append(_fixed("emergency_netting"))
        parts.extend(line["text"] for line in lay["fixed"]["emergency_list"])
    elif c.urgent_line:
        parts.append(_fixed("urgent_intro"))
    if c.aneurysm:
        parts.append(_fixed("aneurysm_netting"))
    # a lesion read as benign answers the question the scan was often for: said early
    parts.extend(c.benign)
    parts.extend(c.surgery)
    # a test suggested only if something holds comes after the findings, beside nothing urgent
    parts.extend(c.tests)
    parts.extend(c.discuss)
    for line in c.apart:
        first = len(parts) == body_start and c.document != "preliminary"
        key = "conclusion_shows" if first else "conclusion_more"
        parts.append(_fixed(key).format(list=line.rstrip(".")))
    if c.common:
        key = "conclusion_common" if c.general else "conclusion_also"
        if len(parts) == body_start and not c.general:
            key = "conclusion_shows"
        if c.document == "preliminary":
            key = "conclusion_first_reading"  # nothing named as settled
        parts.extend(_common_lines(c.common, key, c.alone))
    if c.minor:
        # the minor things too, by name: the reader sees their words in the report above (and
        # alone: a transitional vertebra was the X-ray's one finding, round 45's GP)
        opening = "conclusion_minor_also" if len(parts) > body_start else "conclusion_minor_first"
        lines = _common_lines(c.minor, opening)
        if any(grade(line) > HARD for line in lines):
            # never dropped: each said by its short name where its full one reads too hard
            names = [
                name
                if grade(_fixed("conclusion_more").format(list=name)) <= HARD
                else c.minor_short.get(name) or name
                for name in c.minor
            ]
            # one to a sentence, so that no place is read as another finding's; a first one
            # still too hard opens as the others do ("It also shows ...")
            lines = []
            for name in names:
                line = _fixed("conclusion_more" if lines else opening)
                line = line.format(list=name)
                if grade(line) > HARD:
                    line = _fixed("conclusion_more").format(list=name)
                lines.append(line)
        parts.extend(line for line in lines if grade(line) <= HARD)
    if len(parts) > body_start:
        for name in c.past_surgery:
            line = _fixed("conclusion_more").format(list=name)
            if grade(line) <= HARD:
                parts.append(line)
        parts.extend(c.resolved)
        parts.extend(c.described)
    if c.prevalence:
        parts.append(c.prevalence)
    # what the report rules out, also where it is all the conclusion can say (a preliminary CT
    # with no fracture and a line left to the GP: round 28's GP found the conclusion empty)
    if c.negated and (len(parts) > body_start or not c.danger):
        parts.append(c.negated)
    if len(parts) > body_start:
        parts.extend(line for line in c.reassuring if line not in parts)
    if c.unexplained:
        parts.append(_fixed("conclusion_unexplained"))
    if len(parts) == body_start:
        if c.anything:
            parts.append(_fixed("conclusion_minor"))
            # each by name: "The scan shows a clump of blood vessels in a bone (haemangioma) in
            # the 2nd bone of your lower back (L2)."
            for name in c.minor:
                line = _fixed("conclusion_shows").format(list=name)
                if grade(line) <= HARD:
                    parts.append(line)
        elif c.document != "not_a_report" and c.part is not None:
            parts.append(_fixed("conclusion_unexplained"))
    parts.extend(c.later_tests)
    if c.watch:  # what to watch for, after what the scan shows
        parts.append(_fixed("emergency_netting"))
        parts.extend(line["text"] for line in lay["fixed"]["emergency_list"])
    parts.append(_fixed("conclusion_end_emergency" if c.emergency else "conclusion_end"))
    return _first_look_once(_placed_again(" ".join(p for p in parts if p)))


def _first_look_once(text: str) -> str:
    """A preliminary report's "The first look at the scan shows ..." once; the findings after
    it "The scan also shows ..." (round 27's patient read it four times over)."""
    certainty = knowledge.load().lay["certainty"]
    first = certainty["preliminary"].split("{", 1)[0].strip()
    again = certainty["preliminary_again"].split("{", 1)[0].strip()
    head, found, rest = text.partition(first)
    return head + found + rest.replace(first, again) if found else text


def _placed_again(text: str) -> str:
    """ "It is bigger than on your last scan." said of a second finding: "At L4-L5, it is bigger
    ...", with the place of the sentence before it, so that no sentence repeats."""
    out: list[str] = []
    code = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if sentence in out and sentence.startswith("It ") and code:
            sentence = f"At {code}, it " + sentence[3:]
        codes = list(dict.fromkeys(lv for m in find_levels(sentence) for lv in m.levels))
        # "This is at 3 levels ... (L3-L4, L4-L5, L5-S1)." then "It has not changed ...": at
        # all three, not the last one named (round 38's GP)
        code = join(codes, "and") if codes else code
        out.append(sentence)
    return " ".join(out)


_SIDED = re.compile(r"\b(?:left|right|both sides)\b")


_SAME_CHANGE = re.compile(r"^(?P<name>.*?)\.\s+(?P<change>(?:It|They) (?:has|have) [^.]*)\.?$")


def _by_change(items: list[str]) -> list[tuple[list[str], str | None]]:
    """ "dry discs at L2-L3 ... They have not changed since your last scan." beside "thinner
    discs at L4-L5 ... They have not changed since your last scan.": the findings that say the
    same change are said together, and the change once after them ("These have not changed
    since your last scan."), never the same sentence twice. Groups in the order of their first
    finding; a change said of one finding alone stays with it."""
    groups: dict[str | None, list[str]] = {}
    for item in items:
        m = _SAME_CHANGE.match(item)
        change = m["change"].split(" ", 2)[2] if m else None
        groups.setdefault(change, []).append(item)
    out: list[tuple[list[str], str | None]] = []
    for change, group in groups.items():
        if change is None or len(group) < 2:
            out.append((group, None))
            continue
        names = [m["name"] for m in (_SAME_CHANGE.match(i) for i in group) if m]
        out.append((names, f"These have {change}."))
    return out


def _common_lines(items: list[str], key: str, apart: tuple[str, ...] = ()) -> list[str]:
    """Every common finding with its levels, up to two to a sentence while the sentence stays
    at grade 8 or below: the first sentence by `key`, the next ones "It also shows ..."."""
    lines: list[str] = []
    for group, once in _by_change(items):
        lines += _common_sentences(group, key if not lines else "conclusion_more", apart)
        if once:
            lines.append(once)
    return lines


def _common_sentences(items: list[str], key: str, apart: tuple[str, ...] = ()) -> list[str]:
    lines: list[str] = []
    group: list[str] = []

    def line(names: list[str]) -> str:
        return _fixed(key if not lines else "conclusion_more").format(list=join(names))

    for name in items:
        # a finding at several levels ("bony spurs at L2-L3 and L3-L4") has a sentence of its
        # own, so that no "and" is read as joining two findings
        # nor one named at another place too ("a disc bulge at L1-L2" after the L5-S1 bulge)
        # nor one with a side ("a fluid sac in the right kidney"), so its side is its own
        sided = _SIDED
        alone = " and " in name or any(" and " in g or g in apart or sided.search(g) for g in group)
        alone = alone or name in apart or bool(sided.search(name))
        # nor one with a place after one without ("bony spurs and a slipped bone at L4-L5"
        # reads as both at L4-L5: round 41's GP)
        alone = alone or (bool(find_levels(name)) and any(not find_levels(g) for g in group))
        if group and (alone or len(group) == 2 or grade(line([*group, name])) > HARD):
            lines.append(line(group))
            group = []
        group.append(name)
    if group:
        lines.append(line(group))
    return lines
