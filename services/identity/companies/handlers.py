"""The endpoint table of the companies room: each ClearML endpoint it answers, next to the
function that answers it. A handler validates the payload with the gateway's model
(``shared.schemas.generated``), calls one use case of the room and replies with the data.
Merged into identity's table in ``services/identity/handlers.py``; bound in ``main.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from services.identity.companies import CompaniesRoom, profile, server
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import Handler
from shared.schemas import organization as organization_refined
from shared.schemas.generated import organization as organization_api
from shared.schemas.generated import server as server_api
from shared.schemas.generated import storage as storage_api
from shared.schemas.generated import system as system_api


def _payload(request: RequestEnvelope) -> dict[str, Any]:
    return request.payload if isinstance(request.payload, dict) else {}


def _caller(request: RequestEnvelope) -> Identity:
    if request.identity is None:
        raise ApiError(401, 20, "the endpoint needs an authenticated caller")
    return request.identity


def _sent(model, request: RequestEnvelope) -> dict[str, Any]:
    """The fields the caller sent, validated by ``model`` (by their ClearML names)."""
    return model.model_validate(_payload(request)).model_dump(mode="json", by_alias=True, exclude_unset=True)


# --- server ------------------------------------------------------------------------------

async def report_stats_option(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return server.report_stats_option()


async def server_config(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = server_api.ConfigRequest.model_validate(_payload(request))
    return room.server.config(body.path)


async def server_endpoints(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return server.server_endpoints()


async def get_stats(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.server.get_stats(_caller(request))


async def health_check(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.server.health_check()


async def health_status(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.server.health_status()


# --- organization ------------------------------------------------------------------------

async def get_tags(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(organization_api.GetTagsRequest, request)
    return await room.organization.get_tags(_caller(request), body)


async def get_user_companies(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.organization.get_user_companies(_caller(request))


async def get_entities_count(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(organization_api.GetEntitiesCountRequest, request)
    return await room.counts.get_entities_count(_caller(request), body)


async def prepare_download_for_get_all(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    organization_refined.PrepareDownloadForGetAllRequest.model_validate(_payload(request))
    # The listing's own filters travel as sent: the tasks process validates them.
    return await room.downloads.prepare(_caller(request), _payload(request))


async def download_for_get_all(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.DownloadForGetAllRequest.model_validate(_payload(request))
    return await room.downloads.download(_caller(request), body.prepare_id)


async def get_project_usages(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.GetProjectUsagesRequest.model_validate(_payload(request))
    return await room.usages.get_project_usages(_caller(request), body)


async def get_project_workloads(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.GetProjectWorkloadsRequest.model_validate(_payload(request))
    return await room.usages.get_project_usages(_caller(request), body)


async def get_tenant_usages(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.GetTenantUsagesRequest.model_validate(_payload(request))
    return await room.tenant.get_tenant_usages(_caller(request), body)


async def allow_project_workloads(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.AllowProjectWorkloadsRequest.model_validate(_payload(request))
    return await room.usages.allow_project_workloads(_caller(request), body.project)


async def update_company_name(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.UpdateCompanyNameRequest.model_validate(_payload(request))
    return await room.profile.update_name(_caller(request), body.company, body.new_name)


async def update_company_logo(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.UpdateCompanyLogoRequest.model_validate(_payload(request))
    return await room.profile.update_logo(_caller(request), body.company, body.data, body.format)


async def get_usage_configuration(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.profile.get_usage_configuration(_caller(request))


async def edit_usage_configuration(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(organization_api.EditUsageConfigurationRequest, request)
    return await room.profile.edit_usage_configuration(_caller(request), body)


async def delete_usage_configuration(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return await room.profile.delete_usage_configuration(_caller(request))


async def get_project_company(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = organization_api.GetProjectCompanyRequest.model_validate(_payload(request))
    return await room.profile.get_project_company(_caller(request), body.project)


async def get_ui_actions(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return profile.get_ui_actions()


async def get_services(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    return profile.get_services()


# --- storage -----------------------------------------------------------------------------

async def get_settings(room: CompaniesRoom, request: RequestEnvelope, user: bool = False) -> dict:
    return await room.storage.get_settings(_caller(request), user)


async def set_settings(room: CompaniesRoom, request: RequestEnvelope, user: bool = False) -> dict:
    body = _sent(storage_api.SetSettingsRequest, request)
    return await room.storage.set_settings(_caller(request), body, user)


async def reset_settings(room: CompaniesRoom, request: RequestEnvelope, user: bool = False) -> dict:
    body = storage_api.ResetSettingsRequest.model_validate(_payload(request))
    return await room.storage.reset_settings(_caller(request), body.keys, user)


# --- system (companies) ------------------------------------------------------------------

async def create_company(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(system_api.CreateCompanyRequest, request)
    return await room.companies.create_company(body["name"], body.get("defaults"))


async def get_companies(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = system_api.GetCompaniesRequest.model_validate(_payload(request))
    return await room.companies.get_companies(body.name, body.name_pattern)


async def company_info(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = system_api.CompanyInfoRequest.model_validate(_payload(request))
    return await room.companies.company_info(_caller(request), body.company)


async def update_company_settings(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(system_api.UpdateCompanySettingsRequest, request)
    return await room.companies.update_settings(body.pop("company"), body)


async def get_datasets(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(system_api.GetDatasetsRequest, request)
    return await room.datasets.get_datasets(_caller(request), body)


async def get_dataset_versions(room: CompaniesRoom, request: RequestEnvelope) -> dict:
    body = _sent(system_api.GetDatasetVersionsRequest, request)
    return await room.datasets.get_dataset_versions(_caller(request), body)


def _set_default(model, name: str, field: str):
    """A handler replacing the company's default ``name`` with the request's ``field``."""
    async def handle(room: CompaniesRoom, request: RequestEnvelope) -> dict:
        body = _sent(model, request)
        return await room.companies.set_default(body["company"], name, body[field])
    return handle


def _get_default(model, name: str, field: str, empty: Any):
    """A handler answering the company's default ``name`` as ``{field: ...}``."""
    async def handle(room: CompaniesRoom, request: RequestEnvelope) -> dict:
        body = _sent(model, request)
        value = await room.companies.get_default(body["company"], name)
        return {field: empty if value is None else value}
    return handle


