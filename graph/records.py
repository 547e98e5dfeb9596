"""Plain records passed between pipeline steps.

No spaCy object crosses a step boundary: everything after ``extract`` works on these
picklable dataclasses, whether they came from this process, a worker pool or a cache.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The spaCy entity labels a graph keeps unless told otherwise.
DEFAULT_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC")


@dataclass(frozen=True)
class Document:
    """One input text with a stable id (a path or a record id), an optional ISO date, headline and link."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named entity; ``key`` is the document-local entity it belongs to."""

    sent_id: int
    start_char: int  # offsets into the original (un-normalised) document text
    end_char: int
    text: str  # surface form as written, e.g. "Putin’s"
    name: str  # cleaned name, e.g. "Putin"
    label: str  # the model's NER label for this mention
    key: int


@dataclass(frozen=True)
class LocalEntity:
    """One real-world entity inside one document, after within-document alias merging."""

    key: int
    name: str  # the fullest name the document uses
    label: str  # type voted over the merged mentions
    aliases: tuple[str, ...]  # every cleaned name form seen, sorted
    mentions: int


@dataclass(frozen=True)
class Relation:
    """A directed interaction from agent (source) to patient (target) stated in one sentence."""

    sent_id: int
    source_key: int
    target_key: int
    predicate: str  # verb lemma, or the verb of an action noun ("invasion" → "invade")
    category: str = "other"  # event class from data/predicate_categories.tsv
    negated: bool = False
    symmetric: bool = False
    modality: str = "asserted"  # asserted | intended | possible | reported
    via_pronoun: bool = False  # an argument was reached through "he", "she" or "they"
    pattern: tuple[str, ...] = ()  # the rule features that produced it (for ablation and debugging)
    confidence: float | None = None  # the relation model's probability that the sentence states it


@dataclass(frozen=True)
class Cooccurrence:
    """Two different entities mentioned in the same sentence (``a_key < b_key``)."""

    sent_id: int
    a_key: int
    b_key: int


@dataclass(frozen=True)
class DocExtraction:
    """Everything the graph needs from one document.

    ``sentences`` maps the sent_id of every sentence that supports an edge to its text as
    written in the document (evidence); other sentences are not kept.
    """

    doc_id: str
    date: str | None
    entities: tuple[LocalEntity, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    cooccurrences: tuple[Cooccurrence, ...]
    sentences: dict[int, str] = field(repr=False)
    sentence_count: int = 0  # all sentences of the document (for association measures)
    title: str | None = None  # the document's headline and link, shown with its evidence
    url: str | None = None
