"""Pure rules of frames (no store, no framework): checking and normalising the frames of
``datasets.save_frames``/``update_frames`` one by one (a bad frame is refused alone, the
others are saved), inferring the types of a frame's ``meta`` (the dataset's meta schema),
the dataset's vector fields, the stored document (``services/datasets/README.md``, "The frame
document") and ClearML's frame made from it (``frames.get_by_id`` and every other read)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import mul
from typing import Any

# Types of the meta schema (``datasets.get_schema``): JSON's, plus the dataset's vector fields.
STRING, NUMBER, BOOLEAN, OBJECT, VECTOR = "string", "number", "boolean", "object", "dense_vector"
SIMILARITIES = ("l2_norm", "dot_product", "cosine")
MAX_DIMS = 4096  # Elasticsearch's limit of an indexed dense_vector


class FrameError(ValueError):
    """Why one frame of a batch is refused (its message goes to the answer's ``errors``)."""


# --- vector fields -------------------------------------------------------------------------

def vector_fields(field_mappings: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The ``dense_vector`` fields of a dataset's ``field_mappings`` (as the SDK declares them:
    ``{"meta.emb": {"type": "dense_vector", "dims": 4, ...}}``), by meta path without ``meta.``:
    ``{"emb": {"dims": 4, "similarity": "cosine", "element_type": "float"}}``."""
    out: dict[str, dict[str, Any]] = {}
    for key, spec in (field_mappings or {}).items():
        if not isinstance(spec, Mapping) or spec.get("type") != "dense_vector" or not isinstance(key, str):
            continue
        dims = spec.get("dims")
        if not isinstance(dims, int) or isinstance(dims, bool) or not 0 < dims <= MAX_DIMS:
            continue  # not a field Elasticsearch can map: the frames' values stay plain numbers
        path = key[len("meta."):] if key.startswith("meta.") else key
        similarity = spec.get("similarity") if spec.get("similarity") in SIMILARITIES else "cosine"
        out[path] = {"dims": dims, "similarity": similarity,
                     "element_type": spec.get("element_type") or "float"}
    return out


def vector_field_answer(path: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """One field of ``datasets.get_vector_fields``: its Lucene key and its properties. Exact
    search (brute force) takes every similarity; the indexed one is the mapped similarity."""
    return {"key": f"meta.{path}", "properties": {
        "type": VECTOR, "dims": spec["dims"], "element_type": spec.get("element_type") or "float",
        "index": True, "similarity": spec["similarity"], "supported_functions": list(SIMILARITIES)}}


def _check_vector(path: str, value: Any, spec: Mapping[str, Any]) -> None:
    if not _numbers(value):
        raise FrameError(f"meta.{path} is a vector field: expected a list of numbers")
    if len(value) != spec["dims"]:
        raise FrameError(f"meta.{path} is a vector field of {spec['dims']} dimensions, got {len(value)}")


# --- the meta schema -----------------------------------------------------------------------

_SCALARS = {str: STRING, int: NUMBER, float: NUMBER, bool: BOOLEAN}


def _note(types: dict[str, str], path: str, kind: str) -> None:
    seen = types.setdefault(path, kind)
    if seen != kind:
        raise FrameError(f"meta field '{path}' has conflicting types: {seen} and {kind}")


def _walk(types: dict[str, str], path: str, value: Any, vectors: Mapping[str, Any]) -> None:
    """Record the type of ``value`` at ``path`` (``meta.a.b``); lists are their elements'
    type (Elasticsearch maps arrays by their elements), dicts are objects with their keys."""
    kind = _SCALARS.get(type(value))
    if kind is not None and path[5:] not in vectors:
        _note(types, path, kind)
    elif value is None:
        return
    elif path[5:] in vectors:
        _check_vector(path[5:], value, vectors[path[5:]])
        _note(types, path, VECTOR)
    elif type(value) is list:
        for item in value:
            _walk(types, path, item, vectors)
    elif type(value) is dict:
        _note(types, path, OBJECT)
        for key, item in value.items():
            if not key:
                raise FrameError(f"meta field under '{path}' has an empty name")
            _walk(types, f"{path}.{key}", item, vectors)
    else:
        raise FrameError(f"{path}: unsupported value {value!r}")


def meta_types(meta: Mapping[str, Any] | None, vectors: Mapping[str, Any]) -> dict[str, str]:
    """The types of a frame's meta by key path (``{"meta.city": "string", ...}``); a frame that
    uses one key with two types, or a vector field with other dimensions, raises FrameError."""
    types: dict[str, str] = {}
    for key, value in (meta or {}).items():
        _walk(types, f"meta.{key}", value, vectors)
    return types


def schema_conflict(types: Mapping[str, str], known: Mapping[str, str]) -> str | None:
    """The error of a frame whose meta types differ from the dataset's schema, else None."""
    for path, kind in types.items():
        if path in known and known[path] != kind:
            return f"meta field '{path}' has conflicting types: {known[path]} (dataset schema) and {kind}"
    return None


# --- checking a frame ----------------------------------------------------------------------

# Checks are written for speed (a call brings up to 10,000 frames): exact type tests (JSON
# gives exact types; ``type(v) is int`` also refuses booleans) and error text built only on error.
_NUMBERS = frozenset({int, float})
_STRINGS = frozenset({str})
_INTEGERS = frozenset({int})


def _number(value: Any) -> bool:
    return type(value) in _NUMBERS


def _numbers(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) <= _NUMBERS


def _strings(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) <= _STRINGS


def _roi_mask(value: Any) -> bool:
    return (type(value) is dict and type(value.get("id")) is str and type(value.get("value")) is list
            and set(map(type, value["value"])) <= _INTEGERS)


@dataclass(frozen=True)
class Spec:
    """The fields of an object of a frame: field -> its type (or a test), and the required ones."""

    kinds: dict[str, Any]
    required: tuple[str, ...] = ()


_MEDIA = Spec({"uri": str, "content_type": str, "width": int, "height": int, "timestamp": int}, ("uri",))
_MASK = Spec({**_MEDIA.kinds, "id": str}, ("id", "uri"))
_SOURCE = Spec({**_MASK.kinds, "meta": dict}, ("id", "uri"))
_ROI = Spec({"label": _strings, "id": str, "confidence": _number, "poly": _numbers, "sources": _strings,
             "mask": _roi_mask, "meta": dict})
_FRAME = Spec({"id": str, "meta": dict, "meta_blob": dict, "context_id": str, "timestamp": int, "blob": str,
               "augmentation": list})


def _fields(raw: Any, spec: Spec, what: str) -> dict[str, Any]:
    """The fields of ``spec`` that ``raw`` has, checked (others dropped: nested lists are
    checked by the caller); ``what``: where the object is in the frame (``sources[0].``)."""
    if type(raw) is not dict:
        raise FrameError(f"{what.rstrip('.') or 'a frame'}: expected an object")
    kinds, out = spec.kinds, {}
    for key, value in raw.items():
        kind = kinds.get(key)
        if kind is None or value is None:
            continue
        if not (type(value) is kind if type(kind) is type else kind(value)):
            raise FrameError(f"{what}{key}: invalid value {value!r}")
        out[key] = value
    for key in spec.required:
        if key not in out:
            raise FrameError(f"{what}{key}: missing")
    return out


def _items(raw: dict[str, Any], key: str, what: str) -> list[Any] | None:
    value = raw.get(key)
    if value is not None and type(value) is not list:
        raise FrameError(f"{what}{key}: expected a list")
    return value


def _source(raw: Any, n: int) -> dict[str, Any]:
    what = f"sources[{n}]."
    out = _fields(raw, _SOURCE, what)
    out.setdefault("timestamp", 0)
    if raw.get("preview") is not None:
        out["preview"] = _fields(raw["preview"], _MEDIA, f"{what}preview.")
    masks = _items(raw, "masks", what)
    if masks is not None:
        out["masks"] = [_fields(mask, _MASK, f"{what}masks[{i}].") for i, mask in enumerate(masks)]
    return out


def _roi(raw: Any, n: int) -> dict[str, Any]:
    out = _fields(raw, _ROI, f"rois[{n}].")
    # The SDK's frame-class ROI (``add_annotation(frame_class=...)`` without labels) has no
    # ``label``: taken as no labels rather than refusing the frame.
    out.setdefault("label", [])
    if "poly" in out:
        out["area"] = polygon_area(out["poly"])
    return out


def polygon_area(poly: list[float]) -> int:
    """The area of a polygon ``x0, y0, ..., xn, yn`` (shoelace; 0 for fewer than 3 points)."""
    xs, ys = poly[0:len(poly) - len(poly) % 2:2], poly[1::2]
    if len(xs) < 3:
        return 0
    twice = sum(map(mul, xs, ys[1:] + ys[:1])) - sum(map(mul, xs[1:] + xs[:1], ys))
    return int(round(abs(twice) / 2))


def check_frame(raw: Any, *, needs_id: bool = False, needs_sources: bool = True) -> dict[str, Any]:
    """A frame of a save/update call, checked and normalised (ClearML's ``datasets.frame``:
    ``sources`` with ``id`` and ``uri`` each, ROIs with string labels, ``meta`` and
    ``meta_blob`` objects...). Unknown top-level fields are dropped. Raises FrameError."""
    out = _fields(raw, _FRAME, "")
    if needs_id and "id" not in out:
        raise FrameError("id: every frame to update needs its id")
    if "id" not in out:
        out["id"] = uuid.uuid4().hex
    sources = _items(raw, "sources", "")
    if sources is None and needs_sources:
        raise FrameError("sources: missing")
    if sources is not None:
        out["sources"] = [_source(source, n) for n, source in enumerate(sources)]
    rois = _items(raw, "rois", "")
    if rois is not None:
        out["rois"] = [_roi(roi, n) for n, roi in enumerate(rois)]
    return out


# --- the stored document -------------------------------------------------------------------

def label_counts(rois: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Label -> number of ROIs that carry it (a label twice on one ROI counts once)."""
    counts: dict[str, int] = {}
    for roi in rois:
        for label in dict.fromkeys(roi.get("label") or []):
            counts[label] = counts.get(label, 0) + 1
    return counts


def stored_document(frame: Mapping[str, Any], *, dataset: str, version: str, now: int,
                    previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The document of ``frame`` written by ``version`` (README, "The frame document").
    ``previous``: the frame as the version saw it before (its own or an ancestor's document):
    its ``saved``/``saved_in_version`` are kept. ``context_id`` defaults to the first source's
    uri, ``timestamp`` to the first source's timestamp."""
    sources = frame.get("sources") or []
    rois = frame.get("rois") or []
    first = sources[0] if sources else {}
    counts = label_counts(rois)
    doc = dict(frame)
    doc.update({
        "dataset": dataset, "version": version, "hidden_in": [],
        "context_id": frame.get("context_id") or first.get("uri") or "",
        "timestamp": frame["timestamp"] if frame.get("timestamp") is not None else first.get("timestamp", 0),
        "sources": sources, "rois": rois, "labels": list(counts), "label_counts": counts,
        "saved": (previous or {}).get("saved", now),
        "saved_in_version": (previous or {}).get("saved_in_version", version),
        "updated": now, "updated_in_version": version,
    })
    return doc


def statistics(counts: Mapping[str, Any]) -> dict[str, Any]:
    """ClearML's version ``stats`` (``datasets.statistics``) from the store's counts ``{"total",
    "annotated", "labels": {label: ROIs}, "content_types": {type: frames}}``."""
    total, annotated = counts.get("total", 0), counts.get("annotated", 0)
    return {"frames": [{"name": "total", "count": total}, {"name": "annotated", "count": annotated},
                       {"name": "unannotated", "count": total - annotated}],
            "labels": _stat_counts(counts.get("labels") or {}),
            "content_types": _stat_counts(counts.get("content_types") or {})}


def _stat_counts(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    return [{"name": name, "count": count} for name, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


# Fields of the stored document a client never sees (README: internal to Cairn's queries).
INTERNAL = frozenset({"hidden_in", "labels", "label_counts", "version", "_id", "_score", "_sort",
                      "_seq_no", "_primary_term"})


def clearml_frame(doc: Mapping[str, Any], version: str | None = None,
                  projection: Iterable[str] | None = None) -> dict[str, Any]:
    """ClearML's frame of a stored document: ``dataset: {id, version}`` (the version it is read
    in; by default the one that wrote it) and no internal field. ``projection``: dot paths to
    keep (``["id", "sources.uri"]``); the id is always kept."""
    frame = {key: value for key, value in doc.items() if key not in INTERNAL}
    frame["dataset"] = {"id": doc.get("dataset"), "version": version or doc.get("version")}
    if projection:
        frame = project(frame, ["id", *projection])
    return frame


def project(value: Any, paths: Iterable[str]) -> Any:
    """``value`` reduced to the dot ``paths`` (lists keep the projected fields of each item)."""
    tree: dict[str, Any] = {}
    for path in paths:
        parts = [part for part in path.split(".") if part]
        node = tree
        for part in parts[:-1]:
            if node.get(part) is True:
                break
            node = node.setdefault(part, {})
        else:
            if parts:
                node[parts[-1]] = True
    return _apply(value, tree)


def _apply(value: Any, tree: Any) -> Any:
    if tree is True:
        return value
    if isinstance(value, list):
        return [_apply(item, tree) for item in value]
    if not isinstance(value, Mapping):
        return value
    return {key: _apply(value[key], sub) for key, sub in tree.items() if key in value}


def values_at(value: Any, path: str) -> list[Any]:
    """The values at a dot path (through lists: ``sources.uri`` of every source)."""
    found = [value]
    for part in (p for p in path.split(".") if p):
        found = [item.get(part) for item in _flat(found) if isinstance(item, Mapping)]
    return [item for item in _flat(found) if item is not None]


def _flat(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        out.extend(value if isinstance(value, list) else [value])
    return out
