"""graph.json (networkx node-link data, ``edges`` key) and nodes.csv / edges.csv.

The CSV files have the shape of Gephi's spreadsheet import (Data Laboratory → Import
Spreadsheet): nodes.csv starts ``Id,Label``; edges.csv starts ``Source,Target,Type,Weight`` where
Type is Gephi's direction (Directed for relations, Undirected for co-occurrence and symmetric
relations) and ``Kind`` says which kind of edge it is. Lists are joined with " | ".

Every text cell (names, aliases, evidence) goes through ``spreadsheet.guard``: one that would start
a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a leading ``'``, Id and Source/Target alike,
so the two files still join. Numbers (a negative NPMI) are written as they are.
"""
from __future__ import annotations

import csv
import json
from functools import partial
from pathlib import Path

import networkx as nx

from ..spreadsheet import guard
from . import atomic_write
from .flatten import JOIN

NODE_COLUMNS = (
    ("Id", None), ("Label", "label"), ("Type", "type"), ("Aliases", "aliases"), ("Mentions", "mentions"),
    ("Documents", "documents"), ("Degree", "degree"), ("Weighted Degree", "weighted_degree"),
    ("PageRank", "pagerank"), ("Betweenness", "betweenness"), ("Community", "community"),
)
EDGE_COLUMNS = (
    ("Label", "predicate"), ("Kind", "kind"), ("Category", "category"), ("Negated", "negated"),
    ("Symmetric", "symmetric"), ("Modality", "modality"), ("Confidence", "confidence"), ("PMI", "pmi"), ("NPMI", "npmi"),
)


def node_link(graph: nx.MultiDiGraph) -> dict:
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
    return data


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    """One node or edge per line: diffable, and written by json's C encoder (``indent`` would
    switch to the pure-Python one, about ten times slower on a corpus graph)."""
    data = node_link(graph)
    dump = partial(json.dumps, ensure_ascii=False, separators=(", ", ": "))
    with atomic_write(path) as handle:
        handle.write("{\n")
        for key, value in data.items():
            if key in ("nodes", "edges"):
                continue
            handle.write(f" {dump(key)}: {dump(value)},\n")
        for key in ("nodes", "edges"):
            items = data[key]
            handle.write(f" {dump(key)}: [\n")
            handle.write(",\n".join(f"  {dump(item)}" for item in items))
            handle.write("\n ]" + (",\n" if key == "nodes" else "\n"))
        handle.write("}\n")


def _text(value: str) -> str:
    # NUL is dropped before the guard looks at the first character: "\0=1" is a formula too
    return guard(value.replace("\0", ""))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return _text(JOIN.join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _text(value)
    return str(value)


def _row(cells: list) -> list:
    # NUL cannot be written by the csv module of Python 3.10 ("need to escape") and ends a field
    # early in some spreadsheet programs: it is dropped everywhere, so all versions write one file.
    return [cell.replace("\0", "") if isinstance(cell, str) else cell for cell in cells]


def write_nodes_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([title for title, _ in NODE_COLUMNS])
        for node in sorted(graph.nodes):
            attrs = graph.nodes[node]
            writer.writerow(_row([_cell(str(node)) if key is None else _cell(attrs.get(key)) for _, key in NODE_COLUMNS]))


def write_edges_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Source", "Target", "Type", "Weight", "Id", *(t for t, _ in EDGE_COLUMNS), "Evidence"])
        edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
        for index, (source, target, _, attrs) in enumerate(edges):
            directed = attrs["kind"] == "relation" and not attrs.get("symmetric")
            evidence = JOIN.join(f"[{e['doc']}] {e['sentence']}" for e in attrs.get("evidence", []))
            writer.writerow(_row(
                [_cell(str(source)), _cell(str(target)), "Directed" if directed else "Undirected", attrs["weight"], f"e{index}"]
                + [_cell(attrs.get(key)) for _, key in EDGE_COLUMNS]
                + [_cell(evidence)]
            ))


def write_csv(graph: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    nodes, edges = out_dir / "nodes.csv", out_dir / "edges.csv"
    write_nodes_csv(graph, nodes)
    write_edges_csv(graph, edges)
    return [nodes, edges]
