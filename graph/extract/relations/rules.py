"""Relations between entities from the dependency parse of one sentence.

Two kinds of predicate, each relating its agents to its patients:

**Verbs** (``verb`` pattern)
- agents: the nominal subject; the object of a passive verb's "by" phrase (``passive``);
  a verb with no subject of its own takes it from the verb that controls it (``control``:
  "Trump intends to meet with Putin", or the object in "urged Iran to stop"), from the verb it is
  coordinated with (``conj``), from the clause it modifies ("..., killing ...", ``control``), or
  from the noun a participle or relative clause describes (``relative``: "the airstrike that
  killed ...", "missiles targeting US troops");
- patients: direct objects, datives, the passive subject, and the objects of argument-bearing
  prepositions (``data/argument_prepositions.tsv``: "meet with", ``prep``); a weak preposition
  ("at", "from", "to") counts only when there is no more direct patient.

**Action nouns** (``nominal``, ``data/action_nouns.tsv``): "Putin's invasion of Ukraine",
"the annexation of Crimea by Russia", "sanctions against Iran". The agent is the possessor, the
object of "by", a modifier ("Russian invasion of ..."), or the subject of a light verb that governs
the noun (``light_verb``, ``data/light_verbs.txt``: "Russia launched attacks on ...", "responded
with strikes on ..."). A symmetric noun relates the entities "between" which it happens
(``between``: "talks between A and B", "peace talks began between A and B").

An argument that is not itself an entity stands for the entity in apposition to it ("the
general, Qasem Soleimani") or, failing that, for the entity that modifies it (``modifier``: "US
troops", "Russian infrastructure", "the committee's bill", "the US airstrike that killed ...").
Every slot includes its conjuncts.

A subjectless verb in base form coordinated with a finite verb ("reports that Trump intends to
meet with Putin and then separately meet with Zelenskyy") belongs with the nearest base-form verb
before it: English does not coordinate "reports" with "meet", even when the parser does.

Each relation records ``negated`` ("did not meet", "no meetings between"), ``modality``
(``data/modality_cues.tsv``: intended, possible, reported), ``symmetric``
(``data/symmetric_predicates.txt``) and ``category`` (``data/predicate_categories.tsv``).

Reported speech: the speaker of "says" is related only to the verb's own objects ("told
Reuters"), never to the entities inside the quote or the reported clause; relations inside a
reported clause are kept with ``modality = "reported"``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from ...data import table, word_set
from ...records import Relation
from ..tokens import tokens

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "obj")
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod")
RELATIVE_PRONOUN_TAGS = ("WDT", "WP", "WP$")
FINITE_TAGS = ("VBZ", "VBD", "VBP")
NEGATING_DETERMINERS = ("no", "neither")
MAX_CHAIN = 8
TRIGGER_POS = frozenset({VERB, NOUN, PROPN})  # the words a relation can hang on


@dataclass(frozen=True)
class ActionNoun:
    predicate: str
    patient_preps: frozenset[str]


@lru_cache(maxsize=1)
def action_nouns() -> dict[str, ActionNoun]:
    return {row[0]: ActionNoun(row[1], frozenset(row[2].split("|"))) for row in table("action_nouns.tsv")}


@lru_cache(maxsize=1)
def argument_prepositions() -> dict[str, str]:
    return {row[0]: row[1] for row in table("argument_prepositions.tsv")}


@lru_cache(maxsize=1)
def categories() -> dict[str, str]:
    return {row[0]: row[1] for row in table("predicate_categories.tsv")}


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, str]:
    return {row[0]: row[1] for row in table("modality_cues.tsv")}


@dataclass
class _Args:
    keys: list[int]
    pattern: tuple[str, ...] = ()


class _Sentence:
    """Argument finding over one parsed document with its entity token map."""

    def __init__(self, doc: Doc, token_keys: dict[int, int], pronoun_keys: dict[int, int]) -> None:
        self.doc = doc
        self.token_keys = token_keys
        self.pronoun_keys = pronoun_keys
        self.nouns = action_nouns()

    # -- arguments ---------------------------------------------------------------------------
    def keys(self, token: Token) -> _Args:
        """Entities a noun phrase headed by ``token`` (with its conjuncts) refers to."""
        keys: list[int] = []
        pattern: tuple[str, ...] = ()
        for t in (token, *token.conjuncts):
            if t.i in self.token_keys:
                keys.append(self.token_keys[t.i])
                continue
            if t.i in self.pronoun_keys:
                keys.append(self.pronoun_keys[t.i])
                pattern = ("pronoun",)
                continue
            appositive = [self.token_keys[c.i] for c in t.children if c.dep_ == "appos" and c.i in self.token_keys]
            if appositive:
                keys.extend(appositive)
                continue
            modifiers = [self.token_keys[c.i] for c in t.children if c.dep_ in MODIFIER_DEPS and c.i in self.token_keys]
            if not modifiers and t.lemma_.lower() not in self.nouns:  # "the government of Iraq"
                modifiers = [
                    self.token_keys[o.i] for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" and o.i in self.token_keys
                ]
            if modifiers:
                keys.extend(modifiers)
                pattern = ("modifier",)
        return _Args(keys, pattern)

    def agents(self, verb: Token, depth: int = 0) -> _Args:
        if depth > MAX_CHAIN:
            return _Args([])
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].tag_ in RELATIVE_PRONOUN_TAGS and verb.dep_ == "relcl":
                found = self.keys(verb.head)
                return _Args(found.keys, found.pattern + ("relative",))
            found = [self.keys(s) for s in subjects]
            return _Args([k for f in found for k in f.keys], tuple(p for f in found for p in f.pattern))
        for child in verb.children:
            if child.dep_ == "agent":
                found = [self.keys(o) for o in child.children if o.dep_ == "pobj"]
                return _Args([k for f in found for k in f.keys], ("passive",) + tuple(p for f in found for p in f.pattern))
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return _Args([])  # passive without a "by" phrase: the agent is not stated
        head = verb.head
        if verb.dep_ == "xcomp":
            controllers = [c for c in head.children if c.dep_ in OBJECT_DEPS]
            found = self.keys(controllers[0]) if controllers else self.agents(head, depth + 1)
            return _Args(found.keys, found.pattern + ("control",))
        if verb.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ not in ("to",) for c in verb.children):
            found = self.agents(head, depth + 1)
            return _Args(found.keys, found.pattern + ("control",))
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            found = self.agents(self._coordinated_head(verb), depth + 1)
            return _Args(found.keys, found.pattern + ("conj",))
        if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            if verb.dep_ == "acl" and verb.tag_ != "VBG":
                # "the troops deployed to ..." (the noun is the patient), "legislation to toughen
                # trade laws" (a purpose): the agent is not stated
                return _Args([])
            found = self.keys(head) if head.dep_ != "pobj" else _Args([])
            if not found.keys:  # "missiles targeting US troops", "a message on Twitter blaming Iran"
                governor = head.head
                for _ in range(MAX_CHAIN):  # up to the verb whose object or phrase holds the noun
                    if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                        break
                    governor = governor.head
                if governor.pos_ == "VERB" and governor.i != verb.i:
                    found = self.agents(governor, depth + 1)
            return _Args(found.keys, found.pattern + ("relative",))
        return _Args([])

    def patients(self, verb: Token) -> _Args:
        """Patients of the most direct kind present: direct objects and strong prepositions,
        else weak prepositions, else entities that only modify an object ("US troops")."""
        strength = argument_prepositions()
        tiers: list[list[int]] = [[], [], []]
        patterns: list[list[str]] = [[], [], []]
        for child in verb.children:
            if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
                found, tier = self.keys(child), 0
            elif child.dep_ == "prep" and child.lower_ in strength:
                found, tier = self._prep_objects(child), 0 if strength[child.lower_] == "strong" else 1
                if found.keys:
                    patterns[tier].append("prep")
            else:
                continue
            if "modifier" in found.pattern:
                tier = 2
            tiers[tier] += found.keys
            patterns[tier] += found.pattern
        for keys, pattern in zip(tiers, patterns):
            if keys:
                return _Args(keys, tuple(dict.fromkeys(pattern)))
        return _Args([])

    def direct_patients(self, verb: Token) -> _Args:
        """Patients from direct objects only: when a verb has one, its prepositional phrases are
        circumstances ("supported the government of Hadi against the Houthis")."""
        found = [self.keys(c) for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
        return _Args([k for f in found for k in f.keys], tuple(p for f in found for p in f.pattern))

    def partner_patients(self, verb: Token) -> _Args:
        found = [self._prep_objects(c) for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
        return _Args([k for f in found for k in f.keys], ("prep",))

    def _prep_objects(self, prep: Token) -> _Args:
        keys: list[int] = []
        pattern: tuple[str, ...] = ()
        for p in (prep, *prep.conjuncts):
            for obj in p.children:
                if obj.dep_ == "pobj":
                    found = self.keys(obj)
                    keys += found.keys
                    pattern += found.pattern
        return _Args(keys, pattern)

    @staticmethod
    def _coordinated_head(verb: Token) -> Token:
        head = verb.head
        if verb.tag_ == "VB" and head.tag_ in FINITE_TAGS:
            base_forms = [t for t in head.subtree if t.i < verb.i and t.tag_ == "VB" and t.pos_ == "VERB"]
            if base_forms:
                return base_forms[-1]
        return head

    # -- action nouns ---------------------------------------------------------------------------
    def noun_agents(self, noun: Token) -> _Args:
        keys: list[int] = []
        pattern: tuple[str, ...] = ("nominal",)
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.keys(child)
                keys += found.keys
                pattern += found.pattern
            elif child.dep_ == "prep" and child.lower_ == "by":
                keys += self._prep_objects(child).keys
        if not keys:
            keys = [self.token_keys[c.i] for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i in self.token_keys]
        if not keys:
            governor = noun.head
            if noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ == "VERB":
                governor = governor.head  # "responded with strikes on ..."
            elif noun.dep_ not in OBJECT_DEPS:
                governor = None
            if governor is not None and governor.pos_ == "VERB" and governor.lemma_.lower() in word_set("light_verbs.txt"):
                found = self.agents(governor)
                keys, pattern = found.keys, pattern + ("light_verb",) + found.pattern
        return _Args(keys, pattern)

    def noun_patients(self, noun: Token, preps: frozenset[str]) -> _Args:
        keys: list[int] = []
        pattern: tuple[str, ...] = ()
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found = self._prep_objects(child)
                keys += found.keys
                pattern += found.pattern
        return _Args(keys, pattern)

    def between(self, noun: Token) -> list[int]:
        """Entities "between" which a symmetric action happens, on the noun or on its verb."""
        holders = [noun]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in SUBJECT_DEPS:
            holders.append(noun.head.head.head)  # "a series of talks began between ..."
        elif noun.dep_ in SUBJECT_DEPS:
            holders.append(noun.head)
        keys: list[int] = []
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    keys += self._prep_objects(child).keys
        return keys


def _negated(token: Token) -> bool:
    for _ in range(MAX_CHAIN):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS) for c in token.children):
            return True
        if token.dep_ not in ("xcomp",):
            return False
        token = token.head
    return False


def _modality(token: Token) -> str:
    cues = modality_cues()
    found = "asserted"
    for _ in range(MAX_CHAIN):
        for child in token.children:
            if child.dep_ == "aux" and cues.get(child.lemma_.lower()) == "possible":
                return "possible"
        head = token.head
        if token.dep_ == "xcomp" and cues.get(head.lemma_.lower()) == "intended":
            return "intended"
        if token.dep_ == "ccomp" and cues.get(head.lemma_.lower()) == "reported":
            found = "reported"
        if head.i == token.i or token.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep"):
            return found
        token = head
    return found


def _predicate(verb: Token) -> str:
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles])


def extract_relations(
    doc: Doc, token_keys: dict[int, int], sent_ids: list[int], pronoun_keys: dict[int, int] | None = None
) -> list[Relation]:
    """Every (agent, predicate, patient) triple between two different entities in ``doc``;
    ``pronoun_keys`` maps resolved pronoun tokens to entities (see ``pronouns.py``)."""
    skip = word_set("non_relation_verbs.txt")
    symmetric = word_set("symmetric_predicates.txt")
    light = word_set("light_verbs.txt")
    sentence = _Sentence(doc, token_keys, pronoun_keys or {})
    nouns = action_nouns()
    out: dict[tuple, Relation] = {}

    def emit(token: Token, predicate: str, agents: _Args, patients: _Args, base: tuple[str, ...]) -> None:
        lemma = predicate.split()[0]
        is_symmetric = lemma in symmetric
        pairs = [(a, p) for a in dict.fromkeys(agents.keys) for p in dict.fromkeys(patients.keys) if a != p]
        if not pairs:
            return
        pattern = tuple(dict.fromkeys(base + agents.pattern + patients.pattern))
        category = categories().get(predicate, categories().get(lemma, "other"))
        negated, modality = _negated(token), _modality(token)  # once per predicate, not per pair
        for source, target in pairs:
            key = (sent_ids[token.i], source, target, predicate)
            if key not in out:
                out[key] = Relation(sent_ids[token.i], source, target, predicate, category, negated,
                                    is_symmetric, modality, "pronoun" in pattern, pattern)

    # A relation joins two different entities of one sentence (a parse never crosses sentences),
    # so sentences naming fewer than two are not looked at.
    named: dict[int, set[int]] = {}
    for i, key in [*token_keys.items(), *(pronoun_keys or {}).items()]:
        named.setdefault(sent_ids[i], set()).add(key)
    busy = {sent_id for sent_id, keys in named.items() if len(keys) > 1}
    pos = tokens(doc).pos  # only verbs and nouns are looked at: no Token object for the other words
    for i, sent_id in enumerate(sent_ids):
        if sent_id not in busy or pos[i] not in TRIGGER_POS:
            continue
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma not in skip:
            agents = sentence.agents(token)
            direct = sentence.direct_patients(token)
            patients = direct if direct.keys and lemma not in symmetric else sentence.patients(token)
            if not agents.keys and any(c.dep_ == "nsubjpass" for c in token.children) and not any(c.dep_ == "agent" for c in token.children):
                if lemma in word_set("state_passives.txt"):  # "the Houthis are aligned with Iran"
                    agents = sentence.keys(next(c for c in token.children if c.dep_ == "nsubjpass"))
                    patients = sentence.partner_patients(token)
                    if agents.keys and patients.keys:
                        emit(token, _predicate(token), agents, patients, ("verb", "passive"))
                continue
            if not patients.keys and lemma in symmetric and len(set(agents.keys)) > 1:  # "Russia and Ukraine met"
                first, *rest = list(dict.fromkeys(agents.keys))
                emit(token, _predicate(token), _Args([first], agents.pattern), _Args(rest), ("verb", "conj"))
            elif lemma in light and any(c.lemma_.lower() in nouns for c in token.children if c.dep_ in OBJECT_DEPS):
                continue  # "launched attacks on": the noun carries the relation
            else:
                emit(token, _predicate(token), agents, patients, ("verb",))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in nouns:
            noun = nouns[lemma]
            agents = sentence.noun_agents(token)
            patients = sentence.noun_patients(token, noun.patient_preps)
            if noun.predicate in symmetric:
                between = list(dict.fromkeys(sentence.between(token)))
                if len(between) > 1:
                    emit(token, noun.predicate, _Args(between[:1]), _Args(between[1:]), ("nominal", "between"))
                    continue
                if len(between) == 1 and agents.keys:
                    patients = _Args(patients.keys + between, patients.pattern)
            emit(token, noun.predicate, agents, patients, ("nominal",))
    return list(out.values())
