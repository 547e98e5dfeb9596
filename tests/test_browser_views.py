"""graph.html's views in a real browser (headless Chromium), offline: the bugs of issue #14 (zoom
after a search, Reset, parallel edges, leftover tooltips) and the analyst's views (ego view,
connect two entities, dates, relations table, actors, evidence panel, confidence, corrections).

Hand-made graphs pin the controls down; a 200-article graph of the shared corpus (built once per
module, capped at 300 entities like the corpus page) checks them at size.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from browser import edge_point, hover, node_point, open_graph, panel
from conftest import ROOT, SHARED, require
from graph.aliases import WrongRelation, load_aliases
from graph.cli import main as cli_main
from graph.export.html import write_html
from test_browser import HOSTILE, small_graph


def conflict_graph() -> nx.MultiDiGraph:
    """Three relations between Russia and Ukraine in both directions, and their co-occurrence."""
    g = nx.MultiDiGraph(title="Parallel", documents=3)
    for name, kind in [("Russia", "GPE"), ("Ukraine", "GPE"), ("NATO", "ORG")]:
        g.add_node(name, label=name, type=kind, aliases=[name], mentions=5, documents=3)

    def rel(u, v, predicate, category, sentence, **extra):
        g.add_edge(u, v, key=predicate, kind="relation", predicate=predicate, category=category, weight=1,
                   negated=False, symmetric=False, modality="asserted",
                   evidence=[{"doc": "d1", "sentence": sentence}], **extra)

    rel("Russia", "Ukraine", "attack", "assault", "Russia attacked Ukraine.", confidence=0.9)
    rel("Russia", "Ukraine", "invade", "assault", "Russia invaded Ukraine.", confidence=0.4)
    rel("Ukraine", "Russia", "strike", "assault", "Ukraine struck Russia.")
    rel("NATO", "Ukraine", "aid", "aid", "NATO aided Ukraine.", confidence=0.7)
    g.add_edge("Russia", "Ukraine", key="cooccurrence", kind="cooccurrence", weight=3,
               evidence=[{"doc": "d1", "sentence": s} for s in ("Russia attacked Ukraine.", "Russia invaded Ukraine.",
                                                               "Ukraine struck Russia.")])
    return g


def dated_graph() -> nx.MultiDiGraph:
    """The small graph with dated, titled, linked evidence; one edge only from an undated document."""
    g = small_graph()
    g.graph.update(documents=4, dated_documents=3)
    docs = {
        "d1": {"date": "2024-01-10", "title": "Brandt in Lisbon", "url": "https://news.example/brandt"},
        "d2": {"date": "2024-03-02", "title": "Silva <b>and</b> Brandt", "url": "javascript:alert(1)"},
        "d3": {"date": "2024-06-20"},
    }
    for u, v, k, d in g.edges(keys=True, data=True):
        for item in d["evidence"]:
            item.update(docs.get(item["doc"], {}))
        dates = sorted(item["date"] for item in d["evidence"] if "date" in item)
        if dates:
            d["first_seen"], d["last_seen"] = dates[0], dates[-1]
    g["NATO"]["Germany"]["aid"]["evidence"] = [{"doc": "d3", "sentence": "NATO aided Germany.", "date": "2024-06-20"}]
    g["NATO"]["Germany"]["aid"].update(first_seen="2024-06-20", last_seen="2024-06-20")
    g["Alps"]["Greenpeace"]["cooccurrence"]["evidence"] = [{"doc": "undated", "sentence": "Greenpeace hiked the Alps."}]
    for name in ("first_seen", "last_seen"):
        del g["Alps"]["Greenpeace"]["cooccurrence"][name]
    g["Ana Silva"]["Portugal"]["cooccurrence"]["weight"] = 105
    return g


@pytest.fixture(scope="module")
def corpus_200(tmp_path_factory):
    """The graph of the corpus's first 200 articles, and its page capped at 300 entities."""
    require((SHARED / "corpus" / "news.jsonl").is_file(), f"the corpus is missing at {SHARED / 'corpus'}")
    from graph.ingest import iter_documents
    from graph.pipeline import Options, extract_corpus, graph_from_extractions

    folder = tmp_path_factory.mktemp("corpus200")
    head = folder / "news200.jsonl"
    with (SHARED / "corpus" / "news.jsonl").open(encoding="utf-8") as source:
        head.write_text("".join(line for _, line in zip(range(200), source)), encoding="utf-8")
    # a cache beside the tests' own (.pytest_cache, ignored by git): a second run parses nothing
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    options = Options(processes=2, cache=ROOT / ".pytest_cache" / "extractions.sqlite")
    extractions, _ = extract_corpus(iter_documents([str(head)], options.fields), options)
    graph = graph_from_extractions(extractions, options)
    html = folder / "graph.html"
    write_html(graph, html, max_nodes=300, exclude=("Wikinews",))
    return graph, html


