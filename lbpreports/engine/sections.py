"""Sections and sentences.

Headings are recognised at the start of a line, in any case with a colon ("Findings:"), or alone
on their line ("IMPRESSION"). Text before the first heading is findings, except a first line of
clinical details (history) or a line naming only the examination ("LSS MRI", technique).

Sentences never cross a line end (a line without a final period must not lend its negation to
the next), and a line that starts with a level ("L4-L5:") lends that level to the lines under
it until a blank line, another level heading or a section heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge
from .levels import LevelGroup, find_levels, group_levels


@dataclass(frozen=True)
class Section:
    name: str
    start: int
    end: int
    body: int = -1  # where the text after the heading starts (start when unheaded)

    def body_start(self) -> int:
        return self.start if self.body < 0 else self.body


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: str
    heading_levels: tuple[str, ...]  # levels lent by a level heading above, or ()
    # the one disc level the line's first sentence names, for the disc findings after it
    paragraph_levels: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _heading_regex() -> tuple[re.Pattern, dict[str, str]]:
    kb = knowledge.load()
    names: dict[str, str] = {}
    for section, words in kb.sections.items():
        for word in words:
            names[word.lower()] = section
    alternatives = "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(names, key=len, reverse=True)
    )
    pattern = re.compile(
        r"^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?P<word>" + alternatives + r")"
        r"(?:[ \t]*\([^()\n]{1,30}\))?"  # "Findings (lumbar spine):"
        r"(?:[ \t]*(?P<colon>:|-(?=\s)|–|—)|[ \t]*(?=\n|$))",
        re.IGNORECASE | re.MULTILINE,
    )
    return pattern, names


@lru_cache(maxsize=1)
def _inline_heading_regex() -> re.Pattern:
    """A heading written inside a paragraph, after a sentence: "... pain. Findings: ..."."""
    _pattern, names = _heading_regex()
    alternatives = "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(names, key=len, reverse=True)
    )
    return re.compile(
        r"(?<=[.!?])[ \t]+(?P<word>" + alternatives + r")[ \t]*:(?=[ \t]*\S)",
        re.IGNORECASE,
    )


_OTHER_HEADING = re.compile(r"^[ \t]*(?P<word>[A-Z][A-Z /&()-]{1,30}?)[ \t]*:", re.MULTILINE)


def find_headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, section name) of each heading; the section's text starts at `end`.

    A heading in capitals that names no known section ("COURSE:", "MOTOR:") starts a findings
    section, so that what follows is read rather than silently taken for technique.
    """
    pattern, names = _heading_regex()
    found = []
    for match in _OTHER_HEADING.finditer(text):
        word = re.sub(r"\s+", " ", match["word"].strip().lower())
        if word not in names and not re.search(r"\d", word) and len(word) > 2:
            found.append((match.start("word"), match.end(), "findings"))
    for match in pattern.finditer(text):
        word = re.sub(r"\s+", " ", match["word"].lower())
        if not match["colon"]:
            # alone on its line: only a real heading word, not "Summary" as part of a sentence
            line_end = text.find("\n", match.end())
            rest = text[match.end() : line_end if line_end != -1 else len(text)]
            if rest.strip():
                continue
        found.append((match.start("word"), match.end(), names[word]))
    for match in _inline_heading_regex().finditer(text):
        word = re.sub(r"\s+", " ", match["word"].lower())
        found.append((match.start("word"), match.end(), names[word]))
    found = sorted(set(found))
    return found


REPORTED = ("findings", "impression", "comment")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.'/-]*|\d+(?:\.\d+)?")


