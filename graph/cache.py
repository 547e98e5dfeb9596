"""SQLite store of per-document extractions, so work done once is never done again.

A record's key is the SHA-256 of the document text, the model's name and version, the
extraction settings (entity types, pronoun resolution) and the extractor's version: a hash of
the source files of ``graph.extract`` (all its subpackages), the trained relation model's file,
the data files of ``graph.data`` (and the text normalisation in ``graph.nlp``), so changing a rule or a word list invalidates old records by itself. Records are pickled ``DocExtraction``s. Each batch is written
in one transaction (WAL journal), so a run that is killed keeps every batch finished before it,
and the database is never left half-written.

The default location is the user's cache directory (``platformdirs.user_cache_dir``), never
the output folder or the repository.
"""
from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sqlite3
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .errors import UsageError
from .records import DocExtraction, Document

SCHEMA = 1
PICKLE_PROTOCOL = 5


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Hash of everything that decides what extraction produces."""
    package = Path(__file__).parent
    files = sorted(
        [*package.joinpath("extract").rglob("*.py"), *package.joinpath("extract", "relations", "model").glob("*.json"),
         *package.joinpath("data").glob("*.*"), package / "nlp.py", package / "gazetteer.py", package / "records.py"]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("entity-graph")) / "extractions.sqlite"


class ExtractionCache:
    """Get and put ``DocExtraction``s by document text, for one model."""

    def __init__(self, path: Path, model_name: str, model_version: str, settings: str = "") -> None:
        """``settings`` names the extraction options (entity types, pronouns) the records depend on."""
        self.path = path
        self.scope = f"{model_name}@{model_version}|{extractor_version()}|{SCHEMA}|{settings}"
        self.lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The engine's feeder thread looks records up while the main thread stores them.
            self.db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
            )
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise UsageError(f"cannot use the cache at {path}: {exc} (choose another with --cache or use --no-cache)") from exc

    def key(self, text_hash: str) -> str:
        return hashlib.sha256(f"{self.scope}|{text_hash}".encode()).hexdigest()

    def get_many(self, documents: Iterable[tuple[Document, str]]) -> dict[str, DocExtraction]:
        """Cached extractions by document id, re-labelled with the document's own id and date."""
        with self.lock:
            return self._get_many(documents)

    def _get_many(self, documents: Iterable[tuple[Document, str]]) -> dict[str, DocExtraction]:
        found: dict[str, DocExtraction] = {}
        pairs = [(doc, self.key(text_hash)) for doc, text_hash in documents]
        for start in range(0, len(pairs), 500):
            chunk = pairs[start : start + 500]
            keys = [k for _, k in chunk]
            rows = self.db.execute(
                f"SELECT key, data FROM extractions WHERE key IN ({','.join('?' * len(keys))})", keys
            ).fetchall()
            by_key = dict(rows)
            for doc, key in chunk:
                if key in by_key:
                    try:
                        record = pickle.loads(by_key[key])
                    except Exception:  # noqa: BLE001 - a damaged record is recomputed, not fatal
                        continue
                    found[doc.id] = dataclasses.replace(record, doc_id=doc.id, date=doc.date)
        return found

    def put_many(self, items: Iterable[tuple[str, DocExtraction]]) -> None:
        """Store (text hash, extraction) pairs in one transaction."""
        rows = [(self.key(h), pickle.dumps(x, protocol=PICKLE_PROTOCOL)) for h, x in items]
        with self.lock, self.db:
            self.db.executemany("INSERT OR REPLACE INTO extractions (key, data) VALUES (?, ?)", rows)

    def close(self) -> None:
        with self.lock:
            self.db.close()
