"""Reading inputs into ``Document``s, as a stream.

Inputs are files, folders (searched recursively) or ``-`` for standard input:

- ``.txt``, ``.md``: one document each; UTF-8, or UTF-16/32 with a byte-order mark;
- ``.html``, ``.htm``: one document, the main text extracted by trafilatura (menus, footers and
  other boilerplate removed); its headline (``<title>`` or the page's metadata), published date
  and canonical URL when trafilatura finds them;
- ``.jsonl``, ``.ndjson``: one document per line, text in ``text_field``; the id from
  ``id_field`` (else ``FILE:LINE``), the date, headline and link from ``date_field``,
  ``title_field`` and ``url_field`` when present;
- ``.csv``: one document per row, the same fields as columns;
- ``-``: standard input, one plain-text document.

Nothing is dropped silently: every input that does not become a document, including each file of
a folder that is not of a type above (PDF, Word, images, unknown extensions), is yielded as a
``Skipped`` with the reason (and the line number for JSON Lines and CSV). A text already seen
(same characters) is skipped as a duplicate of the first document that had it. A document read
with a caveat (not UTF-8, so read as Windows-1252; apparently not English) comes with a
``Notice``.
"""
from __future__ import annotations

import codecs
import dataclasses
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .data import word_set
from .errors import UsageError
from .records import Document

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    """An input that did not become a document, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """A document that was read, with something the user should know about it."""

    source: str
    message: str


# File signatures of formats people keep next to their texts.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file, not text (convert it to text first)",
    b"\x89PNG": "a PNG image, not text",
    b"\xff\xd8\xff": "a JPEG image, not text",
    b"GIF8": "a GIF image, not text",
    b"PK\x03\x04": "a ZIP archive or Office document, not text (save it as text first)",
    b"\xd0\xcf\x11\xe0": "an Office document, not text (save it as text first)",
    b"\x1f\x8b": "a gzip archive, not text",
}
MODEL_MAX_LENGTH = 1_000_000  # spaCy's default nlp.max_length
FALLBACK_ENCODING = "cp1252"  # Windows-1252: what English text that is not UTF-8 usually is


@dataclass(frozen=True)
class Fields:
    """Where records (JSON Lines, CSV) keep their text, id, date, headline and link."""

    text: str = "text"
    id: str | None = None  # default: "id" when the record has it
    date: str | None = None  # default: "date" when the record has it
    title: str | None = None  # default: "title" when the record has it
    url: str | None = None  # default: "url" when the record has it


def decode(data: bytes) -> str:
    """Text of a file: UTF-16/32 when it starts with their byte-order mark, else UTF-8 (a BOM is dropped).

    Raises UnicodeDecodeError when the bytes are not valid in that encoding.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _read_text(path: Path) -> tuple[str, str | None] | Skipped:
    """The file's text and a notice (or None), or why it was skipped."""
    source = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(source, f"cannot read: {exc.strerror or exc}")
    for signature, reason in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return Skipped(source, reason)
    has_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
    if b"\x00" in data[:8192] and not has_bom:
        return Skipped(source, "binary file, not text")
    try:
        return decode(data), None
    except UnicodeDecodeError as exc:
        if has_bom:
            return Skipped(source, f"invalid {exc.encoding} text (at byte {exc.start})")
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            return Skipped(source, f"not UTF-8 text (invalid byte at offset {exc.start}), nor Windows-1252")
        return text, f"not UTF-8 (invalid byte at offset {exc.start}); read as Windows-1252"


def _html_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""


def _html_metadata(html: str) -> tuple[str | None, str | None, str | None]:
    """The page's headline, published date (ISO) and canonical URL, each None when not found."""
    from trafilatura import extract_metadata

    try:
        meta = extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is a nicety; a page trafilatura cannot read still has text
        return None, None, None
    if meta is None:
        return None, None, None
    return (str(meta.title).strip() or None if meta.title else None, str(meta.date) if meta.date else None,
            str(meta.url) if meta.url else None)


