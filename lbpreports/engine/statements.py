"""What the patient text says about one merged record: its name with the severity word inside,
its side, place, size, change, what it presses on or what presses on it, and the report's
certainty, in sentences of grade 8 or below where the words allow.

Every word is lay.yaml's; this module only chooses and joins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import knowledge, readability
from .levels import find_levels, group_levels, sort_levels
from .merge import Record, names_abscess
from .patterns import word_matches
from .places import in_bone, region, side_words, where

HARD = 8.0


def _lay() -> dict:
    return knowledge.load().lay


@lru_cache(maxsize=8192)
def grade(sentence: str) -> float:
    return readability.grade(sentence)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: list[str], word: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _context(record: Record, text: str, before: int = 40, after: int = 40) -> str:
    parts = [text[max(0, f.start - before) : f.end + after] for f in record.mentions]
    return " ".join(parts).lower()


def _sentence_context(record: Record, text: str, before: int, after: int) -> str:
    """Like `_context`, but never past the end of a mention's sentence or line: "1. New L2
    fracture. 2. Old T12 fracture." does not make the L2 fracture old."""
    parts = []
    for f in record.mentions:
        head = re.split(r"[.;\n]", text[max(0, f.start - before) : f.start])[-1]
        tail = re.split(r"[.;\n]", text[f.end : f.end + after])[0]
        parts.append(head + text[f.start : f.end] + tail)
    return " ".join(parts).lower()


def _names_disc_infection(record: Record) -> bool:
    disc = re.compile(r"discitis|diskitis|osteomyelitis", re.IGNORECASE)
    # "infection cannot be excluded ... no features of discitis": the disc is ruled out
    return any(disc.search(f.text) for f in record.mentions if f.assertion != "negated")


def _place_words(record: Record, text: str | None = None) -> str:
    """Where a finding is: "in the 3rd bone ..." for one in the bone, "at the level of ..." for
    one that is not (docs/domain.md section 4.6); " at several levels, most of all at L3-L4 and
    L4-L5" where its sentence names the worst of several (cues.yaml `most_marked`). A bone at
    the end of a disc it is said at is that place for a fusion (lay.yaml `within_discs`): "at
    L4-L5", not "at L4-L5 and L5"."""
    levels = record.levels
    if record.concept in _lay().get("within_discs", ()):
        ends = {end for lv in levels if "-" in lv for end in lv.split("-")}
        levels = tuple(lv for lv in levels if lv not in ends)
    return most_of_all(record, text, levels) or where(levels, inside=in_bone(record.concept))


def most_of_all(record: Record, text: str | None, levels=None) -> str:
    """ " at several levels, most of all at L4-L5" for a finding whose only levels are the worst
    of several its sentence names ("Multilevel lumbar spondylosis, most pronounced at L4-L5"),
    or ""; said so wherever its place is said, by words or by its code (round 49's GP: "wear of
    the spine at L4-L5" lost the other levels)."""
    levels = record.levels if levels is None else levels
    if text is not None and levels and _most_marked(record, text) == set(levels):
        return _lay()["fixed"]["several_most"]["text"].format(codes=join(sort_levels(levels)))
    return ""


def _most_marked(record: Record, text: str) -> set[str]:
    """The levels the finding's sentence names after "most marked at" (cues.yaml
    `most_marked`): the worst of several places. The cue comes after the finding's own words:
    in "degenerative disc disease, most pronounced at L4-L5, with mild left foraminal narrowing
    at that level" it is the disease's, not the narrowing's (round 43's GP)."""
    out: set[str] = set()
    cues = knowledge.load().cues["most_marked"]
    for f in _stated(record):
        stop = _SENTENCE_END.search(text, f.end)
        after = text[f.end : stop.start() if stop else len(text)]
        cue = cues.search(after)
        if cue is not None:
            out |= {lv for m in find_levels(after[cue.end() :]) for lv in m.levels}
    return out


def _list_heads(record: Record, text: str) -> str:
    """What a list's head says of its items: "two focal lesions compatible with myeloma
    deposits: a 1.4 cm lesion in L3 and a 9 mm lesion in the right S1 pedicle" names each item
    myeloma."""
    heads = []
    for f in record.mentions:
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, f.start)]
        before = text[starts[-1] if starts else 0 : f.start]
        if ":" in before:
            heads.append(before.rsplit(":", 1)[0])
    return " ".join(heads).lower()


def cancer_named(record: Record, text: str) -> bool:
    words = _lay()["concepts"]["malignancy"]["cancer_words"]
    context = _context(record, text) + " " + _list_heads(record, text)
    tokens = re.findall(r"[a-z]+", context)
    return any(word_matches(w, t) for w in words for t in tokens)


def _cancer_name(record: Record, text: str) -> str:
    """A malignancy the report names as present is said as present ("cancer that has spread to
    the bones (metastases)"); an uncertain one keeps "signs of cancer" beside its hedge."""
    entry = _lay()["concepts"]["malignancy"]
    if record.certainty == "present":
        words = " ".join(f.text for f in record.mentions) + " " + _list_heads(record, text)
        for pattern, name in entry.get("cancer_present", []):
            if re.search(rf"\b(?:{pattern})\b", words, re.IGNORECASE):
                return name
    return entry["cancer_name"]


def widespread(record: Record, text: str) -> str:
    """ "It is in many bones of your middle and lower back, including T12 and L2.": a finding
    the report says is in many places (lay.yaml `widespread`); '' otherwise."""
    rows = _lay().get("widespread") or {}
    if record.concept not in rows.get("only", ()) or record.certainty == "benign":
        return ""
    sentence = _sentence_of(record, text)
    if rows.get("aside"):
        # "New focal lesions at L3 and S1, on a background of diffuse infiltration": the
        # background is another thing; the focal lesions are not "in many bones"
        sentence = re.sub(rows["aside"], "", sentence, flags=re.IGNORECASE)
    if not re.search(rf"\b(?:{rows['words']})\b", sentence, re.IGNORECASE):
        return ""
    levels = sort_levels(record.levels)
    # "diffuse replacement ... throughout the L2 vertebral body": all of one bone, not many
    # bones (round 51: "It is in many bones of your lower back, including L2")
    if len([lv for lv in levels if "-" not in lv]) == 1 and not re.search(
        rf"\b(?:{rows['many_words']})\b", sentence, re.IGNORECASE
    ):
        return ""
    # the regions its words name and those of its levels ("multiple sclerotic metastases in the
    # L1, L3 and L4 vertebral bodies and the sacrum": your lower back and sacrum), top down
    named = [w for p, w in rows["regions"] if re.search(rf"\b(?:{p})", sentence, re.IGNORECASE)]
    placed = {region(lv) for lv in levels}
    regions = [w for _p, w in rows["regions"] if w in named or w in placed] or ["spine"]
    tail = rows["region_tail"]
    if len(regions) > 1 and all(r.endswith(tail) for r in regions):
        regions = [r.removesuffix(tail) for r in regions[:-1]] + regions[-1:]
    bones = [lv for lv in levels if "-" not in lv] or levels
    if not bones:
        return rows["says_no_codes"].format(regions=join(regions))
    # "Multiple ... metastases at L1, L3, L5 and S1": the report names every one, so they are
    # counted, not "many ... including" (which suggests others the report does not name)
    # (and a region named without a level, "and the sacrum", is a place not counted)
    # (nor one its sentence names that the finding did not take: a count would be wrong)
    written = {lv for m in find_levels(sentence) for lv in m.levels if "-" not in lv}
    if (
        not re.search(rf"\b(?:{rows['beyond']})\b", sentence, re.IGNORECASE)
        and all(w in placed for w in named)
        and written <= set(bones)
    ):
        return rows["says_listed"].format(n=len(bones), regions=join(regions), codes=join(bones))
    return rows["says"].format(regions=join(regions), codes=join(bones))


def _grown(record: Record, text: str) -> bool:
    """A tumour the report says is in the canal ("epidural tumour"): what presses is said as
    grown into the spinal canal (lay.yaml `grown`)."""
    rows = _lay().get("grown") or {}
    if record.concept not in rows.get("only", ()):
        return False
    return bool(re.search(rf"\b(?:{rows['words']})", _sentence_of(record, text), re.IGNORECASE))


def _cauda_variant(record: Record, text: str) -> str | None:
    """Which structure a cord or cauda equina finding names: 'cord', 'conus', 'cauda', or None
    when the report names more than one (or none)."""
    # the mention and what follows it in its sentence ("... compresses the cauda equina. The
    # conus ends at L1" names the cauda only)
    # (and the list it ends: "No cord or cauda equina compression" names both, round 44's GP)
    context = " ".join(
        re.split(r"[.\n]", text[max(0, f.start - 15) : f.start])[-1]
        + re.split(r"[.\n]", text[f.start : f.end + 30])[0]
        for f in record.mentions
    ).lower()
    named = set()
    if "conus" in context:
        named.add("conus")
    elif re.search(r"\bcord\b", context):
        named.add("cord")
    if "cauda" in context:
        named.add("cauda")
    return named.pop() if len(named) == 1 else None