# ---- the bugs ---------------------------------------------------------------------------------

def test_zoom_still_works_after_a_search(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        page.fill("#search", "Brandt")
        page.press("#search", "Enter")
        page.wait_for_timeout(700)
        before = page.evaluate("network.getScale()")
        box = page.evaluate("(() => { const r = container.getBoundingClientRect(); return {x: r.left + 150, y: r.top + 150}; })()")
        page.mouse.move(box["x"], box["y"])
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(400)
        zoomed = page.evaluate("network.getScale()")
        page.wait_for_timeout(600)
        later = page.evaluate("[network.getScale(), network.getViewPosition()]")
        page.wait_for_timeout(400)
        still = page.evaluate("[network.getScale(), network.getViewPosition()]")
        return before, zoomed, later, still

    report = open_graph(html, chromium, actions=actions)
    before, zoomed, later, still = report["actions"]
    assert zoomed > before * 1.05, "scroll-zoom changes the scale after a search"
    assert later == still, "the view does not drift"
    assert report["page_errors"] == []


def test_reset_restores_positions_in_a_few_redraws(chromium, corpus_200):
    graph, html = corpus_200

    def actions(page):
        home = page.evaluate("network.getPositions()")
        first = page.evaluate("nodes.getIds()[0]")
        page.evaluate("(id) => graphPage.openEgo(id, 2)", first)
        page.wait_for_timeout(200)
        moved = page.evaluate("network.getPositions()")
        page.evaluate("""() => { window.redraws = 0;
            network.on('afterDrawing', () => { window.redraws++; }); }""")
        page.evaluate("() => document.getElementById('reset').click()")
        count = -1
        while count != page.evaluate("window.redraws"):  # until the page stops drawing (the old page: 303 redraws, 7.6 s)
            count = page.evaluate("window.redraws")
            page.wait_for_timeout(400)
        return home, moved, page.evaluate("network.getPositions()"), count

    report = open_graph(html, chromium, actions=actions)
    home, moved, after, redraws = report["actions"]
    assert len(report["node_ids"]) >= 300, "a 300-entity page"
    assert moved != home
    assert all(abs(after[n]["x"] - home[n]["x"]) <= 1 and abs(after[n]["y"] - home[n]["y"]) <= 1 for n in home)
    # how long it takes is measured by scripts/page_timings.py, not asserted here (a loaded machine
    # is slower); the redraw count is what made the old Reset take seconds
    assert redraws < 30, f"{redraws} redraws for one Reset (one per node before)"


def test_every_parallel_edge_can_be_hovered_and_clicked(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(conflict_graph(), html)

    def actions(page):
        found = {}
        for edge in page.evaluate("edges.get().filter(e => e.from !== 'NATO')"):
            point = edge_point(page, edge["id"])
            if point is None:
                found[edge["id"]] = None
                continue
            tip = hover(page, point)
            page.mouse.click(point["x"], point["y"])
            page.wait_for_timeout(80)
            found[edge["id"]] = {"title": edge["title"].split("\n")[0], "tip": tip["text"].split("\n")[0],
                                 "panel": panel(page)["text"], "selected": page.evaluate("network.getSelectedEdges()")}
        return found

    found = open_graph(html, chromium, actions=actions)["actions"]
    assert len(found) == 4
    for edge_id, seen in found.items():
        assert seen is not None, f"{edge_id} has a point of its own"
        assert seen["tip"] == seen["title"], "hover shows this edge"
        assert seen["selected"] == [edge_id], "click picks the same edge"
    labels = {seen["title"] for seen in found.values()}
    assert {"Russia → Ukraine: attack", "Russia → Ukraine: invade", "Ukraine → Russia: strike"} <= labels


def test_no_tooltip_left_after_the_pointer_leaves(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        shown = hover(page, node_point(page, "Ana Silva"))["visible"]
        page.mouse.move(600, 20)  # onto the header, in one move (no mousemove on the canvas on the way)
        page.wait_for_timeout(300)
        gone = page.evaluate("getComputedStyle(document.querySelector('div.vis-tooltip')).visibility")
        page.mouse.click(**node_point(page, "Olaf Brandt"))
        shown_again = hover(page, node_point(page, "Portugal"))["visible"]
        box = page.evaluate("(() => { const r = document.getElementById('panel').getBoundingClientRect(); return {x: r.left + 60, y: r.top + 200}; })()")
        page.mouse.move(box["x"], box["y"])  # onto the evidence panel
        page.wait_for_timeout(300)
        return shown, gone, shown_again, page.evaluate("getComputedStyle(document.querySelector('div.vis-tooltip')).visibility")

    shown, gone, shown_again, over_panel = open_graph(html, chromium, actions=actions)["actions"]
    assert shown and shown_again
    assert gone == "hidden" and over_panel == "hidden"


# ---- views ------------------------------------------------------------------------------------

VISIBLE_NODES = "nodes.get().filter(n => !n.hidden).map(n => n.id).sort()"


def test_ego_view_and_back(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        home = page.evaluate("network.getPositions()")
        page.mouse.click(**node_point(page, "Olaf Brandt"))
        page.click("#panel button.ego-1")
        page.wait_for_timeout(100)
        one = page.evaluate(VISIBLE_NODES)
        bar = page.inner_text("#view-bar")
        centre = page.evaluate("network.getPositions(['Olaf Brandt'])['Olaf Brandt']")
        page.click("#view-bar button.ego-toggle")
        two = page.evaluate(VISIBLE_NODES)
        page.click("#view-bar button.ego-close")
        page.wait_for_timeout(100)
        return home, one, bar, centre, two, page.evaluate(VISIBLE_NODES), page.evaluate("network.getPositions()")

    home, one, bar, centre, two, back, positions = open_graph(html, chromium, actions=actions)["actions"]
    assert one == ["Ana Silva", "Germany", "Olaf Brandt", "Portugal"]
    assert "Neighbours of Olaf Brandt" in bar and "3 entities at 1 hop" in bar
    assert centre == {"x": 0, "y": 0}
    assert two == ["Ana Silva", "Germany", "Lisbon", "NATO", "Olaf Brandt", "Portugal"]
    assert len(back) == 8
    assert all(abs(positions[n]["x"] - home[n]["x"]) <= 1 for n in home), "the whole graph as it was"


def test_connect_two_entities_relations_first(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        page.fill("#connect-a", "Silva")
        page.fill("#connect-b", "Portugal")
        page.click("#connect-form button")
        by_relations = panel(page)
        faded = page.evaluate("nodes.get().filter(n => n.color === '#e6e6e6').map(n => n.id).sort()")
        page.fill("#connect-b", "Germany")
        page.press("#connect-b", "Enter")
        mixed = panel(page)
        page.fill("#connect-b", "Alps")
        page.press("#connect-b", "Enter")
        return by_relations, faded, mixed, panel(page)

    by_relations, faded, mixed, none = open_graph(html, chromium, actions=actions)["actions"]
    assert "2 steps through relations" in by_relations["text"]
    assert "Path 1: Ana Silva → Olaf Brandt → Portugal" in by_relations["text"]
    assert "[d2]Silva met Brandt in Lisbon." in by_relations["items"]
    assert "Brandt did not sanction Portugal." in by_relations["text"]
    assert faded == ["Alps", "Germany", "Greenpeace", "Lisbon", "NATO"]
    assert "through relations and co-occurrence" in mixed["text"]
    assert "Path 1: Ana Silva → Olaf Brandt → Germany" in mixed["text"]
    assert "Nothing connects them" in none["text"]


def test_date_slider_and_dated_evidence(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(dated_graph(), html)
    visible = "edges.get().filter(e => !e.hidden).map(e => e.id).length"

    def actions(page):
        seen = {"all": page.evaluate(visible), "note": page.inner_text("#time")}
        page.fill("#date-from", "1")  # from 2024-03-02
        seen["range"] = page.inner_text("#date-range")
        seen["from March"] = page.evaluate("edges.get().filter(e => !e.hidden).map(e => e.title.split('\\n')[0]).sort()")
        page.fill("#date-from", "0")
        page.fill("#date-to", "0")
        seen["January"] = page.evaluate("edges.get().filter(e => !e.hidden).map(e => e.title.split('\\n')[0]).sort()")
        page.click("#reset")
        page.mouse.click(**node_point(page, "Ana Silva"))
        seen["panel"] = panel(page)
        seen["links"] = page.evaluate("Array.from(document.querySelectorAll('#panel a')).map(a => [a.getAttribute('href'), a.textContent])")
        seen["marks"] = page.evaluate("Array.from(document.querySelectorAll('#panel mark')).map(m => m.textContent)")
        return seen

    report = open_graph(html, chromium, actions=actions)
    seen = report["actions"]
    assert seen["all"] == 8
    assert "1 undated document" in seen["note"]
    assert seen["range"] == "2024-03-02 – 2024-06-20"
    assert seen["from March"] == ["Ana Silva — Olaf Brandt: meet", "NATO → Germany: aid"]
    assert "Alps — Greenpeace: named in the same sentence" not in seen["January"], "undated edges are hidden when narrowed"
    assert "NATO → Germany: aid" not in seen["January"]
    text = seen["panel"]["text"]
    assert "2024-01-10 · Brandt in Lisbon" in text and "Silva <b>and</b> Brandt" in text
    assert seen["links"] == [["https://news.example/brandt", "Brandt in Lisbon"]] * 5, "only web links become links"
    assert "Silva" in seen["marks"] and "Portugal" in seen["marks"]
    assert "showing 4 of 105 sentences" in text
    assert report["dialogs"] == [] and report["injected"] == 0


def test_relations_table_sorts_filters_and_downloads(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(conflict_graph(), html)

    def actions(page):
        page.click("#open-table")
        head = page.evaluate("Array.from(document.querySelectorAll('#side th')).map(th => th.textContent)")
        rows = lambda: page.evaluate("Array.from(document.querySelectorAll('#side tbody tr')).map(tr => Array.from(tr.children).map(td => td.textContent))")  # noqa: E731
        first = rows()
        page.click("#side th[data-column='1']")
        page.click("#side th[data-column='1']")
        by_predicate = [r[1] for r in rows()]
        page.fill("#table-filter", "invade")
        page.wait_for_timeout(300)
        filtered = rows()
        with page.expect_download() as info:
            page.click("#side button.download-table")
        path = info.value.path()
        return head, first, by_predicate, filtered, open(path, encoding="utf-8").read()

    head, first, by_predicate, filtered, text = open_graph(html, chromium, actions=actions)["actions"]
    assert head[:6] == ["agent ▲", "predicate", "patient", "category", "modality", "via pronoun"]
    assert head[6:] == ["confidence", "date", "document", "sentence"]
    assert len(first) == 4
    assert by_predicate == ["strike", "invade", "attack", "aid"]
    assert filtered == [["Russia", "invade", "Ukraine", "assault", "asserted", "no", "0.40", "", "d1", "Russia invaded Ukraine."]]
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][-1] == "url" and len(table) == 2 and table[1][1] == "invade"


def test_confidence_filter_only_when_edges_have_it(chromium, tmp_path):
    with_confidence, without = tmp_path / "a.html", tmp_path / "b.html"
    write_html(conflict_graph(), with_confidence)
    write_html(small_graph(), without)
    relations = "edges.get().filter(e => e.kind === 'relation' && !e.hidden).map(e => e.label).sort()"

    def actions(page):
        shown = page.evaluate("!document.getElementById('confidence-control').hidden")
        page.fill("#min-confidence", "0.5")
        tip = page.evaluate("edges.get().find(e => e.label === 'attack').title")
        return shown, page.evaluate(relations), tip

    shown, kept, tip = open_graph(with_confidence, chromium, actions=actions)["actions"]
    assert shown and kept == ["aid", "attack", "strike"], "0.4 hidden; no confidence: kept"
    assert "confidence: 90%" in tip
    hidden = open_graph(without, chromium, actions=lambda page: page.evaluate(
        "getComputedStyle(document.getElementById('confidence-control')).display"))["actions"]
    assert hidden == "none"


def test_actors_list_and_excluded_sources(chromium, tmp_path):
    graph = small_graph()
    graph.add_node("Reuters", label="Reuters", type="ORG", aliases=["Reuters"], mentions=50, documents=2)
    graph.add_edge("Reuters", "Ana Silva", key="cooccurrence", kind="cooccurrence", weight=1,
                   evidence=[{"doc": "d1", "sentence": "Silva told Reuters."}])
    html = tmp_path / "graph.html"
    write_html(graph, html, exclude=["reuters"])

    def actions(page):
        page.click("#open-actors")
        names = lambda: page.evaluate("Array.from(document.querySelectorAll('#side ol.actors li button')).map(b => b.textContent)")  # noqa: E731
        seen = {"default": names(), "hidden": page.evaluate("nodes.get({filter: n => n.id === 'Reuters'})[0].hidden")}
        page.select_option("#actors-type", "GPE")
        seen["GPE"] = names()
        page.select_option("#actors-type", "")
        page.check("#actors-sources")
        seen["with sources"] = names()
        page.check("#show-sources")
        seen["shown"] = not page.evaluate("nodes.get({filter: n => n.id === 'Reuters'})[0].hidden")
        page.click("#side ol.actors li button >> text=Portugal")
        seen["panel"] = panel(page)["heading"]
        return seen

    seen = open_graph(html, chromium, actions=actions)["actions"]
    assert seen["default"][:2] == ["Ana Silva", "Olaf Brandt"] and "Reuters" not in seen["default"]
    assert seen["hidden"] is True and seen["shown"] is True
    assert seen["GPE"] == ["Portugal", "Germany", "Lisbon"]
    assert "Reuters" in seen["with sources"]
    assert seen["panel"] == "Portugal"


def test_review_loop_writes_an_alias_file_the_build_reads(chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(small_graph(), html)

    def actions(page):
        page.mouse.click(**node_point(page, "Lisbon"))
        page.fill("#panel .review-name", "Portugal")
        page.click("#panel button.merge")
        page.mouse.click(**node_point(page, "Alps"))
        page.click("#panel button.reject")
        page.mouse.click(**node_point(page, "Germany"))
        page.fill("#panel .review-name", "NATO")
        page.click("#panel button.apart")
        page.mouse.click(**edge_point(page, page.evaluate("edges.get().find(e => e.label === 'aid').id")))
        page.click("#panel button.wrong-relation")
        page.click("#open-review")
        listed = page.evaluate("Array.from(document.querySelectorAll('#side ol.corrections li')).map(li => li.firstChild.textContent)")
        buttons = page.evaluate("Array.from(document.querySelectorAll('#side button[class^=download]')).map(b => b.textContent)")
        with page.expect_download() as aliases:
            page.click("#side button.download-aliases")
        return (listed, page.inner_text("#review-count"), buttons, aliases.value.suggested_filename,
                open(aliases.value.path(), encoding="utf-8").read())

    listed, count, buttons, name, aliases = open_graph(html, chromium, actions=actions)["actions"]
    assert count == "4" and len(listed) == 4 and listed[3].startswith("wrong relation: NATO aid Germany")
    assert buttons == ["Download aliases.csv"] and name == "aliases.csv", "one file for every correction"
    rows = list(csv.DictReader(io.StringIO(aliases)))
    assert list(rows[0]) == ["alias", "canonical", "type", "never_merge_with", "reject", "wrong_relation", "patient"]
    empty = dict.fromkeys(rows[0], "")
    assert rows == [
        {**empty, "alias": "Lisbon", "canonical": "Portugal", "type": "GPE"},
        {**empty, "alias": "Alps", "reject": "yes"},
        {**empty, "alias": "Germany", "never_merge_with": "NATO"},
        {**empty, "alias": "NATO", "wrong_relation": "aid", "patient": "Germany"},
    ]
    path = tmp_path / "aliases.csv"
    path.write_text(aliases, encoding="utf-8")
    loaded = load_aliases(path)  # --aliases reads every row of it
    assert [(r.alias, r.canonical, r.type) for r in loaded.rules] == [("Lisbon", "Portugal", "GPE")]
    assert loaded.never_merge == (("Germany", "NATO"),)
    assert loaded.rejected == ("Alps",)
    assert loaded.wrong_relations == (WrongRelation("NATO", "aid", "Germany"),)


def test_wrong_relation_round_trip_from_the_page_to_the_next_build(chromium, tmp_path):
    """End to end: build an article, mark a relation wrong on its page, download the corrections,
    rebuild from the cache with --aliases: that relation is gone, nothing else changed."""
    cache, first, second = tmp_path / "cache.sqlite", tmp_path / "first", tmp_path / "second"
    example = ROOT / "examples" / "arctic_talks.txt"
    build = ["build", str(example), "--cache", str(cache), "--formats", "html,json"]
    assert cli_main([*build, "--out", str(first), "-q"]) == 0

    def actions(page):
        wrong = page.evaluate("edges.get().find(e => e.label === 'accuse' && e.from === 'Kremlin' && e.to === 'Norway').id")
        point = edge_point(page, wrong)
        assert point is not None, "the edge can be clicked"
        page.mouse.click(**point)
        page.click("#panel button.wrong-relation")
        page.click("#open-review")
        with page.expect_download() as download:
            page.click("#side button.download-aliases")
        return open(download.value.path(), encoding="utf-8").read()

    aliases = tmp_path / "aliases.csv"
    aliases.write_text(open_graph(first / "graph.html", chromium, actions=actions)["actions"], encoding="utf-8")
    assert cli_main([*build, "--out", str(second), "-q", "--aliases", str(aliases)]) == 0

    def edges(folder):
        data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
        return {(e["source"], e["key"], e["target"]): (e["weight"], e["evidence"]) for e in data["edges"]}

    before, after = edges(first), edges(second)
    assert set(before) - set(after) == {("Kremlin", "accuse", "Norway")}
    assert all(after[k] == before[k] for k in after) and set(after) <= set(before)
    assert ("Kremlin", "cooccurrence", "Norway") in after


def test_page_downloads_guard_formulas_and_round_trip(chromium, tmp_path):
    """Relations table and Corrections downloads of a page of hostile names and sentences: every
    text cell that a spreadsheet would run starts with ', and --aliases reads the names back."""
    from test_spreadsheet import SENTENCE, TRIGGERS, hostile_graph

    graph = hostile_graph()
    graph["-Minus"]["Normal"]["-attack"]["evidence"] = [{"doc": "@doc", "sentence": SENTENCE}]
    html = tmp_path / "graph.html"
    write_html(graph, html)

    def actions(page):
        page.click("#open-table")
        with page.expect_download() as table:
            page.click("#side button.download-table")
        page.click("#side-close")
        page.mouse.click(**node_point(page, "-Minus"))
        page.fill("#panel .review-name", "+Plus")
        page.click("#panel button.merge")
        page.mouse.click(**node_point(page, "@Smith"))
        page.click("#panel button.reject")
        page.mouse.click(**edge_point(page, page.evaluate("edges.get().find(e => e.kind === 'relation').id")))
        page.click("#panel button.wrong-relation")
        page.click("#open-review")
        with page.expect_download() as aliases:
            page.click("#side button.download-aliases")
        return [open(d.value.path(), encoding="utf-8").read() for d in (table, aliases)]

    report = open_graph(html, chromium, actions=actions)
    table, aliases = report["actions"]
    assert report["page_errors"] == []
    [row] = list(csv.DictReader(io.StringIO(table)))
    assert (row["agent"], row["predicate"], row["patient"]) == ("'-Minus", "'-attack", "Normal")
    assert (row["sentence"], row["document"], row["confidence"]) == ("'" + SENTENCE, "'@doc", "0.90")
    corrections = list(csv.DictReader(io.StringIO(aliases)))
    assert [(r["alias"], r["canonical"], r["reject"], r["wrong_relation"], r["patient"]) for r in corrections] == [
        ("'-Minus", "'+Plus", "", "", ""), ("'@Smith", "", "yes", "", ""), ("'-Minus", "", "", "'-attack", "Normal")]
    for cells in (row, *corrections):
        assert not any(cell.startswith(TRIGGERS) for cell in cells.values()), cells
    path = tmp_path / "aliases.csv"
    path.write_text(aliases, encoding="utf-8")
    loaded = load_aliases(path)
    assert [(r.alias, r.canonical, r.type) for r in loaded.rules] == [("-Minus", "+Plus", "GPE")]
    assert loaded.rejected == ("@Smith",)
    assert loaded.wrong_relations == (WrongRelation("-Minus", "-attack", "Normal"),)


def test_corpus_page_backbone_labels_and_panels(chromium, corpus_200, tmp_path):
    graph, html = corpus_200

    def actions(page):
        seen = {"loading": page.evaluate("document.getElementById('loading').hidden"),
                "backbone": page.evaluate("document.getElementById('backbone').checked"),
                "visible edges": page.evaluate("edges.get().filter(e => !e.hidden).length"),
                "sources": page.evaluate("nodes.get().filter(n => n.source).map(n => n.id)")}
        seen["overlaps"] = page.evaluate("""() => {
            const boxes = nodes.get().filter(n => !n.hidden && graphPage.labelShown[n.id]).map(n => {
                const b = network.body.nodes[n.id], s = network.getScale();
                const size = Math.min(b.options.font.size, 30 / s);
                if (size * s < 7) return null;
                const w = String(n.label).length * size * 0.55 + 4;
                return {l: b.x - w / 2, r: b.x + w / 2, t: b.y + b.options.size, b: b.y + b.options.size + size * 1.25};
            }).filter(Boolean);
            let overlaps = 0;
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const p = boxes[i], q = boxes[j];
                if (p.l < q.r && p.r > q.l && p.t < q.b && p.b > q.t) overlaps++;
            }
            return [overlaps, boxes.length];
        }""")
        page.fill("#search", "United States")
        page.press("#search", "Enter")
        page.click("#panel button.ego-1")
        seen["ego"] = page.evaluate(VISIBLE_NODES)
        page.click("#view-bar button.ego-close")
        page.fill("#connect-a", "Donald Trump")
        page.fill("#connect-b", "China")
        page.click("#connect-form button")
        seen["path"] = panel(page)["text"]
        seen["path labels"] = page.evaluate("Object.keys(graphPage.state.path.nodes).map(id => graphPage.labelShown[id])")
        page.click("#open-table")
        seen["rows"] = page.evaluate("document.querySelectorAll('#side tbody tr').length")
        page.fill("#date-from", "40")
        seen["date step"] = page.evaluate("edges.get().filter(e => !e.hidden).length")
        return seen

    report = open_graph(html, chromium, actions=actions, screenshot=tmp_path / "corpus.png")
    seen = report["actions"]
    assert report["page_errors"] == [] and report["external"] == []
    assert seen["loading"] is True
    assert seen["backbone"] is True and seen["visible edges"] < len(report["edges"])
    assert seen["sources"] == ["Wikinews"]
    assert not any("PageRank" in n["title"] or "0.0" in n["title"] for n in report["nodes"]), "plain-language tooltips"
    assert all("Importance: number" in n["title"] for n in report["nodes"] if not n.get("source"))
    overlaps, labels = seen["overlaps"]
    assert labels > 10 and overlaps == 0
    assert "United States" in seen["ego"] and 3 < len(seen["ego"]) <= 81
    assert "Path 1: Donald Trump" in seen["path"]
    assert seen["path labels"] and all(seen["path labels"]), "the path's entities keep their labels"
    assert seen["rows"] > 0
    assert seen["date step"] < seen["visible edges"]


def test_hostile_text_in_the_new_panels(chromium, tmp_path):
    graph = nx.MultiDiGraph(title="t", documents=1, dated_documents=1)
    for name in HOSTILE:
        graph.add_node(name, label=name, type="PERSON", aliases=[name], mentions=2, documents=1)
    item = {"doc": HOSTILE[1], "sentence": HOSTILE[0] + " met " + HOSTILE[2], "date": "2024-01-01",
            "title": HOSTILE[1], "url": "javascript:alert(3)"}
    graph.add_edge(HOSTILE[0], HOSTILE[2], key="meet", kind="relation", predicate=HOSTILE[1], weight=1, category="consult",
                   negated=False, symmetric=False, evidence=[item], first_seen="2024-01-01", last_seen="2024-01-01")
    graph.add_edge(HOSTILE[1], HOSTILE[2], key="cooccurrence", kind="cooccurrence", weight=1, evidence=[dict(item)])
    html = tmp_path / "graph.html"
    write_html(graph, html)

    def actions(page):
        texts = []
        for view in ("#open-actors", "#open-table", "#open-review"):
            page.click(view)
            texts.append(page.inner_text("#side"))
        page.fill("#connect-a", HOSTILE[0])
        page.fill("#connect-b", HOSTILE[1])
        page.click("#connect-form button")
        texts.append(panel(page)["text"])
        page.evaluate("(id) => graphPage.openEgo(id, 2)", HOSTILE[2])
        texts.append(panel(page)["text"] + page.inner_text("#view-bar"))
        tags = page.evaluate("Array.from(new Set(Array.from(document.querySelectorAll('#side *, #panel *, #view-bar *'), e => e.tagName.toLowerCase()))).sort()")
        links = page.evaluate("document.querySelectorAll('a[href]').length")
        return texts, tags, links

    report = open_graph(html, chromium, actions=actions)
    texts, tags, links = report["actions"]
    assert report["dialogs"] == [] and report["page_errors"] == [] and report["injected"] == 0
    assert HOSTILE[0] in texts[0] and HOSTILE[0] in texts[1] and HOSTILE[1] in texts[3] and HOSTILE[2] in texts[4]
    assert set(tags) <= {"a", "button", "div", "h2", "h3", "h4", "input", "label", "li", "mark", "ol", "option", "p",
                         "section", "select", "span", "table", "tbody", "td", "th", "thead", "tr"}
    assert links == 0, "a javascript: URL never becomes a link"


def test_community_colours_and_evidence_badges(chromium, tmp_path):
    graph = small_graph()
    for node in graph:
        graph.nodes[node]["community"] = 0 if node in ("Ana Silva", "Portugal", "Lisbon") else 1
    graph["Olaf Brandt"]["Portugal"]["sanction"]["via_pronoun"] = True
    html = tmp_path / "graph.html"
    write_html(graph, html)
    colours = "Object.fromEntries(nodes.get().map(n => [n.id, n.color]))"

    def actions(page):
        by_type = page.evaluate(colours)
        page.check("#community-colours")
        by_community = page.evaluate(colours)
        page.mouse.click(**edge_point(page, page.evaluate("edges.get().find(e => e.label === 'not sanction').id")))
        badges = page.evaluate("Array.from(document.querySelectorAll('#panel .badge')).map(b => b.textContent)")
        return by_type, by_community, badges

    by_type, by_community, badges = open_graph(html, chromium, actions=actions)["actions"]
    assert by_type["Ana Silva"] == by_type["Olaf Brandt"] != by_type["Portugal"]
    assert by_community["Ana Silva"] == by_community["Portugal"] == by_community["Lisbon"] != by_community["Olaf Brandt"]
    assert by_community["Olaf Brandt"] == by_community["NATO"]
    assert badges == ["negated", "reported", "via pronoun"]
