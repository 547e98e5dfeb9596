"""Faster lookups inside stock spaCy components, with exactly their output.

The rule lemmatizer checks each candidate form of a word against a list of 57,000 nouns;
``index_lemmas_by_set`` gives it a set, and the lemmas are the stock ones.
``tests/test_pipe_indexes.py`` checks the output equals the stock pipeline's.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer

__all__ = ["WordIndex", "index_lemmas_by_set"]


class WordIndex(list):
    """A lemmatizer's word list that answers "is this word in it" from a set."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def index_lemmas_by_set(nlp: Language) -> None:
    """Give a rule lemmatizer set lookups for its known words, with the same lemmas.

    spaCy's rule lemmatizer checks each candidate form of a word against its "lemma_index" table
    with ``form in index``, where the index of a part of speech is a list (57,000 nouns): about
    half a millisecond for each new inflected word, an eighth of the small pipeline's time. The
    lists stay lists (the tables still serialise) but answer membership from a set.
    """
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, WordIndex):
            table[pos] = WordIndex(words)
