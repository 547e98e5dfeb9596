"""Bad input, hostile text and faults: one clear line, the right exit code, nothing half-written.

Each case runs the real command line. The table in README ("Bad input") lists the same cases.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from conftest import ROOT
from graph.engines import extract_batch
from graph.nlp import split_text
from graph.export import write_outputs
from graph.records import Document

NEWS = "Chancellor Olaf Brandt met with President Ana Silva in Lisbon. Portugal and Germany signed a trade deal."
OUTPUTS = ("graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv", "possible_duplicates.csv")


def cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", "build", *args, "--no-cache", "--processes", "1"],
                          cwd=cwd, capture_output=True, text=True, input=stdin, timeout=300)


def assert_outputs_parse(out: Path) -> None:
    """Every output file is complete and parses."""
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    ElementTree.parse(out / "graph.graphml")
    ElementTree.parse(out / "graph.gexf")
    nx.read_graphml(out / "graph.graphml")
    nx.read_gexf(out / "graph.gexf")
    for name in ("nodes.csv", "edges.csv", "possible_duplicates.csv"):
        list(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))))
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "no staging or temporary files left"


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


def test_missing_path(tmp_path):
    result = cli(str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.strip() == f"entity-graph: error: input not found: {tmp_path / 'nope.txt'}"
    assert not (tmp_path / "out").exists()


def test_folder_without_usable_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    result = cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no documents to build a graph from" in result.stderr
    assert "folder has no" in result.stderr and "\n" not in result.stderr.strip()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty text"),
    ("blank.txt", b"  \n\t\n", "empty text"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file, not text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not text"),
    ("blob.txt", b"\x00\x01\x02binary", "binary file, not text"),
])
def test_unusable_file_is_skipped_with_reason(tmp_path, good, name, data, reason):
    (tmp_path / name).write_bytes(data)
    result = cli(str(good), str(tmp_path / name), "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert f"skipped {tmp_path / name}: {reason}" in result.stderr
    assert_outputs_parse(tmp_path / "out")


def test_invalid_utf8_falls_back_to_windows_1252_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café owners in Lisbon met President Ana Silva and Chancellor Olaf Brandt.".encode("cp1252"))
    result = cli(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "read as Windows-1252" in result.stderr
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert any("Café" in e["evidence"][0]["sentence"] for e in data["edges"])


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"))
    result = cli(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert {"Olaf Brandt", "Ana Silva"} <= {n["id"] for n in data["nodes"]}


def test_document_over_max_length_is_split_not_truncated(nlp):
    paragraphs = [f"Report {i}: Chancellor Olaf Brandt met with President Ana Silva in Lisbon." for i in range(60)]
    text = "\n\n".join(paragraphs)
    pieces = split_text(text, 1000)
    assert "".join(part for _, part in pieces) == text and all(len(p) <= 1000 for _, p in pieces)
    assert all(text[offset:offset + len(part)] == part for offset, part in pieces)
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        (x,) = extract_batch([Document("long", text)], None, ("PERSON", "ORG", "GPE", "NORP", "LOC"))
    finally:
        nlp.max_length = saved
    assert x.sentence_count >= 60
    brandt = [m for m in x.mentions if m.name == "Olaf Brandt"]
    assert len(brandt) == 60 and all(text[m.start_char:m.end_char] == m.text for m in brandt)
    assert max(m.start_char for m in brandt) > len(text) - 200  # the last paragraph was parsed too


def test_text_without_entities_gives_valid_empty_outputs(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("the sky was grey and the rain kept falling on the quiet streets all day long.", encoding="utf-8")
    result = cli(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "no entities" in result.stderr
    assert_outputs_parse(tmp_path / "out")
    assert "No entities were found" in (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")


def test_non_english_text_warns(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Der Bundeskanzler traf sich am Montag mit dem französischen Präsidenten in Berlin, "
                    "um über die Zukunft der Europäischen Union und die Handelsbeziehungen mit China zu sprechen.",
                    encoding="utf-8")
    result = cli(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "does not look like English" in result.stderr


def test_duplicate_documents_are_counted_once(tmp_path, good):
    copy = tmp_path / "copy.txt"
    copy.write_text(NEWS, encoding="utf-8")
    result = cli(str(good), str(copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and f"skipped {copy}: same text as {good}" in result.stderr
    assert json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))["graph"]["documents"] == 1


def test_bad_jsonl_lines_are_reported_by_number(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": NEWS}) + "\n{broken\n" + json.dumps({"id": "c", "body": "x"}) + "\n",
                    encoding="utf-8")
    result = cli(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"skipped {path}:2: not JSON" in result.stderr and f"skipped {path}:3: no 'text' field" in result.stderr
    assert (tmp_path / "out" / "graph.json").exists()


def test_csv_without_the_text_column(tmp_path, good):
    path = tmp_path / "news.csv"
    path.write_text("title,body\nA,x\n", encoding="utf-8")
    result = cli(str(good), str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "no 'text' column (columns: title, body); use --text-field" in result.stderr


def test_unwritable_output_keeps_a_clear_error(tmp_path, good):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = cli(str(good), "--out", str(blocker))
    assert result.returncode == 2 and result.stderr.startswith("entity-graph: error: cannot write to")
    assert "Traceback" not in result.stderr


def test_failed_export_leaves_previous_outputs_untouched(tmp_path, graph_of, monkeypatch):
    out = tmp_path / "out"
    write_outputs(graph_of(NEWS), out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    import graph.export.gexf as gexf

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gexf, "write_gexf", broken)
    with pytest.raises(OSError):
        write_outputs(graph_of("Brazil sued Argentina over the dam."), out)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_two_process_writing_gives_the_same_files(tmp_path, graph_of):
    """On big graphs GraphML and GEXF are written by a forked child: the files are the same bytes
    as one process writes, and come back in the same order."""
    g = graph_of(NEWS)
    one, two = tmp_path / "one", tmp_path / "two"
    assert [p.name for p in write_outputs(g, one, parallel=False)] == [p.name for p in write_outputs(g, two, parallel=True)]
    assert sorted(p.name for p in two.iterdir()) == sorted(OUTPUTS)
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_failure_in_the_writing_child_leaves_previous_outputs_untouched(tmp_path, graph_of, monkeypatch):
    out = tmp_path / "out"
    write_outputs(graph_of(NEWS), out, parallel=True)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    import graph.export.graphml as graphml

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(graphml, "write_graphml", broken)  # the forked child inherits the patch
    with pytest.raises(OSError, match="No space left"):
        write_outputs(graph_of("Brazil sued Argentina over the dam."), out, parallel=True)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


HOSTILE_NAMES = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"quotes\'', "</title>", "]]>",
                 "bell\x07 and \x1b escape", "rtl \u202e mark", "emoji \U0001F600"]


def test_hostile_text_survives_every_exporter(tmp_path):
    g = nx.MultiDiGraph(title="</title><script>alert(1)</script>", documents=1, model="m", model_version="1", sentences=4)
    for name in HOSTILE_NAMES:
        g.add_node(name, label=name, type="PERSON", aliases=[name, "x]]>"], mentions=1, documents=1, sentences=1)
    for a, b in zip(HOSTILE_NAMES, HOSTILE_NAMES[1:]):
        g.add_edge(a, b, key="cooccurrence", kind="cooccurrence", weight=1,
                   evidence=[{"doc": "<b>doc</b>\x00", "sentence": f"{a} and {b} \x0c met ]]> &amp;"}])
    g.add_edge(HOSTILE_NAMES[0], HOSTILE_NAMES[1], key="meet", kind="relation", predicate="meet<br>", category="consult",
               negated=False, symmetric=True, modality="asserted", weight=1, evidence=[])
    from graph.analyze import analyze

    write_outputs(analyze(g), tmp_path)
    assert_outputs_parse(tmp_path)
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(HOSTILE_NAMES)  # JSON keeps text exactly
    back = nx.read_gexf(tmp_path / "graph.gexf")
    assert "bell and  escape" in back.nodes  # XML: characters XML forbids are removed, the rest kept
    assert "emoji \U0001F600" in back.nodes and "rtl \u202e mark" in back.nodes
