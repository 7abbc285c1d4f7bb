"""ClearML service ``billing``: 2 seed definitions, 0 endpoints, 2 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/billing.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel


class PaymentDetails(GeneratedModel):
    """The last payment details. From the seed ``billing.payment_details``."""

    amount: str | None = None
    currency: str | None = None
    next_retry_date: str | None = None
    status: Literal['failed', 'succeeded'] | None = None
    time: datetime | None = None


class ResourceUsage(GeneratedModel):
    """Resource usage. From the seed ``billing.resource_usage``."""

    base: float | None = Field(None, description='The free amount of the resource for the paid tier. Not relevant for the free tier')
    details: dict[str, Any] | None = Field(None, description='Resource usage per app')
    limit: float | None = Field(None, description='The limit for the resource usage')
    payment: float | None = Field(None, description='The payment for the resoure due to the current usage. Not relevant for the free tier')
    used: float | None = Field(None, description='The used amount of the resource')


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'billing.payment_details': PaymentDetails,
    'billing.resource_usage': ResourceUsage,
}

REQUESTS: dict[str, Any] = {
}

RESPONSES: dict[str, Any] = {
}
