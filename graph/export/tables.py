"""graph.json: networkx node-link data with an ``edges`` key."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from . import atomic_write


def node_link(graph: nx.MultiDiGraph) -> dict:
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
    return data


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path) as handle:
        json.dump(node_link(graph), handle, ensure_ascii=False, indent=1, sort_keys=False)
        handle.write("\n")
