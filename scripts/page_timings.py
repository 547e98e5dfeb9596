"""Time graph.html's interactions in headless Chromium (offline), as tests/browser.py opens pages.

    python scripts/page_timings.py PAGE.html [PAGE.html ...] [--repeat N] [--screenshots DIR]

For each page: load → first draw (navigation start to the frozen, drawn graph), the ego view of
the most important entity (1 and 2 hops), a path query between the two most important, Reset,
one step of the date slider and of the min. weight slider. Each interaction is timed from the
call to the end of the drawing that follows it, in milliseconds. With ``--repeat N`` each page is
opened N times in a fresh browser and every figure is the median (min–max after it): on a
shared machine one run can be off by a factor of two.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import open_graph  # noqa: E402

TIMED = """async (step) => {
    const drawn = () => new Promise(resolve => requestAnimationFrame(() => {
        network.once('afterDrawing', resolve); network.redraw(); }));
    const top = nodes.get().filter(n => !n.source).sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
    const t0 = performance.now();
    if (step === 'ego 1 hop') graphPage.openEgo(top[0].id, 1);
    else if (step === 'ego 2 hops') graphPage.openEgo(top[0].id, 2);
    else if (step === 'whole graph') graphPage.closeEgo(true);
    // by id (the canonical name): a label can be "" while another label hides it
    else if (step === 'path query') graphPage.connect(top[0].id, top[Math.min(5, top.length - 1)].id);
    else if (step === 'reset') document.getElementById('reset').click();
    else if (step === 'date slider step') {
        const s = document.getElementById('date-from');
        if (!s) return null;
        s.value = String(Math.floor(Number(s.max) / 2)); s.dispatchEvent(new Event('input'));
    } else if (step === 'weight slider step') {
        const s = document.getElementById('min-weight');
        s.value = String(Math.min(Number(s.max), 3)); s.dispatchEvent(new Event('input'));
    }
    await drawn();
    return performance.now() - t0;
}"""
STEPS = ["ego 1 hop", "ego 2 hops", "whole graph", "path query", "reset", "date slider step", "weight slider step", "reset"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="open each page N times; print medians")
    parser.add_argument("--screenshots", type=Path, default=None)
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for page_path in args.pages:
        def actions(page):
            times = [("load → first draw", page.evaluate("window.graphReadyAt"))]
            for step in STEPS:
                times.append((step, page.evaluate(TIMED, step)))
            return times

        shot = args.screenshots / f"{page_path.parent.name}.png" if args.screenshots else None
        runs = [open_graph(page_path, chromium, actions, shot) for _ in range(max(args.repeat, 1))]
        report = runs[0]
        errors = [e for r in runs for e in r["page_errors"]]
        print(f"{page_path}: {len(report['node_ids']):,} nodes, {len(report['edges']):,} edges"
              + (f", median of {len(runs)} runs" if len(runs) > 1 else "") + (f"; errors: {errors}" if errors else ""))
        seen = set()
        for i, (step, _) in enumerate(report["actions"]):
            label = step + (" (again)" if step in seen else "")
            seen.add(step)
            values = [r["actions"][i][1] for r in runs if r["actions"][i][1] is not None]
            if not values:
                print(f"  {label:24s} -")
                continue
            spread = f"  ({min(values):.0f}–{max(values):.0f})" if len(values) > 1 else ""
            print(f"  {label:24s} {statistics.median(values):8.0f} ms{spread}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
