"""Retention by month: events indices are per month, so old months are dropped whole (no
delete-by-query). ``CAIRN_EVENTS_RETENTION_MONTHS=0`` (the default) keeps everything."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from services.events.repository.elastic import ElasticEventRepository
from shared.runtime import Periodic

log = logging.getLogger(__name__)
_MONTH = re.compile(r"-(\d{4})-(\d{2})$")


def expired(names: list[str], prefix: str, keep_months: int, now: datetime) -> list[str]:
    """The indices (of this prefix) whose month is older than the last ``keep_months``
    months, the current month included."""
    if keep_months <= 0:
        return []
    current = now.year * 12 + now.month - 1
    out = []
    for name in names:
        match = _MONTH.search(name)
        if not name.startswith(f"{prefix}cairn-events-") or not match:
            continue
        month = int(match[1]) * 12 + int(match[2]) - 1
        if current - month >= keep_months:
            out.append(name)
    return sorted(out)


class Retention(Periodic):
    """A component that drops expired months at start and then every ``interval_s``."""

    def __init__(self, repo: ElasticEventRepository, keep_months: int, interval_s: float = 3600.0) -> None:
        super().__init__("events retention", interval_s, self.run_once, first_now=True)
        self._repo, self._keep = repo, keep_months

    async def start(self) -> None:
        if self._keep > 0:
            await super().start()

    async def run_once(self) -> list[str]:
        names = await self._repo.index_names()
        drop = expired(names, self._repo.prefix, self._keep, datetime.now(UTC))
        if drop:
            await self._repo.drop_indices(drop)
            log.info("dropped expired events indices %s", drop)
        return drop
