"""Open a graph.html in headless Chromium with the network cut off, and report what happened."""
from __future__ import annotations

import tempfile
from pathlib import Path

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def open_graph(html: Path, chromium: str, actions=None, screenshot: Path | None = None) -> dict:
    """Load ``html`` and wait for vis-network to draw; run ``actions(page)`` if given.

    The report has the DataSet node ids and edges, titles, page errors, dialogs, external
    requests (blocked), and elements the page created from data (injected ``img``/``script``).
    """
    from playwright.sync_api import sync_playwright

    report: dict = {"external": [], "page_errors": [], "console_errors": [], "dialogs": []}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900}
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
            page.wait_for_timeout(300)
            report["node_ids"] = page.evaluate("nodes.getIds()")
            report["nodes"] = page.evaluate("nodes.get()")
            report["edges"] = page.evaluate("edges.get()")
            report["canvas"] = page.evaluate("document.querySelectorAll('#mynetwork canvas').length")
            report["injected"] = page.evaluate(
                "Array.from(document.querySelectorAll('img, iframe, object, embed')).length"
                " + Array.from(document.scripts).filter(s => s.src).length"
            )
            if actions is not None:
                report["actions"] = actions(page)
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
    return report
