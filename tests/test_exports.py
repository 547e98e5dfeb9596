"""The export files: contents, read-back, determinism and atomic writes."""
from __future__ import annotations

import copy
import csv
import io
import json
from xml.etree import ElementTree

import networkx as nx
import pytest
from networkx.readwrite.gexf import GEXFWriter

import graph as package
from graph import Document, build_graph
from graph.analyze import analyze
from graph.export import atomic_write, write_outputs
from graph.export.flatten import edge_kind, flat_graph
from graph.export.gexf import _sizes, gexf_bytes
from graph.export.graphml import graphml_bytes, pair_graph
from graph.export.style import rgb, type_colour
from graph.ingest import iter_documents

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
        assert all({"doc", "sentence"} <= set(ev) <= {"doc", "sentence", "confidence", "date", "title", "url"}
                   for ev in edge["evidence"])
        if edge["kind"] == "relation":
            assert 0.0 < edge["confidence"] <= 1.0 and all("confidence" in ev for ev in edge["evidence"])
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


# The writers used to be networkx's ElementTree writers; ours must read back to the same graph.

GEXF_NS = "{http://www.gexf.net/1.2draft}"


def networkx_graphml(graph: nx.MultiDiGraph) -> bytes:
    """graph.graphml as networkx's writer made it."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(pair_graph(graph), buffer, named_key_ids=True, edge_id_from_attribute="id")
    return buffer.getvalue()


def networkx_gexf(graph: nx.MultiDiGraph) -> bytes:
    """graph.gexf as networkx's GEXFWriter made it (plus the edge kinds set on its tree)."""
    flat = flat_graph(graph).to_networkx()
    sizes = _sizes(dict(flat.nodes(data=True)))
    for node, data in flat.nodes(data=True):
        r, g, b = rgb(type_colour(data.get("type")))
        viz = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": sizes[node]}
        if "x" in data and "y" in data:
            viz["position"] = {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0}
        data["viz"] = viz
    kinds = {}
    for *_, key, data in flat.edges(keys=True, data=True):
        kinds[key] = edge_kind(data)
        data["id"] = key
        if "first_seen" in data:
            data["start"], data["end"] = data.pop("first_seen"), data.pop("last_seen")
    writer = GEXFWriter(version="1.2draft", prettyprint=True)
    writer.add_graph(flat)
    for element in writer.xml.iter("edge"):
        element.set("kind", kinds[element.get("id")])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def assert_same_graph(ours: nx.Graph, theirs: nx.Graph) -> None:
    """Same type, graph attributes, nodes, edges (with keys) and attribute values, exactly."""
    assert type(ours) is type(theirs) and ours.graph == theirs.graph
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    def edges(g):
        return sorted(g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True), key=lambda e: e[:-1])
    assert edges(ours) == edges(theirs)


def gexf_edge_kinds(data: bytes) -> dict[str, str]:
    root = ElementTree.fromstring(data)
    return {e.get("id"): e.get("kind") for e in root.iter(f"{GEXF_NS}edge")}


