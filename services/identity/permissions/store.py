"""MongoDB adapter of the permissions room (database ``cairn_identity``).

``permission_groups``: user groups (``_id`` = group id; the two system groups have ids derived
from the company, see ``domain.system_group_id``); ``access_rules``: access rules (default
rules' ids are derived too, so ensuring them is an idempotent upsert); ``access_state``: one
document per company (``_id`` = company) with ``managed`` and ``version``, the counter of the
company's ``AccessRulesChanged`` facts, incremented atomically. Every write is a
single-document operation (``update_many`` where one change spans documents).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, Protocol

from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase

from services.identity.permissions.domain import Group, Rule

Document = dict[str, Any]


class PermissionStore(Protocol):
    """Groups, rules and the per-company access state of identity (a fake in unit tests)."""

    async def ensure_groups(self, groups: list[Group]) -> None:
        """Create the groups whose ids do not exist (existing ones are left as they are)."""

    async def groups(self, company: str, ids: list[str] | None = None) -> list[Group]: ...

    async def insert_group(self, group: Group) -> None: ...

    async def update_group(self, company: str, group_id: str, changes: dict[str, Any]) -> int:
        """Set ``changes`` (``name``, ``description``, ``users``) on a non-system group; 1 when
        it exists, else 0."""

    async def delete_groups(self, company: str, ids: list[str]) -> int:
        """Delete the non-system groups among ``ids``; how many."""

    async def rules(self, company: str, ids: list[str] | None = None) -> list[Rule]: ...

    async def insert_rule(self, rule: Rule) -> None: ...

    async def update_rule(self, rule: Rule) -> int:
        """Replace the rule's content (kept: ``created``, ``autocreated``); 1 when it exists."""

    async def ensure_rules(self, rules: list[Rule]) -> int:
        """Create the rules whose ids do not exist; how many were created."""

    async def reset_rules(self, rules: list[Rule]) -> int:
        """Write the rules as given (creating missing ones); how many were created or changed."""

    async def delete_rules(self, company: str, ids: list[str]) -> int: ...

    async def forget_groups(self, company: str, group_ids: list[str]) -> None:
        """Remove deleted groups from every rule of the company."""

    async def forget_user(self, company: str, user: str) -> None:
        """Remove a deleted user from every group and rule of the company."""

    async def is_managed(self, company: str) -> bool: ...

    async def set_managed(self, company: str) -> None: ...

    async def next_version(self, company: str) -> tuple[int, bool]:
        """Increment the company's fact counter; (the new version, managed)."""

    async def companies(self) -> list[str]:
        """Every company that ever had a snapshot published."""


_GROUP_FIELDS = frozenset(f.name for f in fields(Group)) - {"id"}
_RULE_FIELDS = frozenset(f.name for f in fields(Rule)) - {"id"}


def _group_doc(group: Group) -> Document:
    doc = asdict(group)
    doc["_id"] = doc.pop("id")
    doc["users"] = list(group.users)
    return doc


def _group(doc: Document) -> Group:
    values = {k: v for k, v in doc.items() if k in _GROUP_FIELDS}
    values["users"] = tuple(values.get("users") or ())
    return Group(id=doc["_id"], **values)


def _rule_doc(rule: Rule) -> Document:
    doc = asdict(rule)
    doc["_id"] = doc.pop("id")
    doc["users"], doc["groups"] = list(rule.users), list(rule.groups)
    return doc


def _rule(doc: Document) -> Rule:
    values = {k: v for k, v in doc.items() if k in _RULE_FIELDS}
    values["users"] = tuple(values.get("users") or ())
    values["groups"] = tuple(values.get("groups") or ())
    return Rule(id=doc["_id"], **values)


def _scoped(company: str, ids: list[str] | None) -> Document:
    return {"company": company, **({"_id": {"$in": list(ids)}} if ids is not None else {})}


