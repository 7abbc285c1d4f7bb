"""Pure rules of applications: launch forms (a customization's overrides, validating the
values a user fills in, the parameters the app's task gets), version order, and the diff of a
customization against another version of its application. No store, no event loop.

A launch form is a list of entries (``shared.schemas.apps.WizardEntry`` as plain dicts):
``{name, title, info, type, default, required, choices, min, max}``. A customization
overrides, per entry, the fields of ``OVERRIDABLE_ENTRY_FIELDS``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from shared.errors import ApiError

Entry = dict[str, Any]

OVERRIDABLE_ENTRY_FIELDS = ("title", "info", "default", "required", "choices", "min", "max")
OVERRIDABLE_APPEARANCE = ("name", "description", "icon", "category", "badges")
NUMERIC = frozenset({"integer", "float"})
CHOICES = frozenset({"choice", "multi_choice"})
QUEUE = "queue"


def invalid(message: str, **data: Any) -> ApiError:
    """A launch form refused: 400/12, nothing launched or changed."""
    return ApiError.named("validation_error", message, **data)


# ------------------------------------------------------------------------------- versions

def version_key(version: str) -> tuple:
    """Dotted versions compare part by part, numbers as numbers ("1.10" > "1.9")."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-+]", version))


def latest(versions: Iterable[str]) -> str | None:
    return max(versions, key=version_key, default=None)


# ---------------------------------------------------------------------------- overrides

def apply_overrides(entries: list[Entry], overrides: list[Mapping[str, Any]] | None) -> list[Entry]:
    """The form with a customization's overrides applied (entries it names that the form no
    longer has are ignored: they are orphaned, see ``upgrade_diff``)."""
    by_name = {o.get("entry_name"): o for o in overrides or () if o.get("entry_name")}
    out = []
    for entry in entries:
        override = by_name.get(entry["name"]) or {}
        out.append({**entry, **{k: v for k, v in override.items() if k in OVERRIDABLE_ENTRY_FIELDS}})
    return out


