"""Pure rules of iterating over a dataview (``frames.get_next*``, counts, snippets): the order
of frames, seeds, weights between filter rules, ``limit``/``infinite``, ``jump``, the versions
a rule reads, vector similarity, paging tokens, and a stored frame as ClearML returns it.

No I/O here: the use cases (``iteration/service.py``) run the searches these rules describe.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Sequential order (ClearML: by context id, then timestamp); frame id then the writing version
# make it total, so that search_after never skips or repeats a frame.
SEQUENTIAL_SORT: list[dict[str, str]] = [{"context_id": "asc"}, {"timestamp": "asc"}, {"id": "asc"},
                                         {"version": "asc"}]
# Sequential order backwards (bidirectional flow control reading the batch before).
REVERSED_SORT: list[dict[str, str]] = [{next(iter(s)): "desc"} for s in SEQUENTIAL_SORT]
# Random order: the seeded score, ties broken as above.
RANDOM_SORT: list[dict[str, str]] = [{"_score": "desc"}, {"id": "asc"}, {"version": "asc"}]

# Fields of the stored frame document that are Cairn's, never ClearML's.
INTERNAL_FIELDS = frozenset({"hidden_in", "labels", "label_counts", "_id", "_score", "_sort", "version"})


@dataclass(frozen=True)
class Iteration:
    """A dataview's ``iteration`` with ClearML's defaults (sequential, finite, no limit)."""

    random: bool = False
    seed: int | None = None
    infinite: bool = False
    limit: int | None = None
    jump_ms: int | None = None
    min_sequence_ms: int | None = None

    @property
    def sequential_clip_ms(self) -> int | None:
        """The clip length sequential order reads (ClearML: only with a jump)."""
        return self.min_sequence_ms if not self.random and self.jump_ms else None

    @property
    def random_clip_ms(self) -> int | None:
        """The clip length random order reads (finite iteration)."""
        return self.min_sequence_ms if self.random and not self.infinite else None


def iteration_of(spec: Mapping[str, Any] | None, random_seed: int | None = None) -> Iteration:
    """The iteration settings of a dataview; the request's ``random_seed`` wins over the
    dataview's. A limit of 0 or less means none (ClearML ignores it)."""
    spec = spec or {}
    limit = spec.get("limit")
    jump = (spec.get("jump") or {}).get("time")
    seed = random_seed if random_seed is not None else spec.get("random_seed")
    return Iteration(random=spec.get("order") == "random", seed=seed, infinite=bool(spec.get("infinite")),
                     limit=limit if limit and limit > 0 else None, jump_ms=jump if jump and jump > 0 else None,
                     min_sequence_ms=_positive(spec.get("min_sequence")))


def _positive(value: int | None) -> int | None:
    return value if value and value > 0 else None


def new_seed(token: str) -> int:
    """A seed generated for a scroll opened without one (ClearML generates one and returns
    it): a hash of ``token``, so the same token always gives the same seed."""
    return int.from_bytes(hashlib.sha256(token.encode()).digest()[:4], "big") & 0x7FFFFFFF


def epoch_seed(seed: int, epoch: int) -> int:
    """The seed of one pass over the frames: an infinite random iteration shuffles each pass
    anew, yet the same seed always gives the same sequence of passes."""
    if epoch == 0:
        return seed
    return new_seed(f"{seed}:{epoch}")


def ordered(query: dict[str, Any], iteration: Iteration, seed: int, epoch: int) -> tuple[dict[str, Any], list]:
    """The query and sort of one pass: sequential as is; random as a seeded score per frame id
    (``random_score`` over ``id``: the same seed gives the same order on any shard layout)."""
    if not iteration.random:
        return query, SEQUENTIAL_SORT
    scored = {"function_score": {"query": query, "boost_mode": "replace",
                                 "random_score": {"seed": epoch_seed(seed, epoch), "field": "id"}}}
    return scored, RANDOM_SORT


