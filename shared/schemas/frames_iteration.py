"""Requests of ClearML's ``frames`` iteration endpoints (the datasets process's iteration room)
where a client sends more than the v2.23 catalog lists."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.schemas.generated import frames as generated
from shared.schemas.generated._base import GeneratedModel
from shared.schemas.generated._common import SimilarityFunction


class VectorSearch(GeneratedModel):
    """``vector_search`` of ``get_snippets_for_dataview2`` (API 2.34): the frames whose vector
    field is nearest to ``vector``; ``method`` ``exact`` (every filtered frame) or ``fast``
    (approximate kNN; the SDK allows it for cosine only)."""

    vector: list[float] = Field(min_length=1)
    field: str = Field(min_length=1)
    method: Literal["exact", "fast"] = "exact"
    similarity_func: SimilarityFunction = SimilarityFunction.cosine
    neighbors: int | None = Field(None, ge=1)


class GetSnippetsForDataview2Request(generated.GetSnippetsForDataview2Request):
    """``frames.get_snippets_for_dataview2``. Refines the catalog's (2.23) with what the SDK's
    ``HyperDataset.vector_search`` sends at API 2.34: ``vector_search`` and
    ``disable_aggregation`` (the generated request would drop them as unknown)."""

    vector_search: VectorSearch | None = None
    disable_aggregation: bool | None = None


REQUESTS = {"frames.get_snippets_for_dataview2": GetSnippetsForDataview2Request}
