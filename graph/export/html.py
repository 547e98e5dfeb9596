"""graph.html: one self-contained page drawn with pyvis / vis-network, no network access.

pyvis builds the node and edge records and supplies vis-network 9.1.2. The page itself comes
from this package's template, rendered through a Jinja environment that searches our template
folder and pyvis's: pyvis 0.3.2's own template always links Bootstrap from a CDN, inserts the
heading unescaped and switches to an innerHTML popup when any title contains "href".

Untrusted text (names, sentences) reaches the page only as JSON inside ``<script>`` via Jinja's
``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) or as autoescaped text, and vis-network
shows string titles as plain text.
"""
from __future__ import annotations

import math
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from . import atomic_write

TEMPLATE_DIR = Path(__file__).parent / "templates"
PYVIS_TEMPLATE_DIR = Path(pyvis.__file__).parent / "templates"
TYPE_COLOURS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "GPE": "#59a14f",
    "NORP": "#b07aa1",
    "LOC": "#76b7b2",
    "FAC": "#9c755f",
    "EVENT": "#e15759",
}
OTHER_COLOUR = "#bab0ac"
RELATION_COLOUR = "#d62728"
COOCCURRENCE_COLOUR = "#c8c8c8"
EVIDENCE_IN_TOOLTIP = 3
STABILIZATION_ITERATIONS = 300


def _node_title(node: str, attrs: dict, degree: int) -> str:
    aliases = ", ".join(attrs.get("aliases", [])) or node
    return (
        f"{node}\nType: {attrs.get('type', '')}\nAliases: {aliases}\n"
        f"Mentions: {attrs.get('mentions', 0)}\nConnections: {degree}"
    )


def _edge_title(source: str, target: str, attrs: dict) -> str:
    if attrs["kind"] == "relation":
        arrow = "↔" if attrs.get("symmetric") else "→"
        negated = "not " if attrs.get("negated") else ""
        head = f"{source} {arrow} {target}: {negated}{attrs['predicate']}"
    else:
        head = f"{source} — {target}: in the same sentence"
    lines = [f"{head} (weight {attrs['weight']})"]
    for item in attrs.get("evidence", [])[:EVIDENCE_IN_TOOLTIP]:
        lines.append(f"[{item['doc']}] {item['sentence']}")
    return "\n".join(lines)


def build_network(graph: nx.MultiDiGraph) -> Network:
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        net.add_node(
            node,
            label=node,
            title=_node_title(node, attrs, graph.degree(node)),
            color=TYPE_COLOURS.get(attrs.get("type"), OTHER_COLOUR),
            size=round(10 + 6 * math.sqrt(attrs.get("mentions", 1))),
            type=attrs.get("type", ""),
        )
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for index, (source, target, key, attrs) in enumerate(edges):
        relation = attrs["kind"] == "relation"
        directed = relation and not attrs.get("symmetric")
        net.add_edge(
            source,
            target,
            id=f"e{index}",
            title=_edge_title(source, target, attrs),
            label=attrs.get("predicate") if relation else None,
            arrows="to" if directed else "",
            color=RELATION_COLOUR if relation else COOCCURRENCE_COLOUR,
            dashes=bool(attrs.get("negated")),
            width=(1.5 if relation else 0.5) + math.log2(attrs["weight"]),
        )
    net.options = {
        "physics": {
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "fit": True},
        },
        "edges": {"smooth": False, "font": {"size": 10, "align": "middle"}},
        "nodes": {"shape": "dot", "font": {"size": 14}},
        "layout": {"randomSeed": 7, "improvedLayout": len(graph) <= 100},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    }
    return net


def render_html(graph: nx.MultiDiGraph) -> str:
    net = build_network(graph)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATE_DIR), str(PYVIS_TEMPLATE_DIR)]),
        autoescape=True,
        keep_trailing_newline=True,
    )
    relations = sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "relation")
    types = sorted({graph.nodes[n].get("type", "") for n in graph.nodes})
    return env.get_template("graph.html.j2").render(
        title=graph.graph.get("title", "Entity graph"),
        meta=graph.graph,
        node_count=graph.number_of_nodes(),
        relation_count=relations,
        cooccurrence_count=graph.number_of_edges() - relations,
        legend=[(t, TYPE_COLOURS.get(t, OTHER_COLOUR)) for t in types],
        nodes=net.nodes,
        edges=net.edges,
        options=net.options,
    )


def write_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int = 300, min_weight: int = 1) -> None:
    html = render_html(graph)
    with atomic_write(path) as handle:
        handle.write(html)
