"""The gateway's one use case: turn an HTTP request into a routed, authenticated, validated
call to the owning service, and its answer into the ClearML envelope.

Steps (ARCHITECTURE section 2): parse the URL, look the endpoint up, resolve the version,
authenticate, check the role, validate the body, send it to the owning process keyed by the
entity id, wrap the reply. Any failure becomes an envelope with ClearML's code and subcode;
nothing is forwarded after a failed step.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson
from opentelemetry.trace import SpanKind
from pydantic import BaseModel, ValidationError

from services.gateway.auth import Authenticator
from services.gateway.envelope import CallInfo, envelope, raw_body, split_redirect
from services.gateway.ingest import ACK_HEADER, EventIngest
from services.gateway.parsing import parse_body, parse_path
from shared import metrics
from shared.endpoints import Endpoint, Version, format_version
from shared.errors import ApiError, invalid_request
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.messaging.rpc_server import error_from_exception
from shared.messaging.topics import MAX_MESSAGE_BYTES
from shared.telemetry import correlation_id, span, tracer
from shared.tokens import COOKIE

log = logging.getLogger(__name__)
_tracer = tracer("cairn.gateway")

# A request travels as one Kafka message: a larger body is refused before it is parsed (the
# SDK sends at most 15 MB per batch request).
MAX_BODY = MAX_MESSAGE_BYTES

# Fields that name the entity a call is about: requests about one entity share a Kafka key,
# so the owning service applies them in order.
_ENTITY_FIELDS = ("task", "project", "model", "queue", "dataset", "worker", "id", "name")
# Hyper-Datasets calls name the version, dataview or scroll they change before the dataset:
# the frame batches of a version (``save_frames`` names nothing else), its commit and its
# publish run in order. Other processes' ``version`` fields are not entities (a terms-of-use
# or app version would key every such call alike).
_ENTITY_FIELDS_OF = {"datasets": ("version", "dataview", "scroll_id", *_ENTITY_FIELDS)}
_SESSION_MAX_S = 31536000


# Event batches travel on the ingest topic (ARCHITECTURE section 3), keyed by task; the
# events service answers them like RPC requests once they are indexed (services.gateway.ingest).
INGEST_ENDPOINTS = frozenset({"events.add", "events.add_batch"})


class RpcCaller(Protocol):
    async def call(self, process: str, request: RequestEnvelope, key: str | None = None) -> Any: ...


@dataclass
class HttpRequest:
    method: str
    path: str
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    # The body passed the gateway's limit and was not read to its end.
    too_large: bool = False
    client: str = ""  # the peer's address


@dataclass
class HttpResponse:
    status: int
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


def entity_key(payload: Any, process: str = "") -> str | None:
    """The Kafka key of a call to ``process``: the first entity id its payload names."""
    if isinstance(payload, dict):
        for name in _ENTITY_FIELDS_OF.get(process, _ENTITY_FIELDS):
            value = payload.get(name)
            if isinstance(value, str) and value:
                return value
    return None


def caller_address(request: HttpRequest) -> str | None:
    """What a key's ``last_used_from`` records, as ClearML does: the worker id the call names,
    else the caller's real address (behind a proxy: ``X-Real-IP`` / ``X-Forwarded-For``)."""
    headers = request.headers
    worker = headers.get("x-clearml-worker") or headers.get("x-trains-worker")
    forwarded = headers.get("x-forwarded-for", "").split(",")[0].strip()
    return worker or headers.get("x-real-ip") or forwarded or request.client or None


