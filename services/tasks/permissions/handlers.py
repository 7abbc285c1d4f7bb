"""``scoped``: the wrapper that answers a ClearML endpoint under the caller's access
(``scope.bound``). The room's internal actions (``internal.check_access``,
``internal.event_targets``) are listed in the process's endpoint table."""

from __future__ import annotations

from typing import Any

from services.tasks.permissions import PermissionsRoom
from services.tasks.permissions.scope import bound
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.rpc_server import Handler


def scoped(room: PermissionsRoom, handler: Handler) -> Handler:
    """``handler`` run with the caller's ``CallerAccess`` current (none for an anonymous or
    unrestricted caller), so the guarded repositories enforce the rules."""

    async def handle(request: RequestEnvelope) -> Any:
        access = await room.resolver.resolve(request.identity) if request.identity is not None else None
        with bound(access):
            return await handler(request)

    handle.__name__ = handler.__name__
    return handle

