"""Helpers of the e2e tests that call the gateway over HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx


def call(http: httpx.Client, endpoint: str, body: dict[str, Any], version: str = "2.23") -> dict[str, Any]:
    """The answer data of a call that must succeed."""
    response = http.post(f"/v{version}/{endpoint}", json=body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def meta(response: httpx.Response) -> tuple[int, int]:
    """(result_code, result_subcode) of an answer."""
    body = response.json()["meta"]
    return body["result_code"], body["result_subcode"]


def unique(prefix: str) -> str:
    """A name no other test uses (many tests share one stack)."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
