"""Requests and responses of ClearML's ``users`` service (the part Cairn implements).

``users.get_current_user`` answers with the catalog's ``get_current_user_response_user_object``
(the user with its company as an object instead of an id).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from shared.schemas.base import IGNORE_UNKNOWN_FIELDS, Model
from shared.schemas.generated import users as generated
from shared.schemas.generated.users import GetVaultsRequest, GetVaultsResponse  # noqa: F401 - as generated
from shared.schemas.projects import ListFilter


class GetCurrentUserRequest(generated.GetCurrentUserRequest):
    """``users.get_current_user``: the caller's own user record. Unknown fields ignored (see
    ``IGNORE_UNKNOWN_FIELDS``); the catalog forbids them."""

    model_config = IGNORE_UNKNOWN_FIELDS


class CompanyRef(Model):
    id: str
    name: str = ""


class CurrentUser(Model):
    """``users.get_current_user_response_user_object``: the stored user with its company as an
    object and the caller's role.

    Refined from the catalog: no ``preferences`` or ``email`` (clearml-server leaves them out:
    preferences are read with ``users.get_preferences``); dumped without unset fields."""

    id: str
    name: str = ""
    given_name: str | None = None
    family_name: str | None = None
    avatar: str | None = None
    role: str = "user"
    company: CompanyRef
    created: datetime | None = None
    created_in_version: str | None = None


class CurrentUserSettings(BaseModel):
    """Refined from the catalog, which types ``max_download_items`` as a string:
    clearml-server answers a number."""

    max_download_items: int


class GetCurrentUserResponse(BaseModel):
    """``getting_started`` is clearml-server's configured getting-started info: ``null``
    unless configured, and Cairn configures none."""

    user: CurrentUser
    getting_started: dict[str, Any] | None = None
    settings: CurrentUserSettings


class GetAllRequest(generated.GetAllRequest):
    """``users.get_all``: the users of the caller's company. Refined from the catalog: ``id``
    takes one value as a one-item list (``ListFilter``), as clearml-server, which reads the
    call's raw data."""

    id: ListFilter = None


class GetAllExRequest(generated.GetAllExRequest):
    """``users.get_all_ex``: as ``users.get_all`` (the same refinement of ``id``)."""

    id: ListFilter = None
    active_in_projects: ListFilter = None


REQUESTS: dict[str, type[BaseModel]] = {
    "users.get_current_user": GetCurrentUserRequest,
    "users.get_vaults": GetVaultsRequest,
    # the users room (services/identity/users/): the catalog's models, but for get_all(_ex)
    "users.get_all": GetAllRequest,
    "users.get_all_ex": GetAllExRequest,
    "users.get_by_id": generated.GetByIdRequest,
    "users.create": generated.CreateRequest,
    "users.update": generated.UpdateRequest,
    "users.delete": generated.DeleteRequest,
    "users.get_preferences": generated.GetPreferencesRequest,
    "users.set_preferences": generated.SetPreferencesRequest,
    "users.set_role": generated.SetRoleRequest,
    "users.set_admin": generated.SetAdminRequest,
    "users.get_role_options": generated.GetRoleOptionsRequest,
    "users.get_terms_of_use": generated.GetTermsOfUseRequest,
    "users.accept_terms_of_use": generated.AcceptTermsOfUseRequest,
    "users.get_service_users": generated.GetServiceUsersRequest,
    "users.update_service_user": generated.UpdateServiceUserRequest,
    "users.add_or_update_vault": generated.AddOrUpdateVaultRequest,
    "users.delete_vaults": generated.DeleteVaultsRequest,
    "users.get_organization_vaults": generated.GetOrganizationVaultsRequest,
    "users.get_vault_operations_log": generated.GetVaultOperationsLogRequest,
    "users.get_vault_operations_log_filters": generated.GetVaultOperationsLogFiltersRequest,
}
