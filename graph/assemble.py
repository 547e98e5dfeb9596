"""Records → one networkx ``MultiDiGraph``.

Nodes are canonical entities (id = canonical name). Between two nodes there is at most one
``cooccurrence`` edge (stored from the alphabetically first id; it has no direction) and one
``relation`` edge per predicate and polarity, directed from agent to patient; symmetric
relations are stored from the alphabetically first id. Each edge's ``weight`` is the number of
distinct sentences that support it; ``evidence`` keeps up to ``max_evidence`` of them, each with
its document's id and, when the document has them, its date, headline (``title``) and ``url``. A
relation's ``modality`` is the most certain one among its sentences. Each node's ``sentences``
and the graph's ``sentences`` count the sentences that mention it and all sentences, for the
association measures of ``analyze``. When documents have dates, each edge keeps the first and
last date it was seen (``first_seen``, ``last_seen``).

A relation edge's ``confidence`` combines the model's confidence of its sentences as a noisy-OR,
1 − ∏(1 − pᵢ): the probability that at least one of them states the relation, if each sentence is
read independently. Two sentences at 0.6 give 0.84. Edges below ``min_confidence`` are left out;
each evidence item keeps its own sentence's confidence.

``wrong_relations`` are relation edges the user marked wrong (``(agent, key, patient)``, a
symmetric relation in either order): they are left out, and the ones that matched an edge are
added to ``found_wrong``. The co-occurrence edge of the same two entities stays.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from .aliases import predicate_key
from .records import DocExtraction
from .resolve import ResolvedEntities

MAX_EVIDENCE = 20
# An edge stated plainly in one sentence and as a plan in another is asserted: the most certain wins.
MODALITY_STRENGTH = {"possible": 0, "intended": 1, "reported": 2, "asserted": 3}


@dataclass
class _Edge:
    attrs: dict
    sentences: set[tuple[str, int]] = field(default_factory=set)
    evidence: list[dict] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # [first, last] seen, when documents are dated
    doubt: float = 1.0  # ∏(1 − confidence) over the sentences that carry a confidence


def _support(edge: _Edge, extraction: DocExtraction, sent_id: int, max_evidence: int, confidence: float | None = None) -> None:
    ref = (extraction.doc_id, sent_id)
    if ref in edge.sentences:
        return
    edge.sentences.add(ref)
    if confidence is not None:
        edge.doubt *= 1.0 - confidence
    if extraction.date:
        edge.dates = [min(edge.dates[0], extraction.date), max(edge.dates[1], extraction.date)] if edge.dates else [extraction.date] * 2
    if len(edge.evidence) < max_evidence:
        item = {"doc": extraction.doc_id, "sentence": extraction.sentences[sent_id]}
        if confidence is not None:
            item["confidence"] = confidence
        for name in ("date", "title", "url"):  # the document's, when it has them
            value = getattr(extraction, name, None)
            if value:
                item[name] = value
        edge.evidence.append(item)


def _sentences_by_entity(extraction: DocExtraction, ids: dict[int, str]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for mention in extraction.mentions:
        found[ids[mention.key]].add(mention.sent_id)
    return found


def assemble(
    extractions: Iterable[DocExtraction],
    resolved: ResolvedEntities,
    metadata: dict,
    max_evidence: int = MAX_EVIDENCE,
    min_confidence: float = 0.0,
    wrong_relations: set[tuple[str, str, str]] | None = None,
    found_wrong: set[tuple[str, str, str]] | None = None,
) -> nx.MultiDiGraph:
    """The graph of ``extractions``; the ``wrong_relations`` that matched an edge are added to
    ``found_wrong`` when it is given."""
    wrong_relations = wrong_relations or set()
    graph = nx.MultiDiGraph(**metadata)
    for entity in resolved.entities():
        graph.add_node(
            entity.id,
            label=entity.id,
            type=entity.label,
            aliases=list(entity.aliases),
            mentions=entity.mentions,
            documents=entity.documents,
        )
    edges: dict[tuple[str, str, str], _Edge] = {}
    sentences_with: dict[str, int] = defaultdict(int)
    total_sentences = 0
    for extraction in extractions:
        ids = {e.key: resolved.of(e.name).id for e in extraction.entities}
        total_sentences += extraction.sentence_count
        for entity_id, sent_ids in _sentences_by_entity(extraction, ids).items():
            sentences_with[entity_id] += len(sent_ids)
        for co in extraction.cooccurrences:
            a, b = ids[co.a_key], ids[co.b_key]
            if a == b:
                continue
            if b < a:
                a, b = b, a
            edge = edges.get((a, b, "cooccurrence"))
            if edge is None:
                edge = edges[(a, b, "cooccurrence")] = _Edge({"kind": "cooccurrence"})
            _support(edge, extraction, co.sent_id, max_evidence)
        for rel in extraction.relations:
            source, target = ids[rel.source_key], ids[rel.target_key]
            if source == target:
                continue
            if rel.symmetric:
                source, target = sorted((source, target))
            key = f"{'not ' if rel.negated else ''}{rel.predicate}"
            edge = edges.get((source, target, key))
            if edge is None:
                edge = edges[(source, target, key)] = _Edge({
                    "kind": "relation",
                    "predicate": rel.predicate,
                    "category": rel.category,
                    "negated": rel.negated,
                    "symmetric": rel.symmetric,
                    "modality": rel.modality,
                    "via_pronoun": rel.via_pronoun,
                })
            edge.attrs["via_pronoun"] = edge.attrs["via_pronoun"] and rel.via_pronoun  # true only if every sentence needed one
            if MODALITY_STRENGTH[rel.modality] > MODALITY_STRENGTH[edge.attrs["modality"]]:
                edge.attrs["modality"] = rel.modality
            _support(edge, extraction, rel.sent_id, max_evidence, rel.confidence)
    graph.graph["sentences"] = total_sentences
    for node, count in sentences_with.items():
        graph.nodes[node]["sentences"] = count
    for (source, target, key), edge in sorted(edges.items()):
        if edge.attrs["kind"] == "relation" and wrong_relations:
            # a symmetric relation is stored from the alphabetically first entity: either order names it
            named = [(source, predicate_key(key), target)]
            if edge.attrs["symmetric"]:
                named.append((target, predicate_key(key), source))
            hit = [k for k in named if k in wrong_relations]
            if hit:
                if found_wrong is not None:
                    found_wrong.update(hit)
                continue
        if edge.attrs["kind"] == "relation" and edge.doubt < 1.0:
            edge.attrs["confidence"] = round(1.0 - edge.doubt, 4)
            if edge.attrs["confidence"] < min_confidence:
                continue
        dates = {"first_seen": edge.dates[0], "last_seen": edge.dates[1]} if edge.dates else {}
        graph.add_edge(source, target, key=key, weight=len(edge.sentences), evidence=edge.evidence, **edge.attrs, **dates)
    return graph
