"""The interactive page of a graph inside a Jupyter notebook, with no file and no network.

``graph.display(g)`` returns a ``GraphDisplay``, whose ``_repr_html_`` is an ``<iframe>`` whose
``srcdoc`` holds the same self-contained page as graph.html (``export.html.render_html``):
vis-network, the style and the scripts are inside it. The page is HTML-escaped into the
attribute (``&``, ``<``, ``>``, ``"`` and ``'``), so no text of the graph can end the attribute
or the iframe, and the frame is sandboxed (``allow-scripts`` only): the page runs in an origin of
its own and cannot reach the notebook. Jupyter shows HTML output of trusted notebooks only; in
an untrusted one, run the cell again.
"""
from __future__ import annotations

import html

import networkx as nx

DEFAULT_HEIGHT = 640


class GraphDisplay:
    """A rendered page; Jupyter shows it through ``_repr_html_``. ``page`` is the full HTML."""

    def __init__(self, page: str, height: int = DEFAULT_HEIGHT):
        self.page = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd" '
                'title="entity graph"></iframe>')

    def __repr__(self) -> str:
        return f"<GraphDisplay: {len(self.page):,} characters of HTML; display it in Jupyter>"


def display(graph: nx.MultiDiGraph, max_nodes: int | None = 300, min_weight: int = 1,
            height: int = DEFAULT_HEIGHT) -> GraphDisplay:
    """The graph.html page of ``graph`` for a notebook cell.

    Parameters
    ----------
    graph: a graph from ``build_graph`` (or any graph with the same attributes).
    max_nodes, min_weight: as for graph.html (``--max-nodes``): the most important entities
        shown, and the smallest co-occurrence weight.
    height: height of the frame in pixels.

    Returns
    -------
    A ``GraphDisplay``; as the last expression of a cell it shows the graph.
    """
    from .export.html import render_html

    return GraphDisplay(render_html(graph, max_nodes=max_nodes, min_weight=min_weight), height)
