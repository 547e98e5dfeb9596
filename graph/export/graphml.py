"""graph.graphml for Gephi (and any GraphML reader).

networkx's writer is used with the settings Gephi's importer needs: key ids named after the
attribute (default ids d3/d7 are read by Gephi as labels), a unique id on every edge (per-pair
multigraph keys collide), only scalar values (lists joined with " | ", no None), one Python type
per attribute, and no edge of weight 0. All edges are written directed (networkx cannot read a
mixed graph back); co-occurrence edges are told apart by ``kind`` = "cooccurrence", a column
Gephi can partition and filter on.
"""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from . import atomic_write

EVIDENCE_IN_ATTRIBUTE = 3
JOIN = " | "


def _scalar(value):
    if isinstance(value, (list, tuple, set)):
        return JOIN.join(str(v) for v in value)
    return value


def gephi_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only and a unique ``id`` per edge, in a stable order."""
    out = nx.MultiDiGraph()
    out.graph.update({k: _scalar(v) for k, v in graph.graph.items() if v is not None})
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        out.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for index, (source, target, key, attrs) in enumerate(edges):
        data = {k: _scalar(v) for k, v in attrs.items() if v is not None and k != "evidence"}
        data["label"] = attrs.get("predicate", "") if attrs["kind"] == "relation" else "co-occurs"
        data["weight"] = float(max(attrs["weight"], 1))
        data["evidence"] = JOIN.join(
            f"[{e['doc']}] {e['sentence']}" for e in attrs.get("evidence", [])[:EVIDENCE_IN_ATTRIBUTE]
        )
        data["eid"] = f"e{index}"
        out.add_edge(source, target, key=key, **data)
    return out


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(gephi_graph(graph), buffer, named_key_ids=True, edge_id_from_attribute="eid")
    return buffer.getvalue()


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(graphml_bytes(graph))
