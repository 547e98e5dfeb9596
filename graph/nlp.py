"""Choosing and loading the spaCy pipeline, and normalising text before it is parsed."""
from __future__ import annotations

import re
from pathlib import Path

import spacy
import spacy.util
from spacy.language import Language
from spacy.tokens import Doc

from .errors import UsageError
from .models import INSTALL_HINT, ModelInfo, default_model_name, info_from_meta
from .pipe_indexes import index_attribute_rules, index_lemmas_by_set

# One character in, one character out, so offsets in the normalised text are offsets in the
# original: the parse sees straight quotes (the small English models split and tag "Putin’s"
# worse than "Putin's") while evidence keeps the document's own characters.
_ONE_TO_ONE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
        "\u2003": " ", "\u3000": " ", "\t": " ", "\u2028": "\n", "\u2029": "\n",
    }
)


def normalize(text: str) -> str:
    """Straighten curly quotes and apostrophes and turn odd spaces into plain ones.

    The result always has the same length as ``text``.
    """
    return text.translate(_ONE_TO_ONE)


# Parsing in parts keeps the parse linear in the length of the text (one very long Doc costs more
# per word) and lets the worker processes share one text.
PART_CHARS = 20_000  # a long text is parsed in parts of at most this many characters ...
LONG_CHARS = 50_000  # ... when it is longer than this; shorter texts are parsed whole
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, part) pieces of at most ``limit`` characters that join into ``text``.

    A part ends after a blank line and the white space that follows it when there is one in the
    second half of the window: the parts then tokenize as the whole does (the blank line stays one
    whitespace token, at the end of its sentence) and ``paragraph_sentences`` starts the next part's
    first sentence where it would start anyway, so the parse of the parts is the parse of the whole
    except for the model's view of a few words across the cut. Else the cut is after a sentence
    end or a line break, else after a space; nothing is dropped.
    """
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _BLANK_LINES.finditer(window, limit // 2) if m.end() < len(window)]
        cut = ends[-1] if ends else 0
        if not cut:
            end = max(window.rfind(". "), window.rfind("\n"))
            cut = end + 1 if end >= limit // 2 else (window.rfind(" ") + 1 or limit)
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser runs.

    A headline or a list item has no full stop, and the parser would otherwise run it into the
    next sentence. Single line breaks are left to the parser: hard-wrapped text has them inside
    sentences.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


_LOADED: dict[str, Language] = {}  # the loaded model cache: one pipeline per process


def load_model(name: str | None = None) -> Language:
    """Load (once per process) a pipeline by package name or path.

    Raises UsageError with one line that says which pipelines are installed when the
    requested one cannot be found.
    """
    name = name or default_model_name()
    if name in _LOADED:
        return _LOADED[name]
    is_path = Path(name).exists()
    if not is_path and not spacy.util.is_package(name):
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
            f"install one with `{INSTALL_HINT}` or pass --model NAME_OR_PATH"
        )
    try:
        nlp = spacy.load(name)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise UsageError(f"spaCy pipeline {name!r} has no {needed!r} component; it cannot be used")
    nlp.add_pipe("paragraph_sentences", before="parser")
    index_lemmas_by_set(nlp)  # the stock output, faster (graph.pipe_indexes)
    index_attribute_rules(nlp)
    _LOADED[name] = nlp
    return nlp


def model_info(nlp: Language) -> ModelInfo:
    return info_from_meta(nlp.meta)
