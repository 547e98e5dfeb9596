"""Import GraphML/GEXF files with the real Gephi toolkit, for tests.

The Java side lives in ``tests/gephi/`` (Maven project, ``entitygraph.GephiImport``). It imports a
file the way Gephi Desktop's File > Open does with the import dialog's defaults
(``ImportController.importFile`` -> ``container.verify()`` ->
``ImportController.process(container, new DefaultProcessor(), workspace)``) and prints one JSON
object.

Usage in a test::

    import pytest
    from gephi_harness import gephi_available, import_with_gephi

    ok, why = gephi_available()
    pytestmark = pytest.mark.skipif(not ok, reason=why)

    def test_gephi_reads_labels(tmp_path):
        ...
        res = import_with_gephi(tmp_path / "graph.graphml")
        assert res["exit_code"] == 0, res["issues"]

Exit codes of the harness (``res["exit_code"]``): 0 imported without SEVERE/CRITICAL issue,
1 imported but such an issue was reported, 2 import failed, 64 usage error.

The first build needs Maven Central (gephi-toolkit 0.10.1 "all" jar, ~80 MB, plus Maven plugins);
later builds run offline (``mvn -o``) from ``~/.m2``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: in-process lock only
    fcntl = None

HARNESS_DIR = Path(__file__).resolve().parent / "gephi"
TARGET_DIR = HARNESS_DIR / "target"
JAR = TARGET_DIR / "gephi-import.jar"
TOOLKIT_LIB = TARGET_DIR / "lib"
NB_USER = TARGET_DIR / "nbuser"

BUILD_TIMEOUT = 15 * 60  # first build downloads ~80 MB from Maven Central
IMPORT_TIMEOUT = 3 * 60
EDGE_DEFAULTS = ("directed", "undirected", "mixed")

JVM_ARGS = [
    "-Djava.awt.headless=true",
    "-Xshare:auto",
    # Gephi/NetBeans reflect into JDK internals on Java 17 (also in the jar manifest's Add-Opens).
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.desktop/java.awt=ALL-UNNAMED",
    "--add-opens=java.prefs/java.util.prefs=ALL-UNNAMED",
]

_build_lock = threading.Lock()


@contextmanager
def _locked():
    """Serialise builds across threads and processes (pytest-xdist workers)."""
    with _build_lock:
        if fcntl is None:
            yield
            return
        TARGET_DIR.mkdir(parents=True, exist_ok=True)
        with open(TARGET_DIR / ".build.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _java_major(java: str) -> int | None:
    try:
        proc = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not m:
        return None
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0_x" style
        major = int(m.group(2))
    return major


def gephi_available() -> tuple[bool, str]:
    """(True, "") when java (>= 11) and mvn are on PATH; otherwise (False, reason)."""
    java = shutil.which("java")
    if not java:
        return False, "java not found on PATH (Java 11+ needed for the Gephi harness)"
    if not shutil.which("mvn"):
        if JAR.is_file() and any(TOOLKIT_LIB.glob("gephi-toolkit-*.jar")):
            pass  # already built: Maven is only needed to build
        else:
            return False, "mvn not found on PATH (needed to build tests/gephi)"
    major = _java_major(java)
    if major is None:
        return False, f"could not read the version of {java}"
    if major < 11:
        return False, f"Java {major} found; the Gephi harness needs Java 11+"
    return True, ""


def _sources() -> list[Path]:
    files = [HARNESS_DIR / "pom.xml"]
    files += [p for p in (HARNESS_DIR / "src").rglob("*") if p.is_file()]
    return files


def _is_fresh() -> bool:
    if not JAR.is_file() or not any(TOOLKIT_LIB.glob("gephi-toolkit-*.jar")):
        return False
    jar_mtime = JAR.stat().st_mtime
    return all(p.stat().st_mtime < jar_mtime for p in _sources())


def _tail(text: str, n: int = 40) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return "\n".join(text.strip().splitlines()[-n:])


def build_harness() -> Path:
    """Build tests/gephi/target/gephi-import.jar unless it is newer than the sources.

    Tries ``mvn -o`` (offline, from ~/.m2) first, then online. Raises RuntimeError with Maven's
    last output lines on failure.
    """
    if _is_fresh():
        return JAR
    with _locked():
        if _is_fresh():
            return JAR
        mvn = shutil.which("mvn")
        if not mvn:
            raise RuntimeError("mvn not found on PATH; cannot build tests/gephi")
        base = [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(HARNESS_DIR / "pom.xml")]
        outputs = []
        for extra in (["-o"], []):
            cmd = base + extra + ["package"]
            try:
                proc = subprocess.run(
                    cmd,
                    cwd=HARNESS_DIR,
                    capture_output=True,
                    text=True,
                    timeout=BUILD_TIMEOUT,
                )
            except subprocess.TimeoutExpired as e:
                out = "".join(
                    x.decode("utf-8", "replace") if isinstance(x, bytes) else (x or "")
                    for x in (e.stdout, e.stderr)
                )
                raise RuntimeError(
                    f"Gephi harness build timed out after {BUILD_TIMEOUT}s: {' '.join(cmd)}\n"
                    + _tail(out)
                ) from None
            outputs.append((cmd, proc.stdout + proc.stderr))
            if proc.returncode == 0 and JAR.is_file():
                JAR.touch()  # newer than every source, even if Maven skipped re-jarring
                return JAR
        cmd, out = outputs[-1]
        raise RuntimeError(
            f"Gephi harness build failed: {' '.join(cmd)}\n--- last Maven output ---\n"
            + _tail(out)
        )


def import_with_gephi(path: Path, edge_default: str | None = None) -> dict:
    """Import ``path`` with Gephi; return the harness JSON plus "exit_code".

    ``edge_default`` (directed/undirected/mixed) forces the graph type, as the import dialog's
    "Graph type" selector does; None keeps what the file says.
    """
    if edge_default is not None and edge_default not in EDGE_DEFAULTS:
        raise ValueError(f"edge_default must be one of {EDGE_DEFAULTS}, not {edge_default!r}")
    jar = build_harness()
    NB_USER.mkdir(parents=True, exist_ok=True)
    java = shutil.which("java") or "java"
    cmd = [java, *JVM_ARGS, f"-Dnetbeans.user={NB_USER}"]
    cmd += os.environ.get("GEPHI_HARNESS_JAVA_OPTS", "").split()
    cmd += ["-jar", str(jar), str(Path(path).resolve())]
    if edge_default is not None:
        cmd += ["--edge-default", edge_default]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, timeout=IMPORT_TIMEOUT, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"Gephi import timed out after {IMPORT_TIMEOUT}s: {path}") from e
    stdout = proc.stdout.decode("utf-8", "replace").strip()
    stderr = proc.stderr.decode("utf-8", "replace")
    try:
        res = json.loads(stdout.splitlines()[-1]) if stdout else None
    except json.JSONDecodeError:
        res = None
    if not isinstance(res, dict):
        raise RuntimeError(
            f"Gephi harness printed no JSON (exit {proc.returncode}) for {path}\n"
            f"stdout: {stdout[-2000:]}\nstderr: {_tail(stderr)}"
        )
    res["exit_code"] = proc.returncode
    if proc.returncode not in (0, 1):
        res.setdefault("stderr_tail", _tail(stderr, 20))
    return res


if __name__ == "__main__":  # python tests/gephi_harness.py FILE [directed|undirected|mixed]
    import sys

    if len(sys.argv) < 2:
        sys.exit("usage: python tests/gephi_harness.py FILE [directed|undirected|mixed]")
    ok, why = gephi_available()
    if not ok:
        sys.exit(why)
    result = import_with_gephi(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    sys.exit(result["exit_code"])
