"""Relations between the entities of one document (see ``extractor.py``): the rules
(``rules.py``), the candidates and their features (``features.py``), the trained model
(``classifier.py``, pure Python) and its shipped file (``model/``). Names are imported on first
use, so the classifier can be read without importing spaCy.
"""
from __future__ import annotations

from importlib import import_module

__all__ = ["MIN_KEPT", "extract_relations", "predicate_of", "rule_relations"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module(".extractor", __name__), name)
    raise AttributeError(name)