def severity_word(record: Record) -> str | None:
    """The severity the patient reads: the report's own plain word, or the word for its value."""
    words = _lay()["severity_words"]
    if _lay()["concepts"].get(record.concept, {}).get("no_severity"):
        return None  # "Small fluid collection in the laminectomy bed" is no small fusion
    text = (record.severity_text or "").lower().strip()
    text = words["adverbs"].get(text, text)
    text = re.sub(r"\s*-\s*to\s*-\s*|\s*-\s*", " to ", text) if " to " in text else text
    if text in words["plain"]:
        return text
    if record.severity and record.severity in words["values"]:
        return words["values"][record.severity]
    return None


def _grade_number(record: Record) -> str | None:
    if record.severity and record.severity.startswith("grade-"):
        return record.severity.removeprefix("grade-")
    return None


def _with_sev(name: str, sev: str) -> str:
    """A name without its own severity template: the word after the article, or before."""
    for article in ("a ", "an "):
        if name.startswith(article):
            rest = name[len(article) :]
            return ("an " if sev[0] in "aeiou" else "a ") + f"{sev} {rest}"
    return f"{sev} {name}"


def effect_words(effect: str, *, sided: bool = False) -> str:
    """The report's structure in plain words: 'the traversing left S1 nerve root' -> 'the left
    S1 nerve'. `sided`: the sentence says the side itself, so the effect does not repeat it
    ('a disc touching the S1 nerves on both sides')."""
    out = effect.strip()
    for pattern, replacement in _lay()["effects"]["words"]:
        out = re.sub(pattern, replacement, out, flags=re.IGNORECASE)
    if sided:
        out = re.sub(r"\b(left|right|both)\s+", "", out, flags=re.IGNORECASE)
    out = re.sub(r"\s+", " ", out).strip()
    # "The L5 nerve root is compressed": the report's capital is not the patient text's
    out = re.sub(r"^(The|A|An|Both)\b", lambda m: m.group(1).lower(), out)
    if not re.match(r"(?i)(the|a|an|your|both)\b", out):
        out = "the " + out
    return out


def _verb(window: str) -> str | None:
    """ "press" or "touch": the report's first verb of either kind in `window`."""
    verbs = _lay()["effects"]["verbs"]
    best: tuple[int, str] | None = None
    for key in ("press", "touch"):
        for word in verbs[key]["words"]:
            at = window.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, key)
    return best[1] if best else None


def touches(record: Record, text: str) -> bool:
    """The report says the structure is touched ("abutting the thecal sac"), not pressed: the
    verb nearest before each mention of it is a touching one."""
    if record.concept in _lay()["effects"].get("touch_only", ()):
        return True
    verbs = _lay()["effects"]["verbs"]
    # "abutting the thecal sac. No significant thecal sac compression.": the mention that rules
    # pressure out says nothing of the touch
    stated = [f for f in record.mentions if f.assertion != "negated"] or record.mentions
    for f in stated:
        window = text[max(0, f.start - 40) : f.end].lower()
        # "touching but not compressing the thecal sac": a verb the report denies is no verb
        window = re.sub(
            r"\b(?:not|without|no)\s+(?:\w+ly\s+)?\w+", lambda m: " " * len(m[0]), window
        )
        found = [(window.rfind(w), key) for key in ("press", "touch") for w in verbs[key]["words"]]
        found = [x for x in found if x[0] >= 0]
        if not found or max(found)[1] != "touch":
            return False
    return True


def pushes_aside(record: Record, text: str) -> bool:
    """The report says the structure is pushed aside ("displaces the traversing right L5 nerve
    root"), not pressed: the only pressing verb before each stated mention is one of lay.yaml
    `effects.push_aside` (round 50's GP: "pressing on" upgraded a displaced root)."""
    words = _lay()["effects"].get("push_aside") or ()
    press = _lay()["effects"]["verbs"]["press"]["words"]
    stated = [f for f in record.mentions if f.assertion != "negated"]
    for f in stated:
        window = text[max(0, f.start - 40) : f.end].lower()
        # ("compresses and displaces the root" presses: any other pressing verb wins)
        found = {w in words for w in press if w in window}
        if found != {True}:
            return False
    return bool(stated)


def _effect_clause(record: Record, text: str) -> str:
    verbs = _lay()["effects"]["verbs"]
    key = _verb(_context(record, text, before=0, after=120)) or "other"
    return verbs[key]["clause"].format(
        effect=effect_words(record.effect or "", sided=bool(record.side))
    )


def _stated(record: Record) -> list:
    """The mentions that say the finding is there: a record the report both hedges and rules
    out in part ("early discitis cannot be excluded ... No paravertebral or epidural abscess")
    is described by what it says is, or may be, there."""
    return [f for f in record.mentions if f.assertion != "negated"] or list(record.mentions)


def _sentence_of(record: Record, text: str) -> str:
    """The sentences (or list lines) the record's stated mentions are in."""
    return " ".join(dict.fromkeys(sentence_around(f, text) for f in _stated(record)))


