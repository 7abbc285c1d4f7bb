"""Pure rules of the resource configuration and the resource policies (no I/O).

A company's configuration is its **pools** (a number of resources, e.g. GPUs, and the ids of
the pool links in execution priority) and **profiles** (``profile_cost``: the resources one
job takes; ``pool_links``: the pools it may run on, in precedence; ``policy_connections``:
the policies' queues of the profile, in queuing priority). It exists twice: the **published**
one (enforced) and an optional **draft** (``set_resource_configuration``), which
``publish_resource_configuration`` makes the published one and ``reset`` drops.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from services.queues.domain import queue_name
from shared.errors import ApiError

Document = dict[str, Any]

DEFAULT_COST = 1.0
# The system tag of a pool link's queue (set when a configuration is published): only such a
# queue's get_next_task looks at the resource configuration (``feeding.py``).
POOL_LINK_TAG = "resource-pool-link"

_POOL_FIELDS = ("name", "description", "resources", "links")
_PROFILE_FIELDS = ("name", "description", "cost_field", "profile_cost", "pool_links", "connection_order")
_LINK_FIELDS = ("name", "pool", "queue_name")


def invalid(msg: str, **data: Any) -> ApiError:
    return ApiError.named("validation_error", msg, **data)


def empty_configuration() -> Document:
    return {"pools": [], "profiles": []}


def _unique(items: Sequence[Mapping[str, Any]], key: str, what: str) -> None:
    seen: set[Any] = set()
    for item in items:
        if item[key] in seen:
            raise invalid(f"duplicate {what} {key}", **{key: item[key]})
        seen.add(item[key])


def draft_configuration(pools: Iterable[Mapping[str, Any]], profiles: Iterable[Mapping[str, Any]],
                        now: datetime, user: str) -> Document:
    """The stored draft of ``set_resource_configuration``: checked (unique ids and names,
    links to pools of the draft, no negative amounts) and normalised. A pool's ``links``
    keep the given order of the links that point to it; links not listed follow in the
    profiles' order. A profile's ``policy_connections`` become ``connection_order`` (queue
    ids in queuing priority)."""
    pools = [dict(p) for p in pools]
    profiles = [dict(p) for p in profiles]
    for items, what in ((pools, "pool"), (profiles, "profile")):
        _unique(items, "id", what)
        _unique(items, "name", what)
    links = [dict(link) for profile in profiles for link in profile.get("pool_links") or ()]
    _unique(links, "id", "pool link")
    pool_ids = {p["id"] for p in pools}
    for link in links:
        if link["pool"] not in pool_ids:
            raise invalid("a pool link names a pool the configuration does not have", link=link["id"],
                          pool=link["pool"])
    for pool in pools:
        if (pool.get("resources") or 0) < 0:
            raise invalid("a pool's resources cannot be negative", pool=pool["id"])
    for profile in profiles:
        if profile.get("profile_cost") is not None and profile["profile_cost"] < 0:
            raise invalid("a profile's cost cannot be negative", profile=profile["id"])
    return {"pools": [_pool(p, links, now, user) for p in pools],
            "profiles": [_profile(p, now, user) for p in profiles]}


def _pool(pool: Document, links: Sequence[Document], now: datetime, user: str) -> Document:
    mine = [link["id"] for link in links if link["pool"] == pool["id"]]
    given = [i for i in pool.get("links") or () if i in mine]
    ordered = list(dict.fromkeys([*given, *mine]))
    return {"id": pool["id"], "name": pool["name"], "description": pool.get("description"),
            "resources": int(pool.get("resources") or 0), "links": ordered, "updated": now, "updated_by": user}


def _profile(profile: Document, now: datetime, user: str) -> Document:
    links = [{"id": link["id"], "name": link["name"], "pool": link["pool"],
              "queue_name": queue_name(link["queue_name"]) if link.get("queue_name") else None}
             for link in profile.get("pool_links") or ()]
    order = [c["id"] for c in profile.get("policy_connections") or ()]
    return {"id": profile["id"], "name": profile["name"], "description": profile.get("description"),
            "cost_field": profile.get("cost_field"), "profile_cost": profile.get("profile_cost"),
            "pool_links": links, "connection_order": order, "updated": now, "updated_by": user}


def cost_of(profile: Mapping[str, Any] | None) -> float:
    """The resources one job of the profile takes (1 when the profile sets none)."""
    if profile is None or profile.get("profile_cost") is None:
        return DEFAULT_COST
    return float(profile["profile_cost"])


def unlinked_profiles(configuration: Mapping[str, Any]) -> list[Document]:
    """``{id, name}`` of the profiles no pool link lets run anywhere (publishing refuses them)."""
    return [{"id": p["id"], "name": p["name"]} for p in configuration.get("profiles") or () if not p.get("pool_links")]


def removed_profiles(published: Mapping[str, Any], draft: Mapping[str, Any]) -> list[Document]:
    """The published profiles the draft no longer has (their policy queues go with them)."""
    kept = {p["id"] for p in draft.get("profiles") or ()}
    return [p for p in published.get("profiles") or () if p["id"] not in kept]


def _diff(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]],
          fields: Sequence[str]) -> tuple[int, int, int]:
    """(created, updated, deleted) between two lists of items with ``id``."""
    before = {i["id"]: i for i in old}
    after = {i["id"]: i for i in new}
    created = sum(1 for i in after if i not in before)
    deleted = sum(1 for i in before if i not in after)
    updated = sum(1 for i, item in after.items()
                  if i in before and any(before[i].get(f) != item.get(f) for f in fields))
    return created, updated, deleted


def _links(configuration: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [link for p in configuration.get("profiles") or () for link in p.get("pool_links") or ()]


def publish_counts(published: Mapping[str, Any], draft: Mapping[str, Any]) -> dict[str, int]:
    """What publishing ``draft`` over ``published`` creates, updates and deletes (the answer
    of ``publish_resource_configuration``, without ``deleted_policy_connections``)."""
    out: dict[str, int] = {}
    for kind, fields, old, new in (
        ("pools", _POOL_FIELDS, published.get("pools") or (), draft.get("pools") or ()),
        ("profiles", _PROFILE_FIELDS, published.get("profiles") or (), draft.get("profiles") or ()),
        ("links", _LINK_FIELDS, _links(published), _links(draft)),
    ):
        created, updated, deleted = _diff(old, new, fields)
        out.update({f"created_{kind}": created, f"updated_{kind}": updated, f"deleted_{kind}": deleted})
    return out


def ordered_connections(profile: Mapping[str, Any] | None, connections: Sequence[Mapping[str, Any]]) -> list:
    """A profile's connections (``{queue, policy, ...}``) in queuing priority: those the
    profile's ``connection_order`` names first, in its order, then the others as created."""
    order = {queue: i for i, queue in enumerate((profile or {}).get("connection_order") or ())}
    return sorted(connections, key=lambda c: (order.get(c["_id"], len(order)), c.get("created") or 0))


