"""Errors the command line turns into one line and an exit code."""
from __future__ import annotations

import sys
from collections.abc import Callable


class EntityGraphError(Exception):
    """Base class: the message is shown to the user as is, on one line."""

    exit_code = 2


class UsageError(EntityGraphError):
    """Bad arguments, a missing input path, a missing model: nothing was built."""

    exit_code = 2


class OutputError(EntityGraphError):
    """The output folder cannot be written; the previous files there are unchanged."""

    exit_code = 2


def run_script(name: str, main: Callable[[], int]) -> int:
    """Run a script's ``main`` as the command line runs a build: an ``EntityGraphError`` or a
    missing file becomes one line on standard error and exit status 2, not a traceback."""
    try:
        return main()
    except EntityGraphError as exc:
        print(f"{name}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except FileNotFoundError as exc:
        print(f"{name}: error: not found: {exc.filename}", file=sys.stderr)
        return 2
