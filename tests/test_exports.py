"""graph.json and graph.graphml: contents, read-back and atomic writes."""
from __future__ import annotations

import json
from xml.etree import ElementTree

import networkx as nx
import pytest

from graph.export import atomic_write, write_outputs

TEXT = (
    "Prime Minister Kenji Sato met with Chancellor Olaf Brandt in Berlin. "
    "Sato said Japan and Germany would cooperate on batteries. "
    "Brandt later told Reuters that Germany wanted more trade with Japan."
)


@pytest.fixture(scope="module")
def built(graph_of, tmp_path_factory):
    graph = graph_of(TEXT)
    out = tmp_path_factory.mktemp("exports")
    write_outputs(graph, out, ("json", "graphml"))
    return graph, out


def test_json_is_node_link_with_the_documented_fields(built):
    graph, out = built
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    assert len(data["nodes"]) == graph.number_of_nodes() > 0
    for node in data["nodes"]:
        assert {"id", "label", "type", "aliases", "mentions"} <= node.keys()
        assert node["id"] in node["aliases"] or node["aliases"]
    kinds = {e["kind"] for e in data["edges"]}
    assert kinds == {"relation", "cooccurrence"}
    for edge in data["edges"]:
        assert {"source", "target", "kind", "weight", "evidence"} <= edge.keys()
        assert edge["weight"] >= 1
        assert all(set(ev) == {"doc", "sentence"} for ev in edge["evidence"])
        if edge["kind"] == "relation":
            assert edge["predicate"]
    sato = next(n for n in data["nodes"] if n["id"] == "Kenji Sato")
    assert sato["type"] == "PERSON" and "Sato" in sato["aliases"]


def test_graphml_reads_back_with_labels_types_and_weights(built):
    graph, out = built
    back = nx.read_graphml(out / "graph.graphml")
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["label"]
        assert back.nodes[node]["type"] == attrs["type"]
        assert back.nodes[node]["aliases"] == " | ".join(attrs["aliases"])
    original = sorted((u, v, d["kind"], d.get("predicate", ""), float(d["weight"])) for u, v, d in graph.edges(data=True))
    read = sorted((u, v, d["kind"], d.get("predicate", ""), d["weight"]) for u, v, d in back.edges(data=True))
    assert read == original


def test_graphml_uses_named_keys_and_unique_edge_ids(built):
    _, out = built
    xml = (out / "graph.graphml").read_text(encoding="utf-8")
    assert 'id="d3"' not in xml and 'id="d7"' not in xml  # Gephi reads d3/d7 as labels
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = ElementTree.fromstring(xml.encode("utf-8")).findall(".//g:edge", ns)
    ids = [edge.get("id") for edge in edges]
    assert None not in ids and len(ids) == len(set(ids)) > 0


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half a fi")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]
