#!/usr/bin/env python3
"""Throughput of entity-graph against spaCy itself, measured in one run on this machine.

    scripts/benchmark.py                     # 500 articles of ../shared/corpus/news.jsonl
    scripts/benchmark.py --articles 200      # fewer
    scripts/benchmark.py --all               # the whole corpus (2,288 articles), with peak RSS per size
    scripts/benchmark.py --long              # one long text of 100k, 300k and 1M characters
    scripts/benchmark.py --long --sizes 1320000 --processes 2
    scripts/benchmark.py --long --sizes 100000,300000 --repeat 5   # medians of 5 alternating runs
    scripts/benchmark.py --floor build       # raw nlp.pipe with the build's own (faster) pipeline

It measures, with the same model, pipeline components and number of processes:
  (a) raw ``nlp.pipe`` over the texts, the model already loaded (the floor: what spaCy alone
      costs);
  (b) a cold ``entity-graph build`` (empty cache), run as the command a user types, so the time
      includes starting Python, loading the model, reading, parsing, extracting, resolving,
      assembling, analysing and writing every format;
  (c) the same command again with other graph options (``--min-weight 2 --min-npmi 0``): a
      rebuild from the cache, no NLP at all;
  (d) cold builds with 1 process and with N processes;
  (e) peak memory of a cold build as a separate process tree (``--all``: at 1,000 articles and
      at all of them).
and prints words/s and the ratios the project holds itself to (README, "Performance").

``--long`` measures one long document instead: texts of ``--sizes`` characters made of corpus
articles in corpus order (real prose, blank lines between articles, cut at a paragraph end), each
built with 1 and N processes (``--no-cache``, every format) against raw ``nlp.pipe`` over the same
parts the build parses (``graph.nlp.split_text``), both timed as whole processes (Python, spaCy and
the model loaded in each). Besides wall-clock seconds it prints the CPU seconds of each process
tree, which other load on the machine changes less. With ``--repeat N`` each pair (raw, build) runs
N times, alternating, and the medians are printed: on a shared virtual machine one run of a
10-second build varies by ±10%, more than the differences being measured.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.engines import default_processes  # noqa: E402
from graph.models import default_model_name  # noqa: E402
from graph.records import Document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


def load_articles(path: Path, limit: int | None) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs.append(Document(record["id"], record["text"], record.get("date")))
            if limit and len(docs) >= limit:
                break
    return docs


def write_jsonl(docs: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for d in docs:
            handle.write(json.dumps({"id": d.id, "text": d.text, "date": d.date}) + "\n")


def raw_pipe(texts: list[str], model: str, processes: int, floor: str = "spacy") -> float:
    """spaCy alone, with the cycle-collector thresholds the command sets for itself, so the
    floor gets every advantage the build gets."""
    import gc

    from graph.cli import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)
    nlp = floor_pipeline(model, floor)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return time.perf_counter() - started


def floor_pipeline(model: str, floor: str):
    """The pipeline raw ``nlp.pipe`` runs: spaCy's own (``spacy.load``, the default floor), or with
    ``--floor build`` the build's (``graph.nlp.load_model``: its sentence rule and the indexed
    lemmatizer and attribute ruler of ``graph.pipe_indexes``, the same parse, faster), so the
    ratio is then the build's cost beyond its own parse."""
    if floor == "build":
        from graph.nlp import load_model

        return load_model(model)
    import spacy

    return spacy.load(model)


