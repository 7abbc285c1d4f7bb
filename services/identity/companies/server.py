"""``server.*`` beyond ``server.info``: what the server says about itself.

``server.report_stats_option`` is called by the web UI on every page. clearml-server asks
there whether the company agreed to send anonymous usage statistics to ClearML; Cairn sends
none anywhere, so it answers as a clearml-server whose statistics reporting is not
supported (``{"supported": false}``, whatever the caller sends): the UI then never offers
the opt-in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from services.identity.settings import IdentitySettings
from services.identity.store.companies import MongoCompanyDirectory
from shared.endpoints import IMPLEMENTED, SERVICE_PROCESSES, endpoint_table, format_version
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.process_rpc import INTERNAL_API_VERSION, ProcessRpc, RpcCaller
from shared.messaging.rpc_server import PING

# The settings ``server.config`` shows: none of them a secret, an address or a credential.
PUBLIC_SETTINGS = (
    "company_id", "company_name", "admin_name", "token_expiration_s", "server_version", "server_build",
    "api_version", "feature_set", "rpc_timeout_s", "log_level", "dev_mode",
)


def report_stats_option() -> dict[str, Any]:
    """``server.report_stats_option``: statistics reporting is not supported."""
    return {"supported": False}


def server_endpoints() -> dict[str, Any]:
    """``server.endpoints``: every endpoint this server answers, with the API versions from
    which each of its handlers serves (ascending)."""
    implemented = frozenset().union(*IMPLEMENTED.values())
    table = endpoint_table()
    return {"endpoints": {
        name: [format_version(version) for version in table[name].min_versions]
        for name in sorted(table) if name in implemented
    }}


# How long ``server.health_status`` waits for a process to answer its ping.
PING_TIMEOUT_S = 3.0


def process_pings(rpc: RpcCaller) -> Callable[[], Awaitable[dict[str, str | None]]]:
    """Each other Cairn process pinged over RPC (its RPC server answers by itself): None, or
    why it did not answer. Identity, answering the caller, is up."""
    async def ping(process: str) -> str | None:
        request = RequestEnvelope(endpoint=PING, requested_version=INTERNAL_API_VERSION, payload={})
        try:
            await rpc.call(process, request, timeout=PING_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - a silent process is the answer, not an error
            return str(exc) or type(exc).__name__
        return None

    async def pings() -> dict[str, str | None]:
        others = [process for process in SERVICE_PROCESSES if process != "identity"]
        return dict(zip(others, await asyncio.gather(*(ping(process) for process in others))))
    return pings


class ServerState:
    """The use cases that read the server's state."""

    def __init__(self, settings: IdentitySettings, directory: MongoCompanyDirectory, queues: ProcessRpc,
                 uid: Callable[[], Awaitable[str]], ping: Callable[[], Awaitable[Any]],
                 clock: Callable[[], datetime],
                 processes: Callable[[], Awaitable[dict[str, str | None]]] | None = None) -> None:
        self._settings = settings
        self._directory = directory
        self._queues = queues
        self._uid = uid
        self._ping = ping
        self._clock = clock
        self._processes = processes

    def config(self, path: str | None) -> Any:
        """``server.config``: the server's settings without any secret (clearml-server leaves
        out its ``secure`` section); ``path`` (dotted) answers one part, an unknown one 400/12."""
        config: Any = {name: getattr(self._settings, name) for name in PUBLIC_SETTINGS}
        for key in path.split(".") if path else []:
            if not isinstance(config, dict) or key not in config:
                raise ApiError.named("validation_error", f"no configuration at {path}", path=path)
            config = config[key]
        return config if isinstance(config, dict) else {"value": config}

    async def get_stats(self, identity: Identity) -> dict[str, Any]:
        """``server.get_stats``: the statistics report of the caller's company, as clearml-server
        would send it (Cairn sends it nowhere): its users and queues counted. Experiment
        statistics, resources and agents are not collected: they answer empty."""
        uid, members, queues = await asyncio.gather(
            self._uid(), self._directory.members(identity.company),
            self._queues.call(identity, "queues.get_all", {"only_fields": ["id"]}),
        )
        return {
            "time": self._clock().isoformat(),
            "company_id": identity.company,
            "server": {
                "version": self._settings.server_version,
                "deployment": "cairn",
                "uuid": uid,
                "queues": {"count": len(queues.get("queues") or [])},
                "users": {"count": len(members)},
                "resources": {},
                "experiments": {},
            },
            "agents": [],
        }

    async def health_check(self) -> dict[str, Any]:
        """``server.health_check`` (Enterprise): ``errors`` names each store that failed."""
        error = await self._store_error()
        return {"errors": {"mongo": error} if error else {}}

    async def health_status(self) -> dict[str, Any]:
        """``server.health_status`` (Enterprise): under ``dbs``, identity's MongoDB and each
        other Cairn process (which own the other stores), ``"ok"`` or why it failed;
        ``failed`` when one did."""
        errors = {"mongo": await self._store_error(), **(await self._processes() if self._processes else {})}
        return {"dbs": {name: error or "ok" for name, error in errors.items()},
                "failed": any(error is not None for error in errors.values())}

    async def _store_error(self) -> str | None:
        try:
            await self._ping()
        except Exception as exc:  # noqa: BLE001 - a failed store is the answer, not an error
            return str(exc) or type(exc).__name__
        return None
