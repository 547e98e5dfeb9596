"""The ``neo4j/`` folder: CSV files for Neo4j's bulk importer and a Cypher script for LOAD CSV.

Files (Neo4j 5; the Cypher also runs on 4.4):

* ``nodes.csv``: one row per entity, header ``id:ID(Entity),:LABEL,name,type,aliases:string[],
  mentions:long,...``: the id is the entity's canonical name (graph.json's ``id``), ``:LABEL``
  the label of its type (``Person``, ``Organization``, ``GeopoliticalEntity``...,
  ``entity_types.py``); every node also gets the label ``Entity`` (``--nodes=Entity=nodes.csv``).
* ``relationships.csv``: one row per edge of graph.json, header ``:START_ID(Entity),
  :END_ID(Entity),:TYPE,id,kind,predicate,...,evidence:string[],evidence_docs:string[]``. The
  type is the relation's category in upper case (``CONSULT``, ``ASSAULT``...) or
  ``CO_OCCURS_WITH``; the predicate, negation, modality, confidence and evidence are properties.
  ``id`` is the edge id of edges.csv and graph.html (``e0``, ``e1``...).
* ``import.sh``: the ``neo4j-admin database import full`` command for these files.
* ``constraints.cypher``: the uniqueness constraint on ``Entity.id`` (run after a bulk import).
* ``load.cypher``: the constraint, then ``LOAD CSV`` of both files into a running server, in
  transactions of 1,000 rows, as ``cypher-shell -f load.cypher`` runs it.

CSV dialect, chosen so that one file reads the same in both loaders with their defaults except
one flag: every string is quoted and a quote or backslash inside it is escaped with a
backslash (``\\"``, ``\\\\``). That is what ``LOAD CSV`` reads by default
(``dbms.import.csv.legacy_quote_escaping=true``) and what ``neo4j-admin`` reads with
``--legacy-style-quoting=true``; RFC 4180's doubled quotes would break LOAD CSV on a backslash
before a quote. Values may hold newlines (``--multiline-fields=true``). Array elements are
separated by U+001F (unit separator, ``--array-delimiter=U+001F``), which is removed from the
text, as NUL is. Empty cells are absent properties. Floats are Python's shortest repr.

Text from the documents appears only inside quoted CSV cells, never in the Cypher: the scripts
hold only fixed text and labels and types reduced to ASCII letters, digits and underscores.
"""
from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from . import atomic_write
from .entity_types import relationship_type, type_name

ARRAY_DELIMITER = "\x1f"
BATCH_ROWS = 1000
# (header, attribute, type) of each column after the id and label columns; types as in the header
NODE_COLUMNS = (
    ("name", "label", "string"), ("type", "type", "string"), ("aliases", "aliases", "string[]"),
    ("mentions", "mentions", "long"), ("documents", "documents", "long"), ("sentences", "sentences", "long"),
    ("degree", "degree", "long"), ("weighted_degree", "weighted_degree", "double"),
    ("pagerank", "pagerank", "double"), ("betweenness", "betweenness", "double"),
    ("community", "community", "long"), ("x", "x", "double"), ("y", "y", "double"),
)
EDGE_COLUMNS = (
    ("id", None, "string"), ("kind", "kind", "string"), ("predicate", "predicate", "string"),
    ("category", "category", "string"), ("negated", "negated", "boolean"), ("symmetric", "symmetric", "boolean"),
    ("modality", "modality", "string"), ("via_pronoun", "via_pronoun", "boolean"),
    ("confidence", "confidence", "double"), ("weight", "weight", "long"), ("pmi", "pmi", "double"),
    ("npmi", "npmi", "double"), ("first_seen", "first_seen", "string"), ("last_seen", "last_seen", "string"),
    ("evidence", None, "string[]"), ("evidence_docs", None, "string[]"),
)
ID_HEADER, LABEL_HEADER = "id:ID(Entity)", ":LABEL"
START_HEADER, END_HEADER, TYPE_HEADER = ":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"
CONSTRAINT = "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n"
IMPORT_OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true", "--legacy-style-quoting=true")
_CLEAN = str.maketrans("", "", "\0" + ARRAY_DELIMITER)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(value) -> str:
    return _quoted(str(value).translate(_CLEAN))


