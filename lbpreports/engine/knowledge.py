"""The engine's knowledge: YAML files shipped in `engine/data`, loaded once and validated.

Every file is read through small `from_dict` functions that reject unknown keys and name the file
and entry in their errors, so that a clinician editing wording gets a clear message, not a crash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import yaml

DATA_FILES = (
    "concepts.yaml",
    "context.yaml",
    "sections.yaml",
    "flags.yaml",
    "normals.yaml",
    "danger.yaml",
    "attributes.yaml",
    "levels.yaml",
    "lay.yaml",
    "prevalence.yaml",
    "document.yaml",
    "facts.yaml",
    "cues.yaml",
)

TIERS = ("urgent", "discuss", "common", "minor")
ASSERTIONS = ("present", "negated", "uncertain", "historical")
CATEGORIES = (
    "negated",
    "uncertain",
    "benign",
    "historical",
    "hypothetical",
    "pseudo",
    "terminate",
    "stated",
)
UNDIRECTED = ("pseudo", "terminate", "stated")
DIRECTIONS = ("forward", "backward")
SECTION_NAMES = (
    "history",
    "technique",
    "comparison",
    "findings",
    "impression",
    "comment",
    "furniture",
)
FLAG_KINDS = (
    "causal_claim",
    "treatment_advice",
    "recommendation",
    "hedge",
    "normal_for_age",
    "limitation",
)


DOCUMENT_KEYS = {
    "preliminary",
    "final_overrides",
    "addendum",
    "letter_min_cues",
    "letter_cues",
    "report_headings",
    "imaging_line",
    "imaging_run_ends",
    "furniture_max_words",
    "furniture_long",
    "furniture_never",
    "furniture",
    "furniture_whole",
    "normal",
    "not_normal",
    "unlent",
    "positioned",
}


class KnowledgeError(ValueError):
    """The knowledge files are malformed; the message names the file and the entry."""


def _check_keys(entry: dict, allowed: set[str], required: set[str], where: str) -> None:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{where}: expected a mapping, got {type(entry).__name__}")
    unknown = set(entry) - allowed
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}")
    missing = required - set(entry)
    if missing:
        raise KnowledgeError(f"{where}: missing key(s) {sorted(missing)}")


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise KnowledgeError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


@dataclass(frozen=True)
class Term:
    concept: str
    pattern: str
    assertion: str | None = None
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    id: str
    tier: str
    prevalence: str | None
    terms: tuple[Term, ...]
    requires: tuple[str, ...]
    unless: tuple[str, ...]
    overrides: tuple[str, ...]
    examples: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Relation:
    id: str
    anchors: tuple[str, ...]
    cues: tuple[tuple[str, tuple[str, ...]], ...]  # (concept, patterns)


@dataclass(frozen=True)
class Trigger:
    id: str
    category: str
    direction: str | None
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Test:
    id: str
    words: str | None
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class SizeRules:
    units: dict[str, str]  # word as written (lower case) -> mm, cm or %
    approximate: tuple[str, ...]
    not_after: tuple[str, ...]
    measure_words: tuple[str, ...]
    before_gap: int
    after_gap: int
    characterised_by: tuple[str, ...] = ()
    measured_structures: tuple[str, ...] = ()
    opening_words: int = 0
    part_words: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    earlier_words: tuple[str, ...] = ()
    earlier_after: tuple[str, ...] = ()
    earlier_past: tuple[str, ...] = ()
    earlier_when: tuple[str, ...] = ()
    dynamic_views: tuple[str, ...] = ()
    seldom_measured: tuple[str, ...] = ()
    structure_of: dict[str, str] = field(default_factory=dict)
    structure_measure_words: tuple[str, ...] = ()
    label_after: tuple[str, ...] = ()
    # "with up to 3 mm displacement of the distal fragment": the break's measure
    fracture_after: tuple[str, ...] = ()
    # "with 7 mm of caudal migration": a displaced disc's measure
    disc_after: tuple[str, ...] = ()
    # "a 6 mm caudally migrated component": a word that may stand between the size and those
    after_between: tuple[str, ...] = ()
    # "fractures, with a small intramuscular hematoma measuring 3.4 x 2.1 cm": a thing named
    # between a finding and a size owns the size
    owner_nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeRule:
    pattern: str
    value: str
    direction: str  # forward, backward, both


@dataclass(frozen=True)
class CauseRules:
    causes: frozenset[str]
    effects: frozenset[str]
    need_causal_link: frozenset[str]
    links: tuple[str, ...]
    causal_links: tuple[str, ...]
    by_words: tuple[str, ...]
    by_lead_words: tuple[str, ...]
    verb_endings: tuple[str, ...]
    unexplained: tuple[str, ...]
    effect_words: tuple[str, ...]
    raise_tier: frozenset[str]
    side_on_structure: frozenset[str]
    lead_words: tuple[str, ...]
    back_words: tuple[str, ...]
    # a noun that opens a sentence naming a finding of the sentence before by another word ("The
    # fragment compresses ..." after "a sequestered fragment")
    back_nouns: dict[str, tuple[str, ...]]
    window: int
    severity_tier: dict[str, dict[str, str]]


@dataclass(frozen=True)
class AttributeExample:
    text: str
    expect: tuple[dict, ...]  # each: concept and the fields it must have


@dataclass(frozen=True)
class Knowledge:
    concepts: dict[str, Concept]
    relations: tuple[Relation, ...]
    triggers: tuple[Trigger, ...]
    context_examples: tuple[tuple[str, str, str], ...]
    lists: dict
    benign: dict
    one_reading: tuple[str, ...]
    sections: dict[str, tuple[str, ...]]
    history_words: tuple[str, ...]
    title_words: frozenset[str]
    findings_words: tuple[str, ...]
    technique_words: tuple[str, ...]
    flags: dict[str, tuple[str, ...]]
    recommendation_words: tuple[str, ...]
    always_recommendation: tuple[str, ...]
    tests: tuple[Test, ...]
    normals: tuple[str, ...]
    danger: tuple[str, ...]
    severity: tuple[tuple[str, str], ...]
    grades: dict[str, str]
    side: tuple[tuple[str, str], ...]
    zone: tuple[tuple[str, str], ...]
    side_after: tuple[tuple[str, str], ...] = ()
    side_modifiers: frozenset[str] = frozenset()
    side_shared: frozenset[str] = frozenset()
    side_focus: frozenset[str] = frozenset()
    side_after_passes: frozenset[str] = frozenset()
    side_from_sentence: frozenset[str] = frozenset()
    # a side inside a finding's own word ("levoscoliosis"): (regular expression, side)
    side_in_word: tuple[tuple[str, str], ...] = ()
    # a finding's words whose severity word grades a part of it ("minimal retropulsion")
    ungraded_terms: frozenset[str] = frozenset()
    # words that say how hard a finding is to see, never how bad it is, by concept ("a subtle
    # undisplaced fracture" is no "very mild break")
    not_severity: dict[str, frozenset[str]] = field(default_factory=dict)
    size: SizeRules | None = None
    change: tuple[ChangeRule, ...] = ()
    cause: CauseRules | None = None
    attribute_examples: tuple[AttributeExample, ...] = ()
    levels: dict = field(default_factory=dict)
    lay: dict = field(default_factory=dict)
    prevalence: dict = field(default_factory=dict)
    document: dict = field(default_factory=dict)  # document.yaml, compiled by document.py
    cues: dict[str, re.Pattern] = field(default_factory=dict)  # cues.yaml, compiled
    cue_examples: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    sha256: str = ""


def _term(concept_id: str, raw, where: str) -> Term:
    if isinstance(raw, str):
        return Term(concept=concept_id, pattern=raw)
    _check_keys(raw, {"pattern", "assertion", "requires", "unless"}, {"pattern"}, where)
    assertion = raw.get("assertion")
    if assertion is not None and assertion not in ASSERTIONS:
        raise KnowledgeError(f"{where}: assertion {assertion!r} is not one of {ASSERTIONS}")
    return Term(
        concept=concept_id,
        pattern=raw["pattern"],
        assertion=assertion,
        requires=_strings(raw.get("requires"), where + ".requires"),
        unless=_strings(raw.get("unless"), where + ".unless"),
    )


def concept_from_dict(entry: dict, where: str) -> Concept:
    if isinstance(entry, dict) and "id" in entry:
        where = f"{where} ({entry['id']})"
    _check_keys(
        entry,
        {"id", "tier", "prevalence", "terms", "requires", "unless", "overrides", "examples"},
        {"id", "tier", "terms"},
        where,
    )
    cid = entry["id"]
    if entry["tier"] not in TIERS:
        raise KnowledgeError(f"{where}: tier {entry['tier']!r} is not one of {TIERS}")
    terms = tuple(
        _term(cid, raw, f"{where}.terms[{i}]") for i, raw in enumerate(entry["terms"] or [])
    )
    examples = []
    for i, example in enumerate(entry.get("examples") or []):
        if (
            not isinstance(example, list)
            or len(example) != 2
            or not isinstance(example[1], list)
            or len(example[1]) != 2
        ):
            raise KnowledgeError(
                f"{where}.examples[{i}]: expected [sentence, [concept, assertion]]"
            )
        examples.append((example[0], example[1][0], example[1][1]))
    return Concept(
        id=cid,
        tier=entry["tier"],
        prevalence=entry.get("prevalence"),
        terms=terms,
        requires=_strings(entry.get("requires"), where + ".requires"),
        unless=_strings(entry.get("unless"), where + ".unless"),
        overrides=_strings(entry.get("overrides"), where + ".overrides"),
        examples=tuple(examples),
    )


def relation_from_dict(entry: dict, where: str) -> Relation:
    _check_keys(entry, {"id", "anchors", "cues"}, {"id", "anchors", "cues"}, where)
    where = f"{where} ({entry['id']})"
    if not isinstance(entry["cues"], dict) or not entry["cues"]:
        raise KnowledgeError(f"{where}.cues: expected a mapping of concept id to patterns")
    cues = tuple(
        (concept, _strings(patterns, f"{where}.cues.{concept}"))
        for concept, patterns in entry["cues"].items()
    )
    return Relation(
        id=entry["id"], anchors=_strings(entry["anchors"], where + ".anchors"), cues=cues
    )


def trigger_from_dict(entry: dict, where: str) -> Trigger:
    _check_keys(entry, {"id", "category", "direction", "patterns"}, {"id", "category"}, where)
    where = f"{where} ({entry['id']})"
    if not isinstance(entry["id"], str):  # `id: no` is YAML's False: quote it
        raise KnowledgeError(f"{where}: id must be a string (quote it)")
    category = entry["category"]
    if category not in CATEGORIES:
        raise KnowledgeError(f"{where}: category {category!r} is not one of {CATEGORIES}")
    direction = entry.get("direction")
    if category in UNDIRECTED:
        if direction is not None:
            raise KnowledgeError(f"{where}: a {category} trigger has no direction")
    elif direction not in DIRECTIONS:
        raise KnowledgeError(f"{where}: direction must be one of {DIRECTIONS}")
    return Trigger(
        id=entry["id"],
        category=category,
        direction=direction,
        patterns=_strings(entry.get("patterns"), where + ".patterns"),
    )


def _valued(entries, where: str) -> tuple[tuple[str, str], ...]:
    out = []
    for i, entry in enumerate(entries or []):
        _check_keys(entry, {"pattern", "value"}, {"pattern", "value"}, f"{where}[{i}]")
        out.append((entry["pattern"], entry["value"]))
    return tuple(out)


CHANGES = ("new", "unchanged", "larger", "smaller", "resolved")
CHANGE_DIRECTIONS = ("forward", "backward", "both")
SIZE_UNITS = ("mm", "cm", "%")
EXAMPLE_FIELDS = {
    "concept",
    "assertion",
    "side",
    "size",
    "change",
    "cause",
    "effect",
    "tier",
    "emergency",
}


def size_from_dict(entry: dict, where: str) -> SizeRules:
    keys = {"units", "approximate", "not_after", "measure_words", "before_gap", "after_gap"}
    optional = {
        "characterised_by",
        "measured_structures",
        "opening_words",
        "part_words",
        "part_of",
        "earlier_words",
        "earlier_after",
        "earlier_past",
        "earlier_when",
        "dynamic_views",
        "seldom_measured",
        "structure_of",
        "structure_measure_words",
        "label_after",
        "fracture_after",
        "disc_after",
        "after_between",
        "owner_nouns",
    }
    _check_keys(entry, keys | optional, keys, where)
    units: dict[str, str] = {}
    for unit, words in entry["units"].items():
        if unit not in SIZE_UNITS:
            raise KnowledgeError(f"{where}.units: {unit!r} is not one of {SIZE_UNITS}")
        for word in _strings(words, f"{where}.units.{unit}"):
            units[word.lower()] = unit
    return SizeRules(
        units=units,
        approximate=_strings(entry["approximate"], where + ".approximate"),
        not_after=_strings(entry["not_after"], where + ".not_after"),
        measure_words=_strings(entry["measure_words"], where + ".measure_words"),
        before_gap=int(entry["before_gap"]),
        after_gap=int(entry["after_gap"]),
        characterised_by=_strings(entry.get("characterised_by"), where + ".characterised_by"),
        measured_structures=_strings(
            entry.get("measured_structures"), where + ".measured_structures"
        ),
        opening_words=int(entry.get("opening_words", 0)),
        part_words=_strings(entry.get("part_words"), where + ".part_words"),
        part_of=_strings(entry.get("part_of"), where + ".part_of"),
        earlier_words=_strings(entry.get("earlier_words"), where + ".earlier_words"),
        earlier_after=_strings(entry.get("earlier_after"), where + ".earlier_after"),
        earlier_past=_strings(entry.get("earlier_past"), where + ".earlier_past"),
        earlier_when=_strings(entry.get("earlier_when"), where + ".earlier_when"),
        dynamic_views=_strings(entry.get("dynamic_views"), where + ".dynamic_views"),
        seldom_measured=_strings(entry.get("seldom_measured"), where + ".seldom_measured"),
        structure_of=dict(entry.get("structure_of") or {}),
        structure_measure_words=_strings(
            entry.get("structure_measure_words"), where + ".structure_measure_words"
        ),
        label_after=_strings(entry.get("label_after"), where + ".label_after"),
        fracture_after=_strings(entry.get("fracture_after"), where + ".fracture_after"),
        disc_after=_strings(entry.get("disc_after"), where + ".disc_after"),
        after_between=_strings(entry.get("after_between"), where + ".after_between"),
        owner_nouns=_strings(entry.get("owner_nouns"), where + ".owner_nouns"),
    )


def change_from_dict(entry: dict, where: str) -> ChangeRule:
    _check_keys(entry, {"pattern", "value", "direction"}, {"pattern", "value", "direction"}, where)
    if entry["value"] not in CHANGES + ("none",):  # none: looks like a change, is not one
        raise KnowledgeError(f"{where}: change {entry['value']!r} is not one of {CHANGES}")
    if entry["direction"] not in CHANGE_DIRECTIONS:
        raise KnowledgeError(f"{where}: direction must be one of {CHANGE_DIRECTIONS}")
    return ChangeRule(entry["pattern"], entry["value"], entry["direction"])


def cause_from_dict(entry: dict, where: str) -> CauseRules:
    keys = {
        "causes",
        "effects",
        "need_causal_link",
        "links",
        "causal_links",
        "by_words",
        "by_lead_words",
        "verb_endings",
        "unexplained",
        "effect_words",
        "raise_tier",
        "side_on_structure",
        "lead_words",
        "back_words",
        "window",
        "severity_tier",
    }
    _check_keys(entry, keys | {"back_nouns"}, keys, where)
    return CauseRules(
        causes=frozenset(_strings(entry["causes"], where + ".causes")),
        effects=frozenset(_strings(entry["effects"], where + ".effects")),
        need_causal_link=frozenset(_strings(entry["need_causal_link"], where + ".need_link")),
        links=_strings(entry["links"], where + ".links"),
        causal_links=_strings(entry["causal_links"], where + ".causal_links"),
        by_words=_strings(entry["by_words"], where + ".by_words"),
        by_lead_words=_strings(entry["by_lead_words"], where + ".by_lead_words"),
        verb_endings=_strings(entry["verb_endings"], where + ".verb_endings"),
        unexplained=_strings(entry["unexplained"], where + ".unexplained"),
        effect_words=_strings(entry["effect_words"], where + ".effect_words"),
        raise_tier=frozenset(_strings(entry["raise_tier"], where + ".raise_tier")),
        side_on_structure=frozenset(_strings(entry["side_on_structure"], where + ".side_on")),
        lead_words=_strings(entry["lead_words"], where + ".lead_words"),
        back_words=_strings(entry["back_words"], where + ".back_words"),
        back_nouns={
            str(k): _strings(v, f"{where}.back_nouns.{k}")
            for k, v in (entry.get("back_nouns") or {}).items()
        },
        window=int(entry["window"]),
        severity_tier={k: dict(v) for k, v in (entry["severity_tier"] or {}).items()},
    )


def attribute_example_from_dict(entry: dict, where: str) -> AttributeExample:
    _check_keys(entry, {"text", "expect"}, {"text", "expect"}, where)
    expect = []
    for i, item in enumerate(entry["expect"] or []):
        _check_keys(item, EXAMPLE_FIELDS, {"concept"}, f"{where}.expect[{i}]")
        expect.append(dict(item))
    if not expect:
        raise KnowledgeError(f"{where}: an example expects at least one finding")
    return AttributeExample(entry["text"], tuple(expect))


def _read(name: str) -> tuple[dict, bytes]:
    raw = files("lbpreports.engine.data").joinpath(name).read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{name}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{name}: expected a mapping at the top")
    return data, raw


def data_sha256() -> str:
    """Hash of all knowledge files, so a patient text can be traced to the rules that wrote it."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(files("lbpreports.engine.data").joinpath(name).read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load() -> Knowledge:
    concepts_data, _ = _read("concepts.yaml")
    _check_keys(
        concepts_data, {"concepts", "relations"}, {"concepts", "relations"}, "concepts.yaml"
    )
    concepts: dict[str, Concept] = {}
    for i, entry in enumerate(concepts_data["concepts"]):
        concept = concept_from_dict(entry, f"concepts.yaml concepts[{i}]")
        if concept.id in concepts:
            raise KnowledgeError(f"concepts.yaml: concept {concept.id!r} is defined twice")
        concepts[concept.id] = concept
    relations = tuple(
        relation_from_dict(entry, f"concepts.yaml relations[{i}]")
        for i, entry in enumerate(concepts_data["relations"])
    )

    context, _ = _read("context.yaml")
    _check_keys(
        context,
        {"triggers", "lists", "benign", "one_reading", "examples"},
        {"triggers"},
        "context.yaml",
    )
    lists = context.get("lists") or {}
    _check_keys(
        lists,
        {
            "crossed",
            "relation_crossed",
            "backward_crossed",
            "closers",
            "joiners",
            "negatable_hedges",
            "item_only",
        },
        set(),
        "context.yaml lists",
    )
    benign = context.get("benign") or {}
    _check_keys(
        benign,
        {"negates", "no_effect", "kept_open_by", "kept_open_by_tests", "closed_by", "explained_by"},
        set(),
        "context.yaml benign",
    )
    triggers = tuple(
        trigger_from_dict(entry, f"context.yaml triggers[{i}]")
        for i, entry in enumerate(context["triggers"])
    )
    context_examples = tuple(tuple(example) for example in context.get("examples") or [])

    sections, _ = _read("sections.yaml")
    _check_keys(
        sections,
        {"sections", "history_words", "title_words", "findings_words", "technique_words"},
        {"sections", "history_words", "title_words", "findings_words", "technique_words"},
        "sections.yaml",
    )
    section_words = {
        name: _strings(words, f"sections.yaml sections.{name}")
        for name, words in sections["sections"].items()
    }
    unknown_sections = set(section_words) - set(SECTION_NAMES)
    if unknown_sections:
        raise KnowledgeError(f"sections.yaml: unknown section names {sorted(unknown_sections)}")

    flags, _ = _read("flags.yaml")
    flag_keys = {
        "flags",
        "recommendation_words",
        "always_recommendation",
        "normal_for_age",
        "limitation",
        "tests",
    }
    _check_keys(flags, flag_keys, flag_keys, "flags.yaml")
    _check_keys(flags["flags"], {"causal_claim", "treatment_advice"}, set(), "flags.yaml flags")
    flag_patterns = {
        kind: _strings(patterns, f"flags.yaml flags.{kind}")
        for kind, patterns in flags["flags"].items()
    }
    flag_patterns["normal_for_age"] = _strings(flags["normal_for_age"], "flags.yaml normal_for_age")
    flag_patterns["limitation"] = _strings(flags["limitation"], "flags.yaml limitation")
    tests = []
    for i, entry in enumerate(flags["tests"]):
        where = f"flags.yaml tests[{i}]"
        _check_keys(entry, {"id", "words", "patterns"}, {"id", "words", "patterns"}, where)
        tests.append(Test(entry["id"], entry["words"], _strings(entry["patterns"], where)))

    normals, _ = _read("normals.yaml")
    _check_keys(normals, {"normals"}, {"normals"}, "normals.yaml")
    danger, _ = _read("danger.yaml")
    _check_keys(danger, {"danger"}, {"danger"}, "danger.yaml")
    attributes, _ = _read("attributes.yaml")
    _check_keys(
        attributes,
        {
            "severity",
            "grades",
            "side",
            "zone",
            "size",
            "change",
            "cause",
            "examples",
            "side_after",
            "side_modifiers",
            "side_shared",
            "side_focus",
            "side_after_passes",
            "side_from_sentence",
            "side_in_word",
            "ungraded_terms",
            "not_severity",
        },
        {"severity", "grades", "side", "zone", "size", "change", "cause"},
        "attributes.yaml",
    )
    levels, _ = _read("levels.yaml")
    _check_keys(
        levels,
        {
            "regions",
            "region_aliases",
            "vertebra",
            "pair_joiners",
            "range_words",
            "no_level_words",
            "vertebral_concepts",
            "continuation_words",
            "recess_vertebra",
            "no_level_concepts",
            "not_lent",
            "diffuse_no_level",
            "region_no_level",
        },
        {"regions", "vertebra", "no_level_words"},
        "levels.yaml",
    )

    lay, _ = _read("lay.yaml")
    _check_keys(
        lay,
        {
            "conditions",
            "sources",
            "regions",
            "modality",
            "body_part",
            "headings",
            "certainty",
            "fixed",
            "prevalence",
            "concepts",
            "glossary",
            "us_spelling",
            "checker",
            "disc_group",
            "sides",
            "side_reach",
            "severity_words",
            "change",
            "effects",
            "normal_structures",
            "own_terms",
            "outside",
            "benign_lesions",
            "same_disc",
            "ruled_out_qualifiers",
            "in_bone",
            "places_without_level",
            "places_beside_spine",
            "details",
            "bone_parts",
            "widespread",
            "grown",
            "surgery_problems",
            "spine_concepts",
            "ruled_out",
            "ruled_out_if_raised",
            "test_conditions",
            "described",
            "netting",
            "alternatives",
            "gone",
            "teams",
            "within_discs",
        },
        {
            "sources",
            "regions",
            "headings",
            "certainty",
            "fixed",
            "prevalence",
            "concepts",
            "glossary",
        },
        "lay.yaml",
    )
    missing_lay = set(concepts) - set(lay["concepts"])
    if missing_lay:
        raise KnowledgeError(f"lay.yaml: no lay name for {sorted(missing_lay)}")
    prevalence, _ = _read("prevalence.yaml")
    _check_keys(
        prevalence,
        {"source", "ages", "rows", "plural"},
        {"source", "ages", "rows"},
        "prevalence.yaml",
    )
    for row_id, row in prevalence["rows"].items():
        where = f"prevalence.yaml rows.{row_id}"
        _check_keys(row, {"label", "percent", "min_age"}, {"label", "percent"}, where)
        if row_id not in concepts:
            raise KnowledgeError(f"{where}: unknown concept")
        if len(row["percent"]) != len(prevalence["ages"]):
            raise KnowledgeError(f"{where}: one percent per age column is needed")

    cues_data, _ = _read("cues.yaml")
    _check_keys(cues_data, {"cues"}, {"cues"}, "cues.yaml")
    cues = cues_data["cues"]
    for name, cue in cues.items():
        where = f"cues.yaml cues.{name}"
        keys = {"where", "pattern", "finds", "misses"}
        _check_keys(cue, keys, keys, where)
        try:
            re.compile(cue["pattern"])
        except re.error as error:
            raise KnowledgeError(f"{where}: bad pattern: {error}") from None
    document, _ = _read("document.yaml")
    _check_keys(document, DOCUMENT_KEYS, DOCUMENT_KEYS, "document.yaml")

    return Knowledge(
        concepts=concepts,
        relations=relations,
        triggers=triggers,
        context_examples=context_examples,
        lists={k: _strings(v, f"context.yaml lists.{k}") for k, v in lists.items()},
        benign={k: _strings(v, f"context.yaml benign.{k}") for k, v in benign.items()},
        one_reading=_strings(context.get("one_reading"), "context.yaml one_reading"),
        sections=section_words,
        history_words=_strings(sections["history_words"], "sections.yaml history_words"),
        title_words=frozenset(_strings(sections["title_words"], "sections.yaml title_words")),
        findings_words=_strings(sections["findings_words"], "sections.yaml findings_words"),
        technique_words=_strings(sections["technique_words"], "sections.yaml technique_words"),
        flags=flag_patterns,
        recommendation_words=_strings(flags["recommendation_words"], "flags.yaml"),
        always_recommendation=_strings(flags["always_recommendation"], "flags.yaml"),
        tests=tuple(tests),
        normals=_strings(normals["normals"], "normals.yaml normals"),
        danger=_strings(danger["danger"], "danger.yaml danger"),
        severity=_valued(attributes["severity"], "attributes.yaml severity"),
        grades={str(k).lower(): v for k, v in attributes["grades"].items()},
        side=_valued(attributes["side"], "attributes.yaml side"),
        zone=_valued(attributes["zone"], "attributes.yaml zone"),
        side_after=_valued(attributes.get("side_after"), "attributes.yaml side_after"),
        side_modifiers=frozenset(
            _strings(attributes.get("side_modifiers"), "attributes.yaml side_modifiers")
        ),
        side_shared=frozenset(
            _strings(attributes.get("side_shared"), "attributes.yaml side_shared")
        ),
        side_focus=frozenset(_strings(attributes.get("side_focus"), "attributes.yaml side_focus")),
        ungraded_terms=frozenset(
            _strings(attributes.get("ungraded_terms"), "attributes.yaml ungraded_terms")
        ),
        not_severity={
            concept: frozenset(_strings(words, "attributes.yaml not_severity"))
            for concept, words in (attributes.get("not_severity") or {}).items()
        },
        side_after_passes=frozenset(
            _strings(attributes.get("side_after_passes"), "attributes.yaml side_after_passes")
        ),
        side_from_sentence=frozenset(
            _strings(attributes.get("side_from_sentence"), "attributes.yaml side_from_sentence")
        ),
        side_in_word=tuple(
            (str(k), str(v)) for k, v in (attributes.get("side_in_word") or {}).items()
        ),
        size=size_from_dict(attributes["size"], "attributes.yaml size"),
        change=tuple(
            change_from_dict(entry, f"attributes.yaml change[{i}]")
            for i, entry in enumerate(attributes["change"])
        ),
        cause=cause_from_dict(attributes["cause"], "attributes.yaml cause"),
        attribute_examples=tuple(
            attribute_example_from_dict(entry, f"attributes.yaml examples[{i}]")
            for i, entry in enumerate(attributes.get("examples") or [])
        ),
        levels=levels,
        lay=lay,
        prevalence=prevalence,
        document=document,
        cues={name: re.compile(c["pattern"], re.IGNORECASE) for name, c in cues.items()},
        cue_examples={name: (tuple(c["finds"]), tuple(c["misses"])) for name, c in cues.items()},
        sha256=data_sha256(),
    )


