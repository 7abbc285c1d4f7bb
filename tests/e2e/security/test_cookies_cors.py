"""The web UI's session cookie and CORS, as the stock web UI needs them (its page on another
origin calls the API and the files server with credentials; /work/shared/webui/README.md):
the cookie ``auth.login`` sets is HttpOnly and SameSite=Lax and authenticates alone; a forged
one is refused; CORS echoes the page's origin, never a wildcard next to credentials."""

from __future__ import annotations

import io
import uuid

import httpx
import pytest

from tests.e2e.security.checks import assert_unauthorized

pytestmark = pytest.mark.e2e

UI_ORIGIN = "http://clearml-ui.example:8080"
PROBE = "/v999.0/users.get_current_user"
COOKIE = "clearml_token_basic"


def login(stack) -> httpx.Response:
    response = httpx.post(f"{stack.url}/v999.0/auth.login", auth=(stack.key, stack.secret), json={})
    assert response.status_code == 200, response.text
    return response


def attributes(set_cookie: str) -> dict[str, str]:
    """``Set-Cookie`` attributes by lower-case name (the first pair is the cookie itself)."""
    pairs = [p.strip().partition("=") for p in set_cookie.split(";")]
    return {name.lower(): value for name, _, value in pairs[1:]}


def test_login_sets_an_httponly_samesite_lax_session_cookie(stack):
    response = login(stack)
    cookie = response.headers["set-cookie"]
    name, _, value = cookie.split(";")[0].partition("=")
    assert name == COOKIE and value == response.json()["data"]["token"]
    attrs = attributes(cookie)
    assert "httponly" in attrs  # no script on the page may read the session
    assert attrs["samesite"].lower() == "lax"  # not sent by another site's forms or fetches
    assert attrs["path"] == "/" and int(attrs["max-age"]) > 0


def test_the_cookie_alone_authenticates_the_api_and_the_files_server(stack):
    token = login(stack).json()["data"]["token"]
    cookies = {"Cookie": f"{COOKIE}={token}"}
    assert httpx.post(f"{stack.url}{PROBE}", headers=cookies, json={}).status_code == 200
    name = f"security/{uuid.uuid4().hex}/cookie.txt"
    upload = httpx.post(f"{stack.files_url}/", headers=cookies, files={f"/{name}": ("f", io.BytesIO(b"x"))})
    assert upload.status_code == 200, upload.text
    assert httpx.get(f"{stack.files_url}/{name}", headers=cookies).content == b"x"


@pytest.mark.parametrize("others", ['prefs={"theme":"dark"}; ', "theme=dark mode; ", "_ga=GA1.1.1; a=b,c; "])
def test_the_cookie_is_found_after_other_applications_cookies(stack, others):
    """Another app on the same host may set cookies Python's SimpleCookie rejects (a JSON or
    spaced value): that once made the gateway miss the session cookie after them."""
    token = login(stack).json()["data"]["token"]
    response = httpx.post(f"{stack.url}{PROBE}", headers={"Cookie": f"{others}{COOKIE}={token}"}, json={})
    assert response.status_code == 200, response.text
    files = httpx.get(f"{stack.files_url}/", headers={"Cookie": f"{others}{COOKIE}={token}"})
    assert files.status_code == 200


def test_a_forged_cookie_is_refused_and_does_not_shadow_a_valid_header(stack):
    forged = {"Cookie": f"{COOKIE}=eyJhbGciOiJub25lIn0.eyJpZGVudGl0eSI6e319."}
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers=forged, json={}))
    # an Authorization header is what counts when both are sent
    both = httpx.post(f"{stack.url}{PROBE}", headers=forged, auth=(stack.key, stack.secret), json={})
    assert both.status_code == 200


def test_logout_expires_the_cookie_and_its_session(stack):
    token = login(stack).json()["data"]["token"]
    cookies = {"Cookie": f"{COOKIE}={token}"}
    out = httpx.post(f"{stack.url}/v999.0/auth.logout", headers=cookies, json={})
    assert out.status_code == 200
    cleared = out.headers["set-cookie"]
    assert cleared.startswith(f"{COOKIE}=;") and attributes(cleared)["max-age"] == "0"
    assert_unauthorized(httpx.post(f"{stack.url}{PROBE}", headers=cookies, json={}))


