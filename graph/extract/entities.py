"""One local entity per real-world referent inside a document.

Method:

1. Mentions whose names fold to the same key (case, dots, diacritics ignored: "U.S."/"US",
   "Erdoğan"/"Erdogan") form one group.
2. Groups are joined (union-find) when one names the other:
   - a short form (not an acronym) that is the trailing part of exactly one longer name
     ("Trump" of "Donald Trump") joins it if that name is a person's, or if both carry the same
     label. Journalists refer to people by surname, and the small models often mislabel a lone
     surname ("Trump" ORG, "Zelenskyy" GPE), so the short form's own label may not split the
     person. A surname shared
     by two full names ("George Bush", "Jeb Bush") stays on its own;
   - two person names with the same first and last word ("George W. Bush", "George Bush");
   - a lone given name tagged PERSON and the one person whose name starts with it ("Brigid",
     "Brigid Kosgei"), unless some name ends with it;
   - the head of an "X of Y" organisation name and that name ("Parliament", "Parliament of
     Iraq"), when only one name has that head;
   - the singular and plural of a group ("Houthi", "Houthis");
   - an acronym and the one longer name whose initials it spells ("EU", "European Union"), or
     the name it follows in parentheses ("Islamic Revolutionary Guard Corps (IRGC)");
   - two organisation names of 12 characters or more that differ by at most two letters in the
     words they share (a typo or a spelling variant: "Ministry of Defence" / "Defense").
   Names the gazetteer identified (countries, groups) are never joined to a longer name.
3. The entity's type is a weighted vote: mentions of the full name count 1, short forms 0.5,
   context cues their weight (``mentions.py``), and a bare surname used later counts 2 for
   PERSON, the way news refers back to people.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..data import word_set
from ..gazetteer import all_initials, fold, gazetteer, without_legal_suffix
from ..records import LocalEntity, Mention
from .mentions import Candidate

FULL_NAME_VOTE = 1.0
SHORT_FORM_VOTE = 0.5
SURNAME_USAGE_VOTE = 2.0
TYPO_MIN_LENGTH = 12  # characters; shorter names differ by a letter too often to call it a typo
TYPO_MAX_EDITS = 2


@dataclass
class _Group:
    key: str
    candidates: list[Candidate]

    @cached_property
    def name(self) -> str:
        """The most used spelling, the first seen on a tie."""
        counts = Counter(c.name for c in self.candidates)
        return max(counts, key=lambda n: (counts[n], -min(c.start for c in self.candidates if c.name == n)))

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(self.key.split())

    @cached_property  # read only once every candidate is in (group_entities)
    def fixed(self) -> bool:
        return any(c.fixed for c in self.candidates)

    @cached_property
    def labels(self) -> Counter[str]:
        return Counter(c.label for c in self.candidates)


def group_key(cand: Candidate) -> str:
    """What mentions are grouped by: the folded name, without a legal-form suffix ("Apple Inc." and
    "Apple" are one group) unless the gazetteer identified it."""
    return fold(cand.name) if cand.fixed else without_legal_suffix(fold(cand.name))


def _acronym(group: _Group) -> str | None:
    raw = group.name.replace(".", "").replace("&", "")  # "PG&E" spells "Pacific Gas and Electric"
    if 2 <= len(raw) <= 8 and raw.isalpha() and raw.isupper() and " " not in group.name:
        return raw.lower()
    return None


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions of neighbours counted as one edit ("Chriac" /
    "Chirac"), stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _misspelt(short: _Group, long: _Group) -> bool:
    """Two organisation names that differ by a typo or a spelling variant in the words they share
    ("Ways and Means Committess" / "House Ways and Means Committee", "Defence" / "Defense")."""
    if any(ch.isdigit() for ch in short.key + long.key) or len(short.key) < TYPO_MIN_LENGTH:
        return False
    tail = " ".join(long.words[-len(short.words):])
    return 0 < _edit_distance(short.key, tail, TYPO_MAX_EDITS) <= TYPO_MAX_EDITS


TYPO_PIECES = 2 * TYPO_MAX_EDITS + 1  # each edit spoils at most two pieces, so one is left intact


def _bounds(size: int) -> list[tuple[int, int]]:
    return [(p * size // TYPO_PIECES, (p + 1) * size // TYPO_PIECES) for p in range(TYPO_PIECES)]


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(length, piece number, piece) of a name cut into ``TYPO_PIECES`` pieces."""
    return [(len(text), p, text[a:b]) for p, (a, b) in enumerate(_bounds(len(text)))]


