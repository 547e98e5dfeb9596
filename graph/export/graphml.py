"""graph.graphml: one edge per ordered pair of nodes, for Gephi and any GraphML reader.

GraphML has no edge type, so Gephi's importer merges every edge that has the same source and
target (weights summed, attributes of the first kept) — measured with Gephi 0.10.1's importer,
see tests/test_gephi.py. networkx in turn cannot read back a GraphML file that mixes directed and
undirected edges. So graph.graphml holds a directed graph with at most one edge per ordered pair:

- all relations from A to B become one edge, ``kind`` = "relation", ``label`` = the predicates
  joined with " | " (most supported first), ``weight`` = their summed weight, ``categories`` and
  ``predicates`` as columns;
- the co-occurrence of A and B is its own edge, ``kind`` = "cooccurrence", written in the
  direction that has no relation edge; when relations run both ways it is folded into the A→B
  relation edge (A the alphabetically first), which then keeps ``kind`` = "relation";
- every edge has ``cooccurrence_weight`` (sentences naming both; 0 when none), ``npmi`` when
  known, and up to three evidence sentences.

graph.gexf keeps every relation as its own typed edge (GEXF has ``kind``); use it when the
multigraph matters. The writer settings follow what Gephi needs: key ids named after the
attribute (default ids d3/d7 are read by Gephi as labels), unique edge ids, scalar values only.
"""
from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import networkx as nx

from . import atomic_write
from .flatten import EVIDENCE_IN_ATTRIBUTE, JOIN, flat_graph, xml_text


def _relation_edge(parts: list[dict]) -> dict:
    parts = sorted(parts, key=lambda d: (-d["weight"], d["label"]))
    evidence = [s for d in parts for s in d["evidence"].split(JOIN) if s][:EVIDENCE_IN_ATTRIBUTE]
    return {
        "kind": "relation",
        "label": JOIN.join(("not " if d.get("negated") else "") + d["predicate"] for d in parts),
        "predicates": JOIN.join(d["predicate"] for d in parts),
        "categories": JOIN.join(sorted({d["category"] for d in parts})),
        "negated": all(d.get("negated") for d in parts),
        "symmetric": all(d.get("symmetric") for d in parts),
        "weight": float(sum(d["weight"] for d in parts)),
        "cooccurrence_weight": 0,
        "evidence": JOIN.join(evidence),
    }


def pair_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The one-edge-per-ordered-pair view written to GraphML."""
    flat = flat_graph(graph)
    out = nx.DiGraph()  # no graph attributes: Gephi warns about each one and ignores it
    out.add_nodes_from(flat.nodes(data=True))
    relations: dict[tuple[str, str], list[dict]] = defaultdict(list)
    cooccurrences: dict[tuple[str, str], dict] = {}
    for u, v, data in flat.edges(data=True):
        if data["kind"] == "relation":
            relations[(u, v)].append(data)
        else:
            cooccurrences[(u, v)] = data
    for (u, v), parts in sorted(relations.items()):
        out.add_edge(u, v, **_relation_edge(parts))
    for (a, b), data in sorted(cooccurrences.items()):
        attrs = {
            "kind": "cooccurrence",
            "label": "co-occurs",
            "weight": data["weight"],
            "cooccurrence_weight": int(data["weight"]),
            "evidence": data["evidence"],
        }
        if "npmi" in data:
            attrs["npmi"] = data["npmi"]
        if not out.has_edge(a, b):
            out.add_edge(a, b, **attrs)
        elif not out.has_edge(b, a):
            out.add_edge(b, a, **attrs)
        else:
            out.edges[a, b]["cooccurrence_weight"] = attrs["cooccurrence_weight"]
            if "npmi" in attrs:
                out.edges[a, b]["npmi"] = attrs["npmi"]
    for index, (u, v, data) in enumerate(sorted(out.edges(data=True), key=lambda e: (e[0], e[1]))):
        data["id"] = f"e{index}"  # Gephi reads an "id" key as the edge id, not as a column
        data["evidence"] = xml_text(data["evidence"])
    return out


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(pair_graph(graph), buffer, named_key_ids=True, edge_id_from_attribute="id")
    return buffer.getvalue()


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(graphml_bytes(graph))
