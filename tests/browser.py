"""Open a graph.html in headless Chromium with the network cut off, and report what happened.

Also a command line, for screenshots made with the same machinery as the tests:

    python tests/browser.py output/graph.html docs/graph.png [--find NAME] [--width 1280 --height 800]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
VIEWPORT = {"width": 1280, "height": 900}


def open_graph(html: Path, chromium: str, actions=None, screenshot: Path | None = None,
               viewport: dict | None = None) -> dict:
    """Load ``html`` and wait until the graph is laid out and drawn; run ``actions(page)`` if given.

    The report has the DataSet node ids and edges, titles, page errors, dialogs, external
    requests (blocked), elements the page created from data (injected ``img``/``script``) and the
    header's text.
    """
    from playwright.sync_api import sync_playwright

    report: dict = {"external": [], "page_errors": [], "console_errors": [], "dialogs": []}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        # bypass_csp: Playwright polls wait_for_function predicates with eval, which the page's
        # Content-Security-Policy forbids. It also means the injection tests prove the page runs
        # no document text even without that second line of defence.
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=FLAGS, viewport=viewport or VIEWPORT,
            bypass_csp=True,
        )
        try:
            page = context.new_page()

            def route(r):
                if r.request.url.startswith(LOCAL_SCHEMES):
                    r.continue_()
                else:
                    report["external"].append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("pageerror", lambda e: report["page_errors"].append(str(e)))
            page.on("console", lambda m: m.type == "error" and report["console_errors"].append(m.text))
            page.on("dialog", lambda d: (report["dialogs"].append(d.message), d.dismiss()))
            page.goto(html.resolve().as_uri())
            page.wait_for_function("window.graphReady === true", timeout=60_000)
            page.wait_for_timeout(200)
            report["node_ids"] = page.evaluate("nodes.getIds()")
            report["nodes"] = page.evaluate("nodes.get()")
            report["edges"] = page.evaluate("edges.get()")
            report["canvas"] = page.evaluate("document.querySelectorAll('#mynetwork canvas').length")
            report["physics"] = page.evaluate("network.physics.options.enabled")
            report["header"] = page.inner_text("header")
            report["title"] = page.title()
            if actions is not None:
                report["actions"] = actions(page)
            report["injected"] = page.evaluate(
                "Array.from(document.querySelectorAll('img, iframe, object, embed')).length"
                " + Array.from(document.scripts).filter(s => s.src).length"
            )
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
    return report


# ---- helpers for actions(page) -------------------------------------------------------------

def node_point(page, node_id: str) -> dict:
    """Where ``node_id`` is drawn, in page coordinates."""
    return page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = container.getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""",
        node_id,
    )


def edge_point(page, edge_id: str) -> dict | None:
    """A point on ``edge_id`` (straight or curved, as vis-network draws it) where nothing else is
    under the mouse, in page coordinates."""
    return page.evaluate(
        """(id) => {
            const edge = network.body.edges[id];
            const r = container.getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const p = network.canvasToDOM(edge.edgeType.getPoint(t));
                if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === id) {
                    return {x: r.left + p.x, y: r.top + p.y};
                }
            }
            return null;
        }""",
        edge_id,
    )


def node_at(page, point: dict):
    """The id of the node drawn at ``point`` (page coordinates), or None."""
    return page.evaluate(
        """(p) => { const r = container.getBoundingClientRect();
                    const id = network.getNodeAt({x: p.x - r.left, y: p.y - r.top});
                    return id === undefined ? null : id; }""",
        point,
    )


def hover(page, point: dict) -> dict:
    """Move the mouse to ``point`` and return the vis tooltip: its text and the tags inside it."""
    page.mouse.move(5, 5)
    page.mouse.move(point["x"], point["y"], steps=2)
    try:
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=2_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; report "no tooltip"
        return {"visible": False, "text": "", "tags": []}
    return page.evaluate(
        """() => { const t = document.querySelector('div.vis-tooltip');
                   return {visible: true, text: t.innerText,
                           tags: Array.from(t.querySelectorAll('*')).map(e => e.tagName.toLowerCase())}; }"""
    )


def panel(page) -> dict:
    """The side panel: shown?, its text, its evidence items and the tags inside it."""
    return page.evaluate(
        """() => { const p = document.getElementById('panel');
                   return {visible: !p.hidden && p.offsetWidth > 0, text: p.innerText,
                           heading: (p.querySelector('h2') || {}).textContent || null,
                           items: Array.from(p.querySelectorAll('li')).map(li => li.textContent),
                           tags: Array.from(new Set(Array.from(p.querySelectorAll('*'),
                                                                e => e.tagName.toLowerCase()))).sort()}; }"""
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot a graph.html in headless Chromium, offline.")
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--find", help="search for this entity first (focus, highlight, evidence panel)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)

    def actions(page):
        if args.find:
            page.fill("#search", args.find)
            page.press("#search", "Enter")
            page.wait_for_timeout(800)
        page.mouse.move(2, 2)

    args.png.parent.mkdir(parents=True, exist_ok=True)
    report = open_graph(args.html, os.environ.get("CHROMIUM", "/usr/bin/chromium"), actions, args.png,
                        {"width": args.width, "height": args.height})
    problems = report["external"] + report["page_errors"] + report["console_errors"] + report["dialogs"]
    print(f"{args.png}: {len(report['node_ids'])} nodes, {len(report['edges'])} edges", file=sys.stderr)
    for problem in problems:
        print(f"  problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
