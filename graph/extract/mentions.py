"""Named-entity mentions and their grouping into one entity per real-world referent.

Method, within one document:

1. Every spaCy entity of a wanted type becomes a mention. Its name is the span without leading
   determiners, leading titles ("President", "Sen.") and a trailing possessive; names with no
   capital letter ("dean") are not proper names and are dropped.
2. Mentions with the same name (case-insensitively) form one group.
3. A group whose name is the trailing part of exactly one longer name ("Trump" of "Donald
   Trump") joins it when that longer name is a person's, or when both groups carry the same
   label. Journalists refer to people by surname after the first mention, and the small models
   often mislabel a lone surname ("Trump" ORG, "Zelenskyy" GPE): the short form's own label is
   not allowed to split the person. A surname shared by two full names stays on its own.
4. The entity's type is a weighted vote: full-name mentions count 1, short forms 0.5, and
   context cues count 2 each: a title before the name, apposition with a role noun
   ("Mai'a Cross, dean's professor"), and the surname-only usage of step 3.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..data import phrase_tuples, word_set
from ..records import LocalEntity, Mention

DEFAULT_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC")
DETERMINERS = frozenset({"the", "a", "an"})
FULL_NAME_VOTE = 1.0
SHORT_FORM_VOTE = 0.5
CUE_VOTE = 2.0


@dataclass
class _Candidate:
    sent_id: int
    start: int  # token indices of the cleaned name
    end: int
    label: str
    name: str
    determiner: bool  # "the" before the name
    cues: list[str] = field(default_factory=list)


@dataclass
class _Group:
    name: str
    candidates: list[_Candidate]

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.name.casefold().split())

    def labels(self) -> Counter[str]:
        return Counter(c.label for c in self.candidates)


def _title_at(doc: Doc, start: int, end: int) -> int:
    """Length in tokens of the title that starts at ``start`` (0 if none), within ``end``."""
    for title in phrase_tuples("titles.txt"):
        n = len(title)
        if start + n <= end and tuple(t.text for t in doc[start : start + n]) == title:
            return n
    return 0


def _title_before(doc: Doc, start: int) -> bool:
    for title in phrase_tuples("titles.txt"):
        n = len(title)
        if start - n >= 0 and tuple(t.text for t in doc[start - n : start]) == title:
            return True
    return False


def _name_text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])].split())


def _role_apposition(root: Token) -> bool:
    roles = word_set("person_nouns.txt")
    if root.dep_ == "appos" and root.head.lemma_.lower() in roles:
        return True
    return any(
        child.lemma_.lower() in roles and child.dep_ in ("appos", "compound") and child.i < root.i
        or child.dep_ == "appos" and child.lemma_.lower() in roles
        for child in root.children
    )


def _clean(ent: Span, keep_title: bool) -> tuple[int, int, bool] | None:
    """Token bounds of the name inside ``ent`` and whether a title was stripped."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    titled = False
    if not keep_title:
        n = _title_at(doc, start, end)
        if n and start + n < end:
            start += n
            titled = True
    if start >= end:
        return None
    return start, end, titled


def _candidates(doc: Doc, types: frozenset[str], sent_ids: list[int]) -> list[_Candidate]:
    out = []
    ents = [e for e in doc.ents if e.label_ in types]
    # Titles are stripped from PERSON spans; from other spans only when the rest is itself used
    # as a name in the document ("President Trump" ORG next to "Trump"), so "General Motors"
    # keeps its first word.
    plain_names = {_name_text(doc, *_clean(e, True)[:2]).casefold() for e in ents if _clean(e, True)}
    for ent in ents:
        bounds = _clean(ent, keep_title=False)
        if bounds is None:
            continue
        start, end, titled = bounds
        if titled and ent.label_ != "PERSON" and _name_text(doc, start, end).casefold() not in plain_names:
            start, end, _ = _clean(ent, keep_title=True)
            titled = False
        name = _name_text(doc, start, end)
        if not any(ch.isupper() for ch in name):
            continue
        determiner = any(t.lower_ in DETERMINERS for t in doc[max(ent.start - 1, 0) : start])
        cand = _Candidate(sent_ids[start], start, end, ent.label_, name, determiner)
        if titled or _title_before(doc, start):
            cand.cues.append("title")
        if _role_apposition(doc[start:end].root):
            cand.cues.append("role")
        out.append(cand)
    return out


