"""Graph analysis: association on co-occurrence edges, node metrics, communities and a layout.

Co-occurrence edges get PMI and NPMI over sentences (Bouma 2009, "Normalized (pointwise) mutual
information in collocation extraction"):

    p(a) = sentences naming a / all sentences,  p(a, b) = sentences naming both / all sentences
    PMI = log2 p(a, b) / (p(a) p(b)),           NPMI = PMI / -log2 p(a, b)  ∈ [-1, 1]

``min_npmi`` keeps only co-occurrence edges at or above that NPMI: pairs named together no more
often than chance (NPMI ≤ 0) are the hairball of a corpus graph.

Node metrics are computed on the undirected projection (both kinds of edge, weights summed):
``degree`` (distinct neighbours), ``weighted_degree``, ``pagerank``, ``betweenness`` (exact up to
``EXACT_BETWEENNESS_NODES`` nodes, else estimated from a fixed sample of sources) and Louvain
``community`` (numbered by size; an isolated node is its own). Positions ``x``/``y`` come from a seeded spring layout of the
most important nodes; the others are placed next to their laid-out neighbours. All of it is
deterministic: the same graph gives the same numbers.

With ``parallel`` (a build with more than one process), a forked child computes the layout while
this process computes betweenness and communities: the layout needs only the projection and
PageRank, and on a long text's graph it and betweenness are each a few tenths of a second that
would otherwise run one after the other on one core while the others idle.
"""
from __future__ import annotations

import hashlib
import math
import multiprocessing
from collections.abc import Callable

import networkx as nx

from .betweenness import betweenness_centrality
from .spring import spring_layout

SEED = 7
EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_SAMPLES = 100
LAYOUT_NODES = 400  # below networkx's 500-node switch to its slower "energy" method
LAYOUT_ITERATIONS = 50
LAYOUT_SCALE = 1000.0
DIGITS = 6


def add_association(graph: nx.MultiDiGraph) -> None:
    total = graph.graph.get("sentences", 0)
    for u, v, data in graph.edges(data=True):
        if data["kind"] != "cooccurrence" or not total or data["weight"] <= 0:
            continue
        p_ab = data["weight"] / total
        p_a = graph.nodes[u].get("sentences", data["weight"]) / total
        p_b = graph.nodes[v].get("sentences", data["weight"]) / total
        pmi = math.log2(p_ab / (p_a * p_b))
        npmi = 1.0 if p_ab >= 1 else pmi / -math.log2(p_ab)
        data["pmi"] = round(pmi, DIGITS)
        data["npmi"] = round(npmi, DIGITS)


def filter_cooccurrence(graph: nx.MultiDiGraph, min_npmi: float | None = None, min_weight: int = 1) -> int:
    """Drop co-occurrence edges below the thresholds; return how many were dropped."""
    doomed = [
        (u, v, k)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if d["kind"] == "cooccurrence"
        and (d["weight"] < min_weight or (min_npmi is not None and d.get("npmi", 1.0) < min_npmi))
    ]
    graph.remove_edges_from(doomed)
    return len(doomed)