def _pieces_near(text: str) -> set[tuple[int, int, str]]:
    """The pieces a name within ``TYPO_MAX_EDITS`` edits of ``text`` may share with it: an intact
    piece of the other name is in ``text`` at most that many characters from its own place."""
    found = set()
    for size in range(len(text) - TYPO_MAX_EDITS, len(text) + TYPO_MAX_EDITS + 1):
        for p, (a, b) in enumerate(_bounds(size)):
            for shift in range(-TYPO_MAX_EDITS, TYPO_MAX_EDITS + 1):
                if 0 <= a + shift and b + shift <= len(text):
                    found.add((size, p, text[a + shift : b + shift]))
    return found


class _UnionFind:
    def __init__(self, weights: list[int]) -> None:
        self.parent = list(range(len(weights)))
        self.weight = list(weights)  # candidates in each root's cluster (kept up to date by union)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, child: int, root: int) -> None:
        child, root = self.find(child), self.find(root)
        if child != root:
            self.parent[child] = root
            self.weight[root] += self.weight[child]


def _index(groups: list[_Group], keep: Callable[[int], bool], *keys: Callable[[int], Iterable]) -> dict:
    """Key → ascending indexes of the groups ``keep`` accepts that have that key.

    Each rule looks up the few groups that could match instead of scanning every group: a long
    text names thousands, and the scans were quadratic.
    """
    found: dict = defaultdict(list)
    for j in range(len(groups)):
        if keep(j):
            for key_of in keys:
                for key in dict.fromkeys(key_of(j)):
                    found[key].append(j)
    return found


