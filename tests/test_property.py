"""Property: any Unicode text goes through extract → resolve → assemble → analyse → every exporter
without an exception, and every output parses back (graph.html: complete, and no document text
in it as live markup; the browser tests check that it runs nothing)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.export import write_outputs
from graph.ingest import Document, iter_documents
from graph.pipeline import Options, extract_corpus, graph_from_extractions

# Words that make the model find entities and relations, mixed with arbitrary Unicode.
NEWSY = st.sampled_from([
    "President Ana Silva", "met with", "Chancellor Olaf Brandt", "in Lisbon", ".", ",", "Germany", "Russian",
    "sanctioned", "the United States", "U.S.", "'s", "\n\n", "<script>alert(1)</script>", "]]>", "&amp;",
    "\u202e", "\x00", "\x0b", "\ud83d\ude00", "Zelenskyy", "EU", "European Union (EU)", '"', "said",
])
TEXT = st.lists(st.one_of(NEWSY, st.text(min_size=1, max_size=12)), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_any_text_goes_through_every_exporter(nlp, texts):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"  # through the real reader: JSON escapes, lone surrogates and all
        path.write_text("".join(json.dumps({"id": f"doc{i}<&>", "text": t, "date": f"2024-01-0{i + 1}"}) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
        documents = [d for d in iter_documents([str(path)]) if isinstance(d, Document)]
    if not documents:
        return
    extractions, _ = extract_corpus(documents, Options())
    graph = graph_from_extractions(extractions, Options())
    with tempfile.TemporaryDirectory() as out:
        out = Path(out)
        write_outputs(graph, out)  # every format
        html = (out / "graph.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>") and "<script>alert" not in html
        data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        assert len(data["nodes"]) == graph.number_of_nodes()
        ElementTree.parse(out / "graph.graphml")
        assert nx.read_gexf(out / "graph.gexf").number_of_edges() == graph.number_of_edges()
        assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == graph.number_of_nodes()
        assert (out / "nodes.csv").read_text(encoding="utf-8").count("\n") >= graph.number_of_nodes()
