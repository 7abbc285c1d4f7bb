"""ClearML service ``permissions``: 3 seed definitions, 11 endpoints, 31 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/permissions.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class AccessPermissionEnum(str, Enum):
    """From the seed ``permissions.access_permission_enum``."""

    read = 'read'
    read_write = 'read_write'


class EntityTypeEnum(str, Enum):
    """From the seed ``permissions.entity_type_enum``."""

    task = 'task'
    model = 'model'
    project = 'project'
    queue = 'queue'
    dataset = 'dataset'
    dataview = 'dataview'
    route = 'route'


class User(GeneratedModel):
    """From the seed ``permissions.user``."""

    email: str | None = Field(None, description='User email')
    id: str | None = Field(None, description='User ID')
    name: str | None = Field(None, description='User name')
    role: str | None = Field(None, description='User role')


class AddOrUpdateAccessRuleRequest(GeneratedRequest):
    """``permissions.add_or_update_access_rule``."""

    access_permission: AccessPermissionEnum
    description: str
    entity_id: str | None = None
    entity_type: EntityTypeEnum
    groups: list[str]
    id: str | None = None
    name: str
    users: list[str]


class AddOrUpdateAccessRuleResponse(GeneratedModel):
    """``permissions.add_or_update_access_rule``."""

    id: str | None = None
    name: str | None = None


class AddOrUpdateUserGroupRequest(GeneratedRequest):
    """``permissions.add_or_update_user_group``."""

    description: str | None = None
    id: str | None = None
    name: str | None = None
    users: list[str] | None = None


class AddOrUpdateUserGroupResponse(GeneratedModel):
    """``permissions.add_or_update_user_group``."""

    assignable: bool | None = None
    id: str | None = None
    name: str | None = None
    system: bool | None = None


class CheckEntityAccessRequest(GeneratedRequest):
    """``permissions.check_entity_access``."""

    access_permission: AccessPermissionEnum | None = None
    entity_id: str | None = None
    entity_type: EntityTypeEnum | None = None
    token: str | None = None


class CheckEntityAccessResponse(GeneratedModel):
    """``permissions.check_entity_access``."""


class DeleteAccessRulesRequest(GeneratedRequest):
    """``permissions.delete_access_rules``."""

    rules: list[str]


class DeleteAccessRulesResponse(GeneratedModel):
    """``permissions.delete_access_rules``."""

    deleted: int | None = None


class DeleteUserGroupsRequest(GeneratedRequest):
    """``permissions.delete_user_groups``."""

    groups: list[str]


class DeleteUserGroupsResponse(DeleteAccessRulesResponse):
    """``permissions.delete_user_groups``."""


class EnsureDefaultAccessRulesRequest(GeneratedRequest):
    """``permissions.ensure_default_access_rules``."""

    groups: list[Literal['admins', 'users']] | None = None


class EnsureDefaultAccessRulesResponse(GeneratedModel):
    """``permissions.ensure_default_access_rules``."""

    restored: int | None = None


class GetAccessRulesRequest(GeneratedRequest):
    """``permissions.get_access_rules``."""

    rules: list[str] | None = None


class GetAccessRulesResponseRulesItemGroupsItem(AddOrUpdateAccessRuleResponse):
    pass


class GetAccessRulesResponseRulesItemUsersItem(GeneratedModel):
    email: str | None = None
    id: str | None = None
    name: str | None = None


class GetAccessRulesResponseRulesItem(GeneratedModel):
    access_permission: AccessPermissionEnum | None = None
    autocreated: bool | None = None
    description: str | None = None
    entity_display_name: str | None = None
    entity_id: str | None = None
    entity_name: str | None = None
    entity_type: EntityTypeEnum | None = None
    groups: list[GetAccessRulesResponseRulesItemGroupsItem] | None = None
    id: str | None = None
    metadata: dict[str, Any] | None = None
    name: str | None = None
    users: list[GetAccessRulesResponseRulesItemUsersItem] | None = None


class GetAccessRulesResponse(GeneratedModel):
    """``permissions.get_access_rules``."""

    rules: list[GetAccessRulesResponseRulesItem] | None = None


class GetCompanyUsersRequest(GeneratedRequest):
    """``permissions.get_company_users``."""


class GetCompanyUsersResponse(GeneratedModel):
    """``permissions.get_company_users``."""

    users: list[User] | None = None


class GetEntityAccessCategoriesRequest(GeneratedRequest):
    """``permissions.get_entity_access_categories``."""


class GetEntityAccessCategoriesResponseEntityTypesItem(GeneratedModel):
    categories: list[str] | None = None
    type: str | None = None


class GetEntityAccessCategoriesResponse(GeneratedModel):
    """``permissions.get_entity_access_categories``."""

    entity_types: list[GetEntityAccessCategoriesResponseEntityTypesItem] | None = None


class GetUserGroupsRequest(GeneratedRequest):
    """``permissions.get_user_groups``."""

    groups: list[str] | None = None
    include_permissions: bool | None = False


class GetUserGroupsResponseGroupsItemUsersItem(GetAccessRulesResponseRulesItemUsersItem):
    pass


class GetUserGroupsResponseGroupsItem(GeneratedModel):
    assignable: bool | None = None
    description: str | None = None
    id: str | None = None
    name: str | None = None
    permissions: list[dict[str, Any]] | None = None
    system: bool | None = None
    users: list[GetUserGroupsResponseGroupsItemUsersItem] | None = None


class GetUserGroupsResponse(GeneratedModel):
    """``permissions.get_user_groups``."""

    groups: list[GetUserGroupsResponseGroupsItem] | None = None


class RestoreDefaultAccessRulesRequest(GeneratedRequest):
    """``permissions.restore_default_access_rules``."""


class RestoreDefaultAccessRulesResponse(EnsureDefaultAccessRulesResponse):
    """``permissions.restore_default_access_rules``."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'permissions.access_permission_enum': AccessPermissionEnum,
    'permissions.entity_type_enum': EntityTypeEnum,
    'permissions.user': User,
}

