"""Read one report: modality, age, body part, sections, findings, urgent ids, flags, unexplained."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from . import document as doc_kind
from . import knowledge, pipeline
from .attributes import find_sizes
from .document import Normal
from .findings import NAMES_IT, REFERS_BACK, Finding, Flag, Size, Unexplained, extract
from .levels import find_levels
from .mentions import settle_mentions
from .sections import Section, find_sections, split_sentences

ENGINE_VERSION = "0.3.0"


class EngineInputError(ValueError):
    """The input cannot be read as a report; the message is one clear sentence for the user."""


@dataclass(frozen=True)
class Reading:
    text: str
    modality: str | None
    age: int | None
    body_part: str
    sections: tuple[Section, ...]
    findings: tuple[Finding, ...]
    urgent: tuple[str, ...]
    flags: tuple[Flag, ...]
    unexplained: tuple[Unexplained, ...]
    tests: tuple[str, ...]  # ids of further tests the report suggests (flags.yaml tests)
    document: str = "final"  # final, preliminary, addendum, not_a_report
    normal_study: bool = False
    normals: tuple[Normal, ...] = ()
    # tests the report offers as a choice, one group a sentence ("CT or a bone scan")
    test_choices: tuple[tuple[str, ...], ...] = ()


def normalise(text: str) -> str:
    """The text every offset indexes: line ends made \\n, nothing else changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str) -> None:
    if not isinstance(text, str):
        raise EngineInputError("The report must be text.")
    if len(text) > pipeline.MAX_CHARS:
        raise EngineInputError(
            f"The report is too long ({len(text):,} characters; the limit is "
            f"{pipeline.MAX_CHARS:,})."
        )
    if not text.strip():
        raise EngineInputError("The report is empty.")
    if "\x00" in text:
        raise EngineInputError("This is not a text report (it contains binary data).")
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if bad > max(2, len(text) // 100):
        raise EngineInputError("This is not a text report (it contains binary data).")
    if not re.search(r"[A-Za-z]{2,}", text):
        raise EngineInputError("The report has no words in it.")


_AGE_PATTERNS = [
    re.compile(r"\bage\s*/\s*sex\s*[:=]?\s*(\d{1,3})\s*(?:y|yrs?|years?)?\s*/", re.I),
    re.compile(r"\b(\d{1,3})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*old\b", re.I),
    re.compile(r"\b(\d{1,3})\s*-?\s*(?:yo|y/o|y\.o\.?|yoa)(?![A-Za-z])", re.I),
    re.compile(
        r"\baged?\s*[:=]?\s*(\d{1,3})(?:\s?(?:y|yo|yrs?|years?))?(?!\s*(?:%|cm|mm|\.\d))\b", re.I
    ),
    re.compile(r"(?<![\w.])(\d{1,2})\s?(?:M|F)(?![A-Za-z0-9])"),
    re.compile(r"\b(\d{1,3})\s*(?:years?|yrs?)\s*(?:,|\s)\s*(?:male|female|man|woman|m|f)\b", re.I),
    # "Age at exam: 47", "F, 59 yrs", "DOB: 04/22/1962 (63 years)"
    re.compile(r"\bage\s+at\s+(?:exam(?:ination)?|scan|study)\s*[:=]?\s*(\d{1,3})\b", re.I),
    re.compile(r"\b(?:male|female|m|f)\s*,\s*(\d{1,3})\s*(?:y|yrs?|years?)\b", re.I),
    re.compile(r"\(\s*(\d{1,3})\s*(?:y|yrs?|years?)(?:\s+old)?\s*\)", re.I),
    # "Patient: Aroha Pene, 19 years"
    re.compile(r"^[ \t]*(?:patient|name)\b[^\n]*?,\s*(\d{1,3})\s*(?:years?|yrs?|y)\b", re.I | re.M),
    # "... Patient Mrs Marguerite OYEBANJI-LOCKE, 57 years, scanned 14/05/2025"
    re.compile(
        r"\b(?:patient|mr|mrs|ms|miss)\b[^\n,]{0,60},\s*(\d{1,3})\s*(?:years?|yrs?)\b", re.I
    ),
]


def find_age(text: str) -> int | None:
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(text):
            age = int(match.group(1))
            if 0 < age < 120:
                return age
    return _age_from_dates(text)


_DATE = r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})"
_BIRTH = re.compile(rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born)\s*[:#]?\s*{_DATE}", re.I)
_EXAM_DATE = re.compile(
    rf"\b(?:(?:exam(?:ination)?|study|scan)\s+date|date\s+of\s+(?:exam(?:ination)?|study|scan)"
    rf"|date)\s*[:#]?\s*{_DATE}",
    re.I,
)


def _age_from_dates(text: str) -> int | None:
    """ "DOB: 14.06.1981 ... Date: 08.02.2026": the age on the day of the scan. Day and month
    are read in the order a number above 12 shows; day first where none does."""
    birth, exam = _BIRTH.search(text), _EXAM_DATE.search(text)
    if not birth or not exam or exam.start() == birth.start():
        return None
    (b1, b2, by), (e1, e2, ey) = (tuple(map(int, m.groups())) for m in (birth, exam))
    month_first = b2 > 12 or e2 > 12
    (bm, bd), (em, ed) = ((b1, b2), (e1, e2)) if month_first else ((b2, b1), (e2, e1))
    if not (1 <= bm <= 12 and 1 <= em <= 12):
        return None
    age = ey - by - ((em, ed) < (bm, bd))
    return age if 0 < age < 120 else None


_MRI_WORDS = (
    r"MRI|MR|magnetic resonance|STIR|FLAIR|gadolinium|T1[- ]?weighted|T2[- ]?weighted|T1W|T2W"
    r"|sagittal T[12]|axial T[12]"
)
_XRAY_WORDS = (
    r"X-?rays?|XR|radiographs?|radiography|plain films?|AP and lateral|AP/lateral|lateral views?"
)
_MODALITY = [
    ("mri", re.compile(rf"\b(?:{_MRI_WORDS})\b", re.I)),
    ("ct", re.compile(r"\b(?:CT|CAT scan)\b")),
    ("ct", re.compile(r"\b(?:comput(?:ed|eri[sz]ed) tomography)\b", re.I)),
    ("xray", re.compile(rf"\b(?:{_XRAY_WORDS})\b", re.I)),
]


# "Examination: XR lumbar spine AP and lateral, 17/06/2025": the examination's own field names
# its kind, whatever a later sentence suggests ("If MRI ... is planned", round 45's GP)
_EXAM_FIELD = re.compile(
    r"\b(?:examination|exam|study|procedure|investigation|modality)\s*:\s*(?P<what>[^.\n:]{2,60})",
    re.I,
)


_EARLIER_FIELD = re.compile(
    r"\b(?:prior|previous|earlier|comparison|compared|outside|old|last)\s*$", re.I
)


def find_modality(text: str, sections: tuple[Section, ...]) -> str | None:
    from .sections import _is_title, lines_of

    # (and a first line that is the examination's title: "XR LUMBAR SPINE AP/LATERAL/OBLIQUES")
    first_line = text.strip().split("\n", 1)[0] if text.strip() else ""
    # (not an earlier study's: "Prior study: MRI lumbar spine 2019" on a CT)
    fields = [
        m["what"]
        for m in _EXAM_FIELD.finditer(text)
        if not _EARLIER_FIELD.search(text[max(0, m.start() - 25) : m.start()])
    ]
    if _TITLE.match(first_line):
        fields.insert(0, first_line)
    for what in fields:
        named = _first_modality(what)
        if named:
            return named
    order = ("technique", "furniture", "findings", "impression", "comment")
    for name in order:
        best = None
        for section in sections:
            if section.name != name:
                continue
            chunks = [(section.start, text[section.start : section.end])]
            if name == "furniture":
                # only a title line: "Mr" in a patient's name is not an MR scan
                chunks = [(s, text[s:e]) for s, e in lines_of(text, section.start, section.end)]
                # "MRI LUMBAR SPINE    Date: 28/08/2025": a title set apart from a date by a gap
                chunks = [
                    (s + m.start(), m.group(0))
                    for s, chunk in chunks
                    for m in re.finditer(r"\S(?:.*?\S)??(?=\s{3,}|\s*$)", chunk)
                ]
                chunks = [(s, chunk) for s, chunk in chunks if chunk.strip() and _is_title(chunk)]
            for offset, chunk in chunks:
                for modality, pattern in _MODALITY:
                    match = pattern.search(chunk)
                    if match and (best is None or match.start() + offset < best[0]):
                        best = (match.start() + offset, modality)
        if best:
            return best[1]
    # "MRI LUMBAR SPINE - Example Imaging, Sheffield. Patient ...": a one-paragraph paste whose
    # title is in no section of its own
    return _first_modality(text)


def _first_modality(text: str) -> str | None:
    """The modality named first in the text, or None."""
    first = min(
        (
            (m.start(), modality)
            for modality, pattern in _MODALITY
            for m in [pattern.search(text)]
            if m
        ),
        default=None,
    )
    return first[1] if first else None


# "a sagittal whole-spine localiser" counts the levels; it is not the scan's region
_WHOLE = re.compile(
    r"\b(?:whole|entire|complete|total|full)[\s-]+spine\b"
    r"(?![\s-]+(?:sagittal\s+)?(?:locali[sz]er|scout|survey|count))",
    re.I,
)
_ASKED = re.compile(
    r"[^.\n]*\b(?:recommend\w*|suggest\w*|advis\w*|consider\w*|would\s+help)\b[^.\n]*",
    re.IGNORECASE,
)
_THORACOLUMBAR = re.compile(r"\bthoraco-?lumbar\b", re.I)
_LUMBAR = re.compile(
    r"\b(?:lumbar|lumbo-?sacral|lss|l-?spine|l/s\s+spine|ls\s+spine|lumbosacral|sacrum|sacral)\b",
    re.I,
)
_THORACIC = re.compile(r"\b(?:thoracic|dorsal)\s+spine\b|\b(?:t|d)[- ]?spine\b|\bdorsal\b", re.I)
_CERVICAL = re.compile(r"\bcervical\b|\bc[.\- ]?\s?spine\b", re.I)


_SEQUENCE = re.compile(
    r"\b(?:sagittal|axial|coronal|stir|flair|weighted|sequences?|signal|images?|fat[- ]sat\w*)\b",
    re.I,
)


# "EXAM: MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST": the examination's own title names the region
_TITLE = re.compile(
    r"^\W*(?:(?:exam(?:ination)?|study|procedure|investigation)\s*:\s*)?"
    r"(?:(?:urgent|emergency|repeat|follow[- ]?up|limited)\s+)*"
    r"(?:mri|mr|ct|xr|x-?rays?|radiographs?|plain\s+films?|magnetic\s+resonance(?:\s+imaging)?)"
    r"\s+(?:of\s+(?:the\s+)?)?(?P<region>[a-z /&,-]{3,60}?)\s*(?:spine|$|\(|-|:|\s{2,})",
    re.I | re.M,
)


def _titled_part(text: str) -> str | None:
    """The region the examination's title lines name, or None where no title names one."""
    parts = set()
    for match in _TITLE.finditer(text[:1500]):
        region = match["region"].lower()
        if _THORACOLUMBAR.search(region):
            parts.add("thoracolumbar")
        elif re.search(r"\b(?:whole|entire|complete|total|full)\b", region):
            parts.add("whole_spine")
        else:
            if _LUMBAR.search(region):
                parts.add("lumbar")
            if re.search(r"\b(?:thoracic|dorsal)\b", region):
                parts.add("thoracic")
            if re.search(r"\bcervical\b", region):
                parts.add("cervical")
    if parts == {"lumbar"}:
        return "lumbar"
    if parts == {"thoracolumbar"} or parts == {"lumbar", "thoracic"}:
        return "thoracolumbar"
    return None


def find_body_part(text: str) -> str:
    titled = _titled_part(text)
    if titled:
        return titled
    regions = set()
    for mention in find_levels(text):
        # "Sagittal T1, T2, and STIR": MRI sequences, not the 1st and 2nd thoracic bones
        if set(mention.levels) <= {"T1", "T2"} and _SEQUENCE.search(
            text[max(0, mention.start - 30) : mention.end + 30]
        ):
            continue
        for level in mention.levels:
            for part in level.split("-"):
                region, number = part[0], int(part[1:])
                if region == "T" and number >= 11:
                    continue  # T11 and T12 are seen on lumbar scans
                regions.add(region)
    lumbar = "L" in regions or "S" in regions or bool(_LUMBAR.search(text))
    thoracic = "T" in regions or bool(_THORACIC.search(text))
    cervical = "C" in regions or bool(_CERVICAL.search(text))
    # "MRI whole spine with contrast is recommended": the next scan's region, not this one's
    scanned = _ASKED.sub(" ", text)
    if _WHOLE.search(scanned) or (lumbar and thoracic and cervical):
        return "whole_spine"
    if _THORACOLUMBAR.search(text) or (lumbar and thoracic):
        return "thoracolumbar"
    if lumbar:
        return "lumbar"
    return "other"


def _grade_corrected(text: str, findings: list) -> list:
    """An addendum that corrects a grade ("the anterolisthesis of L4 on L5 is grade 1, not
    grade 2 as stated in the original report below"): the findings of that grade at its levels
    take the new one."""
    match = knowledge.load().cues["grade_corrected"].search(text)
    if not match:
        return findings
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    levels = {lv for m in find_levels(text[start : match.end()]) for lv in m.levels}
    # (attributes.yaml `grades` reads "2", "ii" and "two" alike)
    grades = knowledge.load().grades
    old_value, new_value = (grades[match[g].lower()] for g in ("old", "new"))
    return [
        dataclasses.replace(f, severity=new_value, severity_text=f"grade {match['new']}")
        if f.severity == old_value and (not levels or set(f.levels) & levels)
        else f
        for f in findings
    ]


def _side_corrected(text: str, findings: list) -> list:
    """An addendum that corrects a side ("The L4-L5 neural foraminal narrowing described in the
    original report below is on the LEFT, not on the right."): the findings at its levels said
    on the old side are on the new one (round 25: both sides kept was not releasable)."""

    match = knowledge.load().cues["side_corrected"].search(text)
    if not match:
        return findings
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end >= 0 else len(text)]
    levels = {lv for m in find_levels(line) for lv in m.levels}
    new, old = match["new"].lower(), match["old"].lower()
    # only the finding the correction names ("the foraminal narrowing at L4/5 is on the LEFT
    # ... The right paracentral L4/5 disc protrusion ... correctly described": round 42's GP,
    # the protrusion and its nerve moved too)
    # (and what the report says in the same sentence as it: "The disc bulge extends into the
    # right foramen, causing moderate right foraminal narrowing")
    sentence = max(text.rfind(". ", start, match.start()) + 1, start)
    named = {f.concept for f in findings if sentence <= f.start < match.start()}

    moved = {
        _sentence_span(text, f.start)
        for f in findings
        if f.concept in named and f.side == old and set(f.levels) & levels
    }
    return [
        dataclasses.replace(f, side=new)
        if f.side == old
        and set(f.levels) & levels
        and (not named or f.concept in named or _sentence_span(text, f.start) in moved)
        else f
        for f in findings
    ]


