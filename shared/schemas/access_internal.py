"""``internal.check_access``: the request identity's ``permissions.check_entity_access``
forwards to the process owning the entity (tasks: task/model/project; queues: queue/route;
datasets: dataset/dataview), with the identity to decide for. Not a ClearML endpoint, never
routed by the gateway. The owner answers ``{}`` when the caller has ``access_permission`` on
the entity, else the very error its enforcement raises (the entity's invalid id when the
caller may not read it, 403/21 when it may only read)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.access.snapshot import READ, EntityType, Permission


class CheckAccessRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    entity_type: EntityType
    entity_id: str = Field(min_length=1)
    access_permission: Permission = READ
