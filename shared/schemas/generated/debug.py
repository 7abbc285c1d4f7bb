"""ClearML service ``debug``: 0 seed definitions, 1 endpoints, 2 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/debug.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class PingRequest(GeneratedRequest):
    """``debug.ping`` (API 2.9)."""


class PingResponse(GeneratedModel):
    """``debug.ping`` (API 2.9)."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
}

REQUESTS: dict[str, Any] = {
    'debug.ping': PingRequest,
}

RESPONSES: dict[str, Any] = {
    'debug.ping': PingResponse,
}
