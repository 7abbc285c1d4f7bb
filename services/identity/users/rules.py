"""Pure rules of the users room: ClearML's preferences merge, who may give which role, and
the fields a user listing shows. No I/O here."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

# The roles ``users.set_role`` / ``auth.edit_user`` may give (the seed's ``users.role``); the
# system roles (``system``, ``root``) are never given through the API.
ASSIGNABLE_ROLES = ("admin", "superuser", "user", "annotator")
SYSTEM_ROLES = frozenset({"system", "root"})
# ``users.get_role_options``: what the web UI's role picker lists, in its order.
ROLE_DISPLAY_NAMES = {"admin": "Admin", "superuser": "Super User", "user": "User", "annotator": "Annotator"}

# What a user listing shows (clearml-server's backend user minus ``preferences``, which it
# excludes by default: they are read with ``users.get_preferences``).
LISTED_FIELDS = ("id", "company", "name", "given_name", "family_name", "avatar", "created")
# What ``users.update`` may change.
PROFILE_FIELDS = ("name", "given_name", "family_name", "avatar")


class InvalidPreferencesUpdate(ValueError):
    """A dotted key runs through a value that is not an object (ClearML's 400/305)."""

    def __init__(self, key: str, value: Any) -> None:
        super().__init__(key)
        self.key = key
        self.value = value


def merge_preferences(stored: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``users.set_preferences``: each key of ``changes`` is a dotted path into the stored
    preferences; its value replaces what is at that path (creating the objects on the way),
    and every other key is kept. ``{"a.b": 1}`` sets ``a.b`` and keeps ``a.c``;
    ``{"a": {"b": 1}}`` replaces the whole ``a``. The stored mapping is not changed."""
    merged = copy.deepcopy(dict(stored))
    for key, value in changes.items():
        _set_path(merged, key, copy.deepcopy(value))
    return merged


def _set_path(target: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    node = target
    for part in parents:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise InvalidPreferencesUpdate(key, value)
        node = child
    node[leaf] = value


def may_give_role(caller_role: str, target_role: str, new_role: str) -> bool:
    """Whether a caller may move a user from ``target_role`` to ``new_role``: only assignable
    roles are given; a system or root user is changed by system callers only."""
    if new_role not in ASSIGNABLE_ROLES:
        return False
    if target_role in SYSTEM_ROLES:
        return caller_role in SYSTEM_ROLES
    return caller_role in SYSTEM_ROLES or caller_role == "admin"


def crosses_companies(caller_role: str) -> bool:
    """System and root callers act on every company's users; others only on their own."""
    return caller_role in SYSTEM_ROLES


def listed(user: Mapping[str, Any], only_fields: Iterable[str] | None) -> dict[str, Any]:
    """One user of a listing: the listed fields that are set, or only ``only_fields`` (the id
    always comes, as in every ClearML ``get_all``)."""
    wanted = LISTED_FIELDS if not only_fields else ("id", *only_fields)
    return {k: user[k] for k in dict.fromkeys(wanted) if k in LISTED_FIELDS and user.get(k) is not None}
