"""Third-person pronouns → the person they most likely stand for (on by default; ``--no-pronouns``).

A rule, not a coreference model (coreferee supports spaCy ≤ 3.5 only; spacy-experimental's
coref stopped working after 3.4):

- "he/him/his" and "she/her/hers" stand for a PERSON mentioned earlier in the same paragraph (a
  paragraph ends at a line break). "they/them/their" are left alone: on 120 corpus articles most
  of their resolutions were wrong (they name people more often than the organisations or
  countries in view);
- gender comes from the text's own cues: an honorific before a mention of the person ("Mr.",
  "Mrs.", "Ms.", "Sir", "Queen" ... in ``data/gendered_titles.tsv``); a person with no cue fits
  either pronoun;
- a pronoun inside a quotation stands only for a person named inside the same quotation, and one
  outside quotations only for a person named outside them: in 'X said: "... trained him"', "him"
  is not X (quotation marks pair up within a paragraph);
- the nearest compatible mention that is a subject (or in apposition to one: "its director, Tomas
  Berg, urged ...") wins, else the nearest compatible mention; an
  entity that is an argument of the pronoun's own verb is never its antecedent ("Trump met him").

"It" and "they" as the subject of a clause reported by a verb whose own subject is an entity
stand for that entity ("Japan said it would send aid to Ukraine", "the ministers said they had
agreed"); "it" not for a person.

Relations reached through a pronoun are marked ``via_pronoun``; the relation model uses a pronoun
only for an entity named in the same sentence (see ``relations/features.py``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc

from ..data import table
from ..records import LocalEntity, Mention

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
REPORTED_SUBJECTS = frozenset({"it", "they"})
_LINE_BREAK = re.compile("[\n\u2028\u2029]")  # what graph.nlp.normalize turns into "\n"
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "poss", "agent"})


def genders(titled: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Entity key → "m" or "f", from (entity key, the word before one of its mentions) pairs: an
    entity whose honorifics all agree has that gender."""
    cues = {row[0]: row[1] for row in table("gendered_titles.tsv")}
    found: dict[int, set[str]] = {}
    for key, before in titled:
        if before in cues:
            found.setdefault(key, set()).add(cues[before])
    return {key: kinds.pop() for key, kinds in found.items() if len(kinds) == 1}


def resolve_pronouns(
    doc: Doc, text: str, entities: list[LocalEntity], mentions: list[Mention], token_keys: dict[int, int],
    known_genders: dict[int, str] | None = None,
) -> dict[int, int]:
    """Token index of each resolved pronoun → the entity key it stands for. ``text`` is the
    document's text (``doc`` was parsed from its normalised copy, same length); ``known_genders``
    the whole document's (``genders``) when ``doc`` is one of its parts."""
    labels = {e.key: e.label for e in entities}
    lowers = doc.to_array("LOWER").tolist()
    reported = _reported_subjects(doc, lowers, labels, token_keys)
    if "PERSON" not in labels.values():
        return reported
    # Token arrays instead of a loop over every Token object: this runs on every document.
    offsets = doc.to_array("IDX").tolist()
    starts = {offset: i for i, offset in enumerate(offsets)}
    pronoun_ids = {doc.vocab.strings.add(word) for word in PERSON_PRONOUNS}
    pronouns = [i for i, lower in enumerate(lowers) if lower in pronoun_ids]
    if not pronouns:
        return reported
    # tokens holding a line break, in order: a paragraph starts after one
    breaks = sorted({bisect_right(offsets, m.start()) - 1 for m in _LINE_BREAK.finditer(text)})
    if known_genders is None:
        found = (starts.get(m.start_char) for m in mentions)
        known_genders = genders((m.key, doc[i - 1].text) for m, i in zip(mentions, found) if i)
    quote_id = doc.vocab.strings.add('"')
    quotes = [i for i, lower in enumerate(lowers) if lower == quote_id]
    heads = sorted((starts[m.start_char], m.key) for m in mentions if m.start_char in starts)
    resolved: dict[int, int] = {}
    for i in pronouns:
        token = doc[i]
        word = token.lower_
        if token.pos_ != "PRON" or token.dep_ not in ARGUMENT_DEPS:
            continue
        before = bisect_left(breaks, token.i)
        paragraph_start = breaks[before - 1] + 1 if before else 0
        first_quote = bisect_left(quotes, paragraph_start)
        quotation = bisect_left(quotes, token.i) - first_quote  # odd: inside the quotation it counts
        clause = {c.i for c in token.head.children} | {token.head.i}
        same_clause = {token_keys[i] for i in clause if i in token_keys}
        best = None
        # the mentions between the paragraph's start and the pronoun, nearest first
        for index, key in reversed(heads[bisect_left(heads, (paragraph_start,)):bisect_left(heads, (token.i,))]):
            if key in same_clause:
                continue
            at = bisect_left(quotes, index) - first_quote
            if (at != quotation) if quotation % 2 else at % 2:
                continue  # not in the same quotation, or inside one when the pronoun is outside
            if labels.get(key) != "PERSON" or known_genders.get(key, PERSON_PRONOUNS[word]) != PERSON_PRONOUNS[word]:
                continue
            # the head token of the mention's span is the last one; a subject beats a mere mention
            span_end = index
            while span_end + 1 < len(doc) and token_keys.get(span_end + 1) == key:
                span_end += 1
            head = doc[span_end]
            if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass")):
                best = key
                break
            if best is None:
                best = key
        if best is not None:
            resolved[token.i] = best
    return {**reported, **resolved}


def _reported_subjects(doc: Doc, lowers: list[int], labels: dict[int, str], token_keys: dict[int, int]) -> dict[int, int]:
    """"X said it/they ...": the pronoun subject of a reported clause stands for the entity that is
    the subject of the reporting verb."""
    words = {doc.vocab.strings.add(w) for w in REPORTED_SUBJECTS}
    found = {}
    for i, lower in enumerate(lowers):
        if lower not in words:
            continue
        token = doc[i]
        clause = token.head
        if token.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            continue
        subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.i in token_keys]
        if len(subjects) == 1:
            key = token_keys[subjects[0].i]
            if token.lower_ == "they" or labels.get(key) != "PERSON":
                found[i] = key
    return found
