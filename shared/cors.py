"""CORS answers of Cairn's HTTP processes (the API gateway, the files server).

The stock web UI calls both from another origin *with credentials* (its session cookie), as
it does clearml-server's. A browser then takes ``*`` literally in ``Allow-Origin`` and
``Allow-Headers`` (a header named ``*``), so the page's origin and the headers its preflight
asks for are echoed back instead. A request without ``Origin`` is no cross-origin call: it
gets no CORS headers at all (never a wildcard next to ``Allow-Credentials: true``), nor does
the opaque origin ``null`` (a sandboxed page, such as an HTML object of the files server).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def cors_headers(headers: Mapping[str, str], methods: str, default_headers: str,
                 expose: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The CORS headers answering a request with (lower-case) ``headers``."""
    origin = headers.get("origin", "").strip()
    if not origin or origin == "null":  # a sandboxed page or a file: never given credentials
        return []
    requested = headers.get("access-control-request-headers", "").strip()
    cors = [
        ("access-control-allow-origin", origin),
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", methods),
        ("access-control-allow-headers", requested or default_headers),
        ("access-control-max-age", "600"),
        ("vary", "Origin"),
    ]
    if expose:
        cors.append(("access-control-expose-headers", ", ".join(expose)))
    return cors
