"""Load entity-graph's ``neo4j/`` export into a real, embedded Neo4j 5.26 database, for tests.

The Java side lives in ``tests/neo4j/`` (Maven project, ``entitygraph.Neo4jLoad``, Neo4j
Community 5.26.0 from Maven Central). Each job starts a new, empty database and loads one export
folder in one of two ways:

* ``import``: the real ``neo4j-admin database import full`` (``org.neo4j.cli.AdminTool``) with the
  arguments of the folder's ``import.sh``, then the database is started and
  ``constraints.cypher`` run;
* ``cypher``: the database is started with the folder as its import directory and
  ``load.cypher`` runs statement by statement, as ``cypher-shell -f`` runs it.

Then the job's Cypher queries run and their rows come back as JSON::

    from neo4j_harness import neo4j_available, load_into_neo4j
    jobs = load_into_neo4j([("seed", "import", out / "neo4j")], ["MATCH (n) RETURN count(n) AS n"])
    jobs[0]["results"][0] == [{"n": 20}]

All jobs run in one JVM (starting Java and Neo4j's first database is most of the cost). The first
build needs Maven Central (~130 MB of jars); later builds run offline (``mvn -o``) from ``~/.m2``.

``python tests/neo4j_harness.py FOLDER [import|cypher]`` loads one folder and prints the counts
and load time.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from gephi_harness import _java_major, _tail

HARNESS_DIR = Path(__file__).resolve().parent / "neo4j"
TARGET_DIR = HARNESS_DIR / "target"
JAR = TARGET_DIR / "neo4j-load.jar"
BUILD_TIMEOUT = 15 * 60
RUN_TIMEOUT = 20 * 60
JVM_ARGS = ["-Xmx2g", "-XX:+UseParallelGC", "-Djava.awt.headless=true"]
MODES = ("import", "cypher")


def neo4j_available() -> tuple[bool, str]:
    """(True, "") when java >= 17 and mvn (or a built harness) are there; else (False, reason)."""
    java = shutil.which("java")
    if not java:
        return False, "java not found on PATH (Java 17+ needed for the Neo4j harness)"
    if not shutil.which("mvn") and not _is_fresh():
        return False, "mvn not found on PATH (needed to build tests/neo4j)"
    major = _java_major(java)
    if major is None:
        return False, f"could not read the version of {java}"
    if major < 17:
        return False, f"Java {major} found; Neo4j 5 needs Java 17+"
    return True, ""


def _sources() -> list[Path]:
    return [HARNESS_DIR / "pom.xml", *(p for p in (HARNESS_DIR / "src").rglob("*") if p.is_file())]


def _is_fresh() -> bool:
    if not JAR.is_file() or not any((TARGET_DIR / "lib").glob("neo4j-kernel-*.jar")):
        return False
    return all(p.stat().st_mtime < JAR.stat().st_mtime for p in _sources())


def build_harness() -> Path:
    """Build tests/neo4j/target/neo4j-load.jar unless it is newer than its sources (offline
    first, then online)."""
    if _is_fresh():
        return JAR
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(TARGET_DIR / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_fresh():
            return JAR
        base = ["mvn", "-B", "-q", "-Dstyle.color=never", "-f", str(HARNESS_DIR / "pom.xml")]
        output = ""
        for extra in (["-o"], []):
            try:
                proc = subprocess.run(base + extra + ["package"], cwd=HARNESS_DIR, capture_output=True, text=True,
                                      timeout=BUILD_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise RuntimeError(f"Neo4j harness build timed out after {BUILD_TIMEOUT} s") from None
            output = proc.stdout + proc.stderr
            if proc.returncode == 0 and JAR.is_file():
                JAR.touch()
                return JAR
        raise RuntimeError("Neo4j harness build failed:\n" + _tail(output))


def import_arguments(folder: Path, database: str = "neo4j") -> list[str]:
    """The neo4j-admin arguments of the folder's import.sh, with the file names made absolute."""
    for line in (folder / "import.sh").read_text(encoding="utf-8").splitlines():
        if line.startswith('"$ADMIN" '):
            words = shlex.split(line.replace('"${1:-neo4j}"', shlex.quote(database)))[1:]
            break
    else:
        raise ValueError(f"no neo4j-admin command in {folder / 'import.sh'}")
    out = []
    for word in words:
        if word.startswith(("--nodes=", "--relationships=")):
            option, _, spec = word.partition("=")
            *labels, name = spec.split("=")
            word = "=".join([option, *labels, str(folder.resolve() / name)])
        out.append(word)
    return out


def load_into_neo4j(jobs: list[tuple[str, str, Path]], queries: list[str]) -> list[dict]:
    """Run each (name, mode, folder) job with these queries; return the harness's job results.

    Raises RuntimeError when a job failed (with Neo4j's output)."""
    jar = build_harness()
    with tempfile.TemporaryDirectory(prefix="neo4j-jobs-") as tmp:
        lines = []
        for name, mode, folder in jobs:
            if mode not in MODES:
                raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
            folder = Path(folder).resolve()
            lines += [f"job {name}", f"mode {mode}", f"dir {folder}"]
            if mode == "import":
                lines += [f"arg {arg}" for arg in import_arguments(folder)]
                lines += [f"arg --report-file={Path(tmp) / (name + '.report')}", "after constraints.cypher"]
            lines += [f"query {q}" for q in queries]
        jobfile = Path(tmp) / "jobs.txt"
        jobfile.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cmd = [shutil.which("java") or "java", *JVM_ARGS, *os.environ.get("NEO4J_HARNESS_JAVA_OPTS", "").split(),
               "-jar", str(jar), str(jobfile)]
        proc = subprocess.run(cmd, capture_output=True, cwd=tmp, timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL)
    stdout = proc.stdout.decode("utf-8", "replace").strip()
    stderr = proc.stderr.decode("utf-8", "replace")
    try:
        result = json.loads(stdout.splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"Neo4j harness printed no JSON (exit {proc.returncode})\n{_tail(stderr)}") from None
    failed = [job for job in result["jobs"] if "error" in job]
    if proc.returncode != 0 or failed:
        raise RuntimeError(f"Neo4j harness failed: {[(j['name'], j.get('error')) for j in failed]}\n"
                           + "\n".join(j.get("import_output", "")[-2000:] for j in failed) + _tail(stderr))
    return result["jobs"]


COUNT_QUERIES = [
    "MATCH (n:Entity) RETURN count(n) AS nodes",
    "MATCH ()-[r]->() RETURN count(r) AS edges",
    "MATCH ()-[r]->() WHERE r.kind = 'relation' RETURN count(r) AS relations",
]

if __name__ == "__main__":  # python tests/neo4j_harness.py FOLDER [import|cypher]
    import sys

    if len(sys.argv) < 2:
        sys.exit("usage: python tests/neo4j_harness.py FOLDER [import|cypher]")
    ok, why = neo4j_available()
    if not ok:
        sys.exit(why)
    mode = sys.argv[2] if len(sys.argv) > 2 else "import"
    (job,) = load_into_neo4j([("load", mode, Path(sys.argv[1]))], COUNT_QUERIES)
    summary = {k: job[k] for k in ("mode", "import_seconds", "start_seconds", "load_seconds") if k in job}
    summary.update({k: v for rows in job["results"] for k, v in rows[0].items()})
    print(json.dumps(summary, indent=2))
