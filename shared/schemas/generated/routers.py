"""ClearML service ``routers``: 0 seed definitions, 9 endpoints, 26 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/routers.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import UnregisterResponse  # noqa: F401


class AddOrUpdateRouteRequestLoadBalancer(GeneratedModel):
    enabled: bool | None = True


class AddOrUpdateRouteRequest(GeneratedRequest):
    """``routers.add_or_update_route``."""

    auth_enabled: bool | None = True
    enabled: bool | None = True
    id: str | None = None
    load_balancer: AddOrUpdateRouteRequestLoadBalancer | None = None
    name: str
    path: str | None = None
    subdomain: str | None = None
    type: Literal['path', 'subdomain']
    user_groups: list[str] | None = None


class AddOrUpdateRouteResponse(GeneratedModel):
    """``routers.add_or_update_route``."""

    id: str | None = None


class CheckRouteNameRequest(GeneratedRequest):
    """``routers.check_route_name``."""

    field: Literal['name', 'path', 'subdomain']
    value: str


class CheckRouteNameResponse(GeneratedModel):
    """``routers.check_route_name``."""


class CheckTaskRouteAccessRequest(GeneratedRequest):
    """``routers.check_task_route_access``."""

    access: Literal['read', 'read_write'] | None = 'read_write'
    route: str | None = None
    tasks: list[str] | None = None
    token: str


class CheckTaskRouteAccessResponse(GeneratedModel):
    """``routers.check_task_route_access``."""


class DeleteRoutesRequest(GeneratedRequest):
    """``routers.delete_routes``."""

    force: bool | None = False
    ids: list[str] | None = None


class DeleteRoutesResponse(GeneratedModel):
    """``routers.delete_routes``."""

    deleted: int | None = None


class GetRoutesRequest(GeneratedRequest):
    """``routers.get_routes``."""

    auth_enabled: bool | None = None
    enabled: bool | None = None
    id: list[str] | None = None
    last_update: list[str] | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    path: str | None = None
    search_text: str | None = None
    subdomain: str | None = None
    type: list[str] | None = None
    user: list[str] | None = None


class GetRoutesResponseRoutesItemLoadBalancer(AddOrUpdateRouteRequestLoadBalancer):
    pass


class GetRoutesResponseRoutesItemTasksItem(GeneratedModel):
    app_id: str | None = None
    id: str | None = None
    name: str | None = None
    project: str | None = None
    target: str | None = None


class GetRoutesResponseRoutesItem(GeneratedModel):
    auth_enabled: bool | None = True
    created: datetime | None = None
    enabled: bool | None = True
    id: str | None = None
    last_update: datetime | None = None
    load_balancer: GetRoutesResponseRoutesItemLoadBalancer | None = None
    name: str
    path: str | None = None
    status: Literal['available', 'active'] | None = None
    subdomain: str | None = None
    tasks: list[GetRoutesResponseRoutesItemTasksItem] | None = None
    type: Literal['path', 'subdomain']
    updated_by: str | None = None
    urls: list[str] | None = None
    user_groups: list[str] | None = None


class GetRoutesResponse(GeneratedModel):
    """``routers.get_routes``."""

    routes: list[GetRoutesResponseRoutesItem] | None = None


class GetTaskRoutersRequest(GeneratedRequest):
    """``routers.get_task_routers``."""

    task_only_fields: list[str] | None = None
    task_order_by: list[str] | None = None


class GetTaskRoutersResponseRoutersItemRoutesItem(GeneratedModel):
    name: str | None = None
    tasks: list[str] | None = None


class GetTaskRoutersResponseRoutersItem(GeneratedModel):
    last_update_timestamp: int | None = None
    router: str
    routes: list[GetTaskRoutersResponseRoutersItemRoutesItem] | None = None
    tasks: list[dict[str, Any]] | None = None
    uptime: int | None = None
    url: str
    version: str | None = None


class GetTaskRoutersResponse(GeneratedModel):
    """``routers.get_task_routers``."""

    routers: list[GetTaskRoutersResponseRoutersItem] | None = None


class SetRouteEnabledRequest(GeneratedRequest):
    """``routers.set_route_enabled``."""

    enabled: bool
    force: bool | None = False
    id: str


class SetRouteEnabledResponse(GeneratedModel):
    """``routers.set_route_enabled``."""


class TaskRouterReportRequestStatusRoutesItemTasksItem(GeneratedModel):
    id: str | None = None
    upstream_server: str | None = None


class TaskRouterReportRequestStatusRoutesItem(GeneratedModel):
    name: str | None = None
    tasks: list[TaskRouterReportRequestStatusRoutesItemTasksItem] | None = None
    url: str | None = None


class TaskRouterReportRequestStatus(GeneratedModel):
    last_update_timestamp: int | None = None
    routes: list[TaskRouterReportRequestStatusRoutesItem] | None = None
    tasks: list[str] | None = None
    uptime: int | None = None


class TaskRouterReportRequest(GeneratedRequest):
    """``routers.task_router_report``."""

    router: str
    status: TaskRouterReportRequestStatus | None = None
    timeout: int | None = None
    url: str
    version: str | None = None


class TaskRouterReportResponse(GeneratedModel):
    """``routers.task_router_report``."""


class UnregisterRequest(GeneratedRequest):
    """``routers.unregister``."""

    router: str


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
}

REQUESTS: dict[str, Any] = {
    'routers.add_or_update_route': AddOrUpdateRouteRequest,
    'routers.check_route_name': CheckRouteNameRequest,
    'routers.check_task_route_access': CheckTaskRouteAccessRequest,
    'routers.delete_routes': DeleteRoutesRequest,
    'routers.get_routes': GetRoutesRequest,
    'routers.get_task_routers': GetTaskRoutersRequest,
    'routers.set_route_enabled': SetRouteEnabledRequest,
    'routers.task_router_report': TaskRouterReportRequest,
    'routers.unregister': UnregisterRequest,
}

RESPONSES: dict[str, Any] = {
    'routers.add_or_update_route': AddOrUpdateRouteResponse,
    'routers.check_route_name': CheckRouteNameResponse,
    'routers.check_task_route_access': CheckTaskRouteAccessResponse,
    'routers.delete_routes': DeleteRoutesResponse,
    'routers.get_routes': GetRoutesResponse,
    'routers.get_task_routers': GetTaskRoutersResponse,
    'routers.set_route_enabled': SetRouteEnabledResponse,
    'routers.task_router_report': TaskRouterReportResponse,
    'routers.unregister': UnregisterResponse,
}
