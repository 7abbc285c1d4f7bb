"""ClearML service ``resources``: 2 seed definitions, 18 endpoints, 62 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/resources.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import TaskStatusEnum, TaskTypeEnum  # noqa: F401


class CheckEditConfigurationRequest(GeneratedRequest):
    """``resources.check_edit_configuration``."""


class CheckEditConfigurationResponse(GeneratedModel):
    """``resources.check_edit_configuration``."""

    exists: bool | None = None


class ConnectPolicyProfileRequest(GeneratedRequest):
    """``resources.connect_policy_profile``."""

    display_name: str | None = None
    policy: str | None = None
    profile: str | None = None
    queue_name: str | None = None


class ConnectPolicyProfileResponse(GeneratedModel):
    """``resources.connect_policy_profile``."""

    id: str | None = None


class CreatePolicyRequest(GeneratedRequest):
    """``resources.create_policy``."""

    description: str | None = None
    limit: float | None = None
    name: str
    reservation: float | None = None
    user_group: str


class CreatePolicyResponse(ConnectPolicyProfileResponse):
    """``resources.create_policy``."""


class DeletePolicyRequest(GeneratedRequest):
    """``resources.delete_policy``."""

    id: str


class DeletePolicyResponse(GeneratedModel):
    """``resources.delete_policy``."""

    deleted: int | None = None
    deleted_queues: int | None = None


class DisconnectPolicyProfileRequest(GeneratedRequest):
    """``resources.disconnect_policy_profile``."""

    queue: str | None = None


class DisconnectPolicyProfileResponse(GeneratedModel):
    """``resources.disconnect_policy_profile``."""

    deleted: int | None = None


class EnablePolicyManagerRequest(GeneratedRequest):
    """``resources.enable_policy_manager``."""

    enable: bool | None = True


class EnablePolicyManagerResponse(GeneratedModel):
    """``resources.enable_policy_manager``."""


class GetPoliciesRequest(GeneratedRequest):
    """``resources.get_policies``."""


class GetPoliciesResponsePoliciesItem(GeneratedModel):
    description: str | None = None
    id: str | None = None
    limit: float | None = None
    missing_profile_connections: bool | None = None
    name: str | None = None
    reservation: float | None = None
    usage: float | None = None
    user_group: str | None = None
    user_group_name: str | None = None


class GetPoliciesResponse(GeneratedModel):
    """``resources.get_policies``."""

    policies: list[GetPoliciesResponsePoliciesItem] | None = None


class GetPolicyDataRequest(GeneratedRequest):
    """``resources.get_policy_data``."""

    id: str | None = None


class GetPolicyDataResponseProfileLinksItemProfilePolicyConnectionsItem(GeneratedModel):
    display_name: str | None = None
    id: str
    name: str
    policy_name: str | None = None


class GetPolicyDataResponseProfileLinksItemProfilePoolLinksItem(GeneratedModel):
    id: str
    name: str
    pool: str
    queue_name: str | None = None


class GetPolicyDataResponseProfileLinksItemProfile(GeneratedModel):
    cost_field: str | None = None
    description: str | None = None
    id: str
    name: str
    policy_connections: list[GetPolicyDataResponseProfileLinksItemProfilePolicyConnectionsItem] | None = None
    pool_links: list[GetPolicyDataResponseProfileLinksItemProfilePoolLinksItem] | None = None
    profile_cost: float | None = None
    queued_jobs: int | None = None
    running_jobs: int | None = None


class GetPolicyDataResponseProfileLinksItemQueue(GeneratedModel):
    display_name: str | None = None
    id: str | None = None
    name: str | None = None


class GetPolicyDataResponseProfileLinksItem(GeneratedModel):
    profile: GetPolicyDataResponseProfileLinksItemProfile | None = None
    queue: GetPolicyDataResponseProfileLinksItemQueue | None = None


class GetPolicyDataResponseTasksItemProject(GeneratedModel):
    id: str | None = None
    name: str | None = None


class GetPolicyDataResponseTasksItemUser(GetPolicyDataResponseTasksItemProject):
    pass


class GetPolicyDataResponseTasksItem(GeneratedModel):
    cost: float | None = None
    id: str | None = None
    name: str | None = None
    project: GetPolicyDataResponseTasksItemProject | None = None
    started: datetime | None = None
    status: TaskStatusEnum | None = None
    type: TaskTypeEnum | None = None
    user: GetPolicyDataResponseTasksItemUser | None = None


class GetPolicyDataResponse(GeneratedModel):
    """``resources.get_policy_data``."""

    description: str | None = None
    id: str | None = None
    limit: float | None = None
    missing_profile_connections: bool | None = None
    name: str | None = None
    profile_links: list[GetPolicyDataResponseProfileLinksItem] | None = None
    reservation: float | None = None
    tasks: list[GetPolicyDataResponseTasksItem] | None = None
    usage: float | None = None
    user_group: str | None = None
    user_group_name: str | None = None


class GetResourceConfigurationRequest(GeneratedRequest):
    """``resources.get_resource_configuration``."""

    edit: bool | None = True


class GetResourceConfigurationResponseConfigurationPoolsItem(GeneratedModel):
    description: str | None = None
    id: str
    links: list[str] | None = None
    name: str
    resources: int | None = None
    usage: int | None = None


class GetResourceConfigurationResponseConfigurationProfilesItemPolicyConnectionsItem(GetPolicyDataResponseProfileLinksItemProfilePolicyConnectionsItem):
    pass


class GetResourceConfigurationResponseConfigurationProfilesItemPoolLinksItem(GetPolicyDataResponseProfileLinksItemProfilePoolLinksItem):
    pass


class GetResourceConfigurationResponseConfigurationProfilesItem(GeneratedModel):
    cost_field: str | None = None
    description: str | None = None
    id: str
    name: str
    policy_connections: list[GetResourceConfigurationResponseConfigurationProfilesItemPolicyConnectionsItem] | None = None
    pool_links: list[GetResourceConfigurationResponseConfigurationProfilesItemPoolLinksItem] | None = None
    profile_cost: float | None = None
    queued_jobs: int | None = None
    running_jobs: int | None = None


class GetResourceConfigurationResponseConfiguration(GeneratedModel):
    pools: list[GetResourceConfigurationResponseConfigurationPoolsItem] | None = None
    profiles: list[GetResourceConfigurationResponseConfigurationProfilesItem] | None = None


class GetResourceConfigurationResponsePolicyManager(GeneratedModel):
    enabled: bool | None = None


class GetResourceConfigurationResponse(GeneratedModel):
    """``resources.get_resource_configuration``."""

    configuration: GetResourceConfigurationResponseConfiguration | None = None
    policy_manager: GetResourceConfigurationResponsePolicyManager | None = None


class GetResourcePoolsRequest(GeneratedRequest):
    """``resources.get_resource_pools``."""


class GetResourcePoolsResponsePoolsItem(GeneratedModel):
    description: str | None = None
    id: str
    links: list[str] | None = None
    name: str
    resources: int | None = None
    updated: str | None = None
    updated_by: str | None = None
    usage: int | None = None


class GetResourcePoolsResponse(GeneratedModel):
    """``resources.get_resource_pools``."""

    pools: list[GetResourcePoolsResponsePoolsItem] | None = None


class GetResourceProfilesRequest(GeneratedRequest):
    """``resources.get_resource_profiles``."""


class GetResourceProfilesResponseProfilesItemPolicyConnectionsItem(GetPolicyDataResponseProfileLinksItemProfilePolicyConnectionsItem):
    pass


class GetResourceProfilesResponseProfilesItemPoolLinksItem(GetPolicyDataResponseProfileLinksItemProfilePoolLinksItem):
    pass


class GetResourceProfilesResponseProfilesItem(GeneratedModel):
    cost_field: str | None = None
    description: str | None = None
    id: str
    name: str
    policy_connections: list[GetResourceProfilesResponseProfilesItemPolicyConnectionsItem] | None = None
    pool_links: list[GetResourceProfilesResponseProfilesItemPoolLinksItem] | None = None
    profile_cost: float | None = None
    queued_jobs: int | None = None
    running_jobs: int | None = None
    updated: str | None = None
    updated_by: str | None = None


class GetResourceProfilesResponse(GeneratedModel):
    """``resources.get_resource_profiles``."""

    profiles: list[GetResourceProfilesResponseProfilesItem] | None = None


class MovePolicyRequest(GeneratedRequest):
    """``resources.move_policy``."""

    id: str
    user_group: str


class MovePolicyResponse(GeneratedModel):
    """``resources.move_policy``."""

    dequeued_tasks: int | None = None


class PublishResourceConfigurationRequest(GeneratedRequest):
    """``resources.publish_resource_configuration``."""


class PublishResourceConfigurationResponse(GeneratedModel):
    """``resources.publish_resource_configuration``."""

    created_links: int | None = None
    created_pools: int | None = None
    created_profiles: int | None = None
    deleted_links: int | None = None
    deleted_policy_connections: int | None = None
    deleted_pools: int | None = None
    deleted_profiles: int | None = None
    updated_links: int | None = None
    updated_pools: int | None = None
    updated_profiles: int | None = None


class ResetResourceConfigurationRequest(GeneratedRequest):
    """``resources.reset_resource_configuration``."""


class ResetResourceConfigurationResponse(GeneratedModel):
    """``resources.reset_resource_configuration``."""


class SetResourceConfigurationRequestPoolsItem(GeneratedModel):
    description: str | None = None
    id: str
    links: list[str] | None = None
    name: str
    resources: int | None = None


class SetResourceConfigurationRequestProfilesItemPolicyConnectionsItem(GetPolicyDataResponseProfileLinksItemProfilePolicyConnectionsItem):
    pass


class SetResourceConfigurationRequestProfilesItemPoolLinksItem(GetPolicyDataResponseProfileLinksItemProfilePoolLinksItem):
    pass


class SetResourceConfigurationRequestProfilesItem(GeneratedModel):
    cost_field: str | None = None
    description: str | None = None
    id: str
    name: str
    policy_connections: list[SetResourceConfigurationRequestProfilesItemPolicyConnectionsItem] | None = None
    pool_links: list[SetResourceConfigurationRequestProfilesItemPoolLinksItem] | None = None
    profile_cost: float | None = None


class SetResourceConfigurationRequest(GeneratedRequest):
    """``resources.set_resource_configuration``."""

    pools: list[SetResourceConfigurationRequestPoolsItem] | None = None
    profiles: list[SetResourceConfigurationRequestProfilesItem] | None = None


class SetResourceConfigurationResponse(GeneratedModel):
    """``resources.set_resource_configuration``."""


class TestConfigurationPublishingRequest(GeneratedRequest):
    """``resources.test_configuration_publishing``."""


class TestConfigurationPublishingResponseAffectedPoliciesItemQueuesToDeleteItem(GeneratedModel):
    display_name: str | None = None
    id: str | None = None
    name: str | None = None
    tasks: int | None = None


class TestConfigurationPublishingResponseAffectedPoliciesItem(GeneratedModel):
    id: str | None = None
    name: str | None = None
    queues_to_delete: list[TestConfigurationPublishingResponseAffectedPoliciesItemQueuesToDeleteItem] | None = None


class TestConfigurationPublishingResponseNotLinkedProfilesItem(GetPolicyDataResponseTasksItemProject):
    pass


class TestConfigurationPublishingResponse(GeneratedModel):
    """``resources.test_configuration_publishing``."""

    affected_policies: list[TestConfigurationPublishingResponseAffectedPoliciesItem] | None = None
    not_linked_profiles: list[TestConfigurationPublishingResponseNotLinkedProfilesItem] | None = None


class UpdatePolicyRequest(GeneratedRequest):
    """``resources.update_policy``."""

    description: str | None = None
    id: str
    limit: float | None = None
    name: str | None = None
    reservation: float | None = None


class UpdatePolicyResponse(GeneratedModel):
    """``resources.update_policy``."""

    updated: int | None = None


class ValidateMovePolicyRequest(MovePolicyRequest):
    """``resources.validate_move_policy``."""


class ValidateMovePolicyResponse(GeneratedModel):
    """``resources.validate_move_policy``."""

    tasks_to_dequeue: int | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'resources.task_status_enum': TaskStatusEnum,
    'resources.task_type_enum': TaskTypeEnum,
}

REQUESTS: dict[str, Any] = {
    'resources.check_edit_configuration': CheckEditConfigurationRequest,
    'resources.connect_policy_profile': ConnectPolicyProfileRequest,
    'resources.create_policy': CreatePolicyRequest,
    'resources.delete_policy': DeletePolicyRequest,
    'resources.disconnect_policy_profile': DisconnectPolicyProfileRequest,
    'resources.enable_policy_manager': EnablePolicyManagerRequest,
    'resources.get_policies': GetPoliciesRequest,
    'resources.get_policy_data': GetPolicyDataRequest,
    'resources.get_resource_configuration': GetResourceConfigurationRequest,
    'resources.get_resource_pools': GetResourcePoolsRequest,
    'resources.get_resource_profiles': GetResourceProfilesRequest,
    'resources.move_policy': MovePolicyRequest,
    'resources.publish_resource_configuration': PublishResourceConfigurationRequest,
    'resources.reset_resource_configuration': ResetResourceConfigurationRequest,
    'resources.set_resource_configuration': SetResourceConfigurationRequest,
    'resources.test_configuration_publishing': TestConfigurationPublishingRequest,
    'resources.update_policy': UpdatePolicyRequest,
    'resources.validate_move_policy': ValidateMovePolicyRequest,
}

RESPONSES: dict[str, Any] = {
    'resources.check_edit_configuration': CheckEditConfigurationResponse,
    'resources.connect_policy_profile': ConnectPolicyProfileResponse,
    'resources.create_policy': CreatePolicyResponse,
    'resources.delete_policy': DeletePolicyResponse,
    'resources.disconnect_policy_profile': DisconnectPolicyProfileResponse,
    'resources.enable_policy_manager': EnablePolicyManagerResponse,
    'resources.get_policies': GetPoliciesResponse,
    'resources.get_policy_data': GetPolicyDataResponse,
    'resources.get_resource_configuration': GetResourceConfigurationResponse,
    'resources.get_resource_pools': GetResourcePoolsResponse,
    'resources.get_resource_profiles': GetResourceProfilesResponse,
    'resources.move_policy': MovePolicyResponse,
    'resources.publish_resource_configuration': PublishResourceConfigurationResponse,
    'resources.reset_resource_configuration': ResetResourceConfigurationResponse,
    'resources.set_resource_configuration': SetResourceConfigurationResponse,
    'resources.test_configuration_publishing': TestConfigurationPublishingResponse,
    'resources.update_policy': UpdatePolicyResponse,
    'resources.validate_move_policy': ValidateMovePolicyResponse,
}
