"""Base classes for API models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Request(BaseModel):
    """A request body. Unknown fields are ignored, as the reference server does: ClearML
    clients send fields that a given schema version does not list."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Model(BaseModel):
    """A stored entity or nested object; unknown fields are kept (forward compatible)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# For a subclass of a generated ``GeneratedStrictRequest`` (the catalog says
# ``additionalProperties: false``) where Cairn ignores unknown fields as clearml-server does:
# its request classes are jsonmodels models, which drop fields they do not declare.
IGNORE_UNKNOWN_FIELDS = ConfigDict(extra="ignore")
