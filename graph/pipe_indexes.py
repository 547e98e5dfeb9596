"""Faster lookups inside two stock spaCy components, with exactly their output.

Two components of the English pipelines spend much of their time in linear scans that an index
answers at once; ``graph.nlp.load_model`` gives both an index and the parse is the stock one:

- the rule lemmatizer checks each candidate form of a word against a list of 57,000 nouns
  (``index_lemmas_by_set``);
- the attribute ruler runs spaCy's ``Matcher`` with its 179 patterns over every token, though all
  but a few of them read one token: 26 µs a token, an eighth of the small pipeline
  (``index_attribute_rules``).

Where a pipeline differs (other components, patterns this cannot index, patterns added later) the
stock code runs as before. ``tests/test_pipe_indexes.py`` checks the output equals the stock
pipeline's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

__all__ = ["IndexedAttributeRules", "WordIndex", "index_attribute_rules", "index_lemmas_by_set"]


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


# Token attributes whose value the Matcher reads as ``doc.to_array`` gives it (not the sentence
# start, which it reads another way, nor the morphology or IOB, whose pattern values it converts).
_NOT_INDEXED = {"SENT_START", "IS_SENT_START", "MORPH", "ENT_IOB", "TEXT"}
_MEMO_LIMIT = 1_000_000  # values remembered per attribute before the memo starts again

@dataclass
class _Column:
    """The conditions of the indexed patterns on one attribute, one bit each."""

    attr: int
    bits: int = 0  # conditions so far
    members: dict[int, int] = field(default_factory=dict)  # value → bits of the IN conditions it meets
    excluded: dict[int, int] = field(default_factory=dict)  # value → bits of the NOT_IN conditions it fails
    not_in: int = 0  # bits of every NOT_IN condition
    regexes: list[tuple[int, re.Pattern]] = field(default_factory=list)
    masks: dict[int, int] = field(default_factory=dict)  # memo: value → bits it meets

    def add(self, operator: str, operand: frozenset[int] | str) -> int:
        bit = 1 << self.bits
        self.bits += 1
        if operator == "REGEX":
            self.regexes.append((bit, re.compile(operand)))  # type: ignore[arg-type]
        else:
            into = self.members if operator == "IN" else self.excluded
            for value in operand:
                into[value] = into.get(value, 0) | bit
            if operator == "NOT_IN":
                self.not_in |= bit
        return bit

    def mask_of(self, values: list[int], strings: StringStore) -> list[int]:
        """The bits each value meets."""
        memo = self.masks
        new = set(values).difference(memo)
        if new:
            if len(memo) + len(new) > _MEMO_LIMIT:
                memo.clear()
                new = set(values)
            for v in new:
                mask = self.members.get(v, 0) | (self.not_in & ~self.excluded.get(v, 0))
                if self.regexes:
                    text = strings[v]
                    mask |= sum(bit for bit, regex in self.regexes if regex.search(text))
                memo[v] = mask
        return [memo[v] for v in values]


class IndexedAttributeRules:
    """The matches of an ``AttributeRuler``'s Matcher, found by looking its patterns up.

    A pattern of fixed length (no "OP") is, for each of its tokens, a conjunction of conditions on
    a few attributes (TAG is "NN", LOWER is in a list, DEP matches a regular expression). Each
    attribute value met is tested once against the conditions on that attribute (a bit mask of
    those it meets), and each combination of masks once against the patterns' tokens; other
    patterns stay with a Matcher of their own. ``match`` returns the list ``AttributeRuler.match``
    returns, in its order.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.size = len(ruler.matcher)
        strings = ruler.vocab.strings
        self.columns: list[_Column] = []  # the attributes the indexed rules read
        # (attr id, match id, its patterns: for each token, the bits it needs by column)
        self.rules: list[tuple[int, int, list[list[dict[int, int]]]]] = []
        self.rest = Matcher(ruler.vocab)
        for attr_id in range(len(ruler.attrs)):
            match_id = strings.add(str(attr_id))
            patterns = ruler.matcher.get(match_id)[1]
            compiled = [[self._compile(token) for token in p] for p in patterns]
            if all(p and None not in p for p in compiled):
                self.rules.append((attr_id, match_id, compiled))  # type: ignore[arg-type]
            else:
                self.rest.add(match_id, patterns)
        # memo: a token's masks → the rules a one-token pattern of which it matches, and the longer
        # patterns whose first token it matches (rule, the later tokens' needs)
        self.key_matches: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[tuple[tuple[int, int], list]]]] = {}

    def _compile(self, spec: dict) -> dict[int, int] | None:
        """The bits one token pattern needs, by column; None if it cannot be indexed."""
        conditions = []
        for name, value in spec.items():
            name = name.upper() if isinstance(name, str) else name
            if name == "OP":
                return None
            found = None if name in _NOT_INDEXED or name not in IDS else self._conditions(value)
            if found is None:
                return None
            conditions += [(IDS[name], operator, operand) for operator, operand in found]
        needs: dict[int, int] = {}
        for attr, operator, operand in conditions:
            column = next((i for i, c in enumerate(self.columns) if c.attr == attr), None)
            if column is None:
                column = len(self.columns)
                self.columns.append(_Column(attr))
            needs[column] = needs.get(column, 0) | self.columns[column].add(operator, operand)
        return needs

    def _conditions(self, value: object) -> list[tuple[str, frozenset[int] | str]] | None:
        """The Matcher's conditions on one attribute (``spacy.matcher.matcher``: a plain value is
        the id ``StringStore.add`` gives; IN and NOT_IN compare ``get_string_id``s; REGEX searches
        the value's string)."""
        if isinstance(value, str):
            return [("IN", frozenset([self.ruler.vocab.strings.add(value)]))]
        if isinstance(value, bool | int):
            return [("IN", frozenset([int(value)]))]
        if not isinstance(value, dict) or not value or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
            return None
        found: list[tuple[str, frozenset[int] | str]] = []
        for operator, operand in value.items():
            if operator == "REGEX":
                if not isinstance(operand, str):
                    return None
                found.append((operator, operand))
            elif isinstance(operand, list) and all(isinstance(o, str | int) and not isinstance(o, bool) for o in operand):
                found.append((operator, frozenset(get_string_id(o) for o in operand)))
            else:
                return None
        return found

    @staticmethod
    def _meets(key: tuple[int, ...], needs: dict[int, int]) -> bool:
        return all(key[c] & need == need for c, need in needs.items())

    def _lookup(self, key: tuple[int, ...]) -> tuple[list[tuple[int, int]], list[tuple[tuple[int, int], list]]]:
        singles, firsts = [], []
        for attr_id, match_id, patterns in self.rules:
            if any(len(p) == 1 and self._meets(key, p[0]) for p in patterns):
                singles.append((attr_id, match_id))
            firsts += [((attr_id, match_id), p[1:]) for p in patterns if len(p) > 1 and self._meets(key, p[0])]
        found = self.key_matches[key] = (singles, firsts)
        return found

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.matcher) != self.size:  # patterns were added after the index was made
            return AttributeRuler.match(self.ruler, doc)
        starts: dict[tuple[int, int], list[int]] = {}  # (attr id, match id) → tokens it matches alone, in order
        longer: set[tuple[int, int, int, int]] = set()  # matches of longer patterns (one per rule and span)
        if len(doc):
            strings = self.ruler.vocab.strings
            if self.columns:
                values = doc.to_array([c.attr for c in self.columns]).reshape(len(doc), -1).T.tolist()
                keys = list(zip(*(c.mask_of(v, strings) for c, v in zip(self.columns, values))))
            else:  # patterns of empty tokens only: every token meets them
                keys = [()] * len(doc)
            known = self.key_matches
            for i, key in enumerate(keys):
                singles, firsts = known[key] if key in known else self._lookup(key)
                for rule in singles:
                    if rule in starts:
                        starts[rule].append(i)
                    else:
                        starts[rule] = [i]
                for rule, later in firsts:
                    end = i + 1 + len(later)
                    if end <= len(keys) and all(self._meets(keys[i + 1 + k], needs) for k, needs in enumerate(later)):
                        longer.add((*rule, i, end))
        matches = [(attr_id, match_id, i, i + 1) for (attr_id, match_id) in sorted(starts) for i in starts[attr_id, match_id]]
        if longer or len(self.rest):  # the rest's rules are not the index's
            strings = self.ruler.vocab.strings
            matches += longer
            matches += [(int(strings[m]), m, s, e) for m, s, e in self.rest(doc, allow_missing=True)] if len(self.rest) else []
            matches.sort()
        return matches


def index_attribute_rules(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the indexed matcher (same matches, same order)."""
    for _, component in nlp.pipeline:
        indexed = getattr(getattr(component, "__dict__", {}).get("match"), "__self__", None)
        if type(component) is AttributeRuler and len(component.matcher) and not isinstance(indexed, IndexedAttributeRules):
            # an instance attribute: ``AttributeRuler.__call__`` finds it before the class's method
            component.match = IndexedAttributeRules(component).match  # type: ignore[method-assign]
