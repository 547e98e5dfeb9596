"""graph.ttl loaded into a real RDF store (pyoxigraph, an embedded SPARQL database): the seed
article and a graph of hostile strings come back exactly through SPARQL, with the same counts,
labels, classes, relations with their evidence and documents, and two-hop paths as the Neo4j
test."""
from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from conftest import SHARED, require
from graph import Document, build_graph
from graph.export import write_outputs
from graph.export.entity_types import schema_class, type_name
from graph.export.rdf import BASE, VOCAB, literal
from store_graphs import hostile_graph, sorted_edges, two_hop_relation_paths

try:
    import pyoxigraph as ox
except ImportError:  # the test extra: pip install -e .[test]
    ox = None

PREFIXES = f"""PREFIX eg: <{VOCAB}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
EDGE_PROPERTIES = {"predicate": "predicate", "category": "category", "negated": "negated", "symmetric": "symmetric",
                   "modality": "modality", "viaPronoun": "via_pronoun", "confidence": "confidence",
                   "weight": "weight", "pmi": "pmi", "npmi": "npmi", "firstSeen": "first_seen", "lastSeen": "last_seen"}


@pytest.fixture(scope="module", autouse=True)
def _pyoxigraph():
    require(ox is not None, "pyoxigraph is not installed (pip install -e .[test])")


def seed_graph():
    """The seed article's graph, or None without ../shared (the seed tests then skip, or fail in CI)."""
    path = SHARED / "examples" / "seed_article.txt"
    return build_graph([Document("seed_article.txt", path.read_text(encoding="utf-8"))]) if path.is_file() else None


def needs(graphs: dict, name: str) -> None:
    require(name in graphs, f"{SHARED / 'examples' / 'seed_article.txt'} not found (set ENTITY_GRAPH_SHARED)")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    out = {}
    for name, graph in (("seed", seed_graph()), ("hostile", hostile_graph())):
        if graph is None:
            continue
        folder = tmp_path_factory.mktemp(name)
        write_outputs(graph, folder, ("json", "ttl"))
        store = ox.Store()
        store.load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)
        out[name] = (graph, folder, store)
    return out


def select(store, query: str) -> list[dict]:
    """Rows of a SELECT query as {variable: Python value} (IRIs as str, literals as their value)."""
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for name in names:
            term = solution[name]
            if term is None:
                row[name] = None
            elif isinstance(term, ox.Literal):
                kind = term.datatype.value.rsplit("#", 1)[-1]
                row[name] = {"integer": int, "double": float, "boolean": lambda v: v == "true"}.get(kind, str)(term.value)
            else:
                row[name] = term.value
        rows.append(row)
    return rows


def entity_id(iri: str) -> str:
    assert iri.startswith(BASE + "entity/"), iri
    return unquote(iri[len(BASE + "entity/"):], errors="strict")


def edge_id(iri: str) -> str:
    assert iri.startswith(BASE + "edge/"), iri
    return iri[len(BASE + "edge/"):]


@pytest.mark.parametrize("name", ["seed", "hostile"])
def test_counts_equal_graph_json(stores, name):
    needs(stores, name)
    graph, folder, store = stores[name]
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    (counts,) = select(store, """SELECT
        (COUNT(DISTINCT ?e) AS ?entities) WHERE { ?e a eg:Entity }""")
    assert counts["entities"] == len(data["nodes"]) == graph.number_of_nodes() > 5
    (edges,) = select(store, "SELECT (COUNT(?r) AS ?n) WHERE { { ?r a eg:Relation } UNION { ?r a eg:Cooccurrence } }")
    assert edges["n"] == len(data["edges"])
    (relations,) = select(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a eg:Relation }")
    assert relations["n"] == sum(e["kind"] == "relation" for e in data["edges"])


@pytest.mark.parametrize("name", ["seed", "hostile"])
def test_entities_come_back_exactly(stores, name):
    needs(stores, name)
    graph, _, store = stores[name]
    rows = select(store, "SELECT ?e ?label ?type ?mentions WHERE { ?e a eg:Entity ; rdfs:label ?label ; eg:mentions ?mentions "
                         "OPTIONAL { ?e eg:type ?type } }")
    found = {entity_id(r["e"]): (r["label"], r["type"], r["mentions"]) for r in rows}
    assert found == {n: (a["label"], a.get("type"), a["mentions"]) for n, a in graph.nodes(data=True)}
    aliases = select(store, "SELECT ?e ?alias WHERE { ?e a eg:Entity ; schema:alternateName ?alias }")
    got = {(entity_id(r["e"]), r["alias"]) for r in aliases}
    assert got == {(n, a) for n, attrs in graph.nodes(data=True) for a in attrs["aliases"]}
    classes = select(store, "SELECT ?e ?class WHERE { ?e a eg:Entity, ?class }")
    got = {(entity_id(r["e"]), r["class"]) for r in classes}
    expected = set()
    for node, attrs in graph.nodes(data=True):
        expected.add((node, VOCAB + "Entity"))
        if type_name(attrs.get("type")):
            expected.add((node, VOCAB + type_name(attrs["type"])))
        if schema_class(attrs.get("type")):
            expected.add((node, "https://schema.org/" + schema_class(attrs["type"])))
    assert got == expected