def _is_title(line: str) -> bool:
    """A line naming only the examination: 'LSS MRI :', 'MRI LUMBAR SPINE WITHOUT CONTRAST'."""
    kb = knowledge.load()
    words = [w.lower().strip(".") for w in _WORD.findall(line)]
    if not words or len(words) > 12:
        return False
    informative = {"mri", "mr", "ct", "xr", "x-ray", "xray", "radiograph", "radiographs", "lss"}
    spine = {"spine", "lumbar", "lumbosacral", "lss", "l-s", "l/s", "ls"}
    # "Sagittal T1, T2 and STIR with axial T2 sequences.": how the images were made, on a line
    # of its own with no heading (round 42: left to "other details in medical words")
    sequences = len(set(words) & set(kb.technique_words)) >= 2
    if not (set(words) & informative or (set(words) & spine and len(words) <= 4) or sequences):
        return False
    # "X-RAY LUMBAR SPINE (AP, LATERAL AND L5/S1 SPOT)": a level names a view
    return all(
        word in kb.title_words or word.isdigit() or _TITLE_LEVEL.fullmatch(word) for word in words
    )


_TITLE_LEVEL = re.compile(r"[tls]\d{1,2}(?:[/-][tls]?\d{1,2})?")


def _is_history_line(line: str) -> bool:
    from .patterns import word_matches

    kb = knowledge.load()
    words = [w.lower() for w in re.findall(r"[A-Za-z/?]+", line)]
    if "?" in line:
        words.append("?")
    return any(word_matches(item, word) for item in kb.history_words for word in words)


_SENTENCE_START = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z(])")


