"""The build's pipeline answers two stock components' lookups from an index (``graph.pipe_indexes``):
its parse must be the stock pipeline's, byte for byte."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from conftest import ROOT
from graph.nlp import normalize
from graph.pipe_indexes import IndexedAttributeRules, WordIndex, index_attribute_rules

ARTICLE = (ROOT / "examples" / "arctic_talks.txt").read_text(encoding="utf-8").strip()
ODD = (" The cats' vetoes were overruled; geese flew, mice hid, and she'd gone. I ain't gonna say y'all "
       "got ta go, c'mon, let's see: there is nothin' here.\n\n\n  Gets it?  ")


@pytest.fixture(scope="module")
def stock(nlp):
    """The same pipeline as ``load_model`` gives, without the indexes."""
    pipeline = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    pipeline.add_pipe("paragraph_sentences", before="parser")
    return pipeline


def test_the_build_pipeline_parses_exactly_as_the_stock_one(nlp, stock):
    lemma_index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert isinstance(next(iter(lemma_index.values())), WordIndex)
    assert isinstance(nlp.get_pipe("attribute_ruler").match.__self__, IndexedAttributeRules)
    text = normalize(ARTICLE + ODD)
    ours, theirs = nlp(text), stock(text)
    assert len(ours) > 250
    assert [t.pos_ for t in ours] == [t.pos_ for t in theirs] and [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert ours.to_bytes() == theirs.to_bytes()


def test_the_index_finds_the_matchers_matches_for_every_kind_of_pattern(nlp, stock):
    # one token and longer; plain values, IN, NOT_IN, REGEX, booleans, an empty token; a rule with
    # patterns of two lengths; patterns with an operator go to a Matcher of their own
    doc = stock.make_doc("The dog isn't barking; but a cat is there , and the cat ran .")
    for token, (tag, dep) in zip(doc, [("DT", "det"), ("NN", "nsubj"), ("VBZ", "aux"), ("RB", "neg"),
                                       ("VBG", "ROOT"), (":", "punct"), ("CC", "cc"), ("DT", "det"),
                                       ("NN", "nsubj"), ("VBZ", "conj"), ("RB", "advmod"), (",", "punct"),
                                       ("CC", "cc"), ("DT", "det"), ("NN", "nsubj"), ("VBD", "conj"), (".", "punct")]):
        token.tag_, token.dep_ = tag, dep
    ruler = AttributeRuler(stock.vocab)
    rules = [
        [[{"TAG": "DT"}]],
        [[{"TAG": "DT", "LOWER": "the"}]],
        [[{"LOWER": {"IN": ["dog", "cat"]}, "DEP": {"NOT_IN": ["dobj", ""]}}]],
        [[{"LOWER": {"REGEX": "^is(n't)?$"}}], [{"TAG": "VBZ"}, {"TAG": "RB"}]],
        [[{"IS_PUNCT": True}]],
        [[{"IS_PUNCT": False, "TAG": "CC"}, {}]],
        [[{"LOWER": "cat"}, {"LOWER": "is", "OP": "?"}, {"LOWER": "there"}]],
        [[{"TAG": "VBZ", "LOWER": "is"}], [{"LOWER": "is"}]],
    ]
    for attr_id, patterns in enumerate(rules):
        ruler.add(patterns, {"LEMMA": f"rule{attr_id}"}, index=0)
    expected = ruler.match(doc)
    indexed = IndexedAttributeRules(ruler)
    assert len(indexed.rest) == 1  # only the pattern with "OP"
    assert indexed.match(doc) == expected and indexed.match(doc) == expected  # a second time from the memo
    matched = {(int(stock.vocab.strings[m]), s, e) for _, m, s, e in expected}
    assert {(0, 0, 1), (1, 0, 1), (2, 1, 2), (3, 2, 3), (3, 2, 4), (4, 5, 6), (5, 6, 8), (6, 8, 11), (7, 9, 10)} <= matched
    assert (1, 7, 8) not in matched and (2, 14, 15) in matched and (0, 3, 4) not in matched


def test_patterns_added_after_indexing_are_matched_by_the_stock_matcher(stock):
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "dog"}]], {"LEMMA": "hound"})
    index_attribute_rules(pipeline)
    index_attribute_rules(pipeline)  # once is enough: the index is not wrapped again
    assert isinstance(ruler.match.__self__, IndexedAttributeRules)
    assert [t.lemma_ for t in pipeline("the dog sat")] == ["", "hound", ""]
    ruler.add([[{"LOWER": "sat"}]], {"LEMMA": "sit"})
    assert [t.lemma_ for t in pipeline("the dog sat")] == ["", "hound", "sit"]


def test_an_empty_document_has_no_matches(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert ruler.match(Doc(nlp.vocab, words=[])) == []