def _side_transposed(text: str, findings: list) -> list:
    """An addendum that says the sides at a level were transposed ("The side of the L5/S1
    extrusion was transposed in the report above ... The extrusion is LEFT paracentral"): the
    findings the report gave at that level outside the addendum's paragraph take the other side;
    the addendum's own statements stand (round 32: the corrected side was not releasable)."""

    match = knowledge.load().cues["side_transposed"].search(text)
    if not match:
        return findings
    start = text.rfind("\n\n", 0, match.start())
    start = 0 if start < 0 else start
    end = text.find("\n\n", match.end())
    end = len(text) if end < 0 else end
    levels = {lv for m in find_levels(text[match.start() : match.end()]) for lv in m.levels}
    other = {"left": "right", "right": "left"}
    return [
        dataclasses.replace(f, side=other[f.side])
        if f.side in other and set(f.levels) & levels and not start <= f.start < end
        else f
        for f in findings
    ]


def _level_corrected(text: str, findings: list) -> list:
    """An addendum that corrects a level (a transitional vertebra counted the other way): the
    findings at the old level are at the new one. Where the addendum restates a finding at the
    new level ("the right paracentral disc protrusion is at L5/S1 and compresses the traversing
    right S1 nerve root"), that statement stands and takes the size or grade only the original
    gave (round 27: two protrusions for one was not releasable)."""

    correction = doc_kind.level_correction(text)
    if correction is None:
        return findings
    old, new = correction

    def key(f):
        return (f.concept, f.side, f.assertion)

    stated = {key(f): i for i, f in enumerate(findings) if new in f.levels and old not in f.levels}
    out = list(findings)
    dropped = set()
    for i, f in enumerate(findings):
        if old not in f.levels:
            continue
        moved = dataclasses.replace(
            f, levels=tuple(dict.fromkeys(new if lv == old else lv for lv in f.levels))
        )
        j = stated.get(key(f))
        if j is not None and moved.levels == (new,):
            kept = out[j]
            out[j] = dataclasses.replace(
                kept,
                size=kept.size or f.size,
                severity=kept.severity or f.severity,
                severity_text=kept.severity_text or f.severity_text,
                change=kept.change or f.change,
            )
            dropped.add(i)
        else:
            out[i] = moved
    return [f for i, f in enumerate(out) if i not in dropped]


