"""Corpus inputs, the extraction cache, worker processes and the Dask engine."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from graph.export.tables import node_link
from graph.ingest import Document, Fields, Skipped, iter_documents
from graph.pipeline import Options, extract_corpus, graph_from_extractions

ARTICLES = [
    ("a1", "2024-03-01", "Chancellor Olaf Brandt met with President Ana Silva in Lisbon. Portugal and Germany signed a deal."),
    ("a2", "2024-03-05", "Brazil sued Argentina over the dam. Argentina rejected the claim, said Javier Ortiz."),
    ("a3", "2024-04-02", "Canada imposed sanctions on Iran. Iran accused Canada of interference."),
    ("a4", None, "Kenya and Ethiopia held talks in Nairobi about the border. Kenya later hosted Somalia."),
]


def write_jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for doc_id, date, text in ARTICLES:
            handle.write(json.dumps({"id": doc_id, "date": date, "text": text}) + "\n")
    return path


def documents() -> list[Document]:
    return [Document(i, t, d) for i, d, t in ARTICLES]


def graph_json(extractions, options=Options()) -> str:
    return json.dumps(node_link(graph_from_extractions(extractions, options)), sort_keys=True)


# -- inputs -----------------------------------------------------------------------------------

def test_jsonl_with_ids_dates_and_bad_lines(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "x", "body": "no text field"}) + "\n")
        handle.write(json.dumps({"id": "a1-copy", "text": ARTICLES[0][2]}) + "\n")
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = {s.source: s.reason for s in items if isinstance(s, Skipped)}
    assert [d.id for d in docs] == ["a1", "a2", "a3", "a4"]
    assert docs[0].date == "2024-03-01" and docs[3].date is None
    assert skipped[f"{path.as_posix()}:5"].startswith("not JSON")
    assert skipped[f"{path.as_posix()}:6"] == "no 'text' field"
    assert skipped["a1-copy"] == "same text as a1"


def test_csv_text_column_and_missing_column(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('headline,body,day\nA,"Brazil sued Argentina.",2024-01-02\nB,"Chile met Peru.",2024-01-03\n', encoding="utf-8")
    docs = list(iter_documents([str(path)], Fields(text="body", id="headline", date="day")))
    assert [(d.id, d.date) for d in docs] == [("A", "2024-01-02"), ("B", "2024-01-03")]
    (missing,) = list(iter_documents([str(path)]))
    assert isinstance(missing, Skipped) and "no 'text' column" in missing.reason and "headline, body, day" in missing.reason


def test_html_boilerplate_is_removed(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title></head><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<article><h1>Talks</h1><p>Chancellor Olaf Brandt met with President Ana Silva in Lisbon on Monday "
        "to discuss trade between Portugal and Germany, officials said.</p>"
        "<p>Brandt said that Germany wanted closer ties with Portugal and with Spain.</p></article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = list(iter_documents([str(page)]))
    assert "Olaf Brandt" in doc.text and "Copyright" not in doc.text and "About us" not in doc.text


def test_folder_recursion_and_stdin(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Chile met Peru.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Brazil sued Argentina.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    items = list(iter_documents([str(tmp_path)]))
    assert [d.id for d in items if isinstance(d, Document)] == [f"{tmp_path.as_posix()}/a.md", f"{tmp_path.as_posix()}/sub/b.txt"]
    assert [(s.source, s.reason) for s in items if isinstance(s, Skipped)] == [
        (f"{tmp_path.as_posix()}/skip.bin", "not read: '.bin' files are not an input type (.txt, .md, .html, .htm, .jsonl, .ndjson, .csv)")]
    result = subprocess.run(
        [sys.executable, "-m", "graph", "build", "-", "--out", str(tmp_path / "out"), "--formats", "json", "--no-cache"],
        input="Brazil sued Argentina over the dam.", capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {"Brazil", "Argentina"}


# -- cache ------------------------------------------------------------------------------------

def test_cache_skips_nlp_and_gives_the_same_graph(tmp_path):
    options = Options(cache=tmp_path / "cache.sqlite")
    cold, cold_stats = extract_corpus(documents(), options)
    assert (cold_stats.parsed, cold_stats.from_cache) == (4, 0)
    warm, warm_stats = extract_corpus(documents(), options)
    assert (warm_stats.parsed, warm_stats.from_cache) == (0, 4)
    assert graph_json(warm) == graph_json(cold)
    more = documents() + [Document("a5", "Norway criticised Poland at the summit.")]
    _, stats = extract_corpus(more, options)
    assert (stats.parsed, stats.from_cache) == (1, 4)


def test_graph_options_change_without_parsing(tmp_path):
    options = Options(cache=tmp_path / "cache.sqlite")
    extract_corpus(documents(), options)
    narrowed = Options(cache=options.cache, min_weight=2)
    extractions, stats = extract_corpus(documents(), narrowed)
    assert stats.parsed == 0
    graph = graph_from_extractions(extractions, narrowed)
    assert all(d["weight"] >= 2 for *_, d in graph.edges(data=True) if d["kind"] == "cooccurrence")


def test_rebuild_from_the_cache_never_imports_spacy(tmp_path):
    """A rebuild whose documents are all cached runs no NLP: spaCy is not even imported, and the
    model's name and version (cache key, graph metadata) come from its meta.json."""
    corpus = write_jsonl(tmp_path / "news.jsonl")
    command = [sys.executable, "-m", "graph", "build", str(corpus), "--cache", str(tmp_path / "c.sqlite"), "-q"]
    cold = subprocess.run([*command, "--out", str(tmp_path / "cold")], cwd=ROOT, capture_output=True, text=True)
    assert cold.returncode == 0, cold.stderr
    # the command's main(), not its entry point: run() ends the process before a probe could look
    probe = ("import sys\nfrom graph.cli import main\n"
             "assert main(sys.argv[1:]) == 0\n"
             "print('spacy' in sys.modules)")
    warm = subprocess.run([sys.executable, "-c", probe, *command[3:], "--out", str(tmp_path / "warm"), "--min-weight", "2"],
                          cwd=ROOT, capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.strip().splitlines()[-1] == "False"
    cold_meta = json.loads((tmp_path / "cold" / "graph.json").read_text())["graph"]
    warm_meta = json.loads((tmp_path / "warm" / "graph.json").read_text())["graph"]
    assert {k: warm_meta[k] for k in ("model", "model_version", "spacy_version")} == \
           {k: cold_meta[k] for k in ("model", "model_version", "spacy_version")}


def test_model_description_without_loading_matches_the_loaded_pipeline(nlp):
    from graph.models import describe_model
    from graph.nlp import model_info

    assert describe_model() == model_info(nlp)
    assert {"PERSON", "ORG", "GPE"} <= set(describe_model().ner_labels)


def test_edges_keep_first_and_last_dates():
    extractions, _ = extract_corpus(documents() + [Document("a6", "Canada sanctioned Iran again.", "2024-06-30")], Options())
    graph = graph_from_extractions(extractions, Options())
    edges = [d for u, v, d in graph.edges(data=True) if {u, v} == {"Canada", "Iran"} and d["kind"] == "cooccurrence"]
    assert edges and edges[0]["first_seen"] == "2024-04-02" and edges[0]["last_seen"] == "2024-06-30"


# -- engines ----------------------------------------------------------------------------------

def test_worker_processes_give_the_same_graph():
    one, _ = extract_corpus(documents(), Options(processes=1))
    two, _ = extract_corpus(documents(), Options(processes=2))
    assert graph_json(two) == graph_json(one)


def test_dask_engine_gives_the_same_graph():
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (pip install -e .[dask])")
    local, _ = extract_corpus(documents(), Options(processes=1))
    distributed, _ = extract_corpus(documents(), Options(engine="dask", processes=2))
    assert graph_json(distributed) == graph_json(local)


TOTAL = 1500


def cached_rows(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_interrupted_build_keeps_finished_documents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(TOTAL):
        doc_id, _, text = ARTICLES[i % len(ARTICLES)]
        (corpus / f"{i:04d}.txt").write_text(f"{text} Report number {i} came from Lisbon.", encoding="utf-8")
    out = tmp_path / "out"
    cache = tmp_path / "cache.sqlite"
    command = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--cache", str(cache),
               "--processes", "1", "--formats", "json"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and cached_rows(cache) < 50:
        time.sleep(0.1)
    assert process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not out.exists() or not any(out.iterdir())
    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    summary = resumed.stdout.strip().splitlines()[-1]
    cached = int(summary.split(" from cache")[0].rsplit(" ", 1)[-1])
    assert 50 <= cached < TOTAL, summary
    fresh = subprocess.run(command[:-4] + ["--no-cache", "--processes", "1", "--formats", "json", "--out", str(tmp_path / "fresh")],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert fresh.returncode == 0, fresh.stderr
    assert (out / "graph.json").read_bytes() == (tmp_path / "fresh" / "graph.json").read_bytes()


def test_cache_records_depend_on_entity_types(tmp_path):
    cache = tmp_path / "cache.sqlite"
    everything, _ = extract_corpus(documents(), Options(cache=cache))
    people, stats = extract_corpus(documents(), Options(cache=cache, types=("PERSON",)))
    assert stats.parsed == 4, "other entity types must not reuse records extracted for the default types"
    assert {e.label for x in people for e in x.entities} <= {"PERSON"}
    assert {e.label for x in everything for e in x.entities} > {"PERSON"}