# docs/domain.md section 5: every id must be defined, with this tier.
VOCABULARY = {
    "disc_degeneration": "common",
    "disc_desiccation": "common",
    "disc_height_loss": "common",
    "disc_bulge": "common",
    "disc_protrusion": "common",
    "annular_fissure": "common",
    "facet_arthropathy": "common",
    "spondylolisthesis": "common",
    "spondylosis": "common",
    "osteophyte": "common",
    "endplate_change": "minor",
    "modic_change": "common",
    "schmorl_node": "minor",
    "vacuum_phenomenon": "minor",
    "ligamentum_flavum_hypertrophy": "common",
    "lordosis_change": "minor",
    "muscle_spasm": "minor",
    "scoliosis": "minor",
    "transitional_vertebra": "minor",
    "haemangioma": "minor",
    "perineural_cyst": "minor",
    "thecal_sac_indentation": "minor",
    "disc_herniation": "discuss",
    "disc_extrusion": "discuss",
    "disc_sequestration": "discuss",
    "canal_stenosis": "discuss",
    "lateral_recess_stenosis": "discuss",
    "foraminal_stenosis": "discuss",
    "nerve_root_contact": "discuss",
    "nerve_root_compression": "discuss",
    "spondylolysis": "discuss",
    "synovial_cyst": "discuss",
    "scheuermann_disease": "minor",
    "postoperative_change": "minor",
    "incidental_finding": "minor",
    "extraspinal_mass": "discuss",
    "aortic_aneurysm": "urgent",
    "fracture": "urgent",
    "malignancy": "urgent",
    "infection": "urgent",
    "cauda_equina_compression": "urgent",
    "epidural_haematoma": "urgent",
    "sacroiliitis": "urgent",
}


