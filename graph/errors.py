"""Errors the command line turns into one line and an exit code."""


class EntityGraphError(Exception):
    """Base class: the message is shown to the user as is, on one line."""

    exit_code = 2


class UsageError(EntityGraphError):
    """Bad arguments, a missing input path, a missing model: nothing was built."""

    exit_code = 2


class OutputError(EntityGraphError):
    """The output folder cannot be written; the previous files there are unchanged."""

    exit_code = 2
