"""uvicorn as a component of a process's App (started and stopped with the rest)."""

from __future__ import annotations

import asyncio
import contextlib

import uvicorn


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the process's App decides when to stop."""

    @contextlib.contextmanager
    def capture_signals(self):  # uvicorn >= 0.29
        yield

    def install_signal_handlers(self) -> None:  # older uvicorn
        return None


class HttpServer:
    def __init__(self, app, host: str, port: int, name: str = "http") -> None:
        config = uvicorn.Config(
            app, host=host, port=port, lifespan="off", access_log=False, log_level="warning",
            timeout_keep_alive=30, server_header=False,
        )
        self._server = _Server(config)
        self._name = name
        self._task: asyncio.Task | None = None

    @property
    def port(self) -> int:
        """The bound port (useful with port 0)."""
        return self._server.servers[0].sockets[0].getsockname()[1]

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve(), name=self._name)
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises why it could not start (e.g. port in use)
                raise RuntimeError("the HTTP server stopped before it started")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task:
            await asyncio.wait([self._task], timeout=10)
