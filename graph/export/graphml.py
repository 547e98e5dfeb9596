"""graph.graphml: one edge per ordered pair of nodes, for Gephi and any GraphML reader.

GraphML has no edge type, so Gephi's importer merges every edge that has the same source and
target (weights summed, attributes of the first kept) — measured with Gephi 0.10.1's importer,
see tests/test_gephi.py. networkx in turn cannot read back a GraphML file that mixes directed and
undirected edges. So graph.graphml holds a directed graph with at most one edge per ordered pair:

- all relations from A to B become one edge, ``kind`` = "relation", ``label`` = the predicates
  joined with " | " (most supported first), ``weight`` = their summed weight, ``confidence`` the
  highest of theirs (when the model gave one), ``categories`` and
  ``predicates`` as columns;
- the co-occurrence of A and B is its own edge, ``kind`` = "cooccurrence", written in the
  direction that has no relation edge; when relations run both ways it is folded into the A→B
  relation edge (A the alphabetically first), which then keeps ``kind`` = "relation";
- every edge has ``cooccurrence_weight`` (sentences naming both; 0 when none), ``npmi`` when
  known, and up to three evidence sentences.

graph.gexf keeps every relation as its own typed edge (GEXF has ``kind``); use it when the
multigraph matters. The file follows what Gephi needs: key ids named after the attribute
(default ids d3/d7 are read by Gephi as labels), unique edge ids (also written as an ``id``
column, which Gephi reads as the edge id), scalar values only, no graph-level data (Gephi warns
about each one and ignores it).

We write the XML ourselves instead of with ``networkx.write_graphml_xml``: it builds an
ElementTree of the whole file before serialising it, which took 2.9 s for the full news corpus
graph (15,872 nodes, 41,303 edges; 4.7-5.9 s on a slower machine, where this one-pass writer
takes 0.5 s with the flattening, see ``xmlstream``). The file is byte for byte what networkx
wrote — the same ``<key>``s (id = name; ``attr.type`` boolean for bool, long for int, double for
float, string for str), values, order, edge ids and ``edgedefault="directed"`` — except where
networkx was wrong: an attribute with int and float values gets one double key (networkx wrote
two keys with the same id), and a carriage return in element text is written as ``&#13;`` (a
raw one reads back as a newline). tests/test_exports.py checks that ``nx.read_graphml`` reads
both writers' files to the same graph.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable

import networkx as nx

from . import atomic_write
from .flatten import EVIDENCE_IN_ATTRIBUTE, JOIN, FlatGraph, flat_graph
from .xmlstream import (
    XML_DECLARATION,
    XML_TYPE_NAMES,
    Layouts,
    escape_attr,
    escape_text,
    gc_paused,
    literal,
    picker,
    text_needs_escape,
    write_parts,
)

HEADER = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


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
        **({"confidence": max(confidences)} if (confidences := [d["confidence"] for d in parts if "confidence" in d]) else {}),
    }


@gc_paused()
def pair_edges(flat: FlatGraph) -> list[tuple[str, str, dict]]:
    """The edges of the one-edge-per-ordered-pair view, each with its ``id``."""
    relations: dict[tuple[str, str], list[dict]] = defaultdict(list)
    cooccurrences: dict[tuple[str, str], dict] = {}
    for u, v, _, data in flat.edges:  # sorted by (u, v)
        if data["kind"] == "relation":
            relations[(u, v)].append(data)
        else:
            cooccurrences[(u, v)] = data
    pairs = {pair: _relation_edge(parts) for pair, parts in relations.items()}
    for (a, b), data in cooccurrences.items():
        attrs = {
            "kind": "cooccurrence",
            "label": "co-occurs",
            "weight": data["weight"],
            "cooccurrence_weight": int(data["weight"]),
            "evidence": data["evidence"],
        }
        if "npmi" in data:
            attrs["npmi"] = data["npmi"]
        if (a, b) not in pairs:
            pairs[(a, b)] = attrs
        elif (b, a) not in pairs:
            pairs[(b, a)] = attrs
        else:
            pairs[(a, b)]["cooccurrence_weight"] = attrs["cooccurrence_weight"]
            if "npmi" in attrs:
                pairs[(a, b)]["npmi"] = attrs["npmi"]
    # ids in (u, v) order; the edges in the order networkx wrote them (by source, the relations
    # first), so the file stays byte for byte what it was
    for index, pair in enumerate(sorted(pairs)):
        pairs[pair]["id"] = f"e{index}"  # Gephi reads an "id" key as the edge id, not as a column
    by_source: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for (u, v), data in pairs.items():
        by_source[u].append((u, v, data))
    return [edge for node in flat.nodes for edge in by_source.get(node, ())]


def pair_graph(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> nx.DiGraph:
    """The one-edge-per-ordered-pair view written to GraphML, as a networkx graph."""
    flat = flat if flat is not None else flat_graph(graph)
    out = nx.DiGraph()  # no graph attributes: Gephi warns about each one and ignores it
    out.add_nodes_from(flat.nodes.items())
    out.add_edges_from(pair_edges(flat))
    return out


def _layouts(tag: str, lead: str) -> Layouts:
    """%-format strings for ``<node>``/``<edge>`` elements; ``lead`` holds the fields of the XML
    attributes, the attribute values follow as ``<data>`` lines."""

    def build(names: tuple[str, ...], kinds: tuple[type, ...]) -> tuple[str, Callable]:
        strings = picker([i for i, kind in enumerate(kinds) if kind is str])
        if not names:
            return f"    <{tag} {lead} />\n", strings
        lines = "".join(f'      <data key="{literal(escape_attr(name))}">%s</data>\n' for name in names)
        return f"    <{tag} {lead}>\n{lines}    </{tag}>\n", strings

    return Layouts(build)


def _element(layouts: Layouts, lead: tuple, attrs: dict) -> str:
    (form, strings), values = layouts.get(attrs)
    texts = strings(values)
    if text_needs_escape("".join(texts)):  # rare: escape value by value
        values = tuple(escape_text(v) if type(v) is str else v for v in values)
    element = form % (lead + values)  # %s is str(v) for bool, int and float, as networkx writes them
    if "" in texts:  # an empty value: <data key="k" />, as ElementTree writes it
        element = element.replace('"></data>', '" />')  # only there: values have no "<"
    return element


@gc_paused()
def graphml_parts(flat: FlatGraph) -> list[str]:
    """graph.graphml as strings to concatenate, made in one pass over the flat graph."""
    ids = {node: escape_attr(node) for node in flat.nodes}
    node_layouts = _layouts("node", 'id="%s"')
    edge_layouts = _layouts("edge", 'source="%s" target="%s" id="%s"')
    body = [_element(node_layouts, (ids[node],), attrs) for node, attrs in flat.nodes.items()]
    body += [
        _element(edge_layouts, (ids[u], ids[v], escape_attr(str(attrs["id"]))), attrs) for u, v, attrs in pair_edges(flat)
    ]
    keys = [
        f'  <key id="{escape_attr(name)}" for="{scope}" attr.name="{escape_attr(name)}" '
        f'attr.type="{XML_TYPE_NAMES[kind]}" />\n'
        for scope, layouts in (("node", node_layouts), ("edge", edge_layouts))
        for name, kind in layouts.types.items()
    ][::-1]  # networkx's order: each new key went first
    if body:
        graph = ['  <graph edgedefault="directed">\n', *body, "  </graph>\n"]
    else:
        graph = ['  <graph edgedefault="directed" />\n']
    return [XML_DECLARATION, HEADER, *keys, *graph, "</graphml>\n"]


def graphml_bytes(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> bytes:
    return "".join(graphml_parts(flat if flat is not None else flat_graph(graph))).encode("utf-8")


def write_graphml(graph: nx.MultiDiGraph, path: Path, flat: FlatGraph | None = None) -> None:
    """Write graph.graphml; ``flat`` is ``flat_graph(graph)`` when the caller already has it."""
    parts = graphml_parts(flat if flat is not None else flat_graph(graph))
    with atomic_write(path, "wb") as handle:
        write_parts(handle, parts)