@pytest.mark.parametrize("name", ["seed", "hostile"])
def test_every_edge_with_its_properties_evidence_and_documents(stores, name):
    needs(stores, name)
    graph, _, store = stores[name]
    found = {}
    for row in select(store, "SELECT ?r ?kind ?s ?t WHERE { ?r a ?kind ; eg:source ?s ; eg:target ?t }"):
        if row["kind"] in (VOCAB + "Relation", VOCAB + "Cooccurrence"):
            found[edge_id(row["r"])] = {"kind": row["kind"].rsplit("#", 1)[1].lower(), "source": entity_id(row["s"]),
                                        "target": entity_id(row["t"]), "evidence": set(), "documents": set()}
    for prop, key in EDGE_PROPERTIES.items():
        for row in select(store, f"SELECT ?r ?v WHERE {{ ?r eg:{prop} ?v }}"):
            found[edge_id(row["r"])][key] = row["v"]
    for row in select(store, "SELECT ?r ?sentence ?doc WHERE { ?r eg:evidence [ prov:value ?sentence ; "
                             "prov:wasQuotedFrom [ schema:identifier ?doc ] ] }"):
        found[edge_id(row["r"])]["evidence"].add((row["doc"], row["sentence"]))
    for row in select(store, "SELECT ?r ?doc WHERE { ?r prov:wasDerivedFrom [ schema:identifier ?doc ] }"):
        found[edge_id(row["r"])]["documents"].add(row["doc"])
    expected = {}
    for eid, source, target, attrs in sorted_edges(graph):
        evidence = {(e["doc"], e["sentence"]) for e in attrs["evidence"]}
        expected[eid] = {"kind": "relation" if attrs["kind"] == "relation" else "cooccurrence", "source": source,
                         "target": target, "evidence": evidence, "documents": {d for d, _ in evidence},
                         **{k: attrs[k] for k in EDGE_PROPERTIES.values() if attrs.get(k) is not None}}
    assert found == expected
    if name == "hostile":
        assert any("confidence" in e for e in found.values()) and any(
            "confidence" not in e for e in found.values() if e["kind"] == "relation")


@pytest.mark.parametrize("name", ["seed", "hostile"])
def test_two_hop_paths(stores, name):
    needs(stores, name)
    graph, _, store = stores[name]
    rows = select(store, "SELECT ?a ?r1 ?b ?r2 ?c WHERE { ?r1 a eg:Relation ; eg:source ?a ; eg:target ?b . "
                         "?r2 a eg:Relation ; eg:source ?b ; eg:target ?c . FILTER (?r1 != ?r2) }")
    found = sorted((entity_id(r["a"]), edge_id(r["r1"]), entity_id(r["b"]), edge_id(r["r2"]), entity_id(r["c"]))
                   for r in rows)
    assert found == two_hop_relation_paths(graph) and found


def test_seed_facts_by_sparql(stores):
    needs(stores, "seed")
    _, _, store = stores["seed"]
    rows = select(store, """SELECT ?place ?sentence WHERE {
        ?m a eg:Relation ; eg:source ?trump ; eg:target ?putin ; eg:predicate "meet" ; eg:category "consult" ;
           eg:evidence [ prov:value ?sentence ] .
        ?trump rdfs:label "Donald Trump" ; a schema:Person .
        ?putin rdfs:label "Vladimir Putin" .
        ?i a eg:Relation ; eg:source ?putin ; eg:target ?u ; eg:predicate "invade" ; eg:category "assault" .
        ?u a eg:GeopoliticalEntity, schema:AdministrativeArea ; rdfs:label ?place }""")
    assert {r["place"] for r in rows} == {"Ukraine"}
    assert any("meet with Putin" in r["sentence"] for r in rows)


def test_hostile_text_adds_no_triples_and_is_repeatable(stores, tmp_path):
    graph, folder, store = stores["hostile"]
    subjects = {r["s"] for r in select(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }")}
    allowed = {BASE + "entity/", BASE + "edge/", BASE + "document/", VOCAB}
    assert all(any(s.startswith(prefix) for prefix in allowed) for s in subjects), subjects
    assert not any(s.startswith("urn:") for s in subjects)
    write_outputs(hostile_graph(), tmp_path, ("ttl",))
    assert (tmp_path / "graph.ttl").read_bytes() == (folder / "graph.ttl").read_bytes()


def test_literal_escaping_round_trips_every_character():
    text = "".join(chr(c) for c in range(0, 0x250)) + '"""\\\u2028\u2029\U0001F600'
    store = ox.Store()
    store.load(input=f"<urn:a> <urn:b> {literal(text)} .\n".encode("utf-8"), format=ox.RdfFormat.TURTLE)
    (quad,) = list(store)
    assert quad.object.value == text
    assert literal("\ud800x") == '"\ufffdx"'


def test_numbers_of_numpy_and_python_types():
    import numpy as np

    assert [literal(v) for v in (np.float64(0.25), np.int64(3), np.bool_(True), 0.1, 7, False)] == [
        '"0.25"^^xsd:double', "3", "true", '"0.1"^^xsd:double', "7", "false"]
    assert literal(float("inf")) is None and literal(float("nan")) is None


def test_the_command_line_writes_both_store_formats(tmp_path):
    from graph.cli import main

    text = tmp_path / "note.txt"
    text.write_text("Chancellor Olaf Brandt met with President Ana Silva in Lisbon.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(text), "--out", str(out), "--formats", "ttl,neo4j", "--no-cache", "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "neo4j"]
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    labels = {r["label"] for r in select(store, "SELECT ?label WHERE { ?e a eg:Person ; rdfs:label ?label }")}
    assert labels == {"Olaf Brandt", "Ana Silva"}
    assert (out / "neo4j" / "nodes.csv").read_text(encoding="utf-8").count("\n") == 4  # header and 3 entities
