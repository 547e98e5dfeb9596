"""The neo4j/ export loaded into a real Neo4j 5.26 (tests/neo4j) both ways: the bulk importer
(neo4j-admin database import full, with import.sh's arguments) and load.cypher (LOAD CSV). The
seed article and a graph of hostile strings must come back exactly: counts, labels, every
property, a relation with its evidence and the two-hop paths."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED, require
from graph import Document, build_graph
from graph.export import write_outputs
from graph.export.entity_types import relationship_type, type_name
from graph.export.neo4j import ARRAY_DELIMITER
from neo4j_harness import import_arguments, load_into_neo4j, neo4j_available
from store_graphs import hostile_graph, sorted_edges, two_hop_relation_paths

QUERIES = [
    "MATCH (n:Entity) RETURN count(n) AS nodes",
    "MATCH ()-[r]->() RETURN count(r) AS edges",
    "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id",
    "MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS p ORDER BY r.id",
    "MATCH (a:Entity)-[r1]->(b:Entity)-[r2]->(c:Entity) WHERE r1.kind = 'relation' AND r2.kind = 'relation' "
    "RETURN a.id AS a, r1.id AS r1, b.id AS b, r2.id AS r2, c.id AS c ORDER BY a, r1, b, r2, c",
    "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes, properties",
    "MATCH (:Person {id: 'Donald Trump'})-[m:CONSULT {predicate: 'meet'}]->(:Person {id: 'Vladimir Putin'})"
    "-[i:ASSAULT {predicate: 'invade'}]->(u:GeopoliticalEntity) RETURN u.id AS place, m.evidence AS evidence",
]
NODE_PROPERTIES = {"name": "label", "type": "type", "aliases": "aliases", "mentions": "mentions",
                   "documents": "documents", "sentences": "sentences", "degree": "degree",
                   "weighted_degree": "weighted_degree", "pagerank": "pagerank", "betweenness": "betweenness",
                   "community": "community", "x": "x", "y": "y"}
EDGE_PROPERTIES = ("kind", "predicate", "category", "negated", "symmetric", "modality", "via_pronoun",
                   "confidence", "weight", "pmi", "npmi", "first_seen", "last_seen")


def seed_graph():
    """The seed article's graph, or None without ../shared (the seed tests then skip, or fail in CI)."""
    path = SHARED / "examples" / "seed_article.txt"
    return build_graph([Document("seed_article.txt", path.read_text(encoding="utf-8"))]) if path.is_file() else None


def needs(graphs: dict, name: str) -> None:
    require(name in graphs, f"{SHARED / 'examples' / 'seed_article.txt'} not found (set ENTITY_GRAPH_SHARED)")


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    out = {}
    for name, graph in (("seed", seed_graph()), ("hostile", hostile_graph())):
        if graph is None:
            continue
        folder = tmp_path_factory.mktemp(name)
        write_outputs(graph, folder, ("json", "neo4j"))
        out[name] = (graph, folder)
    return out


@pytest.fixture(scope="module")
def loaded(graphs):
    ok, why = neo4j_available()
    require(ok, f"Neo4j harness unavailable: {why}")
    jobs = [(f"{name}-{mode}", mode, folder / "neo4j") for name, (_, folder) in graphs.items()
            for mode in ("import", "cypher")]
    return {job["name"]: job for job in load_into_neo4j(jobs, QUERIES)}


def expected_nodes(graph) -> list[dict]:
    out = []
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        label = type_name(attrs.get("type"))
        properties = {"id": node}
        for prop, key in NODE_PROPERTIES.items():
            if attrs.get(key) is not None:
                value = attrs[key]
                properties[prop] = float(value) if prop in ("weighted_degree", "pagerank", "betweenness", "x", "y") else value
        out.append({"id": node, "labels": sorted(["Entity", label] if label else ["Entity"]), "p": properties})
    return out


def expected_edges(graph) -> list[dict]:
    out = []
    for edge_id, source, target, attrs in sorted_edges(graph):
        properties = {"id": edge_id, **{k: attrs[k] for k in EDGE_PROPERTIES if attrs.get(k) is not None}}
        if attrs.get("evidence"):
            properties["evidence"] = [e["sentence"] for e in attrs["evidence"]]
            properties["evidence_docs"] = [e["doc"] for e in attrs["evidence"]]
        out.append({"source": source, "target": target, "type": relationship_type(attrs), "p": properties})
    return out


