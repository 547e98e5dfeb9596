"""Spreadsheet formula injection: the guard on CSV cells that hold document text, and its inverse.

A spreadsheet program opening a CSV file runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (and a leading tab or carriage return can hide one), so a sentence or a name from a
hostile document could, say, ``=HYPERLINK(...)`` the reader's data away. Following OWASP's CSV
injection guidance (https://owasp.org/www-community/attacks/CSV_Injection), such a cell gets a
leading ``'``, which spreadsheets read as "this is text".

The guard is reversible, so files that come back as input (an alias file written by graph.html or
possible_duplicates.csv) read back the exact names: a cell is guarded when it matches
``'*[=+\\-@\\t\\r]`` (any number of quotes before a trigger, so a name that itself starts with
``'=`` gets one more quote) and unguarded when it matches ``'+[=+\\-@\\t\\r]`` (one quote removed).
graph.js's ``csvCell`` applies the same rule to the page's downloads.

Only text cells are guarded: numbers (a negative NPMI) are written as numbers.
"""
from __future__ import annotations

import re

_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_UNGUARD = re.compile(r"'+[=+\-@\t\r]")


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading ``'`` when it could start a formula."""
    return "'" + cell if _GUARDED.match(cell) else cell


def unguard(cell: str) -> str:
    """The text that ``guard`` was given (a hand-written cell without the guard is left as it is)."""
    return cell[1:] if _UNGUARD.match(cell) else cell
