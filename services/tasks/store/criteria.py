"""Which tasks, models or projects a use case means, in the domain's words (``Selection``),
and the MongoDB condition and updates the repositories run for it. Use cases name what they
want (``Selection(company, projects=[...], archived=False)``); only the store writes the
query language. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.tasks.store.access import ReadableFilter, readable_condition
from services.tasks.store.filters import field_filter
from services.tasks.store.queries import company_scope, list_field_condition, regex_condition
from services.tasks.tasks.status import ARCHIVED_TAG
from shared.errors import ApiError
from shared.mongo import all_of

Document = dict[str, Any]
# Per array field (``tags``, ``system_tags``) the values to add or to remove.
Tags = Mapping[str, Sequence[str]]

PUBLIC = ""  # the company of public entities
# A field "holds a value" unless missing, null, an empty string or an empty document.
_EMPTY = [None, "", {}]


@dataclass(frozen=True)
class Selection:
    """The entities of ``company`` (and the public ones with ``public``) that meet every
    criterion given; a criterion left at its default selects everything.

    - ``ids``, ``names`` (exact full names), ``basenames``, ``users``, ``statuses``, ``type``:
      one of these;
    - ``projects``: in one of these projects; ``no_project``: in none; ``outside``: not in
      any of these projects; ``parents``: a child of one of these (a task's parent task, a
      project's parent project); ``below``: a project anywhere under one of these;
      ``tasks``: a model made by one of these tasks; ``input_models``: a task using one of
      these models as input;
    - ``archived``: ``True`` archived only, ``False`` not archived; ``system_tags`` all of
      these, ``not_system_tags`` none of these; ``except_basename``: not this basename;
    - ``present``: fields that hold a value (not missing, null, "" or {});
    - ``updated_before``: a ``last_update`` before this time (the watchdog's silent tasks);
    - ``name_pattern``: a regular expression on the name (invalid -> 400/21);
    - ``lists``: ClearML list filters per field (``["a", "-b", "__$all", ...]``);
      ``filters``: per field a list filter or an ``{any, all, op}`` filter (the
      ``projects.get_all_ex`` statistics filter, ``children_tags_filter``);
    - ``access``: only what a restricted caller may read (``store.access.ReadableFilter``,
      from the permissions room).
    """

    company: str
    public: bool = False
    ids: Sequence[str] | None = None
    names: Sequence[str] | None = None
    basenames: Sequence[str] | None = None
    users: Sequence[str] | None = None
    statuses: Sequence[str] | None = None
    type: str | None = None
    projects: Sequence[str] | None = None
    no_project: bool = False
    outside: Sequence[str] | None = None
    parents: Sequence[str] | None = None
    below: Sequence[str] | None = None
    tasks: Sequence[str] | None = None
    input_models: Sequence[str] | None = None
    archived: bool | None = None
    system_tags: Sequence[str] = ()
    not_system_tags: Sequence[str] = ()
    except_basename: str | None = None
    present: Sequence[str] = ()
    updated_before: datetime | None = None
    name_pattern: str | None = None
    lists: Mapping[str, Any] = field(default_factory=dict)
    filters: Mapping[str, Any] | None = None
    access: ReadableFilter | None = None


_AMONG = {"ids": "_id", "names": "name", "basenames": "basename", "users": "user", "statuses": "status",
          "projects": "project", "parents": "parent",
          "below": "path", "tasks": "task", "input_models": "models.input.model"}


def condition(selection: Selection) -> Document:
    """The MongoDB condition of ``selection``."""
    s = selection
    parts: list[Document] = [company_scope(s.company) if s.public else {"company": s.company}]
    parts += [{path: {"$in": list(values)}} for name, path in _AMONG.items()
              if (values := getattr(s, name)) is not None]
    if s.type is not None:
        parts.append({"type": s.type})
    if s.no_project:
        parts.append({"project": None})
    if s.outside is not None:
        parts.append({"project": {"$nin": list(s.outside)}})
    parts.append(_system_tags(s))
    if s.except_basename is not None:
        parts.append({"basename": {"$ne": s.except_basename}})
    parts += [{name: {"$exists": True, "$nin": _EMPTY}} for name in s.present]
    if s.updated_before is not None:
        parts.append({"last_update": {"$lt": s.updated_before}})
    if s.name_pattern:
        parts.append({"name": regex_condition(s.name_pattern)})
    parts += [list_field_condition(name, values) for name, values in s.lists.items()]
    parts.append(filters_condition(s.filters))
    if s.access is not None:
        parts.append(readable_condition(s.access))
    return all_of(*(part for part in parts if part))


def _system_tags(s: Selection) -> Document:
    wanted = [*s.system_tags, *([ARCHIVED_TAG] if s.archived else [])]
    unwanted = [*s.not_system_tags, *([ARCHIVED_TAG] if s.archived is False else [])]
    tags: Any = {}
    if len(wanted) == 1 and not unwanted:
        tags = wanted[0]
    elif wanted:
        tags["$all"] = wanted
    if len(unwanted) == 1:
        tags["$ne"] = unwanted[0]
    elif unwanted:
        tags["$nin"] = unwanted
    return {"system_tags": tags} if tags else {}


def check_filters(filters: Mapping[str, Any] | None) -> None:
    """A ``projects.get_all_ex`` statistics filter names per field a non-empty list filter of
    strings or an ``{any, all, op}`` filter; anything else -> 400/12, as clearml-server
    answers."""
    for name, spec in (filters or {}).items():
        if not spec or not isinstance(spec, (list, dict)):
            raise ApiError.named("validation_error", f"Non empty list or dictionary expected for the field: {name}")
        if isinstance(spec, list) and not all(isinstance(v, str) for v in spec):
            raise ApiError.named("validation_error", f"Only string values are allowed in the list filter: {name}")


def filters_condition(filters: Mapping[str, Any] | None) -> Document:
    """Per field a list filter (``["a", "-b"]``) or an ``{any, all, op}`` filter, all
    required, as a MongoDB condition (``id`` is the ``_id``)."""
    parts = []
    for name, spec in (filters or {}).items():
        path = "_id" if name == "id" else name
        parts.append(list_field_condition(path, spec) if isinstance(spec, list) else field_filter(path, spec))
    return all_of(*(part for part in parts if part))


def updates(changes: Mapping[str, Any], unset: Sequence[str] = (), add_tags: Tags | None = None,
            remove_tags: Tags | None = None) -> Document:
    """The MongoDB update that sets ``changes``, removes the ``unset`` fields, adds to each
    array field of ``add_tags`` the values it lacks and takes those of ``remove_tags`` out."""
    update: Document = {"$set": dict(changes)} if changes or not (unset or add_tags or remove_tags) else {}
    if unset:
        update["$unset"] = dict.fromkeys(unset, "")
    if add_tags:
        update["$addToSet"] = {path: {"$each": list(values)} for path, values in add_tags.items()}
    if remove_tags:
        update["$pull"] = {path: {"$in": list(values)} for path, values in remove_tags.items()}
    return update


def silent_condition(status: str, before: datetime) -> Document:
    """Tasks of every company in ``status`` not updated since ``before`` (the watchdog's
    sweep: the ``("status", "last_update")`` index serves it whole)."""
    return {"status": status, "last_update": {"$lt": before}}


def visibility_condition(company: str, ids: Sequence[str], public: bool) -> Document:
    """The entities among ``ids`` the company may move: its own ones (to make public) or the
    public ones it made public (to make private)."""
    if public:
        return {"_id": {"$in": list(ids)}, "company": company}
    return {"_id": {"$in": list(ids)}, "company": PUBLIC, "company_origin": company}


def visibility_update(company: str, public: bool, user: str, now: datetime) -> Document:
    """The MongoDB update that moves an entity to the public company or back."""
    changes: Document = {"last_change": now, "last_changed_by": user}
    if public:
        return {"$set": {**changes, "company": PUBLIC, "company_origin": company}}
    return {"$set": {**changes, "company": company}, "$unset": {"company_origin": ""}}


def metrics_update(last_metrics: Mapping[str, Mapping[str, Document]], last_iteration: int | None,
                   now: datetime) -> Document:
    """The MongoDB update folding metric statistics into an entity: each
    ``last_metrics.<metric>.<variant>`` set, ``last_iteration`` only grows."""
    changes: Document = {"last_update": now}
    for metric, variants in last_metrics.items():
        for variant, value in variants.items():
            changes[f"last_metrics.{metric}.{variant}"] = dict(value)
    update: Document = {"$set": changes}
    if last_iteration is not None:
        update["$max"] = {"last_iteration": last_iteration}
    return update
