"""Association measures, metrics, communities and layout (graph.analyze)."""
from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analyze import analyze


def toy() -> nx.MultiDiGraph:
    """100 sentences: A in 10, B in 10, both in 10 (always together); C in 50, D in 50, both in 25 (chance)."""
    g = nx.MultiDiGraph(sentences=100)
    for name, count in {"A": 10, "B": 10, "C": 50, "D": 50, "E": 5}.items():
        g.add_node(name, label=name, type="PERSON", sentences=count, mentions=count)
    g.add_edge("A", "B", key="cooccurrence", kind="cooccurrence", weight=10, evidence=[])
    g.add_edge("C", "D", key="cooccurrence", kind="cooccurrence", weight=25, evidence=[])
    g.add_edge("A", "C", key="cooccurrence", kind="cooccurrence", weight=1, evidence=[])
    g.add_edge("D", "E", key="meet", kind="relation", predicate="meet", weight=2, evidence=[])
    return g


def test_pmi_and_npmi():
    g = analyze(toy())
    ab = g.edges["A", "B", "cooccurrence"]
    assert ab["pmi"] == pytest.approx(math.log2(0.1 / (0.1 * 0.1)), abs=1e-6)
    assert ab["npmi"] == pytest.approx(1.0)  # always together
    assert g.edges["C", "D", "cooccurrence"]["npmi"] == pytest.approx(0.0, abs=1e-6)  # exactly chance
    assert g.edges["A", "C", "cooccurrence"]["npmi"] < 0  # less than chance
    assert "npmi" not in g.edges["D", "E", "meet"]


def test_min_npmi_keeps_only_the_backbone():
    g = analyze(toy(), min_npmi=0.1)
    assert g.has_edge("A", "B") and not g.has_edge("C", "D") and not g.has_edge("A", "C")
    assert g.has_edge("D", "E")  # relations are never filtered
    assert g.graph["cooccurrence_dropped"] == 2


def test_metrics_communities_and_positions():
    g = analyze(toy())
    assert g.nodes["A"]["degree"] == 2 and g.nodes["A"]["weighted_degree"] == 11
    assert sum(d["pagerank"] for _, d in g.nodes(data=True)) == pytest.approx(1.0, abs=1e-4)
    assert g.nodes["C"]["betweenness"] > 0 and g.nodes["E"]["betweenness"] == 0
    assert g.nodes["A"]["community"] == g.nodes["B"]["community"]
    assert g.nodes["D"]["community"] == g.nodes["E"]["community"]
    assert all(isinstance(d["x"], float) and isinstance(d["y"], float) for _, d in g.nodes(data=True))
    again = analyze(toy())
    assert [again.nodes[n] for n in sorted(again)] == [g.nodes[n] for n in sorted(g)]


@pytest.mark.parametrize("seed", range(6))
def test_block_betweenness_equals_networkx(seed):
    """graph.betweenness is Brandes' algorithm in sparse-matrix form: on random graphs with
    isolated nodes, several components, stars and paths it gives networkx's numbers, exact and
    estimated from the same sampled sources."""
    from graph.betweenness import betweenness_centrality

    g = nx.gnm_random_graph(40 + 30 * seed, 60 + 25 * seed, seed=seed)
    g = nx.disjoint_union_all([g, nx.path_graph(7), nx.star_graph(5), nx.empty_graph(3)])
    g = nx.relabel_nodes(g, {i: f"n{i:03d}" for i in g})
    # networkx 3.5 changed how a sampled estimate is rescaled (source nodes apart); we follow it,
    # so on an older networkx (Python 3.10 gets 3.4) only the exact numbers can be compared.
    samples = (5, 37) if tuple(int(p) for p in nx.__version__.split(".")[:2]) >= (3, 5) else ()
    for k in (None, *samples):
        expected = nx.betweenness_centrality(g, k=k, seed=11)
        got = betweenness_centrality(g, k=k, seed=11)
        assert got.keys() == expected.keys()
        assert max(abs(got[v] - expected[v]) for v in g) < 1e-12
        assert any(value > 0 for value in got.values())


@pytest.mark.parametrize("nodes, p", [(2, 1.0), (60, 0.08), (399, 0.01)])
def test_spring_layout_equals_networkx(nodes, p):
    """graph.spring is networkx's dense spring layout with a cheaper distance: the same positions,
    float for float, on random graphs (written from networkx 3.5+, whose step threshold it copies)."""
    from graph.spring import spring_layout

    if tuple(int(part) for part in nx.__version__.split(".")[:2]) < (3, 5):
        pytest.skip(f"networkx {nx.__version__} lays out by its older step rule")
    g = nx.gnp_random_graph(nodes, p, seed=nodes)
    expected = nx.spring_layout(g, seed=7, iterations=50, scale=1000.0, weight=None)
    got = spring_layout(g, seed=7, iterations=50, scale=1000.0)
    assert list(got) == list(expected)
    assert all((got[v] == expected[v]).all() for v in g)
    assert len({tuple(xy) for xy in got.values()}) == nodes  # laid out, not stacked