_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)
_GRADED_ITEM = re.compile(
    r"^\s*[-*•·]\s+(?P<place>[LTS]\d{1,2}\s*[-/]\s*[LTS]?\d{1,2})\s*:\s*"
    r"(?P<grade>mild|moderate|severe)\W*$",
    re.IGNORECASE,
)


def _lead_line(text: str, start: int) -> tuple[int, int] | None:
    """The line a list item hangs from: the nearest line above it that is not an item itself,
    if it ends with a colon."""
    end = text.rfind("\n", 0, start)
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if not line.strip():
            return None
        if not _ITEM.match(line):
            return (begin, end) if line.rstrip().endswith(":") else None
        end = begin - 1
    return None


def _listed_places(text: str, findings: list, unexplained: list) -> tuple[list, list]:
    """A finding named on a line that ends with a colon, with its places listed below it
    ("Several focal marrow lesions ..., in keeping with the known myeloma deposits:" / "- L3
    vertebral body, left side: 11 mm."): the items that name a level and no finding of their own
    give that finding its levels and sizes (round 28: they had been left unexplained)."""

    items: dict[tuple[int, int], list] = {}
    kept = []
    for u in unexplained:
        lead = _lead_line(text, u.start) if _ITEM.match(u.text) and not u.danger else None
        # "with spinal canal stenosis graded as follows:" / "- L3-4: moderate": a grade the
        # findings already give at that place, said once (round 50's GP: "other details")
        graded = _GRADED_ITEM.match(u.text)
        if lead and graded:
            levels = [lv for m in find_levels(graded["place"]) for lv in m.levels]
            if levels and any(
                f.assertion == "present"
                and f.severity == graded["grade"].lower()
                and set(levels) <= set(f.levels)
                for f in findings
            ):
                continue
        levels = [lv for m in find_levels(u.text) for lv in m.levels]
        owned = lead and any(
            lead[0] <= f.start < lead[1] and f.assertion == "present" and not f.levels
            for f in findings
        )
        if owned and levels:
            items.setdefault(lead, []).append(u)
        else:
            kept.append(u)
    if not items:
        return findings, kept
    out = []
    for f in findings:
        lead = next((k for k in items if k[0] <= f.start < k[1]), None)
        if lead is None or f.assertion != "present" or f.levels:
            out.append(f)
            continue
        listed = items[lead]
        levels = tuple(
            dict.fromkeys(lv for u in listed for m in find_levels(u.text) for lv in m.levels)
        )
        sizes = tuple(
            Size(z.value, z.unit, z.text) for u in listed for z in find_sizes(text, u.start, u.end)
        )
        sides = {m.lower() for u in listed for m in _SIDE_WORD.findall(u.text)}
        out.append(
            dataclasses.replace(
                f,
                levels=levels,
                size=f.size or sizes,
                side=f.side or (sides.pop() if len(sides) == 1 else None),
            )
        )
    return out, kept


