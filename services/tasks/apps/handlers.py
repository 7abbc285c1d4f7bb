"""The endpoint table of the applications room: each ``apps.*`` endpoint next to the use case
that answers it. Merged into the tasks process's table in ``services/tasks/handlers.py``."""

from __future__ import annotations

from collections.abc import Callable

from services.tasks.apps import AppsRoom
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.registry import request_models

ENDPOINTS: dict[str, Callable[[AppsRoom], UseCase]] = {
    "apps.upload": lambda r: r.registry.upload,
    "apps.get_apps": lambda r: r.registry.get_apps,
    "apps.get_categories": lambda r: r.registry.get_categories,
    "apps.get_asset": lambda r: r.registry.get_asset,
    "apps.enable": lambda r: r.registry.enable,
    "apps.delete": lambda r: r.registry.delete,
    "apps.batch_delete": lambda r: r.registry.batch_delete,
    "apps.clean_available_apps": lambda r: r.registry.clean_available_apps,
    "apps.set_launch_lock": lambda r: r.registry.set_launch_lock,
    "apps.set_hub_token": lambda r: r.registry.set_hub_token,
    "apps.clear_hub_token": lambda r: r.registry.clear_hub_token,
    "apps.get_hub_token_status": lambda r: r.registry.get_hub_token_status,
    "apps.launch_instance": lambda r: r.instances.launch_instance,
    "apps.relaunch_instance": lambda r: r.instances.relaunch_instance,
    "apps.edit_instance": lambda r: r.instances.edit_instance,
    "apps.get_instances": lambda r: r.instances.get_instances,
    "apps.get_instance_info": lambda r: r.instances.get_instance_info,
    "apps.get_launch_template": lambda r: r.instances.get_launch_template,
    "apps.get_info_template": lambda r: r.instances.get_info_template,
    "apps.deploy_all": lambda r: r.tenants.deploy_all,
    "apps.deploy_per_tenant": lambda r: r.tenants.deploy_per_tenant,
    "apps.disable_all": lambda r: r.tenants.disable_all,
    "apps.disable_per_tenant": lambda r: r.tenants.disable_per_tenant,
    "apps.undeploy_all": lambda r: r.tenants.undeploy_all,
    "apps.undeploy_per_tenant": lambda r: r.tenants.undeploy_per_tenant,
    "apps.set_tenant_assignment": lambda r: r.tenants.set_tenant_assignment,
    "apps.get_tenant_assignment": lambda r: r.tenants.get_tenant_assignment,
    "apps.get_tenant_apps": lambda r: r.tenants.get_tenant_apps,
    "apps.get_assignments_summary": lambda r: r.tenants.get_assignments_summary,
    "apps.get_all_apps": lambda r: r.tenants.get_all_apps,
    "apps.create_customization": lambda r: r.customizations.create_customization,
    "apps.update_customization": lambda r: r.customizations.update_customization,
    "apps.delete_customization": lambda r: r.customizations.delete_customization,
    "apps.get_customization": lambda r: r.customizations.get_customization,
    "apps.get_customizations": lambda r: r.customizations.get_customizations,
    "apps.get_customization_editor_state": lambda r: r.customizations.get_customization_editor_state,
    "apps.get_customization_upgrade_diff": lambda r: r.customizations.get_customization_upgrade_diff,
    "apps.apply_customization_upgrade": lambda r: r.customizations.apply_customization_upgrade,
    "apps.get_app_upgrade_impact": lambda r: r.customizations.get_app_upgrade_impact,
}


def handlers(room: AppsRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler, each request parsed by the endpoint's shared model."""
    models = request_models()
    return {name: use_case_handler(models[name], pick(room), name) for name, pick in ENDPOINTS.items()}
