"""Python names for wire names: class names, attribute names, enum member names."""

from __future__ import annotations

import keyword
import re

from pydantic import BaseModel

_RESERVED_ATTRS = frozenset(dir(BaseModel)) | {"schema", "fields", "copy", "json", "dict"}


def camel(name: str) -> str:
    """``task_status_enum`` -> ``TaskStatusEnum``; ``frame_15`` -> ``Frame15``."""
    parts = re.split(r"[^0-9A-Za-z]+", name)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def attribute(wire: str, taken: set[str]) -> str:
    """The attribute name of a field called ``wire`` on the wire (``_all_`` -> ``all_``,
    ``schema`` -> ``schema_``, ``input.view.entries.dataset`` -> ``input_view_entries_dataset``)."""
    if wire.isidentifier() and not _unusable(wire) and wire not in taken:
        return wire
    name = re.sub(r"\W", "_", wire).strip("_") or "field"
    if name[0].isdigit():
        name = "f_" + name
    if wire.startswith("_"):
        name += "_"
    while _unusable(name) or name in taken or name == wire and not wire.isidentifier():
        name += "_"
    return name


def _unusable(name: str) -> bool:
    return keyword.iskeyword(name) or name.startswith("_") or name in _RESERVED_ATTRS


def member(value: object) -> str:
    """An enum member name for ``value``."""
    name = re.sub(r"\W", "_", str(value))
    if not name or name[0].isdigit():
        name = "v_" + name
    if keyword.iskeyword(name) or name in ("name", "value", "mro") or name.startswith("_"):
        name += "_"
    return name
