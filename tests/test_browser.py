"""graph.html in a real browser (headless Chromium), offline.

The example article checks the page on real model output; a small hand-made graph (no model)
pins down the controls, whatever the extraction finds.
"""
from __future__ import annotations

import math

import networkx as nx
import pytest

from browser import edge_point, hover, node_at, node_point, open_graph, panel
from conftest import ROOT
from graph import Document, build_graph
from graph.export.html import render_html, write_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"quotes\' </title> ]]> href',
]


@pytest.fixture(scope="module")
def example_graph():
    text = (ROOT / "examples" / "arctic_talks.txt").read_text(encoding="utf-8")
    return build_graph([Document("examples/arctic_talks.txt", text)])


def small_graph() -> nx.MultiDiGraph:
    """Eight entities of four types; relations (one negated, one symmetric) and co-occurrences."""
    g = nx.MultiDiGraph(title="Small test graph", documents=2, model="test_model", model_version="9.9",
                        date="2024-05-01")
    for name, kind, aliases, mentions in [
        ("Ana Silva", "PERSON", ["Ana Silva", "Silva"], 6), ("Olaf Brandt", "PERSON", ["Olaf Brandt", "Brandt"], 5),
        ("Portugal", "GPE", ["Portugal", "Portuguese"], 4), ("Germany", "GPE", ["Germany"], 3),
        ("Lisbon", "GPE", ["Lisbon"], 3), ("NATO", "ORG", ["NATO", "the Alliance"], 2), ("Greenpeace", "ORG", ["Greenpeace"], 1),
        ("Alps", "LOC", ["Alps"], 1),
    ]:
        g.add_node(name, label=name, type=kind, aliases=aliases, mentions=mentions, documents=1)

    def ev(*sentences, doc="d1"):
        return [{"doc": doc, "sentence": s} for s in sentences]

    def rel(u, v, predicate, category, weight, evidence, negated=False, symmetric=False, modality="asserted"):
        g.add_edge(u, v, key=predicate, kind="relation", predicate=predicate, category=category, weight=weight,
                   negated=negated, symmetric=symmetric, modality=modality, evidence=evidence)

    def cooc(u, v, weight, evidence):
        g.add_edge(u, v, key="cooccurrence", kind="cooccurrence", weight=weight, evidence=evidence)

    rel("Ana Silva", "Olaf Brandt", "meet", "consult", 2,
        ev("Silva met Brandt in Lisbon.", "Silva and Brandt met again.", doc="d2"), symmetric=True)
    rel("Olaf Brandt", "Portugal", "sanction", "sanction", 1, ev("Brandt did not sanction Portugal."), negated=True,
        modality="reported")
    rel("NATO", "Germany", "aid", "aid", 1, ev("NATO aided Germany."))
    cooc("Ana Silva", "Portugal", 4, ev("Silva of Portugal spoke.", "Portugal backed Silva.", "Silva left Portugal.",
                                         "Silva returned to Portugal."))
    cooc("Germany", "Olaf Brandt", 1, ev("Brandt flew to Germany."))
    cooc("Lisbon", "Portugal", 2, ev("Lisbon is in Portugal.", "Portugal's capital, Lisbon, voted."))
    cooc("Alps", "Greenpeace", 1, ev("Greenpeace hiked the Alps."))
    cooc("Ana Silva", "Lisbon", 1, ev("Silva met Brandt in Lisbon."))
    return g