def validate() -> list[str]:
    """Problems with the knowledge beyond what loading checks; [] when all is well.

    Loading already rejects unknown keys, bad tiers and categories, duplicate ids. Here: every id
    of docs/domain.md present with its tier, overrides naming real ids, no pattern written twice
    (one entry would shadow the other), every example naming a real id, and every pattern compiling.
    """
    from . import pipeline

    kb = load()
    problems = []
    for concept_id, tier in VOCABULARY.items():
        concept = kb.concepts.get(concept_id)
        if concept is None:
            problems.append(f"concepts.yaml: docs/domain.md concept {concept_id!r} is missing")
        elif concept.tier != tier:
            problems.append(
                f"concepts.yaml: {concept_id} has tier {concept.tier}, DOMAIN says {tier}"
            )
    for name, (finds, misses) in kb.cue_examples.items():
        for text in finds:
            if not kb.cues[name].search(text):
                problems.append(f"cues.yaml {name}: does not find its example {text!r}")
        for text in misses:
            if kb.cues[name].search(text):
                problems.append(f"cues.yaml {name}: finds its look-alike {text!r}")
    seen: dict[str, str] = {}
    for concept in kb.concepts.values():
        for other in concept.overrides:
            if other not in kb.concepts:
                problems.append(f"concepts.yaml {concept.id}: overrides unknown concept {other!r}")
        for term in concept.terms:
            if term.pattern in seen and not (term.requires or term.unless):
                problems.append(
                    f"concepts.yaml: pattern {term.pattern!r} is in {seen[term.pattern]} "
                    f"and {concept.id}; one shadows the other"
                )
            seen.setdefault(term.pattern, concept.id)
        for _sentence, example_concept, assertion in concept.examples:
            if example_concept not in kb.concepts:
                problems.append(f"concepts.yaml {concept.id}: example names {example_concept!r}")
            if assertion not in ASSERTIONS:
                problems.append(f"concepts.yaml {concept.id}: example assertion {assertion!r}")
    problems.extend(_attribute_problems(kb))
    trigger_seen: dict[str, str] = {}
    for trigger in kb.triggers:
        for pattern in trigger.patterns:
            key = f"{trigger.category}/{trigger.direction}:{pattern}"
            if key in trigger_seen:
                problems.append(
                    f"context.yaml: pattern {pattern!r} is in {trigger_seen[key]} and {trigger.id}"
                )
            trigger_seen[key] = trigger.id
    trigger_ids = {t.id for t in kb.triggers}
    for key in ("crossed", "relation_crossed", "negatable_hedges", "item_only"):
        for name in kb.lists.get(key, ()):
            if name not in trigger_ids:
                problems.append(f"context.yaml lists.{key}: unknown trigger {name!r}")
    for key in ("no_effect", "kept_open_by"):
        for name in kb.benign.get(key, ()):
            if name not in trigger_ids:
                problems.append(f"context.yaml benign.{key}: unknown trigger {name!r}")
    for name in kb.one_reading:
        if name not in kb.concepts:
            problems.append(f"context.yaml one_reading: unknown concept {name!r}")
    for name in kb.benign.get("explained_by", ()):
        if name not in kb.concepts or kb.concepts[name].tier == "urgent":
            problems.append(f"context.yaml benign.explained_by: not a benign concept {name!r}")
    for name in kb.benign.get("negates", ()):
        if name not in kb.concepts:
            problems.append(f"context.yaml benign.negates: unknown concept {name!r}")
        elif kb.concepts[name].tier != "urgent" or name == "fracture":
            problems.append(f"context.yaml benign.negates: {name} may not be negated this way")
    test_ids = {t.id for t in kb.tests}
    for name in kb.benign.get("kept_open_by_tests", ()):
        if name not in test_ids:
            problems.append(f"context.yaml benign.kept_open_by_tests: unknown test {name!r}")
    try:
        pipeline.matchers()
    except KnowledgeError as error:
        problems.append(str(error))
    try:
        from . import document

        document.rules()
    except KnowledgeError as error:
        problems.append(str(error))
    problems.extend(lay_problems())
    from . import facts

    problems.extend(facts.problems())
    return problems


