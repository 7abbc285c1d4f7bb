"""Base classes of the generated models (hand-written; the generator never writes this file).

- ``GeneratedModel``: an entity or nested object; unknown fields are kept (forward compatible,
  as ``shared.schemas.base.Model``).
- ``GeneratedRequest``: a request body; unknown fields are ignored, as the reference server
  does (ClearML clients send fields a given schema version does not list).
- ``GeneratedStrictRequest`` / ``GeneratedStrictModel``: the catalog says
  ``additionalProperties: false``; unknown fields are an error, except the ``method`` key the
  clearml SDK puts in every request body (its ``Request.method`` property is serialized by
  ``to_dict()``: ``{"label": "x", "method": "get"}``); real clients send it to strict endpoints.

Field names starting with ``model_`` are ClearML's (``model_desc``, ``model_event``), so
Pydantic's protected ``model_`` namespace is switched off.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

SDK_TRANSPORT_KEYS = frozenset({"method"})


class GeneratedModel(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())


class GeneratedStrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, protected_namespaces=())


class GeneratedRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, protected_namespaces=())


class GeneratedStrictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, protected_namespaces=())

    @model_validator(mode="before")
    @classmethod
    def _drop_sdk_transport_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and SDK_TRANSPORT_KEYS & data.keys():
            declared = {f.alias or n for n, f in cls.model_fields.items()}
            return {k: v for k, v in data.items() if k not in SDK_TRANSPORT_KEYS or k in declared}
        return data
