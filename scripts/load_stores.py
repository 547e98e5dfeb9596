"""Load exports into the real graph stores and compare what they hold with graph.json.

    python scripts/load_stores.py OUT [OUT ...]      # folders built with --formats json,neo4j,ttl

For each folder: OUT/neo4j into an embedded Neo4j 5.26 twice (neo4j-admin database import full
with import.sh's arguments, and load.cypher's LOAD CSV; the tests/neo4j harness, Java 17 and
Maven), and OUT/graph.ttl into pyoxigraph. Prints, per store, the load time, the counts of
entities, edges and relations next to graph.json's, the labels or classes, the relation with the
most evidence and the number of two-hop relation paths, as one JSON object per folder.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from neo4j_harness import load_into_neo4j  # noqa: E402

NEO4J_QUERIES = [
    "MATCH (n:Entity) RETURN count(n) AS entities",
    "MATCH ()-[r]->() RETURN count(r) AS edges",
    "MATCH ()-[r]->() WHERE r.kind = 'relation' RETURN count(r) AS relations",
    "MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label <> 'Entity' "
    "RETURN label, count(*) AS n ORDER BY n DESC, label",
    "MATCH (a)-[r]->(b) WHERE r.kind = 'relation' RETURN a.id AS source, type(r) AS type, r.predicate AS predicate, "
    "b.id AS target, size(r.evidence) AS evidence, r.evidence[0] AS sentence ORDER BY evidence DESC, r.id LIMIT 1",
    "MATCH (:Entity)-[r1]->(:Entity)-[r2]->(:Entity) WHERE r1.kind = 'relation' AND r2.kind = 'relation' "
    "RETURN count(*) AS two_hop_paths",
]
SPARQL_PREFIXES = """PREFIX eg: <https://w3id.org/entity-graph/vocab#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
SPARQL = {
    "entities": "SELECT (COUNT(?e) AS ?n) WHERE { ?e a eg:Entity }",
    "edges": "SELECT (COUNT(?r) AS ?n) WHERE { { ?r a eg:Relation } UNION { ?r a eg:Cooccurrence } }",
    "relations": "SELECT (COUNT(?r) AS ?n) WHERE { ?r a eg:Relation }",
    "two_hop_paths": "SELECT (COUNT(*) AS ?n) WHERE { ?r1 a eg:Relation ; eg:target ?b . "
                     "?r2 a eg:Relation ; eg:source ?b . FILTER (?r1 != ?r2) }",
}
SPARQL_CLASSES = ("SELECT ?class (COUNT(?e) AS ?n) WHERE { ?e a eg:Entity, ?class FILTER (?class != eg:Entity "
                  "&& STRSTARTS(STR(?class), STR(eg:))) } GROUP BY ?class ORDER BY DESC(?n) ?class")
SPARQL_TOP = ("SELECT ?source ?predicate ?target (COUNT(?s) AS ?evidence) (SAMPLE(?s) AS ?sentence) WHERE { "
              "?r a eg:Relation ; eg:source ?a ; eg:target ?b ; eg:predicate ?predicate ; eg:evidence [ prov:value ?s ] . "
              "?a rdfs:label ?source . ?b rdfs:label ?target } GROUP BY ?r ?source ?predicate ?target "
              "ORDER BY DESC(?evidence) ?r LIMIT 1")


def graph_json(folder: Path) -> dict:
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    relations = sum(e["kind"] == "relation" for e in data["edges"])
    return {"entities": len(data["nodes"]), "edges": len(data["edges"]), "relations": relations,
            "types": dict(Counter(n.get("type") for n in data["nodes"]).most_common())}


def neo4j(folder: Path) -> dict:
    jobs = load_into_neo4j([("import", "import", folder / "neo4j"), ("cypher", "cypher", folder / "neo4j")],
                           NEO4J_QUERIES)
    out = {}
    for job in jobs:
        entities, edges, relations, labels, top, paths = job["results"]
        out[job["name"]] = {
            "import_seconds": round(job.get("import_seconds", 0.0), 2),
            "start_seconds": round(job["start_seconds"], 2),
            "load_seconds": round(job["load_seconds"], 2),
            **entities[0], **edges[0], **relations[0], **paths[0],
            "labels": {row["label"]: row["n"] for row in labels},
            "most_evidence": top[0] if top else None,
        }
    return out


def oxigraph(folder: Path) -> dict:
    import pyoxigraph as ox

    store = ox.Store()
    start = time.perf_counter()
    store.bulk_load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    seconds = time.perf_counter() - start

    def rows(query):
        return [{k.value: s[k.value].value for k in solutions.variables}
                for solutions in [store.query(SPARQL_PREFIXES + query)] for s in solutions]

    out = {"load_seconds": round(seconds, 2), "triples": len(store)}
    for name, query in SPARQL.items():
        out[name] = int(rows(query)[0]["n"])
    out["classes"] = {r["class"].rsplit("#", 1)[1]: int(r["n"]) for r in rows(SPARQL_CLASSES)}
    out["most_evidence"] = rows(SPARQL_TOP)[0] if out["relations"] else None
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        folder = Path(arg)
        report = {"folder": str(folder), "graph.json": graph_json(folder), "neo4j": neo4j(folder), "oxigraph": oxigraph(folder)}
        expected = report["graph.json"]
        stores = [report["neo4j"]["import"], report["neo4j"]["cypher"], report["oxigraph"]]
        report["counts_equal"] = all(s[k] == expected[k] for s in stores for k in ("entities", "edges", "relations"))
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