REQUESTS: dict[str, Any] = {
    'permissions.add_or_update_access_rule': AddOrUpdateAccessRuleRequest,
    'permissions.add_or_update_user_group': AddOrUpdateUserGroupRequest,
    'permissions.check_entity_access': CheckEntityAccessRequest,
    'permissions.delete_access_rules': DeleteAccessRulesRequest,
    'permissions.delete_user_groups': DeleteUserGroupsRequest,
    'permissions.ensure_default_access_rules': EnsureDefaultAccessRulesRequest,
    'permissions.get_access_rules': GetAccessRulesRequest,
    'permissions.get_company_users': GetCompanyUsersRequest,
    'permissions.get_entity_access_categories': GetEntityAccessCategoriesRequest,
    'permissions.get_user_groups': GetUserGroupsRequest,
    'permissions.restore_default_access_rules': RestoreDefaultAccessRulesRequest,
}

RESPONSES: dict[str, Any] = {
    'permissions.add_or_update_access_rule': AddOrUpdateAccessRuleResponse,
    'permissions.add_or_update_user_group': AddOrUpdateUserGroupResponse,
    'permissions.check_entity_access': CheckEntityAccessResponse,
    'permissions.delete_access_rules': DeleteAccessRulesResponse,
    'permissions.delete_user_groups': DeleteUserGroupsResponse,
    'permissions.ensure_default_access_rules': EnsureDefaultAccessRulesResponse,
    'permissions.get_access_rules': GetAccessRulesResponse,
    'permissions.get_company_users': GetCompanyUsersResponse,
    'permissions.get_entity_access_categories': GetEntityAccessCategoriesResponse,
    'permissions.get_user_groups': GetUserGroupsResponse,
    'permissions.restore_default_access_rules': RestoreDefaultAccessRulesResponse,
}
