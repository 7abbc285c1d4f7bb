"""Pure rules of routes: names, paths and subdomains, the filters of ``routers.get_routes``,
and what live routers say about a route (status, serving tasks, URLs). No I/O."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from services.queues.filters import order, paging
from shared.errors import ApiError
from shared.patterns import searcher

# A URL path of one or more segments of unreserved characters (RFC 3986), e.g. "/my-model/v1".
_PATH = re.compile(r"^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$")
# A DNS label (RFC 1123), lower case: the left-most part of the router's host name.
_SUBDOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
MAX_NAME = 255


def route_name(name: str) -> str:
    """The stripped name, or 400/12 when empty or too long."""
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ApiError.named("validation_error", f"a route name has 1 to {MAX_NAME} characters", name=name)
    return name


def route_path(path: str | None) -> str:
    """A path with its leading slash (``model`` -> ``/model``, no trailing slash), or 400/12."""
    value = (path or "").strip()
    value = "/" + value.strip("/") if value else ""
    if not _PATH.match(value):
        raise ApiError.named("validation_error", "a path route needs a path of URL-safe segments, like /my-model",
                             path=path)
    return value


def route_subdomain(subdomain: str | None) -> str:
    """A lower-case DNS label, or 400/12."""
    value = (subdomain or "").strip().lower()
    if not _SUBDOMAIN.match(value):
        raise ApiError.named("validation_error", "a subdomain route needs a DNS label (letters, digits, '-')",
                             subdomain=subdomain)
    return value


def normalized(field: str, value: str) -> str:
    """``value`` of a route ``field`` (name, path, subdomain) in its stored form."""
    return {"name": route_name, "path": route_path, "subdomain": route_subdomain}[field](value)


def taken_by(routes: Iterable[Mapping[str, Any]], field: str, value: str, other_than: str | None = None) -> str | None:
    """The id of the route (other than ``other_than``) whose ``field`` is ``value``."""
    for route in routes:
        if route["_id"] != other_than and route.get(field) == value:
            return route["_id"]
    return None


def served(route: Mapping[str, Any], routers: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, str]], list[str]]:
    """What the live ``routers`` report of ``route``: ``[{id, target}]`` of the tasks they
    send its traffic to (each task once) and the route's URLs (each once)."""
    tasks: dict[str, str] = {}
    urls: dict[str, None] = {}
    for router in routers:
        for entry in (router.get("routes") or ()):
            if entry.get("name") != route["name"]:
                continue
            for task in entry.get("tasks") or ():
                if task.get("id"):
                    tasks.setdefault(task["id"], task.get("upstream_server") or "")
            url = entry.get("url") or route_url(router.get("url") or "", route)
            if url:
                urls[url] = None
    return [{"id": t, "target": target} for t, target in tasks.items()], list(urls)


def route_url(router_url: str, route: Mapping[str, Any]) -> str:
    """The public URL of ``route`` on a router reachable at ``router_url``: the path appended
    (``https://router:8080/my-model``) or the subdomain prepended to the host
    (``https://my-model.router:8080``); empty when the router URL has no host."""
    parts = urlsplit(router_url)
    if not parts.scheme or not parts.netloc:
        return ""
    base = router_url.rstrip("/")
    if route.get("type") == "subdomain" and route.get("subdomain"):
        return f"{parts.scheme}://{route['subdomain']}.{parts.netloc}{parts.path.rstrip('/')}"
    return base + (route.get("path") or "")


def http_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL, else 400/12."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ApiError.named("validation_error", "url must be an absolute http(s) URL", url=url)
    return url.strip()


# --- routers.get_routes ---------------------------------------------------------------

def route_filter(query: Any) -> Callable[[Mapping[str, Any]], bool]:
    """The test of a ``GetRoutesRequest``'s filters, its name pattern checked and compiled once
    (400/21 for an unsafe or invalid one)."""
    name_test = searcher(query.name) if query.name is not None else None
    return lambda route: matches(route, query) and (name_test is None or name_test(route["name"]))


def matches(route: Mapping[str, Any], query: Any) -> bool:
    """Whether a stored route passes the filters of a ``GetRoutesRequest`` but its ``name``
    (a regular expression run on a linear-time engine: ``route_filter``); ``search_text`` is a
    case-insensitive substring of name, path or subdomain."""
    checks = (
        query.id is None or route["_id"] in query.id,
        query.type is None or route.get("type") in query.type,
        query.user is None or route.get("user") in query.user,
        query.enabled is None or bool(route.get("enabled")) == query.enabled,
        query.auth_enabled is None or bool(route.get("auth_enabled")) == query.auth_enabled,
        query.path is None or route.get("path") == route_path(query.path),
        query.subdomain is None or route.get("subdomain") == (query.subdomain or "").strip().lower(),
        _texts_contain(route, query.search_text),
        _in_range(route.get("last_update"), query.last_update),
    )
    return all(checks)


def _texts_contain(route: Mapping[str, Any], text: str | None) -> bool:
    if not text:
        return True
    needle = text.lower()
    return any(needle in (route.get(f) or "").lower() for f in ("name", "path", "subdomain"))


def _in_range(when: datetime | None, bounds: Sequence[str] | None) -> bool:
    """ClearML's date filter: ``[from, to]`` (either may be empty) or items with an operator
    prefix (``>=2026-01-01``, ``<2026-02-01``)."""
    if not bounds:
        return True
    if when is None:
        return False
    for index, raw in enumerate(bounds):
        op, value = _bound(raw, "<=" if index else ">=")
        if value is None:
            continue
        stamp = when.replace(tzinfo=value.tzinfo) if value.tzinfo is None or when.tzinfo is None else when
        if not {">=": stamp >= value, ">": stamp > value, "<=": stamp <= value, "<": stamp < value}[op]:
            return False
    return True


def _bound(raw: str | None, default_op: str) -> tuple[str, datetime | None]:
    text = (raw or "").strip()
    op = next((o for o in (">=", "<=", ">", "<") if text.startswith(o)), default_op)
    text = text[len(op):].strip() if text.startswith(op) else text
    if not text:
        return op, None
    try:
        return op, datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError.named("validation_error", "last_update items are ISO dates, optionally after >=, >, <=, <",
                             last_update=raw) from None


_SORTABLE = {"name", "type", "path", "subdomain", "created", "last_update", "enabled", "auth_enabled", "user", "id"}


def sort_routes(routes: list[dict[str, Any]], order_by: Sequence[str] | None) -> list[dict[str, Any]]:
    """Routes in ``order_by`` order, read as the queue listings read it (``filters.order``:
    ``-`` prefix descending, ties by id; default by name); unknown fields -> 400/12. Missing
    values sort first."""
    for stored, descending in reversed(order(order_by or ["name"])):
        field = "id" if stored == "_id" else stored
        if field not in _SORTABLE:
            raise ApiError.named("validation_error", f"routes cannot be ordered by {field!r}", order_by=field)
        routes.sort(key=lambda r: (r.get(stored) is not None, r.get(stored) if r.get(stored) is not None else 0),
                    reverse=descending)
    return routes


def page_of(items: list[Any], page: int | None, page_size: int | None) -> list[Any]:
    """The page of ``items`` the queue listings would answer (``filters.paging``); all of
    them when no paging is asked."""
    if page is None and page_size is None:
        return items
    skip, limit = paging(page, page_size)
    return items[skip:skip + limit]
