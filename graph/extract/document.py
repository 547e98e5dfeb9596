"""Per-document extraction: a parsed ``Doc`` in, a picklable ``DocExtraction`` out.

``extract_document`` is a pure function of the document and its parse, so its result can be
computed in any process, cached, or shipped across a cluster.

A long text is parsed in parts (``graph.nlp.split_text``), and ``extract_parts`` makes one
extraction of them, the same as of one parse of the whole: every step that reads the whole
document reads it through a small record the parts' records merge into. In rounds over the parts
(round 0 comes with a worker's parse, so three more), each of which any process can run on its
part's parse:

0. ``span_context``: what span repair reads from the part (``spans.SpanContext``; the parse of a
   part in a worker gives it); merged, in part order;
1. ``part_names``: the part's entity spans, repaired with the document's ``SpanContext``, and the
   names they give (``mentions.NameContext``); the contexts merged;
2. ``part_candidates``: the part's mentions from its repaired spans, with that context; then
   grouped into the document's entities all at once (``entities.group_entities`` reads candidates only), offsets shifted;
3. ``part_relations``: pronouns and relations of the part, with the document's entities.

``extract_document`` runs the same rounds on a document of one part.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from spacy.tokens import Doc

from ..records import DEFAULT_TYPES, DocExtraction, Document, LocalEntity, Mention, Relation
from .cooccurrence import extract_cooccurrences
from .entities import group_entities
from .mentions import Candidate, NameContext, RepairedSpan, extract_candidates, name_context, part_names
from .spans import SpanContext, span_context
from .pronouns import genders, resolve_pronouns
from .relations.extractor import extract_relations

__all__ = ["DEFAULT_TYPES", "ParsedDocument", "PartCandidates", "analyse_document", "extract_document",
           "extract_parts", "in_process", "name_context", "part_candidates", "part_relations", "span_context"]

# ``map_parts(round, args)`` runs ``round(part_doc, *args[n])`` on every part's parse and returns
# the results in part order: in this process, or in the workers that hold the parses.
PartMap = Callable[[Callable[..., Any], Sequence[tuple]], list]


def _sentence_index(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentence id of each token, and the character bounds of each sentence."""
    ids = [0] * len(doc)
    bounds = []
    for sent_id, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = sent_id
        bounds.append((sent.start_char, sent.end_char))
    return ids, bounds


@dataclass
class ParsedDocument:
    """One document's parse with its entities: what relation extraction and its training read."""

    doc: Doc
    sent_ids: list[int]  # sentence of each token
    sent_bounds: list[tuple[int, int]]  # character bounds of each sentence
    entities: list[LocalEntity]
    mentions: list[Mention]
    token_keys: dict[int, int]  # token index → entity key (named mentions)
    pronoun_keys: dict[int, int]  # token index → entity key (resolved pronouns)


@dataclass
class PartCandidates:
    """Round 2 of one part: its mentions before grouping and its sentences (part offsets)."""

    candidates: list[Candidate]
    sent_bounds: list[tuple[int, int]]
    tokens: int


def part_candidates(doc: Doc, types: frozenset[str], context: NameContext, spans: list[RepairedSpan]) -> PartCandidates:
    sent_ids, sent_bounds = _sentence_index(doc)
    return PartCandidates(extract_candidates(doc, types, sent_ids, context, spans), sent_bounds, len(doc))


def part_relations(doc: Doc, text: str, entities: list[LocalEntity], mentions: list[Mention],
                   token_keys: dict[int, int], known_genders: dict[int, str], pronouns: bool) -> list[Relation]:
    """Round 3 of one part: its relations (part sentence ids), with the document's entities;
    ``mentions`` and ``token_keys`` are the part's, in its own offsets."""
    sent_ids, sent_bounds = _sentence_index(doc)
    pronoun_keys = resolve_pronouns(doc, text, entities, mentions, token_keys, known_genders) if pronouns else {}
    return extract_relations(ParsedDocument(doc, sent_ids, sent_bounds, entities, mentions, token_keys, pronoun_keys))


@dataclass
class _Grouped:
    """The document's entities from its parts' candidates, and each part's share of them."""

    entities: list[LocalEntity]
    mentions: list[Mention]  # document offsets
    part_mentions: list[list[Mention]]  # each part's, in part offsets
    part_token_keys: list[dict[int, int]]  # each part's, part token index → entity key
    genders: dict[int, str]
    sent_bounds: list[tuple[int, int]]  # document sentences, document character bounds
    sent_starts: list[int]  # the document sentence id of each part's first sentence


