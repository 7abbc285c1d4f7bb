"""The resource policies' use cases, and ``Admission``: the quota check of ``internal.enqueue``.

A policy gives one user group (an Enterprise permission group, resolved from the
``AccessRulesChanged`` snapshots of ``shared.access``) a ``limit`` (resources its jobs may hold
at once) and a ``reservation``. Connecting a published profile to a policy creates the queue
the group enqueues through (a queue of this process with the seed's ``profile_connection``).

Enforcement (while the policy manager is enabled): an enqueue into a policy queue is refused
(400/16, nothing changes: the tasks process puts the task's status back) when the policy's
queued and running jobs plus this job's cost would pass its limit, and (403/21) when the caller
is not in the policy's group (admins, and companies whose access was never configured, pass).
Raising the limit (``update_policy``) admits the next enqueue at once. Two enqueues racing for
the last resource may both pass (the check and the push are not one atomic step).
``usage`` in the answers is what running jobs hold (the web UI's "current usage").
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from services.queues import domain as queue_domain
from services.queues.repository import DuplicateName, QueueRepository
from services.queues.resources import domain
from services.queues.resources.configuration import profile_to_api
from services.queues.resources.store import DuplicatePolicyName, ResourceStore
from services.queues.resources.usage import Snapshot, UsageReader
from shared.access.rules import RuleSet
from shared.access.view import AccessRules
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import resources as api

Document = dict[str, Any]
DeleteQueue = Callable[[Identity, str], Awaitable[bool]]  # False: there was no such queue
RemoveEntry = Callable[[Identity, str, str], Awaitable[Any]]


def unknown_policy(policy_id: str | None) -> ApiError:
    return ApiError.named("invalid_id", "no such resource policy", id=policy_id)


def is_member(rules: RuleSet, user: str | None, group: str) -> bool:
    """Is ``user`` in ``group``? In a company whose access was never configured (no groups
    yet) everyone counts as a member."""
    return not rules.managed or (user is not None and group in rules.groups_of(user))


def group_name(rules: RuleSet, group: str) -> str | None:
    return next((g.name for g in rules.snapshot.groups if g.id == group), None)


class ResourcePolicies:
    """``resources.*`` of policies."""

    def __init__(self, store: ResourceStore, usage: UsageReader, access: AccessRules, queues: QueueRepository,
                 delete_queue: DeleteQueue, remove_entry: RemoveEntry, clock: Callable[[], datetime],
                 new_id: Callable[[], str]) -> None:
        self._store = store
        self._usage = usage
        self._access = access
        self._queues = queues
        self._delete_queue = delete_queue
        self._remove_entry = remove_entry
        self._clock = clock
        self._new_id = new_id

    async def _policy(self, identity: Identity, policy_id: str | None) -> Document:
        found = await self._store.policy(identity.company, policy_id) if policy_id else None
        if found is None:
            raise unknown_policy(policy_id)
        return found

    async def _known_group(self, identity: Identity, group: str) -> RuleSet:
        rules = await self._access.rules(identity.company)
        if rules.managed and all(g.id != group for g in rules.snapshot.groups):
            raise domain.invalid("no such user group", user_group=group)
        return rules

    async def create_policy(self, identity: Identity, request: api.CreatePolicyRequest) -> Document:
        """A new policy for ``user_group`` -> ``{id}``; a used name -> 400/801, an unknown group
        -> 400/12, a reservation above the limit -> 400/12."""
        domain.check_policy_amounts(request.limit, request.reservation)
        await self._known_group(identity, request.user_group)
        now = self._clock()
        policy = {"_id": self._new_id(), "company": identity.company, "user": identity.user, "name": request.name,
                  "description": request.description, "limit": request.limit, "reservation": request.reservation,
                  "user_group": request.user_group, "created": now, "last_update": now}
        try:
            await self._store.add_policy(policy)
        except DuplicatePolicyName:
            raise ApiError.named("expected_unique_data", "a resource policy with this name exists",
                                 name=request.name) from None
        return {"id": policy["_id"]}

    async def update_policy(self, identity: Identity, request: api.UpdatePolicyRequest) -> Document:
        """Name, description, limit, reservation -> ``{updated}``. A raised limit admits the
        next enqueue at once."""
        policy = await self._policy(identity, request.id)
        fields = request.model_dump(exclude_unset=True, exclude={"id"})
        fields = {k: v for k, v in fields.items() if k in ("name", "description", "limit", "reservation")}
        merged = {**policy, **fields}
        domain.check_policy_amounts(merged.get("limit"), merged.get("reservation"))
        if not fields:
            return {"updated": 0}
        try:
            await self._store.update_policy(identity.company, request.id, {**fields, "last_update": self._clock()})
        except DuplicatePolicyName:
            raise ApiError.named("expected_unique_data", "a resource policy with this name exists",
                                 name=fields.get("name")) from None
        if "name" in fields:
            await self._restamp_queues(identity, {**policy, **fields})
        return {"updated": 1}

    async def _restamp_queues(self, identity: Identity, policy: Document) -> None:
        """The policy's queues' ``profile_connection`` after a rename or a group move."""
        connections = await self._store.connections(identity.company, policy["_id"])
        await asyncio.gather(*(self._queues.update(identity.company, c["_id"],
                                                   {"profile_connection": _stamp(policy, c["profile"])})
                               for c in connections))

    async def delete_policy(self, identity: Identity, request: api.DeletePolicyRequest) -> Document:
        """The policy and its queues (their tasks back to their status before the enqueue)
        -> ``{deleted, deleted_queues}``."""
        await self._policy(identity, request.id)
        deleted_queues = 0
        for connection in await self._store.connections(identity.company, request.id):
            deleted_queues += await self._delete_queue(identity, connection["_id"])
            await self._store.delete_connection(identity.company, connection["_id"])
        deleted = await self._store.delete_policy(identity.company, request.id)
        return {"deleted": int(deleted), "deleted_queues": deleted_queues}

    async def connect_policy_profile(self, identity: Identity, request: api.ConnectPolicyProfileRequest) -> Document:
        """Make a published profile available to the policy's group through a new queue named
        ``queue_name`` -> ``{id}`` (the queue's). A profile not published, already connected
        to the policy, or needing more than the policy's limit -> 400/12; a used queue name
        -> 400/801."""
        if not request.policy or not request.profile or not request.queue_name:
            raise ApiError.named("missing_required_fields", "policy, profile and queue_name are required")
        policy = await self._policy(identity, request.policy)
        snap = await self._usage.snapshot(identity.company, policy["_id"], pools=False)
        profile = snap.profiles.get(request.profile)
        if profile is None:
            raise domain.invalid("the profile is not part of the published resource configuration",
                                 profile=request.profile)
        if any(c["profile"] == request.profile for c in snap.of_policy(policy["_id"])):
            raise domain.invalid("the profile is already connected to this policy", profile=request.profile)
        if policy.get("limit") is not None and domain.cost_of(profile) > policy["limit"]:
            raise domain.invalid("the profile needs more resources than the policy's limit",
                                 profile_cost=domain.cost_of(profile), limit=policy["limit"])
        now = self._clock()
        queue = queue_domain.new_queue(self._new_id(), identity.company, identity.user, request.queue_name,
                                       {"display_name": request.display_name}, now)
        queue["profile_connection"] = _stamp(policy, profile["id"])
        try:
            await self._queues.add(queue)
        except DuplicateName:
            raise ApiError.named("expected_unique_data", "Queue with the same name already exists",
                                 name=queue["name"]) from None
        await self._store.add_connection({"_id": queue["_id"], "company": identity.company, "policy": policy["_id"],
                                          "profile": profile["id"], "created": now})
        return {"id": queue["_id"]}

    async def disconnect_policy_profile(self, identity: Identity,
                                        request: api.DisconnectPolicyProfileRequest) -> Document:
        """Remove a policy's profile connection and delete its queue (its tasks back to their
        status before the enqueue) -> ``{deleted}``; not a policy queue -> 400/701."""
        connections = {c["_id"]: c for c in await self._store.connections(identity.company)}
        if not request.queue or request.queue not in connections:
            raise ApiError.named("invalid_queue_id", "not a resource policy's queue", queue=request.queue)
        await self._delete_queue(identity, request.queue)
        return {"deleted": int(await self._store.delete_connection(identity.company, request.queue))}

    async def get_policies(self, identity: Identity, request: api.GetPoliciesRequest) -> Document:
        """Every policy for admins; for other users the policies of their groups."""
        rules = await self._access.rules(identity.company)
        snap = await self._usage.snapshot(identity.company, pools=False)
        policies = [p for p in await self._store.policies(identity.company)
                    if rules.bypasses(identity.role) or is_member(rules, identity.user, p["user_group"])]
        return {"policies": [self._policy_to_api(p, snap, rules) for p in policies]}

    def _policy_to_api(self, policy: Document, snap: Snapshot, rules: RuleSet) -> Document:
        out = {"id": policy["_id"], "name": policy["name"], "description": policy.get("description"),
               "limit": domain.number(policy.get("limit")), "reservation": domain.number(policy.get("reservation")),
               "user_group": policy["user_group"], "user_group_name": group_name(rules, policy["user_group"]),
               "usage": domain.number(snap.running_cost(policy["_id"])),
               "missing_profile_connections": not snap.of_policy(policy["_id"])}
        return {k: v for k, v in out.items() if v is not None}

    async def get_policy_data(self, identity: Identity, request: api.GetPolicyDataRequest) -> Document:
        """A policy with its profile links (the profile and the queue it is reached through,
        in the order connected) and the tasks running under it. Policy names of other
        policies are shown only to admins and to members of their groups."""
        policy = await self._policy(identity, request.id)
        rules = await self._access.rules(identity.company)
        if not (rules.bypasses(identity.role) or is_member(rules, identity.user, policy["user_group"])):
            raise unknown_policy(request.id)
        snap = await self._usage.snapshot(identity.company, pools=False)
        policies = {p["_id"]: p for p in await self._store.policies(identity.company)}
        names = {i: p["name"] for i, p in policies.items()}

        def shown(connection: Document) -> bool:
            other = policies.get(connection["policy"])
            return other is not None and (rules.bypasses(identity.role)
                                          or is_member(rules, identity.user, other["user_group"]))

        links = []
        for connection in snap.of_policy(policy["_id"]):
            profile = snap.profiles.get(connection["profile"])
            queue = connection["queue"]
            link: Document = {"queue": {k: v for k, v in {"id": connection["_id"], "name": queue.get("name"),
                                                          "display_name": queue.get("display_name")}.items() if v}}
            if profile is not None:
                link["profile"] = profile_to_api(profile, snap, names, shown)
            links.append(link)
        return {**self._policy_to_api(policy, snap, rules), "profile_links": links,
                "tasks": [_running_task(r) for r in snap.running_of("policy", policy["_id"])]}

    async def _to_dequeue(self, identity: Identity, policy: Document, group: str) -> list[tuple[str, str]]:
        """(queue, task) of the policy's queued tasks whose owners are not in ``group``."""
        rules = await self._known_group(identity, group)
        snap = await self._usage.snapshot(identity.company, policy["_id"], pools=False)
        return [(c["_id"], e["task"]) for c in snap.of_policy(policy["_id"]) for e in c["queue"].get("entries") or ()
                if not is_member(rules, e.get("user"), group)]

    async def validate_move_policy(self, identity: Identity, request: api.ValidateMovePolicyRequest) -> Document:
        """How many queued tasks moving the policy to ``user_group`` would dequeue (those of
        users outside the new group); changes nothing."""
        policy = await self._policy(identity, request.id)
        return {"tasks_to_dequeue": len(await self._to_dequeue(identity, policy, request.user_group))}

    async def move_policy(self, identity: Identity, request: api.MovePolicyRequest) -> Document:
        """Give the policy to another group; queued tasks of users outside it leave its
        queues (back to their status before the enqueue) -> ``{dequeued_tasks}``."""
        policy = await self._policy(identity, request.id)
        doomed = await self._to_dequeue(identity, policy, request.user_group)
        await self._store.update_policy(identity.company, policy["_id"],
                                        {"user_group": request.user_group, "last_update": self._clock()})
        await self._restamp_queues(identity, {**policy, "user_group": request.user_group})
        removed = await asyncio.gather(*(self._remove_entry(identity, queue, task) for queue, task in doomed),
                                       return_exceptions=True)
        for outcome in removed:  # an ApiError: the task left the queue meanwhile
            if isinstance(outcome, Exception) and not isinstance(outcome, ApiError):
                raise outcome
        return {"dequeued_tasks": sum(1 for outcome in removed if not isinstance(outcome, Exception))}


