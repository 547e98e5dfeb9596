"""Records → one networkx ``MultiDiGraph``.

Nodes are canonical entities (id = canonical name). Between two nodes there is at most one
``cooccurrence`` edge (stored from the alphabetically first id; it has no direction) and one
``relation`` edge per predicate and polarity, directed from agent to patient; symmetric
relations are stored from the alphabetically first id. Each edge's ``weight`` is the number of
distinct sentences that support it; ``evidence`` keeps up to ``max_evidence`` of them. A
relation's ``modality`` is the most certain one among its sentences.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

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


def _support(edge: _Edge, extraction: DocExtraction, sent_id: int, max_evidence: int) -> None:
    ref = (extraction.doc_id, sent_id)
    if ref in edge.sentences:
        return
    edge.sentences.add(ref)
    if len(edge.evidence) < max_evidence:
        edge.evidence.append({"doc": extraction.doc_id, "sentence": extraction.sentences[sent_id]})


def assemble(
    extractions: Iterable[DocExtraction],
    resolved: ResolvedEntities,
    metadata: dict,
    max_evidence: int = MAX_EVIDENCE,
) -> nx.MultiDiGraph:
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
    for extraction in extractions:
        ids = {e.key: resolved.of(e.name).id for e in extraction.entities}
        for co in extraction.cooccurrences:
            a, b = sorted((ids[co.a_key], ids[co.b_key]))
            if a == b:
                continue
            edge = edges.setdefault((a, b, "cooccurrence"), _Edge({"kind": "cooccurrence"}))
            _support(edge, extraction, co.sent_id, max_evidence)
        for rel in extraction.relations:
            source, target = ids[rel.source_key], ids[rel.target_key]
            if source == target:
                continue
            if rel.symmetric:
                source, target = sorted((source, target))
            key = f"{'not ' if rel.negated else ''}{rel.predicate}"
            attrs = {
                "kind": "relation",
                "predicate": rel.predicate,
                "category": rel.category,
                "negated": rel.negated,
                "symmetric": rel.symmetric,
                "modality": rel.modality,
            }
            edge = edges.setdefault((source, target, key), _Edge(attrs))
            if MODALITY_STRENGTH[rel.modality] > MODALITY_STRENGTH[edge.attrs["modality"]]:
                edge.attrs["modality"] = rel.modality
            _support(edge, extraction, rel.sent_id, max_evidence)
    for (source, target, key), edge in sorted(edges.items()):
        graph.add_edge(source, target, key=key, weight=len(edge.sentences), evidence=edge.evidence, **edge.attrs)
    return graph
