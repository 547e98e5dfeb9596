"""networkx's seeded spring layout (Fruchterman-Reingold, its dense "force" method), the same
positions bit for bit in about half the time.

Why not ``nx.spring_layout`` itself: on a long text's 400-node core its loop spends most of each
iteration in ``np.linalg.norm(delta, axis=-1)``, a generic reduction over a last axis of length 2.
Here the distances are ``sqrt(dx * dx + dy * dy)``, which is the very sum that reduction performs
(so every float is the same); everything else is networkx 3.x's ``_fruchterman_reingold`` and
``spring_layout`` line for line. ``tests/test_analyze.py`` checks the equality against networkx,
so an upgrade that changes networkx's arithmetic shows up as a failing test, not a silent drift.
"""
from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

DENSE_NODES = 500  # networkx switches to its sparse "energy" method at this size; so do we (by calling it)


def spring_layout(graph: nx.Graph, seed: int, iterations: int, scale: float,
                  threshold: float = 1e-4) -> dict[Hashable, np.ndarray]:
    """``nx.spring_layout(graph, seed=seed, iterations=iterations, scale=scale, weight=None)``."""
    n = len(graph)
    if n < 2 or n >= DENSE_NODES:
        return nx.spring_layout(graph, seed=seed, iterations=iterations, scale=scale, weight=None)
    adjacency = nx.to_numpy_array(graph, weight=None)
    pos = np.asarray(np.random.RandomState(seed).rand(n, 2), dtype=adjacency.dtype)
    k = np.sqrt(1.0 / n)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        dx, dy = delta[..., 0], delta[..., 1]
        distance = np.sqrt(dx * dx + dy * dy)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - adjacency * distance / k))
        length = np.sqrt(displacement[:, 0] * displacement[:, 0] + displacement[:, 1] * displacement[:, 1])
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / n) < threshold:
            break
    pos = nx.rescale_layout(pos, scale=scale) + np.zeros(2)
    return dict(zip(graph, pos))
