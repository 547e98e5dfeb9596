"""A copy of the graph that XML writers and Gephi accept: scalar values only.

Lists are joined with " | ", None values are dropped, every edge's key is a unique id
(``e0``, ``e1``… in sorted order, which the writers use as the XML edge id) and it gets a
``label`` (its predicate, or "co-occurs"), weights are floats and never 0, and evidence is
reduced to its first sentences in one string.
"""
from __future__ import annotations

import re

import networkx as nx

EVIDENCE_IN_ATTRIBUTE = 3
JOIN = " | "
# XML 1.0 forbids these characters even when escaped.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return _XML_FORBIDDEN.sub("", value)


def scalar(value):
    if isinstance(value, (list, tuple, set)):
        value = JOIN.join(str(v) for v in value)
    if isinstance(value, str):
        return xml_text(value)
    return value


def edge_kind(attrs: dict) -> str:
    """What tells parallel edges apart: "cooccurrence", or the relation ("meet", "not meet")."""
    if attrs["kind"] == "cooccurrence":
        return "cooccurrence"
    return ("not " if attrs.get("negated") else "") + attrs["predicate"]


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Scalar-only copy in a stable order."""
    out = nx.MultiDiGraph()
    out.graph.update({k: scalar(v) for k, v in graph.graph.items() if v is not None})
    for node in sorted(graph.nodes):
        out.add_node(xml_text(node), **{k: scalar(v) for k, v in graph.nodes[node].items() if v is not None})
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for index, (source, target, key, attrs) in enumerate(edges):
        data = {k: scalar(v) for k, v in attrs.items() if v is not None and k != "evidence"}
        data["label"] = scalar(attrs.get("predicate", "co-occurs"))
        data["weight"] = float(max(attrs["weight"], 1))
        data["evidence"] = xml_text(
            JOIN.join(f"[{e['doc']}] {e['sentence']}" for e in attrs.get("evidence", [])[:EVIDENCE_IN_ATTRIBUTE])
        )
        data["kind"] = xml_text(attrs["kind"])
        out.add_edge(xml_text(source), xml_text(target), key=f"e{index}", **data)
    return out