def _tested_incidentals(text: str, findings: list, flags: list) -> list:
    """An incidental finding outside the spine for which the report suggests a test on the same
    line ("Incidental 4 cm left adnexal cyst. ... this warrants a pelvic ultrasound") needs
    follow-up: it takes the tier of a mass outside the spine, with its other mentions (round 28:
    a 4 cm adnexal cyst was listed among minor things, its ultrasound unexplained)."""

    # (a test asked in a sentence that names another finding is that finding's: "a subtle
    # fracture cannot be excluded; CT if pain persists" after "Aortic calcification.", round 47)
    asks = [
        f.start
        for f in flags
        if f.kind == "recommendation"
        and f.tests
        and not any(
            g.concept != "incidental_finding" and f.start <= g.start < f.end for g in findings
        )
    ]

    def tested(f) -> bool:
        # its own sentence or the next one, on its line
        end = text.find("\n", f.end)
        end = len(text) if end < 0 else end
        stops = [m.end() for m in re.finditer(r"[.;](?=\s)", text[f.end : end])]
        if len(stops) > 1:
            end = f.end + stops[1]
        return any(f.end <= a < end for a in asks)

    def words(f) -> set[str]:
        return {w for w in re.findall(r"[a-z]{4,}", f.text.lower())}

    chosen = [f for f in findings if f.concept == "incidental_finding" and f.assertion == "present"]
    seeds = [f for f in chosen if tested(f)]
    if not seeds:
        return findings
    keys = set().union(*(words(f) for f in seeds))
    tier = knowledge.load().concepts["extraspinal_mass"].tier
    return [
        dataclasses.replace(f, tier=tier)
        if f in chosen and words(f) & keys and f.side in {g.side for g in seeds}
        else f
        for f in findings
    ]


