"""A part's tokens as plain Python lists, read from the parse once and kept on the ``Doc``.

Several rules pass over every token of a document (platform names, hyphenated countries, untagged
people, acronyms in brackets, the proper nouns and lower-case words the text uses). Each
``doc[i]`` makes a new ``Token`` object, so those passes cost more than the rest of the
extraction; they read these lists instead (``doc.to_array`` and one string lookup per distinct
word), and a ``Doc`` that is read by several rules or rounds in one process builds them once.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_IOB, IDX, IS_ALPHA, IS_LOWER, IS_UPPER, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

_KEY = "entity_graph.tokens"  # key of the Doc's user_data (never shipped: to_bytes excludes it)
OUTSIDE = 2  # ENT_IOB of a token outside every entity span ("O"; 1 is "I", 3 is "B")
OPENERS = frozenset({'"', "'", "(", "["})  # what may stand before a sentence's first word


@dataclass(frozen=True)
class Tokens:
    """Per token: its text, lower-case form, whether a space follows, its character offset, and
    the flags the passes test (``Token.is_alpha`` ..., ``pos_ == "PROPN"``, ``ent_iob_ == "O"``)."""

    text: str  # the whole Doc's text (``Doc.text`` joins every token each time it is read)
    words: list[str]
    lower: list[str]
    space: list[bool]
    idx: list[int]
    alpha: list[bool]
    is_lower: list[bool]
    is_upper: list[bool]
    pos: list[int]  # the coarse tag's id (``spacy.symbols``)
    propn: list[bool]
    outside: list[bool]
    first: list[bool]  # the first word of its sentence, after any opening quotes or brackets

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (``start < end``)."""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.words[end - 1])]


def tokens(doc: Doc) -> Tokens:
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = _read(doc)
    return found


_ENTS = "entity_graph.ents"


def model_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, read once per ``Doc``: each read makes every span again (a few hundred
    microseconds a part), and span repair reads them in every round."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


def _read(doc: Doc) -> Tokens:
    attrs = [ORTH, LOWER, SPACY, IDX, IS_ALPHA, IS_LOWER, IS_UPPER, POS, ENT_IOB, SENT_START]
    columns = doc.to_array(attrs).T.tolist() if len(doc) else [[]] * len(attrs)
    orth, lower, space, idx, alpha, is_lower, is_upper, pos, iob, sent_start = columns
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def text_of(ids: list[int]) -> list[str]:
        out = []
        for key in ids:
            name = names.get(key)
            if name is None:
                name = names[key] = strings[key]
            out.append(name)
        return out

    words, spaces = text_of(orth), [bool(s) for s in space]
    # ``doc.text`` without a Token object per word (a space is the only whitespace a token has after it)
    text = "".join([w + " " if s else w for w, s in zip(words, spaces)])
    first, after_opener = [], True
    for i, start in enumerate(sent_start):
        after_opener = start == 1 or i == 0 or (after_opener and words[i - 1] in OPENERS)
        first.append(after_opener)
    return Tokens(text, words, text_of(lower), spaces, idx,
                  [bool(a) for a in alpha], [bool(a) for a in is_lower], [bool(a) for a in is_upper],
                  pos, [p == PROPN for p in pos], [i == OUTSIDE for i in iob], first)