def assert_reads_back_like_networkx(graph: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    graphml, gexf = graphml_bytes(graph), gexf_bytes(graph)
    assert_same_graph(nx.read_graphml(io.BytesIO(graphml)), nx.read_graphml(io.BytesIO(networkx_graphml(graph))))
    assert graphml == networkx_graphml(graph)  # even byte for byte (no CR in text, no int/float mix here)
    reference = networkx_gexf(graph)
    back = nx.read_gexf(io.BytesIO(gexf))
    assert_same_graph(back, nx.read_gexf(io.BytesIO(reference)))
    assert back.number_of_edges() == graph.number_of_edges()
    assert gexf_edge_kinds(gexf) == gexf_edge_kinds(reference)
    return graphml, gexf


def test_our_xml_writers_read_back_like_networkx_ones(built):
    graph, out = built
    graphml, gexf = assert_reads_back_like_networkx(graph)
    assert (out / "graph.graphml").read_bytes() == graphml and (out / "graph.gexf").read_bytes() == gexf


HOSTILE = ['say "hi" & <b>bye</b>', "it's > 2", "line\nbreak", "tab\there", "emoji \U0001F600 \U0001F1FA\U0001F1F8",
           "rtl \u202e mark \u200f", "\u05e9\u05dc\u05d5\u05dd <\u05e2\u05d5\u05dc\u05dd>", "]]> &amp; &#10;",
           "  spaces  ", "bell\x07 form\x0c feed"]


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(title='a "title" <with> & markup', documents=1, sentences=4, date="2024-01-01 – 2024-02-03")
    for i, name in enumerate(HOSTILE):
        g.add_node(name, label=name, type=("PERSON", "ORG", None)[i % 3], aliases=[name, f"{name}\t2"], mentions=i + 1,
                   documents=1, sentences=1, note=f'{name} "quoted"\nnext line\ttab', flag=i % 2 == 0, empty="")
    for i, (a, b) in enumerate(zip(HOSTILE, HOSTILE[1:])):
        g.add_edge(a, b, key="cooccurrence", kind="cooccurrence", weight=i % 3,
                   evidence=[{"doc": f"<d{i}>&", "sentence": f'{a} and "{b}"\n met'}],
                   first_seen="2024-01-01", last_seen="2024-02-03")
        g.add_edge(b, a, key="meet", kind="relation", predicate=f'meet "{i}" <&>', category="consult\tx",
                   negated=i % 2 == 1, symmetric=False, modality="asserted", weight=1,
                   evidence=[{"doc": "d", "sentence": a}])
    analyze(g)
    scores = [0.5, float("inf"), -float("inf"), 2.0]
    for i, node in enumerate(HOSTILE):
        g.nodes[node]["score"] = scores[i % 4]  # networkx writes INF/-INF in GEXF
    return g


def test_hostile_strings_read_back_like_networkx(tmp_path):
    graph = hostile_graph()
    graphml, gexf = assert_reads_back_like_networkx(graph)
    clean = {name: name.replace("\x07", "").replace("\x0c", "") for name in HOSTILE}  # XML forbids these
    for data, reader in ((graphml, nx.read_graphml), (gexf, nx.read_gexf)):
        back = reader(io.BytesIO(data))
        assert set(back.nodes) == set(clean.values())
        for name, node in clean.items():
            assert back.nodes[node]["label"] == node
            assert back.nodes[node]["note"] == f'{node} "quoted"\nnext line\ttab'
            assert back.nodes[node]["aliases"] == f"{node} | {node}\t2"


def test_carriage_returns_survive_the_round_trip():
    """networkx wrote a raw CR in element content, which parsers read as a newline; we keep it."""
    g = nx.MultiDiGraph()
    g.add_node("a\rb", label="a\rb", type="ORG", mentions=1)
    g.add_node("c", label="c", type="ORG", mentions=1)
    g.add_edge("a\rb", "c", key="cooccurrence", kind="cooccurrence", weight=1,
               evidence=[{"doc": "d", "sentence": "x\ry"}])
    for data, reader in ((graphml_bytes(g), nx.read_graphml), (gexf_bytes(g), nx.read_gexf)):
        back = reader(io.BytesIO(data))
        assert back.nodes["a\rb"]["label"] == "a\rb"
        assert next(iter(back.edges(data=True)))[2]["evidence"] == "[d] x\ry"


def test_column_types_follow_all_values():
    """bool boolean, int long, float double, str string; ints and floats mixed are double."""
    g = nx.MultiDiGraph()
    for i, value in enumerate([1, 2.5, 3]):
        g.add_node(f"n{i}", label=f"n{i}", type="ORG", mixed=value, count=i, flag=i == 1, name=f"x{i}")
    g.add_edge("n0", "n1", key="cooccurrence", kind="cooccurrence", weight=1, evidence=[], npmi=0)
    g.add_edge("n1", "n2", key="cooccurrence", kind="cooccurrence", weight=1, evidence=[], npmi=0.25)
    root = ElementTree.fromstring(graphml_bytes(g))
    key_elements = list(root.iter("{http://graphml.graphdrawing.org/xmlns}key"))
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in key_elements}
    assert keys[("node", "mixed")] == "double" and keys[("node", "count")] == "long"
    assert keys[("node", "flag")] == "boolean" and keys[("node", "name")] == "string"
    assert keys[("edge", "npmi")] == "double"
    assert len(keys) == len(key_elements)  # one key per column, whatever the mix of types
    back = nx.read_graphml(io.BytesIO(graphml_bytes(g)))
    assert [back.nodes[n]["mixed"] for n in ("n0", "n1", "n2")] == [1.0, 2.5, 3.0]
    assert back.nodes["n1"]["flag"] is True and back.nodes["n0"]["flag"] is False
    root = ElementTree.fromstring(gexf_bytes(g))
    types = {a.get("title"): a.get("type") for a in root.iter(f"{GEXF_NS}attribute")}
    assert (types["mixed"], types["count"], types["flag"], types["npmi"]) == ("double", "long", "boolean", "double")
    back = nx.read_gexf(io.BytesIO(gexf_bytes(g)))
    assert [back.nodes[n]["mixed"] for n in ("n0", "n1", "n2")] == [1.0, 2.5, 3.0]