def check_overrides(entries: list[Entry], overrides: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """A customization's wizard overrides, checked against the form: each names an entry of
    it and only overridable fields, and an overridden default must be a valid value."""
    names = {e["name"]: e for e in entries}
    checked = []
    for override in overrides or ():
        name = override.get("entry_name")
        if name not in names:
            raise invalid(f"wizard override of an unknown form entry: {name!r}", entry_name=name)
        unknown = set(override) - {"entry_name", *OVERRIDABLE_ENTRY_FIELDS}
        if unknown:
            raise invalid(f"fields that cannot be overridden: {sorted(unknown)}", entry_name=name)
        merged = apply_overrides([names[name]], [override])[0]
        if merged.get("default") is not None:
            coerce(merged, merged["default"])
        checked.append(dict(override))
    return checked


def overridden_fields(override: Mapping[str, Any]) -> list[str]:
    return sorted(k for k in override if k in OVERRIDABLE_ENTRY_FIELDS)


# ------------------------------------------------------------------------------- values

def coerce(entry: Entry, value: Any) -> Any:
    """``value`` as the entry's type says, or 400/12 naming the entry."""
    kind, name = entry.get("type") or "string", entry["name"]
    try:
        result = _coerce(kind, value)
    except (TypeError, ValueError):
        raise invalid(f"launch parameter {name!r} must be of type {kind}", entry=name) from None
    if kind in NUMERIC:
        low, high = entry.get("min"), entry.get("max")
        if (low is not None and result < low) or (high is not None and result > high):
            raise invalid(f"launch parameter {name!r} must be within [{low}, {high}]", entry=name)
    if kind in CHOICES:
        allowed = entry.get("choices") or []
        picked = result if kind == "multi_choice" else [result]
        if any(item not in allowed for item in picked):
            raise invalid(f"launch parameter {name!r} must be one of {allowed}", entry=name)
    return result


def _coerce(kind: str, value: Any) -> Any:
    if kind == "integer":
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(value)
        return int(value)
    if kind == "float":
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise ValueError(value)
    if kind == "multi_choice":
        if not isinstance(value, list):
            raise TypeError(value)
        return value
    if kind == "choice":
        return value
    if not isinstance(value, str) or (kind == QUEUE and not value):
        raise TypeError(value)
    return value


def validate(entries: list[Entry], values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The launch values checked against the form: every name an entry, every value of its
    type; without ``partial`` the entries not given take their default and a required one
    without value or default is refused. Any fault -> 400/12."""
    names = {e["name"]: e for e in entries}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise invalid(f"unknown launch parameters: {unknown}", parameters=unknown)
    out: dict[str, Any] = {}
    for name, entry in names.items():
        if name in values and values[name] is not None:
            out[name] = coerce(entry, values[name])
        elif not partial and entry.get("default") is not None:
            out[name] = coerce(entry, entry["default"])
        elif not partial and entry.get("required"):
            raise invalid(f"launch parameter {name!r} is required", entry=name)
    return out


def queue_of(entries: list[Entry], values: Mapping[str, Any]) -> str | None:
    """The queue the instance goes to: the value of the form's ``queue`` entry."""
    for entry in entries:
        if entry.get("type") == QUEUE and values.get(entry["name"]):
            return str(values[entry["name"]])
    return None


def task_parameters(entries: list[Entry], values: Mapping[str, Any]) -> dict[str, str]:
    """The launch values as the app task's hyper-parameters (strings, as ClearML keeps
    them); the queue entry is not one."""
    kinds = {e["name"]: e.get("type") for e in entries}
    params = {}
    for name, value in values.items():
        if kinds.get(name) == QUEUE:
            continue
        params[name] = json.dumps(value) if isinstance(value, list) else str(value)
    return params


def filled_form(entries: list[Entry], values: Mapping[str, Any] | None) -> dict[str, Any]:
    """The launch template as ``apps.get_launch_template`` answers it: the entries, each
    with its ``value`` (an instance's value, else the default)."""
    values = values or {}
    return {"entries": [{**e, "value": values.get(e["name"], e.get("default"))} for e in entries]}


# ----------------------------------------------------------------------- upgrade diffs

def upgrade_diff(current: list[Entry], target: list[Entry], overrides: list[Mapping[str, Any]]) -> dict[str, list]:
    """What moving a customization from the form ``current`` to the form ``target`` does to
    its overrides: ``preserved`` (still apply), ``orphaned`` (their entry is gone),
    ``conflicts`` (the entry's type changed, an overridden default left the new range, an
    overridden choice was removed) and ``new_fields`` (entries the target adds)."""
    targets = {e["name"]: e for e in target}
    currents = {e["name"]: e for e in current}
    diff: dict[str, list] = {"preserved": [], "orphaned": [], "conflicts": [], "new_fields": []}
    for override in overrides:
        name = override.get("entry_name")
        fields = overridden_fields(override)
        if name not in targets:
            diff["orphaned"].append({"entry_name": name, "overridden_fields": fields})
            continue
        reason = _conflict(currents.get(name) or {}, targets[name], override)
        if reason:
            diff["conflicts"].append({"entry_name": name, "reason": reason, "new_type": targets[name].get("type"),
                                      "overridden_fields": fields})
        else:
            diff["preserved"].append({"entry_name": name, "overridden_fields": fields})
    for name, entry in targets.items():
        if name not in currents:
            diff["new_fields"].append({"entry_name": name, "title": entry.get("title"), "type": entry.get("type")})
    return diff


def _conflict(current: Entry, target: Entry, override: Mapping[str, Any]) -> str | None:
    if current and (current.get("type") or "string") != (target.get("type") or "string"):
        return "type_changed"
    merged = {**target, **{k: v for k, v in override.items() if k in OVERRIDABLE_ENTRY_FIELDS and k != "choices"}}
    default = override.get("default")
    if default is None:
        return None
    if target.get("type") in NUMERIC:
        low, high = target.get("min"), target.get("max")
        try:
            number = _coerce(target["type"], default)
        except (TypeError, ValueError):
            return "type_changed"
        if (low is not None and number < low) or (high is not None and number > high):
            return "range_violation"
    if target.get("type") in CHOICES:
        picked = default if isinstance(default, list) else [default]
        if any(item not in (merged.get("choices") or []) for item in picked):
            return "choice_removed"
    return None


def upgraded_overrides(overrides: list[Mapping[str, Any]], diff: Mapping[str, list],
                       prune_orphaned: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The overrides after an upgrade: a conflicting override loses the fields that
    conflict (its default, or all but title/info on a type change); orphaned ones go with
    ``prune_orphaned``. -> (overrides, replaced: ``{entry_name, field, reason}``)."""
    conflicts = {c["entry_name"]: c["reason"] for c in diff["conflicts"]}
    orphaned = {o["entry_name"] for o in diff["orphaned"]}
    kept, replaced = [], []
    for override in overrides:
        name = override.get("entry_name")
        if name in orphaned and prune_orphaned:
            continue
        reason = conflicts.get(name)
        if reason:
            dropped = [f for f in overridden_fields(override) if f not in ("title", "info")] \
                if reason == "type_changed" else ["default"]
            replaced += [{"entry_name": name, "field": f, "reason": reason} for f in dropped]
            override = {k: v for k, v in override.items() if k not in dropped}
        kept.append(dict(override))
    return kept, replaced
