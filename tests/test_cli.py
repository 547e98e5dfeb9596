"""The command-line contract: `entity-graph build INPUT... [--out] [--formats] [--model]`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "arctic_talks.txt"


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_build_writes_the_files_and_a_summary(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv", "possible_duplicates.csv"):
        assert (tmp_path / name).stat().st_size > 0
        assert f"wrote {tmp_path / name}" in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert last.startswith(f"1 document, {len(data['nodes'])} entities, {len(data['edges'])} edges")


def test_a_closed_output_pipe_ends_quietly_after_the_files(tmp_path):
    """`entity-graph build ... | head -0`: the files are still written whole, and the command ends
    with the shell's closed-pipe status (141), not an "unexpected error"."""
    read, write = os.pipe()
    os.close(read)  # nobody will read: the first line the command prints meets a closed pipe
    try:
        result = subprocess.run([sys.executable, "-m", "graph", "build", str(EXAMPLE), "--out", str(tmp_path)],
                                cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert result.returncode == 141, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["nodes"]


def test_console_script_matches_python_m(tmp_path):
    script = Path(sys.executable).with_name("entity-graph")
    if not script.exists():
        pytest.skip("the entity-graph console script is not installed in this environment")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("entity-graph ")


def test_formats_option_limits_outputs(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path), "--formats", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path), "--formats", "pdf")
    assert result.returncode == 2
    assert "unknown pdf" in result.stderr
    assert not any(tmp_path.iterdir())


def test_missing_input_is_one_line_and_exit_2(tmp_path):
    result = run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "input not found" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_model_names_the_installed_ones(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path), "--model", "en_core_web_xx_missing")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert "en_core_web_xx_missing" in line and "installed:" in line and "pip install" in line


def test_model_from_environment_variable(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path), env={"ENTITY_GRAPH_MODEL": "en_core_web_xx_missing"})
    assert result.returncode == 2 and "en_core_web_xx_missing" in result.stderr


def test_model_name_and_version_in_metadata(tmp_path, nlp):
    assert run("build", str(EXAMPLE), "--out", str(tmp_path), "--formats", "json").returncode == 0
    meta = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["graph"]
    assert meta["model"] == f"{nlp.meta['lang']}_{nlp.meta['name']}"
    assert meta["model_version"] == nlp.meta["version"]


def test_skipped_inputs_are_listed_and_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = run("build", str(EXAMPLE), str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert "empty.txt: empty text" in result.stderr
    assert (tmp_path / "out" / "graph.json").exists()


def test_unknown_entity_type_is_rejected(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path), "--types", "PERSON,SPACESHIP")
    assert result.returncode == 2 and "SPACESHIP" in result.stderr


def test_make_run_output_is_committed_and_reproducible(tmp_path):
    """`make run` rebuilds output/ byte for byte: the committed example graph is current."""
    committed = ROOT / "output"
    if not (committed / "graph.json").exists():
        pytest.fail("output/ has no example graph: run `make run` and commit output/")
    result = run("build", "examples/arctic_talks.txt", "--out", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    built_with = json.loads((committed / "graph.json").read_text(encoding="utf-8"))["graph"].get("networkx_version")
    if built_with == nx.__version__:
        for name in ("graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv",
                     "possible_duplicates.csv"):
            assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), f"output/{name} is stale"
        return
    # Another Python gets another networkx from the lock (3.4 on Python 3.10), whose spring layout
    # places nodes slightly differently: everything but the positions must still be the same.
    for name in ("nodes.csv", "edges.csv"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), f"output/{name} is stale"

    def without_positions(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["graph"].pop("networkx_version", None)
        for node in data["nodes"]:
            node.pop("x", None), node.pop("y", None)
        return data

    assert without_positions(tmp_path / "graph.json") == without_positions(committed / "graph.json"), "output/graph.json is stale"


def _edges(folder: Path) -> dict:
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    return {(e["source"], e["key"], e["target"]): e for e in data["edges"]}


def _nodes(folder: Path) -> dict:
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    keep = ("label", "type", "aliases", "mentions", "documents")
    return {n["id"]: {k: n.get(k) for k in keep} for n in data["nodes"]}


def test_wrong_relations_in_the_alias_file_remove_just_those_relations(tmp_path):
    """A wrong relation row removes that relation edge on a rebuild from the cache; the two
    entities' co-occurrence and every other node and edge stay as they were."""
    cache = tmp_path / "cache.sqlite"
    before, after = tmp_path / "before", tmp_path / "after"
    result = run("build", str(EXAMPLE), "--out", str(before), "--cache", str(cache), "--formats", "json")
    assert result.returncode == 0, result.stderr
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "alias,canonical,type,never_merge_with,reject,wrong_relation,patient\n"
        "Kremlin,,,,,accuse,Norway\n"
        "ingrid halvorsen,,,,,meet,David Tremblay\n",  # symmetric: either order; names compared like aliases
        encoding="utf-8")
    result = run("build", str(EXAMPLE), "--out", str(after), "--cache", str(cache), "--formats", "json",
                 "--aliases", str(aliases))
    assert result.returncode == 0, result.stderr
    assert "1 from cache, 0 parsed" in result.stdout, "applied after extraction: nothing parsed again"
    assert result.stderr == ""
    old, new = _edges(before), _edges(after)
    removed = {("Kremlin", "accuse", "Norway"), ("David Tremblay", "meet", "Ingrid Halvorsen")}
    assert removed <= set(old)
    assert set(old) - set(new) == removed and set(new) <= set(old)
    assert ("Kremlin", "accuse", "Moscow") in new and ("David Tremblay", "agree", "Ingrid Halvorsen") in new
    assert ("Kremlin", "cooccurrence", "Norway") in new, "the co-occurrence stays"
    for key, edge in new.items():
        assert (edge["weight"], edge["evidence"]) == (old[key]["weight"], old[key]["evidence"]), key
    assert _nodes(after) == _nodes(before)


def test_a_wrong_relation_that_matches_nothing_is_a_warning(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,wrong_relation,patient\nKremlin,invade,Norway\nNobody,meet,Norway\n", encoding="utf-8")
    result = run("build", str(EXAMPLE), "--out", str(tmp_path / "out"), "--formats", "json", "--aliases", str(aliases))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: --aliases: wrong relation Nobody -meet-> Norway: no such relation in this build",
        "warning: --aliases: wrong relation Kremlin -invade-> Norway: no such relation in this build",
    ]


def test_a_malformed_alias_row_is_one_line_and_writes_nothing(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical,type,never_merge_with,reject,wrong_relation,patient\n"
                       "Kremlin,,,,,accuse,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(EXAMPLE), "--out", str(out), "--aliases", str(aliases))
    assert result.returncode == 2
    assert result.stderr == (f"entity-graph: error: {aliases}:2: a wrong relation needs both wrong_relation (the predicate) "
                             "and patient, got 'accuse' and '(none)'\n")
    assert not out.exists() or not any(out.iterdir())
