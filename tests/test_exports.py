"""The export files: contents, read-back, determinism and atomic writes."""
from __future__ import annotations

import csv
import json
from xml.etree import ElementTree

import networkx as nx
import pytest

from graph.export import atomic_write, write_outputs
from graph.export.graphml import pair_graph

TEXT = (
    "Prime Minister Kenji Sato met with Chancellor Olaf Brandt in Berlin. "
    "Sato said Japan and Germany would cooperate on batteries. "
    "Brandt later told Reuters that Germany wanted more trade with Japan. "
    "Japan criticised Germany over the tariffs, and Germany sanctioned Japan in return."
)
FORMATS = ("json", "graphml", "gexf", "csv")


@pytest.fixture(scope="module")
def built(graph_of, tmp_path_factory):
    graph = graph_of(TEXT)
    out = tmp_path_factory.mktemp("exports")
    write_outputs(graph, out, FORMATS)
    return graph, out


def test_json_is_node_link_with_the_documented_fields(built):
    graph, out = built
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    assert len(data["nodes"]) == graph.number_of_nodes() > 0
    for node in data["nodes"]:
        assert {"id", "label", "type", "aliases", "mentions", "degree", "pagerank", "betweenness", "community"} <= node.keys()
    assert {e["kind"] for e in data["edges"]} == {"relation", "cooccurrence"}
    for edge in data["edges"]:
        assert {"source", "target", "kind", "weight", "evidence"} <= edge.keys()
        assert edge["weight"] >= 1
        assert all(set(ev) == {"doc", "sentence"} for ev in edge["evidence"])
        if edge["kind"] == "relation":
            assert edge["predicate"] and edge["category"] and edge["modality"]
        else:
            assert -1 <= edge["npmi"] <= 1
    sato = next(n for n in data["nodes"] if n["id"] == "Kenji Sato")
    assert sato["type"] == "PERSON" and "Sato" in sato["aliases"]


def test_graphml_has_one_edge_per_ordered_pair_and_reads_back(built):
    graph, out = built
    back = nx.read_graphml(out / "graph.graphml")
    expected = pair_graph(graph)
    assert not back.is_multigraph()
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(expected.edges)
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["label"]
        assert back.nodes[node]["type"] == attrs["type"]
        assert back.nodes[node]["aliases"] == " | ".join(attrs["aliases"])
        assert back.nodes[node]["pagerank"] == pytest.approx(attrs["pagerank"])
    for u, v, data in expected.edges(data=True):
        for key in ("kind", "label", "weight", "cooccurrence_weight"):
            assert back.edges[u, v][key] == data[key]
    # every relation and every co-occurrence of the multigraph is in the pair view
    relation_weight = sum(d["weight"] for *_, d in graph.edges(data=True) if d["kind"] == "relation")
    assert sum(d["weight"] for *_, d in back.edges(data=True) if d["kind"] == "relation") == relation_weight
    co = {frozenset((u, v)): d["weight"] for u, v, d in graph.edges(data=True) if d["kind"] == "cooccurrence"}
    seen = {}
    for u, v, d in back.edges(data=True):
        if d["cooccurrence_weight"]:
            seen[frozenset((u, v))] = d["cooccurrence_weight"]
    assert seen == co


def test_graphml_uses_named_keys_and_unique_edge_ids(built):
    _, out = built
    xml = (out / "graph.graphml").read_text(encoding="utf-8")
    assert 'id="d3"' not in xml and 'id="d7"' not in xml  # Gephi reads d3/d7 as labels
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = ElementTree.fromstring(xml.encode("utf-8")).findall(".//g:edge", ns)
    ids = [edge.get("id") for edge in edges]
    assert None not in ids and len(ids) == len(set(ids)) > 0


def test_gexf_keeps_every_edge_with_its_kind_and_reads_back(built):
    graph, out = built
    back = nx.read_gexf(out / "graph.gexf")
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    root = ElementTree.fromstring((out / "graph.gexf").read_bytes())
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    kinds = sorted(e.get("kind") for e in root.iter("{http://www.gexf.net/1.2draft}edge"))
    expected = sorted(
        "cooccurrence" if d["kind"] == "cooccurrence" else ("not " if d["negated"] else "") + d["predicate"]
        for *_, d in graph.edges(data=True)
    )
    assert kinds == expected
    for node in root.iter("{http://www.gexf.net/1.2draft}node"):
        assert node.find("viz:color", ns) is not None and node.find("viz:position", ns) is not None
        assert float(node.find("viz:size", ns).get("value")) > 0
    original = sorted((u, v, d["kind"], float(d["weight"])) for u, v, d in graph.edges(data=True))
    read = sorted((u, v, d["kind"], float(d["weight"])) for u, v, d in back.edges(data=True))
    assert read == original
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["label"] and back.nodes[node]["type"] == attrs["type"]


def test_csv_has_gephi_spreadsheet_columns(built):
    graph, out = built
    with (out / "nodes.csv").open(encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with (out / "edges.csv").open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:3] == ["Id", "Label", "Type"]
    assert list(edges[0])[:4] == ["Source", "Target", "Type", "Weight"]
    assert {n["Id"] for n in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert {e["Type"] for e in edges} <= {"Directed", "Undirected"}
    assert {e["Kind"] for e in edges} == {"relation", "cooccurrence"}


def test_outputs_are_deterministic(graph_of, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(graph_of(TEXT), first, FORMATS)
    write_outputs(graph_of(TEXT), second, FORMATS)
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half a fi")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]
