"""The ``AccessRulesChanged`` fact: one company's whole access configuration.

Published by identity (permissions room) after every change of groups, members or rules, to
``<prefix>cairn.identity.changes`` keyed by the company id. Whole snapshots rather than deltas:
a reader that replays the topic keeps the newest ``version`` per company and needs nothing
else; rule sets are small (hundreds of rules, a few KB).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

EntityType = Literal["task", "model", "project", "queue", "dataset", "dataview", "route"]
ENTITY_TYPES: tuple[str, ...] = ("task", "model", "project", "queue", "dataset", "dataview", "route")
Permission = Literal["read", "read_write"]
READ: Permission = "read"
READ_WRITE: Permission = "read_write"

FACT_TYPE = "AccessRulesChanged"


class GroupSnapshot(BaseModel):
    """A user group. ``everyone``: the system group of all the company's users (its members
    are implicit, ``users`` is empty)."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str = ""
    system: bool = False
    everyone: bool = False
    users: list[str] = []


class RuleSnapshot(BaseModel):
    """An access rule: ``users`` and the members of ``groups`` get ``access_permission`` on the
    entity ``entity_id`` of ``entity_type`` (and, for a project, everything under it), or on
    every entity of the type when ``entity_id`` is empty (a category rule)."""

    model_config = ConfigDict(frozen=True)

    id: str
    entity_type: EntityType
    entity_id: str | None = None
    access_permission: Permission
    users: list[str] = []
    groups: list[str] = []


class AccessRulesChanged(BaseModel):
    """``managed``: the company's access configuration was ever touched (its default rules
    exist). An unmanaged company is open: every user of it reads and writes everything, as
    before access control existed."""

    type: Literal["AccessRulesChanged"] = "AccessRulesChanged"
    company: str
    version: int
    managed: bool = True
    groups: list[GroupSnapshot] = []
    rules: list[RuleSnapshot] = []
