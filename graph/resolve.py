"""Cross-document identity: one canonical entity for the local entities of many documents.

Local entities whose names are equal (case-insensitively) are one entity; its type is the vote
of their types weighted by mentions, and its name the most used spelling. A lone surname from a
document that never names the person in full ("Trump") joins the only full PERSON name in the
corpus that ends with it; when two full names share it ("George Bush", "Jeb Bush") it stays a
node of its own.

``EntityIndex.add`` and ``EntityIndex.merge`` are order-independent (sums of counters and unions
of sets), so partial indexes built in different processes or on different machines combine into
the same result; ``EntityIndex.finish`` then picks names and types.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .records import DocExtraction


@dataclass
class _Accumulator:
    spellings: Counter[str] = field(default_factory=Counter)  # full-name spelling → mentions
    labels: Counter[str] = field(default_factory=Counter)  # type → mentions
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: set[str] = field(default_factory=set)

    def merge(self, other: _Accumulator) -> None:
        self.spellings.update(other.spellings)
        self.labels.update(other.labels)
        self.aliases |= other.aliases
        self.mentions += other.mentions
        self.documents |= other.documents


@dataclass(frozen=True)
class Entity:
    """A node of the graph."""

    id: str  # canonical name, unique in the graph
    label: str  # entity type
    aliases: tuple[str, ...]
    mentions: int
    documents: int


def _most_common(counter: Counter[str]) -> str:
    # Highest count, then the alphabetically first: independent of the order things were added.
    return min(counter, key=lambda value: (-counter[value], value))


@dataclass
class EntityIndex:
    """Canonical entities of a corpus, accumulated document by document."""

    _by_name: dict[str, _Accumulator] = field(default_factory=lambda: defaultdict(_Accumulator))

    def add(self, extraction: DocExtraction) -> None:
        for entity in extraction.entities:
            acc = self._by_name[entity.name.casefold()]
            acc.spellings[entity.name] += entity.mentions
            acc.labels[entity.label] += entity.mentions
            acc.aliases.update(entity.aliases)
            acc.mentions += entity.mentions
            acc.documents.add(extraction.doc_id)

    def merge(self, other: EntityIndex) -> EntityIndex:
        for name, acc in other._by_name.items():
            self._by_name[name].merge(acc)
        return self

    def finish(self) -> ResolvedEntities:
        """Attach lone surnames, then fix each entity's id, name and type."""
        accs = {name: acc for name, acc in self._by_name.items()}
        target = {name: name for name in accs}
        full_by_surname: dict[str, list[str]] = defaultdict(list)
        for name, acc in accs.items():
            if len(name.split()) > 1 and _most_common(acc.labels) == "PERSON":
                full_by_surname[name.split()[-1]].append(name)
        for name, acc in accs.items():
            if len(name.split()) == 1 and _most_common(acc.labels) == "PERSON":
                fulls = full_by_surname.get(name, [])
                if len(fulls) == 1:
                    target[name] = fulls[0]
        merged: dict[str, _Accumulator] = defaultdict(_Accumulator)
        for name in sorted(accs):
            merged[target[name]].merge(accs[name])
        entities = {}
        for name, acc in merged.items():
            canonical = _most_common(Counter({s: n for s, n in acc.spellings.items() if s.casefold() == name}))
            entities[name] = Entity(
                id=canonical,
                label=_most_common(acc.labels),
                aliases=tuple(sorted(acc.aliases)),
                mentions=acc.mentions,
                documents=len(acc.documents),
            )
        return ResolvedEntities({name: entities[target[name]] for name in accs})


@dataclass(frozen=True)
class ResolvedEntities:
    """Lookup from a document's local entity to its canonical ``Entity``."""

    by_local_name: dict[str, Entity]

    def of(self, local_name: str) -> Entity:
        return self.by_local_name[local_name.casefold()]

    def entities(self) -> list[Entity]:
        return sorted({e.id: e for e in self.by_local_name.values()}.values(), key=lambda e: e.id)


def resolve(extractions: list[DocExtraction]) -> ResolvedEntities:
    index = EntityIndex()
    for extraction in extractions:
        index.add(extraction)
    return index.finish()
