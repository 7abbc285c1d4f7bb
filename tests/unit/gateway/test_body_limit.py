"""The request body limit is a setting (``CAIRN_GATEWAY_MAX_BODY_MB``): a larger body is
refused with a 413 envelope once it grows past the limit, without being kept whole."""

from __future__ import annotations

import pytest

from services.gateway.http import AsgiApp
from services.gateway.service import HttpRequest, HttpResponse
from services.gateway.settings import GatewaySettings


class Recorder:
    """The gateway's place: records whether the body it was given was too large."""

    def __init__(self) -> None:
        self.requests: list[HttpRequest] = []

    async def handle(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        return HttpResponse(413 if request.too_large else 200, b"{}")


async def post(app: AsgiApp, chunks: list[bytes]) -> int:
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    sent: list[dict] = []

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v2.23/tasks.create", "headers": [], "query_string": b""}
    await app(scope, receive, send)
    return sent[0]["status"]


@pytest.mark.parametrize("chunks, status", [([b"x" * 600, b"x" * 424], 200), ([b"x" * 600, b"x" * 425], 413)])
async def test_a_body_past_the_limit_is_refused(chunks, status):
    gateway = Recorder()

    async def ready():
        return {}

    app = AsgiApp(gateway, ready, max_body=1024)
    assert await post(app, chunks) == status
    assert gateway.requests[0].too_large is (status == 413)
    assert gateway.requests[0].body == (b"" if status == 413 else b"".join(chunks))


def test_the_limit_is_a_setting_no_larger_than_a_kafka_message(monkeypatch):
    monkeypatch.setenv("CAIRN_DEV_MODE", "true")
    monkeypatch.setenv("CAIRN_GATEWAY_MAX_BODY_MB", "4")
    assert GatewaySettings().gateway_max_body_mb == 4
    monkeypatch.setenv("CAIRN_GATEWAY_MAX_BODY_MB", "33")
    with pytest.raises(ValueError):
        GatewaySettings()
