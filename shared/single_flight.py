"""Concurrent calls with equal arguments answered by one call.

Why (measured, issue 19): the gateway trusts a verified key/secret pair for a short time; when
it expires under load, every request in flight at that moment (32 or 128 of the benchmark's)
asked the identity process to verify the same pair at once, each a password hash there, and
the herd took longer than the RPC timeout: 503s for every waiting caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class SingleFlight(Generic[T]):
    """``await flight(*args)``: ``fn(*args)``, shared by every caller that asks with equal
    ``args`` while it runs; each caller gets its result or its exception. Nothing is kept once
    it ends (a later call runs ``fn`` again). A caller that stops waiting does not stop the
    call for the others."""

    def __init__(self, fn: Callable[..., Awaitable[T]]) -> None:
        self._fn = fn
        self._running: dict[tuple[Hashable, ...], asyncio.Future[T]] = {}

    async def __call__(self, *args: Hashable) -> T:
        running = self._running.get(args)
        if running is None:
            running = asyncio.ensure_future(self._fn(*args))
            self._running[args] = running
            running.add_done_callback(lambda done, key=args: self._ended(key, done))
        return await asyncio.shield(running)

    def _ended(self, key: tuple[Hashable, ...], done: asyncio.Future[T]) -> None:
        self._running.pop(key, None)
        if not done.cancelled():
            done.exception()  # retrieved: every caller may have stopped waiting
