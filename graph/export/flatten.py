"""A copy of the graph that XML writers and Gephi accept: scalar values only.

Lists are joined with " | ", None values are dropped, every edge's key is a unique id
(``e0``, ``e1``… in sorted order, which the writers use as the XML edge id) and it gets a
``label`` (its predicate, or "co-occurs"), weights are floats and never 0, and evidence is
reduced to its first sentences in one string.

``flat_graph`` returns plain dicts and lists, not a networkx graph: the XML writers only iterate
over it, and building a ``MultiDiGraph`` was most of its cost (0.5 s for the full news corpus
graph, 15,872 nodes and 41,303 edges; 0.17 s now). ``write_outputs`` computes it once for both
writers, which only read it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import networkx as nx

from .xmlstream import SCALAR_TYPES, gc_paused

EVIDENCE_IN_ATTRIBUTE = 3
JOIN = " | "
# XML 1.0 forbids these characters even when escaped.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    if value.isascii() and value.isprintable():  # the common case, twice as fast as the regex
        return value
    return _XML_FORBIDDEN.sub("", value)


def scalar(value):
    """A str (XML-clean), int, float or bool: lists joined, numpy and other subclasses converted."""
    if isinstance(value, (list, tuple, set)):
        value = JOIN.join(str(v) for v in value)
    elif type(value) not in SCALAR_TYPES:
        if hasattr(value, "item"):
            value = value.item()  # numpy scalars
        for base in SCALAR_TYPES:
            if isinstance(value, base):
                value = base(value)
                break
    if isinstance(value, str):
        return xml_text(value)
    return value


def _scalars(attrs: dict, skip: str | None = None) -> dict:
    """``scalar`` of every value but None (and but ``skip`` when it is not a scalar); fast path first."""
    out = {}
    for key, value in attrs.items():
        kind = type(value)
        if kind is str:
            out[key] = xml_text(value)
        elif kind is int or kind is float or kind is bool:
            out[key] = value
        elif value is not None and key != skip:
            out[key] = scalar(value)
    return out


def edge_kind(attrs: dict) -> str:
    """What tells parallel edges apart: "cooccurrence", or the relation ("meet", "not meet")."""
    if attrs["kind"] == "cooccurrence":
        return "cooccurrence"
    return ("not " if attrs.get("negated") else "") + attrs["predicate"]


class FlatGraph(NamedTuple):
    """Scalar-only graph in a stable order; treat as read-only (both writers share one)."""

    graph: dict  # graph attributes
    nodes: dict[str, dict]  # node id -> attributes, in sorted order of the original ids
    edges: list[tuple[str, str, str, dict]]  # (source, target, edge id, attributes), sorted

    def to_networkx(self) -> nx.MultiDiGraph:
        """A networkx copy, e.g. for networkx's own writers (tests compare with them)."""
        out = nx.MultiDiGraph()
        out.graph.update(self.graph)
        out.add_nodes_from(self.nodes.items())
        out.add_edges_from(self.edges)
        return out


@gc_paused()
def flat_graph(graph: nx.MultiDiGraph) -> FlatGraph:
    """Scalar-only copy in a stable order."""
    attrs = {k: scalar(v) for k, v in graph.graph.items() if v is not None}
    nodes: dict[str, dict] = {}
    node_attrs = graph.nodes
    clean = {node: xml_text(node) for node in graph.nodes}
    for node in sorted(graph.nodes):
        if clean[node] in nodes:  # two ids that differ only in characters XML forbids: one node, as before
            nodes[clean[node]].update(_scalars(node_attrs[node]))
        else:
            nodes[clean[node]] = _scalars(node_attrs[node])
    edges: list[tuple[str, str, str, dict]] = []
    append = edges.append
    adjacency = dict(graph.adjacency())  # the plain dicts: much faster than the views of graph.adj
    for source in sorted(adjacency):  # edges sorted by (source, target, key)
        neighbours = adjacency[source]
        for target in sorted(neighbours):
            keyed = neighbours[target]
            for key in sorted(keyed) if len(keyed) > 1 else keyed:
                original = keyed[key]
                data = _scalars(original, skip="evidence")  # "kind" and "predicate" XML text already
                data.pop("evidence", None)
                data["label"] = data.get("predicate", "co-occurs")
                data["weight"] = float(max(original["weight"], 1))
                evidence = original.get("evidence", [])[:EVIDENCE_IN_ATTRIBUTE]
                data["evidence"] = xml_text(JOIN.join([f"[{e['doc']}] {e['sentence']}" for e in evidence]))
                append((clean[source], clean[target], f"e{len(edges)}", data))
    return FlatGraph(attrs, nodes, edges)