def batch_size(requested: int | None, served: int, limit: int | None, default: int = 500) -> int:
    """How many frames this call may return: the request's batch size (ClearML's default
    500), cut at what is left of the iteration's ``limit``."""
    size = requested if requested and requested > 0 else default
    if limit is not None:
        size = min(size, max(limit - served, 0))
    return size


def weighted_quotas(weights: Sequence[float], credits: Sequence[float], n: int) -> tuple[list[int], list[float]]:
    """Share ``n`` frames between rules in proportion to their weights (smooth weighted round
    robin: every step the rule with the most credit takes one frame). ``credits`` carry over
    between calls so that small batches still follow the weights; rules with weight 0 get
    nothing. Answers the frames per rule and the new credits."""
    quotas = [0] * len(weights)
    current = list(credits) if len(credits) == len(weights) else [0.0] * len(weights)
    total = sum(w for w in weights if w > 0)
    if total <= 0:
        return quotas, current
    for _ in range(n):
        for i, w in enumerate(weights):
            if w > 0:
                current[i] += w
        best = max((i for i, w in enumerate(weights) if w > 0), key=lambda i: current[i])
        current[best] -= total
        quotas[best] += 1
    return quotas, current


def rule_weight(rule: Mapping[str, Any]) -> float:
    """A filter rule's weight (ClearML: 1 when not given)."""
    weight = rule.get("weight")
    return 1.0 if weight is None else float(weight)


def apply_jump(frames: Iterable[dict[str, Any]], last: Sequence[Any] | None, jump_ms: int | None,
               min_sequence_ms: int | None = None) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Sequential ``jump``: within one context, a frame at least ``jump_ms`` after the last
    returned one (a video subsampled in time); a new context starts anew. With
    ``min_sequence_ms`` (ClearML: "length of video clips", used in sequential order only with a
    jump) each kept frame starts a clip: the context's frames less than ``min_sequence_ms``
    after the clip's first one come too, and the jump counts from the clip's last frame.
    ``last`` is ``[context_id, timestamp, clip start]`` of the last frame returned (kept in the
    scroll state)."""
    if not jump_ms:
        kept = list(frames)
        return kept, (_position(kept[-1], None) if kept else last)
    kept = []
    for frame in frames:
        context, ts = frame.get("context_id"), frame.get("timestamp") or 0
        if last is None or last[0] != context or ts >= last[1] + jump_ms:
            last = _position(frame, None)
        elif min_sequence_ms and ts < _clip_start(last) + min_sequence_ms:
            last = _position(frame, _clip_start(last))
        else:
            continue
        kept.append(frame)
    return kept, list(last) if last is not None else None


def _position(frame: Mapping[str, Any], clip_start: int | None) -> list[Any]:
    """``[context_id, timestamp]`` of a frame starting a clip, with the clip's start after it
    for a frame within one."""
    position = [frame.get("context_id"), frame.get("timestamp") or 0]
    return position if clip_start is None else [*position, clip_start]


def _clip_start(last: Sequence[Any]) -> int:
    """The first timestamp of the clip ``last`` ends (its own when it started one)."""
    return last[2] if len(last) > 2 else last[1]


# Frames searched at most for the clips of one page of random frames.
MAX_CLIP_FRAMES = 10000


def clip_of(frame: Mapping[str, Any], length: int) -> tuple[Any, int]:
    """Random order with ``min_sequence``: the clip a frame is in, its context and the
    ``length``-ms slot of its timestamp (clips tile each video: every frame is in one)."""
    return frame.get("context_id"), (frame.get("timestamp") or 0) // length


def clips_query(anchors: Iterable[Mapping[str, Any]], length: int) -> dict[str, Any]:
    """The frames of the clips some frames are in (frames without a context are no video: a
    clip of their own, not searched)."""
    slots = [c for c in dict.fromkeys(clip_of(f, length) for f in anchors) if c[0] is not None]
    return any_of([{"bool": {"filter": [{"term": {"context_id": context}},
                                        {"range": {"timestamp": {"gte": slot * length, "lt": (slot + 1) * length}}}]}}
                   for context, slot in slots])


def clips_in_order(anchors: Iterable[dict[str, Any]], members: Iterable[dict[str, Any]],
                   length: int) -> list[dict[str, Any]]:
    """Random order with ``min_sequence``: the frames of the anchors' clips, each clip once, at
    the place of its first frame in the random order (an anchor that is not its clip's first
    frame adds nothing: its clip came or comes there), each clip's frames in time order.
    Frames carry ``_sort`` of the random order (score desc, then id, version)."""
    by_clip: dict[tuple[Any, int], list[dict[str, Any]]] = {}
    for frame in members:
        by_clip.setdefault(clip_of(frame, length), []).append(frame)
    out: list[dict[str, Any]] = []
    for anchor in anchors:
        clip = by_clip.get(clip_of(anchor, length)) if anchor.get("context_id") is not None else None
        clip = clip or [anchor]
        if min(clip, key=_random_position)["_id"] == anchor["_id"]:
            out.extend(sorted(clip, key=lambda f: (f.get("timestamp") or 0, f.get("id"), f.get("version"))))
    return out


def _random_position(frame: Mapping[str, Any]) -> tuple[Any, ...]:
    score, *rest = frame["_sort"]
    return (-score, *rest)


@dataclass(frozen=True)
class Scope:
    """A dataset version a rule reads: its dataset and lineage (itself first)."""

    dataset: str
    version: str
    lineage: tuple[str, ...]


def rule_targets(rule: Mapping[str, Any], view: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The (dataset, version) pairs a filter rule reads: the view's entries its ``dataset`` and
    ``version`` select (``*`` or missing: every one of the view's); a concrete pair outside the
    view is read as named. ``version`` ``*`` outside the view: ``(dataset, "*")``, every version
    of the dataset (the caller resolves it)."""
    dataset, version = rule.get("dataset") or "*", rule.get("version") or "*"
    chosen = [(e["dataset"], e["version"]) for e in view
              if e.get("dataset") and e.get("version") and dataset in ("*", e["dataset"])
              and version in ("*", e["version"])]
    if chosen or dataset == "*":
        return list(dict.fromkeys(chosen))
    return [(dataset, version)]