def _attribute_problems(kb: Knowledge) -> list[str]:
    problems = []
    cause = kb.cause
    named = set(cause.causes) | set(cause.effects) | set(cause.need_causal_link)
    named |= set(cause.raise_tier) | set(cause.side_on_structure) | set(kb.side_shared)
    named |= set(kb.side_after_passes) | set(kb.side_from_sentence)
    for concept_id in sorted(named - set(kb.concepts)):
        problems.append(f"attributes.yaml cause: unknown concept {concept_id!r}")
    for concept_id in sorted(set(cause.need_causal_link) - set(cause.effects)):
        problems.append(f"attributes.yaml cause.need_causal_link: {concept_id} is not an effect")
    for concept_id, by_severity in cause.severity_tier.items():
        if concept_id not in kb.concepts:
            problems.append(f"attributes.yaml cause.severity_tier: unknown concept {concept_id!r}")
        for tier in by_severity.values():
            if tier not in TIERS:
                problems.append(f"attributes.yaml cause.severity_tier.{concept_id}: tier {tier!r}")
    for i, example in enumerate(kb.attribute_examples):
        for item in example.expect:
            if item["concept"] not in kb.concepts:
                problems.append(
                    f"attributes.yaml examples[{i}]: unknown concept {item['concept']!r}"
                )
            cause_id = item.get("cause")
            if cause_id is not None and cause_id != "unexplained" and cause_id not in kb.concepts:
                problems.append(f"attributes.yaml examples[{i}]: unknown cause {cause_id!r}")
            if item.get("change") is not None and item["change"] not in CHANGES:
                problems.append(f"attributes.yaml examples[{i}]: change {item['change']!r}")
    return problems


