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
   PERSON, the way news refers back to people, and each of its uses 0.5 more.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from ..data import word_set
from ..gazetteer import all_initials, fold, gazetteer, without_legal_suffix
from ..records import LocalEntity, Mention
from .mentions import Candidate, name_words

COMPASS_WORDS = frozenset({"north", "south", "east", "west"})
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
    "Apple" are one group) or a web suffix ("Amazon.com") unless the gazetteer identified it."""
    if cand.fixed:
        return fold(cand.name)
    return without_legal_suffix(fold(WEB_SUFFIX.sub("", cand.name)))  # "Amazon.com" is "Amazon"


WEB_SUFFIX = re.compile(r"(?<=\w)\.(com|net|org)$")


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


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, child: int, root: int) -> None:
        self.parent[self.find(child)] = self.find(root)


def _link(groups: list[_Group], doc: Doc) -> _UnionFind:
    uf = _UnionFind(len(groups))
    persons = [i for i, g in enumerate(groups) if g.labels.get("PERSON") and len(g.words) > 2]
    for i in persons:  # "George W. Bush" → "George Bush"
        for j, other in enumerate(groups):
            if j != i and len(other.words) == 2 and other.words == (groups[i].words[0], groups[i].words[-1]):
                uf.union(i, j)

    by_key = {g.key: i for i, g in enumerate(groups)}
    for i, group in enumerate(groups):
        acronym = _acronym(group)
        if acronym is None or group.fixed:
            continue
        spelled = {uf.find(j) for j, other in enumerate(groups) if len(other.words) > 1 and acronym in all_initials(other.words)}
        for cand in (c for g in groups for c in g.candidates):  # "... Guard Corps (IRGC)"
            if cand.end + 2 < len(doc) and doc[cand.end].text == "(" and doc[cand.end + 2].text == ")":
                if fold(doc[cand.end + 1].text) == group.key and len(cand.name.split()) > 1:
                    spelled.add(uf.find(by_key[group_key(cand)]))
        if len(spelled) == 1:
            uf.union(i, spelled.pop())

    organisations = [i for i, g in enumerate(groups) if g.labels.get("ORG") and not g.fixed]
    for i in organisations:
        for j in organisations:
            if len(groups[j].words) >= len(groups[i].words) and i != j and _misspelt(groups[i], groups[j]):
                uf.union(i, j)

    for i in sorted(range(len(groups)), key=lambda i: len(groups[i].words)):
        short = groups[i].words
        if groups[i].fixed or _acronym(groups[i]):
            continue
        longer = [j for j, g in enumerate(groups) if len(g.words) > len(short) and g.words[-len(short):] == short and not g.fixed]
        if len({uf.find(j) for j in longer}) > 1:
            # a body's name does not end with a person's surname ("Future Ministry Larroulet" beside
            # "Cristin Larroulet"): the name with no organisation word is the one meant
            plain = [j for j in longer if not set(groups[j].words) & word_set("org_nouns.txt")]
            longer = plain if len({uf.find(j) for j in plain}) == 1 and len(plain) < len(longer) else longer
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
    organisations = [j for j, g in enumerate(groups) if g.labels.get("ORG") and not g.fixed and not _is_person(g)]
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or _acronym(group) or set(group.labels) - {"ORG", "PERSON"}:
            continue
        if any(fold(c.name) != group.key for c in group.candidates):
            continue  # "Apple" beside "Apple Inc." is already the company's full name
        n = len(group.words)
        starts = {uf.find(j) for j in organisations if len(groups[j].words) > n and groups[j].words[:n] == group.words
                  and (_company_tail(groups[j].words[n:], by_key) or _name_tail(groups[j].words[n:], group, by_key))}
        ends = [j for j, g in enumerate(groups) if len(g.words) > n and g.words[-n:] == group.words]
        if len(starts) == 1 and not ends:
            uf.union(i, starts.pop())

    # "Atlantic" for "Atlantic Ocean", "Yeonpyeong" for "Yeonpyeong Island": the leading words of
    # exactly one longer name that adds one word of a natural place, when both share a label
    # ("Mississippi" GPE is not "Mississippi River" LOC) and no name ends with them. A city or a
    # council is another entity than its place ("New York City", "Barking & Dagenham Council").
    for i, group in enumerate(groups):
        if group.fixed or uf.find(i) != i or _acronym(group):
            continue
        n = len(group.words)
        places = {"GPE", "LOC"}
        starts = {uf.find(j) for j, g in enumerate(groups) if len(g.words) == n + 1 and g.words[:n] == group.words
                  and name_words().get(g.words[n]) == "LOC" and not g.fixed
                  and (set(g.labels) & set(group.labels) or (set(g.labels) | set(group.labels)) <= places
                       and group.name not in word_set("us_states.txt", lower=False))}
        ends = [j for j, g in enumerate(groups) if len(g.words) > n and g.words[-n:] == group.words]
        if len(starts) == 1 and not ends:
            uf.union(i, starts.pop())

    # "Parliament" / "Supreme Court" for "Parliament of Iraq" / "Supreme Court of the United
    # Kingdom": the head of an "X of Y" organisation name, when only one name has that head.
    for i, group in enumerate(groups):
        if group.fixed or not group.labels.get("ORG") or uf.find(i) != i:
            continue
        heads = {uf.find(j) for j, other in enumerate(groups) if j != i and other.labels.get("ORG")
                 and group.words in _heads_before_of(other.words)}
        if len(heads) == 1:
            uf.union(i, heads.pop())

    # "the North" / "the South" for "North Korea": a compass word alone joins the one place named
    # with it; "Canadas" (a possessive without its apostrophe) joins "Canada".
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i:
            continue
        word = group.words[0]
        if word in COMPASS_WORDS and any(c.determiner for c in group.candidates):
            found = {uf.find(j) for j, g in enumerate(groups) if len(g.words) > 1 and g.words[0] == word
                     and g.labels.get("GPE")}
        elif word.endswith("s") and group.labels.get("GPE"):
            found = {uf.find(j) for j, g in enumerate(groups) if g.fixed and g.key == word[:-1]}
        else:
            continue
        if len(found) == 1:
            uf.union(i, found.pop())

    # "Houthi" and "Houthis", "Democrat" and "Democrats": one group in the singular and plural.
    norp = {g.key: j for j, g in enumerate(groups) if g.labels.get("NORP") and not g.fixed}
    for key, j in norp.items():
        if key + "s" in norp:
            uf.union(j, norp[key + "s"])

    # "Brigid" for "Brigid Kosgei": a lone given name joins the one person whose name starts with
    # it, when no name ends with it (then it would be a surname, and "Jordan" may be a place).
    people = [j for j, g in enumerate(groups) if len(g.words) > 1 and _is_person(g)]
    for i, group in enumerate(groups):
        if len(group.words) != 1 or group.fixed or uf.find(i) != i or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        starts = {uf.find(j) for j in people if groups[j].words[0] == group.words[0]}
        if not starts and group.labels.get("PERSON"):  # "Joey" for "Joe Biden", "Tommy" for "Tom Kerr"
            starts = {uf.find(j) for j in people if _diminutive(group.words[0], groups[j].words[0])}
        ends = [j for j, g in enumerate(groups) if len(g.words) > 1 and g.words[-1] == group.words[0]]
        if len(starts) != 1 or ends:
            continue
        root = starts.pop()
        first_full = min(c.start for j in people if uf.find(j) == root for c in groups[j].candidates)
        # a given name the model typed otherwise ("Jamal" GPE) counts when the full name came first
        if group.labels.get("PERSON") or all(c.start > first_full for c in group.candidates):
            uf.union(i, root)
    _link_aliases(groups, uf, doc)
    return uf


ALIAS_NOUNS = frozenset({"name", "alias", "pseudonym", "nickname"})
MAX_CLIMB = 6  # words to climb from "using the name" to the clause with a subject


def _subject_of(token: Token) -> Token | None:
    """The subject of the clause ``token`` is in, climbing from a participle or a coordinated verb
    to the verb that has one ("He ... rang ... using the name ...")."""
    for _ in range(MAX_CLIMB):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if token.dep_ not in ("advcl", "xcomp", "conj", "acl", "dobj", "pobj", "prep") or token.head is token:
            return None
        token = token.head
    return None


def _link_aliases(groups: list[_Group], uf: _UnionFind, doc: Doc) -> None:
    """A name given as another name of someone joins that person: "using the name "Kirk Rose"",
    "she was Fouzia Azeem" (a copula with a personal pronoun as subject). The subject is a name, or
    a pronoun that stands for the person named last before it."""
    owner: dict[int, int] = {}
    for i, group in enumerate(groups):
        for cand in group.candidates:
            for t in range(cand.start, cand.end):
                owner[t] = i
    # mentions a pronoun may stand for: people, and among them the subjects first (as in pronouns.py)
    people = sorted((c.start, i) for i, g in enumerate(groups) if _is_person(g) for c in g.candidates
                    if c.label == "PERSON" and not any(label != "PERSON" for label, _ in c.cues))
    subjects = [(start, i) for start, i in people if doc[start].head.dep_ in ("nsubj", "nsubjpass")
                or doc[start].dep_ in ("nsubj", "nsubjpass")]
    for i, group in enumerate(groups):
        if not _is_person(group) or len(group.words) < 2:
            continue
        for cand in group.candidates:
            root = doc[cand.start:cand.end].root
            head = root.head
            if root.dep_ == "attr" and head.lemma_ == "be":
                subject = _subject_of(head)
                if subject is None or subject.lower_ not in ("he", "she"):
                    continue
            elif root.dep_ in ("appos", "pobj", "attr", "oprd") and head.lemma_.lower() in ALIAS_NOUNS:
                subject = _subject_of(head)
            elif any(c.lemma_.lower() in ALIAS_NOUNS for c in root.children if c.dep_ in ("poss", "compound", "nmod")):
                subject = _subject_of(root)  # "earning the nickname 'PC Cucumber'", parsed with "nickname" inside
            else:
                continue
            if subject is None:
                continue
            if subject.i in owner:
                target = owner[subject.i]
            elif subject.lower_ in ("he", "she"):
                before = [j for start, j in subjects if start < subject.i and j != i] or [
                    j for start, j in people if start < subject.i and j != i]
                if not before:
                    continue
                target = before[-1]
            else:
                continue
            if target != i and _is_person(groups[target]):
                uf.union(i, target)


def _diminutive(word: str, given: str) -> bool:
    """The English pet form of a given name: "-y"/"-ie", with the last consonant doubled or not."""
    return len(given) >= 3 and word in {given + "y", given + "ie", given + given[-1] + "y", given + given[-1] + "ie"}


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


def _dominant_person(roots: set[int], groups: list[_Group], uf: _UnionFind, short: _Group) -> set[int]:
    """Of several people sharing a surname, the one named at least ``PERSON_DOMINANCE`` times as
    often as each other ("Trump" in a story about Donald Trump that mentions Melania Trump once),
    else the one the story named first, when that was before the surname's first use: news
    introduces its subject first and names relatives in full ("the father of David Cameron, Ian
    Cameron"), so the bare surname goes on meaning the subject."""
    counts = {r: sum(len(g.candidates) for j, g in enumerate(groups) if uf.find(j) == r) for r in roots}
    ranked = sorted(counts, key=lambda r: -counts[r])
    if counts[ranked[0]] >= PERSON_DOMINANCE * counts[ranked[1]]:
        return {ranked[0]}
    first = {r: min((c.sent_id, c.start) for j, g in enumerate(groups) if uf.find(j) == r for c in g.candidates)
             for r in roots}
    earliest = min(first, key=first.__getitem__)
    others = roots - {earliest}
    # the subject is introduced on its own, in an earlier sentence, or the others go by their given
    # names ("Melania"); "George Bush and Jeb Bush appeared together" leaves "Bush" undecided
    alone = all(first[r][0] > first[earliest][0] for r in others)
    given = {g.words[0] for g in groups if len(g.words) == 1}
    by_given_name = all(any(len(g.words) > 1 and g.words[0] in given for j, g in enumerate(groups) if uf.find(j) == r)
                        for r in others)
    if first[earliest][1] < min(c.start for c in short.candidates) and (alone or by_given_name):
        return {earliest}
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
    for i, group in enumerate(groups):
        if (len(group.words) != 1 or group.fixed or uf.find(i) != i or _acronym(group)
                or set(group.labels) - {"PERSON", "ORG", "GPE", "NORP"}):
            continue
        if not any(w[-1] == group.words[0] for j, w in words.items() if j in people):
            # the lone word's own label may be wrong ("Vázquez" ORG for "Wanda Vázquez Garced"):
            # a name that is a person's is enough
            found = {uf.find(j) for j in names if len(words[j]) > 2 and _bare(group.words[0]) in words[j][1:]
                     and (_is_person(group) or j in people)}
            if len(found) == 1:
                uf.union(i, found.pop())
                continue
        w = _bare(group.words[0])
        found = {uf.find(j) for j in people if words[j][-1] == w}
        if not found and w.endswith("s"):  # "the Kaczynskis": the family, named after the one person
            found = {uf.find(j) for j in people if words[j][-1] == w[:-1]}
            # a surname written first ("the Tongs" and "Mr Tong" of "Tong Yung-soo") is its own group
            found = found or {uf.find(j) for j, g in enumerate(groups) if g.words == (w[:-1],) and _is_person(g)}
        if len(found) > 1:
            found = _dominant_person(found, groups, uf, group)
        if not found and group.labels.get("GPE"):
            continue  # a place the model knows ("Baghdad") is not a misspelt "Baghdadi"
            found = {uf.find(j) for j in people if len(words[j]) > 2 and w in words[j][1:]}
        if not found and len(w) >= SURNAME_TYPO_MIN_LENGTH and w.isalpha():
            found = {uf.find(j) for j in people if words[j][-1][:1] == w[:1]
                     and _edit_distance(w, words[j][-1], _typo_limit(w)) <= _typo_limit(w)}
        if len(found) == 1 and (_is_person(group) or not any(len(g.words) > 1 and g.words[0] == group.words[0]
                                                             for g in groups)):
            uf.union(i, found.pop())
    # "Outtara" for "Ouattara": two lone names a typo apart, one of them a person's, when no full
    # name ends with either
    lone = [j for j, g in enumerate(groups) if len(g.words) == 1 and not g.fixed and not _acronym(g)
            and not set(g.labels) - {"PERSON", "ORG"} and len(g.words[0]) >= SURNAME_TYPO_MIN_LENGTH
            and not any(w[-1] == g.words[0] for w in words.values())]
    for a in lone:
        for b in lone:
            wa, wb = groups[a].words[0], groups[b].words[0]
            if (a < b and wa[:1] == wb[:1] and (_is_person(groups[a]) or _is_person(groups[b]))
                    and 0 < _edit_distance(wa, wb, _typo_limit(wa)) <= min(_typo_limit(wa), _typo_limit(wb))):
                uf.union(a, b)
    for a in people:  # "John Luk" for "John Luk Jok": the leading words of exactly one longer name
        longer = {uf.find(b) for b in people if len(words[b]) > len(words[a]) and words[b][:len(words[a])] == words[a]}
        if len(longer) == 1 and len(words[a]) > 1:
            uf.union(a, longer.pop())
    for a in people:
        for b in people:
            wa, wb = words[a], words[b]
            if (a < b and len(wa) == len(wb) and wa[:-1] == wb[:-1] and len(wa[-1]) >= SURNAME_TYPO_MIN_LENGTH
                    and wa[-1][:1] == wb[-1][:1]  # "Jansen" and "Hansen" are two families
                    and 0 < _edit_distance(wa[-1], wb[-1], _typo_limit(wa[-1])) <= _typo_limit(wa[-1])):
                uf.union(a, b)


def _name_tail(words: tuple[str, ...], short: _Group, keys: dict[str, int]) -> bool:
    """The words after an organisation's short name finish its proper name ("Sachs" of "Goldman
    Sachs"), not a body under it ("House Intelligence Committee"), a branch ("Apple Japan", "Toyota
    Motor Europe") or a name of its own: one word, no organisation word on either side, and the
    short name the model's ORG."""
    org = word_set("org_nouns.txt") | word_set("generic_words.txt")
    return (len(words) == 1 and short.labels.get("ORG", 0) > 0 and not (set(words) | set(short.words)) & org
            and " ".join(words) not in keys and not gazetteer().country(" ".join(words))
            and all(w.isalpha() for w in words))


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
    surname_uses = [c for g in members if g is not full and len(g.words) == 1 and _bare(g.words[0]) in _person_words(full)[1:]
                    for c in g.candidates if not c.determiner and not c.fixed]
    if len(full.words) > 1 and any(_is_person(g) for g in members) and surname_uses:
        # each bare use counts for PERSON, not for the label the model gave it ("Assange" ORG twelve times)
        votes["PERSON"] += SURNAME_USAGE_VOTE + SHORT_FORM_VOTE * len(surname_uses)
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
    doc: Doc, original: str, candidates: list[Candidate]
) -> tuple[list[LocalEntity], list[Mention], dict[int, int]]:
    """Local entities, their mentions, and a token index → entity key map.

    ``doc`` was parsed from a normalised copy of ``original`` of the same length (see
    ``graph.nlp.normalize``), so its character offsets are offsets into ``original``.
    """
    by_key: dict[str, _Group] = {}
    for cand in candidates:
        key = group_key(cand)
        by_key.setdefault(key, _Group(key, [])).candidates.append(cand)
    groups = list(by_key.values())
    uf = _link(groups, doc)
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
                start_char = doc[cand.start].idx
                end_char = doc[cand.end - 1].idx + len(doc[cand.end - 1])
                mentions.append(
                    Mention(cand.sent_id, start_char, end_char, original[start_char:end_char], cand.form, cand.label, key)
                )
                for i in range(cand.start, cand.end):
                    token_keys[i] = key
        aliases = tuple(sorted({c.form for g in members for c in g.candidates} | {full.name}))
        entities.append(LocalEntity(key, full.name, _vote(members, full), aliases, count))
    mentions.sort(key=lambda m: m.start_char)
    return entities, mentions, token_keys