def test_example_renders_offline_with_every_node(example_graph, chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(example_graph, html)
    report = open_graph(html, chromium)
    assert report["external"] == []
    assert report["page_errors"] == [] and report["console_errors"] == []
    assert report["canvas"] == 1
    assert sorted(report["node_ids"]) == sorted(example_graph.nodes)
    assert len(report["edges"]) == example_graph.number_of_edges()
    assert all(isinstance(n.get("title"), str) and n["title"] for n in report["nodes"])
    assert all(isinstance(e.get("title"), str) and e["title"] for e in report["edges"])
    assert report["physics"] is False, "the layout is frozen once stabilised"
    n, m = example_graph.number_of_nodes(), example_graph.number_of_edges()
    assert f"{n} entities, {m} edges" in report["header"]
    assert example_graph.graph["model"] in report["header"]
    html_text = html.read_text(encoding="utf-8")
    assert "<script src" not in html_text and "<link" not in html_text and "http" not in html_text.split("<body>")[1]


def test_encoding_and_legend(chromium, tmp_path):
    graph = small_graph()
    html = tmp_path / "graph.html"
    write_html(graph, html)
    report = open_graph(html, chromium, actions=lambda page: page.inner_text("#category-legend"))
    nodes = {n["id"]: n for n in report["nodes"]}
    edges = {(e["from"], e["to"], e.get("label")): e for e in report["edges"]}
    assert nodes["Ana Silva"]["color"] == nodes["Olaf Brandt"]["color"] != nodes["Portugal"]["color"]
    assert nodes["Ana Silva"]["value"] > nodes["Germany"]["value"] > nodes["Alps"]["value"], "size by mentions"
    sanction = edges[("Olaf Brandt", "Portugal", "not sanction")]
    meet = edges[("Ana Silva", "Olaf Brandt", "meet")]
    aid = edges[("NATO", "Germany", "aid")]
    assert sanction["arrows"] == "to" and sanction["dashes"] is True
    assert meet["arrows"] == "" and not meet["dashes"], "symmetric relations have no direction"
    assert len({sanction["color"], meet["color"], aid["color"]}) == 3, "colour by category"
    cooc = [e for e in report["edges"] if e["kind"] == "cooccurrence"]
    assert all(not e["arrows"] and "label" not in e for e in cooc)
    assert max(e["width"] for e in cooc) > min(e["width"] for e in cooc), "width by weight"
    assert max(e["width"] for e in cooc if e["weight"] == 1) < aid["width"], "co-occurrence is thinner at equal weight"
    legend = report["actions"]
    assert all(word in legend for word in ("consult", "sanction", "aid", "negated"))
    assert report["title"] == "Small test graph"
    assert all(part in report["header"] for part in ("2 documents", "8 entities", "test_model 9.9", "2024-05-01"))


def test_search_focuses_and_highlights_neighbourhood(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        before = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.color]))")
        options = page.evaluate("Array.from(document.querySelectorAll('#entity-names option')).map(o => o.value)")
        page.fill("#search", "brandt")  # an alias, in lower case
        page.press("#search", "Enter")
        page.wait_for_timeout(600)  # the focus animation
        found = page.evaluate(
            """() => { const c = container.getBoundingClientRect(), p = document.getElementById('panel');
                       return {selected: network.getSelectedNodes(), scale: network.getScale(),
                               free: {x: c.left + (c.width - p.offsetWidth) / 2, y: c.top + c.height / 2},
                               colours: Object.fromEntries(nodes.get().map(n => [n.id, n.color]))}; }"""
        )
        found["at"] = node_point(page, "Olaf Brandt")
        side = panel(page)
        page.fill("#search", "alliance")  # an alias that is no part of the name
        page.press("#search", "Enter")
        found["by alias"] = page.evaluate("network.getSelectedNodes()")
        page.fill("#search", "no such entity")
        page.press("#search", "Enter")
        status = page.inner_text("#search-status")
        return before, options, found, side, status

    report = open_graph(html, chromium, actions=actions)
    before, options, found, side, status = report["actions"]
    assert "Brandt" in options and "Portuguese" in options and "Olaf Brandt" in options
    assert found["selected"] == ["Olaf Brandt"]
    assert found["by alias"] == ["NATO"]
    assert math.dist(found["free"].values(), found["at"].values()) < 5, "centred beside the panel"
    neighbourhood = {"Olaf Brandt", "Ana Silva", "Portugal", "Germany"}
    for node, colour in found["colours"].items():
        if node in neighbourhood:
            assert colour == before[node], f"{node} is in the neighbourhood"
        else:
            assert colour != before[node], f"{node} is faded"
    assert side["visible"] and side["heading"] == "Olaf Brandt"
    assert status == "no entity matches"
    assert report["page_errors"] == []


def test_unticking_a_type_hides_its_nodes(chromium, tmp_path):
    html = tmp_path / "graph.html"
    graph = small_graph()
    write_html(graph, html)
    people = [n for n in graph if graph.nodes[n]["type"] == "PERSON"]

    def actions(page):
        points = {n: node_point(page, n) for n in graph}
        page.uncheck("input.type-toggle[value=PERSON]")
        page.wait_for_timeout(100)
        hidden = page.evaluate("nodes.get().filter(n => n.hidden).map(n => n.id)")
        hit = {n: node_at(page, points[n]) for n in graph}
        edges_hidden = page.evaluate("edges.get().filter(e => e.hidden).map(e => [e.from, e.to])")
        page.check("input.type-toggle[value=PERSON]")
        page.wait_for_timeout(100)
        return hidden, hit, edges_hidden, page.evaluate("nodes.get().filter(n => n.hidden).length")

    report = open_graph(html, chromium, actions=actions)
    hidden, hit, edges_hidden, hidden_after = report["actions"]
    assert sorted(hidden) == sorted(people)
    for node in graph:
        if node in people:
            assert hit[node] is None, f"{node} must not be drawn"
        else:
            assert hit[node] == node, f"{node} must still be drawn"
    assert {tuple(e) for e in edges_hidden} == {(u, v) for u, v in graph.edges() if u in people or v in people}
    assert hidden_after == 0


