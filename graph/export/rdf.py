"""graph.ttl: the graph in RDF 1.1 Turtle, written directly (no RDF library needed).

Vocabulary (prefix ``eg:`` = ``https://w3id.org/entity-graph/vocab#``, declared with comments at
the top of every file), with schema.org and PROV-O where they fit:

* every entity is ``<https://w3id.org/entity-graph/entity/ID>`` (ID its canonical name,
  percent-encoded as UTF-8; everything but ASCII letters, digits and ``-._~`` is encoded; written
  ``ent:ID`` where Turtle allows it), ``a
  eg:Entity``, a class of its type (``eg:Person``, ``eg:GeopoliticalEntity``...: the Neo4j
  labels, ``entity_types.py``) and the schema.org class where one fits (``schema:Person``,
  ``schema:Organization``, ``schema:AdministrativeArea``...), with ``rdfs:label``,
  ``schema:alternateName`` (each alias), ``eg:type`` (the spaCy label) and the metrics
  (``eg:mentions``, ``eg:documents``, ``eg:sentences``, ``eg:degree``, ``eg:weightedDegree``,
  ``eg:pagerank``, ``eg:betweenness``, ``eg:community``);
* every edge is one resource ``<https://w3id.org/entity-graph/edge/eN>`` (N as in edges.csv), ``a
  eg:Relation`` or ``a eg:Cooccurrence``, with ``eg:source`` and ``eg:target`` (the entities; for
  a relation the agent and the patient), ``eg:predicate``, ``eg:category``, ``eg:negated``,
  ``eg:symmetric``, ``eg:modality``, ``eg:viaPronoun``, ``eg:confidence``, ``eg:weight``,
  ``eg:pmi``, ``eg:npmi``, ``eg:firstSeen``, ``eg:lastSeen`` when the edge has them,
  ``prov:wasDerivedFrom`` each document of its evidence, and ``eg:evidence`` one blank node per
  sentence: ``[ prov:value "sentence" ; prov:wasQuotedFrom <document> ]``;
* a document is ``<https://w3id.org/entity-graph/document/ID>``, ``a prov:Entity`` with
  ``schema:identifier`` its id.

Edge IRIs are numbered within one export: load each graph.ttl into a named graph of its own
when a store holds several. Literals are plain strings (``xsd:string``), ``xsd:integer``,
``xsd:double`` (Python's shortest repr; not-finite values are left out), ``xsd:boolean``, and
``xsd:date`` for ISO dates. Strings are escaped per Turtle's ECHAR and UCHAR rules (quotes,
backslashes, line breaks and every control character), so no text can end a literal; a lone
surrogate, which no RDF syntax can hold, becomes U+FFFD. The output depends only on the graph:
nodes and edges sorted, prefixes and declarations fixed.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from . import atomic_write
from .entity_types import ENTITY_TYPES, schema_class, type_name
from .neo4j import sorted_edges

BASE = "https://w3id.org/entity-graph/"
VOCAB = BASE + "vocab#"
PREFIXES = {
    "eg": VOCAB,
    "ent": BASE + "entity/",
    "edge": BASE + "edge/",
    "doc": BASE + "document/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# graph attribute → eg: property, for nodes and edges (in file order)
NODE_PROPERTIES = (("type", "type"), ("mentions", "mentions"), ("documents", "documents"),
                   ("sentences", "sentences"), ("degree", "degree"), ("weighted_degree", "weightedDegree"),
                   ("pagerank", "pagerank"), ("betweenness", "betweenness"), ("community", "community"))
EDGE_PROPERTIES = (("predicate", "predicate"), ("category", "category"), ("negated", "negated"),
                   ("symmetric", "symmetric"), ("modality", "modality"), ("via_pronoun", "viaPronoun"),
                   ("confidence", "confidence"), ("weight", "weight"), ("pmi", "pmi"), ("npmi", "npmi"),
                   ("first_seen", "firstSeen"), ("last_seen", "lastSeen"))
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]')
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return f"\\u{ord(char):04X}"


def literal(value) -> str:
    """A Turtle literal for a str, bool, int or float (None for a float that is not finite)."""
    if hasattr(value, "item") and not isinstance(value, (str, bool, int, float)):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        number = float(value)  # repr of a float subclass (numpy's) is not a number
        return f'"{number!r}"^^xsd:double' if math.isfinite(number) else None
    return '"' + _NEEDS_ESCAPE.sub(_escape, str(value)) + '"'


_PREFIX_OF = {"entity": "ent", "edge": "edge", "document": "doc"}


def iri(kind: str, name) -> str:
    """The IRI ``BASE kind/percent-encoded name``, as a prefixed name (``ent:Donald%20Trump``)
    where Turtle allows that local name, else in full."""
    local = quote(str(name), safe="", errors="surrogatepass")  # only A-Z a-z 0-9 - . _ ~ and %XX left
    if local and local[0] not in "-." and local[-1] != ".":
        return f"{_PREFIX_OF[kind]}:{local.replace('~', chr(92) + '~')}"
    return f"<{BASE}{kind}/{local}>"


def _vocabulary(labels: list[str]) -> str:
    def term(name, kind, comment, extra=""):
        return f"eg:{name} a {kind}{extra} ;\n    rdfs:comment {literal(comment)} .\n"

    out = [
        term("Entity", "rdfs:Class", "A person, organisation, place or group the texts name; its IRI is minted from its canonical name."),
        term("Relation", "rdfs:Class", "A relation extracted from the dependency parse, from eg:source (agent) to eg:target (patient).", " ; rdfs:subClassOf prov:Entity"),
        term("Cooccurrence", "rdfs:Class", "Two entities named in the same sentences; eg:weight sentences, with PMI and NPMI.", " ; rdfs:subClassOf prov:Entity"),
    ]
    for label in labels:
        out.append(term(label, "rdfs:Class", f"An entity of this type ({label}).", " ; rdfs:subClassOf eg:Entity"))
    properties = [
        ("type", "The spaCy entity label (PERSON, ORG, GPE, NORP, LOC ...)."),
        ("mentions", "Mentions of the entity in all documents."),
        ("documents", "Documents that name the entity."),
        ("sentences", "Sentences that name the entity."),
        ("degree", "Distinct neighbours in the graph."),
        ("weightedDegree", "Sum of the weights of the entity's edges."),
        ("pagerank", "PageRank of the entity."),
        ("betweenness", "Normalised betweenness centrality."),
        ("community", "Louvain community number."),
        ("source", "The edge's first entity: the agent of a relation."),
        ("target", "The edge's second entity: the patient of a relation."),
        ("predicate", "The verb lemma of a relation (meet, invade ...)."),
        ("category", "The event category of the predicate (consult, assault ...)."),
        ("negated", "The relation is negated (did not meet)."),
        ("symmetric", "The relation holds both ways (meet, talk ...)."),
        ("modality", "asserted, reported, intended or possible."),
        ("viaPronoun", "Every sentence of the relation needed a he/she resolution."),
        ("confidence", "The extractor's confidence in the relation, 0 to 1."),
        ("weight", "Distinct supporting sentences."),
        ("pmi", "Pointwise mutual information of a co-occurrence."),
        ("npmi", "Normalised PMI of a co-occurrence (-1 to 1)."),
        ("firstSeen", "Date of the first dated document of the edge."),
        ("lastSeen", "Date of the last dated document of the edge."),
        ("evidence", "A supporting sentence: prov:value the sentence, prov:wasQuotedFrom its document."),
    ]
    out += [term(name, "rdf:Property", comment) for name, comment in properties]
    return "".join(out)


def _statements(subject: str, pairs: list[tuple[str, str]]) -> str:
    body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
    return f"{subject} {body} .\n"


def _entity(node: str, attrs: dict) -> str:
    classes = ["eg:Entity"]
    label = type_name(attrs.get("type"))
    if label:
        classes.append(f"eg:{label}")
    schema = schema_class(attrs.get("type"))
    if schema:
        classes.append(f"schema:{schema}")
    pairs = [("a", ", ".join(classes)), ("rdfs:label", literal(attrs.get("label") or node))]
    aliases = sorted({str(a) for a in attrs.get("aliases") or []})
    if aliases:
        pairs.append(("schema:alternateName", ", ".join(literal(a) for a in aliases)))
    for key, prop in NODE_PROPERTIES:
        value = attrs.get(key)
        if value is not None and (text := literal(value)) is not None:
            pairs.append((f"eg:{prop}", text))
    return _statements(iri("entity", node), pairs)


def _edge(edge_id: str, source: str, target: str, attrs: dict, documents: set) -> str:
    relation = attrs.get("kind") == "relation"
    pairs = [("a", "eg:Relation" if relation else "eg:Cooccurrence"),
             ("eg:source", iri("entity", source)), ("eg:target", iri("entity", target))]
    for key, prop in EDGE_PROPERTIES:
        value = attrs.get(key)
        if value is None:
            continue
        if key in ("first_seen", "last_seen") and _ISO_DATE.fullmatch(str(value)):
            text = f'"{value}"^^xsd:date'
        else:
            text = literal(value)
        if text is not None:
            pairs.append((f"eg:{prop}", text))
    evidence = attrs.get("evidence") or []
    docs = sorted({str(e["doc"]) for e in evidence})
    documents.update(docs)
    if docs:
        pairs.append(("prov:wasDerivedFrom", ", ".join(iri("document", d) for d in docs)))
    if evidence:
        items = [f"[ prov:value {literal(e['sentence'])} ; prov:wasQuotedFrom {iri('document', e['doc'])} ]"
                 for e in evidence]
        pairs.append(("eg:evidence", ",\n        ".join(items)))
    return _statements(iri("edge", edge_id), pairs)


def turtle(graph: nx.MultiDiGraph) -> str:
    """The whole graph.ttl."""
    from .. import __version__

    labels = sorted({type_name(t) for _, t in graph.nodes(data="type") if type_name(t)}
                    | {name for name, _ in ENTITY_TYPES.values()})
    parts = [f"# entity-graph {__version__}: {literal(graph.graph.get('title') or 'graph')[1:-1]}\n"]
    parts += [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()]
    parts.append("\n# The vocabulary.\n")
    parts.append(_vocabulary(labels))
    parts.append("\n# Entities.\n")
    parts += [_entity(node, graph.nodes[node]) for node in sorted(graph.nodes)]
    parts.append("\n# Relations and co-occurrences.\n")
    documents: set[str] = set()
    parts += [_edge(edge_id, u, v, attrs, documents) for edge_id, u, v, attrs in sorted_edges(graph)]
    parts.append("\n# Documents.\n")
    parts += [f"{iri('document', d)} a prov:Entity ;\n    schema:identifier {literal(d)} .\n" for d in sorted(documents)]
    return "".join(parts)


def write_turtle(graph: nx.MultiDiGraph, path: Path) -> None:
    text = turtle(graph)
    with atomic_write(path) as handle:
        handle.write(text)
