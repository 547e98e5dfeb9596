"""Graphs for the graph-store tests (Neo4j, RDF): hostile text in every string, and the facts a
store must give back for any graph."""
from __future__ import annotations

import networkx as nx

from graph.analyze import analyze

HOSTILE_NAMES = [
    'say "hi" & <b>bye</b>',
    "it's > 2; and, more",
    "line\nbreak\r\nand CR",
    "tab\there",
    'back\\slash \\" and \\\\ end\\',
    '"""triple""" quotes',
    "<script>alert('x')</script>",
    "'}) MATCH (n) DETACH DELETE n //",
    '" . <urn:x> <urn:y> <urn:z> . #',
    "emoji \U0001F600 \U0001F1FA\U0001F1F8 ünïcödé 北京",
    "rtl \u202e mark \u200f",
    "  spaces  ",
    "$param {x} `tick` ${1:-neo4j}",
    "bell\x07 form\x0c feed",
    "-dash first, dot last.",
    ".dot~tilde~",
    "U.S.",
    "tilde~in.the-middle",
]
TYPES = ("PERSON", "ORG", "GPE", None, "WORK_OF_ART", "weird type!")


def hostile_graph() -> nx.MultiDiGraph:
    """Entities named with hostile strings, relations and co-occurrences whose predicates,
    categories, documents and evidence are hostile too; half the relations have a confidence."""
    g = nx.MultiDiGraph(title='a "title" <with> & markup', documents=2, sentences=9)
    for i, name in enumerate(HOSTILE_NAMES):
        g.add_node(name, label=name, type=TYPES[i % len(TYPES)], aliases=[name, f"{name}\t2", "a;b|c,d"],
                   mentions=i + 1, documents=1, sentences=1)
    pairs = list(zip(HOSTILE_NAMES, HOSTILE_NAMES[1:]))
    for i, (a, b) in enumerate(pairs):
        evidence = [{"doc": f'doc "{i}" <&>\\', "sentence": f'{a} and "{b}"\n met'},
                    {"doc": "second\ndoc", "sentence": HOSTILE_NAMES[(i + 3) % len(HOSTILE_NAMES)]}]
        g.add_edge(a, b, key="cooccurrence", kind="cooccurrence", weight=i % 3 + 1, evidence=evidence,
                   first_seen="2024-01-01", last_seen="2024-02-03")
        attrs = dict(kind="relation", predicate=f'meet "{i}" <&> \\', category=("consult", "assault", "consult\tx")[i % 3],
                     negated=i % 2 == 1, symmetric=i % 4 == 0, modality="reported", via_pronoun=False, weight=1,
                     evidence=evidence[:1])
        if i % 2 == 0:
            attrs["confidence"] = round(0.5 + i / 100, 4)
        g.add_edge(b, a, key="meet", **attrs)
    analyze(g)
    return g


def sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    """(edge id, source, target, attributes) with the exports' e<index> ids."""
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    return [(f"e{i}", u, v, d) for i, (u, v, _, d) in enumerate(edges)]


def two_hop_relation_paths(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, str, str]]:
    """Every a -r1-> b -r2-> c of relation edges (as stored, direction included), as
    (a, r1 id, b, r2 id, c) with r1 != r2: what a store's path query must find."""
    relations = [(eid, u, v) for eid, u, v, d in sorted_edges(graph) if d["kind"] == "relation"]
    by_source: dict[str, list] = {}
    for eid, u, v in relations:
        by_source.setdefault(u, []).append((eid, v))
    return sorted((u, e1, v, e2, w) for e1, u, v in relations for e2, w in by_source.get(v, [])
                  if e1 != e2)