def test_dated_gexf_is_dynamic_and_dated_by_its_documents(nlp, tmp_path):
    path = tmp_path / "news.jsonl"
    records = [
        {"id": "a", "date": "2024-03-01", "text": "Chancellor Olaf Brandt met with President Ana Silva in Lisbon."},
        {"id": "b", "date": "2024-05-02", "text": "Olaf Brandt criticised Ana Silva. Portugal signed a deal."},
        {"id": "c", "text": "Ana Silva visited Madrid. Spain welcomed Portugal."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    graph = build_graph([d for d in iter_documents([str(path)]) if isinstance(d, Document)])
    assert graph.graph["date"] == "2024-03-01 – 2024-05-02"
    _, gexf = assert_reads_back_like_networkx(graph)
    root = ElementTree.fromstring(gexf)
    element = root.find(f"{GEXF_NS}graph")
    reference = ElementTree.fromstring(networkx_gexf(graph)).find(f"{GEXF_NS}graph")
    assert element.attrib == reference.attrib == {"defaultedgetype": "directed", "mode": "dynamic", "name": "",
                                                  "timeformat": "date"}
    edges = list(root.iter(f"{GEXF_NS}edge"))
    dated = [e for e in edges if e.get("start")]
    assert dated and all(e.get("start") <= e.get("end") for e in dated)
    assert {e.get("start") for e in dated} <= {"2024-03-01", "2024-05-02"}
    assert len(dated) < len(edges)  # the undated document's edges have no interval
    meta = root.find(f"{GEXF_NS}meta")
    assert meta.get("lastmodifieddate") == "2024-05-02"  # the last document date, not today's
    assert meta.find(f"{GEXF_NS}creator").text == f"entity-graph {package.__version__}"


def test_gexf_does_not_depend_on_the_clock(built, monkeypatch):
    graph, out = built
    meta = ElementTree.fromstring((out / "graph.gexf").read_bytes()).find(f"{GEXF_NS}meta")
    assert "lastmodifieddate" not in meta.attrib  # undated documents: no date at all
    import time

    monkeypatch.setattr(time, "strftime", lambda *_: "1999-12-31")
    monkeypatch.setattr(time, "time", lambda: 946_684_799.0)
    assert gexf_bytes(graph) == (out / "graph.gexf").read_bytes()


def test_writers_share_one_flat_graph_and_leave_it_unchanged(built, tmp_path, monkeypatch):
    graph, out = built
    import graph.export.flatten as flatten

    calls = []
    monkeypatch.setattr(flatten, "flat_graph", lambda g: calls.append(g) or flat_graph(g))
    write_outputs(graph, tmp_path, ("graphml", "gexf"))
    assert len(calls) == 1
    flat = flat_graph(graph)
    before = copy.deepcopy(flat)
    assert gexf_bytes(graph, flat) == (out / "graph.gexf").read_bytes()
    assert graphml_bytes(graph, flat) == (out / "graph.graphml").read_bytes()
    assert flat == before
    for name in ("graph.graphml", "graph.gexf"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
