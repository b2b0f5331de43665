"""What the whole report is: its kind, its furniture, a letter's imaging lines, what it states is
normal, and whether it is a normal study (docs/domain.md, "What the whole report is").

The rules are regular expressions in `data/document.yaml`, each with examples that a test runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge
from .levels import find_levels, group_levels
from .sections import Section, Sentence, heading_levels, line_pieces, lines_of

KINDS = ("final", "preliminary", "addendum", "not_a_report")
REPORTED = ("findings", "impression", "comment")
SHOWN = ("present", "uncertain", "historical")


@dataclass(frozen=True)
class Normal:
    text: str
    start: int
    end: int
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    preliminary: tuple[Rule, ...]
    final_overrides: tuple[Rule, ...]
    addendum: tuple[Rule, ...]
    letter_cues: tuple[Rule, ...]
    letter_min_cues: int
    report_headings: re.Pattern
    imaging_line: tuple[Rule, ...]
    imaging_run_ends: tuple[Rule, ...]
    furniture: tuple[Rule, ...]
    furniture_whole: tuple[Rule, ...]
    furniture_long: tuple[Rule, ...]
    furniture_max_words: int
    furniture_never: re.Pattern
    normal: tuple[Rule, ...]
    not_normal: tuple[Rule, ...]
    unlent: tuple[Rule, ...]
    positioned: tuple[Rule, ...]


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise knowledge.KnowledgeError(f"{where}: pattern does not compile: {error}") from None


def rule_from_dict(entry: dict, where: str) -> Rule:
    knowledge._check_keys(entry, {"id", "pattern", "examples", "not"}, {"id", "pattern"}, where)
    where = f"{where} ({entry['id']})"
    return Rule(
        id=entry["id"],
        pattern=_compile(entry["pattern"], where),
        examples=knowledge._strings(entry.get("examples"), where + ".examples"),
        not_examples=knowledge._strings(entry.get("not"), where + ".not"),
    )


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = knowledge.load().document

    def group(key: str) -> tuple[Rule, ...]:
        entries = data[key]
        if not isinstance(entries, list):
            raise knowledge.KnowledgeError(f"document.yaml {key}: expected a list of rules")
        out = tuple(rule_from_dict(e, f"document.yaml {key}[{i}]") for i, e in enumerate(entries))
        ids = [r.id for r in out]
        if len(ids) != len(set(ids)):
            raise knowledge.KnowledgeError(f"document.yaml {key}: an id is used twice")
        return out

    headings = knowledge._strings(data["report_headings"], "document.yaml report_headings")
    words = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in headings)
    return Rules(
        preliminary=group("preliminary"),
        final_overrides=group("final_overrides"),
        addendum=group("addendum"),
        letter_cues=group("letter_cues"),
        letter_min_cues=int(data["letter_min_cues"]),
        report_headings=_compile(
            rf"(?:^|(?<=[.!?])[ \t]+)[ \t]*(?:{words})[ \t]*(?::|[ \t]*$)", "report_headings"
        ),
        imaging_line=group("imaging_line"),
        imaging_run_ends=group("imaging_run_ends"),
        furniture=group("furniture"),
        furniture_whole=group("furniture_whole"),
        furniture_long=group("furniture_long") if data.get("furniture_long") else (),
        furniture_max_words=int(data["furniture_max_words"]),
        furniture_never=_compile(data["furniture_never"], "document.yaml furniture_never"),
        normal=group("normal"),
        not_normal=group("not_normal"),
        unlent=group("unlent"),
        positioned=group("positioned"),
    )


def _search(group: tuple[Rule, ...], text: str) -> Rule | None:
    return next((rule for rule in group if rule.pattern.search(text)), None)


# Document kind


def letter_cues(text: str) -> set[str]:
    """The distinct letter cues in a text (each matched wording counts once)."""
    found = set()
    for rule in rules().letter_cues:
        for match in rule.pattern.finditer(text):
            found.add(re.sub(r"\W+", " ", match.group(0).lower()).strip())
    return found


def is_letter(text: str) -> bool:
    """A clinic letter or case narrative: letter cues and no heading only a report carries."""
    r = rules()
    if r.report_headings.search(text):
        return False
    return len(letter_cues(text)) >= r.letter_min_cues


def kind(text: str, letter: bool | None = None) -> str:
    """`not_a_report`, `addendum`, `preliminary` or `final`, in that order of precedence."""
    r = rules()
    if letter if letter is not None else is_letter(text):
        return "not_a_report"
    if _search(r.addendum, text):
        return "addendum"
    if _search(r.preliminary, text) and not _search(r.final_overrides, text):
        return "preliminary"
    return "final"


# Furniture


_WORDS = re.compile(r"[A-Za-z0-9]+")
_GAPS = re.compile(r"[ \t]{3,}|\t|\s+\|\s+")


def furniture_rule(line: str) -> str | None:
    """The id of the furniture rule that covers the whole line or sentence, or None (see
    `_furniture_rule`); "Illawarra Coast Radiology, Wollongong NSW  18/06/2025": pieces two spaces
    apart, each one furniture, make a furniture line too."""
    rule_id = _furniture_rule(line)
    if rule_id is None and "  " in line.strip():
        pieces = [p for p in re.split(r"[ \t]{2,}", line.strip()) if p.strip()]
        ids = [_furniture_rule(p) for p in pieces] if len(pieces) > 1 else []
        if ids and all(ids):
            return ids[0]
    return rule_id


def _labelled(pieces) -> list[str]:
    """ "Patient:      Ms Imogen FAIRWEATHER-SOLANO": a label and its value set apart by a wide
    gap are one piece."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].endswith(":"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _furniture_rule(line: str) -> str | None:
    """The id of the furniture rule that covers the whole line or sentence, or None.

    Never for a line that names a spinal level, a finding or a danger word, holds advice, or is
    long: folding away a finding would hide it from the patient's text.
    """
    r = rules()
    stripped = line.strip()
    # "Exam date: 11/12/2024     Accession: MR-558190": pieces set apart by wide gaps, each one
    # furniture, make a furniture line
    pieces = _labelled(p for p in _GAPS.split(stripped) if p.strip())
    if len(pieces) > 1:
        ids = [furniture_rule(p) for p in pieces]
        return ids[0] if all(ids) else None
    # a tight pattern for a line longer than furniture usually is (a letter's thanks that
    # retells the history), never where it names a finding
    long = next((rule for rule in r.furniture_long if rule.pattern.fullmatch(stripped)), None)
    if long is not None and not _names_finding(stripped):
        return long.id
    if not stripped or len(_WORDS.findall(stripped)) > r.furniture_max_words:
        return None
    whole = next((rule for rule in r.furniture_whole if rule.pattern.fullmatch(stripped)), None)
    if whole is not None:  # a title's views and contrast words are not advice, nor its levels
        # nor its purpose ("- LESION CHARACTERISATION" names what the scan is for)
        named = _names_finding(_PURPOSE.sub("", stripped))
        return None if named else whole.id
    rule = next((rule for rule in r.furniture if rule.pattern.fullmatch(stripped)), None)
    rule_id = rule.id if rule else None
    status = rule_id is None and (_search(r.preliminary, stripped) or _search(r.addendum, stripped))
    if status:
        rule_id = "status"  # "Formal report to follow.", "PROVISIONAL - awaiting review"
    # "Not yet reviewed by the attending radiologist.": a status line's own "not" is no finding
    never = r.furniture_never.search(stripped)
    if never and status and never.group(0).lower() == "not" and not _names_finding(stripped):
        never = r.furniture_never.search(stripped, never.end())
    if rule_id is None or never or find_levels(stripped):
        return None
    # who sent the patient: the practice's name is no finding ("Lydgate Lane Surgery")
    if rule_id == "identifiers" and _WHO_SENT.match(stripped):
        return rule_id
    if _names_finding(stripped):
        return None
    return rule_id


