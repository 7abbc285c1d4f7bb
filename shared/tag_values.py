"""ClearML's reading of a tag list filter, shared by every process that filters by tags: any
of the values; ``-v`` (or ``__$not`` before it) excludes ``v``; after ``__$all`` (``__$and``)
every value is required, until ``__$any`` (``__$or``, ``__$in``)."""

from __future__ import annotations

from collections.abc import Sequence

ALL = frozenset({"__$all", "__$and"})
ANY = frozenset({"__$any", "__$or", "__$in"})
NOT = "__$not"


def split_tag_values(values: Sequence[str] | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The values as (any of, all of, none of)."""
    include: list[str] = []
    required: list[str] = []
    exclude: list[str] = []
    mode, negate_next = include, False
    for value in values or ():
        if value in ALL:
            mode = required
        elif value in ANY:
            mode = include
        elif value == NOT:
            negate_next = True
        elif negate_next or value.startswith("-"):
            exclude.append(value if negate_next else value[1:])
            negate_next = False
        else:
            mode.append(value)
    return tuple(include), tuple(required), tuple(exclude)
