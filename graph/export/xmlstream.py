"""Helpers for the streaming GraphML and GEXF writers: escaping, attribute types, layouts.

Both writers make the file as a list of strings in one pass over ``flatten.flat_graph`` instead
of building networkx's ElementTree first, and write it a few thousand strings at a time. Text
given to these functions has been through ``flatten.xml_text``: no character XML 1.0 forbids.

Most nodes (and edges) have the same attribute names with the same value types, so a writer
formats a whole element with one ``%`` on a format string made once per combination of names
and types (a ``Layouts`` cache), and escapes values one by one only when the element's strings,
scanned together, hold something to escape. Measured on the full news corpus graph (15,872
nodes, 41,303 edges) on a machine where networkx's writers took 4.7-5.9 s (GraphML) and
3.2-4.3 s (GEXF): flattening 0.17 s (shared when both files are written), GraphML 0.25 s, GEXF
0.25 s, encoding and writing 0.05 s each; ``write_outputs`` 0.5 s for either file alone, 0.75 s
for both. Writing each ``<data>``/``<attvalue>`` line separately took 0.3-0.34 s per file, and a
regex to find characters to escape ten times as long as ``in``.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from operator import itemgetter
from typing import Callable, Iterator

XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"

SCALAR_TYPES = (bool, int, float, str)  # bool first: it is an int too
# GraphML attr.type and GEXF attribute type of each (both call them the same)
XML_TYPE_NAMES = {bool: "boolean", int: "long", float: "double", str: "string"}


def text_needs_escape(value: str) -> bool:
    # str's "in" is a memchr-like scan: ten times faster than a regex character class here
    return "&" in value or "<" in value or ">" in value or "\r" in value


def attr_needs_escape(value: str) -> bool:
    return (
        "&" in value or "<" in value or ">" in value or '"' in value
        or "\n" in value or "\r" in value or "\t" in value
    )


def escape_text(value: str) -> str:
    """Element content. A carriage return is written as ``&#13;``: a parser turns a raw one into \\n."""
    if not text_needs_escape(value):
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attr(value: str) -> str:
    """Attribute value (in double quotes). Newline, carriage return and tab become character
    references, otherwise a parser would normalise them to spaces (spelt as ElementTree does)."""
    if not attr_needs_escape(value):
        return value
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#09;")
    )


def merge_type(seen: type | None, new: type) -> type:
    """The column type of an attribute whose values so far had type ``seen``, given one of type
    ``new``: bool, int, float or str; ints and floats together are float, any other mix is str."""
    if seen is None or seen is new:
        return new
    if {seen, new} <= {int, float}:
        return float
    return str


def value_type(value) -> type:
    """bool, int, float or str (what ``flatten.scalar`` makes); TypeError for anything else."""
    kind = type(value)
    if kind in SCALAR_TYPES:
        return kind
    raise TypeError(f"cannot write a value of type {kind.__name__} to XML: {value!r}")


def literal(text: str) -> str:
    """``text`` inside a %-format string."""
    return text.replace("%", "%%")


def picker(positions: list[int]) -> Callable[[tuple], tuple]:
    """A function returning the items of a tuple at ``positions``, always as a tuple."""
    if not positions:
        return lambda values: ()
    if len(positions) == 1:
        position = positions[0]
        return lambda values: (values[position],)
    return itemgetter(*positions)


class Layouts:
    """Per combination of attribute names and value types, what ``build`` makes of it (once).

    ``get(attrs)`` returns ``(layout, values)``: ``values`` the attribute values as a tuple.
    ``types`` holds every attribute's column type over all the combinations seen (``merge_type``).
    """

    def __init__(self, build: Callable[[tuple[str, ...], tuple[type, ...]], object]) -> None:
        self.build = build
        self.cache: dict[tuple, object] = {}
        self.types: dict[str, type] = {}

    def get(self, attrs: dict) -> tuple[object, tuple]:
        values = tuple(attrs.values())
        kinds = tuple(map(type, values))
        signature = (tuple(attrs), kinds)
        layout = self.cache.get(signature)
        if layout is None:
            names = tuple(attrs)
            for name, value in zip(names, values):
                self.types[name] = merge_type(self.types.get(name), value_type(value))
            layout = self.cache[signature] = self.build(names, kinds)
        return layout, values


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: the writers allocate ~10^5 acyclic dicts, tuples and
    strings, and each collection that triggers walks every object of the process (the graph, the
    spaCy pipeline): on the news corpus graph that was a third of pair_edges' time. The collector
    runs again afterwards (reference counting frees everything as usual meanwhile)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_parts(handle, parts: list[str], chunk: int = 4096) -> None:
    """Encode and write ``parts`` a few thousand at a time: one string of the whole file would
    take up to 4 bytes per character (one emoji is enough) and a second copy to encode it."""
    for start in range(0, len(parts), chunk):
        handle.write("".join(parts[start : start + chunk]).encode("utf-8"))