_PURPOSE = re.compile(r"\s*[-–:]\s*(?:lesion\s+)?characteri[sz]ation\W*$", re.IGNORECASE)
_WHO_SENT = re.compile(
    r"(?:ref(?:\s+(?:dr|doctor))|referr(?:ed\s+by|ing(?:\s+(?:doctor|clinician|physician|practitioner))?|er)|requested\s+by|req"
    r"|requesting\s+(?:doctor|clinician|physician)|copy\s+to|copies\s+to|cc\s+to"
    r"|ordering(?:\s+(?:physician|provider|clinician|doctor))?)\s*[:#]",
    re.IGNORECASE,
)


def _names_finding(text: str) -> bool:
    from . import pipeline

    doc = pipeline.nlp().make_doc(text)
    m = pipeline.matchers()
    return bool(pipeline.run(m.concepts, doc) or pipeline.run(m.danger, doc))


# A letter's sections


def _modality_named(text: str) -> bool:
    return _search(rules().imaging_line, text) is not None


def letter_sections(text: str, sections: list[Section]) -> list[Section]:
    """A letter's sections: its imaging lines are findings, the rest history (furniture kept).

    A line whose heading names a scan ("MRI L-SPINE: Normal.") is findings after its heading;
    otherwise each sentence that names a scan is findings.
    """
    pieces: list[Section] = []
    for section in sections:
        if section.name == "furniture":
            pieces.append(section)
            continue
        # "MRI L/S spine (Coastline Radiology, 14/03/25) - impression copied:" and the lines
        # under it, up to a blank line: the scan's own words, quoted
        quoted = False
        quoting = (
            False  # a quoted line has been read (a blank line before the quote is not its end)
        )
        for line_start, line_end in lines_of(text, section.start, section.end):
            line = text[line_start:line_end]
            if not line.strip():
                quoted = quoted and not quoting
                continue
            if quoted and _search(rules().imaging_run_ends, line) is None:
                pieces.append(Section("findings", line_start, line_end))
                quoting = True
                continue
            quoted = line.rstrip().endswith(":") and _modality_named(line) is not None
            quoting = False
            going_on = False
            colon = line.find(":")
            if 0 < colon <= 40 and _modality_named(line[:colon]):
                pieces.append(Section("findings", line_start, line_end, line_start + colon + 1))
                continue
            body = max(line_start, section.body_start())
            if body > line_start:
                pieces.append(Section("history", line_start, body))
            for s, e in line_pieces(text, body, line_end):
                piece = text[s:e]
                imaging = _modality_named(piece) or (
                    going_on and _search(rules().imaging_run_ends, piece) is None
                )
                going_on = imaging
                pieces.append(Section("findings" if imaging else "history", s, e))
    merged: list[Section] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.name == piece.name
            and piece.body_start() == piece.start
            and not text[last.end : piece.start].strip()
        ):
            merged[-1] = Section(last.name, last.start, piece.end, last.body)
        else:
            merged.append(piece)
    return merged


