"""Cross-document identity: one canonical entity for the local entities of many documents.

Local entities whose names are equal (ignoring case, dots and accents, and with a leading country
alias read as its country: "U.S. Army" is "United States Army") are one entity; its type is the vote
of their types weighted by mentions, and its name the most used spelling. A lone surname from a
document that never names the person in full ("Trump") joins the only full PERSON name in the
corpus that ends with it, unless it is a given name or far commoner than that name ("McLaren" of
six stories, the team, is not the "Bill McLaren" of one); when two full names share it ("George
Bush", "Jeb Bush") it stays a node of its own.

Acronyms join the one longer name of the same type whose initials they spell ("EU" → "European
Union"), unless only one story spells that name and the acronym is in more than ``DOMINANCE``. Last, the user's alias file (``--aliases``) maps names onto canonical ones and keeps
"never merge" pairs apart; ``wrong_relation_keys`` turns its wrong relations into the edges that
``assemble`` leaves out.

``EntityIndex.add`` and ``EntityIndex.merge`` are order-independent (sums of counters and unions
of sets), so partial indexes built in different processes or on different machines combine into
the same result; ``EntityIndex.finish`` then picks names and types.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .aliases import UserAliases, WrongRelation
from .data import word_set
from .gazetteer import all_initials, fold, gazetteer, without_legal_suffix
from .records import DocExtraction


COUNTRY_PREFIX_WORDS = (3, 2, 1)  # longest first: "united states", "us"


@lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """What names are compared by across documents: ``fold(name)``, with a leading country name
    or alias replaced by the country's own name, so "U.S. Army", "US Army" and "United States
    Army" are one key (the spelling shown is still the most used one)."""
    key = without_legal_suffix(fold(name))
    words = key.split()
    for n in COUNTRY_PREFIX_WORDS:
        if len(words) > n:
            country = gazetteer().country(" ".join(words[:n]))
            if country:
                return " ".join([fold(country), *words[n:]])
    return key


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
            acc = self._by_name[entity_key(entity.name)]
            acc.spellings[entity.name] += entity.mentions
            acc.labels[entity.label] += entity.mentions
            acc.aliases.update(entity.aliases)
            acc.mentions += entity.mentions
            acc.documents.add(extraction.doc_id)

    def merge(self, other: EntityIndex) -> EntityIndex:
        for name, acc in other._by_name.items():
            self._by_name[name].merge(acc)
        return self

    def finish(self, user: UserAliases | None = None) -> ResolvedEntities:
        """Attach lone surnames and acronyms, apply the user's aliases, then fix each entity's
        id, name and type."""
        user = user or UserAliases()
        accs = dict(self._by_name)
        target = _attachments(accs)
        forced_type: dict[str, str] = {}
        spelling: dict[str, str] = {}
        for rule in user.rules:
            key = entity_key(rule.canonical)
            spelling[key] = rule.canonical
            if rule.type:
                forced_type[key] = rule.type
            for name in accs:
                if entity_key(rule.alias) in (name, target[name]):
                    target[name] = key
        for a, b in user.never_merge:
            a, b = entity_key(a), entity_key(b)
            if a in target and b in target and target[a] == target[b]:
                for name in (a, b):  # the one that was attached goes back to itself
                    if target[name] != name:
                        target[name] = name
        merged: dict[str, _Accumulator] = defaultdict(_Accumulator)
        for name in sorted(accs):
            merged[target[name]].merge(accs[name])
        entities = {}
        for name, acc in merged.items():
            own = Counter({s: n for s, n in acc.spellings.items() if entity_key(s) == name})
            canonical = spelling.get(name) or (_most_common(own) if own else _most_common(acc.spellings))
            acc.aliases.add(canonical)
            entities[name] = Entity(
                id=canonical,
                label=forced_type.get(name) or _most_common(acc.labels),
                aliases=tuple(sorted(acc.aliases)),
                mentions=acc.mentions,
                documents=len(acc.documents),
            )
        return ResolvedEntities({name: entities[target[name]] for name in accs})


DOMINANCE = 3  # a candidate named in this many times the documents of the next one is the one meant


