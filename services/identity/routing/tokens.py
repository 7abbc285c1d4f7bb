"""Router tokens (``auth.generate_router_token``, ``generate_endpoint_router_token``,
``get_router_tokens``, ``revoke_router_tokens``, ``redirect_to_router``,
``validate_router_code``) and ``internal.verify_router_token``.

Two kinds, both HS256 JWTs signed with the session-token secret (``shared.tokens``) and
stored, so that they are listed and revoked:

- an **identity token** (``identity_token``) is a session token of a user whose session id is
  the stored token's id: a router acting for that user presents it. Revoking it also revokes
  that session as ``auth.logout`` does (stored, and ``SessionRevoked`` published), so every
  gateway refuses it from then on.
- an **endpoint token** (``endpoint_token``, admins) grants access to named endpoints (route
  names or task ids) only. It carries no ``identity`` claim, so the gateway never accepts it
  as an API session.

``redirect_to_router`` sends a browser to a router with a one-time code (60 s) that the
router exchanges with ``validate_router_code`` for an identity token of the browser's user.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import jwt

from services.identity.domain import new_id, token_lifetime
from services.identity.facts import FactPublisher, SessionRevoked
from services.identity.repository import SessionRepository, UserRepository
from services.identity.routing.store import RouterCodeRepository, RouterTokenRepository
from services.identity.settings import MAX_TOKEN_EXPIRATION_S, IdentitySettings
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc
from shared.schemas.generated import auth as api
from shared.schemas.routers import REDIRECT_KEY  # the gateway turns it into a 302
from shared.tokens import ALGORITHM, issue_token

ADMIN_ROLES = frozenset({"admin", "root", "system"})
CODE_LIFETIME_S = 60


class RouterTokens:
    def __init__(self, tokens: RouterTokenRepository, codes: RouterCodeRepository, users: UserRepository,
                 sessions: SessionRepository, publisher: FactPublisher, queues: ProcessRpc,
                 settings: IdentitySettings, clock: Callable[[], datetime]) -> None:
        self._tokens = tokens
        self._sessions = sessions
        self._codes = codes
        self._users = users
        self._publisher = publisher
        self._queues = queues
        self._settings = settings
        self._clock = clock

    async def generate_router_token(self, caller: Identity, request: api.GenerateRouterTokenRequest) -> str:
        """An identity token of the caller, or (admins) of another user of the company."""
        label = _label(request.label)
        user = await self._holder(caller, request.user)
        return await self._identity_token(caller, user, label, request.expiration_sec)

    async def generate_endpoint_router_token(self, caller: Identity,
                                             request: api.GenerateEndpointRouterTokenRequest) -> str:
        """An endpoint token for ``endpoints`` (route names or task ids, at least one)."""
        label = _label(request.label)
        endpoints = list(dict.fromkeys(e.strip() for e in request.endpoints if e and e.strip()))
        if not endpoints:
            raise ApiError.named("validation_error", "endpoints: at least one route name or task id")
        token_id, now, expires = new_id(), self._clock(), self._expiry(request.expiration_sec)
        await self._tokens.insert(self._document(caller, token_id, "endpoint_token", caller.user, label, now,
                                                 expires, endpoints=endpoints, metadata=request.metadata or {}))
        claims = {"router_token": token_id, "type": "endpoint_token", "company": caller.company,
                  "iat": int(now.timestamp()), "exp": int(expires.timestamp())}
        return jwt.encode(claims, self._settings.auth_token_secret, algorithm=ALGORITHM)

    async def get_router_tokens(self, caller: Identity, request: api.GetRouterTokensRequest) -> dict[str, Any]:
        """The company's tokens (an admin's view) or the caller's own, newest first."""
        found = [t for t in await self._tokens.of_company(caller.company)
                 if (request.include_revoked or not t["revoked"]) and _visible(caller, t)]
        found = _ordered(found, request.order_by)
        if request.page is not None or request.page_size is not None:
            size = request.page_size or 500
            found = found[(request.page or 0) * size:((request.page or 0) + 1) * size]
        names = await self._names({t[k] for t in found for k in ("user", "created_by", "revoked_by") if t.get(k)})
        items = [self._view(t, names) for t in found]
        if request.only_fields:
            keep = {f.split(".")[0] for f in request.only_fields} | {"id"}
            items = [{k: v for k, v in item.items() if k in keep} for item in items]
        return {"tokens": items, "max_expiration_sec": MAX_TOKEN_EXPIRATION_S}

    async def revoke_router_tokens(self, caller: Identity, request: api.RevokeRouterTokensRequest) -> int:
        """Revoke tokens the caller may see (all known, else 400/10 and none is revoked)."""
        ids = list(dict.fromkeys(request.ids))
        if not ids:
            raise ApiError.named("validation_error", "ids: the tokens to revoke are required")
        known = {t["_id"]: t for t in await self._tokens.of_company(caller.company) if _visible(caller, t)}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ApiError.named("invalid_id", "no router token with this id", ids=unknown)
        sessions = [(token_id, known[token_id]["expires"].replace(tzinfo=timezone.utc))
                    for token_id in ids if known[token_id]["type"] == "identity_token"]
        for token_id, expires in sessions:  # sessions, as auth.logout revokes one: told first
            await self._publisher.publish(SessionRevoked(token_id, int(expires.timestamp())))
        revoked = await self._tokens.revoke(caller.company, ids, caller.user, self._clock())
        for token_id, expires in sessions:
            await self._sessions.revoke(token_id, expires)  # what a (re)starting gateway loads
        return revoked

    async def verify(self, token: str) -> dict[str, Any]:
        """``internal.verify_router_token``: the live router token's holder and grants."""
        try:
            claims = jwt.decode(token, self._settings.auth_token_secret, algorithms=[ALGORITHM],
                                options={"require": ["exp"]})
        except jwt.ExpiredSignatureError:
            raise ApiError(401, 30, "token expired") from None
        except jwt.InvalidTokenError:
            raise ApiError(401, 30, "token could not be verified") from None
        stored = await self._tokens.get(str(claims.get("router_token") or claims.get("session_id") or ""))
        if stored is None:
            raise ApiError(401, 30, "not a router token")
        if stored["revoked"]:
            raise ApiError.named("blocked_token", "the router token was revoked")
        role = ((claims.get("identity") or {}).get("role")) or "user"
        return {"id": stored["_id"], "type": stored["type"], "company": stored["company"], "user": stored["user"],
                "role": role, "endpoints": stored.get("endpoints") or []}

    async def redirect_to_router(self, caller: Identity, request: api.RedirectToRouterRequest) -> dict[str, Any]:
        """Where to send the browser: the router's URL of the route (path, subdomain, task)
        with a one-time ``code`` for ``validate_router_code``."""
        target = request.model_dump(exclude_none=True, include={"router", "route", "path", "subdomain", "task"})
        url = (await self._queues.call(caller, "internal.router_url", target))["url"]
        code = secrets.token_urlsafe(24)
        await self._codes.insert({"_id": code, "company": caller.company, "user": caller.user,
                                  "router": request.router, "route": request.route, "task": request.task,
                                  "expires": self._clock() + timedelta(seconds=CODE_LIFETIME_S)})
        return {REDIRECT_KEY: f"{url}{'&' if '?' in url else '?'}{urlencode({'code': code})}"}

    async def validate_router_code(self, caller: Identity, request: api.ValidateRouterCodeRequest) -> str:
        """An identity token of the code's user for the router that got the code; the code
        is used up. A wrong, used or expired code, or another router, route or task: 401/30."""
        code = await self._codes.take(request.code)
        now = self._clock()
        if (code is None or code["company"] != caller.company or code["router"] != request.router
                or _expired(code["expires"], now)
                or (request.route and code.get("route") and request.route != code["route"])
                or (request.task and code.get("task") and request.task != code["task"])):
            raise ApiError(401, 30, "invalid or expired router code")
        user = await self._holder(Identity(company=code["company"], user=code["user"]), None)
        return await self._identity_token(caller, user, f"router {request.router}", None)

    # --- helpers --------------------------------------------------------------------------

    async def _holder(self, caller: Identity, user_id: str | None) -> Any:
        if user_id and user_id != caller.user and caller.role not in ADMIN_ROLES:
            raise ApiError.named("role_not_allowed", "only admins generate router tokens for other users")
        user = await self._users.get(user_id or caller.user)
        if user is None or user.company != caller.company:
            raise ApiError.named("invalid_user_id", id=user_id or caller.user)
        return user

    async def _identity_token(self, caller: Identity, user: Any, label: str, expiration_sec: int | None) -> str:
        token_id, now, expires = new_id(), self._clock(), self._expiry(expiration_sec)
        await self._tokens.insert(self._document(caller, token_id, "identity_token", user.id, label, now, expires))
        holder = Identity(company=user.company, user=user.id, role=user.role, user_name=user.name,
                          company_name=caller.company_name)
        settings = self._settings
        lifetime = max(1, int((expires - now).total_seconds()))
        return issue_token(settings.auth_token_secret, holder, session_id=token_id, expires_in=lifetime,
                           api_version=settings.api_version, server_version=settings.server_version,
                           server_build=settings.server_build, feature_set=settings.feature_set)

    def _expiry(self, expiration_sec: int | None) -> datetime:
        if expiration_sec is not None and expiration_sec <= 0:
            raise ApiError.named("validation_error", "expiration_sec: seconds, more than 0")
        seconds = token_lifetime(expiration_sec, self._settings.token_expiration_s, MAX_TOKEN_EXPIRATION_S)
        return self._clock() + timedelta(seconds=seconds)

    @staticmethod
    def _document(caller: Identity, token_id: str, kind: str, user: str, label: str, now: datetime,
                  expires: datetime, **extra: Any) -> dict[str, Any]:
        return {"_id": token_id, "company": caller.company, "type": kind, "user": user,
                "created_by": caller.user, "label": label, "created": now, "expires": expires,
                "revoked": False, "revoked_at": None, "revoked_by": None, **extra}

    async def _names(self, ids: set[str]) -> dict[str, str]:
        names = {}
        for user_id in ids:
            user = await self._users.get(user_id)
            names[user_id] = user.name if user else ""
        return names

    @staticmethod
    def _view(token: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        view = {k: v for k, v in token.items() if k not in ("company",) and v is not None}
        for key in ("user", "created_by", "revoked_by"):
            if token.get(key):
                view[key] = {"id": token[key], "name": names.get(token[key], "")}
        if "endpoints" in view:
            view["endpoints"] = [{"name": e} for e in view["endpoints"]]
        return to_api(view)


def _label(label: str) -> str:
    label = (label or "").strip()
    if not label:
        raise ApiError.named("validation_error", "label: a token needs a label")
    return label


def _visible(caller: Identity, token: dict[str, Any]) -> bool:
    return caller.role in ADMIN_ROLES or caller.user in (token.get("user"), token.get("created_by"))


def _expired(expires: datetime, now: datetime) -> bool:
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=timezone.utc)
    return expires <= (now if now.tzinfo else now.replace(tzinfo=timezone.utc))


_ORDERABLE = {"created", "expires", "label", "type", "revoked", "revoked_at", "user", "id"}


def _ordered(tokens: list[dict[str, Any]], order_by: list[str] | None) -> list[dict[str, Any]]:
    keys = [k for k in (order_by or ["-created"]) if k]
    for key in reversed(keys):
        field = key.lstrip("-")
        if field not in _ORDERABLE:
            raise ApiError.named("validation_error", f"tokens cannot be ordered by {field!r}", order_by=key)
        stored = "_id" if field == "id" else field
        tokens.sort(key=lambda t: (t.get(stored) is not None, t.get(stored) if t.get(stored) is not None else 0),
                    reverse=key.startswith("-"))
    return tokens


