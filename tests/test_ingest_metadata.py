"""Document headlines, links and dates from JSON Lines, CSV and HTML; files a folder does not read."""
from __future__ import annotations

import json

from graph.ingest import Document, Fields, Skipped, iter_documents
from graph.pipeline import Options, extract_corpus


def test_jsonl_and_csv_titles_and_urls(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": "1", "text": "Ana Silva met Olaf Brandt.", "title": "Talks", "url": "https://x.example/1"})
                     + "\n" + json.dumps({"id": "2", "text": "Brandt left.", "headline": "Exit", "link": "https://x.example/2"})
                     + "\n", encoding="utf-8")
    table = tmp_path / "b.csv"
    table.write_text("text,title,url\nSilva returned.,Return,\n", encoding="utf-8")
    docs = [d for d in iter_documents([str(jsonl), str(table)]) if isinstance(d, Document)]
    assert [(d.title, d.url) for d in docs] == [("Talks", "https://x.example/1"), (None, None), ("Return", None)]
    other = [d for d in iter_documents([str(jsonl)], Fields(title="headline", url="link")) if isinstance(d, Document)]
    assert [(d.title, d.url) for d in other] == [(None, None), ("Exit", "https://x.example/2")]


def test_html_title_date_and_url(tmp_path):
    page = tmp_path / "story.html"
    body = " ".join(["Chancellor Olaf Brandt met with President Ana Silva in Lisbon on Monday."] * 8)
    page.write_text(f"""<html><head><title>Brandt meets Silva - Daily</title>
        <meta property="article:published_time" content="2024-03-05T10:00:00Z">
        <link rel="canonical" href="https://daily.example/brandt-silva"></head>
        <body><nav>Home News</nav><article><h1>Brandt meets Silva</h1><p>{body}</p></article></body></html>""",
                    encoding="utf-8")
    [doc] = [d for d in iter_documents([str(page)]) if isinstance(d, Document)]
    assert doc.date == "2024-03-05" and doc.url == "https://daily.example/brandt-silva"
    assert doc.title and "Brandt meets Silva" in doc.title


def test_folder_lists_every_file_it_does_not_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text("Ana Silva met Olaf Brandt in Lisbon.", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n...")
    (folder / "sub" / "memo.docx").write_bytes(b"PK\x03\x04....")
    (folder / "sub" / "notes.xyz").write_text("text", encoding="utf-8")
    (folder / "README").write_text("text", encoding="utf-8")
    items = list(iter_documents([str(folder)]))
    skipped = {s.source.split("/in/")[1]: s.reason for s in items if isinstance(s, Skipped)}
    assert [d.id.split("/in/")[1] for d in items if isinstance(d, Document)] == ["story.txt"]
    assert skipped["report.pdf"].startswith("a PDF file, not text")
    assert skipped["sub/memo.docx"].startswith("a ZIP archive or Office document")
    assert skipped["sub/notes.xyz"].startswith("not read: '.xyz' files are not an input type")
    assert skipped["README"].startswith("not read: files without an extension")


def test_titles_reach_the_evidence(tmp_path):
    docs = [Document("a", "Chancellor Olaf Brandt met with President Ana Silva in Lisbon.", "2024-03-01", "Talks",
                     "https://x.example/a"),
            Document("b", "President Ana Silva met with Chancellor Olaf Brandt in Porto.")]
    extractions, _ = extract_corpus(docs, Options())
    from graph.pipeline import graph_from_extractions

    graph = graph_from_extractions(extractions, Options())
    items = [e for *_, d in graph.edges(data=True) for e in d["evidence"]]
    assert {"doc": "a", "date": "2024-03-01", "title": "Talks", "url": "https://x.example/a"}.items() <= \
        next(e for e in items if e["doc"] == "a").items()
    assert set(next(e for e in items if e["doc"] == "b")) == {"doc", "sentence"}, "undated: no date"


def test_cli_title_url_fields_and_exclude(tmp_path):
    """--title-field / --url-field reach the evidence; --exclude marks a source in graph.html."""
    import subprocess
    import sys

    from conftest import ROOT

    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "a", "date": "2024-03-01", "headline": "Talks in Lisbon", "link": "https://x.example/a",
                                  "text": "Chancellor Olaf Brandt met with President Ana Silva in Lisbon, Reuters reported."})
                      + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "graph", "build", str(source), "--out", str(tmp_path / "out"),
                             "--formats", "html,json", "--title-field", "headline", "--url-field", "link",
                             "--exclude", "Reuters", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    evidence = data["edges"][0]["evidence"][0]
    assert evidence["title"] == "Talks in Lisbon" and evidence["url"] == "https://x.example/a"
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert '"source": true' in page and "Talks in Lisbon" in page