def undirected_projection(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        if u == v:
            continue
        previous = simple.get_edge_data(u, v, {"weight": 0})["weight"]
        simple.add_edge(u, v, weight=previous + data["weight"])
    return simple


def _communities(simple: nx.Graph) -> dict[str, int]:
    # An isolated node is a community of its own; leaving the isolates out makes Louvain's
    # passes over a corpus graph several times faster and does not change the other communities'
    # modularity gain.
    connected = nx.Graph()
    connected.add_nodes_from(n for n in simple.nodes if simple.degree(n))
    connected.add_edges_from(simple.edges(data=True))
    groups = [{n} for n in simple.nodes if not simple.degree(n)]
    if connected.number_of_edges():
        groups += nx.community.louvain_communities(connected, weight="weight", seed=SEED)
    ordered = sorted(groups, key=lambda c: (-len(c), min(c)))
    return {node: index for index, group in enumerate(ordered) for node in group}


def _jitter(name: str, scale: float) -> tuple[float, float]:
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return ((digest[0] / 255 - 0.5) * scale, (digest[1] / 255 - 0.5) * scale)


def layout(simple: nx.Graph, importance: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of the ``LAYOUT_NODES`` most important nodes; the rest sit by the
    laid-out neighbours they share the most weight with, or on a ring outside."""
    if simple.number_of_nodes() == 0:
        return {}
    core = set(sorted(simple.nodes, key=lambda n: (-importance.get(n, 0.0), n))[:LAYOUT_NODES])
    # A real graph in sorted order: a subgraph view would iterate a set, in hash order.
    core_graph = nx.Graph()
    core_graph.add_nodes_from(n for n in simple.nodes if n in core)
    core_graph.add_edges_from((u, v) for u, v in simple.edges if u in core and v in core)
    pos = spring_layout(core_graph, seed=SEED, iterations=LAYOUT_ITERATIONS, scale=LAYOUT_SCALE)
    placed = {n: (float(p[0]), float(p[1])) for n, p in pos.items()}
    rest = [n for n in sorted(simple.nodes) if n not in placed]
    for index, node in enumerate(rest):
        anchors = [(simple[node][m]["weight"], m) for m in simple[node] if m in placed]
        if anchors:
            _, anchor = max(anchors, key=lambda a: (a[0], a[1]))
            dx, dy = _jitter(node, LAYOUT_SCALE * 0.08)
            placed[node] = (placed[anchor][0] + dx, placed[anchor][1] + dy)
        else:
            angle = 2 * math.pi * index / max(len(rest), 1)
            placed[node] = (1.3 * LAYOUT_SCALE * math.cos(angle), 1.3 * LAYOUT_SCALE * math.sin(angle))
    return placed


PARALLEL_MIN_NODES = 200  # a smaller graph's layout costs less than forking a process


def _in_child(work: Callable[[], dict]) -> Callable[[], dict]:
    """Start ``work()`` in a forked child; the returned function waits for its result (and raises
    the child's exception, or an error if the child ended without a result)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        try:
            send.send(("ok", work()))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
            send.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))

    child = context.Process(target=run, daemon=True)
    child.start()
    send.close()

    def result() -> dict:
        try:
            status, value = receive.recv()
        except EOFError:
            raise RuntimeError("the process computing the layout ended without a result") from None
        finally:
            child.join()
            receive.close()
        if status == "error":
            raise value
        return value

    return result


def analyze(graph: nx.MultiDiGraph, min_npmi: float | None = None, min_weight: int = 1, positions: bool = True,
            parallel: bool = False) -> nx.MultiDiGraph:
    """Add association measures, node metrics, communities and (optionally) positions in place;
    ``parallel``: the layout in a second process (see the module docstring)."""
    add_association(graph)
    dropped = filter_cooccurrence(graph, min_npmi, min_weight)
    graph.graph["cooccurrence_dropped"] = dropped
    simple = undirected_projection(graph)
    n = simple.number_of_nodes()
    pagerank = nx.pagerank(simple, weight="weight") if n else {}
    coords: Callable[[], dict] = (lambda: layout(simple, pagerank)) if positions else dict
    if (positions and parallel and n >= PARALLEL_MIN_NODES and "fork" in multiprocessing.get_all_start_methods()):
        coords = _in_child(coords)
    exact = n <= EXACT_BETWEENNESS_NODES
    betweenness = betweenness_centrality(simple, k=None if exact else BETWEENNESS_SAMPLES, seed=SEED)
    community = _communities(simple)
    coords = coords()
    for node in graph.nodes:
        attrs = graph.nodes[node]
        attrs["degree"] = simple.degree(node)
        attrs["weighted_degree"] = simple.degree(node, weight="weight")
        attrs["pagerank"] = round(pagerank.get(node, 0.0), DIGITS)
        attrs["betweenness"] = round(betweenness.get(node, 0.0), DIGITS)
        attrs["community"] = community[node]
        if node in coords:
            attrs["x"], attrs["y"] = round(coords[node][0], 2), round(coords[node][1], 2)
    return graph