def _link_short_forms(groups: list[_Group]) -> list[int]:
    """Union-find parent of each group after joining short forms to their full names."""
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_length = sorted(range(len(groups)), key=lambda i: len(groups[i].tokens))
    for i in by_length:
        short = groups[i].tokens
        longer = [
            j
            for j in range(len(groups))
            if len(groups[j].tokens) > len(short) and groups[j].tokens[-len(short) :] == short
        ]
        # Two longer names that are themselves one entity are one candidate.
        roots = {find(j) for j in longer}
        if len(roots) != 1:
            continue
        j = longer[0]
        short_labels, long_labels = groups[i].labels(), groups[j].labels()
        is_person = long_labels.get("PERSON", 0) > 0 or any(
            c.cues for c in groups[j].candidates
        )
        if is_person or set(short_labels) & set(long_labels):
            parent[find(i)] = find(j)
    return [find(i) for i in range(len(groups))]


def _vote(members: list[_Group], full_name: str) -> str:
    candidates = sorted((c for g in members for c in g.candidates), key=lambda c: c.start)
    # Insertion order = order of first appearance, so ties go to the label seen first.
    votes: Counter[str] = Counter({c.label: 0.0 for c in candidates})
    for group in members:
        weight = FULL_NAME_VOTE if group.name == full_name else SHORT_FORM_VOTE
        for cand in group.candidates:
            votes[cand.label] += weight
            votes["PERSON"] += CUE_VOTE * len(cand.cues)
    if len(full_name.split()) > 1 and any(
        len(g.tokens) == 1 and not c.determiner for g in members if g.name != full_name for c in g.candidates
    ):
        votes["PERSON"] += CUE_VOTE  # a bare surname: the way news refers back to people
    return max(votes, key=votes.__getitem__)


def extract_entities(
    doc: Doc, original: str, types: frozenset[str], sent_ids: list[int]
) -> tuple[list[LocalEntity], list[Mention], dict[int, int]]:
    """Entities, mentions and a token index → entity key map for one parsed document.

    ``doc`` was parsed from a normalised copy of ``original`` of the same length (see
    ``graph.nlp.normalize``), so its character offsets are offsets into ``original``.
    """
    candidates = _candidates(doc, types, sent_ids)
    by_name: dict[str, _Group] = {}
    for cand in candidates:
        key = cand.name.casefold()
        if key not in by_name:
            by_name[key] = _Group(cand.name, [])
        by_name[key].candidates.append(cand)
    groups = list(by_name.values())
    roots = _link_short_forms(groups)

    clusters: dict[int, list[_Group]] = defaultdict(list)
    for index, root in enumerate(roots):
        clusters[root].append(groups[index])
    ordered = sorted(clusters.values(), key=lambda gs: min(c.start for g in gs for c in g.candidates))

    entities: list[LocalEntity] = []
    mentions: list[Mention] = []
    token_keys: dict[int, int] = {}
    for key, members in enumerate(ordered):
        full = max(members, key=lambda g: (len(g.tokens), len(g.candidates), -min(c.start for c in g.candidates)))
        label = _vote(members, full.name)
        count = 0
        for group in members:
            for cand in group.candidates:
                count += 1
                start_char = doc[cand.start].idx
                end_char = doc[cand.end - 1].idx + len(doc[cand.end - 1])
                surface = original[start_char:end_char]
                mentions.append(Mention(cand.sent_id, start_char, end_char, surface, cand.name, cand.label, key))
                for i in range(cand.start, cand.end):
                    token_keys[i] = key
        aliases = tuple(sorted({g.name for g in members}))
        entities.append(LocalEntity(key, full.name, label, aliases, count))
    mentions.sort(key=lambda m: m.start_char)
    return entities, mentions, token_keys