def sentence_around(f, text: str) -> str:
    """The sentence (or list line) of one mention; a decimal point ("4.6 cm") ends none."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, f.start)]
    end = _SENTENCE_END.search(text, f.end)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


_SENTENCE_END = re.compile(r"\.(?!\d)|\n")


def _first_match(rows: list[dict], key: str, record: Record, texts: list[str]) -> dict | None:
    """The first row whose words are in the first text that has any; a `general` row ("the
    arteries") only where no other row is in that text, nor an `artery` row in a later one
    ("atherosclerotic calcification of the aorta" is of the aorta; "aorto-iliac atherosclerotic
    calcification" too, where the mention is only its last two words)."""
    first = None
    for words in texts:
        found = [
            row
            for row in rows
            if record.concept in row.get("only", (record.concept,))
            and re.search(rf"(?<![\w-])(?:{row['words']})(?![\w-])", words, re.IGNORECASE)
        ]
        named = next((row for row in found if not row.get("general")), None)
        if named is not None and (first is None or named.get("artery")):
            return named
        first = first or (found[0] if found else None)
    return first


_OF_PHRASE = re.compile(r"\s+(?:of|in|within|involving)\s+[^.,;:\n]*", re.IGNORECASE)


# the words a describing word goes with ("ectatic infrarenal aorta (2.8 cm)")
_NOUN_AFTER = re.compile(r"[ \t]+(?!(?:is|are|was|were|measuring|noted|seen)\b)[^.,;:(\n]*", re.I)


def _with_own_phrase(record: Record, text: str) -> str:
    """The mentions' words with the phrase that says where each is ("calcification of the
    abdominal aorta"), up to a comma or "and"."""
    parts = []
    for f in record.mentions:
        tail = _OF_PHRASE.match(text, f.end) or _NOUN_AFTER.match(text, f.end)
        own = re.split(r"\band\b", tail.group(0))[0] if tail else ""
        parts.append(f.text + own)
    return " ".join(parts)


def _outside_rows(record: Record, text: str) -> tuple[dict | None, dict] | None:
    """The lay.yaml `outside` organ and kind rows a finding outside the spine is named by (no
    organ for a kind that says where it is too); None when they name none."""
    outside = _lay().get("outside") or {}
    if record.concept not in (outside.get("names") or {}):
        return None
    texts = [_with_own_phrase(record, text), _sentence_of(record, text)]
    organ = _first_match(outside["organs"], "organ", record, texts)
    kind = _first_match(outside["kinds"], "kind", record, texts)
    if kind is not None and kind.get("whole"):
        return None, kind
    if organ is None or kind is None:
        return None
    return organ, kind


def outside_what(record: Record, text: str) -> tuple[str, str | None, bool] | None:
    """What a finding outside the spine is, whatever its severity or side: its kind, its organ,
    and whether that organ is a `general` one ("the arteries") that a named one of them ("the
    aorta") is part of. Two mentions with the same kind and organ are one finding."""
    rows = _outside_rows(record, text)
    if rows is None:
        return None
    organ, kind = rows
    if organ is None:
        return kind["kind"], None, False
    return kind["kind"], organ["organ"], bool(organ.get("general"))


def outside_rules_out(record: Record, text: str) -> dict | None:
    """The red flag a finding outside the spine is said beside when the report rules it out
    (lay.yaml kind `rules_out`: an ectatic aorta that is "not aneurysmal"), with its words."""
    rows = _outside_rows(record, text)
    return rows[1].get("rules_out") if rows else None


def outside_name(record: Record, text: str) -> tuple[str, bool] | None:
    """A finding outside the spine by what and where the report says ("a lump in the left
    kidney that needs more tests"), and whether the side is said inside it; None when the
    report's words name no organ or kind that lay.yaml knows."""
    rows = _outside_rows(record, text)
    if rows is None:
        return None
    organ, kind = rows
    if organ is None:
        return kind["kind"], False
    what = kind["kind"]
    sev = severity_word(record)
    if kind.get("amounts") and record.severity:
        what = f"{_lay()['severity_words']['amounts'][record.severity]} {what}"
    elif sev and kind.get("sev", True):
        what = _with_sev(what, sev)
    place = organ["organ"]
    sided = bool(record.side and record.side != "bilateral" and organ.get("paired"))
    if sided:
        place = f"{record.side} {place}"
    # "in the left adnexa": beside the ovary, not in it (`near`)
    prep = "of" if kind.get("of") else "near" if organ.get("near") else "in"
    return f"{what} {prep} the {place}", sided


def outside_after(record: Record, text: str) -> str:
    """The sentence said after a finding outside the spine named by its organ ("It needs more
    tests.")."""
    if outside_name(record, text) is None:
        return ""
    return (_lay()["outside"]["names"][record.concept] or {}).get("after", "")


def outside_has_no_level(record: Record, text: str) -> bool:
    """A finding outside the spine named by its organ whose level is not said ("calcium in the
    walls of the main artery in the belly", not "... (L4-L5)")."""
    if outside_name(record, text) is None:
        return False
    return bool((_lay()["outside"]["names"][record.concept] or {}).get("no_level"))


def place_without_level(record: Record, text: str) -> str:
    """ " in your sacrum" for a finding with no level whose sentence names where it is ("right
    sacral ala"); '' otherwise, and for findings outside the spine."""
    if record.levels or _lay()["concepts"][record.concept].get("placed"):
        return ""
    if outside_name(record, text) is not None:
        return ""
    sentence = _sentence_of(record, text)
    for pattern, words in _lay().get("places_without_level", []):
        if re.search(rf"\b(?:{pattern})", sentence, re.IGNORECASE):
            return words
    return ""


def place_beside_spine(record: Record, text: str) -> str:
    """ " in the muscle beside the spine (psoas)" for a finding whose sentence puts it there (a
    psoas abscess), with or without a level; '' otherwise."""
    sentence = _sentence_of(record, text)
    for row in _lay().get("places_beside_spine", []):
        if record.concept in row["only"] and re.search(
            rf"\b(?:{row['words']})", sentence, re.IGNORECASE
        ):
            return row["place"]
    return ""


def _age_settled(record: Record, text: str) -> bool:
    """ "... unchanged since 2021 and is therefore chronic": one of the finding's sentences
    settles its age, whatever an earlier one left open (cues.yaml `age_settled`)."""
    settled = knowledge.load().cues["age_settled"]
    return any(settled.search(sentence_around(f, text)) for f in record.mentions)


def details(record: Record, text: str) -> str:
    """ "It has some clot lining its wall.": what the finding's sentence says of it that its name
    does not (lay.yaml `details`); '' otherwise."""
    return " ".join(dict.fromkeys(says for _row, says in _detail_rows(record, text)))


def absorbed(records: list[Record], text: str) -> set[int]:
    """The findings a detail of another says ("Local kyphotic angle ... measures 14 degrees"
    beside a burst fracture is "The spine bends forward at the break."): lay.yaml `details` rows
    with `absorbs`, the concept of the finding they say, by the row's words in its mentions."""
    out: set[int] = set()
    absorbing = {c for row in _lay().get("details", []) if row.get("absorbs") for c in row["only"]}
    targets = {row["absorbs"] for row in _lay().get("details", []) if row.get("absorbs")}
    if not any(r.concept in targets for r in records):
        return out
    for record in records:
        if record.concept not in absorbing:
            continue
        for row, _says in _detail_rows(record, text):
            for other in records:
                if other.concept == row.get("absorbs") and all(
                    _words_pattern(row["words"]).search(sentence_around(f, text))
                    for f in other.mentions
                ):
                    out.add(id(other))
    return out


def _detail_rows(record: Record, text: str) -> list[tuple[dict, str]]:
    sentence = _sentence_of(record, text)
    # and the next sentence, where it goes on about the finding ("It is possibly chronic.")
    end = max(f.end for f in record.mentions) if record.mentions else 0
    after = re.match(r"[^.]*\.\s+((?:It|This)\s+(?:is|was|appears?)\b[^.]*\.)", text[end:])
    if after:
        sentence = f"{sentence} {after.group(1)}"
    # a row with `next` reads the two sentences after as well, whatever they open with ("...
    # with a rim of mural thrombus. No features of leak or rupture.")
    following = []
    for f in record.mentions:
        # the two sentences after each mention
        stop = _SENTENCE_END.search(text, f.end)
        taken = 0
        while stop and taken < 2:
            after = _SENTENCE_END.search(text, stop.end())
            piece = text[stop.end() : after.start() if after else len(text)]
            if piece.strip():  # a line end after a full stop is no sentence
                following.append(piece)
                taken += 1
            stop = after
    # (each sentence ends with its stop, so that a "not" of one is never read in the next)
    with_next = ". ".join([sentence, *following])
    at = f" at {join(list(record.levels))}" if record.levels else ""
    says: list[tuple[dict, str]] = []
    groups: set[str] = set()  # rows of one `group`: the first that matches is said
    for row in _lay().get("details", []):
        if record.concept not in row["only"] or row.get("group") in groups:
            continue
        # "The broken parts have not moved" beside "cannot rule out a broken bone" reads as a
        # break after all: a row with `certain` is said of a finding the report states
        if row.get("certain") and record.certainty != "present":
            continue
        if row.get("uncertain_only") and record.certainty != "uncertain":
            continue
        found = _words_pattern(row["words"]).search(with_next if row.get("next") else sentence)
        if not found or _denied(found):
            continue
        if row.get("near") and not _said_beside(record, text, row["words"]):
            continue
        named = {k: v or "" for k, v in found.groupdict().items()}
        if "side" in named:  # "the right S1 nerve root": "the S1 nerve on the right"
            side = named.pop("side").lower()
            named["on_side"] = f" {_lay()['sides'][side]}" if side else ""
        # settled by another of its sentences (an addendum: "is therefore chronic")
        if row.get("unless_cue") and any(
            knowledge.load().cues[row["unless_cue"]].search(sentence_around(f, text))
            for f in record.mentions
        ):
            continue
        # said already by the sentence of its size ("Part of the bone is pushed back towards
        # the nerves by 4 mm.")
        if row.get("unless_size_says") and row["unless_size_says"] in (
            size_sentence(record, text) or ""
        ):
            continue
        # said already by the finding's name ("fluid in a joint" for an effusion alone)
        if row.get("unless_all") and all(
            row["unless_all"] in f.text.lower() for f in record.mentions
        ):
            continue
        # (of a finding at several places, in the plural, as its sizes were: "They measure 11
        # mm, 18 mm and 22 mm. They have not reached ...")
        said = row["says"]
        # (not after "It is in 3 bones of your lower back", which says it in the singular)
        # (one break through S1 and S2 is one broken bone: `many`)
        if many(record, text) and row.get("says_plural") and not widespread(record, text):
            said = row["says_plural"]
        says.append((row, said.format(at=at, **named)))
        if row.get("group"):
            groups.add(row["group"])
    return says


@lru_cache(maxsize=512)
def _words_pattern(words: str) -> re.Pattern:
    """A lay.yaml row's `words` as whole words, compiled once (the writer asks for each row of
    each finding)."""
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _denied(found: re.Match) -> bool:
    """A detail the report rules out where it names it ("without retropulsion", "there is no
    retropulsion", "retropulsion is not seen"), unless its own words are the denial ("not
    displaced", "no features of leak")."""
    cues = knowledge.load().cues
    if re.search(r"\b(?:no|not|non|without)\b", found.group(0), re.IGNORECASE):
        return False
    searched = found.string
    before = searched[max(0, found.start() - 60) : found.start()]
    return bool(
        cues["detail_denied_before"].search(before)
        or cues["detail_denied_after"].search(searched[found.end() :])
    )


def _said_beside(record: Record, text: str, words: str) -> bool:
    """A detail written right beside one of the record's own mentions ("left greater than right
    foraminal narrowing", "foraminal narrowing, worse on the left"), not of another finding of
    its sentence ("lateral recess narrowing and left greater than right foraminal narrowing")."""
    for f in record.mentions:
        lo, hi = max(0, f.start - 60), min(len(text), f.end + 60)
        for m in re.finditer(rf"\b(?:{words})\b", text[lo:hi], re.IGNORECASE):
            s, e = lo + m.start(), lo + m.end()
            gap = text[e : f.start] if e <= f.start else text[f.end : s] if s >= f.end else ""
            if len(gap) <= 25 and not re.search(r"\b(?:and|with|or)\b|[.;]", gap, re.I):
                return True
    return False


def bone_part(record: Record, text: str) -> str:
    """ "It is in a bony wing on the side of the bone (transverse process).": the part of
    the bone the report names beside a finding in the bone at one place (lay.yaml `bone_parts`);
    '' otherwise."""
    rows = _lay().get("bone_parts") or {}
    several = len(record.levels) > 1
    if record.concept not in rows.get("only", ()):
        return ""
    for f in record.mentions:
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, f.start)]
        start = max(starts[-1] if starts else 0, f.start - 30)
        end = _SENTENCE_END.search(text, f.end)
        stop = min(end.start() if end else len(text), f.end + 60)
        # "lesions at L3 (1.4 cm) and in the right S1 pedicle": the pedicle is S1's
        other = [
            m.start
            for m in find_levels(text[f.end : stop])
            if not set(m.levels) & set(record.levels)
        ]
        near = text[start : f.end + other[0] if other else stop]
        for row in rows["parts"]:
            # "with intact pedicles", "the pedicles are spared": not where it is
            if re.search(
                rf"(?<!intact )(?<!normal )(?<!no )(?<!without )\b(?:{row['words']})\b"
                r"(?!\s+(?:are\s+|is\s+)?"
                r"(?:intact|spared|normal|preserved))",
                near,
                re.IGNORECASE,
            ):
                if several:  # "They are in the bony wings ...", where the part has a plural
                    plural = row.get("plural")
                    return rows["says_plural"].format(part=plural) if plural else ""
                return rows["says"].format(part=row["part"])
    return ""