def _optional_text(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _field(record: dict, name: str | None, default: str) -> object | None:
    return record.get(name if name is not None else default)


def _record_document(record: dict, source: str, fields: Fields) -> Document | Skipped:
    text = record.get(fields.text)
    if text is None:
        return Skipped(source, f"no {fields.text!r} field")
    if not isinstance(text, str):
        return Skipped(source, f"{fields.text!r} is not text")
    doc_id = _field(record, fields.id, "id")
    date = _field(record, fields.date, "date")
    if fields.id is not None and doc_id in (None, ""):
        return Skipped(source, f"no {fields.id!r} field")
    return Document(
        id=str(doc_id) if doc_id not in (None, "") else source,
        text=text,
        date=str(date) if date not in (None, "") else None,
        title=_optional_text(_field(record, fields.title, "title")),
        url=_optional_text(_field(record, fields.url, "url")),
    )


def _jsonl(path: Path, fields: Fields) -> Iterator[Document | Skipped]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(path.as_posix(), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            source = f"{path.as_posix()}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield Skipped(source, "line is not UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield Skipped(source, f"not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield Skipped(source, "not a JSON object")
                continue
            yield _record_document(record, source, fields)


def _csv(path: Path, fields: Fields) -> Iterator[Document | Skipped | Notice]:
    read = _read_text(path)
    if isinstance(read, Skipped):
        yield read
        return
    text, notice = read
    if notice:
        yield Notice(path.as_posix(), notice)
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or fields.text not in reader.fieldnames:
        found = ", ".join(reader.fieldnames or []) or "none"
        yield Skipped(path.as_posix(), f"no {fields.text!r} column (columns: {found}); use --text-field")
        return
    for number, row in enumerate(reader, start=2):
        yield _record_document(row, f"{path.as_posix()}:{number}", fields)


def _file(path: Path, fields: Fields) -> Iterator[Document | Skipped | Notice]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, fields)
    elif suffix in CSV_SUFFIXES:
        yield from _csv(path, fields)
    else:
        read = _read_text(path)
        if isinstance(read, Skipped):
            yield read
            return
        text, notice = read
        title = date = url = None
        if suffix in HTML_SUFFIXES:
            title, date, url = _html_metadata(text)
            text = _html_text(text)
            if not text.strip():
                yield Skipped(path.as_posix(), "no main text found in the HTML")
                return
        if notice:
            yield Notice(path.as_posix(), notice)
        yield Document(id=path.as_posix(), text=text, date=date, title=title, url=url)


def _unread(path: Path) -> Skipped:
    """Why a file found in a folder is not read: its format when its signature tells, else its extension."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return Skipped(path.as_posix(), f"cannot read: {exc.strerror or exc}")
    for signature, reason in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            return Skipped(path.as_posix(), reason)
    kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
    return Skipped(path.as_posix(), f"not read: {kind} are not an input type ({', '.join(SUFFIXES)})")


def _expand(inputs: Iterable[str]) -> list[Path | str | Skipped]:
    """Files in input order (folders sorted and recursive; a folder's files of other types as
    ``Skipped``); raises UsageError for a missing path."""
    out: list[Path | str | Skipped] = []
    for raw in inputs:
        if raw == "-":
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            found = [p if p.suffix.lower() in SUFFIXES else _unread(p) for p in files]
            out.extend(found)
            if not any(isinstance(p, Path) for p in found):
                out.append(f"!{path.as_posix()}")
        elif path.is_file():
            out.append(path)
        else:
            raise UsageError(f"input not found: {raw}")
    return out


def check_inputs(inputs: Iterable[str]) -> list[Path | str | Skipped]:
    """Fail early (UsageError) on a missing input path; return what will be read."""
    return _expand(inputs)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _well_formed(document: Document) -> Document:
    """Lone surrogates (JSON "\\ud83d" escapes) cannot be encoded: they become U+FFFD."""
    if any(_LONE_SURROGATE.search(v) for v in (document.text, document.id, document.date, document.title,
                                                document.url) if v):
        def clean(value):
            return value and _LONE_SURROGATE.sub("\ufffd", value)

        return Document(clean(document.id), clean(document.text), clean(document.date), clean(document.title),
                        clean(document.url))
    return document


def _notices(document: Document) -> Iterator[Notice]:
    if not looks_english(document.text):
        yield Notice(document.id, "does not look like English; the English model will find little in it")
    if len(document.text) > MODEL_MAX_LENGTH:
        yield Notice(document.id, f"{len(document.text):,} characters, more than spaCy's max_length "
                                  f"({MODEL_MAX_LENGTH:,}): parsed in parts cut at paragraph ends")


def looks_english(text: str, sample_words: int = 400) -> bool:
    """At least 15% of the first words are English function words ("the", "of", "and" ...);
    English prose has about 40-50%. Texts under 20 words are given the benefit of the doubt."""
    stop_words = word_set("english_stop_words.txt")
    head = text[: sample_words * 20]  # enough for the first words; splitting a long text whole is slow
    words = [w.strip(".,;:!?\"'()[]").lower() for w in head.split()[:sample_words]]
    words = [w for w in words if w]
    if len(words) < 20:
        return True
    return sum(w in stop_words for w in words) / len(words) >= 0.15


def iter_documents(inputs: Iterable[str], fields: Fields = Fields()) -> Iterator[Document | Skipped | Notice]:
    """Documents, skipped inputs and notices, in input order; identical texts come through once."""
    seen: dict[str, str] = {}
    ids: dict[str, int] = {}
    for item in _expand(inputs):
        if isinstance(item, Skipped):
            yield item
            continue
        if isinstance(item, str) and item.startswith("!"):
            yield Skipped(item[1:], f"folder has no {', '.join(SUFFIXES)} files")
            continue
        if item == "-":
            results: Iterable[Document | Skipped] = [Document(id="stdin", text=sys.stdin.read())]
        else:
            results = _file(item, fields)
        for result in results:
            if isinstance(result, Document):
                result = _well_formed(result)
                if not result.text.strip():
                    result = Skipped(result.id, "empty text")
                else:
                    digest = content_hash(result.text)
                    if digest in seen:
                        result = Skipped(result.id, f"same text as {seen[digest]}")
                    else:
                        if result.id in ids:  # two different texts under one id: keep both, apart
                            ids[result.id] += 1
                            result = dataclasses.replace(result, id=f"{result.id}#{ids[result.id]}")
                        ids.setdefault(result.id, 1)
                        seen[digest] = result.id
                        yield from _notices(result)
            yield result


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