class MongoPermissionStore:
    def __init__(self, db: AsyncDatabase) -> None:
        self._groups = db["permission_groups"]
        self._rules = db["access_rules"]
        self._state = db["access_state"]

    async def create_indexes(self) -> None:
        await self._groups.create_index([("company", ASCENDING), ("name", ASCENDING)])
        await self._groups.create_index([("company", ASCENDING), ("users", ASCENDING)])
        await self._rules.create_index([("company", ASCENDING), ("created", ASCENDING)])
        await self._rules.create_index([("company", ASCENDING), ("users", ASCENDING)])
        await self._rules.create_index([("company", ASCENDING), ("groups", ASCENDING)])

    # -- groups ---------------------------------------------------------------------------
    async def ensure_groups(self, groups: list[Group]) -> None:
        for group in groups:
            doc = _group_doc(group)
            await self._groups.update_one({"_id": doc.pop("_id")}, {"$setOnInsert": doc}, upsert=True)

    async def groups(self, company: str, ids: list[str] | None = None) -> list[Group]:
        cursor = self._groups.find(_scoped(company, ids)).sort([("system", -1), ("name", ASCENDING)])
        return [_group(doc) async for doc in cursor]

    async def insert_group(self, group: Group) -> None:
        await self._groups.insert_one(_group_doc(group))

    async def update_group(self, company: str, group_id: str, changes: dict[str, Any]) -> int:
        changes = {k: list(v) if k == "users" else v for k, v in changes.items()}
        result = await self._groups.update_one({"_id": group_id, "company": company, "system": None}, {"$set": changes})
        return result.matched_count

    async def delete_groups(self, company: str, ids: list[str]) -> int:
        result = await self._groups.delete_many({"_id": {"$in": list(ids)}, "company": company, "system": None})
        return result.deleted_count

    # -- rules ----------------------------------------------------------------------------
    async def rules(self, company: str, ids: list[str] | None = None) -> list[Rule]:
        cursor = self._rules.find(_scoped(company, ids)).sort([("created", ASCENDING), ("_id", ASCENDING)])
        return [_rule(doc) async for doc in cursor]

    async def insert_rule(self, rule: Rule) -> None:
        await self._rules.insert_one(_rule_doc(rule))

    async def update_rule(self, rule: Rule) -> int:
        doc = _rule_doc(rule)
        for kept in ("_id", "created", "autocreated", "default_for", "company"):
            doc.pop(kept)
        result = await self._rules.update_one({"_id": rule.id, "company": rule.company}, {"$set": doc})
        return result.matched_count

    async def ensure_rules(self, rules: list[Rule]) -> int:
        created = 0
        for rule in rules:
            doc = _rule_doc(rule)
            result = await self._rules.update_one({"_id": doc.pop("_id")}, {"$setOnInsert": doc}, upsert=True)
            created += result.upserted_id is not None
        return created

    async def reset_rules(self, rules: list[Rule]) -> int:
        changed = 0
        for rule in rules:
            doc = _rule_doc(rule)
            created = doc.pop("created")
            result = await self._rules.update_one({"_id": doc.pop("_id")},
                                                  {"$set": doc, "$setOnInsert": {"created": created}}, upsert=True)
            changed += result.upserted_id is not None or result.modified_count
        return changed

    async def delete_rules(self, company: str, ids: list[str]) -> int:
        result = await self._rules.delete_many({"_id": {"$in": list(ids)}, "company": company})
        return result.deleted_count

    async def forget_groups(self, company: str, group_ids: list[str]) -> None:
        await self._rules.update_many({"company": company, "groups": {"$in": list(group_ids)}},
                                      {"$pull": {"groups": {"$in": list(group_ids)}}})

    async def forget_user(self, company: str, user: str) -> None:
        await self._groups.update_many({"company": company, "users": user}, {"$pull": {"users": user}})
        await self._rules.update_many({"company": company, "users": user}, {"$pull": {"users": user}})

    # -- state ----------------------------------------------------------------------------
    async def is_managed(self, company: str) -> bool:
        doc = await self._state.find_one({"_id": company}, {"managed": 1})
        return bool(doc and doc.get("managed"))

    async def set_managed(self, company: str) -> None:
        await self._state.update_one({"_id": company}, {"$set": {"managed": True}}, upsert=True)

    async def companies(self) -> list[str]:
        return [doc["_id"] for doc in await self._state.find({}, {"_id": 1}).to_list()]

    async def next_version(self, company: str) -> tuple[int, bool]:
        doc = await self._state.find_one_and_update({"_id": company}, {"$inc": {"version": 1}},
                                                     upsert=True, return_document=ReturnDocument.AFTER)
        return int(doc["version"]), bool(doc.get("managed"))
