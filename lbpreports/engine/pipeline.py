"""The spaCy pipeline and matchers, built once from the knowledge files.

A blank English pipeline (no model to download) with one change to its tokenizer: hyphens between
letters do not split words, so "post-operative", "broad-based" and "L4-L5" stay whole, as readers
see them. Every matcher is compiled from the data through `patterns.compile_pattern`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from . import knowledge
from .matcher import TokenMatcher as Matcher
from .patterns import PatternError, compile_pattern

# One limit for the engine, the command line and the upload form, chosen from the measured curve
# of engine time against length (bench/engine_curve.py, README "Speed"): the longest accepted
# report costs under 20 times a 500-word one (about 9 times in the run recorded there).
MAX_CHARS = 20_000

_HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"
_LIST_MARK = re.compile(r"^(?:[-*•·]+(?=[A-Za-z?])|\.(?=[A-Za-z]))")
_NOTE_SLASHES = re.compile(r"\.?/+$")


@dataclass
class Matchers:
    concepts: Matcher
    terms: list  # index -> knowledge.Term
    anchors: Matcher
    anchor_relations: list  # index -> relation id
    cues: Matcher
    cue_concepts: list  # index -> (relation id, concept)
    context: Matcher
    triggers: list  # index -> knowledge.Trigger
    flags: Matcher
    flag_kinds: list  # index -> flag kind
    recommend: Matcher
    tests: Matcher
    test_ids: list
    normals: Matcher
    danger: Matcher
    severity: Matcher
    severity_values: list
    side: Matcher
    side_values: list
    zone: Matcher
    zone_values: list
    change: Matcher
    change_rules: list  # index -> knowledge.ChangeRule
    unexplained_cause: Matcher  # a mass, lesion or collection of unstated nature
    side_after: Matcher
    side_after_values: list


def _make_nlp():
    nlp = spacy.blank("en")
    # "canal?appearances": a question mark glued between words still asks a question
    infixes = [p for p in nlp.Defaults.infixes if _HYPHEN_INFIX not in p] + [
        r"(?<=[A-Za-z])\?(?=[A-Za-z])",
        r"(?<=[A-Za-z])[()](?=[A-Za-z])",  # "roots(dehydrated"
    ]
    # a list mark glued to a word ("-Focal", ".No", "*Mild") is not part of the word, and the
    # slashes that separate notes ("foramen./// next") end the word before them; checked before
    # spaCy's own (already compiled) prefix and suffix rules. One new tokenizer: each change to
    # an existing one makes spaCy re-tokenize all its special cases again.
    old = nlp.tokenizer
    default_prefix, default_suffix = old.prefix_search, old.suffix_search
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=nlp.Defaults.tokenizer_exceptions,
        prefix_search=lambda text: _LIST_MARK.search(text) or default_prefix(text),
        suffix_search=lambda text: _NOTE_SLASHES.search(text) or default_suffix(text),
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=old.token_match,
        url_match=old.url_match,
    )
    nlp.max_length = MAX_CHARS + 1
    return nlp


_NLP_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _shared_nlp():
    return _make_nlp()


def nlp():
    """The one pipeline of this process. Built under a lock: two threads asking first at once
    (a web server's threads) would otherwise build two, and a matcher built on one vocabulary
    cannot name its matches in a document made by the other."""
    with _NLP_LOCK:
        return _shared_nlp()


def tokenize(text: str) -> list[str]:
    return [token.lower_ for token in nlp().tokenizer(text)]


def _add(matcher: Matcher, key: str, pattern: str, where: str) -> None:
    try:
        matcher.add(key, [compile_pattern(pattern, tokenize)])
    except PatternError as error:
        raise knowledge.KnowledgeError(f"{where}: {error}") from None
    except ValueError as error:  # spaCy's own pattern validation
        raise knowledge.KnowledgeError(f"{where}: {pattern!r}: {error}") from None


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    kb = knowledge.load()
    vocab = nlp().vocab

    concepts, terms = Matcher(vocab), []
    for concept in kb.concepts.values():
        for term in concept.terms:
            _add(concepts, f"T{len(terms)}", term.pattern, f"concepts.yaml {concept.id}")
            terms.append(term)

    anchors, anchor_relations = Matcher(vocab), []
    cues, cue_concepts = Matcher(vocab), []
    for relation in kb.relations:
        for pattern in relation.anchors:
            _add(anchors, f"A{len(anchor_relations)}", pattern, f"relation {relation.id}")
            anchor_relations.append(relation.id)
        for concept, patterns in relation.cues:
            if concept not in kb.concepts:
                raise knowledge.KnowledgeError(f"relation {relation.id}: unknown concept {concept}")
            for pattern in patterns:
                _add(cues, f"C{len(cue_concepts)}", pattern, f"relation {relation.id}.{concept}")
                cue_concepts.append((relation.id, concept))

    context, triggers = Matcher(vocab), []
    for trigger in kb.triggers:
        for pattern in trigger.patterns:
            _add(context, f"X{len(triggers)}", pattern, f"context.yaml {trigger.id}")
            triggers.append(trigger)

    flags, flag_kinds = Matcher(vocab), []
    for kind, patterns in kb.flags.items():
        for pattern in patterns:
            _add(flags, f"F{len(flag_kinds)}", pattern, f"flags.yaml {kind}")
            flag_kinds.append(kind)
    for pattern in kb.always_recommendation:
        _add(flags, f"F{len(flag_kinds)}", pattern, "flags.yaml always_recommendation")
        flag_kinds.append("recommendation")

    recommend = Matcher(vocab)
    for i, pattern in enumerate(kb.recommendation_words):
        _add(recommend, f"R{i}", pattern, "flags.yaml recommendation_words")

    tests, test_ids = Matcher(vocab), []
    for test in kb.tests:
        for pattern in test.patterns:
            _add(tests, f"S{len(test_ids)}", pattern, f"flags.yaml tests.{test.id}")
            test_ids.append(test.id)

    normals = Matcher(vocab)
    for i, pattern in enumerate(kb.normals):
        _add(normals, f"N{i}", pattern, "normals.yaml")
    danger = Matcher(vocab)
    for i, pattern in enumerate(kb.danger):
        _add(danger, f"D{i}", pattern, "danger.yaml")

    def valued(entries, name):
        matcher, values = Matcher(vocab), []
        for pattern, value in entries:
            _add(matcher, f"{name}{len(values)}", pattern, f"attributes.yaml {name}")
            values.append(value)
        return matcher, values

    severity, severity_values = valued(kb.severity, "severity")
    side, side_values = valued(kb.side, "side")
    zone, zone_values = valued(kb.zone, "zone")
    side_after, side_after_values = valued(kb.side_after, "side_after")
    change, change_rules = Matcher(vocab), []
    for rule in kb.change:
        _add(change, f"G{len(change_rules)}", rule.pattern, "attributes.yaml change")
        change_rules.append(rule)
    unexplained_cause = Matcher(vocab)
    for i, pattern in enumerate(kb.cause.unexplained):
        _add(unexplained_cause, f"U{i}", pattern, "attributes.yaml cause.unexplained")
    return Matchers(
        concepts=concepts,
        terms=terms,
        anchors=anchors,
        anchor_relations=anchor_relations,
        cues=cues,
        cue_concepts=cue_concepts,
        context=context,
        triggers=triggers,
        flags=flags,
        flag_kinds=flag_kinds,
        recommend=recommend,
        tests=tests,
        test_ids=test_ids,
        normals=normals,
        danger=danger,
        severity=severity,
        severity_values=severity_values,
        side=side,
        side_values=side_values,
        zone=zone,
        zone_values=zone_values,
        change=change,
        change_rules=change_rules,
        unexplained_cause=unexplained_cause,
        side_after=side_after,
        side_after_values=side_after_values,
    )


def run(matcher: Matcher, doc) -> list[tuple[int, int, int]]:
    """(index, start, end) for every match; index is the number after the key's letter(s)."""
    out = []
    strings = doc.vocab.strings
    for match_id, start, end in matcher(doc):
        key = strings[match_id]
        digits = key.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
        out.append((int(digits), start, end))
    return out


def longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches, the longest first (then the earliest)."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for index, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if any(i in taken for i in range(start, end)):
            continue
        chosen.append((index, start, end))
        taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[1])
