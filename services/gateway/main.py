"""Composition root of the gateway: the only place its parts are wired."""

from __future__ import annotations

import asyncio

from services.gateway.auth import Authenticator
from services.gateway.changes import IdentityChangesListener
from services.gateway.http import AsgiApp
from shared.http_server import HttpServer
from services.gateway.ingest import EventIngest
from services.gateway.service import ApiGateway
from services.gateway.settings import GatewaySettings
from shared.endpoints import IMPLEMENTED, endpoint_table, format_version, max_api_version
from shared.messaging.admin import ensure_topics
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import PING
from shared.messaging.topics import TOPIC_CONFIG, events_ingest_topic, rpc_topic
from shared.runtime import App, Hook, serve, tune_gc
from shared.schemas.auth import VerifyCredentialsRequest
from shared.schemas.openapi import build_openapi
from shared.schemas.registry import request_models
from shared.single_flight import SingleFlight

VERIFY_CREDENTIALS = "internal.verify_credentials"
IMPERSONATE = "internal.impersonate"


def _internal(endpoint: str, payload: dict | None = None) -> RequestEnvelope:
    return RequestEnvelope(endpoint=endpoint, requested_version=format_version(max_api_version()), payload=payload or {})


def _verify(key: str, secret: str, address: str | None) -> RequestEnvelope:
    request = VerifyCredentialsRequest(access_key=key, secret_key=secret, address=address)
    return _internal(VERIFY_CREDENTIALS, request.model_dump(exclude_unset=True))


def create_app(settings: GatewaySettings) -> App:
    rpc = RpcClient(settings)

    async def verify_credentials(key: str, secret: str, address: str | None) -> tuple[Identity, float | None]:
        data = await rpc.call("identity", _verify(key, secret, address), key=key)
        return Identity(**data["identity"]), data.get("expire")

    async def impersonate(caller: Identity, user: str, act_as: bool) -> Identity:
        request = _internal(IMPERSONATE, {"user": user, "act_as": act_as}).model_copy(update={"identity": caller})
        data = await rpc.call("identity", request, key=user)
        return Identity(**data["identity"])

    async def ready() -> dict[str, bool]:
        async def ping(process: str) -> bool:
            try:
                await rpc.call(process, _internal(PING), timeout=settings.gateway_ready_timeout_s)
                return True
            except Exception:  # noqa: BLE001 - not ready, whatever the reason
                return False

        names = sorted(IMPLEMENTED)
        return dict(zip(names, await asyncio.gather(*(ping(p) for p in names))))

    async def create_rpc_topics() -> None:
        topics = {rpc_topic(settings.topic_prefix, p): settings.rpc_partitions for p in IMPLEMENTED}
        await ensure_topics(settings.kafka_bootstrap, topics, TOPIC_CONFIG)

    # One verification at a time per pair: when a cached pair expires under load, the calls in
    # flight wait for one answer instead of each asking identity (shared.single_flight).
    auth = Authenticator(settings.auth_token_secret, SingleFlight(verify_credentials), settings.gateway_basic_cache_s,
                         impersonate)
    ingest = EventIngest(rpc, events_ingest_topic(settings.topic_prefix), settings.auth_token_secret,
                         settings.events_ack)
    max_body = settings.gateway_max_body_mb * 1024 * 1024
    gateway = ApiGateway(endpoint_table(), request_models(), auth, rpc, max_api_version(), ingest, max_body)
    return App(
        "gateway",
        [
            Hook(start=create_rpc_topics),
            rpc,
            IdentityChangesListener(settings, auth),
            HttpServer(AsgiApp(gateway, ready, build_openapi, max_body), settings.gateway_host, settings.gateway_port),
        ],
    )


def main() -> None:
    tune_gc()
    serve("gateway", GatewaySettings, create_app)
