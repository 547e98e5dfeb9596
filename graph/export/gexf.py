"""graph.gexf (GEXF 1.2) for Gephi: the GraphML data plus colour, size and position.

Nodes carry ``viz`` colour by entity type, size by PageRank (mentions when the graph was not
analysed) and the position computed by ``analyze``, so Gephi opens the file laid out and
coloured. Each edge's GEXF ``kind`` is "cooccurrence" or the relation ("meet", "not meet"):
Gephi keeps edges of different kinds between the same nodes as separate, typed edges. networkx
never writes ``kind``, so it is set on the writer's XML tree before it is written; an edge
attribute named ``type`` would become GEXF's direction, so there is none. Edges of dated
documents get ``start``/``end`` (first and last date seen), which makes the file dynamic for
Gephi's timeline.
"""
from __future__ import annotations

import io
import math
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from . import atomic_write
from .flatten import edge_kind, flat_graph
from .style import rgb, type_colour

MIN_SIZE, MAX_SIZE = 4.0, 40.0


def _sizes(graph: nx.MultiDiGraph) -> dict[str, float]:
    measure = "pagerank" if all("pagerank" in d for _, d in graph.nodes(data=True)) else "mentions"
    values = {n: float(d.get(measure, 1) or 0) for n, d in graph.nodes(data=True)}
    top = max(values.values(), default=1.0) or 1.0
    return {n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(v / top), 2) for n, v in values.items()}


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    flat = flat_graph(graph)
    sizes = _sizes(flat)
    for node, data in flat.nodes(data=True):
        r, g, b = rgb(type_colour(data.get("type")))
        viz = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": sizes[node]}
        if "x" in data and "y" in data:
            viz["position"] = {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0}
        data["viz"] = viz
    kinds = {}
    for *_, key, data in flat.edges(keys=True, data=True):
        kinds[key] = edge_kind(data)
        data["id"] = key  # networkx numbers multigraph edges itself unless given an id
        if "first_seen" in data:  # GEXF time intervals: Gephi's timeline plays the graph over time
            data["start"], data["end"] = data.pop("first_seen"), data.pop("last_seen")
    writer = GEXFWriter(version="1.2draft", prettyprint=True)
    writer.add_graph(flat)
    for element in writer.xml.iter("edge"):
        element.set("kind", kinds[element.get("id")])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(gexf_bytes(graph))
