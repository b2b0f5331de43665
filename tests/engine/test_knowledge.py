"""The knowledge files: valid, and every example in them holds."""

import pytest

from lbpreports import engine
from lbpreports.engine import knowledge
from lbpreports.engine.report import assert_phrase

KB = knowledge.load()
CONCEPT_EXAMPLES = [
    pytest.param(sentence, concept, assertion, id=f"{owner.id}:{sentence[:40]}")
    for owner in KB.concepts.values()
    for sentence, concept, assertion in owner.examples
]


def test_it_validates_cleanly():
    assert engine.validate() == []


def test_every_domain_concept_has_an_example():
    with_examples = {
        c for _s, c, _a in ((e[0], e[1], e[2]) for o in KB.concepts.values() for e in o.examples)
    }
    assert set(knowledge.VOCABULARY) <= with_examples


@pytest.mark.parametrize(("sentence", "concept", "assertion"), CONCEPT_EXAMPLES)
def test_concept_example(sentence, concept, assertion):
    found = {(f.concept, f.assertion) for f in engine.read(sentence).findings}
    assert (concept, assertion) in found, found


@pytest.mark.parametrize(("sentence", "phrase", "assertion"), KB.context_examples)
def test_context_example(sentence, phrase, assertion):
    assert assert_phrase(sentence, phrase) == assertion


def test_unknown_keys_are_refused_with_the_entry_named():
    with pytest.raises(knowledge.KnowledgeError, match=r"concepts\[3\] \(x\).*unknown key"):
        knowledge.concept_from_dict(
            {"id": "x", "tier": "minor", "terms": [], "colour": "red"}, "concepts[3]"
        )


def test_a_bad_tier_is_refused():
    with pytest.raises(knowledge.KnowledgeError, match="tier"):
        knowledge.concept_from_dict({"id": "x", "tier": "scary", "terms": []}, "c")


def test_a_trigger_id_that_yaml_reads_as_a_boolean_is_refused():
    # `id: no` unquoted loads as False
    with pytest.raises(knowledge.KnowledgeError, match="id must be a string"):
        knowledge.trigger_from_dict(
            {"id": False, "category": "negated", "direction": "forward", "patterns": ["no"]}, "t"
        )
    assert "no" in {t.id for t in KB.triggers}


def test_a_pattern_with_a_multi_word_alternative_is_refused():
    from lbpreports.engine import pipeline
    from lbpreports.engine.patterns import PatternError, compile_pattern

    with pytest.raises(PatternError, match="more than one token"):
        compile_pattern("cannot|rule-out be excluded", pipeline.tokenize)


def test_the_data_hash_is_stable_and_hex():
    assert engine.data_sha256() == engine.data_sha256()
    assert len(engine.data_sha256()) == 64