def own_side(record: Record, text: str) -> str:
    """ "on the left", unless the finding's name already says the side ("the left kidney")."""
    if cancer_organ(record, text):
        return ""
    if record.concept == "scoliosis" and record.side in ("left", "right"):
        return f"that bends out to the {record.side}"  # "convex to the right"
    outside = outside_name(record, text)
    if outside and outside[1]:
        return ""
    # a side written on one of several bones ("metastases at T12, L2 and the right sacral ala")
    # is that bone's, never all of theirs (round 41's GP and patient)
    if side_of_one_place(record, text):
        return ""
    # "Large central and left paracentral disc extrusion": in the middle and to that side
    # (round 50's GP: "on the left" alone)
    if record.side in ("left", "right") and any(
        re.search(
            rf"\bcentral\s+(?:and|to)\s+(?:{record.side}|{record.side[0]}t)\b",
            text[max(0, f.start - 40) : f.end],
            re.I,
        )
        for f in record.mentions
    ):
        return f"in the middle and to the {record.side}"
    return side_words(record.side)


def side_of_one_place(record: Record, text: str) -> bool:
    """A finding in the bone whose side is written on one of its several bones, or on a place
    without a level ("at T12, L2 and the right sacral ala at S1", "and in the right iliac
    bone"): no side word of its sentences has all its bones beside it. The side is not said."""
    bones = {lv for lv in record.levels if "-" not in lv}
    if record.side not in ("left", "right") or not in_bone(record.concept) or len(bones) < 2:
        return False
    reach = _lay()["side_reach"]
    for f in _stated(record):
        sentence = sentence_around(f, text)
        groups = group_levels(sentence, find_levels(sentence))
        for side in re.finditer(rf"\b{record.side}\b", sentence, re.IGNORECASE):
            near = {
                lv
                for g in groups
                if 0 <= g.start - side.end() <= reach["after"]
                or 0 <= side.start() - g.end <= reach["before"]
                for lv in g.levels
            }
            if bones <= near:
                return False
    return True


_MANY = re.compile(
    r"\b(?:multi-?level|multiple|several|numerous|various|many|scattered|bilateral|both"
    r"|elsewhere|remaining)\b"
    r"|\b(?:levels|discs|disks|bulges|protrusions|canals|foramina|roots|nerves|nodules|nodes"
    r"|osteophytes|spurs|materials|joints)\b",
    re.IGNORECASE,
)


_SIDES = re.compile(r"\b(?:both|bilateral|canals|foramina|roots|nerves)\b", re.IGNORECASE)


def many(record: Record, text: str | None = None) -> bool:
    """More than one of it: several levels, both sides, or the report's own words in the
    mention's clause ("Multilevel diffuse disc bulges", "exit canals", "both nerve roots"). A
    finding that is one thing however far it reaches (a haematoma "from L2-3 to L3-4") is one."""
    if _lay()["concepts"][record.concept].get("one_thing"):
        return False
    # one break through the S1 and S2 segments is one broken bone: the sacrum is one bone
    sacral = record.levels and all(re.fullmatch(r"S[1-5]", lv) for lv in record.levels)
    if sacral and in_bone(record.concept) and record.side != "bilateral":
        return False
    if len(record.levels) > 1 or record.side == "bilateral":
        return True
    if text is None:
        return False
    if record.levels:
        # one level: only its own words say that there are two ("exit neural canals")
        return (
            any(_SIDES.search(text[max(0, f.start - 20) : f.end]) for f in record.mentions)
            and record.concept in _lay()["effects"]["named_by"]
        )
    for f in record.mentions:
        start = (
            max(
                text.rfind(".", 0, f.start),
                text.rfind("\n", 0, f.start),
                text.rfind(",", 0, f.start),
            )
            + 1
        )
        end = min(
            x
            for x in (
                text.find(",", f.end),
                text.find(".", f.end),
                text.find("\n", f.end),
                len(text),
            )
            if x >= 0
        )
        if not _MANY.search(text[start:end]):
            return False
    return bool(record.mentions)


def cancer_organ(record: Record, text: str) -> str | None:
    """A cancer of the history by its organ ("Treated left breast carcinoma 2019": "cancer of
    the left breast"), with its side inside; None where the report names no organ."""
    if record.concept != "malignancy" or record.certainty != "historical":
        return None
    side = f"{record.side} " if record.side in ("left", "right") else ""
    for f in record.mentions:
        words = text[max(0, f.start - 30) : f.end]
        for pattern, name in _lay()["concepts"]["malignancy"].get("cancer_organs", ()):
            if re.search(rf"\b(?:{pattern})\b", words, re.IGNORECASE):
                return name.format(side=side)
    return None


def effusion_only(records) -> bool:
    """Findings the report names only as fluid in a joint ("Small right facet joint effusion"):
    said as that fluid (lay.yaml `effusion`), not as wear."""
    return all(
        _lay()["concepts"][r.concept].get("effusion")
        and all("effusion" in f.text.lower() for f in r.mentions)
        for r in records
    )