def _suffixes(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The proper trailing parts of a name: ("donald", "trump") → ("trump",)."""
    return (words[-n:] for n in range(1, len(words)))


def _prefixes(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    return (words[:n] for n in range(1, len(words)))


def _parenthesised(groups: list[_Group], by_key: dict[str, int]) -> dict[str, list[int]]:
    """Folded word in parentheses right after a name of several words → the groups of those names
    ("Islamic Revolutionary Guard Corps (IRGC)")."""
    found: dict[str, list[int]] = defaultdict(list)
    for cand in (c for g in groups for c in g.candidates):
        if cand.parenthesis is not None and len(cand.name.split()) > 1:
            found[cand.parenthesis].append(by_key[group_key(cand)])
    return found


def _link(groups: list[_Group]) -> _UnionFind:
    uf = _UnionFind([len(g.candidates) for g in groups])
    by_words = {g.words: i for i, g in enumerate(groups)}
    for i, g in enumerate(groups):  # "George W. Bush" → "George Bush"
        if g.labels.get("PERSON") and len(g.words) > 2:
            j = by_words.get((g.words[0], g.words[-1]))
            if j is not None and j != i:
                uf.union(i, j)

    by_key = {g.key: i for i, g in enumerate(groups)}
    spelling = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: all_initials(groups[j].words))
    parenthesised = _parenthesised(groups, by_key)
    for i, group in enumerate(groups):
        acronym = _acronym(group)
        if acronym is None or group.fixed:
            continue
        spelled = {uf.find(j) for j in spelling.get(acronym, ())}
        spelled |= {uf.find(j) for j in parenthesised.get(group.key, ())}
        if len(spelled) == 1:
            uf.union(i, spelled.pop())

    organisations = [i for i, g in enumerate(groups) if g.labels.get("ORG") and not g.fixed]
    plain = [j for j in organisations if not any(ch.isdigit() for ch in groups[j].key)]
    pieces: dict[tuple, list[int]] = defaultdict(list)
    for j in plain:
        for n in range(1, len(groups[j].words) + 1):
            for piece in _pieces(" ".join(groups[j].words[-n:])):
                pieces[(n, *piece)].append(j)
    for i in plain:  # a typo: the trailing words of a name within two letters' edits
        n, key = len(groups[i].words), groups[i].key
        if len(key) < TYPO_MIN_LENGTH:
            continue
        for j in sorted({j for piece in _pieces_near(key) for j in pieces.get((n, *piece), ())}):
            if i != j and _misspelt(groups[i], groups[j]):
                uf.union(i, j)

    ending = _index(groups, lambda j: not groups[j].fixed, lambda j: _suffixes(groups[j].words))
    for i in sorted(range(len(groups)), key=lambda i: len(groups[i].words)):
        if groups[i].fixed or _acronym(groups[i]):
            continue
        longer = ending.get(groups[i].words, [])
        if len({uf.find(j) for j in longer}) != 1:
            continue
        j = longer[0]
        long_labels = groups[j].labels
        if _is_person(groups[j]) or set(groups[i].labels) & set(long_labels) or _is_person(groups[i]):
            uf.union(i, j)

    _link_surname_variants(groups, uf)

    # "Mahan" for "Mahan Air", "NBC" for "NBC News": the leading words of exactly one longer
    # organisation name that goes on with trade-name words only, when no name ends with them (then
    # they would be a surname).
    starting = _index(groups, lambda j: bool(groups[j].labels.get("ORG")) and not groups[j].fixed and not _is_person(groups[j]),
                      lambda j: _prefixes(groups[j].words))
    any_ending = _index(groups, lambda j: True, lambda j: _suffixes(groups[j].words))
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or _acronym(group) or set(group.labels) - {"ORG", "PERSON"}:
            continue
        if any(fold(c.name) != group.key for c in group.candidates):
            continue  # "Apple" beside "Apple Inc." is already the company's full name
        n = len(group.words)
        starts = {uf.find(j) for j in starting.get(group.words, ()) if _company_tail(groups[j].words[n:], by_key)}
        if len(starts) == 1 and not any_ending.get(group.words):
            uf.union(i, starts.pop())

    # "Parliament" / "Supreme Court" for "Parliament of Iraq" / "Supreme Court of the United
    # Kingdom": the head of an "X of Y" organisation name, when only one name has that head.
    heads_of = _index(groups, lambda j: bool(groups[j].labels.get("ORG")), lambda j: _heads_before_of(groups[j].words))
    for i, group in enumerate(groups):
        if group.fixed or not group.labels.get("ORG") or uf.find(i) != i:
            continue
        heads = {uf.find(j) for j in heads_of.get(group.words, ()) if j != i}
        if len(heads) == 1:
            uf.union(i, heads.pop())

    # "Houthi" and "Houthis", "Democrat" and "Democrats": one group in the singular and plural.
    norp = {g.key: j for j, g in enumerate(groups) if g.labels.get("NORP") and not g.fixed}
    for key, j in norp.items():
        if key + "s" in norp:
            uf.union(j, norp[key + "s"])

    # "Brigid" for "Brigid Kosgei": a lone given name joins the one person whose name starts with
    # it, when no name ends with it (then it would be a surname, and "Jordan" may be a place).
    is_person = {j for j, g in enumerate(groups) if len(g.words) > 1 and _is_person(g)}
    given = _index(groups, is_person.__contains__, lambda j: groups[j].words[:1])
    surnames = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: groups[j].words[-1:])
    first_named: dict[int, int] = {}  # cluster root → where its first full person name starts
    for j in sorted(is_person):
        root, start = uf.find(j), min(c.start for c in groups[j].candidates)
        first_named[root] = min(first_named.get(root, start), start)
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        starts = {uf.find(j) for j in given.get(group.words[0], ())}
        if len(starts) != 1 or surnames.get(group.words[0]):
            continue
        root = starts.pop()
        # a given name the model typed otherwise ("Jamal" GPE) counts when the full name came first
        if group.labels.get("PERSON") or all(c.start > first_named[root] for c in group.candidates):
            if i in first_named:  # full names already joined to this name move with it
                first_named[root] = min(first_named[root], first_named.pop(i))
            uf.union(i, root)
    return uf


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "as-", "an-", "ar-")  # "al-Saray" is "Saray" when used alone
SURNAME_TYPO_MIN_LENGTH = 5


def _bare(word: str) -> str:
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def _person_words(group: _Group) -> tuple[str, ...]:
    """The words of a person's name without a trailing "Jr."/"III" and with "al-" taken off."""
    words = list(group.words)
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return tuple(_bare(w) for w in words)


def _typo_limit(word: str) -> int:
    return 1 if len(word) < 7 else 2


PERSON_DOMINANCE = 3  # a person named this many times as often as the next is the one a shared surname means


def _dominant_person(roots: set[int], uf: _UnionFind) -> set[int]:
    """Of several people sharing a surname, the one named at least ``PERSON_DOMINANCE`` times as
    often as each other ("Trump" in a story about Donald Trump that mentions Melania Trump once)."""
    ranked = sorted(roots, key=lambda r: -uf.weight[r])
    if uf.weight[ranked[0]] >= PERSON_DOMINANCE * uf.weight[ranked[1]]:
        return {ranked[0]}
    return roots


def _link_surname_variants(groups: list[_Group], uf: _UnionFind) -> None:
    """A lone word that is still on its own joins the one person it names in another way:
    the surname before "Jr." or after "al-" ("Roberts", "Saray"); a later word of a name of three
    words or more ("Rosselló" of "Ricardo Rosselló Nevares", Spanish double surnames); the
    surname misspelt ("Chriac" for "Chirac", "Abbot" for "Abbott"). Two full names with the same
    given name and surnames a typo apart are one person too ("Robert Dziekaski")."""
    people = [j for j, g in enumerate(groups) if len(g.words) > 1 and _is_person(g) and not g.fixed]
    # a full name the model typed otherwise ("Ricardo Rosselló Nevares" FAC) is a person's when a
    # lone word of it is a person's
    names = [j for j, g in enumerate(groups) if len(g.words) > 1 and not g.fixed and not set(g.labels) - {"PERSON", "ORG", "FAC"}]
    words = {j: _person_words(groups[j]) for j in set(people) | set(names)}
    is_person, is_name = set(people), set(names)
    by_surname = _index(groups, is_person.__contains__, lambda j: words[j][-1:])
    later = _index(groups, lambda j: j in is_name and len(words[j]) > 2, lambda j: words[j][1:])
    # surnames by first letter and length: a typo is at most two letters away
    by_shape = _index(groups, is_person.__contains__, lambda j: [(words[j][-1][:1], len(words[j][-1]))])
    given = _index(groups, lambda j: len(groups[j].words) > 1, lambda j: groups[j].words[:1])
    for i, group in enumerate(groups):
        if (len(group.words) != 1 or group.fixed or uf.find(i) != i or _acronym(group)
                or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}):
            continue
        if _is_person(group) and not by_surname.get(group.words[0]):
            found = {uf.find(j) for j in later.get(_bare(group.words[0]), ())}
            if len(found) == 1:
                uf.union(i, found.pop())
                continue
        w = _bare(group.words[0])
        found = {uf.find(j) for j in by_surname.get(w, ())}
        if not found and w.endswith("s"):  # "the Kaczynskis": the family, named after the one person
            found = {uf.find(j) for j in by_surname.get(w[:-1], ())}
        if len(found) > 1:
            found = _dominant_person(found, uf)
        if not found and group.labels.get("GPE"):
            continue  # a place the model knows ("Baghdad") is not a misspelt "Baghdadi"
        if not found and len(w) >= SURNAME_TYPO_MIN_LENGTH and w.isalpha():
            limit = _typo_limit(w)
            near = (j for size in range(len(w) - limit, len(w) + limit + 1) for j in by_shape.get((w[:1], size), ()))
            found = {uf.find(j) for j in near if _edit_distance(w, words[j][-1], limit) <= limit}
        if len(found) == 1 and (_is_person(group) or not given.get(group.words[0])):
            uf.union(i, found.pop())
    leading = _index(groups, is_person.__contains__, lambda j: _prefixes(words[j]))
    for a in people:  # "John Luk" for "John Luk Jok": the leading words of exactly one longer name
        longer = {uf.find(b) for b in leading.get(words[a], ())}
        if len(longer) == 1 and len(words[a]) > 1:
            uf.union(a, longer.pop())
    # the same given names and a surname a typo apart; "Jansen" and "Hansen" are two families
    alike = _index(groups, is_person.__contains__, lambda j: [(words[j][:-1], len(words[j]), words[j][-1][:1])])
    for a in people:
        wa = words[a]
        if len(wa[-1]) < SURNAME_TYPO_MIN_LENGTH:
            continue
        for b in alike[wa[:-1], len(wa), wa[-1][:1]]:
            wb = words[b]
            if a < b and 0 < _edit_distance(wa[-1], wb[-1], _typo_limit(wa[-1])) <= _typo_limit(wa[-1]):
                uf.union(a, b)