def test_a_forged_cookie_on_an_open_endpoint_counts_as_no_session(stack):
    response = httpx.post(f"{stack.url}/v999.0/login.supported_modes", json={},
                          headers={"Cookie": f"{COOKIE}=forged.forged.forged"})
    assert response.status_code == 200
    assert response.json()["data"].get("authenticated") is False


# ---------------------------------------------------------------- CORS


def preflight(url: str, path: str, asked: str) -> httpx.Response:
    return httpx.options(f"{url}{path}", headers={
        "Origin": UI_ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": asked})


def assert_cors_for_the_ui(response: httpx.Response) -> None:
    assert response.headers["access-control-allow-origin"] == UI_ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "origin" in response.headers.get("vary", "").lower()  # caches keep answers per origin


@pytest.mark.parametrize("server", ["api", "files"])
def test_a_preflight_allows_the_uis_origin_method_and_headers(stack, server):
    url = stack.url if server == "api" else stack.files_url
    asked = "authorization,content-type,x-clearml-client,x-clearml-impersonate-as"
    response = preflight(url, PROBE if server == "api" else "/", asked)
    assert response.status_code == 200
    assert_cors_for_the_ui(response)
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert set(asked.split(",")) <= allowed and "*" not in allowed


def test_answers_and_refusals_carry_cors_for_the_ui(stack):
    """The UI must read a 401 to send the user to the login page."""
    ok = httpx.post(f"{stack.url}{PROBE}", auth=(stack.key, stack.secret), json={}, headers={"Origin": UI_ORIGIN})
    refused = httpx.post(f"{stack.url}{PROBE}", json={}, headers={"Origin": UI_ORIGIN})
    files_refused = httpx.get(f"{stack.files_url}/x/y.txt", headers={"Origin": UI_ORIGIN})
    assert (ok.status_code, refused.status_code, files_refused.status_code) == (200, 401, 401)
    for response in (ok, refused, files_refused):
        assert_cors_for_the_ui(response)


@pytest.mark.parametrize("server", ["api", "files"])
@pytest.mark.parametrize("origin", [None, UI_ORIGIN, "null", "https://evil.example"])
def test_no_wildcard_is_ever_answered_with_credentials(stack, server, origin):
    url = stack.url if server == "api" else stack.files_url
    headers = {"Origin": origin} if origin else {}
    for response in (httpx.options(f"{url}/", headers=headers), httpx.post(f"{url}{PROBE}", json={}, headers=headers)):
        allow_origin = response.headers.get("access-control-allow-origin")
        allow_headers = response.headers.get("access-control-allow-headers", "")
        if response.headers.get("access-control-allow-credentials") == "true":
            assert allow_origin not in (None, "*"), response.headers
            assert allow_headers.strip() != "*", response.headers
        if origin in (None, "null"):
            assert allow_origin is None, response.headers  # no cross-origin call / a sandboxed page



def test_an_uploaded_page_runs_sandboxed_away_from_the_session(stack):
    """An HTML object opened from the files server (same host as the API: cookies ignore
    ports) must not run in the files origin with the viewer's session."""
    token = login(stack).json()["data"]["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    name = f"security/{uuid.uuid4().hex}/page.html"
    page = b"<script>fetch('/delete_many',{method:'POST',credentials:'include'})</script>"
    assert httpx.post(f"{stack.files_url}/", headers=bearer, files={f"/{name}": ("p", io.BytesIO(page))}).status_code == 200
    served = httpx.get(f"{stack.files_url}/{name}", headers=bearer)
    assert served.status_code == 200 and served.content == page
    policy = served.headers.get("content-security-policy", "")
    directives = policy.split()
    assert "sandbox" in directives and "allow-same-origin" not in directives, policy
    assert served.headers["x-content-type-options"] == "nosniff"
