"""entity-graph: English text in, an entity-relationship graph out.

    >>> from graph import build_graph, Document
    >>> g = build_graph([Document("a", "Donald Trump met Vladimir Putin in Helsinki.")])

``build_graph`` returns a networkx ``MultiDiGraph``; ``graph.export`` writes it to files, and
``display(g)`` shows it in a Jupyter notebook.
"""
__version__ = "0.1.0"

from .records import Document  # noqa: E402


def build_graph(*args, **kwargs):
    """See ``graph.pipeline.build_graph``; imported lazily so ``import graph`` stays cheap."""
    from .pipeline import build_graph as _build_graph

    return _build_graph(*args, **kwargs)


def display(*args, **kwargs):
    """See ``graph.notebook.display``: the interactive page inline in Jupyter; imported lazily."""
    from .notebook import display as _display

    return _display(*args, **kwargs)


__all__ = ["Document", "build_graph", "display", "__version__"]
