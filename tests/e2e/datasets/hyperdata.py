"""The Hyper-Dataset of the SDK end-to-end test, as plain data: what the SDK script saves and
the Python reference the test checks the server's answers against (no clearml import here).

10,000 image frames: one source each, 0-3 ``car`` boxes and a ``person`` box on every fifth,
``meta`` with a split, a score and an 8-dimensional vector. The child version updates 100
frames (new split, score and vector) and deletes 50 others.
"""

from __future__ import annotations

import math
import random
from typing import Any

FRAMES = 10_000
DIMS = 8
VECTOR_FIELD = "emb"  # meta.emb, a dense_vector of the dataset's field_mappings
SPLITS = ("train", "val", "test")


def frame_id(i: int) -> str:
    return f"f{i:05d}"


def vector(i: int, salt: str = "") -> list[float]:
    rng = random.Random(f"{salt}{i}")
    return [round(rng.uniform(-1, 1), 4) for _ in range(DIMS)]


def frame(i: int) -> dict[str, Any]:
    """Frame ``i`` of the parent version."""
    return {
        "id": frame_id(i),
        "uri": f"s3://cairn-e2e/images/{i:05d}.jpg",
        "context_id": f"ctx{i // 100:03d}",
        "timestamp": i % 100,
        "cars": i % 4,
        "person": i % 5 == 0,
        "meta": {"idx": i, "split": SPLITS[i % 3], "score": (i * 37) % 100, VECTOR_FIELD: vector(i)},
    }


def updated(i: int) -> dict[str, Any]:
    """Frame ``i`` as the child version saves it again."""
    out = frame(i)
    out["meta"] = {**out["meta"], "split": "updated", "score": 1000 + i, VECTOR_FIELD: vector(i, "child")}
    return out


UPDATED = [i for i in range(FRAMES) if i % 100 == 7]  # 100 frames
DELETED = [i for i in range(FRAMES) if i % 200 == 13]  # 50 frames, none of them updated


def parent_frames() -> dict[str, dict[str, Any]]:
    return {frame_id(i): frame(i) for i in range(FRAMES)}


def child_frames() -> dict[str, dict[str, Any]]:
    frames = parent_frames()
    for i in UPDATED:
        frames[frame_id(i)] = updated(i)
    for i in DELETED:
        del frames[frame_id(i)]
    return frames


def labels(f: dict[str, Any]) -> list[str]:
    """The ROI labels of a frame, one entry per ROI, sorted."""
    return sorted(["car"] * f["cars"] + (["person"] if f["person"] else []))


# The DataView of the test: two weighted queries over the child version, disjoint by split
# so that the expected frames do not depend on how a frame matching both would be counted.
TRAIN_QUERY = "meta.split:train"
CAR_RULE_QUERY = "meta.split:val"
CAR_COUNT_RANGE = (2, 3)


def dataview_reference(frames: dict[str, dict[str, Any]]) -> set[str]:
    """Frames of the first query (split train) or of the second (split val with 2-3 cars)."""
    lo, hi = CAR_COUNT_RANGE
    return {fid for fid, f in frames.items()
            if f["meta"]["split"] == "train" or (f["meta"]["split"] == "val" and lo <= f["cars"] <= hi)}


def nearest(frames: dict[str, dict[str, Any]], query: list[float], k: int, similarity: str) -> list[str]:
    """Brute force: the ``k`` frames most similar to ``query``, most similar first."""
    def score(v: list[float]) -> float:
        if similarity == "l2_norm":
            return -math.dist(v, query)
        dot = sum(a * b for a, b in zip(v, query))
        if similarity == "dot_product":
            return dot
        return dot / (math.hypot(*v) * math.hypot(*query))

    ranked = sorted(frames.items(), key=lambda item: (-score(item[1]["meta"][VECTOR_FIELD]), item[0]))
    return [fid for fid, _ in ranked[:k]]