def test_layers_and_weight_slider_hide_edges(chromium, tmp_path):
    html = tmp_path / "graph.html"
    graph = small_graph()
    write_html(graph, html)
    # what vis-network draws: it is given only the edges that are not hidden
    visible = ("() => edges.get().filter(e => network.body.edges[e.id] && !network.body.edges[e.id].options.hidden)"
               ".map(e => e.kind + ':' + e.weight).sort()")

    def actions(page):
        seen = {"all": page.evaluate(visible)}
        page.uncheck("#layer-relation")
        seen["no relations"] = page.evaluate(visible)
        page.check("#layer-relation")
        page.uncheck("#layer-cooccurrence")
        seen["no co-occurrence"] = page.evaluate(visible)
        page.check("#layer-cooccurrence")
        page.fill("#min-weight", "2")
        seen["weight 2"] = page.evaluate(visible)
        seen["weight label"] = page.inner_text("#min-weight-value")
        page.fill("#min-weight", "4")
        seen["weight 4"] = page.evaluate(visible)
        page.click("#physics")
        seen["physics on"] = page.evaluate("network.physics.options.enabled")
        page.fill("#search", "Lisbon")
        page.press("#search", "Enter")
        page.wait_for_timeout(400)
        page.click("#reset")
        page.wait_for_timeout(100)
        seen["reset"] = page.evaluate(visible)
        seen["after reset"] = page.evaluate(
            """() => ({physics: network.physics.options.enabled, selected: network.getSelectedNodes(),
                       slider: document.getElementById('min-weight').value,
                       search: document.getElementById('search').value,
                       panel: !document.getElementById('panel').hidden})""")
        return seen

    seen = open_graph(html, chromium, actions=actions)["actions"]
    everything = sorted(f"{d['kind']}:{d['weight']}" for *_, d in graph.edges(data=True))
    assert seen["all"] == everything
    assert seen["no relations"] == [e for e in everything if e.startswith("cooccurrence")]
    assert seen["no co-occurrence"] == [e for e in everything if e.startswith("relation")]
    assert seen["weight 2"] == ["cooccurrence:2", "cooccurrence:4", "relation:1", "relation:1", "relation:2"]
    assert seen["weight label"] == "2"
    assert seen["weight 4"] == ["cooccurrence:4", "relation:1", "relation:1", "relation:2"], "relations stay"
    assert seen["physics on"] is True
    assert seen["reset"] == everything
    assert seen["after reset"] == {"physics": False, "selected": [], "slider": "1", "search": "", "panel": False}


def test_side_panel_lists_all_evidence_as_text(chromium, tmp_path):
    html = tmp_path / "graph.html"
    graph = small_graph()
    write_html(graph, html)

    def actions(page):
        page.mouse.click(**node_point(page, "Ana Silva"))
        page.wait_for_timeout(100)
        node_panel = panel(page)
        edge_id = page.evaluate("edges.get().find(e => e.from === 'Ana Silva' && e.to === 'Portugal').id")
        point = edge_point(page, edge_id)
        page.mouse.click(**point)
        page.wait_for_timeout(100)
        edge_panel = panel(page)
        page.click("#panel-close")
        return node_panel, edge_panel, panel(page)["visible"]

    node_panel, edge_panel, still_open = open_graph(html, chromium, actions=actions)["actions"]
    expected = sorted(f"[{e['doc']}]{e['sentence']}" for u, v, d in graph.edges(data=True) if "Ana Silva" in (u, v)
                      for e in d["evidence"])
    assert node_panel["visible"] and node_panel["heading"] == "Ana Silva"
    assert sorted(node_panel["items"]) == expected, "every sentence of every edge of the node"
    portugal = graph.get_edge_data("Ana Silva", "Portugal")["cooccurrence"]["evidence"]
    assert edge_panel["items"] == [f"[{e['doc']}]{e['sentence']}" for e in portugal], "all four, not just three"
    assert "Ana Silva — Portugal" in edge_panel["heading"]
    assert still_open is False


def test_hostile_document_runs_nothing(chromium, tmp_path):
    text = (
        f"President Ana Silva met with Chancellor Olaf Brandt {HOSTILE[0]} in Lisbon. "
        f"Silva said Portugal {HOSTILE[1]} would sign. Brandt {HOSTILE[2]} agreed with Silva."
    )
    graph = build_graph([Document(HOSTILE[1] + ".txt", text)], title=HOSTILE[0])
    html = tmp_path / "graph.html"
    write_html(graph, html)
    report = open_graph(html, chromium, actions=_hover_and_click_everything)
    assert report["dialogs"] == [] and report["page_errors"] == []
    assert report["injected"] == 0 and report["external"] == []
    assert report["title"] == HOSTILE[0] and HOSTILE[0] in report["header"]
    assert any(HOSTILE[0] in (e.get("title") or "") for e in report["edges"]), "evidence must be shown as text"
    tips, panels = report["actions"]
    assert any(HOSTILE[0] in tip["text"] for tip in tips), "an edge tooltip shows the sentence as text"
    assert any(HOSTILE[0] in p["text"] and HOSTILE[1] in p["text"] for p in panels), "the panel shows it as text"
    _assert_only_our_tags(tips, panels)