RAW_LONG = """
import gc, sys
from graph.cli import GC_THRESHOLDS
from graph.nlp import PART_CHARS, normalize, split_text
sys.path.insert(0, "scripts")
from benchmark import floor_pipeline
gc.set_threshold(*GC_THRESHOLDS)  # the build's garbage-collector setting: a faster, stricter floor
nlp = floor_pipeline(sys.argv[2], sys.argv[4])
text = open(sys.argv[1], encoding="utf-8").read()
parts = [normalize(part) for _, part in split_text(text, min(PART_CHARS, nlp.max_length))]
for _ in nlp.pipe(parts, n_process=int(sys.argv[3]), batch_size=1):
    pass
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds (user + system, the process and its children) of a command."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = os.times()
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr)
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return seconds, cpu, (done.stdout.strip().splitlines() or [""])[-1]


def long_text(docs: list[Document], size: int) -> str:
    """Corpus articles in order, a blank line apart, cut at the last paragraph end within ``size``."""
    text, total = [], 0
    for d in docs:
        text.append(d.text.strip())
        total += len(text[-1]) + 2
        if total > size:
            break
    joined = "\n\n".join(text)
    cut = joined.rfind("\n", 0, size)
    return joined[:cut if cut > size // 2 else size]


def benchmark_long(corpus: Path, sizes: list[int], processes: int, model: str, repeat: int = 1,
                   floor: str = "spacy") -> None:
    docs = load_articles(corpus, None)
    print(f"one long text per size; model {model}; 1 and {processes} processes; {os.cpu_count()} CPUs; floor {floor}"
          + (f"; medians of {repeat} alternating runs" if repeat > 1 else ""))
    print(f"\n{'chars':>9} {'words':>8} {'procs':>5} {'raw s':>7} {'build s':>8} {'ratio':>6} "
          f"{'raw cpu':>8} {'build cpu':>9} {'cpu ratio':>9}  summary")
    builds: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            text = long_text(docs, size)
            path = Path(tmp) / f"long{size}.txt"
            path.write_text(text, encoding="utf-8")
            for n in dict.fromkeys([1, processes]):
                runs = []
                for _ in range(repeat):
                    runs.append((*timed([sys.executable, "-c", RAW_LONG, str(path), model, str(n), floor])[:2], *timed(
                        [sys.executable, "-m", "graph", "build", str(path), "--out", str(Path(tmp) / f"out{size}-{n}"),
                         "--no-cache", "--processes", str(n), "--model", model])))
                raw, raw_cpu, build, build_cpu = (statistics.median(run[i] for run in runs) for i in range(4))
                summary = runs[-1][4]
                builds[size, n] = build
                print(f"{len(text):9,} {len(text.split()):8,} {n:5} {raw:7.1f} {build:8.1f} {raw / build:6.2f} "
                      f"{raw_cpu:8.1f} {build_cpu:9.1f} {raw_cpu / build_cpu:9.2f}  {summary}", flush=True)
    print("\ntargets: ratio (build throughput / raw nlp.pipe) >= 0.90 at each size and process count")
    for n in dict.fromkeys([1, processes]):
        for small, large in zip(sizes, sizes[1:]):
            growth = builds[large, n] / builds[small, n]
            print(f"  {n} processes: build time {large:,} / {small:,} characters: {growth:5.2f} "
                  f"(size x{large / small:.2f}; target for 1M / 300k: <= 3.5)")
    if processes > 1:
        largest = sizes[-1]
        print(f"  {largest:,} characters, 1 / {processes} processes (build): "
              f"{builds[largest, 1] / builds[largest, processes]:5.2f}  [>= 1.6]")


def timed_build(corpus: Path, out: Path, processes: int, cache: Path, model: str, *options: str) -> tuple[float, str]:
    """Wall-clock seconds of ``python -m graph build`` and its summary line."""
    command = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--cache", str(cache),
               "--processes", str(processes), "--model", model, *options]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr)
    return seconds, (done.stdout.strip().splitlines() or [""])[-1]


def cold_build(corpus: Path, out: Path, processes: int, cache: Path, model: str) -> tuple[float, str]:
    for stale in cache.parent.glob(cache.name + "*"):
        stale.unlink()
    return timed_build(corpus, out, processes, cache, model)


def peak_memory_of_build(corpus: Path, out: Path, processes: int) -> tuple[float, float]:
    """Peak memory in MB of a cold build run as its own process tree, sampled every 0.1 s:
    the largest single process (RSS) and the whole tree (PSS, so pages the forked workers share
    with the parent count once)."""
    import psutil

    with tempfile.TemporaryDirectory() as cache_dir:
        command = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out),
                   "--cache", f"{cache_dir}/c.sqlite", "--processes", str(processes), "-q"]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        root = psutil.Process(process.pid)
        peak_rss = peak_tree = 0.0
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
                pss = [p.memory_full_info().pss for p in tree]
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            peak_rss = max(peak_rss, max(rss) / 2**20)
            peak_tree = max(peak_tree, sum(pss) / 2**20)
            time.sleep(0.1)
        if process.returncode not in (0, 1):
            raise RuntimeError(process.stderr.read().decode())
        return peak_rss, peak_tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--all", action="store_true", help="every article of the corpus")
    parser.add_argument("--processes", type=int, default=default_processes())
    parser.add_argument("--model", default=None)
    parser.add_argument("--long", action="store_true", help="one long text per size instead of the corpus")
    parser.add_argument("--sizes", default="100000,300000,1000000", help="characters of the --long texts")
    parser.add_argument("--floor", choices=["spacy", "build"], default="spacy",
                        help="raw nlp.pipe with spaCy's own pipeline (default) or the build's (its cost beyond the parse)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement, alternating (medians printed)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"benchmark: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    model = args.model or default_model_name()
    if args.long:
        benchmark_long(args.corpus, [int(s) for s in args.sizes.split(",")], args.processes, model, max(1, args.repeat),
                       args.floor)
        return 0
    docs = load_articles(args.corpus, None if args.all else args.articles)
    words = sum(len(d.text.split()) for d in docs)
    n = args.processes
    print(f"{len(docs)} articles, {words:,} words; model {model}; {n} processes; {os.cpu_count()} CPUs; floor {args.floor}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus.jsonl"
        write_jsonl(docs, corpus)
        texts = [d.text for d in docs]
        repeat = max(1, args.repeat)

        runs = []  # alternating rounds, so a machine that speeds up or slows down moves both sides
        for _ in range(repeat):
            raw_n = raw_pipe(texts, model, n, args.floor)
            cold_n, summary = cold_build(corpus, tmp_path / "out", n, tmp_path / "cache.sqlite", model)
            cold_1, _ = cold_build(corpus, tmp_path / "out1", 1, tmp_path / "cache1.sqlite", model)
            raw_1 = raw_pipe(texts, model, 1, args.floor) if n != 1 else raw_n
            runs.append((raw_n, cold_n, cold_1, raw_1))
        raw_n, cold_n, cold_1, raw_1 = (statistics.median(run[i] for run in runs) for i in range(4))
        cold_build(corpus, tmp_path / "out", n, tmp_path / "cache.sqlite", model)
        rebuild, rebuild_summary = timed_build(corpus, tmp_path / "out2", n, tmp_path / "cache.sqlite", model,
                                               "--min-weight", "2", "--min-npmi", "0")
        rows = [("(a) raw nlp.pipe", n, raw_n), ("(b) cold build", n, cold_n),
                ("(c) rebuild from cache, other options", n, rebuild), ("(d) cold build", 1, cold_1),
                ("(a) raw nlp.pipe", 1, raw_1)]
        if repeat > 1:
            print(f"medians of {repeat} alternating rounds; each round (a, b, d, a at 1 process): "
                  + "; ".join(" ".join(f"{t:.1f}" for t in run) for run in runs))

        print(f"\n{'measure':42} {'procs':>5} {'seconds':>8} {'words/s':>9}")
        for name, procs, seconds in rows:
            print(f"{name:42} {procs:>5} {seconds:8.2f} {words / seconds:9,.0f}")
        print(f"\ncold build:   {summary}\nrebuild:      {rebuild_summary}")
        print("\nratios (targets in brackets):")
        print(f"  cold build / raw nlp.pipe, {n} processes: {raw_n / cold_n:5.2f}  [>= 0.90]")
        print(f"  cold build / raw nlp.pipe, 1 process:  {raw_1 / cold_1:5.2f}  [>= 0.90]")
        print(f"  {n} processes / 1 process (cold build):  {cold_1 / cold_n:5.2f}  [>= 1.70]")
        print(f"  rebuild from cache speed-up:            {cold_n / rebuild:5.1f}x [>= 20 on the full corpus]")

        print(f"\npeak memory of a cold build with {n} processes (own process tree):")
        sizes = [1000, len(docs)] if args.all and len(docs) > 1000 else [len(docs)]
        for size in sizes:
            part = tmp_path / f"part{size}.jsonl"
            write_jsonl(docs[:size], part)
            largest, tree = peak_memory_of_build(part, tmp_path / f"rss{size}", n)
            print(f"  {size:5d} articles: largest process {largest:5.0f} MB RSS, whole tree {tree:5.0f} MB PSS  [< 1500]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