_NAMED_LATER = ("epidural_haematoma", "infection", "synovial_cyst", "perineural_cyst")


def _sentence_span(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    # a sentence never runs past its line ("... upper pole Lt kidney.\n\nComment: ...")
    ends = [e + 1 for e in (text.find(". ", at), text.find(".\n", at)) if e >= 0]
    line_end = text.find("\n", at)
    ends += [line_end] if line_end >= 0 else []
    return start, min(ends, default=len(text))


_ONE_SIDE = re.compile(r"\b(?:left|right|lt|rt)\b", re.IGNORECASE)
_SIDE_ABBREVIATION = {"lt": "left", "rt": "right"}


def _side_from_sentence(text: str, findings: list) -> list:
    """A finding on a line labelled with a side ("Right: ...") takes that side; a finding of
    attributes.yaml `side_from_sentence` with no side of its own takes the one side its
    sentence names ("The right L5 transverse process is enlarged and articulates with
    the sacral ala (lumbosacral transitional vertebra)"); none where the sentence names both."""

    kb = knowledge.load()
    concepts = kb.side_from_sentence
    out = list(findings)
    for i, f in enumerate(out):
        if f.side:
            continue
        # "Right: A tiny focus of subchondral oedema ..., equivocal for early sacroiliitis.": a
        # line labelled with a side
        label = kb.cues["side_label"].match(text, text.rfind("\n", 0, f.start) + 1)
        if label:
            out[i] = dataclasses.replace(f, side=label.group(1).lower())
            continue
        if f.concept not in concepts or f.assertion == "negated":
            continue
        start, end = _sentence_span(text, f.start)
        sentence = text[start:end]
        sides = {
            _SIDE_ABBREVIATION.get(m.group(0).lower(), m.group(0).lower())
            for m in _ONE_SIDE.finditer(sentence)
        }
        # (not where the sentence names another place: "a lesion in L3 and a 9 mm lesion in
        # the right S1 pedicle")
        named = {lv for m in find_levels(sentence) for lv in m.levels}
        if (
            len(sides) == 1
            and not re.search(r"\bbilateral", sentence, re.IGNORECASE)
            and named <= set(f.levels)
        ):
            out[i] = dataclasses.replace(f, side=sides.pop())
    return out


def _lateral_slips_ungraded(text: str, findings: list) -> list:
    """ "7 mm right lateral listhesis of L3 on L4, and a grade 1 anterolisthesis at L4/5": a
    sideways slip takes no grade the report gives another slip after it (round 51's GP: "a
    grade 1 slip (the mildest grade)" invented for the sideways one)."""
    out = []
    for f in findings:
        before = text[max(0, f.start - 25) : f.start].lower()
        if (
            f.concept == "spondylolisthesis"
            and (f.severity or "").startswith("grade-")
            and re.search(r"\blateral\s*$", before)
            and (f.severity_text or "").lower() not in before
        ):
            f = dataclasses.replace(f, severity=None, severity_text=None)
        out.append(f)
    return out


def _marrow_of_infection(text: str, findings: list) -> list:
    """ "Confluent low T1 and high STIR marrow signal in the inferior half of L3 and the superior
    half of L4 ... Appearances are suspicious for early L3-4 discitis-osteomyelitis": marrow
    signal in the bones of an infected disc, named by no word for a growth, is the infection's
    (round 51's GP: a possible growth flagged and said besides)."""
    infections = [
        f for f in findings if f.concept == "infection" and f.assertion in ("present", "uncertain")
    ]
    if not infections:
        return findings

    def explained(f) -> bool:
        # an infection at its bones, named in its sentence or the two after it
        start, end = _sentence_span(text, f.start)
        for _ in range(2):
            end = _sentence_span(text, min(end + 1, len(text) - 1))[1] if end < len(text) else end
        return any(
            set(f.levels) <= {bone for lv in i.levels for bone in lv.split("-")}
            and start <= i.start < end
            for i in infections
        )

    return [
        f
        for f in findings
        if not (
            f.concept == "malignancy"
            and f.assertion == "uncertain"
            and f.levels
            and not knowledge.load().cues["growth_named"].search(_sentence_span_text(text, f.start))
            and explained(f)
        )
    ]


def _sentence_span_text(text: str, at: int) -> str:
    start, end = _sentence_span(text, at)
    return text[start:end]


def _named_again(findings: list, flags: list) -> list:
    """A finding named again without a place in a sentence about the scan's limits or a test it
    asks for ("Supine MRI can underestimate both the curve and the listhesis. Standing
    radiographs are recommended to measure the curve and the lateral listhesis") is the one
    already placed, not another: it adds nothing (round 51's GP: "on both sides" from "both")."""
    asides = [(f.start, f.end) for f in flags if f.kind in ("limitation", "recommendation")]
    placed = {f.concept for f in findings if f.levels and f.assertion == "present"}
    return [
        f
        for f in findings
        if f.levels
        or f.assertion != "present"
        or f.concept not in placed
        or not any(a <= f.start < b for a, b in asides)
    ]


def _named_collections(text: str, findings: list) -> list:
    """A collection or mass described first and named in a sentence after it ("There is a
    lentiform dorsal epidural collection, slightly eccentric to the right ... It measures up to
    9 mm in AP depth and approximately 6 cm craniocaudally ... This most likely represents an
    acute epidural haematoma."): the named finding takes the side and sizes said of it, and what
    the collection presses on has the named finding as its cause (round 29)."""

    out = list(findings)
    for i, f in enumerate(out):
        if f.concept not in _NAMED_LATER or f.size or f.assertion == "negated":
            continue
        start, _end = _sentence_span(text, f.start)
        if not NAMES_IT.match(text[start : f.start]):
            continue
        # the two sentences before, in the same paragraph, naming no other finding
        lo = start
        for _ in range(2):
            prev = text.rfind(". ", 0, max(lo - 2, 0))
            cut = max(prev + 2 if prev >= 0 else 0, text.rfind("\n", 0, max(lo - 1, 0)) + 1)
            if cut >= lo:
                break
            lo = cut
        if any(lo <= g.start < start for g in out if g is not f):
            continue
        before = text[lo:start]
        if not re.search(r"\b(?:collection|mass|lesion|cyst)\b", before, re.IGNORECASE):
            continue
        sizes = tuple(Size(z.value, z.unit, z.text) for z in find_sizes(text, lo, start))
        sides = {m.lower() for m in _SIDE_WORD.findall(before)}
        # its place: where the sentences before it say it reaches ("extending from the L2/3 disc
        # level to the L4/5 disc level"), or where the report names it at one place elsewhere
        # (the impression)
        from .levels import find_levels, sort_levels

        reach = tuple(sort_levels({lv for m in find_levels(before) for lv in m.levels}))
        placed = {g.levels for g in out if g.concept == f.concept and g.levels and g is not f}
        out[i] = dataclasses.replace(
            f,
            size=sizes,
            side=f.side or (sides.pop() if len(sides) == 1 else None),
            levels=f.levels or reach or (placed.pop() if len(placed) == 1 else ()),
        )
    # "Dorsal epidural collection ... compressing the thecal sac, most likely an acute epidural
    # haematoma": what presses is the finding the sentence names
    for i, f in enumerate(out):
        if f.cause != "unexplained":
            continue
        start, end = _sentence_span(text, f.start)
        named = [g for g in out if g.concept in _NAMED_LATER and start <= g.start < end]
        if not named and REFERS_BACK.match(text[start:end]):
            # "The collection compresses the thecal sac": the collection named just before
            named = [
                g
                for g in out
                if g.concept in _NAMED_LATER
                and g.assertion != "negated"
                and 0 < start - g.start < 300
            ]
        if named:
            causes = tuple(named[0].concept if c == "unexplained" else c for c in f.causes)
            out[i] = dataclasses.replace(f, cause=named[0].concept, causes=causes)
    return out


# a vertebral lesion said first and named in the sentences after it, each about it ("There is a
# second, smaller lesion in the anterior L4 vertebral body, measuring 8 mm. This is low signal on
# T1 ... This is likely to be an atypical (lipid-poor) haemangioma.")
_ABOUT_IT = re.compile(r"^\W*(?:it|this|these|they|the\s+(?:lesion|focus|abnormality))\b", re.I)
_BENIGN_NAMES = ("haemangioma",)
_NAMED_MALIGNANCY = re.compile(
    r"metasta|deposit|myeloma|plasmacytoma|lymphoma|malignan|cancer|carcinoma|tumou?r|sarcoma", re.I
)


def _named_lesions(text: str, findings: list) -> list:
    """A bone lesion the report describes and then names as a haemangioma in the sentences that
    follow (each about it) is that haemangioma, at the lesion's place and size, not a lesion that
    needs more tests as well (round 31: one spot said as two things was the patient's first
    complaint). A level-less "A metastasis is considered unlikely ... but it cannot be completely
    excluded" right after a sentence naming the lesion at one level is at that level."""

    out = list(findings)
    drop: set[int] = set()
    for i, g in enumerate(out):
        if g.concept not in _BENIGN_NAMES or g.assertion == "negated":
            continue
        start, _end = _sentence_span(text, g.start)
        if not _ABOUT_IT.match(text[start : g.start]):
            continue
        # back over the sentences about it, to the one that introduced it
        lo, steps = start, 0
        while steps < 3:
            prev_start, _ = _sentence_span(text, max(lo - 2, 0))
            if prev_start >= lo or "\n\n" in text[prev_start:lo]:
                break
            lo, steps = prev_start, steps + 1
            if not _ABOUT_IT.match(text[lo:]):
                break
        lesions = [
            (j, f)
            for j, f in enumerate(out)
            if f.concept == "malignancy"
            and f.assertion == "uncertain"
            and lo <= f.start < start
            and not _NAMED_MALIGNANCY.search(f.text)
            and (not g.levels or f.levels == g.levels)
        ]
        if len(lesions) != 1:
            continue
        j, lesion = lesions[0]
        drop.add(j)
        out[i] = dataclasses.replace(
            g,
            levels=g.levels or lesion.levels,
            size=g.size or lesion.size,
            side=g.side or lesion.side,
        )
    out = [f for k, f in enumerate(out) if k not in drop]
    # "A 9 mm well-defined focus ... in the L1 vertebral body is a typical haemangioma": the one
    # size of its sentence; "14 mm hypodense lesion in the lower pole of the left kidney, most
    # likely a simple cyst": the size and side of the lump it names

    for i, g in enumerate(out):
        if g.size or g.assertion == "negated":
            continue
        start, end = _sentence_span(text, g.start)
        mates = [f for f in out if f is not g and start <= f.start < end]
        if g.concept == "incidental_finding":
            lumps = [f for f in mates if f.concept == "extraspinal_mass" and f.size]
            if len(lumps) == 1 and lumps[0].start < g.start:
                out[i] = dataclasses.replace(g, size=lumps[0].size, side=g.side or lumps[0].side)
            continue
        if g.concept not in _BENIGN_NAMES or any(f.size for f in mates):
            continue
        sizes = find_sizes(text, start, g.start)
        if len(sizes) == 1:
            out[i] = dataclasses.replace(
                g, size=tuple(Size(z.value, z.unit, z.text) for z in sizes)
            )
    for i, f in enumerate(out):
        if f.concept != "malignancy" or f.levels or f.assertion != "uncertain":
            continue
        start, _end = _sentence_span(text, f.start)
        prev_start, _ = _sentence_span(text, max(start - 2, 0))
        if prev_start >= start or "\n" in text[prev_start:start].rstrip():
            continue
        named = [
            g
            for g in out
            if g.concept in (*_BENIGN_NAMES, "malignancy")
            and prev_start <= g.start < start
            and len(g.levels) == 1
        ]
        if len({g.levels for g in named}) == 1:
            out[i] = dataclasses.replace(f, levels=named[0].levels, size=f.size or named[0].size)
    return out


_ELLIPSIS_GRADE = {"mild": "mild", "moderate": "moderate", "severe": "severe", "marked": "severe"}
# "Marked disc space narrowing at L4/5 and L5/S1, moderate at L3/4.": the same finding, said again
# at another place with its own grade
_ELLIPSIS = re.compile(
    r"^\s*,\s*(?:and\s+)?(?P<grade>mild|moderate|severe|marked)\s+at\s+(?P<where>[^,.;]{2,30}?)\s*[.;]",
    re.IGNORECASE,
)


def _graded_elsewhere(text: str, findings: list) -> list:
    """ "Marked disc space narrowing at L4/5 and L5/S1, moderate at L3/4.": a second finding of
    the same kind at the places after the comma, with that grade (round 32's GP: the L3/4 one was
    missing)."""

    out = list(findings)
    for f in findings:
        if f.assertion != "present" or not f.levels:
            continue
        # from the end of the finding's own places to the end of the sentence
        cut = re.search(r"[,.;\n]", text[f.end : f.end + 60])
        tail_start = f.end + cut.start() if cut else f.end
        match = _ELLIPSIS.match(text[tail_start : tail_start + 50])
        if not match:
            continue
        levels = tuple(lv for m in find_levels(match["where"]) for lv in m.levels)
        if not levels or any(
            g.start > f.end and g.start < tail_start + match.end() for g in findings
        ):
            continue
        out.append(
            dataclasses.replace(
                f,
                levels=levels,
                severity=_ELLIPSIS_GRADE[match["grade"].lower()],
                severity_text=match["grade"],
                size=(),
                start=tail_start + match.start("grade"),
                end=tail_start + match.end("grade"),
            )
        )
    return out


def _pars_at_vertebra(findings: list) -> list:
    """ "... with fibrocartilaginous tissue at the pars defects" under an "L5-S1:" heading: the
    pars defects of L5, the bone above that disc, not defects at a disc (rounds 32 and 33)."""

    out = []
    for f in findings:
        upper = f.levels[0].split("-")[0] if len(f.levels) == 1 and "-" in f.levels[0] else None
        if f.concept == "spondylolysis" and upper:
            # a pars defect is in the bone that slips forward over the disc below it
            f = dataclasses.replace(f, levels=(upper,))
        out.append(f)
    return out


def read(text: str, *, age: int | None = None, modality: str | None = None) -> Reading:
    """Read a report text into findings. `age` and `modality` override what the text states."""
    check_text(text)
    text = normalise(text)
    kb = knowledge.load()
    doc = pipeline.nlp().make_doc(text)
    sections = find_sections(text)
    letter = doc_kind.is_letter(text)
    if letter:
        sections = doc_kind.letter_sections(text, sections)
    sections = tuple(sections)
    sentences = split_sentences(text, list(sections))
    findings, flags, unexplained, tests, choices = extract(doc, text, sentences, letter=letter)
    findings, unexplained = _listed_places(text, findings, unexplained)
    if letter:
        # a letter's history, examination and course are not findings of an imaging study, nor
        # is a scan of another part of the body it tells of ("an MRI brain scan ... a right
        # frontal enhancing lesion")
        elsewhere = kb.cues["other_part_scanned"]
        findings = [
            f
            for f in findings
            if f.section in doc_kind.REPORTED
            and not elsewhere.search(text[text.rfind(".", 0, f.start) + 1 : f.end])
        ]
    findings = settle_mentions(text, sections, sentences, findings, tests)
    corrected = _side_corrected(text, findings)
    # "the side at L5/S1 was transposed ...: the extrusion ... is on the LEFT, not the right":
    # corrected once, never flipped back (round 51)
    transposed = corrected == findings
    findings = _grade_corrected(text, corrected)
    if transposed:
        findings = _side_transposed(text, findings)
    findings = _level_corrected(text, findings)
    findings = _tested_incidentals(text, findings, flags)
    findings = _named_collections(text, findings)
    findings = _side_from_sentence(text, findings)
    findings = _named_lesions(text, findings)
    findings = _pars_at_vertebra(findings)
    findings = _graded_elsewhere(text, findings)
    findings = _named_again(findings, flags)
    findings = _marrow_of_infection(text, findings)
    findings = _lateral_slips_ungraded(text, findings)
    normals = doc_kind.stated_normals(text, sentences, findings)
    # a finding raised to urgent by what presses on it adds only its cause's id
    urgent = sorted(
        {
            f.concept if kb.concepts[f.concept].tier == "urgent" else f.cause
            for f in findings
            if f.tier == "urgent"
            and f.assertion in ("present", "uncertain")
            and (kb.concepts[f.concept].tier == "urgent" or f.cause in kb.concepts)
        }
    )
    return Reading(
        text=text,
        modality=modality if modality is not None else find_modality(text, sections),
        age=age if age is not None else find_age(text),
        body_part=find_body_part(text),
        sections=sections,
        findings=tuple(findings),
        urgent=tuple(urgent),
        flags=tuple(flags),
        unexplained=tuple(unexplained),
        tests=tuple(tests),
        test_choices=tuple(choices),
        document=doc_kind.kind(text, letter),
        normal_study=doc_kind.is_normal_study(sentences, findings, unexplained, normals),
        normals=normals,
    )


def to_contract(reading: Reading) -> dict:
    """The fields of docs/contract.md that engine part 1 fills."""
    return {
        "text": reading.text,
        "engine": {"version": ENGINE_VERSION, "data_sha256": knowledge.load().sha256},
        "modality": reading.modality,
        "age": reading.age,
        "body_part": reading.body_part,
        "sections": [{"name": s.name, "start": s.start, "end": s.end} for s in reading.sections],
        "findings": [
            {
                "concept": f.concept,
                "tier": f.tier,
                "emergency": f.emergency,
                "assertion": f.assertion,
                "hedge": f.hedge,
                "levels": list(f.levels),
                "severity": f.severity,
                "severity_text": f.severity_text,
                "side": f.side,
                "zone": f.zone,
                "size": [{"value": z.value, "unit": z.unit, "text": z.text} for z in f.size],
                "change": f.change,
                "cause": f.cause,
                "causes": list(f.causes),
                "effect": f.effect,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "section": f.section,
            }
            for f in reading.findings
        ],
        "urgent": list(reading.urgent),
        "flags": [
            {"kind": f.kind, "text": f.text, "start": f.start, "end": f.end} for f in reading.flags
        ],
        "unexplained": [
            {"text": u.text, "start": u.start, "end": u.end, "danger": u.danger}
            for u in reading.unexplained
        ],
        "document": reading.document,
        "normal_study": reading.normal_study,
        "normals": [
            {"text": n.text, "start": n.start, "end": n.end, "levels": list(n.levels)}
            for n in reading.normals
        ],
    }


_SPACE = re.compile(r"\s+")


def assert_phrase(sentence: str, phrase: str) -> str:
    """The assertion of `phrase` in `sentence` by the engine's context rules, or "absent".

    Matching is case- and whitespace-insensitive; the first occurrence counts.
    """
    words = phrase.split()
    if not words or not sentence.strip():
        return "absent"
    text = normalise(sentence)
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    match = pattern.search(text)
    if match is None:
        return "absent"
    doc = pipeline.nlp().make_doc(text)
    containing = [
        s
        for s in split_sentences(text, [Section("findings", 0, len(text))])
        if s.start <= match.start() < s.end
    ]
    bounds = (containing[0].start, containing[0].end) if containing else (0, len(text))
    span = doc.char_span(*bounds, alignment_mode="expand")
    target = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    from .context import assert_target, cues_in, settle

    m = pipeline.matchers()
    cues = cues_in(doc, pipeline.run(m.context, doc), span.start, span.end)
    assertion = assert_target(cues, target.start, target.end, inside=False)
    # a benign characterisation depends on what the phrase names ("rather than infective")
    named = [
        m.terms[i].concept
        for i, s, e in pipeline.run(m.concepts, doc)
        if s < target.end and target.start < e
    ]
    return settle(named[0] if named else "", assertion).value


def summary_body(sections) -> str:
    """The summary's text before "Words in your report": what readability is scored on.

    `sections` are the writer's sections or their stored dicts (`key`, or only `heading` in
    texts stored before keys existed)."""
    from .writer import fixed_heading

    ends = {"words", "sources"}
    end_headings = {fixed_heading(k) for k in ends}
    body = []
    for section in sections:
        if isinstance(section, dict):
            key, heading = section.get("key"), section.get("heading")
            paragraphs = section.get("paragraphs", [])
        else:
            key, heading, paragraphs = section.key, section.heading, section.paragraphs
        if key in ends or (key is None and heading in end_headings):
            break
        body.extend(paragraphs)
    return "\n".join(body)


def patient_texts(reading: Reading, *, spelling: str = "en-au", doc=None) -> dict:
    """The starred fields of docs/contract.md: summary, conclusion, glossary, prevalence,
    readability, problems. `doc` is the report's tokens when the caller already has them."""
    from . import facts, readability, safety
    from .writer import write

    writing = write(reading, spelling=spelling, doc=doc)
    body = summary_body(writing.summary)
    exempt = writing.safety_sentences
    normals = writing.normal_sentences
    sections = [
        {"key": s.key, "heading": s.heading, "paragraphs": list(s.paragraphs)}
        for s in writing.summary
    ]
    # the safety checker and the fact check, on the summary (each problem with the section it
    # concerns) and on the conclusion
    problems = facts.place(safety.check(reading, body, exempt, normals), sections)
    problems += facts.check(reading, sections)
    for p in safety.check(reading, writing.conclusion, exempt, normals) + facts.check(
        reading, writing.conclusion, conclusion=True
    ):
        if all((p.kind, p.detail) != (q.kind, q.detail) for q in problems):
            problems.append(p)
    return {
        "summary": {
            "sections": sections,
            "text": writing.summary_text,
        },
        "conclusion": writing.conclusion,
        "glossary": writing.glossary,
        "prevalence": writing.prevalence,
        "prevalence_notes": writing.prevalence_notes,
        "recommendations": writing.recommendations,
        "readability": {
            "report": readability.score(reading.text),
            "summary": readability.score(body),
            "conclusion": readability.score(writing.conclusion),
        },
        "problems": [p.as_dict() for p in problems],
    }
