"""Where frames live in Elasticsearch and how they are mapped (``services/datasets/README.md``,
"The frame document"): one index per dataset, ``<prefix>cairn-frames-<company>-<dataset>``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from shared.elastic import safe_company

FAMILY = "cairn-frames"


def dataset_index(prefix: str, company: str, dataset: str) -> str:
    return f"{prefix}{FAMILY}-{safe_company(company)}-{safe_company(dataset)}"


def company_pattern(prefix: str, company: str) -> str:
    return f"{prefix}{FAMILY}-{safe_company(company)}-*"


def indices(prefix: str, company: str, datasets: Iterable[str]) -> str:
    """The comma-separated indices of some datasets (all of the company's for ``*``)."""
    names = sorted({dataset_index(prefix, company, d) for d in datasets if d != "*"})
    if not names or "*" in datasets:
        return company_pattern(prefix, company)
    return ",".join(names)


def doc_id(version: str, frame: str) -> str:
    return f"{version}:{frame}"


def visible_in(lineage: Sequence[str]) -> dict[str, Any]:
    """The frames of the version whose lineage (itself first, then its ancestors) is given: a
    document written by a version of the lineage that no version of the lineage hid."""
    ids = list(lineage)
    return {"bool": {"filter": [{"terms": {"version": ids}}], "must_not": [{"terms": {"hidden_in": ids}}]}}


_STORED = {"type": "object", "enabled": False}

# Strings under meta are keywords (no analysis-common locally; exact and wildcard matching is
# what frame queries need); every number is a double (the meta schema has one "number" type:
# a key first seen as 3 and later as 0.5 must not be truncated by a ``long`` mapping, nor a
# fraction rounded by Elasticsearch's default ``float``); booleans keep their inference.
_META_TEMPLATES = [
    {"meta_strings": {"path_match": "meta.*", "match_mapping_type": "string", "mapping": {"type": "keyword"}}},
    {"meta_integers": {"path_match": "meta.*", "match_mapping_type": "long", "mapping": {"type": "double"}}},
    {"meta_fractions": {"path_match": "meta.*", "match_mapping_type": "double", "mapping": {"type": "double"}}},
    {"label_counts": {"path_match": "label_counts.*", "mapping": {"type": "long"}}},
    # A source's meta is searchable too: the SDK finds already uploaded files by
    # ``sources.meta.hash.source:"<sha256>"`` (HyperDataset._set_already_uploaded_files).
    {"source_meta_strings": {"path_match": "sources.meta.*", "match_mapping_type": "string",
                             "mapping": {"type": "keyword"}}},
]


def mapping(vector_fields: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The mapping of a dataset's index; ``vector_fields``: meta path (without ``meta.``) ->
    ``{"dims": n, "similarity": "cosine" | "l2_norm" | "dot_product"}``."""
    meta: dict[str, Any] = {}
    for path, spec in (vector_fields or {}).items():
        meta[path] = {"type": "dense_vector", "dims": int(spec["dims"]), "index": True,
                      "similarity": spec.get("similarity") or "cosine"}
    return {
        "dynamic": False,
        "dynamic_templates": _META_TEMPLATES,
        "properties": {
            "id": {"type": "keyword"},
            "dataset": {"type": "keyword"},
            "version": {"type": "keyword"},
            "hidden_in": {"type": "keyword"},
            "context_id": {"type": "keyword"},
            "timestamp": {"type": "long"},
            "saved": {"type": "long"},
            "updated": {"type": "long"},
            "saved_in_version": {"type": "keyword"},
            "updated_in_version": {"type": "keyword"},
            "labels": {"type": "keyword"},
            "label_counts": {"type": "object", "dynamic": True},
            "sources": {"type": "object", "properties": {
                "id": {"type": "keyword"}, "uri": {"type": "keyword"}, "content_type": {"type": "keyword"},
                "width": {"type": "long"}, "height": {"type": "long"}, "timestamp": {"type": "long"},
                "masks": _STORED, "preview": _STORED, "meta": {"type": "object", "dynamic": True},
            }},
            "rois": {"type": "nested", "properties": {
                "id": {"type": "keyword"}, "label": {"type": "keyword"}, "confidence": {"type": "float"},
                "sources": {"type": "keyword"}, "area": {"type": "long"},
                "poly": _STORED, "mask": _STORED, "meta": _STORED,
            }},
            "meta": {"type": "object", "dynamic": True, "properties": meta},
            "meta_blob": _STORED,
            "augmentation": _STORED,
        },
    }


# Elasticsearch 9 leaves dense vectors out of the _source it answers unless the index keeps
# them: frames come back whole (the SDK reads its vectors back). Older versions do not know the
# setting (the frame store creates the index without it then, and they answer vectors anyway).
KEEP_SOURCE_VECTORS = {"index.mapping.exclude_source_vectors": False}


def index_body(vector_fields: dict[str, dict[str, Any]] | None = None, keep_vectors: bool = True) -> dict[str, Any]:
    settings: dict[str, Any] = {"number_of_shards": 1, "number_of_replicas": 0}
    if keep_vectors:
        settings.update(KEEP_SOURCE_VECTORS)
    return {"settings": settings, "mappings": mapping(vector_fields)}
