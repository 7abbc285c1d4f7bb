"""Running a Cairn process: settings, logging, tracing, start in order, stop in reverse on a signal.

Each ``services/<process>/main.py`` has ``create_app(settings) -> App`` (the only place where
things are wired) and ``main()``, which calls :func:`serve`.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Protocol

from shared import metrics
from shared.messaging import kafka
from shared.settings import SharedSettings, load_settings
from shared.telemetry import setup_logging, setup_tracing

log = logging.getLogger(__name__)


class Component(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


class App:
    """The components of one process, started in order and stopped in reverse order."""

    def __init__(self, name: str, components: list[Component]) -> None:
        self.name = name
        self.components = components
        self._started: list[Component] = []

    async def start(self) -> None:
        try:
            for component in self.components:
                await component.start()
                self._started.append(component)
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        while self._started:
            component = self._started.pop()
            try:
                await component.stop()
            except Exception:  # noqa: BLE001 - keep stopping the rest
                log.exception("failed to stop %s", type(component).__name__)


class Hook:
    """A component made of two coroutines (for things such as seeding or closing a client)."""

    def __init__(self, start=None, stop=None) -> None:
        self._start, self._stop = start, stop

    async def start(self) -> None:
        if self._start:
            await self._start()

    async def stop(self) -> None:
        if self._stop:
            await self._stop()


class Periodic:
    """A component calling ``tick`` every ``interval_s`` seconds (the first call after one
    interval, or at once with ``first_now``); a failing tick is logged and the next one tries
    again. ``stop`` cancels the loop."""

    def __init__(self, name: str, interval_s: float, tick: Callable[[], Awaitable[object]],
                 first_now: bool = False) -> None:
        self._name, self._interval, self._tick, self._first_now = name, interval_s, tick, first_now
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self._name)

    async def _run(self) -> None:
        if not self._first_now:
            await asyncio.sleep(self._interval)
        while True:
            try:
                await self._tick()
            except Exception:  # noqa: BLE001 - the next tick tries again
                log.exception("%s failed", self._name)
            await asyncio.sleep(self._interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None


def tune_gc() -> None:
    """For a process whose requests carry big JSON bodies (the gateway, datasets): a frame
    batch is a million small objects (1,000 frames a call), and with the collector's default
    thresholds full collections walked them on nearly every call (measured in the datasets
    process: parsing a save_frames request 37-43 ms on average, 9-11 ms with these settings;
    save_frames 0.19x -> 0.25x of raw bulk, 0.29x with the gateway tuned too). The objects of
    start-up are frozen out of every collection; young collections run 70x less often.
    Called before ``serve``, once the modules are imported."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    keep_freed_memory()


# glibc mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_TOP_PAD = -1, -2


def keep_freed_memory(pad_bytes: int = 32 * 1024 * 1024) -> None:
    """Keep up to ``pad_bytes`` of freed heap instead of giving it back to the system at once.
    Bodies of 100 KB-1 MB (an event batch, its Kafka message, a bulk request and its answer)
    are allocated and freed on every call; with glibc's defaults the heap's top is returned
    and faulted in again each time, and on this machine's VM a page fault is expensive
    (measured: joining 1,000 lines of 200 bytes took 300-500 us with the defaults, 10-50 us
    with this). Costs at most ``pad_bytes`` of resident memory the process had used anyway. A no-op
    where the C library is not glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_TOP_PAD, pad_bytes)
        libc.mallopt(_M_TRIM_THRESHOLD, 2 * pad_bytes)
    except (OSError, AttributeError):  # not glibc
        pass


def serve(process: str, settings_cls: type[SharedSettings], create_app: Callable[[SharedSettings], App]) -> None:
    """Entry point of ``python -m services.<process>``: runs until SIGINT or SIGTERM."""
    settings = load_settings(settings_cls)
    kafka.configure(settings)
    metrics.configure(process)
    setup_logging(process, settings.log_level)
    setup_tracing(process, console=settings.otel_console, otlp_endpoint=settings.otel_endpoint)
    try:
        import uvloop  # the faster event loop, where the platform has it
    except ImportError:  # pragma: no cover
        asyncio.run(_run(with_probes(create_app(settings), settings)))
    else:
        uvloop.run(_run(with_probes(create_app(settings), settings)))


def with_probes(app: App, settings: SharedSettings) -> App:
    """The app, serving /metrics, /livez and /readyz first when ``CAIRN_METRICS_PORT`` is set
    (first: liveness answers while the rest starts; readiness waits for the dependencies)."""
    if settings.metrics_port is not None:
        from shared.http_server import HttpServer

        app.components.insert(0, HttpServer(metrics.ProbeApp(), settings.metrics_host, settings.metrics_port,
                                            name="metrics"))
    return app


async def _run(app: App) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.start()
    log.info("%s ready", app.name)
    await stop.wait()
    log.info("%s stopping", app.name)
    await app.stop()
