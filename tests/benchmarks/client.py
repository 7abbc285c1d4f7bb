"""The HTTP side every benchmark shares: the stack's admin credentials and one checked call."""

from __future__ import annotations

import base64

import aiohttp


def auth_headers(stack) -> dict[str, str]:
    """Basic auth with the stack's admin key and secret."""
    return {"Authorization": "Basic " + base64.b64encode(f"{stack.key}:{stack.secret}".encode()).decode()}


async def post(http: aiohttp.ClientSession, endpoint: str, body: dict, attempts: int = 1) -> dict:
    """One call answered 200 -> its data; ``attempts`` > 1 retries a 503 (setup steps only,
    never measured calls)."""
    for attempt in range(attempts):
        async with http.post(f"/v2.23/{endpoint}", json=body) as response:
            payload = await response.json()
            if response.status == 503 and attempt + 1 < attempts:
                continue
            assert response.status == 200, payload["meta"]
            return payload["data"]
    raise AssertionError("unreachable")
