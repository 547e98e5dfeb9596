"""graph.html: one self-contained page drawn with pyvis / vis-network, no network access.

pyvis builds the node and edge records and supplies vis-network 9.1.2. The page itself comes
from this package's template, rendered through a Jinja environment that searches our template
folder and pyvis's: pyvis 0.3.2's own template always links Bootstrap from a CDN, inserts the
heading unescaped and switches to an innerHTML popup when any title contains "href". The
controls (search, connect two entities, type, source, layer, backbone, weight, confidence and date
filters, community colours, ego view, evidence panel, actors list, relations table, corrections,
physics, reset) are our own plain JavaScript in ``templates/graph.js``.

Untrusted text (names, sentences, document ids, the title) reaches the page only as JSON inside
``<script>`` via Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) or as autoescaped
text. Titles are plain strings, which vis-network shows as text, and the script builds every panel
with text nodes only; a document's URL becomes a link only when it is an http(s) URL.

Big graphs: the page shows at most ``max_nodes`` entities, the most important ones (PageRank when
the graph has it, else mentions), and only co-occurrence edges of weight ``min_weight`` or more;
the header says what is left out. The other exports keep everything.

Parallel edges (several relations between the same two entities, in either direction, and their
co-occurrence) are drawn as curves of different roundness, so each can be seen, hovered and
clicked. Big graphs open in a backbone view (relations and the co-occurrences named in at least
``BACKBONE_MIN_WEIGHT`` sentences with NPMI of at least ``BACKBONE_MIN_NPMI``); when the graph
comes with positions and has more than ``STABILIZE_MAX_NODES`` entities or ``STABILIZE_MAX_EDGES``
edges it is drawn at once, without a physics warm-up.

The output depends only on the graph: everything is sorted, edge ids are the same ``e<index>``
as in edges.csv, and vis-network's layout seed is fixed.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup
import networkx as nx
import pyvis
from pyvis.network import Network

from . import atomic_write
from .style import OTHER_COLOUR, TYPE_COLOURS, type_colour

TEMPLATE_DIR = Path(__file__).parent / "templates"
PYVIS_TEMPLATE_DIR = Path(pyvis.__file__).parent / "templates"
DEFAULT_MAX_NODES = 300
DEFAULT_MIN_WEIGHT = 1
# Relation categories, cooperative (blues, greens) to hostile (oranges, reds); "other" is dark grey.
CATEGORY_COLOURS = {
    "consult": "#1f77b4",
    "cooperate": "#17becf",
    "agree": "#2ca02c",
    "aid": "#98df8a",
    "support": "#bcbd22",
    "request": "#9467bd",
    "investigate": "#8c564b",
    "accuse": "#ff7f0e",
    "reject": "#e377c2",
    "protest": "#f7b6d2",
    "threaten": "#ff9896",
    "sanction": "#c5b0d5",
    "coerce": "#d62728",
    "mobilize": "#ad494a",
    "assault": "#7b0d0d",
    "other": "#555555",
}
RELATION_COLOUR = CATEGORY_COLOURS["other"]
COOCCURRENCE_COLOUR = "rgba(150,150,150,0.4)"
EVIDENCE_IN_TOOLTIP = 3
STABILIZATION_ITERATIONS = 200
IMPROVED_LAYOUT_NODES = 100
HIDE_EDGES_ON_DRAG = 3000
# vis-network draws a label only when its size on screen reaches this many pixels, so the
# labels of minor entities appear as one zooms in.
LABEL_DRAW_THRESHOLD = 7
BACKBONE_MIN_WEIGHT = 3
BACKBONE_MIN_NPMI = 0.2
BACKBONE_MIN_EDGES = 400  # pages with more edges open in the backbone view
STABILIZE_MAX_NODES = 500
STABILIZE_MAX_EDGES = 6000
CURVE_STEP = 0.3
POSITION_RADIUS = 45
POSITION_SPREAD = 0.6  # roundness between neighbouring parallel edges
TYPE_NAMES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "country, city or state", "NORP": "nationality or group",
    "LOC": "place", "FAC": "building or facility", "EVENT": "event", "PRODUCT": "product", "LAW": "law",
}
MODALITY_WORDS = {"asserted": "stated as fact", "reported": "reported by someone", "intended": "planned or intended",
                  "possible": "possible"}


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def importance_attribute(graph: nx.MultiDiGraph) -> str:
    """``pagerank`` when every node has it, else ``mentions``."""
    if len(graph) and all("pagerank" in graph.nodes[n] for n in graph.nodes):
        return "pagerank"
    return "mentions"


def _degree(graph: nx.MultiDiGraph, node: str) -> int:
    attrs = graph.nodes[node]
    if "degree" in attrs:
        return int(attrs["degree"])
    return len((set(graph.predecessors(node)) | set(graph.successors(node))) - {node})


def _excluded(graph: nx.MultiDiGraph, exclude) -> set[str]:
    """Nodes named (id, label or alias, ignoring case) in ``exclude``."""
    wanted = {str(name).strip().lower() for name in exclude or () if str(name).strip()}
    if not wanted:
        return set()
    return {
        node for node, attrs in graph.nodes(data=True)
        if {str(node).lower(), str(attrs.get("label") or "").lower(), *(str(a).lower() for a in attrs.get("aliases", []))} & wanted
    }


def select(graph: nx.MultiDiGraph, max_nodes: int | None = DEFAULT_MAX_NODES, min_weight: int = DEFAULT_MIN_WEIGHT,
           exclude=()):
    """The part of ``graph`` the page shows.

    Returns ``(nodes, edges, key)``: the kept nodes sorted by name, the kept edges as
    ``(id, source, target, attrs)`` in edges.csv order (ids count every edge of the graph), and
    the importance attribute the nodes were ranked by. Excluded entities (sources such as news
    agencies) do not take any of the ``max_nodes`` places; they are kept in addition.
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    key = importance_attribute(graph)
    sources = _excluded(graph, exclude)

    def rank(node):
        attrs = graph.nodes[node]
        return (-float(attrs.get(key) or 0), -int(attrs.get("mentions") or 0), str(node))

    ranked = sorted((n for n in graph.nodes if n not in sources), key=rank)
    kept = set(ranked if max_nodes is None else ranked[:max_nodes]) | sources
    every_edge = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    edges = [
        (f"e{index}", source, target, attrs)
        for index, (source, target, _, attrs) in enumerate(every_edge)
        if source in kept
        and target in kept
        and (attrs["kind"] == "relation" or attrs["weight"] >= min_weight)
    ]
    return sorted(kept), edges, key


