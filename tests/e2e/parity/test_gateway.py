"""Parity of the HTTP edge with clearml-server, as a browser on another origin sees it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

ORIGIN = "http://ui.example:8080"


def test_a_preflight_with_credentials_allows_exactly_the_requested_headers(http):
    asked = "content-type,x-clearml-client"
    response = http.options("/v999.0/projects.get_all_ex", headers={
        "origin": ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": asked})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "x-clearml-client"} <= allowed and "*" not in allowed


def test_an_api_answer_to_another_origin_names_that_origin_and_allows_credentials(http):
    response = http.post("/v999.0/debug.ping", json={}, headers={"origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "*" not in response.headers["access-control-allow-headers"]


def test_an_endpoint_with_optional_authentication_takes_a_stale_token_as_none(stack):
    import httpx

    response = httpx.post(f"{stack.url}/v999.0/login.supported_modes", json={},
                          headers={"Authorization": "Bearer not-a-token"}, timeout=30)
    assert response.status_code == 200
    assert response.json()["data"]["authenticated"] is False
    with_cookie = httpx.post(f"{stack.url}/v999.0/login.supported_modes", json={},
                             cookies={"clearml_token_basic": "expired.or.forged"}, timeout=30)
    assert with_cookie.status_code == 200


def test_a_missing_required_field_is_a_validation_error(http):
    body = http.post("/v2.23/tasks.create", json={"type": "training"}).json()["meta"]
    assert (body["result_code"], body["result_subcode"]) == (400, 12)
