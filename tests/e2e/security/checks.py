"""What every security test asserts about a refusal: the ClearML envelope and nothing else."""

from __future__ import annotations

import base64

import httpx

# What a stack trace or an internal error would leak into an answer.
LEAKS = ("Traceback", "File \"/", "Exception", "pymongo", "aiokafka", "jwt.exceptions")


def assert_envelope(response: httpx.Response, code: int, subcodes: tuple[int, ...] | None = None) -> dict:
    """``response`` is HTTP ``code`` with a ClearML error envelope of the same code (and one of
    ``subcodes``), empty data, no stack and no internals in its text; returns its meta."""
    assert response.status_code == code, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"meta", "data"}, body
    meta = body["meta"]
    assert meta["result_code"] == code, meta
    if subcodes is not None:
        assert meta["result_subcode"] in subcodes, meta
    assert body["data"] == {}, body
    assert not meta.get("error_stack"), meta
    assert not any(leak in response.text for leak in LEAKS), response.text[:500]
    return meta


def assert_unauthorized(response: httpx.Response) -> dict:
    """401 in ClearML's envelope: the call was refused before it reached a service."""
    return assert_envelope(response, 401)


def basic(raw: bytes) -> dict[str, str]:
    """An ``Authorization: Basic`` header carrying ``raw`` (any bytes) base64-encoded."""
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}