def name_of(record: Record, text: str, *, with_effect: bool = True) -> str:
    """The record's lay name, with its severity word inside and, where it has one, what it acts
    on ('a large extrusion ... pressing on the left S1 nerve')."""
    entry = _lay()["concepts"][record.concept]
    plural = many(record, text)
    sev = severity_word(record)
    number = _grade_number(record)
    own_effect = bool(record.effect and entry.get("effect") and _effect_adds(record))
    if record.certainty == "historical":
        name = entry.get("historical", entry["name"])
        if record.concept == "malignancy":
            name = "cancer" if cancer_named(record, text) else "a problem in the bones"
            name = cancer_organ(record, text) or name
        return name
    outside = outside_name(record, text)
    if outside is not None:
        return outside[0]
    variant = None
    with_sev = None  # a variant with its own place for the severity word
    present_cancer = False
    if record.concept == "malignancy" and cancer_named(record, text):
        variant = _cancer_name(record, text)
        # "small focal lesions ... in keeping with myeloma": the spots are small, not the
        # cancer (round 44's GP: "a small cancer of the bone marrow")
        present_cancer = variant != entry.get("cancer_name")
    elif (
        record.concept == "malignancy"
        and entry.get("marrow")
        and all(re.search(r"\bmarrow\b|\bsignal\b", f.text, re.I) for f in record.mentions)
    ):
        variant = entry["marrow"]  # "diffusely reduced signal of bone marrow": not "an area"
    elif record.concept == "fracture" and (
        _age_settled(record, text)
        or (
            re.search(r"\b(old|healed|chronic|remote)\b", _sentence_context(record, text, 30, 40))
            # "of indeterminate age ... a chronic fracture cannot be excluded": not said to be old
            and not knowledge.load()
            .cues["age_unsure"]
            .search(" ".join(sentence_around(f, text) for f in record.mentions))
        )
    ):
        variant = entry["old_plural" if plural else "old"]
        with_sev = None if plural else entry.get("old_sev")
    elif record.concept == "infection" and _names_disc_infection(record):
        # "spondylodiscitis ... with an epidural abscess": the disc and bone infection is named,
        # with the pocket of pus where the report describes one in the same place
        abscess = any(names_abscess(f.text) for f in _stated(record))
        variant = entry["disc_bone_abscess" if abscess else "disc_bone"]
        with_sev = entry.get("disc_bone_abscess_sev") if abscess else None
    elif record.concept == "infection" and any("absc" in f.text.lower() for f in _stated(record)):
        variant = entry["abscess"]
        with_sev = entry.get("abscess_sev")
    elif record.concept == "cauda_equina_compression":
        which = _cauda_variant(record, text)
        variant = entry[which] if which else None
    elif (
        entry.get("dilated")
        and not any(re.search(r"aneurysm", f.text, re.I) for f in _stated(record))
        and any(re.search(r"dilat|ectat|ectasia", f.text, re.I) for f in _stated(record))
    ):
        # "a 3.2 cm infrarenal aortic dilatation": the report's word, not "aneurysm" (round 24)
        variant = entry["dilated"]
    elif effusion_only([record]):
        # "Small right facet joint effusion": fluid in the joint, said as the report says it,
        # not as wear
        amounts = _lay()["severity_words"]["amounts"]
        amount = amounts.get(record.severity or "", "some")
        return entry["effusion"].format(amount=amount)
    elif entry.get("by_word") and not (sev or number):
        # "retrolisthesis": a slip backwards, said as one ("a bone that has slipped back a
        # little"), where the report's word gives the direction and nothing else is said
        # (with the word just before it: "lateral listhesis" is a slip sideways, round 51's GP)
        words = {
            w
            for f in record.mentions
            for w, _v in entry["by_word"].items()
            if w in (text[max(0, f.start - 9) : f.start] + f.text).lower()
        }
        if len(words) == 1:
            variant = entry["by_word"][words.pop()]["plural" if plural else "name"]
    if entry.get("touched") and touches(record, text):
        return entry["touched"]
    if own_effect:
        effect = effect_words(record.effect or "", sided=bool(record.side))
        # "a small facet synovial cyst abutting the L5 root": what touches is the cyst
        template = (entry.get("by_cause") or {}).get(record.cause or "", entry["effect"])
        # "The exiting right L5 nerve root is contacted but not compressed" beside foraminal
        # narrowing: no disc named, so none said (round 47's GP: "a disc touching")
        if (
            record.cause is None
            and entry.get("effect_no_cause")
            and not any(
                re.search(entry["disc_words"], sentence_around(f, text), re.IGNORECASE)
                for f in record.mentions
            )
        ):
            template = entry["effect_no_cause"]
        name = template.format(effect=effect)
        hedged = _hedged_by_cause(record)
        if hedged:  # "bony spurs that are likely touching ...": the hedge is the touch's
            name = name.replace(" touching ", f" {hedged} touching ", 1)
        return _with_sev(name, sev) if sev else name
    if variant is not None and sev and with_sev:
        name = with_sev.format(sev=sev)
    elif variant is not None:
        name = _with_sev(variant, sev) if sev and not present_cancer else variant
        if sev and present_cancer and entry.get("cancer_sev"):
            name = entry["cancer_sev"].format(name=variant, sev=sev)
    elif record.severity in _lay()["severity_words"]["amounts"] and entry.get("amount"):
        amount = _lay()["severity_words"]["amounts"][record.severity]
        name = entry["amount_plural" if plural else "amount"].format(amount=amount)
    elif sev and entry.get("sev_adverb") and sev in _lay()["severity_words"]["as_adverbs"]:
        adverb = _lay()["severity_words"]["as_adverbs"][sev]
        key = "sev_adverb_plural" if plural and entry.get("sev_adverb_plural") else "sev_adverb"
        name = entry[key].format(adverb=adverb)
    elif number and entry.get("grade"):
        # "a grade 1 slip (the mildest grade) ...": the patient learns which end of the scale
        name = (entry.get(f"grade_{number}") or entry["grade"]).format(n=number)
        # "Grade 1 anterolisthesis of L4 on L5": which way it slips (round 48's GP, twice)
        way = {
            d
            for f in record.mentions
            for w, d in (entry.get("direction") or {}).items()
            if w in f.text.lower()
        }
        if len(way) == 1:
            name = name.replace(" slip ", f" {way.pop()} slip ", 1)
    elif sev and entry.get("sev"):
        name = entry["sev_plural" if plural and entry.get("sev_plural") else "sev"].format(sev=sev)
    else:
        name = entry["plural" if plural else "name"]
        if sev:
            name = _with_sev(name, sev)
    if with_effect and record.effect and _effect_adds(record):
        name = f"{name}, {_effect_clause(record, text)}"
    return name


def _effect_adds(record: Record) -> bool:
    """An effect is said unless the name already says it: a finding named by what it presses on
    takes its effect only when that names one nerve ("the right S1 nerve")."""
    if record.concept not in _lay()["effects"]["named_by"]:
        return True
    return bool(re.search(r"\b[LTSC]\d\b", record.effect or "", re.IGNORECASE))


def subject(record: Record) -> str:
    """ "The bulge at L4-L5": what a following sentence calls the record."""
    noun = _lay()["concepts"][record.concept].get("noun", "finding")
    if record.levels:
        return f"The {noun} at {', '.join(record.levels)}"
    return f"The {noun}"


_FRONT = re.compile(r"\banterior(?!\s+(?:thecal|epidural|longitudinal))\b", re.IGNORECASE)


def _at_front(record: Record, percents: list[str], text: str) -> bool:
    """Every percentage of the record's sentence is of the bone's front ("30% loss of anterior
    height", "anterior height loss of 30%")."""
    sentences = [sentence_around(m, text) for m in record.mentions if m.size]
    for size in percents:
        number = re.search(r"\d+(?:\.\d+)?\s*%", size)
        found = [
            (sentence, hit)
            for sentence in sentences
            for hit in ([re.search(re.escape(number.group(0)), sentence)] if number else [])
            if hit
        ]
        if not found:
            return False
        sentence, hit = found[0]
        near = sentence[max(0, hit.start() - 30) : hit.end() + 40]
        if not _FRONT.search(near) or re.search(r"\bposterior\s+(?:\w+\s+){0,2}height", near, re.I):
            return False
    return True


_PATHOLOGIC = re.compile(r"\bpatholog", re.IGNORECASE)


def benign_break(record: Record, others=None) -> bool:
    """A malignancy read as benign by what it says of a break ("An underlying pathological
    fracture is considered unlikely"): said as the break's cause the report leans against, not
    as "a spot in a bone". `others`, where given, must hold a fracture."""
    if record.concept != "malignancy" or record.certainty != "benign":
        return False
    if not any(_PATHOLOGIC.search(m.text) and m.hedge for m in record.mentions):
        return False
    return others is None or any(o.concept == "fracture" for o in others)


def _size_text(text: str) -> str:
    """The report's size in its own numbers, in plain form: "about 3 x 2 cm" for "About 3*2 cm"."""
    text = re.sub(r"(?i)\b(approximately|approx\.?|around|roughly)\s*", "about ", text)
    text = re.sub(r"(\d)\s*[*xX\u00d7]\s*(\d)", r"\1 x \2", text)
    text = re.sub(r"(\d)(mm|cm)\b", r"\1 \2", text)
    # the report's capitals are not kept ("ABout 7 cm" is "about 7 cm")
    return re.sub(r"^[A-Za-z]+", lambda m: m.group(0).lower(), text)


def _size_kind(record: Record, size, text: str | None) -> tuple[str, str, bool] | None:
    """How far a finding reaches or how thick it is, where the report says so around the size
    ("extends 8 mm cranially", "8 mm in thickness"): the lay.yaml `change.size_kinds` row's
    sentence, the direction words and whether the sentence says which one it measures ("The
    largest ..."), or None for a plain size."""
    if text is None:
        return None
    sentence = _sentence_of(record, text)
    at = sentence.find(size.text)
    if at < 0:
        return None
    # the cue right beside the size: "extends 8 mm", "8 mm in maximal thickness"
    after = sentence[at + len(size.text) :][:30]
    for row in _lay()["change"]["size_kinds"]:
        if row.get("only") and record.concept not in row["only"]:
            continue
        before = sentence[max(0, at - row.get("reach", 16)) : at].lower()
        # a cue after the size stands right after it ("8 mm in thickness"), not further on ("3.4
        # cm in AP diameter over a length of 5 cm": the 3.4 cm is no length)
        found = (
            re.search(rf"\b(?:{row['words']})", before)
            if row["side"] == "before"
            else re.match(rf"[\s,]*(?:{row['words']})", after.lower())
        )
        if found:
            direction = ""
            for pattern, words in row.get("directions", {}).items():
                # "extends 8 mm cranially", "migrating inferiorly by 10 mm"
                if re.match(rf"\s*(?:{pattern})", after, re.IGNORECASE) or re.search(
                    rf"\b(?:{pattern})", before
                ):
                    direction = f" {words}"
            return row["sentence"], direction, bool(row.get("which"))
    return None


def _percent_places(record: Record, text: str) -> dict[str, str]:
    """Each percentage of a finding at several bones with the one bone written right after it
    ("25% loss of anterior height at T12 and 35% at L1"), as said, in the report's order; {}
    unless every one has its own."""
    percents = list(dict.fromkeys(z.text for z in record.sizes if z.unit == "%"))
    if len(percents) < 2 or len(record.levels) < 2:
        return {}
    sentence = _sentence_of(record, text)
    found: dict[str, str] = {}
    for size in percents:
        at = sentence.lower().find(size.lower())
        if at < 0:
            return {}
        after = sentence[at + len(size) : at + len(size) + 40]
        levels = [lv for m in find_levels(after) for lv in m.levels]
        if not levels or levels[0] not in record.levels or re.search(r"[,;]", after[:3]):
            return {}
        found[size] = levels[0]
    if len(set(found.values())) != len(found):
        return {}
    ordered = sorted(found.items(), key=lambda kv: sentence.lower().find(kv[0].lower()))
    return {_size_text(size): level for size, level in ordered}


