"""Cairn's own (internal) request shapes of the routers: what identity's router tokens and
the queues process's routers room ask each other. The ClearML ``routers.*`` and router
``auth.*`` endpoints use the generated models as they are."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


# ``auth.redirect_to_router`` answers ``{REDIRECT_KEY: url}``; the gateway sends the browser a
# 302 to ``url`` (with the envelope of the remaining data as its body).
REDIRECT_KEY = "cairn_redirect"


class _Internal(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RouterUrlRequest(_Internal):
    """``internal.router_url`` (queues; for identity's ``auth.redirect_to_router``): the URL a
    live ``router`` of the caller's company serves a route (by name), a path, a subdomain or a
    task at (only the router: its own URL). Answers ``{"url": ...}``; 400/10 for an unknown
    router, route or task."""

    router: str = Field(min_length=1)
    route: str | None = None
    path: str | None = None
    subdomain: str | None = None
    task: str | None = None


class VerifyRouterTokenRequest(_Internal):
    """``internal.verify_router_token`` (identity; for ``routers.check_task_route_access``):
    a router token's ``{id, type, company, user, role, endpoints}``; 401/30 when it is not a
    live router token, 401/31 when revoked."""

    token: str = Field(min_length=1)


INTERNAL_REQUESTS: dict[str, type[BaseModel]] = {
    "internal.router_url": RouterUrlRequest,
    "internal.verify_router_token": VerifyRouterTokenRequest,
}
