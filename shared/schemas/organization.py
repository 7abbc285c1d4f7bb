"""Requests of ClearML's ``organization`` service refined from the catalog.

``prepare_download_for_get_all``: the catalog types a value mapping's ``key`` and ``value``
as objects, but the web UI sends the plain values of a column (``{"key": "created", "value":
"Draft"}``) and clearml-server translates them as sent: any JSON value is accepted.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared.schemas.generated import organization as generated


class ValueMapping(generated.ValueMapping):
    key: Any
    value: Any


class FieldMapping(generated.FieldMapping):
    values: list[ValueMapping] | None = None


class PrepareDownloadForGetAllRequest(generated.PrepareDownloadForGetAllRequest):
    field_mappings: list[FieldMapping]


REQUESTS: dict[str, type[BaseModel]] = {
    "organization.prepare_download_for_get_all": PrepareDownloadForGetAllRequest,
}