def _history_cut(text: str, start: int, stop: int) -> int | None:
    """Where clinical details written on one line with what follows them end: the start of the
    first sentence after the first that has a level or no word of history; None if all read as
    history."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, start, stop)]
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else stop
        sentence = text[s:e]
        if not _is_history_line(sentence) or find_levels(sentence):
            return s
    return None


def find_sections(text: str) -> list[Section]:
    """Sections in order, covering every non-blank part of the text."""
    headings = find_headings(text)
    sections: list[Section] = []
    first = headings[0][0] if headings else len(text)
    if text[:first].strip():
        sections.extend(_unheaded(text, 0, first, has_headings=bool(headings)))
    enclosing = "findings"
    for i, (start, end, name) in enumerate(headings):
        stop = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        inline = bool(text[text.rfind("\n", 0, start) + 1 : start].strip())
        if inline and name not in REPORTED:
            # "... performed. Comparison: none.\nThere is ...": a heading written inside a
            # paragraph governs only the rest of its line; what follows goes on as before.
            line_end = text.find("\n", end, stop)
            if line_end != -1 and text[line_end:stop].strip():
                sections.append(Section(name, start, line_end, end))
                rest = line_end
                while text[rest].isspace():
                    rest += 1
                sections.extend(_split_titles(text, rest, stop, enclosing, rest))
                continue
        if name == "history" and text[end : _line_end(text, end)].strip():
            # "Indication: LBP 6/52.\nFive lumbar vertebrae. ...": clinical details written on
            # the heading's line go on while the lines below read as history; the first that
            # does not starts the findings, so that no finding is taken for history.
            history_end = _line_end(text, end)
            # "MRI LUMBAR SPINE 63M. Hx: R leg pain. Compared with MRI 2022. Alignment normal.":
            # a report pasted as one paragraph; the history ends at the first sentence of its
            # line that does not read as history
            cut = _history_cut(text, end, history_end) if inline else None
            if cut is not None:
                sections.append(Section(name, start, cut, end))
                sections.extend(_split_titles(text, cut, stop, enclosing, cut))
                continue
            previous = text[start:history_end]
            for s, e in _lines(text, history_end + 1, stop):
                line = text[s:e]
                # "... Leg pain now much" / "improved. Planned follow-up imaging.": a history
                # line the layout wrapped goes on as history
                wrapped = bool(line.strip()) and _wrapped(previous, line)
                if (
                    line.strip()
                    and not wrapped
                    and not (_is_history_line(line) and not find_levels(line))
                ):
                    break
                history_end = e
                previous = line if line.strip() else previous
            if history_end < stop and text[history_end:stop].strip():
                sections.append(Section(name, start, history_end, end))
                rest = history_end
                while text[rest].isspace():
                    rest += 1
                sections.extend(_split_titles(text, rest, stop, enclosing, rest))
                continue
        cut = _findings_paragraph(text, end, stop) if name in _BEFORE_FINDINGS else None
        if cut is None and inline and name in _BEFORE_FINDINGS:
            # "... no trauma. Comparison: lumbar radiographs 2019. Moderate degenerative changes
            # throughout ...": in a pasted paragraph the comparison is its first sentence, and
            # the findings follow (round 49's GP: every finding read as the comparison)
            cut = _sentence_findings(text, end, min(stop, _line_end(text, end)))
        if cut is not None:
            # "Technique: Sagittal T1, T2, STIR.\n\nFive lumbar type vertebrae ...": a report
            # with no findings heading goes on to its findings after a blank line (round 41)
            sections.append(Section(name, start, cut, end))
            sections.extend(_split_titles(text, cut, stop, enclosing, cut))
            continue
        if name in REPORTED:
            enclosing = name
        if name == "findings" or name == "impression":
            sections.extend(_split_titles(text, start, stop, name, end))
        else:
            sections.append(Section(name, start, stop, end))
    return _carve_furniture(text, sections)


# headings whose text a report with no findings heading runs on from into its findings
_BEFORE_FINDINGS = ("technique", "comparison")


def _findings_paragraph(text: str, start: int, stop: int) -> int | None:
    """Where a technique or comparison section's findings begin: the first paragraph after a
    blank line whose first sentence reports what the images show and names no sequence or view
    (sections.yaml `findings_words`, `technique_words`); None where there is none."""
    kb = knowledge.load()
    for gap in re.finditer(r"\n[ \t]*\n\s*", text[start:stop]):
        s = start + gap.end()
        line = re.split(r"(?<=\.)\s", text[s : _line_end(text, s)], maxsplit=1)[0]
        words = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", line)}
        if _is_findings_line(line) and not words & set(kb.technique_words):
            return s
    return None


def _sentence_findings(text: str, start: int, stop: int) -> int | None:
    """Where the findings begin after a heading's first sentence on one line: the next
    sentence, where it reports what the images show (sections.yaml `findings_words`); None
    otherwise."""
    kb = knowledge.load()
    first = _SENTENCE_START.search(text, start, stop)
    if first is None:
        return None
    cut = first.end()
    line = re.split(r"(?<=\.)\s", text[cut:stop], maxsplit=1)[0]
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", line)}
    if _is_findings_line(line) and not words & set(kb.technique_words):
        return cut
    return None


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _carve_furniture(text: str, sections: list[Section]) -> list[Section]:
    """Lines and sentences of report furniture (titles, dates, signatures, practice details,
    laboratory lines, identifiers) become `furniture` sections of their own."""
    from .document import furniture_rule

    out: list[Section] = []
    for section in sections:
        if section.name == "furniture":
            out.append(section)
            continue
        spans: list[tuple[int, int]] = []
        for line_start, line_end in _lines(text, section.start, section.end):
            line = text[line_start:line_end]
            if not line.strip():
                continue
            if _is_title(line) or furniture_rule(line):
                spans.append((line_start, line_end))
                continue
            body = max(line_start, section.body_start())
            pieces = list(line_pieces(text, body, line_end))
            if len(pieces) < 2:
                continue
            for s, e in pieces:
                piece = text[s:e]
                if (s == pieces[0][0] and _is_title(piece)) or furniture_rule(piece):
                    spans.append((s, e))
        out.extend(_split_around(text, section, spans))
    merged: list[Section] = []
    for section in out:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.name == section.name == "furniture"
            and not text[last.end : section.start].strip()
        ):
            merged[-1] = Section("furniture", last.start, section.end)
        else:
            merged.append(section)
    return merged


def _split_around(text: str, section: Section, spans: list[tuple[int, int]]) -> list[Section]:
    if not spans:
        return [section]
    out: list[Section] = []
    cursor, body = section.start, section.body
    for s, e in spans:
        if text[max(cursor, section.body_start()) : s].strip():
            out.append(Section(section.name, cursor, s, body if body > cursor else -1))
        out.append(Section("furniture", s, e))
        cursor, body = e, -1
    if text[cursor : section.end].strip():
        start = cursor
        while start < section.end and text[start].isspace():
            start += 1
        out.append(Section(section.name, start, section.end))
    return out


def lines_of(text: str, start: int, stop: int):
    """(start, end) of each line between two offsets."""
    return _lines(text, start, stop)


def _lines(text: str, start: int, stop: int):
    pos = start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        end = nl if nl != -1 else stop
        yield pos, end
        pos = end + 1


def _is_findings_line(line: str) -> bool:
    """A line that reports what the images show (sections.yaml `findings_words`); a question
    asked ("?disc") is not one."""
    from .patterns import word_matches

    words = [w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"\?\s*\w+", "", line))]
    kb = knowledge.load()
    return any(word_matches(item, word) for item in kb.findings_words for word in words)


_TELLS_OF_PATIENT = re.compile(
    r"\b(?:pain|lbp|sciatica|radicul\w*|symptoms?|history|\d{1,3}\s?(?:m|f|yo|y/o|yrs?|years?)"
    r"|(?:male|female|man|woman)\b)",
    re.IGNORECASE,
)


def _unheaded(text: str, start: int, stop: int, has_headings: bool) -> list[Section]:
    lines = [(s, e) for s, e in _lines(text, start, stop) if text[s:e].strip()]
    sections: list[Section] = []
    rest_start = start
    titled = bool(lines) and _is_title(text[lines[0][0] : lines[0][1]])
    if titled:
        # "MRI L-SPINE\n\n28M. Fast bowler ... ?pars stress #": the clinical details may follow
        # the title line, where they tell of the patient (never "Diffusely reduced signal of
        # the bone marrow noted, correlate with bone isotope scan ?.")
        s, e = lines[0]
        sections.append(Section("furniture", s, e))
        rest_start = e
        lines = lines[1:]
        start = e
    if lines:
        s, e = lines[0]
        line = text[s:e]
        if titled and not _TELLS_OF_PATIENT.search(line):
            pass
        elif len(lines) > 1 or has_headings:
            if _is_history_line(line) and not find_levels(line):
                # "LUMBAR SPINE XR - 83M - fall. Vertebral body heights are preserved ...": a
                # pasted paragraph's clinical details end where its findings begin (a hedged
                # fracture was read as history, and the X-ray said normal)
                cut = _history_cut(text, s, e)
                if cut is not None and _is_findings_line(text[cut:e]):
                    sections.append(Section("history", s, cut))
                    sections.extend(_split_titles(text, cut, stop, "findings", cut))
                    return sections
                sections.append(Section("history", s, e))
                rest_start = e
                lines = lines[1:]
            else:
                # "Te Awa Radiology\nPatient: ...\n\nEight weeks of low back pain. ?disc": the
                # clinical details a few lines down, under the header, before any finding
                for k, (s2, e2) in enumerate(lines[1:5], start=1):
                    line2 = text[s2:e2]
                    if _is_findings_line(line2):
                        break
                    if _is_history_line(line2) and not find_levels(line2) and ":" not in line2:
                        sections.extend(_split_titles(text, start, s2, "findings", start))
                        sections.append(Section("history", s2, e2))
                        rest_start = e2
                        lines = lines[k + 1 :]
                        break
    if lines and text[rest_start:stop].strip():
        sections.extend(_split_titles(text, rest_start, stop, "findings", rest_start))
    return sections


def _split_titles(text: str, start: int, stop: int, name: str, body: int) -> list[Section]:
    """A findings section, with any examination-title lines inside it set apart as furniture."""
    out: list[Section] = []
    cursor, cursor_body = start, body
    for s, e in _lines(text, body, stop):
        if text[s:e].strip() and _is_title(text[s:e]):
            if text[cursor_body:s].strip():
                out.append(Section(name, cursor, s, cursor_body))
            out.append(Section("furniture", s, e))
            cursor = cursor_body = e
    if text[cursor_body:stop].strip():
        out.append(Section(name, cursor, stop, cursor_body))
    return out


_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bapprox)(?<!\bDr)(?<!\bvs)(?<!\bFig)(?<!\bno)(?<!\bNo)"
    r"(?<!\b[CcDdLlTt])"  # "c. spine", "L. spine": one letter and a stop abbreviate a region
    r"(?<!\bDr [A-Z])(?<!\bDr\. [A-Z])(?<!\bDr\.[A-Z])"  # "Dr P. Venkataraman": an initial
    r"(?<!\d [NSEW])"  # "2231 N. Clybourn Avenue": a street's direction
    r"(?<![0-9]\.[0-9])"
    r"(?:[.!]?\s*//+\s*|[.!](?=\s+\S))|(?<=\s)(?=\d{1,2}\)\s)"
)
_LEVEL_HEADINGS = [
    # "L4-L5:", "L3-L4, L5-S1 level :", "L4-5 - ..."
    re.compile(
        r"^[ \t]*(?:at[ \t]+(?:the[ \t]+)?)?(?P<levels>[^:\n]{2,40}?)[ \t]*"
        r"(?:levels?|discs?|disc level|disc space)?[ \t]*(?::|[-–](?=\s))",
        re.IGNORECASE,
    ),
    # "At the L4-5 level, ..."
    re.compile(
        r"^[ \t]*at[ \t]+(?:the[ \t]+)?(?P<levels>[^:\n,]{2,20}?)[ \t]*"
        r"(?:levels?|discs?|disc level|disc space)?[ \t]*,",
        re.IGNORECASE,
    ),
    # a line of levels alone: "L4-L5"
    re.compile(r"^[ \t]*(?P<levels>[^:\n]{2,40}?)[ \t]*(?:levels?)?[ \t]*$", re.IGNORECASE),
]


def heading_levels(line: str) -> tuple[tuple[str, ...], int]:
    """Levels of a line or sentence starting "L4-L5:", and where its text starts."""
    return _heading_levels(line)


def _heading_levels(line: str) -> tuple[tuple[str, ...], int]:
    """Levels of a line starting "L4-L5:" or "L3-L4, L5-S1 level :", and where its text starts."""
    for pattern in _LEVEL_HEADINGS:
        match = pattern.match(line)
        if match:
            found = _levels_only(match["levels"])
            if found:
                return found, match.end()
    return (), 0


def _levels_only(head: str) -> tuple[str, ...]:
    mentions = find_levels(head)
    if not mentions:
        return ()
    groups: list[LevelGroup] = group_levels(head, mentions)
    # the heading must be only levels and joiners
    leftover = head
    for group in reversed(groups):
        leftover = leftover[: group.start] + leftover[group.end :]
    if re.sub(r"(?i)\b(?:and|at|level|levels|disc|the)\b|[,&/\s]", "", leftover):
        return ()
    levels: list[str] = []
    for group in groups:
        levels.extend(x for x in group.levels if x not in levels)
    return tuple(levels)


_LIST_NUMBER = re.compile(r"\(?\d{1,2}[.)]")


def line_pieces(text: str, line_start: int, line_end: int):
    """(start, end) of each sentence of one line, spaces trimmed; a list number alone ("1.")
    is not a sentence."""
    line = text[line_start:line_end]
    cursor = line_start
    bounds = []
    for match in _SENTENCE_END.finditer(line):
        end = line_start + match.end()
        bounds.append((cursor, end))
        cursor = end
    bounds.append((cursor, line_end))
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        piece = text[s:e]
        if s < e and re.search(r"[A-Za-z0-9?]", piece) and not _LIST_NUMBER.fullmatch(piece):
            yield s, e


# a word no sentence ends on (a side word may: "... narrowing on the left")
_OPEN_WORDS = r"or|and|nor|of|with|without|the|a|an|to|in|at|for|from|by|on"
_OPEN_END = re.compile(rf"(?:,|\b(?:{_OPEN_WORDS}))\s*$", re.I)
# ... and the words a line the layout wrapped may stop on before its next line ("the
# traversing left" / "S1 nerve root.")
_WRAP_END = re.compile(
    rf"(?:,|\b(?:{_OPEN_WORDS}|no|left|right|traversing|exiting|descending))\s*$", re.I
)
# a line that ends on a hedge or a negation is not a sentence of its own
_OPEN_CUE = re.compile(
    r"(?:^|[\s,(])(?:possible|possibly|probable|probably|likely|suspected|suspicious(?: for)?"
    r"|query|questionable|no|without|negative for|free of|cannot exclude|no evidence of)\s*$",
    re.I,
)
# the next line opens in lower case, with a root or level the line before points to ("...
# the traversing left" / "   S1 nerve root."), or with a size ("measuring" / "13 mm in AP")
_WRAP_NEXT = re.compile(
    r"^\s*(?:[a-z]|[LST]\d\b(?![/-])|\d+(?:\.\d+)?\s*(?:x\s*\d+(?:\.\d+)?\s*)*(?:mm|cm|%))"
)
_WRAP_WIDTH = 50  # a line this long that stops mid-sentence was wrapped by its layout


def _wrapped(previous: str, following: str) -> bool:
    """Whether `following` carries on `previous`, a sentence that the layout wrapped.

    "No visible fracture, focal marrow oedema, or destructive" / "lesion is seen." is one
    sentence: read apart, the negation would not reach the second line's items.
    """
    prev = previous.rstrip()
    if _OPEN_CUE.search(prev) and following.strip():
        return True  # "Possible" / "L1 compression fracture": the cue belongs to the next line
    if not prev or prev[-1] in ".?!:;":
        return False
    # "... low on T1, high on" / "STIR and enhancing after contrast.": a line that ends on a
    # word no sentence ends on goes on, whatever the next opens with (but not a heading)
    ends_open = bool(_OPEN_END.search(prev)) and not re.match(r"^\s*[^:.]{0,30}:", following)
    if not _WRAP_NEXT.match(following) and not ends_open:
        return False
    if _heading_levels(following.strip())[0]:
        return False
    return bool(_WRAP_END.search(prev)) or len(prev) >= _WRAP_WIDTH


def _logical_lines(text: str, start: int, stop: int):
    """Lines, with a sentence wrapped over several lines joined into one."""
    current = None
    for s, e in _lines(text, start, stop):
        if (
            current is not None
            and text[s:e].strip()
            and _wrapped(text[current[0] : current[1]], text[s:e])
        ):
            current = (current[0], e)
            continue
        if current is not None:
            yield current
        current = (s, e)
    if current is not None:
        yield current


def _one_disc(sentence: str) -> tuple[str, ...]:
    """The level of a sentence that names one disc level and nothing else, or ()."""
    found = {lv for mention in find_levels(sentence) for lv in mention.levels}
    return tuple(found) if len(found) == 1 and "-" in next(iter(found)) else ()


def _other_disc(sentence: str, heading: tuple[str, ...]) -> bool:
    """Whether a sentence names a disc level that is not under its level heading."""
    return any(
        "-" in lv and lv not in heading
        for mention in find_levels(sentence)
        for lv in mention.levels
    )


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for section in sections:
        heading: tuple[str, ...] = ()
        for line_start, line_end in _logical_lines(text, section.body_start(), section.end):
            line = text[line_start:line_end]
            if not line.strip():
                heading = ()
                continue
            lent: tuple[str, ...] = ()
            for n, (s, e) in enumerate(line_pieces(text, line_start, line_end)):
                # "L4-L5:" at the start of a line or sentence names the level of what follows
                own, _offset = _heading_levels(text[s:e])
                if own:
                    heading, lent = own, ()
                elif heading and _other_disc(text[s:e], heading):
                    # "At C6-C7, there was ... . There was a right protrusion at L4-L5 ...": a
                    # sentence that names another disc ends the reach of the level heading
                    heading = ()
                sentences.append(Sentence(s, e, section.name, heading, lent))
                if not heading and (n == 0 or find_levels(text[s:e])):
                    # "There is marked disc space narrowing at the L5-S1 level with ... . Mild
                    # lateral recess stenosis on the right.": a sentence at one disc level lends
                    # it to the level-less sentences after it in its line, until a sentence
                    # names another place ("... at L4-L5. The nerve root was impinged at that
                    # level. The right foramen was mildly compromised.")
                    lent = _one_disc(text[s:e])
    return sentences