def size_sentence(record: Record, text: str | None = None) -> str:
    """ "It measures 7 mm." right after the finding's sentence; a percentage as its concept says
    it ("It has lost about 40% of its height."); how far it reaches where the report gives that,
    not its size ("It reaches 8 mm upward.")."""
    lay = _lay()
    if not record.sizes or lay["concepts"][record.concept].get("sizes") is False:
        return ""
    seen: set[tuple[float, str]] = set()
    texts = []
    percents = []
    kinds = []
    which = []  # for each size kind: whether its sentence says which one it measures
    for size in record.sizes:
        if (size.value, size.unit) not in seen:
            seen.add((size.value, size.unit))
            kind = _size_kind(record, size, text)
            if kind is not None:
                kinds.append(kind[0].format(sizes=_size_text(size.text), direction=kind[1]))
                which.append(kind[2])
            elif size.unit == "%":
                percents.append(_size_text(size.text))
            else:
                texts.append(_size_text(size.text))
    out = []
    if len(texts) > 2:
        # "14 mm and 11 mm and 7 mm and 18 mm" for spots at four levels: one of each
        out.append(lay["change"]["size_many"].format(sizes=join(texts, "and")))
        texts = []
    if texts:
        # "The spot measures 15 mm." where "it" could be read as the cancer a hedge names
        own = record.certainty == "uncertain"
        template = lay["concepts"][record.concept].get("size_sentence") if own else None
        # "Tarlov cysts at S2 on both sides, measuring up to 21 mm": they measure
        several = record.side == "bilateral"
        if several and not template:
            template = lay["change"]["size_sentence_plural"]
        out.append((template or lay["change"]["size_sentence"]).format(sizes=" and ".join(texts)))
    if percents:
        # a percentage as its concept says it: "It has lost about 40% of its height."
        template = lay["concepts"][record.concept].get("size_percent")
        template = template or lay["change"]["size_percent"]
        placed = _percent_places(record, text) if text else {}
        if placed:
            # "about 25% loss of anterior height at T12 and 35% at L1": each at its bone (round
            # 45's GP: "It has lost 35% and about 25% of its height" put them on the wrong bones)
            for size, level in placed.items():
                said = template.format(sizes=size)
                # "At T12, the bone has lost ...": "it" beside "broken bones" reads as neither
                if said.startswith("It ") and in_bone(record.concept):
                    said = "the bone " + said[3:]
                out.append(f"At {level}, {said[0].lower()}{said[1:]}")
        else:
            said_percent = template.format(sizes=" and ".join(percents))
            # "approximately 30% loss of anterior vertebral body height": at the front (round
            # 47's GP: "anterior" dropped)
            front = lay["concepts"][record.concept].get("size_percent_front")
            if front and text and _at_front(record, percents, text):
                said_percent = front.format(sizes=" and ".join(percents))
            out.append(said_percent)
    said = [*out, *kinds]
    # "small central protrusions at L4/5 and L5/S1 ... measuring 3 mm" at L5/S1 only: "At
    # L5-S1, it sticks out 3 mm." (round 42's GP: "It sticks out 3 mm" read as both)
    sized = {lv for f in record.mentions if f.size for lv in f.levels}
    if (
        said
        and len(record.levels) > 1
        and len(sized) == 1
        and sized < set(record.levels)
        and not (which and which[0] and not out)  # "At L3, the largest" says it twice
    ):
        first = said[0]
        said[0] = f"At {next(iter(sized))}, {first[0].lower()}{first[1:]}"
    return " ".join(said)


def _change(record: Record, text: str | None = None) -> dict | None:
    if record.change in (None, "resolved"):
        return None
    # past surgery does not change: a change said beside it is of a problem with it (a screw
    # that has come loose), said with that problem
    entry = _lay()["concepts"][record.concept]
    if entry.get("unchanging"):
        return None
    # a narrowing that has grown has "got worse" ("bigger" reads as a wider canal)
    own = (entry.get("change_words") or {}).get(record.change)
    change = own or _lay()["change"].get(record.change)
    if change and text is not None and _slight(record, text):
        change = {k: _a_little(v) for k, v in change.items()}
    return change


def _slight(record: Record, text: str) -> bool:
    """ "slightly progressed since 2023": the report calls the change small, in a sentence of
    a mention that carries it (lay.yaml `change.slight`)."""
    words = _lay()["change"]["slight"]["words"]
    return any(
        f.change == record.change and re.search(words, _clause_around(f, text), re.IGNORECASE)
        for f in record.mentions
    )


_CLAUSE_BREAK = re.compile(r"[,;:]|\band\b|\bwith\b", re.IGNORECASE)
_NEXT_THING = re.compile(r";|\band\s+(?:an?|the)\b", re.IGNORECASE)


def _clause_around(f, text: str) -> str:
    """The mention's clause in its sentence: "Progressive lower lumbar degenerative change since
    2021 and a slightly increased L2/3 retrolisthesis" gives the change its own words, not the
    slip's "slightly" (round 50's GP: "progressive" said as "a little worse")."""
    sentence = sentence_around(f, text)
    at = sentence.find(f.text)
    if at < 0:
        return sentence
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    # (after it, only where another thing begins: "stenosis, slightly worse than in 2022" is its)
    after = _NEXT_THING.search(sentence, at + len(f.text))
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def change_words(record: Record, text: str, words: dict) -> dict:
    """A concept's change words, as small as the report says the change is."""
    return {k: _a_little(v) for k, v in words.items()} if _slight(record, text) else words


def _a_little(words: str) -> str:
    for plain, small in _lay()["change"]["slight"]["replace"].items():
        if plain in words:
            return words.replace(plain, small, 1)
    return words


def _change_clause(record: Record, change: dict, name: str = "") -> str:
    """ "which has not changed ...", or "which have ..." for a finding at several levels (not
    after a name said in the singular: "a cancer of the bone marrow (myeloma), which has ...")."""
    # ("worn joints at the back of the spine, which have got worse": a plural noun at one level)
    prefix = _lay()["concepts"][record.concept].get("plural_noun")
    plural_noun = bool(prefix) and name.startswith(prefix)
    if (len(record.levels) > 1 or plural_noun) and not re.match(r"(?:a|an|one)\s", name):
        return re.sub(
            r"^which (has|is)\b", lambda m: "which " + PLURAL_VERBS[m.group(1)], change["clause"]
        )
    return change["clause"]


PLURAL_VERBS = {"has": "have", "is": "are"}


def _hedged_by_cause(record: Record) -> str | None:
    """ "The disc osteophyte complex probably contacts the L5 root": the spurs are there, the
    touch is hedged; the words that say so inside the name ("that are likely"), or None."""
    entry = _lay()["concepts"][record.concept]
    if record.certainty != "uncertain" or record.cause not in (entry.get("by_cause") or {}):
        return None
    hedge = (record.hedge or "").lower()
    likely = _lay()["certainty"]["likely_words"]
    return "that are likely" if hedge in likely or hedge.split(" ")[0] in likely else "that may be"


def effect_hedge(record: Record) -> str | None:
    """What a hedged pressure or touch said with its cause's sentence says of its hedge
    ("This most likely will affect the S1 nerve root" after the disc osteophyte complex):
    "likely" or "may be"; None for a finding the report states."""
    if record.certainty != "uncertain" or not record.cause or record.cause == "unexplained":
        return None
    hedge = (record.hedge or "").lower()
    likely = _lay()["certainty"]["likely_words"]
    return "likely" if hedge in likely or hedge.split(" ")[0] in likely else "may be"


def certainty_key(record: Record, document: str = "final") -> str:
    if record.certainty == "historical":
        return "historical"
    if _hedged_by_cause(record):
        return "present"  # the hedge is said inside the name
    if record.certainty == "present":
        if record.change == "resolved":
            return "resolved"
        return "preliminary" if document == "preliminary" else "present"
    hedge = (record.hedge or "").lower()
    likely = _lay()["certainty"]["likely_words"]
    if hedge in likely or hedge.split(" ")[0] in likely:
        return "likely"
    if hedge in _lay()["certainty"].get("very_suspicious_words", ()):
        return "very_suspicious"  # "highly suspicious for a metastatic deposit"
    if hedge.split(" ")[0] in _lay()["certainty"]["suspicious_words"]:
        return "suspicious"  # "suspicious for a new metastasis" is more than "cannot rule out"
    suggestive = _lay()["certainty"].get("suggestive_words", ())
    if hedge in suggestive or hedge.split(" ")[0] in suggestive:
        return "suggestive"
    return "urgent_uncertain" if record.tier == "urgent" else "uncertain"


def thought_unlikely(record: Record, text: str) -> bool:
    """An uncertain finding the report also calls unlikely ("metastasis is unlikely but cannot
    be excluded"), in the sentence that names it."""
    if record.certainty != "uncertain":
        return False
    words = _lay()["certainty"]["unlikely_words"]
    sentence = _sentence_of(record, text).lower()
    return any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in words)