class ApiGateway:
    def __init__(
        self,
        table: Mapping[str, Endpoint],
        request_models: Mapping[str, type[BaseModel]],
        authenticator: Authenticator,
        rpc: RpcCaller,
        max_version: Version,
        ingest: EventIngest | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self._max_body = max_body
        self._ingest = ingest
        self._table = table
        self._models = request_models
        self._auth = authenticator
        self._rpc = rpc
        self._max_version = max_version

    async def handle(self, request: HttpRequest) -> HttpResponse:
        call_id = uuid.uuid4().hex
        trx = request.headers.get("x-clearml-trx") or request.headers.get("x-trains-trx") or call_id
        call = CallInfo(id=call_id, trx=trx)
        token = correlation_id.set(call_id)
        began = time.perf_counter()
        with span(_tracer, "api call", kind=SpanKind.SERVER) as current:
            try:
                data = await self._call(request, call)
                raw = raw_body(call.name, data)  # a file answer (events.download_task_log) skips the envelope
                data, location = split_redirect(call.name, data)  # auth.redirect_to_router: a 302
                if location:
                    call.extra_headers.append(("location", location))
                response = (HttpResponse(200, raw.body, raw.headers(call.trx)) if raw
                            else self._respond(call, envelope(call, data=data), 302 if location else 200))
            except Exception as exc:  # noqa: BLE001 - every failure becomes a ClearML envelope
                error = error_from_exception(exc)
                if error is not exc:
                    log.exception("unexpected failure in %s", call.name)
                response = self._respond(call, envelope(call, error=error), error.code)
            current.set_attribute("clearml.endpoint", call.name or "")
            current.set_attribute("http.status_code", response.status)
        # Only catalogue names label the series: a made-up path must not grow the registry.
        known = call.name if call.name in self._table else "unknown"
        metrics.observe_request(known, response.status, time.perf_counter() - began)
        correlation_id.reset(token)
        return response

    async def _call(self, request: HttpRequest, call: CallInfo) -> Any:
        endpoint = self._route(request, call)
        if request.too_large:
            raise ApiError(413, 0, f"request body too large: at most {self._max_body // (1024 * 1024)} MB")
        if request.headers.get("content-encoding"):
            raise ApiError(415, 0, "content encoding is not supported")
        payload = parse_body(request.headers.get("content-type", ""), request.body, request.query)
        identity = await self._authenticate(endpoint, request)
        if not endpoint.implemented:
            raise ApiError(500, 9999, f"{endpoint.name} is not implemented in Cairn yet")
        if endpoint.name not in INGEST_ENDPOINTS:
            # An event's model takes any object (shared/schemas/events.py), which parsing has
            # checked; the events service judges each event. 500 model checks a batch: a fifth
            # of the gateway's CPU on the SDK's scalar batches.
            self._validate(endpoint, payload)
        envelope_in = RequestEnvelope(
            endpoint=endpoint.name,
            requested_version=format_version(call.requested),
            actual_version=format_version(call.actual),
            trx=call.trx,
            identity=identity,
            payload=payload,
            worker=request.headers.get("x-clearml-worker") or request.headers.get("x-trains-worker") or "",
        )
        data = await self._send(endpoint, envelope_in, payload, request.headers.get(ACK_HEADER, ""))
        self._after(endpoint.name, identity, data, call)
        return data

    async def _send(self, endpoint: Endpoint, request: RequestEnvelope, payload: Any, ack: str) -> Any:
        if endpoint.name in INGEST_ENDPOINTS and self._ingest is not None:
            return await self._ingest.send(request, ack)
        key = None if endpoint.reads_only else entity_key(payload, endpoint.process)
        return await self._rpc.call(endpoint.process, request, key=key)

    def _route(self, request: HttpRequest, call: CallInfo) -> Endpoint:
        parsed = parse_path(request.path)
        if parsed is None:
            raise ApiError(404, 0, f"invalid request path {request.path!r}")
        call.name = parsed.name
        call.requested = parsed.version or self._max_version
        endpoint = self._table.get(parsed.name)
        actual = endpoint.resolve(call.requested) if endpoint else None
        if endpoint is None or actual is None:
            version = format_version(call.requested)
            message = f"Unable to find endpoint for name {parsed.name} and version {version}"
            raise ApiError.from_dict({"code": 404, "subcode": 0, "msg": message})
        call.actual = actual
        return endpoint

    async def _authenticate(self, endpoint: Endpoint, request: HttpRequest) -> Identity | None:
        if endpoint.authorize is False:
            return None
        try:
            identity = await self._auth.authenticate(
                request.headers.get("authorization", ""), request.headers.get("cookie", ""), caller_address(request)
            )
        except ApiError as refused:
            if endpoint.authorize or refused.code != 401:
                raise
            identity = None  # optional authentication: bad credentials count as none (ClearML)
        if identity is None:
            if endpoint.authorize:
                raise ApiError(401, 20, "no credentials were sent")
            return None
        # The roles are checked on the identity the call acts under, as ClearML does.
        identity = await self._auth.impersonation(identity, request.headers)
        if endpoint.authorize and not endpoint.allows(identity.role):
            raise ApiError(403, 20, f"role {identity.role!r} may not call {endpoint.name}")
        return identity

    def _validate(self, endpoint: Endpoint, payload: Any) -> None:
        model = self._models.get(endpoint.name)
        if model is None:
            return
        try:
            if isinstance(payload, list):
                for item in payload:
                    model.model_validate(item)
            else:
                model.model_validate(payload)
        except ValidationError as exc:
            raise invalid_request(exc.errors(), endpoint.name) from None

    def _after(self, name: str, identity: Identity | None, data: Any, call: CallInfo) -> None:
        """Edge effects of the login endpoints: the session cookie and local revocation."""
        # An SSO login (login.sso_callback) opens a session as auth.login does.
        if name in ("auth.login", "login.sso_callback") and isinstance(data, dict) and data.get("token"):
            call.extra_headers.append(
                ("set-cookie", f"{COOKIE}={data['token']}; Path=/; Max-Age={_SESSION_MAX_S}; HttpOnly; SameSite=Lax")
            )
        elif name in ("auth.logout", "login.logout"):
            if identity is not None and identity.session_id:
                self._auth.revoked.add(identity.session_id, time.time() + _SESSION_MAX_S)
            call.extra_headers.append(("set-cookie", f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"))

    @staticmethod
    def _respond(call: CallInfo, body: dict, status: int) -> HttpResponse:
        headers = [("content-type", "application/json"), ("x-clearml-trx", call.trx), *call.extra_headers]
        return HttpResponse(status=status, body=orjson.dumps(body), headers=headers)