def _type_name(entity_type: str) -> str:
    name = TYPE_NAMES.get(entity_type)
    return f"{name} ({entity_type})" if name else entity_type or "entity"


def _node_title(name: str, attrs: dict, degree: int, rank: int | None, shown: int, source: bool) -> str:
    aliases = [a for a in attrs.get("aliases", []) if a != name]
    mentions, documents = int(attrs.get("mentions", 0) or 0), int(attrs.get("documents", 0) or 0)
    lines = [name, _type_name(str(attrs.get("type", "")))]
    if aliases:
        more = f" and {len(aliases) - 8} more" if len(aliases) > 8 else ""
        lines.append("Also written: " + ", ".join(aliases[:8]) + more)
    lines.append(f"Named {_count(mentions, 'time')} in {_count(documents, 'document')}; "
                 f"linked to {_count(degree, 'other entity', 'other entities')}")
    if source:
        lines.append("A source (publisher or news agency), not ranked")
    elif rank is not None:
        lines.append(f"Importance: number {rank:,} of the {shown:,} entities shown")
    lines.append("Click for its relations and evidence")
    return "\n".join(lines)


def _predicate(attrs: dict) -> str:
    return ("not " if attrs.get("negated") else "") + str(attrs.get("predicate", ""))


def _when(dates: list[str]) -> str:
    if not dates:
        return ""
    return f", {dates[0]}" if dates[0] == dates[-1] else f", {dates[0]} to {dates[-1]}"