def _stamp(policy: Document, profile: str) -> Document:
    """The seed's ``queues.queue.profile_connection`` of a policy queue."""
    return {"policy": policy["_id"], "policy_name": policy["name"], "profile": profile,
            "user_group": policy["user_group"]}


def _running_task(run: Document) -> Document:
    out = {"id": run["task"], "name": run.get("name"), "cost": domain.number(run.get("cost")),
           "status": "in_progress", "started": to_api(run.get("started")),
           "project": run.get("project") or None, "user": {"id": run["user"]} if run.get("user") else None}
    return {k: v for k, v in out.items() if v is not None}


class Admission:
    """The quota check of ``internal.enqueue`` (``services/queues/internal.py``): called with
    the target queue before the task joins it."""

    def __init__(self, store: ResourceStore, usage: UsageReader, access: AccessRules,
                 clock: Callable[[], datetime]) -> None:
        self._store = store
        self._usage = usage
        self._access = access
        self._clock = clock
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    @asynccontextmanager
    async def admitting(self, identity: Identity, queue: Document, task: str,
                        task_user: str | None) -> AsyncIterator[None]:
        """``admit``, then the body (the push) while holding the policy's lock."""
        stamp = queue.get("profile_connection")
        if not stamp:  # the task's earlier admission is forgotten while it joins the queue
            forgetting = asyncio.ensure_future(self._store.forget(identity.company, task))
            try:
                yield
            finally:
                await forgetting
            return
        lock = self._locks.setdefault((identity.company, str(stamp.get("policy"))), asyncio.Lock())
        async with lock:
            await self.admit(identity, queue, task, task_user)
            yield

    async def admit(self, identity: Identity, queue: Document, task: str, task_user: str | None) -> None:
        """Refuse (raise) an enqueue into a policy queue over the policy's quota or by a
        caller outside its group; record an admitted one in the ledger. An enqueue into
        any other queue forgets the task's earlier admission."""
        stamp = queue.get("profile_connection")
        if not stamp:
            await self._store.forget(identity.company, task)
            return
        policy, snap = await asyncio.gather(self._store.policy(identity.company, stamp.get("policy")),
                                            self._usage.snapshot(identity.company, stamp.get("policy"), pools=False))
        if policy is None:  # its policy was deleted while the queue was being read
            raise ApiError.named("invalid_queue_id", "the queue's resource policy no longer exists", queue=queue["_id"])
        rules = await self._access.rules(identity.company)
        if not (rules.bypasses(identity.role) or is_member(rules, identity.user, policy["user_group"])):
            raise ApiError.named("no_write_permission",
                                 f"only members of the group of resource policy '{policy['name']}' may enqueue to "
                                 f"queue '{queue.get('name')}'")
        cost = domain.cost_of(snap.profiles.get(stamp.get("profile")))
        if snap.enabled:
            usage = snap.usage(policy["_id"]) - _already_held(snap, policy["_id"], task)
            if domain.over_quota(policy.get("limit"), usage, cost):
                raise domain.quota_refusal(policy, queue.get("name") or queue["_id"], usage, cost)
        await self._store.admit(identity.company, task, {"policy": policy["_id"], "profile": stamp.get("profile"),
                                                         "queue": queue["_id"], "cost": cost,
                                                         "user": task_user or identity.user, "at": self._clock()})


def _already_held(snap: Snapshot, policy: str, task: str) -> float:
    """The cost the task already holds in the policy's queues (an enqueue that moves it
    between two of them takes nothing more)."""
    return sum(snap.cost_of_connection(c) for c in snap.of_policy(policy)
               if any(e.get("task") == task for e in c["queue"].get("entries") or ()))
