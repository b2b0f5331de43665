"""Words in the report, defined plainly (lay.yaml `glossary`), as the report spells them."""

from __future__ import annotations

from functools import lru_cache

from . import knowledge, pipeline
from .matcher import TokenMatcher


@lru_cache(maxsize=1)
def _matcher() -> TokenMatcher:
    matcher = TokenMatcher(pipeline.nlp().vocab)
    for i, entry in enumerate(knowledge.load().lay["glossary"]):
        for pattern in entry["terms"]:
            pipeline._add(matcher, f"G{i}", pattern, "lay.yaml glossary")
    return matcher


def glossary_for(reading, doc=None) -> list[dict]:
    """Each technical term the report uses, as the report spells it, defined plainly.

    A term that the report only rules out ("no fracture", "no sequestered fragment") is not
    defined. `doc` is the
    report's tokens when the caller already has them.
    """
    definitions = knowledge.load().lay["glossary"]
    doc = doc if doc is not None else pipeline.nlp().make_doc(reading.text)
    negated_red = [f for f in reading.findings if f.assertion == "negated"]
    shown_red = {f.concept for f in reading.findings if f.assertion != "negated"}
    sections = {
        (s.start, s.end)
        for s in reading.sections
        if s.name not in ("history", "technique", "furniture")
    }
    found: dict[int, dict] = {}
    for index, start, end in pipeline.longest(pipeline.run(_matcher(), doc)):
        if index in found:
            continue
        s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if not any(a <= s_char < b for a, b in sections):
            continue
        if any(f.start <= s_char < f.end and f.concept not in shown_red for f in negated_red):
            continue
        found[index] = {
            "term": reading.text[s_char:e_char],
            "definition": definitions[index]["definition"],
            "start": s_char,
            "end": e_char,
        }
    return sorted(found.values(), key=lambda g: g["start"])