def _cause_name(record: Record, text: str) -> str | None:
    """ "that the growth presses on the sac of fluid around the nerves", for a pressed finding."""
    entry = _lay()["concepts"][record.concept]
    if not record.cause or not entry.get("pressed"):
        return None
    cause = knowledge.load().concepts.get(record.cause)
    if record.cause != "unexplained" and (cause is None or cause.tier != "urgent"):
        return None  # a disc pressing on a nerve: the finding's own name says it
    causes = _lay()["effects"]["causes"]
    # said apart from its cause (which the report does not state here, or states with another
    # certainty): what presses is not named, so its certainty is not restated
    presses = causes["unexplained" if record.cause == "unexplained" else "other"]
    # a red flag said apart, by the place it is ("the spot in the bone presses on", round 39)
    presses = _lay()["effects"].get("causes_apart", {}).get(record.cause, presses)
    if record.cause == "unexplained":
        # what presses, in the report's plain words ("a lump presses on"), not "something"
        sentence = _sentence_of(record, text)
        for pattern, key in _lay()["effects"].get("unexplained_words", []):
            if re.search(rf"\b(?:{pattern})", sentence, re.IGNORECASE):
                presses = causes[key]
                break
    return f"that {presses} {pressed_target(record)}"


@dataclass(frozen=True)
class Said:
    """The sentences of one statement: the first names the finding; the rest add detail."""

    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _fits(sentences: list[str]) -> bool:
    """Every sentence at grade 8 or below (a template may hold two: "... But the report thinks
    this is unlikely.")."""
    return all(grade(x) <= HARD for s in sentences if s for x in re.split(r"(?<=[.!?])\s+", s) if x)


def say(
    record: Record,
    text: str,
    document: str = "final",
    *,
    with_effect: bool = True,
    place_said: bool = False,
    pressing: tuple[Record, ...] = (),
) -> Said:
    """The record in plain sentences, the shortest form that keeps every detail. `place_said`:
    the place was already put in words in this text, so its code is enough ("at L5-S1").
    `pressing`: findings this one presses on, said in its sentence ("an infection ..., pressing on
    the sac of fluid around the nerves")."""
    lay = _lay()
    key = certainty_key(record, document)
    if key in ("uncertain", "urgent_uncertain") and thought_unlikely(record, text):
        key = "unlikely_uncertain"
        # "considered less likely but cannot be excluded": less likely than the other reading,
        # not unlikely (round 50's GP)
        sentence = _sentence_of(record, text).lower()
        if any(w in sentence for w in lay["certainty"].get("less_likely_words", ())):
            key = "less_likely_uncertain"
    template = lay["certainty"][key]
    # "an area in the bone that needs more tests" carries the report's doubt in its name: "The
    # scan cannot rule out an area ... that needs more tests" says it twice, and reads garbled
    # where the report's doubt is only that it cannot say what the thing is ("indeterminate")
    nature_unknown = lay["concepts"].get(record.concept, {}).get("doubt_in_name") or ()
    if (
        key in ("uncertain", "urgent_uncertain")
        and (record.hedge or "").lower().split(" ")[0] in nature_unknown
        and not cancer_named(record, text)
    ):
        template = lay["certainty"]["present"]
    codes = ", ".join(record.levels)
    if record.certainty == "benign":
        entry = lay["concepts"][record.concept]
        island = entry.get("island_words") and re.search(
            rf"\b(?:{entry['island_words']})\b", _sentence_of(record, text), re.IGNORECASE
        )
        # "not cancer" only for a patient whose report names a cancer they have had: without
        # one, the word brings a fear the report does not raise (docs/domain.md section 4.4)
        named = cancer_named(record, text) and bool(
            knowledge.load().cues["cancer_history"].search(text)
        )
        if benign_break(record):
            return Said((entry["benign_fracture"],))
        if island:
            # "in keeping with a bone island": said by its name, and what that is
            line = entry["benign_island_cancer" if named else "benign_island"]
        else:
            line = entry.get("benign_cancer") if named else None
            line = line or entry["benign"]
        spot = f" at {codes}" if place_said and codes else _place_words(record)
        if record.concept == "malignancy" and not spot.startswith(" in "):
            spot = " in a bone" + spot  # "a spot in a bone", "a spot in a bone at L4"
        # too long to read at several levels: the places by their codes ("... in a bone at L1
        # and L2 ...")
        if grade(line.format(where=spot)) > HARD and record.levels:
            spot = f" in a bone at {join(list(record.levels))}"
        # its size and change as the report gives them ("a 9 mm bone island, unchanged")
        change = _change(record, text)
        more = [f"It {change['sentence']}."] if change else []
        said = [x for x in (size_sentence(record, text),) if x]
        what = [lay["fixed"]["bone_island"]["text"]] if island else []
        return Said((line.format(where=spot), *said, *more, *what))
    cause = _cause_name(record, text)
    spread = widespread(record, text)
    if spread:
        return _say_widespread(record, text, template, spread, pressing)
    name = cause or name_of(record, text, with_effect=with_effect and not pressing)
    side = own_side(record, text)
    if pressing:
        name = f"{name} {side}" if side else name
        side = ""
        name = f"{name}, {pressing_clause(pressing, record.levels, text)}"
    place = f" at {codes}" if place_said and codes else _place_words(record, text)
    place = most_of_all(record, text) or place or place_without_level(record, text)
    beside = place_beside_spine(record, text)
    place = beside + place
    size = size_sentence(record, text)
    grade_line = ""
    number = _grade_number(record)
    if number and not lay["concepts"][record.concept].get("grade"):
        grade_line = f"It is grade {number}."
    sev = severity_word(record)
    if cause and sev:
        grade_line = f"The pressure is {sev}."
    named = f"{name} {side}" if side else name
    change = _change(record, text)
    tail = f", {_change_clause(record, change, name)}" if change else ""
    first = cap(template.format(name=named, where=place + tail))
    # what it presses on keeps its own size ("narrowed by about 50%")
    pressed_sizes = [size_sentence(r, text) for r in pressing if r.sizes]
    own = [s for s in (size, grade_line) if s]
    more = (outside_after(record, text), bone_part(record, text), details(record, text))
    last = [s for s in (*pressed_sizes, *more) if s]
    # a touch the report hedges has a sentence of its own, so its hedge is its alone
    hedged = any(effect_hedge(r) for r in pressing)
    if _fits([first]) and not hedged:
        return Said((first, *own, *last))
    if beside:
        # the muscle in a sentence of its own: "It is in the muscle beside the spine (psoas)."
        shorter = cap(template.format(name=named, where=place.removeprefix(beside) + tail))
        if _fits([shorter]):
            return Said((shorter, f"It is{beside}.", *own, *last))
    after = []
    if pressing:
        # what it presses on in a sentence of its own, after the finding and its place
        bare = f"{name_of(record, text, with_effect=False)} {own_side(record, text)}".strip()
        clause = pressing_clause(pressing, record.levels, text, sentence=True)
        if codes and " at " not in clause:
            clause = f"{clause} at {codes}"
        after = [_pressed_sentence(record, text, clause)]
        if not _fits(after) or hedged:
            # "It is pressing on the nerve on the left at L4-L5. It is also narrowing ...": one
            # thing it acts on to a sentence, while one sentence would be too hard to read
            parts = pressing_clause(pressing, record.levels, text, sentence=True, as_parts=True)
            if codes:  # each its place: two discs may act alike ("It is also narrowing ...")
                parts = [p if " at " in p else f"{p} at {codes}" for p in parts]
            after = [_pressed_sentence(record, text, parts[0])] + [
                _pressed_sentence(
                    record,
                    text,
                    re.sub(r"^(is|are)\b", r"\1 also", re.sub(r"^(puts|put)\b", r"also \1", p)),
                )
                for p in parts[1:]
            ]
        first = cap(template.format(name=bare, where=place + tail))
        if _fits([first]):
            return Said((first, *own, *after, *last))
        named = bare
    # still too long: the place in a sentence of its own, said once. One level: its code after
    # the name, then its words ("... at L4-L5. This is between ..."); several levels: their
    # words and codes after the name ("This is at 2 levels of your lower back (L4-L5, L5).")
    several = len(record.levels) > 1
    at_code = f" at {codes}" if codes and (place_said or not several) else ""
    sentences = [cap(template.format(name=named, where=at_code))]
    if not _fits(sentences) and ", with " in named and not pressing:
        # "an infection of a disc and bone, with a small pocket of pus (abscess)": what comes
        # with it in a sentence of its own (round 33)
        head, extra = named.split(", with ", 1)
        kind = "present" if record.certainty == "present" else certainty_key(record, document)
        with_it = {
            "present": f"It comes with {extra}.",
            "likely": f"It probably also comes with {extra}.",
        }.get(kind, f"The scan may also show {extra}.")
        sentences = [cap(template.format(name=head, where=at_code)), with_it]
    # "moderate narrowing of the spinal canal, the space for the nerves": its words without
    # what they add (lay.yaml concept `appositive`), where the sentence is still too hard
    # (the word list explains the spinal canal)
    appositive = lay["concepts"].get(record.concept, {}).get("appositive")
    if appositive and not _fits(sentences[:1]) and appositive in sentences[0]:
        sentences[0] = sentences[0].replace(appositive, "", 1)
    if beside:
        sentences.append(f"It is{beside}.")
    if codes and not place_said:
        words = _place_words(record).strip()
        if not several:
            words = words.rsplit(" (", 1)[0]
        sentences.append(lay["fixed"]["level_sentence"]["text"].format(where=words))
    if change:
        at = "It"
        sentences.append(f"{at} {change['sentence']}.")
    return Said((*sentences, *own, *after, *last))


