"""Per-document extraction: a parsed ``Doc`` in, a picklable ``DocExtraction`` out.

``extract_document`` is a pure function of the document and its parse, so its result can be
computed in any process, cached, or shipped across a cluster.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import DEFAULT_TYPES, DocExtraction, Document, LocalEntity, Mention
from .cooccurrence import extract_cooccurrences
from .entities import group_entities
from .mentions import extract_candidates
from .pronouns import resolve_pronouns
from .relations.extractor import extract_relations

__all__ = ["DEFAULT_TYPES", "ParsedDocument", "analyse_document", "extract_document"]


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


def analyse_document(document: Document, doc: Doc, types: frozenset[str], pronouns: bool = True) -> ParsedDocument:
    """Mentions, entities and pronouns of one parsed document."""
    sent_ids, sent_bounds = _sentence_index(doc)
    candidates = extract_candidates(doc, types, sent_ids)
    entities, mentions, token_keys = group_entities(doc, document.text, candidates)
    pronoun_keys = resolve_pronouns(doc, document.text, entities, mentions, token_keys) if pronouns else {}
    return ParsedDocument(doc, sent_ids, sent_bounds, entities, mentions, token_keys, pronoun_keys)


def extract_document(
    document: Document, doc: Doc, types: frozenset[str] = frozenset(DEFAULT_TYPES), pronouns: bool = True
) -> DocExtraction:
    """Entities, relations and co-occurrences of one document, with their evidence sentences.

    With ``pronouns``, "he" and "she" may stand for a person named in the same sentence.
    """
    parsed = analyse_document(document, doc, types, pronouns)
    relations = extract_relations(parsed)
    cooccurrences = extract_cooccurrences(parsed.mentions)
    used = {r.sent_id for r in relations} | {c.sent_id for c in cooccurrences}
    sentences = {}
    for sent_id in sorted(used):
        start, end = parsed.sent_bounds[sent_id]
        sentences[sent_id] = " ".join(document.text[start:end].split())
    return DocExtraction(
        doc_id=document.id,
        date=document.date,
        entities=tuple(parsed.entities),
        mentions=tuple(parsed.mentions),
        relations=tuple(relations),
        cooccurrences=tuple(cooccurrences),
        sentences=sentences,
        sentence_count=len(parsed.sent_bounds),
    )
