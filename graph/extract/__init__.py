"""Per-document extraction: a parsed ``Doc`` in, a picklable ``DocExtraction`` out.

``extract_document`` (``document.py``) is a pure function of the document and its parse, so its
result can be computed in any process, cached, or shipped across a cluster. The names are
imported on first use, so that ``graph.extract.relations.classifier`` (pure Python) can be read
by a rebuild from the cache without importing spaCy.
"""
from __future__ import annotations

from importlib import import_module

__all__ = ["DEFAULT_TYPES", "ParsedDocument", "analyse_document", "extract_document", "extract_parts", "in_process",
           "name_context", "span_context"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module(".document", __name__), name)
    raise AttributeError(name)