def _pressed_sentence(record: Record, text: str, clause: str, at: str = "") -> str:
    """ "It is pressing on ...", or for a tumour in the canal "It reaches into the spinal canal
    and presses on ..." (lay.yaml `grown`)."""
    if not _grown(record, text):
        # "mild disc bulges ... They are touching the sac ...", "bony spurs ... They are ..."
        if many(record, text) or _lay()["concepts"][record.concept].get("plural_only"):
            clause = re.sub(
                r"\bis\b(?= (?:also )?(?:newly |\w+ly )?(?:touching|pressing|narrowing))",
                "are",
                clause,
            )
            clause = re.sub(r"^puts\b", "put", clause)
            return f"They {clause}."
        return f"It {clause}."
    clause = re.sub(r"^is pressing on\b", "presses on", clause)
    clause = re.sub(r"^is touching\b", "touches", clause)
    if not at:
        return f"It reaches into the spinal canal and {clause}."
    return cap(_lay()["grown"]["says"].format(clause=clause, at=at))


def _say_widespread(record, text, template, spread, pressing) -> Said:
    """A finding in many places: its name, then where ("It is in many bones of your ...,
    including T12 and L2."), then what it presses on, with its place: never a count of levels."""
    name = name_of(record, text, with_effect=not pressing)
    side = own_side(record, text)  # "a 9 mm lesion in the right S1 pedicle"
    name = f"{name} {side}" if side else name
    change = _change(record, text)
    tail = f", {_change_clause(record, change, name)}" if change else ""
    sentences = [cap(template.format(name=name, where=tail)), spread]
    if pressing:
        # the place of what it presses on, said once: in the canal at T12-L1, or on the sac there
        at = tuple(dict.fromkeys(lv for r in pressing for lv in r.levels))
        grown = _grown(record, text) and at
        clause = pressing_clause(pressing, (), text, sentence=True)
        where_at = f"At {', '.join(at)}, " if grown else ""
        sentences.append(_pressed_sentence(record, text, clause, where_at))
    own = [s for s in (size_sentence(record, text),) if s]
    pressed_sizes = [size_sentence(r, text) for r in pressing if r.sizes]
    more = (outside_after(record, text), details(record, text))
    return Said((*sentences, *own, *pressed_sizes, *(s for s in more if s)))


def pressed_target(record: Record, *, sided: bool = False) -> str:
    """What a pressed finding names: a nerve as the report names it ("the left S1 nerve"); the
    sac by its plain name, whatever the report's spelling or part of it ("the right side of the
    tehcal sac")."""
    effect = record.effect or ""
    if re.search(r"\b(nerves?|roots?)\b", effect, re.IGNORECASE):
        return effect_words(effect, sided=sided)
    return _lay()["concepts"][record.concept].get("pressed", "a nerve")


def pressing_clause(
    pressed: tuple[Record, ...],
    at: tuple[str, ...] = (),
    text: str | None = None,
    *,
    sentence: bool = False,
    as_parts: bool = False,
):
    """ "pressing on the sac of fluid around the nerves and the left L5 nerve", with a severity
    word where the report gives one ("with severe pressure on ..."); "touching ..." for what the
    report says is only touched ("abutting the thecal sac": touching is not pressing).
    `sentence`: the words after "It" in a sentence of their own ("is pressing on ...", "puts
    mild pressure on ...")."""
    plain, strong, touched, narrowed, hedged_parts, aside = [], [], [], [], [], []
    # "is newly touching": a contact new since the last scan keeps its change in its sentence
    newly = "newly " if any(r.change == "new" and touches(r, text or "") for r in pressed) else ""
    # a nerve before the sac: "touching the S1 nerves and the sac ...", as a reader names them
    nerves = ("nerve_root_contact", "nerve_root_compression")
    for r in sorted(pressed, key=lambda r: r.concept not in nerves):
        entry = _lay()["concepts"][r.concept]
        if entry.get("narrowed"):
            # "encroaching exit neural canals": the openings it narrows, by their plain name
            target = entry["narrowed_plural" if many(r, text) else "narrowed"]
            if r.side:
                target = f"{target} {side_words(r.side)}"
            if r.levels and set(r.levels) != set(at):
                target = f"{target} at {', '.join(r.levels)}"
            narrowed.append((severity_word(r), target))
            continue
        target = pressed_target(r, sided=bool(r.side))
        if r.side:
            target = f"{target} {side_words(r.side)}"
        if r.levels and set(r.levels) != set(at):
            target = f"{target} at {', '.join(r.levels)}"
        sev = severity_word(r)
        touch = text is not None and touches(r, text)
        how = effect_hedge(r)
        if how:  # "is likely touching", "may be pressing on"
            hedged_parts.append((how, "touching" if touch else "pressing on", target))
            continue
        if touch:
            touched.append((sev, target))
            continue
        if not sev and text is not None and pushes_aside(r, text):
            aside.append(target)
            continue
        (strong if sev else plain).append((sev, target))
    parts = []
    be = "is " if sentence else ""
    if touched:
        # "mildly abuts the traversing left L5 nerve root": "is mildly touching the L5 nerve"
        adverbs = _lay()["severity_words"]["as_adverbs"]
        sevs = {sv for sv, _t in touched}
        how = f"{adverbs[next(iter(sevs))]} " if len(sevs) == 1 and None not in sevs else ""
        how = how if how.strip() in adverbs.values() else ""
        parts.append(f"{be}{newly}{how}touching " + join([t for _s, t in touched]))
    for how, verb, target in hedged_parts:  # "likely", "may be"
        hedge = f"{be}likely" if how == "likely" else ("may be" if sentence else "possibly")
        parts.append(f"{hedge} {verb} {target}")
    if aside:  # "displaces the traversing right L5 nerve root"
        parts.append(f"{be}pushing aside " + join(aside))
    if plain:
        parts.append(f"{be}pressing on " + join([t for _s, t in plain]))
    # one severity said once: "puts mild pressure on the nerves on both sides and on the sac"
    by_sev: dict[str, list[str]] = {}
    for sev, target in strong:
        by_sev.setdefault(sev, []).append(target)
    for sev, targets in by_sev.items():
        # "on the L5 nerve and on the sac ..., on the right" once, not after each (syn_473)
        ends = {t.rsplit(" on ", 1)[-1] for t in targets if " on " in t}
        if len(targets) > 1 and len(ends) == 1 and all(" on " in t for t in targets):
            end = ends.pop()
            if end in _lay()["sides"].values() or f"on {end}" in _lay()["sides"].values():
                targets = [t.rsplit(" on ", 1)[0] for t in targets]
                targets[-1] = f"{targets[-1]} on {end}"
        on = join(targets[:1] + [f"on {t}" for t in targets[1:]])
        parts.append(f"puts {sev} pressure on {on}" if sentence else f"with {sev} pressure on {on}")
    adverbs = _lay()["severity_words"]["as_adverbs"]
    for sev, target in narrowed:
        adverb = f"{adverbs[sev]} " if sev in adverbs else ""
        parts.append(f"{be}{adverb}narrowing {target}")
    return parts if as_parts else join(parts)


def item(record: Record, text: str, *, with_effect: bool = True, with_place: bool = False) -> Said:
    """The record as a list item ('- a mild disc bulge on the left'), with its size and change
    after it; `with_place` adds its level (the minor list, which is not under a level)."""
    name = name_of(record, text, with_effect=with_effect)
    side = own_side(record, text)
    change = _change(record, text)
    hedge = {
        "likely": "likely ",
        "uncertain": "possibly ",
        "urgent_uncertain": "possibly ",
        "suspicious": "possibly ",
    }
    prefix = hedge.get(certainty_key(record), "")
    words = prefix + (f"{name} {side}" if side else name)
    with_place = with_place and not outside_has_no_level(record, text)
    place = (_place_words(record, text) or place_without_level(record, text)) if with_place else ""
    tail = f", {_change_clause(record, change, name)}" if change else ""
    more = (size_sentence(record, text), bone_part(record, text), details(record, text))
    extra = [s for s in more if s]
    number = _grade_number(record)
    if number and not _lay()["concepts"][record.concept].get("grade"):
        extra.append(f"It is grade {number}.")
    if _fits([words + place + tail]):
        return Said(_stop(words + place + tail, extra))
    more = [f"It {change['sentence']}."] if change else []
    if place and record.levels:
        words = f"{words} at {', '.join(record.levels)}"
    return Said(_stop(words, more + extra))


def _stop(first: str, rest: list[str]) -> tuple[str, ...]:
    """A list item followed by sentences ends with a full stop."""
    return (first + "." if rest else first, *rest)