def _edge_title(source: str, target: str, attrs: dict, dates: list[str]) -> str:
    """The summary lines of an edge's tooltip. The page adds ``EVIDENCE_IN_TOOLTIP`` sentences
    from its evidence table and "... N more: click the edge" (graph.html.j2 ``withEvidence``):
    written into every title, the sentences were more than half of a big page."""
    weight = attrs["weight"]
    if attrs["kind"] == "relation":
        arrow = "—" if attrs.get("symmetric") else "→"
        how = [str(attrs.get("category") or "other"), MODALITY_WORDS.get(attrs.get("modality") or "asserted", "")]
        if attrs.get("via_pronoun"):
            how.append('found through "he"/"she"')
        lines = [f"{source} {arrow} {target}: {_predicate(attrs)}",
                 f"{'; '.join(h for h in how if h)}; in {_count(weight, 'sentence')}{_when(dates)}"]
        if isinstance(attrs.get("confidence"), (int, float)):
            lines.append(f"Model confidence: {round(100 * float(attrs['confidence']))}%")
    else:
        lines = [f"{source} — {target}: named in the same sentence", f"In {_count(weight, 'sentence')}{_when(dates)}"]
    return "\n".join(lines)


def _value(importance: float, top: float) -> float:
    """Node value for vis-network's size scaling, logarithmic in the share of the top importance:
    PageRank and mentions have long tails, and a log scale keeps the top few dozen apart."""
    return round(math.log10(1 + 1000 * importance / top), 3) if top > 0 else 1.0


def _edge_width(attrs: dict) -> float:
    log = math.log2(max(attrs["weight"], 1))
    if attrs["kind"] == "relation":
        return round(min(1.5 + log, 8.0), 2)
    return round(min(0.5 + 0.75 * log, 6.0), 2)


def _curves(edge_list) -> dict[str, dict]:
    """vis ``smooth`` options that draw the edges between the same two entities as distinct curves.

    The edges of a pair get roundness offsets spread around 0 (straight); a positive offset
    bends clockwise seen from the alphabetically first entity, whatever the edge's direction.
    """
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for edge_id, source, target, _ in edge_list:
        pairs.setdefault(tuple(sorted((source, target))), []).append((edge_id, source))
    curves = {}
    for (first, _), members in pairs.items():
        if len(members) < 2:
            continue
        step = min(CURVE_STEP, 1.6 / (len(members) - 1))
        for i, (edge_id, source) in enumerate(members):
            offset = (i - (len(members) - 1) / 2) * step
            if abs(offset) < 1e-9:
                continue
            clockwise = (offset > 0) == (source == first)
            curves[edge_id] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                               "roundness": round(abs(offset), 3)}
    return curves


def _options(n_nodes: int, n_edges: int, positioned: bool) -> dict:
    """vis-network options. The fitted view of a bigger graph is zoomed further out, so its
    labels scale up to stay legible for the top entities, and a stronger pull to the centre
    keeps the periphery from spreading the view. A big graph that comes with positions is drawn
    as it is: no physics at all until the user asks for it."""
    root = math.sqrt(max(n_nodes, 1))
    warm_up = not positioned or (n_nodes <= STABILIZE_MAX_NODES and n_edges <= STABILIZE_MAX_EDGES)
    return {
        "physics": {
            "enabled": warm_up,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 130, "avoidOverlap": 0.3,
                                 "centralGravity": round(min(0.05, 0.01 + n_nodes / 5000), 4)},
            "stabilization": {"enabled": warm_up, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 50,
                              "fit": True},
        },
        "edges": {
            "smooth": False,
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "scaling": {"label": {"drawThreshold": LABEL_DRAW_THRESHOLD}},
        },
        "nodes": {
            "shape": "dot",
            "scaling": {
                "min": 7, "max": round(min(max(16 + root, 24), 36)),
                "label": {"enabled": True, "min": 10, "max": round(min(max(12 + 2 * root, 20), 46)),
                          "drawThreshold": LABEL_DRAW_THRESHOLD},
            },
        },
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= IMPROVED_LAYOUT_NODES and not positioned},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False,
                        "hideEdgesOnDrag": n_edges > HIDE_EDGES_ON_DRAG},
    }


