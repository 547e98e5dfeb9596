"""graph.display in Jupyter: a notebook run headless by nbclient on an ipykernel kernel of this
environment builds a graph with the real spaCy model and shows it; its output cell holds the
same self-contained page as graph.html, escaped into a sandboxed iframe."""
from __future__ import annotations

import sys
from html.parser import HTMLParser

import pytest

import graph as package
from conftest import require
from graph.export.html import render_html
from graph.notebook import GraphDisplay
from store_graphs import hostile_graph

try:
    import ipykernel  # noqa: F401
    import nbclient
    import nbformat
except ImportError:  # the test extra: pip install -e .[test]
    nbclient = nbformat = None

TEXT = "Chancellor Olaf Brandt met with President Ana Silva in Lisbon. Brandt later thanked Silva and Portugal."


class Frames(HTMLParser):
    """The top-level elements of an HTML fragment and the attributes of its iframes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.top, self.iframes = 0, [], []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.top.append(tag)
        if tag == "iframe":
            self.iframes.append(dict(attrs))
        self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1


def frames(fragment: str) -> Frames:
    parser = Frames()
    parser.feed(fragment)
    parser.close()
    return parser


def test_a_notebook_shows_the_graph(tmp_path):
    require(nbclient is not None, "nbclient, nbformat or ipykernel is not installed (pip install -e .[test])")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import sys, graph\nfrom graph import Document, build_graph\nprint(sys.executable)\n"
                                  f"g = build_graph([Document('note', {TEXT!r})])\nsorted(g.nodes)"),
        nbformat.v4.new_code_cell("graph.display(g)"),
    ]
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    printed, result = notebook.cells[0].outputs
    assert printed["text"].strip() == sys.executable  # the kernel runs in this environment
    names = eval(result["data"]["text/plain"])  # a list of str literals
    assert {"Olaf Brandt", "Ana Silva", "Lisbon"} <= set(names)
    (output,) = notebook.cells[1].outputs
    assert output["output_type"] == "execute_result"
    fragment = output["data"]["text/html"]
    parsed = frames(fragment)
    assert parsed.top == ["iframe"] and len(parsed.iframes) == 1
    page = parsed.iframes[0]["srcdoc"]
    for name in names:
        assert f'"label": "{name}"' in page
    assert page.startswith("<!DOCTYPE html>") and "vis.Network" in page and "<script src" not in page
    assert "<link" not in page  # nothing loaded from anywhere: the page is self-contained
    assert page == render_html(package.build_graph([package.Document("note", TEXT)]))


@pytest.mark.browser
def test_the_frame_draws_the_graph_offline(chromium, graph_of, tmp_path):
    """The output cell's HTML in a page, as Jupyter puts it in its own: the framed graph draws in
    headless Chromium with every request to the network blocked."""
    from playwright.sync_api import sync_playwright

    from browser import FLAGS, LOCAL_SCHEMES

    g = graph_of(TEXT)
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><div class='output'>{package.display(g)._repr_html_()}</div></body></html>",
                    encoding="utf-8")
    external = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        try:
            page = browser.new_page(bypass_csp=True)

            def route(r):
                if r.request.url.startswith(LOCAL_SCHEMES):
                    r.continue_()
                else:
                    external.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(host.resolve().as_uri())
            page.wait_for_function("document.querySelector('iframe') !== null")
            frame = next(f for f in page.frames if f != page.main_frame)
            # polled with evaluate, not wait_for_function: Playwright polls that with eval, which
            # the frame's own Content-Security-Policy forbids (bypass_csp does not reach a srcdoc
            # frame), so it failed whenever the graph was not drawn at the first look
            for _ in range(600):
                if frame.evaluate("window.graphReady === true"):
                    break
                page.wait_for_timeout(100)
            ids = frame.evaluate("nodes.getIds()")
            canvases = frame.evaluate("document.querySelectorAll('#mynetwork canvas').length")
            parent_access = frame.evaluate("(() => { try { return !!window.parent.document; } catch (e) { return false; } })()")
        finally:
            browser.close()
    assert set(ids) == set(g.nodes) and canvases == 1
    assert external == [] and parent_access is False  # sandboxed: the page cannot reach the notebook


def test_the_frame_holds_exactly_the_page_and_escapes_hostile_text():
    g = hostile_graph()
    shown = package.display(g, height=500)
    assert isinstance(shown, GraphDisplay)
    fragment = shown._repr_html_()
    parsed = frames(fragment)
    assert parsed.top == ["iframe"] and len(parsed.iframes) == 1  # no text of the graph became markup
    (frame,) = parsed.iframes
    assert frame["srcdoc"] == render_html(g) == shown.page
    assert frame["sandbox"] == "allow-scripts" and "500px" in frame["style"]
    assert "<script" not in fragment and "</iframe>" == fragment[-9:]


def test_importing_graph_does_not_import_the_exporters():
    import subprocess

    code = "import sys, graph; print(any(m.startswith(('graph.notebook', 'graph.export', 'pyvis')) for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
