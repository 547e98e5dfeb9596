"""Reading inputs into ``Document``s: text files, or folders of them searched recursively.

Nothing is dropped silently: every input that does not become a document is returned as a
``Skipped`` with the reason.
"""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .records import Document

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


def decode(data: bytes) -> str:
    """Text of a file: UTF-16/32 when it starts with their byte-order mark, else UTF-8 (a BOM is dropped).

    Raises UnicodeDecodeError when the bytes are not valid in that encoding.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _read_file(path: Path) -> Document | Skipped:
    source = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(source, f"cannot read: {exc.strerror or exc}")
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Skipped(source, "binary file, not text")
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        return Skipped(source, f"not UTF-8 text (invalid byte at offset {exc.start})")
    if not text.strip():
        return Skipped(source, "empty file")
    return Document(id=source, text=text)


def _expand(inputs: list[str]) -> tuple[list[Path], list[Skipped]]:
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                skipped.append(Skipped(path.as_posix(), f"folder has no {' or '.join(TEXT_SUFFIXES)} files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"input not found: {raw}")
    return files, skipped


def read_documents(inputs: list[str]) -> tuple[list[Document], list[Skipped]]:
    """Documents from files and folders, in the order given; identical texts are read once."""
    files, skipped = _expand(inputs)
    documents: list[Document] = []
    first_with: dict[str, str] = {}
    for path in files:
        result = _read_file(path)
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        digest = hashlib.sha256(result.text.encode("utf-8")).hexdigest()
        if digest in first_with:
            skipped.append(Skipped(result.id, f"same text as {first_with[digest]}"))
            continue
        first_with[digest] = result.id
        documents.append(result)
    return documents, skipped
