"""``server.db_version``: the version of the schema identity's database is at, recorded in
its ``server`` collection when a start prepares the store (one history entry per version
that ever ran on this database, so a server upgraded in place shows when it moved).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

# The schema version of Cairn's identity database. Raise it with a change that needs stored
# documents migrated, next to the code that migrates them.
SCHEMA_VERSION = "1.0"


class DbVersionRepository(Protocol):
    async def history(self) -> list[dict[str, Any]]: ...

    async def record(self, version: str, at: datetime) -> None: ...


class DbVersion:
    def __init__(self, store: DbVersionRepository, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    async def record_current(self) -> None:
        """At every start: a version not yet the newest recorded is appended."""
        history = await self._store.history()
        if not history or history[-1]["version"] != SCHEMA_VERSION:
            await self._store.record(SCHEMA_VERSION, self._now())

    async def answer(self, history: bool | None) -> dict[str, Any]:
        """``server.db_version``: the current version (and, asked for, every recorded one)."""
        recorded = await self._store.history()
        current = recorded[-1] if recorded else {"version": SCHEMA_VERSION, "created": None}
        answer: dict[str, Any] = {"version": current["version"], "created": _iso(current["created"])}
        if history:
            answer["history"] = [{"version": h["version"], "created": _iso(h["created"])} for h in recorded]
        return answer


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None
