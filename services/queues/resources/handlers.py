"""The endpoint table of the resources room: each ``resources.*`` endpoint next to the use case
that answers it. Merged into the process's ``HANDLED`` in ``services/queues/handlers.py``;
bound to the room in ``main.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from services.queues.resources import ResourcesRoom
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import resources as api

ENDPOINTS: dict[str, Callable[[ResourcesRoom], UseCase]] = {
    "resources.check_edit_configuration": lambda r: r.configuration.check_edit_configuration,
    "resources.get_resource_configuration": lambda r: r.configuration.get_resource_configuration,
    "resources.set_resource_configuration": lambda r: r.configuration.set_resource_configuration,
    "resources.reset_resource_configuration": lambda r: r.configuration.reset_resource_configuration,
    "resources.test_configuration_publishing": lambda r: r.configuration.test_configuration_publishing,
    "resources.publish_resource_configuration": lambda r: r.configuration.publish_resource_configuration,
    "resources.enable_policy_manager": lambda r: r.configuration.enable_policy_manager,
    "resources.get_resource_pools": lambda r: r.configuration.get_resource_pools,
    "resources.get_resource_profiles": lambda r: r.configuration.get_resource_profiles,
    "resources.create_policy": lambda r: r.policies.create_policy,
    "resources.update_policy": lambda r: r.policies.update_policy,
    "resources.delete_policy": lambda r: r.policies.delete_policy,
    "resources.get_policies": lambda r: r.policies.get_policies,
    "resources.get_policy_data": lambda r: r.policies.get_policy_data,
    "resources.connect_policy_profile": lambda r: r.policies.connect_policy_profile,
    "resources.disconnect_policy_profile": lambda r: r.policies.disconnect_policy_profile,
    "resources.validate_move_policy": lambda r: r.policies.validate_move_policy,
    "resources.move_policy": lambda r: r.policies.move_policy,
}


def handler_table(room: ResourcesRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: use_case_handler(api.REQUESTS[name], pick(room), name) for name, pick in ENDPOINTS.items()}
