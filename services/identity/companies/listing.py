"""Reading every entity a listing of another process selects, page by page."""

from __future__ import annotations

from typing import Any

from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

PAGE_SIZE = 500  # the most one get_all page holds


async def read_all(rpc: ProcessRpc, identity: Identity, endpoint: str, answer: str, body: dict[str, Any],
                   limit: int | None = None) -> list[dict[str, Any]]:
    """The entities ``endpoint`` answers under ``answer`` for ``body``, every page (at most
    ``limit``)."""
    found: list[dict[str, Any]] = []
    page = 0
    while limit is None or len(found) < limit:
        size = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - len(found))
        data = await rpc.call(identity, endpoint, {**body, "page": page, "page_size": size})
        entities = data.get(answer) or []
        found.extend(entities)
        if len(entities) < size:
            break
        page += 1
    return found