def merged_lineage(lineage: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
    """The lineage of a version merged with another (a dataview entry's ``merge_with``): both
    lineages as one, the version's own first. A document is seen when a version of either wrote
    it and no version of either overrode or deleted it, so a frame changed on one side only
    comes as changed, and one deleted on either side is gone."""
    return tuple(dict.fromkeys([*lineage, *other]))


def owner(doc: Mapping[str, Any], scopes: Sequence[Scope]) -> Scope | None:
    """The first scope (in view order) that sees this document."""
    hidden = set(doc.get("hidden_in") or ())
    for scope in scopes:
        if doc.get("version") in scope.lineage and not hidden.intersection(scope.lineage):
            return scope
    return None


def all_of(*queries: dict[str, Any] | None) -> dict[str, Any]:
    """The AND of some queries (None ones left out)."""
    present = [q for q in queries if q]
    if not present:
        return {"match_all": {}}
    return present[0] if len(present) == 1 else {"bool": {"filter": present}}


def any_of(queries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The OR of some queries (ClearML's filter rules are OR-ed)."""
    if len(queries) == 1:
        return queries[0]
    return {"bool": {"should": list(queries), "minimum_should_match": 1}} if queries else {"match_none": {}}


def similarity(function: str, a: Sequence[float], b: Sequence[float]) -> float:
    """The score of vector ``a`` against the query vector ``b``, higher is nearer: cosine,
    dot product, or the negated euclidean distance (``l2_norm``)."""
    if function == "l2_norm":
        return -math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    if function == "dot_product":
        return dot
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def nearest(candidates: Iterable[tuple[Any, Sequence[float] | None]], vector: Sequence[float], function: str,
            k: int) -> list[tuple[Any, float]]:
    """The ``k`` candidates nearest to ``vector`` (exact search), nearest first; candidates
    without a vector of the query's dimensions are left out."""
    scored = [(key, similarity(function, v, vector)) for key, v in candidates
              if isinstance(v, list) and len(v) == len(vector)]
    scored.sort(key=lambda item: item[1], reverse=True)
    return scored[:k]


def es_score(function: str, value: float) -> float:
    """A ``similarity`` as Elasticsearch scores a kNN hit (so that exact and fast searches
    answer comparable ``_score``s): cosine and dot product ``(1 + s) / 2``, l2 ``1 / (1 + d²)``."""
    if function == "l2_norm":
        return 1.0 / (1.0 + value * value)
    return (1.0 + value) / 2.0


def meta_value(frame: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path of a stored frame (``meta.embedding``)."""
    value: Any = frame
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def encode_after(sort_values: Sequence[Any] | None) -> str | None:
    """A search_after position as the opaque string ClearML's ``search_after`` is."""
    if not sort_values:
        return None
    return base64.urlsafe_b64encode(json.dumps(list(sort_values)).encode()).decode()


def decode_after(token: str | None) -> list[Any] | None:
    """The position a ``search_after`` string names; None for none or a malformed one."""
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) else None


def roi_stats(frames: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """ROIs per label in some frames (``get_next``'s ``roi_stats``)."""
    stats: dict[str, int] = {}
    for frame in frames:
        for roi in frame.get("rois") or ():
            for label in roi.get("label") or ():
                stats[label] = stats.get(label, 0) + 1
    return stats


def as_clearml_frame(doc: Mapping[str, Any], scope: Scope | None) -> dict[str, Any]:
    """A stored frame document as ClearML returns it: Cairn's fields out, ``dataset`` the
    version it was read in. (A stand-in until the frames room's presenter is merged.)"""
    frame = {k: v for k, v in doc.items() if k not in INTERNAL_FIELDS}
    version = scope.version if scope else doc.get("version")
    frame["dataset"] = {"id": doc.get("dataset"), "version": version}
    return frame


def frame_per_roi(frames: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``output_rois: frame_per_roi``: a frame once per ROI, each time with that ROI alone (a
    frame without ROIs comes once, as it is)."""
    out: list[dict[str, Any]] = []
    for frame in frames:
        rois = frame.get("rois") or []
        out.extend([{**frame, "rois": [roi]} for roi in rois] if rois else [dict(frame)])
    return out


def project(frame: Mapping[str, Any], paths: Sequence[str] | None) -> dict[str, Any]:
    """The parts of a frame a ``projection`` names (dotted paths; ``*`` or an index for list
    elements). ``id`` is always kept."""
    if not paths or "*" in paths:
        return dict(frame)
    out: dict[str, Any] = {"id": frame.get("id")} if "id" in frame else {}
    for path in paths:
        _merge(out, _pick(frame, path.split(".")))
    return out


def _pick(value: Any, parts: list[str]) -> Any:
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    if isinstance(value, list):
        if head == "*":
            return [_pick(v, rest) for v in value]
        if head.isdigit() and int(head) < len(value):
            return [_pick(value[int(head)], rest)]
        return [_pick(v, parts) for v in value]
    if isinstance(value, Mapping) and head in value:
        return {head: _pick(value[head], rest)}
    return _MISSING


_MISSING = object()


def _merge(into: dict[str, Any], part: Any) -> None:
    if not isinstance(part, dict):
        return
    for key, value in part.items():
        if value is _MISSING:
            continue
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list) and len(value) == len(into[key]):
            into[key] = [_merged(a, b) for a, b in zip(into[key], value, strict=True)]
        else:
            into[key] = _clean(value)


def _merged(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        _merge(out, b)
        return out
    return a if b is _MISSING else b


def _clean(value: Any) -> Any:
    if isinstance(value, list):
        return [_clean(v) for v in value if v is not _MISSING]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not _MISSING}
    return value
