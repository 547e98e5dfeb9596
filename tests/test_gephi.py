"""graph.graphml and graph.gexf through Gephi's own importer (tests/gephi, Gephi toolkit 0.10.1)."""
from __future__ import annotations

import networkx as nx
import pytest

from conftest import ROOT, require
from gephi_harness import gephi_available, import_with_gephi
from graph import Document, build_graph
from graph.analyze import analyze
from graph.export import write_outputs

BAD_LEVELS = ("SEVERE", "CRITICAL", "WARNING")


@pytest.fixture(scope="module")
def gephi():
    ok, why = gephi_available()
    require(ok, f"Gephi import harness unavailable: {why}")
    return import_with_gephi


def issues(report: dict) -> list:
    return [i for i in report["issues"] if i["level"] in BAD_LEVELS]


def check_clean_import(gephi, graph: nx.MultiDiGraph, out) -> tuple[dict, dict]:
    write_outputs(graph, out, ("graphml", "gexf"))
    graphml = gephi(out / "graph.graphml")
    gexf = gephi(out / "graph.gexf")
    for report, reader in ((graphml, nx.read_graphml), (gexf, nx.read_gexf)):
        assert report["exit_code"] == 0 and issues(report) == [], report["issues"]
        back = reader(out / ("graph.graphml" if reader is nx.read_graphml else "graph.gexf"))
        assert report["node_count"] == back.number_of_nodes() == graph.number_of_nodes()
        assert report["edge_count"] == back.number_of_edges()
        assert report["nodes"]["with_nonempty_label"] == graph.number_of_nodes()
    assert gexf["edge_count"] == graph.number_of_edges()  # GEXF keeps every typed edge
    return graphml, gexf


def type_labels(report: dict) -> set[str]:
    return {t["label"] for t in report["edges"]["type_labels"] if t["label"]}


def column_titles(report: dict, which: str) -> set[str]:
    return {c["title"] for c in report[which]}


def test_example_graph_imports_clean(gephi, tmp_path):
    text = (ROOT / "examples" / "arctic_talks.txt").read_text(encoding="utf-8")
    graph = build_graph([Document("examples/arctic_talks.txt", text)])
    graphml, gexf = check_clean_import(gephi, graph, tmp_path)
    for report in (graphml, gexf):
        assert {"type", "aliases", "mentions", "pagerank", "community"} <= column_titles(report, "node_columns")
        assert {"kind", "evidence"} <= column_titles(report, "edge_columns")
        assert report["edges"]["weight"]["max"] >= 1
    relation_labels = {d["predicate"] for *_, d in graph.edges(data=True) if d["kind"] == "relation"}
    assert relation_labels <= set(gexf["edges"]["labels"])
    assert "cooccurrence" in type_labels(gexf)
    sample = gexf["nodes"]["sample"][0]
    assert (sample["r"], sample["g"], sample["b"]) != (0, 0, 0)  # viz colour read
    assert len({(n["x"], n["y"]) for n in gexf["nodes"]["sample"]}) > 1  # positions read


def test_exporter_pitfalls_do_not_reach_gephi(gephi, tmp_path):
    """Many attributes, None and list values, parallel relations and a weight-0 candidate."""
    g = nx.MultiDiGraph(sentences=10, title="pitfalls", documents=1, model="m", model_version="1")
    for name, kind in (("Alpha", "PERSON"), ("Beta", "ORG"), ("Gamma", "GPE")):
        g.add_node(name, label=name, type=kind, aliases=[name, name.upper()], mentions=2, documents=1,
                   sentences=3, extra=None, note=["a", "b"], score=0.5, rank=1, flag=True)
    for key, predicate in (("meet", "meet"), ("sue", "sue"), ("not meet", "meet")):
        g.add_edge("Alpha", "Beta", key=key, kind="relation", predicate=predicate, category="other",
                   negated=key.startswith("not"), symmetric=False, modality="asserted", weight=1,
                   evidence=[{"doc": "d", "sentence": "Alpha met Beta."}], extra=None)
    g.add_edge("Beta", "Alpha", key="sue", kind="relation", predicate="sue", category="accuse", negated=False,
               symmetric=False, modality="asserted", weight=2, evidence=[])
    g.add_edge("Alpha", "Beta", key="cooccurrence", kind="cooccurrence", weight=3, evidence=[])
    g.add_edge("Beta", "Gamma", key="cooccurrence", kind="cooccurrence", weight=0, evidence=[])  # never weight 0 in Gephi
    analyze(g)
    graphml, gexf = check_clean_import(gephi, g, tmp_path)
    assert type_labels(gexf) >= {"meet", "sue", "not meet", "cooccurrence"}
    assert graphml["edges"]["weight"]["min"] >= 1 and gexf["edges"]["weight"]["min"] >= 1


def test_dated_graph_imports_clean_and_dynamic(gephi, tmp_path):
    """Dated documents: edges with start/end, a dynamic graph with timeformat "date", and the
    last document date as the file's lastmodifieddate."""
    documents = [
        Document("a", "Chancellor Olaf Brandt met with President Ana Silva in Lisbon.", date="2024-03-01"),
        Document("b", "Olaf Brandt criticised Ana Silva. Germany and Portugal signed a trade deal.", date="2024-05-02"),
        Document("c", "Ana Silva visited Madrid. Spain welcomed Portugal."),
    ]
    graph = build_graph(documents)
    assert any("first_seen" in d for *_, d in graph.edges(data=True))
    graphml, gexf = check_clean_import(gephi, graph, tmp_path)
    text = (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and 'lastmodifieddate="2024-05-02"' in text
    assert gexf["edges"]["weight"]["min"] >= 1
