"""User alias files (``--aliases FILE``): corrections applied after the automatic rules.

CSV, with a header row::

    alias,canonical,type,never_merge_with,reject
    POTUS,Donald Trump,PERSON,,
    Bibi,Benjamin Netanyahu,,,
    George Bush,,,George W. Bush,
    COVID-19,,,,yes

YAML (``.yaml`` / ``.yml``)::

    aliases:
      POTUS: Donald Trump
      Bibi: {canonical: Benjamin Netanyahu, type: PERSON}
    never_merge:
      - [George Bush, George W. Bush]
    reject: [COVID-19]

An alias row makes every entity named ``alias`` (compared ignoring case, dots and diacritics)
part of ``canonical``, optionally forcing its type. A ``never_merge_with`` row, or a
``never_merge`` pair, keeps two names apart when the cross-document rules would join them. A
``reject`` row (``yes``), or a name in the YAML ``reject`` list, is never a node: entities with
that name are left out with their mentions and edges. Further columns are ignored, so
``possible_duplicates.csv`` is an alias file as it stands.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError

TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE")


@dataclass(frozen=True)
class AliasRule:
    alias: str
    canonical: str
    type: str | None = None


@dataclass(frozen=True)
class UserAliases:
    rules: tuple[AliasRule, ...] = ()
    never_merge: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    rejected: tuple[str, ...] = ()


def _check_type(value: str | None, where: str) -> str | None:
    value = (value or "").strip().upper() or None
    if value is not None and value not in TYPES:
        raise UsageError(f"{where}: unknown type {value!r} (one of {', '.join(TYPES)})")
    return value


def _from_csv(path: Path) -> UserAliases:
    rules, never, rejected = [], [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "alias" not in reader.fieldnames:
            raise UsageError(f"{path}: the first row must be a header with an 'alias' column (alias,canonical,type,never_merge_with)")
        for line, row in enumerate(reader, start=2):
            alias = (row.get("alias") or "").strip()
            canonical = (row.get("canonical") or "").strip()
            other = (row.get("never_merge_with") or "").strip()
            reject = (row.get("reject") or "").strip().lower()
            if not alias:
                raise UsageError(f"{path}:{line}: empty alias")
            if reject in ("yes", "true", "1", "x"):
                rejected.append(alias)
                continue
            if reject and reject not in ("no", "false", "0"):
                raise UsageError(f"{path}:{line}: reject is 'yes' or empty, got {reject!r}")
            if not canonical and not other:
                raise UsageError(f"{path}:{line}: give a canonical name, a never_merge_with name or reject=yes for {alias!r}")
            if canonical:
                rules.append(AliasRule(alias, canonical, _check_type(row.get("type"), f"{path}:{line}")))
            if other:
                never.append((alias, other))
    return UserAliases(tuple(rules), tuple(never), tuple(rejected))


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
        raise UsageError(f"{path}: expected a mapping with 'aliases', 'never_merge' and/or 'reject'")
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
    return UserAliases(tuple(rules), tuple(never), tuple(str(name) for name in rejected))


def load_aliases(path: Path) -> UserAliases:
    if not path.is_file():
        raise UsageError(f"alias file not found: {path}")
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(path)
    return _from_csv(path)