def _page_positions(graph: nx.MultiDiGraph, node_list: list[str]) -> dict[str, tuple[float, float]]:
    """The layout's positions, spread for the page: the spring layout packs its core tightly, so
    distances from the centre (as a share of the median distance, at most 2, so that a few
    far-off entities do not set the scale) are taken to the power ``POSITION_SPREAD`` and scaled to
    a disc of radius ``POSITION_RADIUS`` × √n (vis-network units, about pixels at zoom 1)."""
    placed = [n for n in node_list if "x" in graph.nodes[n] and "y" in graph.nodes[n]]
    if not placed:
        return {}
    cx = sum(float(graph.nodes[n]["x"]) for n in placed) / len(placed)
    cy = sum(float(graph.nodes[n]["y"]) for n in placed) / len(placed)
    polar = {n: (float(graph.nodes[n]["x"]) - cx, float(graph.nodes[n]["y"]) - cy) for n in placed}
    distances = sorted(math.hypot(x, y) for x, y in polar.values())
    far = distances[len(distances) // 2] or distances[-1] or 1.0  # the median: outliers do not set the scale
    radius = POSITION_RADIUS * math.sqrt(len(placed))
    out = {}
    for n, (x, y) in polar.items():
        r = math.hypot(x, y)
        k = radius * min(r / far, 2.0) ** POSITION_SPREAD / r if r > 0 else 0.0
        out[n] = (round(x * k, 1), round(y * k, 1))
    return out


def _edge_dates(attrs: dict) -> list[str]:
    """The distinct dates of an edge's evidence documents and of its first and last sighting."""
    found = {str(item["date"]) for item in attrs.get("evidence", []) if item.get("date")}
    found |= {str(attrs[k]) for k in ("first_seen", "last_seen") if attrs.get(k)}
    return sorted(found)


def build_network(graph: nx.MultiDiGraph, max_nodes: int | None = DEFAULT_MAX_NODES,
                  min_weight: int = DEFAULT_MIN_WEIGHT, exclude=()) -> tuple[Network, dict, dict]:
    """The pyvis network of the shown part of ``graph``, the evidence tables and a summary.

    Evidence sentences are shared by many edges, so the page holds each ``[doc, sentence]``
    once, in ``evidence`` (``doc`` an index into ``docs``: ``[id, date, title, url]``); an edge's
    ``ev`` lists indices into it.
    """
    node_list, edge_list, key = select(graph, max_nodes, min_weight, exclude)
    sources = _excluded(graph, exclude)
    kept = set(node_list)
    top = max((float(graph.nodes[n].get(key) or 0) for n in node_list if n not in sources), default=0.0)
    hidden_edges = {n: 0 for n in node_list}
    for source, target in graph.edges():
        if (source in kept) != (target in kept):
            hidden_edges[source if source in kept else target] += 1
    ranked = sorted((n for n in node_list if n not in sources),
                    key=lambda n: (-float(graph.nodes[n].get(key) or 0), -int(graph.nodes[n].get("mentions") or 0), str(n)))
    rank_of = {n: i + 1 for i, n in enumerate(ranked)}

    positions = _page_positions(graph, node_list)
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node in node_list:
        attrs = graph.nodes[node]
        degree = _degree(graph, node)
        label = str(attrs.get("label") or node)
        options = dict(
            label=label,
            title=_node_title(label, attrs, degree, rank_of.get(node), len(ranked), node in sources),
            color=type_colour(attrs.get("type")),
            value=_value(float(attrs.get(key) or 0), top) if node not in sources else 0.5,
            type=attrs.get("type", ""),
            aliases=list(attrs.get("aliases", [])),
            mentions=int(attrs.get("mentions", 0) or 0),
            documents=int(attrs.get("documents", 0) or 0),
            degree=degree,
            hiddenEdges=hidden_edges[node],
        )
        if node in rank_of:
            options["rank"] = rank_of[node]
        if node in sources:
            options["source"] = True
        if key == "pagerank":
            options["pagerank"] = attrs["pagerank"]
        if "community" in attrs:
            options["community"] = attrs["community"]
        if node in positions:
            options["x"], options["y"] = positions[node]
        net.add_node(node, **options)

    docs: dict[str, list] = {}
    table: dict[tuple[int, str], int] = {}
    curves = _curves(edge_list)
    backbone_edges = 0
    confidences = 0
    all_dates: set[str] = set()
    for edge_id, source, target, attrs in edge_list:
        relation = attrs["kind"] == "relation"
        directed = relation and not attrs.get("symmetric")
        ev = []
        for item in attrs.get("evidence", []):
            doc_id = str(item["doc"])
            doc = docs.get(doc_id)
            if doc is None:
                doc = docs[doc_id] = [len(docs), doc_id, item.get("date") or "", item.get("title") or "",
                                      item.get("url") or ""]
            ev.append(table.setdefault((doc[0], str(item["sentence"])), len(table)))
        dates = _edge_dates(attrs)
        all_dates.update(dates)
        options = dict(
            id=edge_id,
            title=_edge_title(str(graph.nodes[source].get("label") or source),
                              str(graph.nodes[target].get("label") or target), attrs, dates),
            arrows="to" if directed else "",
            width=_edge_width(attrs),
            kind=attrs["kind"],
            weight=attrs["weight"],
            ev=ev,
        )
        if dates:
            options["dates"] = dates
        if edge_id in curves:
            options["smooth"] = curves[edge_id]
        if relation:
            category = attrs.get("category") or "other"
            options.update(
                label=_predicate(attrs),
                color=CATEGORY_COLOURS.get(category, RELATION_COLOUR),
                dashes=bool(attrs.get("negated")),
                predicate=str(attrs.get("predicate", "")),
                category=category,
                modality=attrs.get("modality") or "asserted",
                negated=bool(attrs.get("negated")),
                symmetric=bool(attrs.get("symmetric")),
                viaPronoun=bool(attrs.get("via_pronoun")),
                backbone=True,
            )
            if isinstance(attrs.get("confidence"), (int, float)) and not isinstance(attrs.get("confidence"), bool):
                options["confidence"] = round(float(attrs["confidence"]), 4)
                confidences += 1
        else:
            npmi = attrs.get("npmi")
            backbone = attrs["weight"] >= BACKBONE_MIN_WEIGHT and (npmi is None or npmi >= BACKBONE_MIN_NPMI)
            options.update(color=COOCCURRENCE_COLOUR, backbone=backbone)
            if npmi is not None:
                options["npmi"] = npmi
        backbone_edges += options["backbone"]
        net.add_edge(source, target, **options)

    positioned = bool(node_list) and all("x" in n for n in net.nodes)
    net.options = _options(len(node_list), len(edge_list), positioned)

    relations = [e for e in edge_list if e[3]["kind"] == "relation"]
    types = sorted({str(graph.nodes[n].get("type", "")) for n in node_list})
    type_counts = {t: sum(1 for n in node_list if graph.nodes[n].get("type", "") == t) for t in types}
    categories = {e[3].get("category") or "other" for e in relations}
    cooc_weights = [e[3]["weight"] for e in edge_list if e[3]["kind"] != "relation"]
    documents = int(graph.graph.get("documents", 0) or 0)
    dated = graph.graph.get("dated_documents")
    summary = {
        "nodes_shown": len(node_list),
        "nodes_total": graph.number_of_nodes(),
        "edges_shown": len(edge_list),
        "edges_total": graph.number_of_edges(),
        "relations_shown": len(relations),
        "cooccurrences_shown": len(edge_list) - len(relations),
        "importance": key,
        "max_nodes": max_nodes,
        "min_weight": min_weight,
        "types": [(t, TYPE_COLOURS.get(t, OTHER_COLOUR), type_counts[t]) for t in types],
        "categories": [(c, colour) for c, colour in CATEGORY_COLOURS.items() if c in categories],
        "weight_range": (min_weight, max(cooc_weights, default=min_weight)),
        "sources": sorted(sources),
        "dates": sorted(all_dates),
        "undated_documents": (documents - int(dated)) if dated is not None else None,
        "confidences": confidences,
        "backbone": len(edge_list) > BACKBONE_MIN_EDGES and backbone_edges < len(edge_list),
        "backbone_edges": backbone_edges,
        "backbone_rule": (BACKBONE_MIN_WEIGHT, BACKBONE_MIN_NPMI),
    }
    tables = {"docs": [d[1:] for d in docs.values()], "evidence": [[doc, sentence] for doc, sentence in table]}
    return net, tables, summary


def header_line(meta: dict, summary: dict) -> list[str]:
    """The header's summary, one part per item: documents, what is shown, model, date."""
    documents = int(meta.get("documents", 0) or 0)
    parts = [_count(documents, "document")]
    nodes_shown, nodes_total = summary["nodes_shown"], summary["nodes_total"]
    edges_shown, edges_total = summary["edges_shown"], summary["edges_total"]
    if nodes_shown == nodes_total and edges_shown == edges_total:
        parts.append(f"{_count(nodes_total, 'entity', 'entities')}, "
                     f"{_count(edges_total, 'edge')} ({summary['relations_shown']:,} relations, "
                     f"{summary['cooccurrences_shown']:,} co-occurrences)")
    else:
        shown = f"showing {nodes_shown:,} of {nodes_total:,} entities and {edges_shown:,} of {edges_total:,} edges"
        why = []
        if nodes_shown < nodes_total:
            by = "PageRank" if summary["importance"] == "pagerank" else "mentions"
            why.append(f"the {nodes_shown - len(summary['sources']):,} most important by {by}")
        if summary["min_weight"] > 1:
            why.append(f"co-occurrences in at least {summary['min_weight']:,} sentences")
        parts.append(shown + (f" ({'; '.join(why)})" if why else ""))
    model = " ".join(str(meta[k]) for k in ("model", "model_version") if meta.get(k))
    if model:
        parts.append(f"model {model}")
    if meta.get("date"):
        parts.append(str(meta["date"]))
    return parts


# Files the page holds as they are: read as text and inserted, not included as templates (Jinja
# lexed and compiled vis-network's 700 KB on every build, a tenth of a second for a copy). None
# holds template syntax, and reading with universal newlines matches Jinja's newline handling.
VERBATIM = {"vis_css": "lib/vis-9.1.2/vis-network.css", "vis_js": "lib/vis-9.1.2/vis-network.min.js",
            "graph_css": "graph.css", "graph_js": "graph.js"}


@lru_cache(maxsize=1)
def _verbatim() -> dict[str, Markup]:
    found = {}
    for key, name in VERBATIM.items():
        path = next(p for p in (TEMPLATE_DIR / name, PYVIS_TEMPLATE_DIR / name) if p.exists())
        found[key] = Markup(path.read_text(encoding="utf-8"))
    return found


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATE_DIR), str(PYVIS_TEMPLATE_DIR)]),
        autoescape=True,
        keep_trailing_newline=True,
    )


