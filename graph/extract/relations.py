"""Relations between entities from the dependency parse of one sentence.

A verb relates every entity among its agents to every entity among its patients:

- agents: the verb's nominal subject; for a passive verb, the object of its "by" agent phrase;
  a verb with no subject of its own takes it from the verb that controls it ("Trump intends to
  meet with Putin": meet ← intend; an object controls instead when there is one: "urged Iran to
  stop") or from the verb it is coordinated with ("met A and then separately met B");
- patients: direct objects, datives, the passive subject, and the objects of argument-bearing
  prepositions (``data/argument_prepositions.txt``: "meet with", "sanctions against");
- every slot includes its conjuncts ("A and B"), and relative pronouns stand for the noun the
  clause attaches to.

A subjectless verb in base form coordinated with a finite verb ("reports that Trump intends to
meet with Putin and then separately meet with Zelenskyy") belongs with the nearest base-form
verb before it: English does not coordinate "reports" with "meet", even when the parser does.

Negation ("did not meet") is kept as an edge attribute; predicates listed in
``data/symmetric_predicates.txt`` are marked symmetric.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..data import word_set
from ..records import Relation

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "obj")
RELATIVE_PRONOUN_TAGS = ("WDT", "WP", "WP$")
FINITE_TAGS = ("VBZ", "VBD", "VBP")


def _keys(token: Token, token_keys: dict[int, int]) -> list[int]:
    """Entities a noun phrase headed by ``token`` (and its conjuncts) refers to."""
    keys = []
    for t in (token, *token.conjuncts):
        if t.i in token_keys:
            keys.append(token_keys[t.i])
            continue
        for child in t.children:  # "the president, Volodymyr Zelenskyy"
            if child.dep_ == "appos" and child.i in token_keys:
                keys.append(token_keys[child.i])
    return keys


def _coordinated_head(verb: Token) -> Token:
    head = verb.head
    if verb.tag_ == "VB" and head.tag_ in FINITE_TAGS:
        base_forms = [t for t in head.subtree if t.i < verb.i and t.tag_ == "VB" and t.pos_ == "VERB"]
        if base_forms:
            return base_forms[-1]
    return head


def _agents(verb: Token, token_keys: dict[int, int], depth: int = 0) -> list[int]:
    if depth > 8:
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        if verb.dep_ == "relcl" and subjects[0].tag_ in RELATIVE_PRONOUN_TAGS:
            return _keys(verb.head, token_keys)
        return [k for subject in subjects for k in _keys(subject, token_keys)]
    for child in verb.children:
        if child.dep_ == "agent":
            return [k for obj in child.children if obj.dep_ == "pobj" for k in _keys(obj, token_keys)]
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return []  # passive without a "by" phrase: the agent is not stated
    if verb.dep_ == "xcomp":
        controller_objects = [c for c in verb.head.children if c.dep_ in OBJECT_DEPS]
        if controller_objects:
            return _keys(controller_objects[0], token_keys)
        return _agents(verb.head, token_keys, depth + 1)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _agents(_coordinated_head(verb), token_keys, depth + 1)
    return []


def _patients(verb: Token, token_keys: dict[int, int]) -> list[int]:
    argument_preps = word_set("argument_prepositions.txt")
    keys: list[int] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
            keys.extend(_keys(child, token_keys))
        elif child.dep_ == "prep" and child.lower_ in argument_preps:
            for prep in (child, *child.conjuncts):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        keys.extend(_keys(obj, token_keys))
    return keys


def _negated(verb: Token) -> bool:
    token, depth = verb, 0
    while depth < 8:
        if any(child.dep_ == "neg" for child in token.children):
            return True
        if token.dep_ != "xcomp":
            return False
        token, depth = token.head, depth + 1
    return False


def _predicate(verb: Token) -> str:
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles])


def extract_relations(doc: Doc, token_keys: dict[int, int], sent_ids: list[int]) -> list[Relation]:
    """Every (agent, predicate, patient) triple between two different entities in ``doc``."""
    skip = word_set("non_relation_verbs.txt")
    symmetric = word_set("symmetric_predicates.txt")
    seen: set[tuple[int, int, int, str]] = set()
    relations: list[Relation] = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in skip:
            continue
        agents = list(dict.fromkeys(_agents(verb, token_keys)))
        patients = list(dict.fromkeys(_patients(verb, token_keys)))
        lemma = verb.lemma_.lower()
        pairs = [(a, p) for a in agents for p in patients if a != p]
        if not patients and lemma in symmetric:  # "Russia and Ukraine met"
            pairs = [(a, b) for i, a in enumerate(agents) for b in agents[i + 1 :]]
        if not pairs:
            continue
        predicate, negated = _predicate(verb), _negated(verb)
        for source, target in pairs:
            key = (sent_ids[verb.i], source, target, predicate)
            if key in seen:
                continue
            seen.add(key)
            relations.append(
                Relation(sent_ids[verb.i], source, target, predicate, negated, lemma in symmetric)
            )
    return relations