ENDPOINTS: dict[str, Callable[[CompaniesRoom, RequestEnvelope], Awaitable[dict]]] = {
    "server.report_stats_option": report_stats_option,
    "server.config": server_config,
    "server.endpoints": server_endpoints,
    "server.get_stats": get_stats,
    "server.health_check": health_check,
    "server.health_status": health_status,
    "organization.get_tags": get_tags,
    "organization.get_user_companies": get_user_companies,
    "organization.get_entities_count": get_entities_count,
    "organization.prepare_download_for_get_all": prepare_download_for_get_all,
    "organization.download_for_get_all": download_for_get_all,
    "organization.get_project_usages": get_project_usages,
    "organization.get_project_workloads": get_project_workloads,
    "organization.get_tenant_usages": get_tenant_usages,
    "organization.allow_project_workloads": allow_project_workloads,
    "organization.update_company_name": update_company_name,
    "organization.update_company_logo": update_company_logo,
    "organization.get_usage_configuration": get_usage_configuration,
    "organization.edit_usage_configuration": edit_usage_configuration,
    "organization.delete_usage_configuration": delete_usage_configuration,
    "organization.get_project_company": get_project_company,
    "organization.get_ui_actions": get_ui_actions,
    "organization.get_services": get_services,
    "storage.get_settings": get_settings,
    "storage.set_settings": set_settings,
    "storage.reset_settings": reset_settings,
    "storage.get_user_settings": partial(get_settings, user=True),
    "storage.set_user_settings": partial(set_settings, user=True),
    "storage.reset_user_settings": partial(reset_settings, user=True),
    "system.create_company": create_company,
    "system.get_companies": get_companies,
    "system.company_info": company_info,
    "system.update_company_settings": update_company_settings,
    "system.get_datasets": get_datasets,
    "system.get_dataset_versions": get_dataset_versions,
    "system.update_company_sso_config": _set_default(system_api.UpdateCompanySsoConfigRequest, "sso", "sso"),
    "system.get_company_custom_events_config": _get_default(
        system_api.GetCompanyCustomEventsConfigRequest, "custom_events", "fields", {}),
    "system.update_company_custom_events_config": _set_default(
        system_api.UpdateCompanyCustomEventsConfigRequest, "custom_events", "fields"),
    "system.get_company_app_instance_access": _get_default(
        system_api.GetCompanyAppInstanceAccessRequest, "app_instance_access", "app_instance_access", {}),
    "system.update_company_app_instance_access": _set_default(
        system_api.UpdateCompanyAppInstanceAccessRequest, "app_instance_access", "app_instance_access"),
}


def handler_table(room: CompaniesRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler, bound to the room."""
    return {name: partial(handle, room) for name, handle in ENDPOINTS.items()}