# Normals


# (a comma inside a list of levels parts no clause: "The L1/2, L2/3 and L3/4 discs are normal")
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?![TLCS]\d)|\s+(?:but|although|though|whereas|however)\s+", re.I
)


def _clauses(text: str, start: int, end: int):
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        yield cursor, match.start()
        cursor = match.end()
    yield cursor, end


def is_stated_normal(clause: str) -> bool:
    r = rules()
    return _search(r.normal, clause) is not None and _search(r.not_normal, clause) is None


def stated_normals(text: str, sentences: list[Sentence], findings) -> tuple[Normal, ...]:
    """What the report states is normal, clause by clause, with the levels each clause names."""
    out: list[Normal] = []
    for sentence in sentences:
        if sentence.section not in REPORTED:
            continue
        own, offset = heading_levels(text[sentence.start : sentence.end])
        body = sentence.start + offset
        lent = own or sentence.heading_levels
        for s, e in _clauses(text, body, sentence.end):
            clause = text[s:e]
            if not clause.strip() or not is_stated_normal(clause):
                continue
            if any(f.assertion in SHOWN and s <= f.start < e for f in findings):
                continue
            groups = group_levels(clause, find_levels(clause))
            levels: list[str] = []
            for g in groups:
                levels.extend(lv for lv in g.levels if lv not in levels)
            if levels and _search(rules().positioned, clause):
                levels = []  # "The conus ends at T12/L1 with normal signal."
            first = s == body
            while s < e and not text[s].isalnum():
                s += 1
            while e > s and text[e - 1] in " \t.;,":
                e -= 1
            # "T12/L1 to L2/3: normal": the level heading is part of what is normal
            text_start = sentence.start if own and first else s
            if not levels and not (own and first) and _search(rules().unlent, clause):
                lent_here: tuple[str, ...] = ()
            else:
                lent_here = tuple(lent)
            out.append(Normal(text[text_start:e], text_start, e, tuple(levels) or lent_here))
    return tuple(out)


def is_normal_study(
    sentences: list[Sentence], findings, unexplained, normals: tuple[Normal, ...]
) -> bool:
    """Nothing abnormal reported: only normals and negatives in the findings, impression and
    comment, and nothing unexplained."""
    if unexplained:
        return False
    if not any(s.section in REPORTED for s in sentences):
        return False
    reported = [f for f in findings if f.section in REPORTED]
    if any(f.assertion in SHOWN for f in reported):
        return False
    return bool(normals) or any(f.assertion == "negated" for f in reported)


def level_correction(text: str) -> tuple[str, str] | None:
    """The old and new level of an addendum that corrects a level ("the level reported below as
    L4/5 becomes L5/S1"), or None."""
    match = knowledge.load().cues["level_corrected"].search(text)
    if not match:
        return None
    old = [lv for m in find_levels(match["old"] or match["old2"]) for lv in m.levels]
    new = [lv for m in find_levels(match["new"] or match["new2"]) for lv in m.levels]
    if len(old) != 1 or len(new) != 1 or old == new:
        return None
    return old[0], new[0]


def side_correction_levels(text: str) -> list[str]:
    """The levels an addendum corrects the side at ("The side of the L5/S1 extrusion was
    transposed ...", "... at L4-L5 is on the LEFT, not on the right"), or none."""
    cues = knowledge.load().cues
    out: list[str] = []
    for name in ("side_transposed", "side_corrected"):
        match = cues[name].search(text)
        if not match:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        span = text[match.start() : match.end()] if name == "side_transposed" else line
        if name == "side_corrected":
            # the sentence of the correction, not the next one on its line ("The right ... L4/5
            # disc protrusion ... correctly described"): "at L4-L5 and L4-L5" (round 42)
            span = line[: match.end() - line_start]
            span = span[span.rfind(". ") + 1 :]
        for m in find_levels(span):
            out += [lv for lv in m.levels if lv not in out]
    return out