def render_html(graph: nx.MultiDiGraph, max_nodes: int | None = DEFAULT_MAX_NODES,
                min_weight: int = DEFAULT_MIN_WEIGHT, exclude=()) -> str:
    """The page for ``graph``: at most ``max_nodes`` entities (``None``: all) and co-occurrence
    edges of weight ``min_weight`` or more; ``exclude`` names sources (publishers, agencies)
    that the page hides until asked and does not rank."""
    net, tables, summary = build_network(graph, max_nodes, min_weight, exclude)
    return _environment().get_template("graph.html.j2").render(
        title=str(graph.graph.get("title") or "Entity graph"),
        meta=graph.graph,
        header=header_line(graph.graph, summary),
        summary=summary,
        nodes=net.nodes,
        edges=net.edges,
        evidence=tables["evidence"],
        docs=tables["docs"],
        options=net.options,
        verbatim=_verbatim(),
        config={
            "weightRange": summary["weight_range"],
            "nodesHidden": summary["nodes_total"] - summary["nodes_shown"],
            "dates": summary["dates"],
            "undatedDocuments": summary["undated_documents"],
            "confidences": summary["confidences"],
            "backbone": summary["backbone"],
            "importance": summary["importance"],
            "sources": len(summary["sources"]),
            "evidenceInTooltip": EVIDENCE_IN_TOOLTIP,
        },
    )


def write_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int | None = DEFAULT_MAX_NODES,
               min_weight: int = DEFAULT_MIN_WEIGHT, exclude=()) -> None:
    html = render_html(graph, max_nodes=max_nodes, min_weight=min_weight, exclude=exclude)
    with atomic_write(path) as handle:
        handle.write(html)
