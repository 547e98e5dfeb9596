"""networkx's seeded spring layout (Fruchterman-Reingold, its dense "force" method), the same
positions bit for bit in about a quarter of the time.

Why not ``nx.spring_layout`` itself: on a long text's 400-node core its loop spends most of each
iteration in ``np.linalg.norm(delta, axis=-1)``, a generic reduction over a last axis of length 2.
Here the distances are ``sqrt(dx * dx + dy * dy)``, which is the very sum that reduction performs
(so every float is the same), and the differences are one n × n array per coordinate instead of
an n × n × 2 array (see the loop); everything else is networkx 3.x's ``_fruchterman_reingold`` and
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
        # networkx forms the n × n × 2 array of differences ``delta[i, j] = pos[i] - pos[j]`` and
        # sums ``delta[i, j] * force[i, j]`` over j (einsum "ijk,ij->ik": in order of j, one term
        # after the other). Broadcasting over that last axis of length 2 cost more than the rest of
        # the iteration, so here each coordinate is an n × n array, stored transposed
        # (``dx[j, i] = x[i] - x[j]``: the distances and forces are symmetric, so ``force[j, i]``
        # is networkx's ``force[i, j]``), and einsum "ji,ji->i" adds the same terms in the same order.
        x, y = pos[:, 0], pos[:, 1]
        dx = x[np.newaxis, :] - x[:, np.newaxis]
        dy = y[np.newaxis, :] - y[:, np.newaxis]
        distance = np.sqrt(dx * dx + dy * dy)
        np.clip(distance, 0.01, None, out=distance)
        force = k * k / distance**2 - adjacency * distance / k
        displacement = np.stack([np.einsum("ji,ji->i", dx, force), np.einsum("ji,ji->i", dy, force)], axis=1)
        length = np.sqrt(displacement[:, 0] * displacement[:, 0] + displacement[:, 1] * displacement[:, 1])
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = displacement * (t / length)[:, np.newaxis]
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / n) < threshold:
            break
    pos = nx.rescale_layout(pos, scale=scale) + np.zeros(2)
    return dict(zip(graph, pos))
