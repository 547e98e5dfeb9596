"""The wheel and the sdist, as a new user gets them: every run-time file is packaged, and the
installed wheel (not the editable install) builds the seed article.

The wheel is built from a copy of the source tree (so the build leaves nothing in the work
tree) with the project's pinned setuptools, and installed with pip into a new virtual
environment. The new environment gets the locked dependencies as links to the packages of this
test run's own environment, which ``make`` installed from ``requirements/lock.txt`` with hashes
(installing the ~150 locked packages again takes 1.5 minutes); the project's own editable
install is left out, and pip installs the wheel with ``--no-index``, so it must find every
dependency the wheel declares among the locked ones. The test asserts that ``graph`` is then
imported from the new environment's site-packages. With ``ENTITY_GRAPH_WHEEL_FULL_INSTALL=1`` the
new environment installs the locked dependencies itself, with pip from ``requirements/lock.txt``
(``--require-hashes``), as a user would.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, require

SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE")
FULL_INSTALL = os.environ.get("ENTITY_GRAPH_WHEEL_FULL_INSTALL", "").lower() in ("1", "true", "yes")


def runtime_files() -> list[str]:
    """Every file under graph/ that is not Python source: what the package reads at run time."""
    package = ROOT / "graph"
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc")
    )


def python_files() -> list[str]:
    package = ROOT / "graph"
    return sorted(p.relative_to(ROOT).as_posix() for p in package.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The wheel and the sdist, built from a copy of the source tree."""
    tmp = tmp_path_factory.mktemp("dist")
    source = tmp / "src"
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "graph", source / "graph", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp / "dist"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(source)], check=True, env=env, cwd=tmp)
    subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta as b; b.build_sdist(sys.argv[1])",
                    str(out)], check=True, cwd=source, capture_output=True)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0], "tmp": tmp}


def test_the_wheel_holds_every_runtime_file(dist):
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    files = runtime_files()
    assert "graph/export/templates/graph.css" in files and "graph/export/templates/graph.js" in files
    assert "graph/data/predicate_categories.tsv" in files
    missing = [f for f in files + python_files() if f not in names]
    assert missing == [], f"not in the wheel (add them to [tool.setuptools.package-data]): {missing}"
    assert any(n.endswith(".dist-info/entry_points.txt") for n in names)


def test_the_sdist_holds_every_source_and_runtime_file(dist):
    with tarfile.open(dist["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = [f for f in [*SOURCE_FILES, *runtime_files(), *python_files()] if f not in names]
    assert missing == [], f"not in the sdist: {missing}"


def fresh_environment(path: Path) -> Path:
    """A new venv whose site-packages links to this environment's locked packages, not to the
    project's editable install (or, with FULL_INSTALL, that installs them from the lock)."""
    python = path / "bin" / "python"
    if FULL_INSTALL:
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "-r", str(ROOT / "requirements" / "pip.txt")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "-r", str(ROOT / "requirements" / "lock.txt")], check=True)
        return python
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in sorted(ours.iterdir()):
        name = entry.name.lower()
        if name.startswith(("entity_graph", "__editable__", "_entity_graph", "graph")) or name == "__pycache__":
            continue
        (site / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return python


def test_the_installed_wheel_builds_the_seed_article(dist, shared):
    seed = shared / "examples" / "seed_article.txt"
    require(seed.is_file(), f"{seed} not found")
    tmp = dist["tmp"]
    python = fresh_environment(tmp / "venv")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", str(dist["wheel"])],
                   check=True, env=env, cwd=tmp)  # --no-index: every dependency must be there already
    where = subprocess.run([str(python), "-c", "import graph, sys; print(graph.__file__)"], check=True,
                           capture_output=True, text=True, env=env, cwd=tmp).stdout.strip()
    assert Path(where).is_relative_to(tmp / "venv"), where
    out = tmp / "out"
    proc = subprocess.run([str(tmp / "venv" / "bin" / "entity-graph"), "build", str(seed), "--out", str(out),
                           "--no-cache", "-q"], capture_output=True, text=True, env=env, cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    names = {"graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv"}
    assert names <= {p.name for p in out.iterdir()}
    page = (out / "graph.html").read_text(encoding="utf-8")
    css = (ROOT / "graph" / "export" / "templates" / "graph.css").read_text(encoding="utf-8")
    assert css.strip().splitlines()[0] in page  # the page's style came from the installed package
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert {"Donald Trump", "Vladimir Putin", "Ukraine"} <= {n["id"] for n in data["nodes"]}
    assert len(data["edges"]) > 10