@pytest.mark.parametrize("name", ["seed", "hostile"])
@pytest.mark.parametrize("mode", ["import", "cypher"])
def test_the_store_holds_exactly_the_graph(graphs, loaded, name, mode):
    needs(graphs, name)
    graph, folder = graphs[name]
    job = loaded[f"{name}-{mode}"]
    counts, edges, nodes, relationships, paths, constraints, _ = job["results"]
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    assert counts == [{"nodes": len(data["nodes"])}] and edges == [{"edges": len(data["edges"])}]
    assert len(data["nodes"]) == graph.number_of_nodes() > 5
    assert nodes == expected_nodes(graph)
    assert sorted(relationships, key=lambda r: int(r["p"]["id"][1:])) == expected_edges(graph)
    expected_paths = two_hop_relation_paths(graph)
    found = sorted((p["a"], p["r1"], p["b"], p["r2"], p["c"]) for p in paths)
    assert found == expected_paths and expected_paths
    assert {"type": "UNIQUENESS", "labelsOrTypes": ["Entity"], "properties": ["id"]} in constraints


@pytest.mark.parametrize("mode", ["import", "cypher"])
def test_seed_facts_by_cypher(graphs, loaded, mode):
    needs(graphs, "seed")
    *_, path = loaded[f"seed-{mode}"]["results"]
    assert [row["place"] for row in path] == ["Ukraine"]
    assert any("meet with Putin" in sentence for sentence in path[0]["evidence"])


def test_hostile_text_stays_in_the_csv_cells(graphs):
    """No document text in the Cypher or in import.sh; the export is byte-for-byte repeatable."""
    graph, folder = graphs["hostile"]
    for script in ("load.cypher", "constraints.cypher", "import.sh"):
        text = (folder / "neo4j" / script).read_text(encoding="utf-8")
        assert "DETACH DELETE" not in text and "<script>" not in text and "meet" not in text, script
    again = folder.parent / (folder.name + "-again")
    write_outputs(hostile_graph(), again, ("neo4j",))
    for path in sorted((folder / "neo4j").iterdir()):
        assert path.read_bytes() == (again / "neo4j" / path.name).read_bytes(), path.name
    assert import_arguments(folder / "neo4j")[:3] == ["database", "import", "full"]


def test_array_delimiter_and_nul_are_removed_not_split_on(tmp_path):
    g = hostile_graph()
    name = next(iter(sorted(g.nodes)))
    g.nodes[name]["aliases"] = [f"x{ARRAY_DELIMITER}y\0z", "w"]
    write_outputs(g, tmp_path, ("neo4j",))
    line = next(l for l in (tmp_path / "neo4j" / "nodes.csv").read_text(encoding="utf-8").splitlines()[1:] if "xyz" in l)
    assert f'"xyz{ARRAY_DELIMITER}w"' in line


def test_rewriting_replaces_the_whole_folder(tmp_path):
    graph = hostile_graph()
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / "stale.csv").write_text("old", encoding="utf-8")
    write_outputs(graph, tmp_path, ("neo4j",))
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == [
        "constraints.cypher", "import.sh", "load.cypher", "nodes.csv", "relationships.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]


def test_labels_and_relationship_types():
    assert [type_name(t) for t in ("PERSON", "GPE", "NORP", "WORK_OF_ART", "weird type!", "9x", None)] == [
        "Person", "GeopoliticalEntity", "Group", "WorkOfArt", "WeirdType", "T9x", None]
    assert relationship_type({"kind": "relation", "category": "consult"}) == "CONSULT"
    assert relationship_type({"kind": "relation", "category": "consult\tx"}) == "CONSULT_X"
    assert relationship_type({"kind": "relation"}) == "OTHER"
    assert relationship_type({"kind": "cooccurrence"}) == "CO_OCCURS_WITH"


def test_import_sh_runs_the_command_the_harness_tested(tmp_path):
    """import.sh, run by sh with a recording neo4j-admin first on PATH, passes exactly the
    arguments the bulk-import test gave the real importer (file names relative to the folder)."""
    import os
    import subprocess

    write_outputs(hostile_graph(), tmp_path / "out", ("neo4j",))
    folder = tmp_path / "out" / "neo4j"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "neo4j-admin").write_text('#!/bin/sh\nprintf "%s\\n" "$PWD" "$@"\n', encoding="utf-8")
    (bin_dir / "neo4j-admin").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_HOME"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    lines = subprocess.run(["sh", str(folder / "import.sh"), "my db"], capture_output=True, text=True, env=env,
                           check=True, cwd=tmp_path).stdout.splitlines()
    assert lines[0] == str(folder.resolve())
    expected = [a.replace(str(folder.resolve()) + "/", "") for a in import_arguments(folder, "my db")]
    assert lines[1:] == expected
    assert lines[1:4] == ["database", "import", "full"] and lines[-1] == "my db"
