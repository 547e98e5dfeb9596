"""User alias files (``--aliases FILE``): corrections applied after the automatic rules.

CSV, with a header row (the last two columns are optional)::

    alias,canonical,type,never_merge_with,reject,wrong_relation,patient
    POTUS,Donald Trump,PERSON,,,,
    Bibi,Benjamin Netanyahu,,,,,
    George Bush,,,George W. Bush,,,
    COVID-19,,,,yes,,
    Donald Trump,,,,,meet,Vladimir Putin

YAML (``.yaml`` / ``.yml``)::

    aliases:
      POTUS: Donald Trump
      Bibi: {canonical: Benjamin Netanyahu, type: PERSON}
    never_merge:
      - [George Bush, George W. Bush]
    reject: [COVID-19]
    wrong_relations:
      - [Donald Trump, meet, Vladimir Putin]

An alias row makes every entity named ``alias`` (compared ignoring case, dots and diacritics)
part of ``canonical``, optionally forcing its type. A ``never_merge_with`` row, or a
``never_merge`` pair, keeps two names apart when the cross-document rules would join them. A
``reject`` row (``yes``), or a name in the YAML ``reject`` list, is never a node: entities with
that name are left out with their mentions and edges. A ``wrong_relation`` row (or a
``wrong_relations`` triple) removes one relation edge: from the entity named ``alias`` (the agent),
with that predicate as graph.html labels it (``meet``, ``not meet``), to the entity named
``patient``; the two entities' co-occurrence edge stays, since they are still named in the same
sentences. Names are those of the new build (after this file's merges), compared like aliases.
Further columns are ignored, so ``possible_duplicates.csv`` is an alias file as it stands.

Cells are read through ``spreadsheet.unguard``: the ``'`` that our CSV writers put before a name
starting with ``=``, ``+``, ``-``, ``@`` (formula injection) is not part of the name.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .spreadsheet import unguard

TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE")


@dataclass(frozen=True)
class AliasRule:
    alias: str
    canonical: str
    type: str | None = None


@dataclass(frozen=True)
class WrongRelation:
    """A relation edge the user marked wrong: ``agent -predicate-> patient``."""

    agent: str
    predicate: str  # as graph.html labels the edge: the edge key, "meet" or "not meet"
    patient: str


@dataclass(frozen=True)
class UserAliases:
    rules: tuple[AliasRule, ...] = ()
    never_merge: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    rejected: tuple[str, ...] = ()
    wrong_relations: tuple[WrongRelation, ...] = ()


def predicate_key(predicate: str) -> str:
    """The edge key a predicate names: lower case, single spaces ("Not  Meet" → "not meet")."""
    return " ".join(predicate.lower().split())


def _check_type(value: str | None, where: str) -> str | None:
    value = (value or "").strip().upper() or None
    if value is not None and value not in TYPES:
        raise UsageError(f"{where}: unknown type {value!r} (one of {', '.join(TYPES)})")
    return value


def _from_csv(path: Path) -> UserAliases:
    rules, never, rejected, wrong = [], [], [], []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "alias" not in reader.fieldnames:
                raise UsageError(f"{path}: the first row must be a header with an 'alias' column "
                                 "(alias,canonical,type,never_merge_with,reject,wrong_relation,patient)")
            for line, row in enumerate(reader, start=2):
                def cell(column: str) -> str:
                    value = row.get(column)
                    # a short row gives None, a long one a list under the key None: neither is a cell
                    return unguard(value.strip()) if isinstance(value, str) else ""

                alias, canonical, other = cell("alias"), cell("canonical"), cell("never_merge_with")
                reject = cell("reject").lower()
                predicate, patient = predicate_key(cell("wrong_relation")), cell("patient")
                if not alias:
                    raise UsageError(f"{path}:{line}: empty alias")
                if bool(predicate) != bool(patient):
                    raise UsageError(f"{path}:{line}: a wrong relation needs both wrong_relation (the predicate) "
                                     f"and patient, got {predicate or '(none)'!r} and {patient or '(none)'!r}")
                if reject in ("yes", "true", "1", "x"):
                    rejected.append(alias)
                    continue
                if reject and reject not in ("no", "false", "0"):
                    raise UsageError(f"{path}:{line}: reject is 'yes' or empty, got {reject!r}")
                if not canonical and not other and not predicate:
                    raise UsageError(f"{path}:{line}: give a canonical name, a never_merge_with name, reject=yes "
                                     f"or a wrong_relation and patient for {alias!r}")
                if canonical:
                    rules.append(AliasRule(alias, canonical, _check_type(row.get("type"), f"{path}:{line}")))
                if other:
                    never.append((alias, other))
                if predicate:
                    wrong.append(WrongRelation(alias, predicate, patient))
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except csv.Error as exc:
        raise UsageError(f"{path}: not a valid CSV file ({exc})") from exc
    return UserAliases(tuple(rules), tuple(never), tuple(rejected), tuple(wrong))


def _from_yaml(path: Path) -> UserAliases:
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - pyyaml is a dependency
        raise UsageError("reading a YAML alias file needs PyYAML (pip install pyyaml)") from exc
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping with 'aliases', 'never_merge', 'reject' and/or 'wrong_relations'")
    rules = []
    for alias, value in (data.get("aliases") or {}).items():
        if isinstance(value, dict):
            canonical, kind = value.get("canonical"), value.get("type")
        else:
            canonical, kind = value, None
        if not isinstance(canonical, str) or not canonical.strip():
            raise UsageError(f"{path}: alias {alias!r} needs a canonical name")
        rules.append(AliasRule(str(alias), canonical.strip(), _check_type(kind, f"{path}: {alias}")))
    never = []
    for pair in data.get("never_merge") or []:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise UsageError(f"{path}: never_merge entries are pairs of names, got {pair!r}")
        never.append((str(pair[0]), str(pair[1])))
    rejected = data.get("reject") or []
    if not isinstance(rejected, list):
        raise UsageError(f"{path}: reject is a list of names, got {rejected!r}")
    wrong = []
    for triple in data.get("wrong_relations") or []:
        if not (isinstance(triple, list) and len(triple) == 3 and all(isinstance(x, str) and x.strip() for x in triple)):
            raise UsageError(f"{path}: wrong_relations entries are [agent, predicate, patient], got {triple!r}")
        wrong.append(WrongRelation(triple[0].strip(), predicate_key(triple[1]), triple[2].strip()))
    return UserAliases(tuple(rules), tuple(never), tuple(str(name) for name in rejected), tuple(wrong))


def load_aliases(path: Path) -> UserAliases:
    if not path.is_file():
        raise UsageError(f"alias file not found: {path}")
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(path)
    return _from_csv(path)