def test_hostile_names_stay_text(chromium, tmp_path):
    graph = nx.MultiDiGraph(title=HOSTILE[1], documents=1, model="m", model_version="1", date=HOSTILE[0])
    for name in HOSTILE:
        graph.add_node(name, label=name, type="PERSON", aliases=[name, "x"], mentions=2, documents=1)
    graph.add_edge(HOSTILE[0], HOSTILE[1], key="meet", kind="relation", predicate=HOSTILE[2], weight=1,
                   negated=False, symmetric=False, evidence=[{"doc": HOSTILE[1], "sentence": HOSTILE[0]}])
    html = tmp_path / "graph.html"
    write_html(graph, html)
    report = open_graph(html, chromium, actions=_hover_and_click_everything)
    assert report["dialogs"] == [] and report["page_errors"] == [] and report["injected"] == 0
    assert sorted(report["node_ids"]) == sorted(HOSTILE)
    assert report["title"] == HOSTILE[1]
    tips, panels = report["actions"]
    for name in HOSTILE:
        assert any(tip["text"].startswith(name) for tip in tips), f"tooltip of {name!r} shows it as text"
        assert any(p["heading"] == name for p in panels), f"panel of {name!r} shows it as text"
    assert any(f"[{HOSTILE[1]}]{HOSTILE[0]}" in p["items"] for p in panels)
    _assert_only_our_tags(tips, panels)


def test_cap_hides_nodes_and_header_says_so(chromium, tmp_path):
    graph = small_graph()
    ranks = ["Greenpeace", "Alps", "Lisbon", "Portugal", "Ana Silva", "Olaf Brandt", "Germany", "NATO"]
    for rank, node in enumerate(ranks):  # PageRank, when present, ranks instead of mentions
        graph.nodes[node]["pagerank"] = round(0.5 - rank / 20, 3)
    html = tmp_path / "graph.html"
    write_html(graph, html, max_nodes=4, min_weight=2)
    report = open_graph(html, chromium, actions=lambda page: page.inner_text("#summary"))
    assert sorted(report["node_ids"]) == sorted(ranks[:4])
    kept = [(u, v) for u, v, d in graph.edges(data=True)
            if u in ranks[:4] and v in ranks[:4] and (d["kind"] == "relation" or d["weight"] >= 2)]
    assert sorted((e["from"], e["to"]) for e in report["edges"]) == sorted(kept)
    assert f"showing 4 of 8 entities and {len(kept)} of 8 edges" in report["actions"]
    assert "PageRank" in report["actions"] and "at least 2 sentences" in report["actions"]
    everything = render_html(graph, max_nodes=None)
    assert "showing" not in everything.split("<nav")[0] and "8 entities, 8 edges" in everything


def test_output_is_deterministic(example_graph):
    """No browser: the same graph, built in another order, gives the same bytes."""
    shuffled = nx.MultiDiGraph(**example_graph.graph)
    shuffled.add_nodes_from(sorted(example_graph.nodes(data=True), reverse=True))
    shuffled.add_edges_from(sorted(example_graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]),
                                   reverse=True))
    assert render_html(shuffled) == render_html(example_graph)
    assert render_html(example_graph, max_nodes=5) == render_html(shuffled, max_nodes=5)


def _hover_and_click_everything(page):
    """Hover each node and edge (collecting tooltips) and click each (collecting the side panel)."""
    tips, panels = [], []
    targets = [node_point(page, n) for n in page.evaluate("nodes.getIds()")]
    targets += [p for p in (edge_point(page, e) for e in page.evaluate("edges.getIds()")) if p]
    for point in targets:
        tips.append(hover(page, point))
        page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(50)
        panels.append(panel(page))
    return tips, panels


def _assert_only_our_tags(tips, panels):
    assert all(tip["visible"] for tip in tips), "every node and edge has a tooltip"
    assert all(set(tip["tags"]) <= {"br"} for tip in tips), "tooltips are text (vis turns newlines into <br>)"
    assert all(p["visible"] for p in panels)
    allowed = {"a", "button", "div", "h2", "h3", "h4", "input", "li", "mark", "ol", "p", "section", "span"}
    assert all(set(p["tags"]) <= allowed for p in panels), [p["tags"] for p in panels]
