"""The trained relation model: a multinomial logistic regression over named binary features.

Shaped like a spaCy trainable component: its state is ``cfg`` plus weights, ``predict`` is pure
(features in, probabilities out) and applying the result is the caller's business
(``relations/__init__.py``); ``to_disk`` / ``from_disk`` are symmetric. The file is JSON (no
pickle): it loads without scikit-learn, on any Python, and its diff is readable.
``scripts/train_relations.py`` writes it; ``model/MODEL_CARD.md`` says what it was trained on
and how well it does.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CLASSES = ("none", "forward", "backward", "symmetric")  # forward: first mention → second
FORMAT = "entity-graph-relation-model"
FORMAT_VERSION = 1
MODEL_PATH = Path(__file__).parent / "model" / "relations.json"


@dataclass
class RelationModel:
    """Weights per feature and class; ``cfg`` holds the threshold and the training facts."""

    weights: dict[str, list[float]]
    bias: list[float]
    classes: tuple[str, ...] = CLASSES
    cfg: dict = field(default_factory=dict)

    @property
    def threshold(self) -> float:
        """The default ``--min-confidence``: the edge confidence with the best cross-validated F1."""
        return float(self.cfg.get("threshold", 0.5))

    def predict(self, feature_lists: Sequence[Sequence[str]]) -> list[list[float]]:
        """Class probabilities (in ``classes`` order) for each candidate's features."""
        out = []
        width = len(self.classes)
        if width == 4:  # the shipped model: the same sums, without a loop over the classes per feature
            return [self._softmax(self._scores4(names)) for names in feature_lists]
        for names in feature_lists:
            scores = list(self.bias)
            for name in names:
                w = self.weights.get(name)
                if w is not None:
                    for c in range(width):
                        scores[c] += w[c]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            out.append([e / total for e in exps])
        return out

    def _scores4(self, names: Sequence[str]) -> list[float]:
        s0, s1, s2, s3 = self.bias
        get = self.weights.get
        for name in names:
            w = get(name)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        return [s0, s1, s2, s3]

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def to_disk(self, path: Path) -> None:
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "classes": list(self.classes),
            "cfg": self.cfg,
            "bias": [round(b, 6) for b in self.bias],
            "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())},
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> RelationModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{path}: not an entity-graph relation model of format version {FORMAT_VERSION}")
        return cls(weights=data["weights"], bias=data["bias"], classes=tuple(data["classes"]), cfg=data["cfg"])


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> RelationModel:
    """The shipped model (or another file), loaded once per process."""
    return RelationModel.from_disk(path)