def _group(text: str, offsets: list[int], found: list[PartCandidates]) -> _Grouped:
    token_starts, sent_starts, sent_bounds, candidates = [], [], [], []
    tokens = sentences = 0
    for offset, part in zip(offsets, found):
        token_starts.append(tokens)
        sent_starts.append(sentences)
        candidates += [dataclasses.replace(c, start=c.start + tokens, end=c.end + tokens, sent_id=c.sent_id + sentences,
                                           start_char=c.start_char + offset, end_char=c.end_char + offset,
                                           alias_of=None if c.alias_of is None else c.alias_of + tokens)
                       for c in part.candidates] if tokens or offset else part.candidates
        sent_bounds += [(a + offset, b + offset) for a, b in part.sent_bounds]
        tokens += part.tokens
        sentences += len(part.sent_bounds)
    entities, mentions, token_keys = group_entities(text, candidates)
    # each mention's own entity (two candidates share a token in "U.S.-Turkish")
    before = {c.start_char: c.before for c in candidates}
    known = genders((m.key, before[m.start_char]) for m in mentions)
    part_token_keys: list[dict[int, int]] = [{} for _ in found]
    for i, key in token_keys.items():
        n = bisect_right(token_starts, i) - 1
        part_token_keys[n][i - token_starts[n]] = key
    part_mentions: list[list[Mention]] = [[] for _ in found]
    for m in mentions:  # (Mention(...), not dataclasses.replace: several times faster, for every mention)
        n = bisect_right(sent_starts, m.sent_id) - 1
        part_mentions[n].append(Mention(m.sent_id - sent_starts[n], m.start_char - offsets[n], m.end_char - offsets[n],
                                        m.text, m.name, m.label, m.key) if n or offsets[0] else m)
    return _Grouped(entities, mentions, part_mentions, part_token_keys, known, sent_bounds, sent_starts)


def extract_parts(document: Document, offsets: list[int], map_parts: PartMap, types: frozenset[str] = frozenset(DEFAULT_TYPES),
                  pronouns: bool = True, contexts: list[SpanContext] | None = None) -> DocExtraction:
    """One extraction of a document parsed in parts that start at ``offsets`` of its text.

    ``contexts`` are the parts' ``span_context``s when the parse computed them already.
    """
    n = len(offsets)
    texts = [document.text[a:b] for a, b in zip(offsets, [*offsets[1:], len(document.text)])]
    if n == 1 and contexts is None:  # one part: its own contexts, without a round for the first
        contexts = [None]
        spans = None
    else:
        contexts = contexts if contexts is not None else map_parts(span_context, [()] * n)
        spans = reduce(SpanContext.merge, contexts, SpanContext())
    named = map_parts(part_names, [(types, spans)] * n)
    context = reduce(NameContext.merge, (c for c, _ in named), NameContext())
    grouped = _group(document.text, offsets, map_parts(part_candidates, [(types, context, s) for _, s in named]))
    by_key = {e.key: e for e in grouped.entities}
    part_args = []
    for i in range(n):  # only the part's own entities: their labels and genders are what the part reads
        keys = sorted(set(grouped.part_token_keys[i].values()))
        part_args.append((texts[i], [by_key[k] for k in keys], grouped.part_mentions[i], grouped.part_token_keys[i],
                          {k: grouped.genders[k] for k in keys if k in grouped.genders}, pronouns))
    relations = [dataclasses.replace(r, sent_id=r.sent_id + grouped.sent_starts[i]) if i else r
                 for i, found in enumerate(map_parts(part_relations, part_args)) for r in found]
    cooccurrences = extract_cooccurrences(grouped.mentions)
    used = {r.sent_id for r in relations} | {c.sent_id for c in cooccurrences}
    sentences = {}
    for sent_id in sorted(used):
        start, end = grouped.sent_bounds[sent_id]
        sentences[sent_id] = " ".join(document.text[start:end].split())
    return DocExtraction(
        doc_id=document.id,
        date=document.date,
        entities=tuple(grouped.entities),
        mentions=tuple(grouped.mentions),
        relations=tuple(relations),
        cooccurrences=tuple(cooccurrences),
        sentences=sentences,
        sentence_count=len(grouped.sent_bounds),
    )


def in_process(docs: list[Doc]) -> PartMap:
    """Run each round on parses held by this process."""
    return lambda step, args: [step(doc, *a) for doc, a in zip(docs, args)]


def analyse_document(document: Document, doc: Doc, types: frozenset[str], pronouns: bool = True) -> ParsedDocument:
    """Mentions, entities and pronouns of one parsed document (what the relation model reads)."""
    sent_ids, sent_bounds = _sentence_index(doc)
    grouped = _group(document.text, [0], [part_candidates(doc, types, *part_names(doc, types))])
    keys = grouped.part_token_keys[0]
    pronoun_keys = resolve_pronouns(doc, document.text, grouped.entities, grouped.mentions, keys, grouped.genders) if pronouns else {}
    return ParsedDocument(doc, sent_ids, sent_bounds, grouped.entities, grouped.mentions, keys, pronoun_keys)


def extract_document(
    document: Document, doc: Doc, types: frozenset[str] = frozenset(DEFAULT_TYPES), pronouns: bool = True
) -> DocExtraction:
    """Entities, relations and co-occurrences of one document, with their evidence sentences.

    With ``pronouns``, "he" and "she" may stand for a person named in the same sentence.
    """
    return extract_parts(document, [0], in_process([doc]), types, pronouns)
