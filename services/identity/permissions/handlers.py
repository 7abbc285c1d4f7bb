"""The endpoint table of the permissions room: each ``permissions.*`` endpoint next to the
function that answers it (request parsed by the generated model; admin-only endpoints are
refused to other roles by the gateway, per the catalog's ``allow_roles``). Merged into
identity's table in ``services/identity/handlers.py``; bound in ``main.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from pydantic import BaseModel

from services.identity.domain import User
from services.identity.permissions import PermissionsRoom
from services.identity.permissions.domain import CATEGORIES, Group, Rule, display_name
from shared.access.snapshot import ENTITY_TYPES
from shared.messaging.envelopes import Identity
from shared.messaging.handlers import use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import permissions as api


def _user_ref(user: User | None, user_id: str) -> dict[str, Any]:
    return {"id": user_id, "name": user.name if user else "", "email": user.email if user else ""}


def _group_answer(group: Group, users: dict[str, User], rules: list[Rule] | None) -> dict[str, Any]:
    members = list(users) if group.everyone else list(group.users)
    answer = {"id": group.id, "name": group.name, "description": group.description,
              "system": group.system is not None, "assignable": group.system is None,
              "users": [_user_ref(users.get(u), u) for u in members]}
    if rules is not None:
        answer["permissions"] = [
            {"id": r.id, "name": r.name, "entity_type": r.entity_type, "entity_id": r.entity_id,
             "access_permission": r.access_permission}
            for r in rules if group.id in r.groups]
    return answer


async def get_user_groups(room: PermissionsRoom, caller: Identity, body: api.GetUserGroupsRequest) -> dict:
    groups, users = await room.service.get_groups(caller, body.groups)
    rules = (await room.service.store.rules(caller.company)) if body.include_permissions else None
    by_id = {u.id: u for u in users}
    return {"groups": [_group_answer(g, by_id, rules) for g in groups]}


async def add_or_update_user_group(room: PermissionsRoom, caller: Identity,
                                   body: api.AddOrUpdateUserGroupRequest) -> dict:
    group = await room.service.save_group(caller, body.id, body.name, body.description, body.users)
    return {"id": group.id, "name": group.name, "system": group.system is not None, "assignable": group.system is None}


async def delete_user_groups(room: PermissionsRoom, caller: Identity, body: api.DeleteUserGroupsRequest) -> dict:
    return {"deleted": await room.service.delete_groups(caller, body.groups)}


async def add_or_update_access_rule(room: PermissionsRoom, caller: Identity,
                                    body: api.AddOrUpdateAccessRuleRequest) -> dict:
    fields = {"name": body.name, "description": body.description, "entity_type": body.entity_type.value,
              "entity_id": body.entity_id, "access_permission": body.access_permission.value,
              "users": body.users, "groups": body.groups}
    rule = await room.service.save_rule(caller, body.id, fields)
    return {"id": rule.id, "name": rule.name}


async def get_access_rules(room: PermissionsRoom, caller: Identity, body: api.GetAccessRulesRequest) -> dict:
    rules, groups, users = await room.service.get_rules(caller, body.rules)
    names: dict[tuple[str, str], str] = {}
    for entity_type in {r.entity_type for r in rules if r.entity_id}:
        ids = sorted({r.entity_id for r in rules if r.entity_type == entity_type and r.entity_id})
        found = await room.names.names(caller, entity_type, ids)
        names.update({(entity_type, i): n for i, n in found.items()})
    group_names = {g.id: g.name for g in groups}
    by_id = {u.id: u for u in users}
    return {"rules": [_rule_answer(r, names, group_names, by_id) for r in rules]}


def _rule_answer(rule: Rule, names: dict[tuple[str, str], str], groups: dict[str, str], users: dict[str, User]) -> dict:
    answer: dict[str, Any] = {
        "id": rule.id, "name": rule.name, "description": rule.description, "entity_type": rule.entity_type,
        "access_permission": rule.access_permission, "autocreated": rule.autocreated, "metadata": rule.metadata,
        "groups": [{"id": g, "name": groups.get(g, "")} for g in rule.groups],
        "users": [_user_ref(users.get(u), u) for u in rule.users],
    }
    if rule.entity_id:
        answer["entity_id"] = rule.entity_id
        name = names.get((rule.entity_type, rule.entity_id))
        if name is not None:
            answer["entity_name"] = name
            answer["entity_display_name"] = display_name(rule.entity_type, name)
    return answer


async def delete_access_rules(room: PermissionsRoom, caller: Identity, body: api.DeleteAccessRulesRequest) -> dict:
    return {"deleted": await room.service.delete_rules(caller, body.rules)}


async def ensure_default_access_rules(room: PermissionsRoom, caller: Identity,
                                      body: api.EnsureDefaultAccessRulesRequest) -> dict:
    return {"restored": await room.service.ensure_defaults(caller, body.groups)}


async def restore_default_access_rules(room: PermissionsRoom, caller: Identity,
                                       body: api.RestoreDefaultAccessRulesRequest) -> dict:
    return {"restored": await room.service.restore_defaults(caller)}


async def get_company_users(room: PermissionsRoom, caller: Identity, body: api.GetCompanyUsersRequest) -> dict:
    users = await room.service.company_users(caller.company)
    return {"users": [{"id": u.id, "name": u.name, "email": u.email, "role": u.role} for u in users]}


async def get_entity_access_categories(room: PermissionsRoom, caller: Identity,
                                       body: api.GetEntityAccessCategoriesRequest) -> dict:
    return {"entity_types": [{"type": t, "categories": list(CATEGORIES)} for t in ENTITY_TYPES]}


async def check_entity_access(room: PermissionsRoom, caller: Identity, body: api.CheckEntityAccessRequest) -> dict:
    await room.access.check(caller, body.entity_type.value if body.entity_type else None, body.entity_id,
                            body.access_permission.value if body.access_permission else None, body.token)
    return {}


UseCase = Callable[[PermissionsRoom, Identity, Any], Awaitable[dict]]

ENDPOINTS: dict[str, tuple[type[BaseModel], UseCase]] = {
    "permissions.get_user_groups": (api.GetUserGroupsRequest, get_user_groups),
    "permissions.add_or_update_user_group": (api.AddOrUpdateUserGroupRequest, add_or_update_user_group),
    "permissions.delete_user_groups": (api.DeleteUserGroupsRequest, delete_user_groups),
    "permissions.add_or_update_access_rule": (api.AddOrUpdateAccessRuleRequest, add_or_update_access_rule),
    "permissions.get_access_rules": (api.GetAccessRulesRequest, get_access_rules),
    "permissions.delete_access_rules": (api.DeleteAccessRulesRequest, delete_access_rules),
    "permissions.ensure_default_access_rules": (api.EnsureDefaultAccessRulesRequest, ensure_default_access_rules),
    "permissions.restore_default_access_rules": (api.RestoreDefaultAccessRulesRequest, restore_default_access_rules),
    "permissions.get_company_users": (api.GetCompanyUsersRequest, get_company_users),
    "permissions.get_entity_access_categories": (api.GetEntityAccessCategoriesRequest, get_entity_access_categories),
    "permissions.check_entity_access": (api.CheckEntityAccessRequest, check_entity_access),
}


def handler_table(room: PermissionsRoom) -> dict[str, Handler]:
    """Endpoint name -> RPC handler bound to the room."""
    return {name: use_case_handler(model, partial(use_case, room), name)
            for name, (model, use_case) in ENDPOINTS.items()}