def lay_problems() -> list[str]:
    """Fixed lay sentences and definitions above grade 8 (unless marked `safety: true`)."""
    from .readability import grade

    lay = load().lay
    sample = {
        "modality": "an MRI scan",
        "part": "lower back",
        "code": "L4-L5",
        "words": "the disc",
        "tests": "a bone scan",
        "list": "a broken bone",
        "where": "at L4-L5",
        "n": 2,
        "region": "lower back",
        "codes": "L4-L5, L5-S1",
        "age": 60,
        "name": "pressure on the nerves",
        "team": "spine specialists",
        "bare": "broken bone",
        "at": " at L4-L5",
        "condition": "if your symptoms last more than 6 weeks",
        "levels": "L1-L2 and L2-L3",
        "old": "L4-L5",
        "new": "L5-S1",
        "first": "moderate on the right",
        "second": "mild on the left",
        "root": "L5",
        "side": " on the left",
    }
    problems = []
    texts: list[tuple[str, str, bool]] = []
    for key, entry in lay["fixed"].items():
        for item in entry if isinstance(entry, list) else [entry]:
            texts.append((f"fixed.{key}", item["text"], bool(item.get("safety"))))
            if item["source"] not in lay["sources"]:
                problems.append(f"lay.yaml fixed.{key}: unknown source {item['source']!r}")
    for i, entry in enumerate(lay["glossary"]):
        texts.append((f"glossary[{i}]", entry["definition"], False))
    for i, entry in enumerate(lay.get("described") or []):
        if entry.get("says"):
            texts.append((f"described[{i}]", entry["says"], False))
    for where, text, safety in texts:
        if safety:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", text.format(**sample)):
            if re.search(r"[A-Za-z]", sentence) and grade(sentence) > 8:
                problems.append(f"lay.yaml {where}: above grade 8: {sentence!r}")
    return problems