def _cell(value, kind: str) -> str:
    """One CSV cell; "" (no property) for None, an empty list or a number that is not finite."""
    if value is None:
        return ""
    if kind == "string[]":
        items = list(value) if isinstance(value, (list, tuple, set)) else [value]
        return _quoted(ARRAY_DELIMITER.join(str(v).translate(_CLEAN) for v in items)) if items else ""
    if kind == "string":
        return _text(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "long":
        return str(int(value))
    number = float(value)
    return repr(number) if math.isfinite(number) else ""


def _header(columns) -> list[str]:
    return [name if kind == "string" else f"{name}:{kind}" for name, _, kind in columns]


def sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    """(edge id, source, target, attributes) in edges.csv order, with edges.csv's ids."""
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    return [(f"e{index}", source, target, attrs) for index, (source, target, _, attrs) in enumerate(edges)]


def write_nodes(graph: nx.MultiDiGraph, path: Path) -> set[str]:
    """nodes.csv; returns the labels used."""
    labels = set()
    with atomic_write(path) as handle:
        handle.write(",".join([ID_HEADER, LABEL_HEADER, *_header(NODE_COLUMNS)]) + "\n")
        for node in sorted(graph.nodes):
            attrs = graph.nodes[node]
            label = type_name(attrs.get("type"))
            if label:
                labels.add(label)
            cells = [_text(node), label or ""]
            cells += [_cell(attrs.get(key), kind) for _, key, kind in NODE_COLUMNS]
            handle.write(",".join(cells) + "\n")
    return labels


def write_relationships(graph: nx.MultiDiGraph, path: Path) -> set[str]:
    """relationships.csv; returns the relationship types used."""
    types = set()
    with atomic_write(path) as handle:
        handle.write(",".join([START_HEADER, END_HEADER, TYPE_HEADER, *_header(EDGE_COLUMNS)]) + "\n")
        for edge_id, source, target, attrs in sorted_edges(graph):
            kind = relationship_type(attrs)
            types.add(kind)
            evidence = attrs.get("evidence") or []
            values = {"id": edge_id, "evidence": [e["sentence"] for e in evidence],
                      "evidence_docs": [e["doc"] for e in evidence]}
            cells = [_text(source), _text(target), kind]
            cells += [_cell(values[name] if key is None else attrs.get(key), kind_)
                      for name, key, kind_ in EDGE_COLUMNS]
            handle.write(",".join(cells) + "\n")
    return types


def _conversion(header: str, kind: str, variable: str = "row") -> str:
    cell = f"{variable}.`{header}`"
    return {
        "string": cell,
        "string[]": f"split({cell}, '\\u001f')",
        "long": f"toInteger({cell})",
        "double": f"toFloat({cell})",
        "boolean": f"toBoolean({cell})",
    }[kind]


def _properties(columns) -> str:
    return ", ".join(f"{name}: {_conversion(header, kind)}" for (name, _, kind), header in zip(columns, _header(columns)))


def load_cypher(labels: set[str], types: set[str]) -> str:
    """The LOAD CSV script for these labels and relationship types (one pass over each file)."""
    set_labels = "".join(
        f"    FOREACH (_ IN CASE row.`{LABEL_HEADER}` WHEN '{label}' THEN [1] ELSE [] END | SET n:`{label}`)\n"
        for label in sorted(labels)
    )
    create = "".join(
        f"    FOREACH (_ IN CASE row.`{TYPE_HEADER}` WHEN '{kind}' THEN [1] ELSE [] END |"
        f" CREATE (a)-[r:`{kind}`]->(b) SET r = p)\n"
        for kind in sorted(types)
    )
    return (
        "// entity-graph: load nodes.csv and relationships.csv into an empty Neo4j database with LOAD CSV.\n"
        "// Copy both files into the server's import folder, then run this file:\n"
        "//   cypher-shell -u neo4j -p PASSWORD -f load.cypher   (or :source load.cypher in cypher-shell)\n"
        "// In Neo4j Browser, run each statement with :auto before it (CALL ... IN TRANSACTIONS).\n"
        + CONSTRAINT
        + "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
        "CALL {\n"
        "    WITH row\n"
        f"    CREATE (n:Entity {{id: row.`{ID_HEADER}`}})\n"
        f"    SET n += {{{_properties(NODE_COLUMNS)}}}\n"
        + set_labels
        + f"}} IN TRANSACTIONS OF {BATCH_ROWS} ROWS;\n"
        "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
        "CALL {\n"
        "    WITH row\n"
        f"    MATCH (a:Entity {{id: row.`{START_HEADER}`}})\n"
        f"    MATCH (b:Entity {{id: row.`{END_HEADER}`}})\n"
        f"    WITH a, b, row, {{{_properties(EDGE_COLUMNS)}}} AS p\n"
        + create
        + f"}} IN TRANSACTIONS OF {BATCH_ROWS} ROWS;\n"
    )


IMPORT_SH = f"""\
#!/bin/sh
# entity-graph: bulk import of nodes.csv and relationships.csv into a new Neo4j 5 database with
# neo4j-admin (stop the server first, or name a database that does not exist yet; Community
# Edition has one database, neo4j):
#   sh import.sh [DATABASE]        (neo4j-admin on PATH, or NEO4J_HOME set)
# Add --overwrite-destination=true to replace an existing database. Then start the server and
# create the uniqueness constraint on Entity.id:
#   cypher-shell -u neo4j -p PASSWORD -d DATABASE -f constraints.cypher
set -eu
cd "$(dirname "$0")"
ADMIN="${{NEO4J_HOME:+$NEO4J_HOME/bin/}}neo4j-admin"
"$ADMIN" database import full --nodes=Entity=nodes.csv --relationships=relationships.csv {' '.join(IMPORT_OPTIONS)} "${{1:-neo4j}}"
"""


def write_neo4j(graph: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """Write the ``neo4j/`` folder; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    labels = write_nodes(graph, folder / "nodes.csv")
    types = write_relationships(graph, folder / "relationships.csv")
    with atomic_write(folder / "load.cypher") as handle:
        handle.write(load_cypher(labels, types))
    with atomic_write(folder / "constraints.cypher") as handle:
        handle.write("// entity-graph: run after neo4j-admin database import (see import.sh).\n" + CONSTRAINT)
    with atomic_write(folder / "import.sh") as handle:
        handle.write(IMPORT_SH)
    (folder / "import.sh").chmod(0o755)
    return [folder]
