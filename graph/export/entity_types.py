"""Names of the entity types and relation categories in the graph stores' own terms, one table
for the Neo4j and RDF exports.

An entity type (a spaCy label) becomes a Neo4j label and an RDF class of our vocabulary with the
same CamelCase name (``GPE`` → ``GeopoliticalEntity``), plus the schema.org class where one fits;
a type not in the table gets the CamelCase of its letters and digits (``WORK_OF_ART`` →
``WorkOfArt``) and no schema.org class. A relation category becomes a relationship type in
upper case (``consult`` → ``CONSULT``); co-occurrence edges are ``CO_OCCURS_WITH``.
"""
from __future__ import annotations

import re

# spaCy label: (our name, schema.org class or None)
ENTITY_TYPES = {
    "PERSON": ("Person", "Person"),
    "ORG": ("Organization", "Organization"),
    "GPE": ("GeopoliticalEntity", "AdministrativeArea"),
    "NORP": ("Group", None),  # nationalities, religious and political groups: no schema.org class
    "LOC": ("Location", "Place"),
    "FAC": ("Facility", "Place"),
    "EVENT": ("Event", "Event"),
    "PRODUCT": ("Product", "Product"),
    "LAW": ("Law", "Legislation"),
    "WORK_OF_ART": ("WorkOfArt", "CreativeWork"),
    "LANGUAGE": ("Language", "Language"),
}
COOCCURRENCE_TYPE = "CO_OCCURS_WITH"
_WORD = re.compile(r"[A-Za-z0-9]+")


def type_name(entity_type) -> str | None:
    """The label / class name of a spaCy label, or None for no type; only ASCII letters and
    digits, starting with a letter."""
    if not entity_type:
        return None
    label = str(entity_type)
    if label.upper() in ENTITY_TYPES:
        return ENTITY_TYPES[label.upper()][0]
    words = _WORD.findall(label)
    if not words:
        return None
    name = "".join(w[:1].upper() + w[1:].lower() for w in words)
    return name if name[0].isalpha() else "T" + name


def schema_class(entity_type) -> str | None:
    """The schema.org class name of a spaCy label, or None."""
    return ENTITY_TYPES.get(str(entity_type or "").upper(), (None, None))[1]


def relationship_type(attrs: dict) -> str:
    """The Neo4j relationship type of an edge: its category in upper case, or CO_OCCURS_WITH;
    only ASCII letters, digits and underscores."""
    if attrs.get("kind") != "relation":
        return COOCCURRENCE_TYPE
    words = _WORD.findall(str(attrs.get("category") or "other"))
    name = "_".join(words).upper() or "OTHER"
    return name if name[0].isalpha() else "R_" + name
