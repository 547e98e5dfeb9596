"""Per-document extraction: a parsed ``Doc`` in, a picklable ``DocExtraction`` out.

``extract_document`` is a pure function of the document and its parse, so its result can be
computed in any process, cached, or shipped across a cluster.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import DEFAULT_TYPES, DocExtraction, Document
from .cooccurrence import extract_cooccurrences
from .entities import group_entities
from .mentions import extract_candidates
from .pronouns import resolve_pronouns
from .relations import extract_relations

__all__ = ["DEFAULT_TYPES", "extract_document"]


def _sentence_index(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentence id of each token, and the character bounds of each sentence."""
    ids = [0] * len(doc)
    bounds = []
    for sent_id, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = sent_id
        bounds.append((sent.start_char, sent.end_char))
    return ids, bounds


def extract_document(
    document: Document, doc: Doc, types: frozenset[str] = frozenset(DEFAULT_TYPES), pronouns: bool = True
) -> DocExtraction:
    """Entities, relations and co-occurrences of one document, with their evidence sentences.

    With ``pronouns``, relations may also reach a person through "he" or "she".
    """
    sent_ids, sent_bounds = _sentence_index(doc)
    candidates = extract_candidates(doc, types, sent_ids)
    entities, mentions, token_keys = group_entities(doc, document.text, candidates)
    pronoun_keys = resolve_pronouns(doc, document.text, entities, mentions, token_keys) if pronouns else {}
    relations = extract_relations(doc, token_keys, sent_ids, pronoun_keys)
    cooccurrences = extract_cooccurrences(mentions)
    used = {r.sent_id for r in relations} | {c.sent_id for c in cooccurrences}
    sentences = {}
    for sent_id in sorted(used):
        start, end = sent_bounds[sent_id]
        sentences[sent_id] = " ".join(document.text[start:end].split())
    return DocExtraction(
        doc_id=document.id,
        date=document.date,
        entities=tuple(entities),
        mentions=tuple(mentions),
        relations=tuple(relations),
        cooccurrences=tuple(cooccurrences),
        sentences=sentences,
        sentence_count=len(sent_bounds),
    )