def check_policy_amounts(limit: float | None, reservation: float | None) -> None:
    """A policy's ``reservation`` (guaranteed) and ``limit`` (at most in use at once): not
    negative, and the reservation no larger than the limit."""
    if limit is not None and limit < 0:
        raise invalid("a policy's limit cannot be negative", limit=limit)
    if reservation is not None and reservation < 0:
        raise invalid("a policy's reservation cannot be negative", reservation=reservation)
    if limit is not None and reservation is not None and reservation > limit:
        raise invalid("a policy's reservation cannot exceed its limit", limit=limit, reservation=reservation)


def over_quota(limit: float | None, usage: float, cost: float) -> bool:
    """Would a job of ``cost`` take the policy past its ``limit`` (none: no quota)?"""
    return limit is not None and usage + cost > limit + 1e-9


def quota_refusal(policy: Mapping[str, Any], queue_name: str, usage: float, cost: float) -> ApiError:
    """The answer to an enqueue over the policy's quota (400/16; nothing changed)."""
    return ApiError.named(
        "fields_value_error",
        f"resource policy '{policy['name']}' is at its quota: limit {policy.get('limit'):g}, "
        f"in use (queued and running) {usage:g}, this job needs {cost:g} (queue '{queue_name}')",
        policy=policy["_id"], limit=number(policy.get("limit")), usage=number(usage), cost=number(cost))


def number(value: float | None) -> float | int | None:
    """Whole amounts as integers in answers (``4`` rather than ``4.0``)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
