"""``auth.redirect_to_router``: the identity service answers ``{cairn_redirect: url}`` and the
gateway sends the browser a 302 to it (the envelope of the rest as its body); no other
endpoint can make the gateway redirect."""

from __future__ import annotations

import orjson

from services.gateway.envelope import split_redirect
from shared.schemas.routers import REDIRECT_KEY
from tests.unit.gateway.test_raw_answers import handle

URL = "https://router.test/m?code=abc"


def test_only_the_redirect_endpoint_redirects():
    assert split_redirect("auth.redirect_to_router", {REDIRECT_KEY: URL}) == ({}, URL)
    assert split_redirect("tasks.get_by_id", {REDIRECT_KEY: URL}) == ({REDIRECT_KEY: URL}, None)
    assert split_redirect("auth.redirect_to_router", {REDIRECT_KEY: 3}) == ({REDIRECT_KEY: 3}, None)


async def test_the_gateway_answers_a_302_with_the_envelope():
    response = await handle({REDIRECT_KEY: URL}, path="/v2.23/auth.redirect_to_router", body=b'{"router": "r"}')
    assert response.status == 302
    assert dict(response.headers)["location"] == URL
    body = orjson.loads(response.body)
    assert body["data"] == {} and body["meta"]["result_code"] == 200


async def test_another_endpoint_answering_the_key_is_plain_json():
    response = await handle({REDIRECT_KEY: URL}, path="/v2.23/tasks.get_by_id", body=b'{"task": "t"}')
    assert response.status == 200 and "location" not in dict(response.headers)
