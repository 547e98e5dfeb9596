"""graph.html in a real browser (headless Chromium), offline."""
from __future__ import annotations

import networkx as nx
import pytest

from browser import open_graph
from conftest import ROOT
from graph import Document, build_graph
from graph.export.html import write_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"quotes\' </title> ]]> href',
]


@pytest.fixture(scope="module")
def example_graph():
    text = (ROOT / "examples" / "arctic_talks.txt").read_text(encoding="utf-8")
    return build_graph([Document("examples/arctic_talks.txt", text)])


def test_example_renders_offline_with_every_node(example_graph, chromium, tmp_path):
    html = tmp_path / "graph.html"
    write_html(example_graph, html)
    report = open_graph(html, chromium)
    assert report["external"] == []
    assert report["page_errors"] == [] and report["console_errors"] == []
    assert report["canvas"] == 1
    assert sorted(report["node_ids"]) == sorted(example_graph.nodes)
    assert len(report["edges"]) == example_graph.number_of_edges()
    assert all(n.get("title") for n in report["nodes"])
    assert all(e.get("title") for e in report["edges"])


def test_hostile_document_runs_nothing(chromium, tmp_path):
    text = (
        f"President Ana Silva met with Chancellor Olaf Brandt {HOSTILE[0]} in Lisbon. "
        f"Silva said Portugal {HOSTILE[1]} would sign. Brandt {HOSTILE[2]} agreed with Silva."
    )
    graph = build_graph([Document(HOSTILE[1] + ".txt", text)], title=HOSTILE[0])
    html = tmp_path / "graph.html"
    write_html(graph, html)
    report = open_graph(html, chromium, actions=_hover_everything)
    assert report["dialogs"] == [] and report["page_errors"] == []
    assert report["injected"] == 0 and report["external"] == []
    assert any(HOSTILE[0] in (e.get("title") or "") for e in report["edges"]), "evidence must be shown as text"


def test_hostile_names_stay_text(chromium, tmp_path):
    graph = nx.MultiDiGraph(title=HOSTILE[1], documents=1, model="m", model_version="1")
    for name in HOSTILE:
        graph.add_node(name, label=name, type="PERSON", aliases=[name, "x"], mentions=2, documents=1)
    graph.add_edge(HOSTILE[0], HOSTILE[1], key="meet", kind="relation", predicate=HOSTILE[2], weight=1,
                   negated=False, symmetric=False, evidence=[{"doc": HOSTILE[1], "sentence": HOSTILE[0]}])
    html = tmp_path / "graph.html"
    write_html(graph, html)
    report = open_graph(html, chromium, actions=_hover_everything)
    assert report["dialogs"] == [] and report["page_errors"] == [] and report["injected"] == 0
    assert sorted(report["node_ids"]) == sorted(HOSTILE)


def _hover_everything(page) -> int:
    """Hover each node's position so any tooltip code runs."""
    positions = page.evaluate("Object.values(network.getPositions()).map(p => network.canvasToDOM(p))")
    box = page.locator("#mynetwork").bounding_box()
    for pos in positions:
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_timeout(250)
    return len(positions)