def _company_tail(words: tuple[str, ...], keys: dict[str, int]) -> bool:
    """The words after a short name are its company's trade-name tail ("Air" of "Mahan Air", "News"
    of "NBC News"), not a name of their own ("Apple Japan", "al-Qaeda in Iraq") or a sub-body
    ("House Intelligence Committee")."""
    return " ".join(words) not in keys and all(w in word_set("company_words.txt") for w in words)


def _heads_before_of(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """("parliament", "of", "iraq") → {("parliament",)}; with a longer head also its last word."""
    if "of" not in words[1:]:
        return set()
    head = words[: words.index("of")]
    return {head, head[-1:]} if head else set()


def _is_person(group: _Group) -> bool:
    return group.labels.get("PERSON", 0) > 0 or any(label == "PERSON" for c in group.candidates for label, _ in c.cues)


def _vote(members: list[_Group], full: _Group) -> str:
    candidates = sorted((c for g in members for c in g.candidates), key=lambda c: c.start)
    votes: Counter[str] = Counter({c.label: 0.0 for c in candidates})  # first seen wins a tie
    for group in members:
        weight = FULL_NAME_VOTE if group is full else SHORT_FORM_VOTE
        for cand in group.candidates:
            votes[cand.label] += weight
            for label, cue_weight in cand.cues:
                votes[label] += cue_weight
    if len(full.words) > 1 and any(_is_person(g) for g in members) and any(
        len(g.words) == 1 and _bare(g.words[0]) in _person_words(full)[1:] and not c.determiner and not c.fixed
        for g in members if g is not full for c in g.candidates
    ):
        votes["PERSON"] += SURNAME_USAGE_VOTE
    best = max(votes, key=votes.__getitem__)
    if best == "PERSON" and all(len(g.words) == 1 for g in members) and not any(
            label == "PERSON" for c in candidates for label, _ in c.cues):
        # News names a person in full at least once: a one-word "person" with no title or role
        # anywhere is more likely what the model also called it elsewhere ("Nakheel" ORG once)
        others = [label for label in votes if label != "PERSON" and votes[label] > 0]
        if others:
            return max(others, key=votes.__getitem__)
    return best


def group_entities(
    original: str, candidates: list[Candidate]
) -> tuple[list[LocalEntity], list[Mention], dict[int, int]]:
    """Local entities, their mentions, and a token index → entity key map.

    ``candidates`` carry their character offsets into ``original`` (the parse saw its normalised
    copy, of the same length: ``graph.nlp.normalize``). Only the candidates are read, so the
    candidates of a document's parts, with their offsets shifted, group as the whole would.
    """
    by_key: dict[str, _Group] = {}
    for cand in candidates:
        key = group_key(cand)
        by_key.setdefault(key, _Group(key, [])).candidates.append(cand)
    groups = list(by_key.values())
    uf = _link(groups)
    clusters: dict[int, list[_Group]] = defaultdict(list)
    for i, group in enumerate(groups):
        clusters[uf.find(i)].append(group)
    ordered = sorted(clusters.values(), key=lambda gs: min(c.start for g in gs for c in g.candidates))

    entities: list[LocalEntity] = []
    mentions: list[Mention] = []
    token_keys: dict[int, int] = {}
    for key, members in enumerate(ordered):
        full = max(members, key=lambda g: (g.fixed, len(g.words), len(g.candidates), -min(c.start for c in g.candidates)))
        count = 0
        for group in members:
            for cand in group.candidates:
                count += 1
                mentions.append(Mention(cand.sent_id, cand.start_char, cand.end_char,
                                        original[cand.start_char:cand.end_char], cand.form, cand.label, key))
                for i in range(cand.start, cand.end):
                    token_keys[i] = key
        aliases = tuple(sorted({c.form for g in members for c in g.candidates} | {full.name}))
        entities.append(LocalEntity(key, full.name, _vote(members, full), aliases, count))
    mentions.sort(key=lambda m: m.start_char)
    return entities, mentions, token_keys
