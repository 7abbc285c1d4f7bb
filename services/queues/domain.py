"""Pure rules of the queues process: queue documents, entry positions, metadata keys and the
API form of stored documents. No I/O."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from shared.api_form import to_api  # also the queues modules' API form of stored values
from shared.errors import ApiError

DEFAULT_TAG = "default"  # the system tag of a company's default queue
DEFAULT_QUEUE_NAME = "default"
# Queues with one of these system tags are left out of get_all unless searched for
# (ClearML: services.queues.hidden_tags = [k8s-glue]; "hidden" as for every other entity).
HIDDEN_TAGS = ("hidden", "k8s-glue")
MIN_NAME_LENGTH = 3

Document = dict[str, Any]


def new_id() -> str:
    """A ClearML entity id: 32 lowercase hex characters."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Now in UTC at MongoDB's millisecond precision."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def queue_name(name: str | None) -> str:
    """A queue name is stripped and at least 3 characters long (else 400/12)."""
    stripped = (name or "").strip()
    if len(stripped) < MIN_NAME_LENGTH:
        raise ApiError.named(
            "validation_error", f"queue name must have at least {MIN_NAME_LENGTH} characters", name=name
        )
    return stripped


def tag_list(tags: Sequence[str] | None) -> list[str]:
    """Tags are kept sorted and without repeats (ClearML stores them sorted)."""
    return sorted(set(tags or ()))


# Metadata keys are user-chosen: "." and a leading "$" cannot be MongoDB field names.
# "%" is escaped too, so unescaping is exact.
_ESCAPES = (("%", "%25"), (".", "%2E"), ("$", "%24"))


def escape_key(key: str) -> str:
    for char, code in _ESCAPES:
        key = key.replace(char, code)
    return key


def unescape_key(key: str) -> str:
    for char, code in reversed(_ESCAPES):
        key = key.replace(code, char)
    return key


def metadata_items(items: Any) -> dict[str, Document]:
    """``[{key, type, value}]`` or ``{name: {key, type, value}}`` -> the stored map
    (escaped key -> item); an item without a key takes the map's name."""
    if isinstance(items, Mapping):
        pairs = [(name, _plain(item)) for name, item in items.items()]
        pairs = [(item.get("key") or name, item) for name, item in pairs]
    else:
        pairs = [(_plain(item).get("key"), _plain(item)) for item in items or ()]
    out: dict[str, Document] = {}
    for key, item in pairs:
        if not key:
            raise ApiError.named("validation_error", "metadata items need a key")
        out[escape_key(key)] = {"key": key, "type": item.get("type"), "value": item.get("value")}
    return out


def _plain(item: Any) -> Document:
    return item.model_dump() if hasattr(item, "model_dump") else dict(item)


def new_queue(
    queue_id: str, company: str, user: str, name: str, fields: Mapping[str, Any], now: datetime
) -> Document:
    """A queue document: ``entries`` in order, ``seq`` counts entry changes (each reordering is
    a compare-and-set on it)."""
    return {
        "_id": queue_id,
        "company": company,
        "user": user,
        "name": queue_name(name),
        "display_name": fields.get("display_name"),
        "created": now,
        "last_update": now,
        "tags": tag_list(fields.get("tags")),
        "system_tags": tag_list(fields.get("system_tags")),
        "metadata": metadata_items(fields.get("metadata") or {}),
        "entries": [],
        "seq": 0,
    }


def new_entry(task: str, now: datetime, user: str | None = None, name: str | None = None) -> Document:
    """A queue entry; the task's owner (``get_next_task``'s ``task_info``) and name
    (``get_all_ex``, ``workers.get_all``) when the tasks service gave them."""
    entry: Document = {"task": task, "added": now}
    if user:
        entry["user"] = user
    if name is not None:
        entry["name"] = name
    return entry


def position_of(entries: Sequence[Mapping[str, Any]], task: str) -> int | None:
    return next((i for i, e in enumerate(entries) if e.get("task") == task), None)


def moved(entries: Sequence[Document], task: str, target: int) -> list[Document]:
    """``entries`` with ``task``'s entry moved to ``target`` (clamped to the list)."""
    index = position_of(entries, task)
    assert index is not None
    rest = [e for i, e in enumerate(entries) if i != index]
    target = max(0, min(target, len(rest)))
    return [*rest[:target], entries[index], *rest[target:]]


def target_position(current: int, length: int, move: int | str) -> int:
    """``"first"``, ``"last"`` or a relative move (negative: towards the front), clamped."""
    if move == "first":
        return 0
    if move == "last":
        return length - 1
    return max(0, min(current + int(move), length - 1))


def without_nulls(value: Any) -> Any:
    """``value`` without the ``None`` fields of its mappings, at every depth: how ClearML's
    response classes (jsonmodels) leave out the fields that have no value."""
    if isinstance(value, Mapping):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def entry_to_api(entry: Mapping[str, Any]) -> Document:
    return {"task": entry.get("task"), "added": to_api(entry.get("added"))}


def entry_with_name(entry: Mapping[str, Any]) -> Document:
    """An entry as ``queues.get_all_ex`` answers it: ClearML joins the task, so ``task`` is
    ``{id, name}`` (the name stored at enqueue time; none for a raw ``queues.add_task``)."""
    task = {"id": entry.get("task")}
    if entry.get("name") is not None:
        task["name"] = entry["name"]
    return {"task": task, "added": to_api(entry.get("added"))}


def queue_to_api(doc: Mapping[str, Any], max_entries: int | None = None, entry_form=entry_to_api) -> Document:
    """A stored queue as ClearML returns it (metadata keys unescaped, entries as
    ``{task, added}``; internal fields, the creating user (ClearML's queue has none) and
    fields without a value left out)."""
    out = {key: to_api(value) for key, value in doc.items()
           if key not in ("_id", "seq", "user", "entries", "metadata") and value is not None}
    out["id"] = doc["_id"]
    if "entries" in doc:
        entries = doc["entries"] if max_entries is None else doc["entries"][:max_entries]
        out["entries"] = [entry_form(e) for e in entries]
    if "metadata" in doc:
        out["metadata"] = {unescape_key(k): dict(v) for k, v in (doc["metadata"] or {}).items()}
    return out


# Dates of the statistics endpoints are epoch seconds; Elasticsearch dates end in year 9999 and
# its fixed intervals must fit an int (schemathesis sent from_date 7.8e295 and interval 5e9: 500).
MAX_EPOCH_S = 253_402_300_799  # 9999-12-31T23:59:59Z
MAX_INTERVAL_S = 100 * 365 * 24 * 3600


def check_date_range(from_date: float, to_date: float, interval: int | None = None) -> None:
    """400/16 unless both dates are epoch seconds within +-year 9999, ``from_date`` before
    ``to_date``, and ``interval`` (seconds) at most a century."""
    for name, value in (("from_date", from_date), ("to_date", to_date)):
        if not -MAX_EPOCH_S <= value <= MAX_EPOCH_S:
            raise ApiError.named("fields_value_error", f"{name} must be epoch seconds within +-{MAX_EPOCH_S}",
                                 **{name: value})
    if from_date >= to_date:
        raise ApiError.named("fields_value_error", "from_date must be less than to_date")
    if interval is not None and interval > MAX_INTERVAL_S:
        raise ApiError.named("fields_value_error", f"interval must be at most {MAX_INTERVAL_S} seconds",
                             interval=interval)
