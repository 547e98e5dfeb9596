"""A long text is parsed in parts (``graph.nlp.split_text``) and extracted as one document.

The part size is made small here, so that an article repeated a dozen times is a "long" text of
several parts; the build's own limits (``PART_CHARS``, ``LONG_CHARS``) only change the number of
parts.
"""
from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from functools import reduce

import pytest

import graph.nlp
from conftest import ROOT, SHARED, require
from graph.engines import extract_batch, run_local
from graph.extract import extract_document, extract_parts, in_process, name_context, span_context
from graph.extract.mentions import NameContext
from graph.extract.spans import SpanContext
from graph.nlp import normalize, split_text
from graph.pipeline import Options, extract_corpus, graph_from_extractions
from graph.records import DEFAULT_TYPES, Document

ARTICLE = (ROOT / "examples" / "arctic_talks.txt").read_text(encoding="utf-8").strip()
REPEATS = 12
TYPES = frozenset(DEFAULT_TYPES)


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of at most 4,000 characters for every text over 5,000."""
    monkeypatch.setattr(graph.nlp, "PART_CHARS", 4_000)
    monkeypatch.setattr(graph.nlp, "LONG_CHARS", 5_000)


def repeated(n: int = REPEATS) -> Document:
    return Document("long", "\n\n".join([ARTICLE] * n))


def edge_counts(extraction) -> Counter:
    # every recorded relation an edge: repeated evidence raises an edge's combined confidence
    g = graph_from_extractions([extraction], Options(min_confidence=0.0))
    return Counter({(u, v, d["kind"], d.get("predicate")): d["weight"] for u, v, d in g.edges(data=True)})


def test_parts_are_cut_after_blank_lines_and_tokenize_as_the_whole(nlp):
    text = repeated().text
    parts = split_text(text, 4_000)
    assert len(parts) >= 4 and "".join(p for _, p in parts) == text
    assert all(len(p) <= 4_000 and text[o:o + len(p)] == p for o, p in parts)
    assert all(p.endswith("\n\n") and not text[o + len(p)].isspace() for o, p in parts[:-1])
    whole = nlp.make_doc(normalize(text))
    assert sum(len(nlp.make_doc(normalize(p))) for _, p in parts) == len(whole)


def test_a_long_text_of_repeated_articles_has_the_articles_entities_and_edges(nlp, monkeypatch):
    # one article a part: each part is parsed as the article alone is (within a part, the model
    # reads a few words across an article's start), so every count is exactly N times the article's
    monkeypatch.setattr(graph.nlp, "PART_CHARS", len(ARTICLE) + 3)
    monkeypatch.setattr(graph.nlp, "LONG_CHARS", len(ARTICLE) + 3)
    assert len(split_text(repeated().text, len(ARTICLE) + 3)) == REPEATS
    one = extract_document(Document("one", ARTICLE), nlp(normalize(ARTICLE)), TYPES)
    (long,) = extract_batch([repeated()], None, DEFAULT_TYPES)
    assert long.sentence_count == REPEATS * one.sentence_count
    # the same entities, grouped across the parts as within one article: every mention N times
    assert [(e.name, e.label, e.aliases) for e in long.entities] == [(e.name, e.label, e.aliases) for e in one.entities]
    assert [e.mentions for e in long.entities] == [REPEATS * e.mentions for e in one.entities]
    assert len(long.mentions) == REPEATS * len(one.mentions)
    assert all(repeated().text[m.start_char:m.end_char] == m.text for m in long.mentions)
    assert len(long.relations) == REPEATS * len(one.relations)
    assert len(long.cooccurrences) == REPEATS * len(one.cooccurrences)
    single = edge_counts(one)
    assert len(single) > 20
    assert edge_counts(long) == Counter({edge: REPEATS * weight for edge, weight in single.items()})


def test_parsing_the_parts_in_worker_processes_gives_the_same_extraction(nlp, small_parts):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the small part size reaches worker processes only when they are forked")
    documents = [Document("short", ARTICLE), repeated(), Document("after", ARTICLE + "\n\nNorway thanked Canada.")]
    sequential = [x for batch in run_local(documents, None, DEFAULT_TYPES, 1) for x in batch]
    parallel = [x for batch in run_local(documents, None, DEFAULT_TYPES, 2) for x in batch]
    assert [x.doc_id for x in parallel] == ["short", "long", "after"]
    assert parallel == sequential


def test_the_parts_give_the_extraction_of_one_parse_of_the_whole(nlp, small_parts):
    """Different articles, so that names are grouped across parts they were not all named in."""
    require((SHARED / "corpus" / "news.jsonl").exists(), "needs ../shared/corpus/news.jsonl")
    with (SHARED / "corpus" / "news.jsonl").open(encoding="utf-8") as handle:
        articles = [json.loads(line)["text"].strip() for _, line in zip(range(12), handle)]
    document = Document("corpus", "\n\n".join(articles))
    (parts,) = extract_batch([document], None, DEFAULT_TYPES)
    assert len(split_text(document.text, 4_000)) > 3
    assert parts == extract_document(document, nlp(normalize(document.text)), TYPES)


def test_a_long_text_is_cached_like_any_other(tmp_path, small_parts):
    options = Options(cache=tmp_path / "cache.sqlite")
    first, stats = extract_corpus([repeated()], options)
    assert (stats.parsed, stats.from_cache) == (1, 0)
    again, stats = extract_corpus([repeated()], options)
    assert (stats.parsed, stats.from_cache) == (0, 1)
    assert again == first


def test_parts_cut_out_of_one_parse_give_exactly_its_extraction(nlp):
    """The same annotations in parts as in the whole (``Span.as_doc`` of one parse), so that any
    difference is the extraction's: every rule that reads the rest of the document (span repair,
    the names used elsewhere, grouping, genders, aliases) must see the whole text from the parts."""
    require((SHARED / "corpus" / "news.jsonl").exists(), "needs ../shared/corpus/news.jsonl")
    with (SHARED / "corpus" / "news.jsonl").open(encoding="utf-8") as handle:
        articles = [json.loads(line)["text"].strip() for _, line in zip(range(12), handle)]
    document = Document("corpus", "\n\n".join(articles))
    doc = nlp(normalize(document.text))
    parts = split_text(document.text, 2_000)
    by_char = {t.idx: t.i for t in doc}
    bounds = [by_char[offset] for offset, _ in parts] + [len(doc)]
    docs = [doc[a:b].as_doc() for a, b in zip(bounds, bounds[1:])]
    assert len(docs) > 10
    # what the rules read from the rest of the document, merged from the parts, is the whole's
    spans = reduce(SpanContext.merge, [span_context(d) for d in docs], SpanContext())
    assert spans == span_context(doc)
    assert reduce(NameContext.merge, [name_context(d, TYPES, spans) for d in docs], NameContext()) == name_context(doc, TYPES)
    whole = extract_document(document, doc, TYPES)
    assert extract_parts(document, [offset for offset, _ in parts], in_process(docs), TYPES) == whole