def _dominant(candidates: list[str], accs: dict[str, _Accumulator]) -> str | None:
    """The one candidate, or the one whose documents outnumber every other's ``DOMINANCE`` times
    ("Biden" → "Joe Biden", not "Hunter Biden"); None when no candidate stands out."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (-len(accs[c].documents), c))
    if len(ranked) == 1 or len(accs[ranked[0]].documents) >= DOMINANCE * len(accs[ranked[1]].documents):
        return ranked[0]
    return None


def _attachments(accs: dict[str, _Accumulator]) -> dict[str, str]:
    """Key → key it joins: a lone PERSON surname or an acronym to the full name that dominates it;
    an organisation's short name to its trade-name form ("airtran" → "airtran airways") or to the
    one country's institution it names ("senate" → "united states senate")."""
    label = {name: _most_common(acc.labels) for name, acc in accs.items()}
    company_words, given_names = word_set("company_words.txt"), word_set("given_names.txt")
    institution_words = word_set("org_nouns.txt") | word_set("state_organs.txt") | word_set("institution_words.txt")
    full_by_surname: dict[str, list[str]] = defaultdict(list)
    full_by_initials: dict[str, list[str]] = defaultdict(list)
    by_head: dict[str, list[str]] = defaultdict(list)  # "airtran" → ["airtran airways"]
    by_country_rest: dict[str, list[str]] = defaultdict(list)  # "senate" → ["united states senate"]
    countries = {entity_key(c) for c in gazetteer().country_names.values()}
    for name in accs:
        words = name.split()
        if len(words) > 1:
            if label[name] == "PERSON":
                full_by_surname[words[-1]].append(name)
            for spelled in all_initials(words):
                full_by_initials[spelled].append(name)
            if label[name] == "ORG":
                for n in range(len(words) - 1, 0, -1):
                    if all(w in company_words for w in words[n:]):
                        by_head[" ".join(words[:n])].append(name)
                for n in (1, 2, 3):
                    if len(words) > n and " ".join(words[:n]) in countries and _names_a_body(words[n:], institution_words):
                        by_country_rest[" ".join(words[n:])].append(name)
    target = {name: name for name in accs}
    for name, acc in accs.items():
        candidates: list[str] = []
        if " " not in name and label[name] == "PERSON":
            # a given name is no surname ("Robert" of four stories is not "Alain Robert"), and a
            # lone name far commoner than any full name ending with it is no one's surname
            # ("McLaren" of six stories, the team, is not the "Bill McLaren" of one)
            candidates = [] if name in given_names else [
                c for c in full_by_surname.get(name, []) if DOMINANCE * len(accs[c].documents) >= len(acc.documents)]
        elif " " not in name and _most_common(acc.spellings).replace(".", "").replace("&", "").isupper() and len(name) >= 2:
            candidates = [c for c in full_by_initials.get(name, []) if label[c] == label[name]]
            chosen = _dominant(candidates, accs)
            if chosen and len(accs[chosen].documents) == 1 and len(acc.documents) > DOMINANCE:
                # not to a name one story spells out beside an acronym that many use: "ABC" of 14
                # stories is not the "Apple Battery Charger" of one ("NATO" of 43 is the North
                # Atlantic Treaty Organization of 2)
                candidates = []
        if not candidates and label[name] in ("ORG", "PERSON") and name not in countries:
            # not to a trade-name form far rarer than the name itself: "Apple TV" in one story
            # beside "Apple" in 26 is a product of Apple, not Apple's full name
            candidates = [c for c in by_head.get(name, []) if DOMINANCE * len(accs[c].documents) > len(acc.documents)] or [
                c for c in by_country_rest.get(name, []) if label[name] == "ORG"]
        chosen = _dominant(candidates, accs)
        if chosen:
            target[name] = chosen
    return target


def _names_a_body(words: list[str], institution_words: frozenset[str]) -> bool:
    """Whether words after a country's name name a body of it: one of them is an institution's
    word ("senate", "department", "centers"), not a name of its own ("taliban", "youtube")."""
    return any(w in institution_words or w.removesuffix("s") in institution_words for w in words)


@dataclass(frozen=True)
class ResolvedEntities:
    """Lookup from a document's local entity to its canonical ``Entity``."""

    by_local_name: dict[str, Entity]

    def of(self, local_name: str) -> Entity:
        return self.by_local_name[entity_key(local_name)]

    def id_of(self, name: str) -> str | None:
        """The id of the entity ``name`` names (any of its local names, or its id, compared like
        aliases), None when no entity has that name. For names the user wrote, such as an alias
        file's wrong relations, whose names are the ids of an earlier build."""
        key = entity_key(name)
        entity = self.by_local_name.get(key)
        if entity is None:  # an id no document spells, such as a canonical name from the alias file
            entity = next((e for e in self.by_local_name.values() if entity_key(e.id) == key), None)
        return entity.id if entity else None

    def entities(self) -> list[Entity]:
        return sorted({e.id: e for e in self.by_local_name.values()}.values(), key=lambda e: e.id)


def drop_rejected(extractions: list[DocExtraction], user: UserAliases | None) -> list[DocExtraction]:
    """The extractions without the entities the alias file rejects ("never a node"), and without
    their mentions, relations and co-occurrences."""
    if not user or not user.rejected:
        return extractions
    rejected = {entity_key(name) for name in user.rejected}
    out = []
    for x in extractions:
        gone = {e.key for e in x.entities if entity_key(e.name) in rejected}
        if not gone:
            out.append(x)
            continue
        out.append(replace(
            x,
            entities=tuple(e for e in x.entities if e.key not in gone),
            mentions=tuple(m for m in x.mentions if m.key not in gone),
            relations=tuple(r for r in x.relations if r.source_key not in gone and r.target_key not in gone),
            cooccurrences=tuple(c for c in x.cooccurrences if c.a_key not in gone and c.b_key not in gone),
        ))
    return out


def wrong_relation_keys(resolved: ResolvedEntities, user: UserAliases | None) -> tuple[set[tuple[str, str, str]], list[WrongRelation]]:
    """The relation edges the alias file marks wrong, as ``(agent id, edge key, patient id)`` of
    this build, and the wrong relations that name an entity this build does not have."""
    keys: set[tuple[str, str, str]] = set()
    unknown: list[WrongRelation] = []
    for wrong in user.wrong_relations if user else ():
        agent, patient = resolved.id_of(wrong.agent), resolved.id_of(wrong.patient)
        if agent is None or patient is None:
            unknown.append(wrong)
        else:
            keys.add((agent, wrong.predicate, patient))
    return keys, unknown


def resolve(extractions: list[DocExtraction], user: UserAliases | None = None) -> ResolvedEntities:
    index = EntityIndex()
    for extraction in extractions:
        index.add(extraction)
    return index.finish(user)
