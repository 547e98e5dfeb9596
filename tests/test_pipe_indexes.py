"""The build's pipeline answers stock components' lookups from an index (``graph.pipe_indexes``):
its parse must be the stock pipeline's, byte for byte."""
from __future__ import annotations

import pytest
import spacy

from conftest import ROOT
from graph.nlp import normalize
from graph.pipe_indexes import WordIndex

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
    text = normalize(ARTICLE + ODD)
    ours, theirs = nlp(text), stock(text)
    assert len(ours) > 250
    assert [t.pos_ for t in ours] == [t.pos_ for t in theirs] and [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert ours.to_bytes() == theirs.to_bytes()

