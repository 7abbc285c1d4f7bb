"""ClearML service ``server``: 0 seed definitions, 8 endpoints, 16 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/server.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class ConfigRequest(GeneratedRequest):
    """``server.config`` (API 2.1)."""

    path: str | None = None


class ConfigResponse(GeneratedModel):
    """``server.config`` (API 2.1)."""


class EndpointsRequest(GeneratedRequest):
    """``server.endpoints`` (API 2.1)."""


class EndpointsResponse(GeneratedModel):
    """``server.endpoints`` (API 2.1)."""


class GetStatsRequest(GeneratedRequest):
    """``server.get_stats`` (API 2.1)."""

    interval: int | None = None


class GetStatsResponse(GeneratedModel):
    """``server.get_stats`` (API 2.1)."""


class InfoRequest(GeneratedRequest):
    """``server.info`` (API 2.1 to 2.12)."""


class InfoResponse(GeneratedModel):
    """``server.info`` (API 2.1 to 2.12)."""

    api_version: str | None = None
    build: str | None = None
    commit: str | None = None
    uid: str | None = None
    version: str | None = None


class ReportStatsOptionRequest(GeneratedRequest):
    """``server.report_stats_option`` (API 2.4)."""

    enabled: bool | None = None


class ReportStatsOptionResponse(GeneratedModel):
    """``server.report_stats_option`` (API 2.4)."""

    current_version: str | None = None
    enabled: bool | None = None
    enabled_time: datetime | None = None
    enabled_user: str | None = None
    enabled_version: str | None = None
    supported: bool | None = None


class DbVersionRequest(GeneratedRequest):
    """``server.db_version``."""

    history: bool | None = None


class DbVersionResponse(GeneratedModel):
    """``server.db_version``."""


class HealthCheckRequest(GeneratedRequest):
    """``server.health_check``."""


class HealthCheckResponse(GeneratedModel):
    """``server.health_check``."""

    errors: dict[str, Any] | None = None


class HealthStatusRequest(GeneratedRequest):
    """``server.health_status``."""


class HealthStatusResponse(GeneratedModel):
    """``server.health_status``."""

    dbs: dict[str, Any] | None = None
    failed: bool | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
}

REQUESTS: dict[str, Any] = {
    'server.config': ConfigRequest,
    'server.endpoints': EndpointsRequest,
    'server.get_stats': GetStatsRequest,
    'server.info': InfoRequest,
    'server.report_stats_option': ReportStatsOptionRequest,
    'server.db_version': DbVersionRequest,
    'server.health_check': HealthCheckRequest,
    'server.health_status': HealthStatusRequest,
}

RESPONSES: dict[str, Any] = {
    'server.config': ConfigResponse,
    'server.endpoints': EndpointsResponse,
    'server.get_stats': GetStatsResponse,
    'server.info': InfoResponse,
    'server.report_stats_option': ReportStatsOptionResponse,
    'server.db_version': DbVersionResponse,
    'server.health_check': HealthCheckResponse,
    'server.health_status': HealthStatusResponse,
}
