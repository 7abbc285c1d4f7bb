"""SSO through the gateway (issue 16, part 3): an administrator configures an OpenID Connect
provider with ``sso.*`` and activates it; a user logs in through it end to end
(``login.sso_authorize`` -> the provider -> ``login.sso_callback``) and works with the session
token it gives. The provider is ``tests/support/oidc_provider.py``, a local one."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import parse_qs, parse_qsl, urlparse

import httpx
import pytest
from pymongo import MongoClient

from tests.e2e.api import call, meta
from tests.e2e.identity.people import bearer, make_company, make_person, system_session
from tests.support.oidc_provider import Misbehaviour, OidcProvider
from tests.support.response_shape import assert_conforms
from tests.support.servers import MONGO

pytestmark = pytest.mark.e2e

CALLBACK = "http://127.0.0.1:9/sso/callback"  # never served: the test reads the provider's redirect
CLIENT_SECRET = "a-client-secret-long-enough-to-be-unmistakable-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def idp():
    with OidcProvider(client_id=f"cairn-{uuid.uuid4().hex[:8]}", client_secret=CLIENT_SECRET) as provider:
        yield provider


@pytest.fixture(scope="module")
def admin(stack):
    """An admin of a company of its own (its SSO configurations are its own)."""
    return make_person(stack, "admin", make_company(stack, "sso"))


@pytest.fixture(scope="module")
def admin_http(stack, admin):
    with httpx.Client(base_url=stack.url, auth=admin.auth, timeout=60) as client:
        yield client


@pytest.fixture(autouse=True)
def behaving(idp):
    idp.misbehave = Misbehaviour()
    yield
    idp.misbehave = Misbehaviour()


def configure(admin_http, idp, **settings) -> str:
    """Save and activate an OIDC configuration of ``idp``; its id."""
    name = f"Test IdP {uuid.uuid4().hex[:8]}"
    configuration = {"display_name": name, "client_id": idp.client_id, "client_secret": idp.client_secret,
                     "well_known_url": idp.well_known_url, "callback_url": CALLBACK, **settings}
    assert call(admin_http, "sso.save_provider_configuration",
                {"provider": "keycloak", "configuration": configuration}, "999.0") == {}
    listed = call(admin_http, "sso.get_provider_configurations", {}, "999.0")
    config_id = next(c["id"] for c in listed["configurations"] if c["display_name"] == name)
    updated = call(admin_http, "sso.set_provider_configurations_active", {"ids": [config_id]}, "999.0")
    assert_conforms("sso.set_provider_configurations_active", updated)
    assert updated == {"updated": 1}
    return config_id


def login(stack, idp, provider: str, claims: dict) -> httpx.Response:
    """The whole browser round: authorize, the provider's login page, the callback."""
    idp.user = claims
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        authorized = call(anonymous, "login.sso_authorize", {"provider": provider, "callback_url": CALLBACK}, "999.0")
        assert_conforms("login.sso_authorize", authorized)
        redirect = httpx.get(authorized["redirect_url"], follow_redirects=False, timeout=30)
        assert redirect.status_code == 302, redirect.text
        back = urlparse(redirect.headers["location"])
        assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
        args = dict(parse_qsl(back.query))
        return anonymous.post("/v999.0/login.sso_callback",
                              json={"provider": provider, "callback_url": CALLBACK, "args": args})


def person(sub: str | None = None, **claims) -> dict:
    sub = sub or uuid.uuid4().hex
    return {"sub": sub, "email": f"{sub}@idp.example.org", "email_verified": True, "name": f"SSO {sub[:6]}", **claims}


def test_a_user_logs_in_through_the_provider_and_works_with_the_session(stack, idp, admin, admin_http):
    config_id = configure(admin_http, idp, allow_signup=True, default_role="annotator")
    claims = person(given_name="Ada", family_name="Lovelace")
    answer = login(stack, idp, config_id, claims)
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert_conforms("login.sso_callback", data)
    assert data["login_status"] == "logged_in" and data["company_id"] == admin.company
    assert f"clearml_token_basic={data['token']}" in answer.headers["set-cookie"]
    with bearer(stack, data["token"]) as session:
        me = call(session, "users.get_current_user", {})["user"]
        projects = session.post("/v2.23/projects.get_all", json={})
    assert (me["id"], me["name"], me["role"], me["company"]["id"]) == (
        data["user_id"], claims["name"], "annotator", admin.company)
    assert projects.status_code == 200
    again = login(stack, idp, config_id, claims)  # the provider's subject is linked to the user
    assert again.json()["data"]["user_id"] == data["user_id"]


def test_an_existing_user_is_found_by_verified_email_and_an_unknown_one_is_refused_without_sign_up(
        stack, idp, admin, admin_http):
    config_id = configure(admin_http, idp, allow_signup=False)
    email = f"{uuid.uuid4().hex}@idp.example.org"
    with system_session(stack, admin.company) as system:
        known = call(system, "auth.create_user", {"company": admin.company, "name": "Known", "email": email})["id"]
    found = login(stack, idp, config_id, person(email=email))
    assert found.status_code == 200, found.text
    assert found.json()["data"]["user_id"] == known
    unverified = login(stack, idp, config_id, person(email=email, email_verified=False))
    assert meta(unverified) == (401, 2)  # an unverified address never takes over a user
    assert meta(login(stack, idp, config_id, person())) == (401, 2)


@pytest.mark.parametrize("wrong", [
    Misbehaviour(foreign_key=True), Misbehaviour(nonce="another-nonce"),
    Misbehaviour(audience="someone-else"), Misbehaviour(expired=True)],
    ids=["bad-signature", "wrong-nonce", "wrong-audience", "expired"])
def test_a_bad_id_token_is_refused_and_creates_no_user(stack, idp, admin_http, wrong):
    config_id = configure(admin_http, idp, allow_signup=True)
    idp.misbehave = wrong
    claims = person()
    refused = login(stack, idp, config_id, claims)
    assert meta(refused) == (401, 30), refused.text
    listed = call(admin_http, "users.get_all", {"name": claims["name"]}, "2.23")["users"]
    assert listed == []


def test_a_forged_or_replayed_callback_is_refused(stack, idp, admin_http):
    config_id = configure(admin_http, idp, allow_signup=True)
    idp.user = person()
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        redirect_url = call(anonymous, "login.sso_authorize", {"provider": config_id, "callback_url": CALLBACK},
                            "999.0")["redirect_url"]
        args = dict(parse_qsl(urlparse(httpx.get(redirect_url).headers["location"]).query))
        body = {"provider": config_id, "callback_url": CALLBACK}
        forged = anonymous.post("/v999.0/login.sso_callback", json={**body, "args": {**args, "state": "forged"}})
        assert meta(forged) == (401, 30)
        first = anonymous.post("/v999.0/login.sso_callback", json={**body, "args": args})
        assert first.status_code == 200, first.text
        replayed = anonymous.post("/v999.0/login.sso_callback", json={**body, "args": args})
        assert meta(replayed) == (401, 30)


def test_the_login_page_lists_active_providers_and_a_deactivated_one_no_longer_logs_in(stack, idp, admin_http):
    config_id = configure(admin_http, idp, allow_signup=True)
    with httpx.Client(base_url=stack.url, timeout=60) as anonymous:
        modes = call(anonymous, "login.supported_modes", {}, "999.0")
        assert_conforms("login.supported_modes", modes)
        listed = next(p for p in modes["sso_providers"] if p["name"] == config_id)
        assert listed["url"].startswith(f"{idp.issuer}/authorize?") and modes["sso"][config_id] == listed["url"]
        assert parse_qs(urlparse(listed["url"]).query)["redirect_uri"] == [CALLBACK]
        off = call(admin_http, "sso.set_provider_configurations_active", {"ids": [config_id], "active": False}, "999.0")
        assert off == {"updated": 1}
        modes = call(anonymous, "login.supported_modes", {}, "999.0")
        assert config_id not in [p["name"] for p in modes["sso_providers"]]
        refused = anonymous.post("/v999.0/login.sso_authorize", json={"provider": config_id, "callback_url": CALLBACK})
        assert meta(refused) == (400, 10)


# --- the sso.* endpoints ------------------------------------------------------------------


def test_supported_providers_and_their_templates(admin_http, idp):
    providers = call(admin_http, "sso.get_supported_providers", {}, "999.0")
    assert_conforms("sso.get_supported_providers", providers)
    categories = {p["id"]: p["category"] for p in providers["providers"]}
    assert categories["keycloak"] == "oidc" and categories["saml"] == "saml"
    template = call(admin_http, "sso.get_provider_configuration_template",
                    {"provider": "oidc", "well_known_url": idp.well_known_url}, "999.0")
    assert_conforms("sso.get_provider_configuration_template", template)
    config = template["config_template"]
    assert (config["authorization_endpoint"], config["jwks_uri"], config["issuer"]) == (
        f"{idp.issuer}/authorize", f"{idp.issuer}/jwks", idp.issuer)
    unreachable = call(admin_http, "sso.get_provider_configuration_template",
                       {"provider": "oidc", "well_known_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
                       "999.0")
    assert "unreachable" in unreachable["error"] and unreachable["config_template"]["client_id"] == ""
    saml = call(admin_http, "sso.get_provider_configuration_template", {"provider": "saml"}, "999.0")
    assert {"idp_sso_url", "sp_entity_id", "acs_url"} <= set(saml["config_template"])
    assert meta(admin_http.post("/v999.0/sso.get_provider_configuration_template", json={"provider": "ldap"})) == (
        400, 12)


def test_oidc_discovery_from_a_well_known_url(admin_http, idp):
    found = call(admin_http, "sso.get_oidc_provider_data_from_well_known_url", {"url": idp.well_known_url}, "999.0")
    assert_conforms("sso.get_oidc_provider_data_from_well_known_url", found)
    assert found["token_endpoint"] == f"{idp.issuer}/token" and found["userinfo_endpoint"] == f"{idp.issuer}/userinfo"
    for url in ("http://127.0.0.1:9/.well-known/openid-configuration", f"{idp.issuer}/jwks", "not a url"):
        refused = admin_http.post("/v999.0/sso.get_oidc_provider_data_from_well_known_url", json={"url": url})
        assert meta(refused) == (400, 16), refused.text


def test_a_saved_configuration_keeps_its_secret_sealed_and_is_edited_deleted(stack, admin, admin_http, idp):
    config_id = configure(admin_http, idp, allow_signup=True)
    edit = call(admin_http, "sso.get_provider_configuration_template", {"id": config_id}, "999.0")
    assert_conforms("sso.get_provider_configuration_template", edit)
    assert edit["config_template"]["client_secret"] is None and edit["config_template"]["client_id"] == idp.client_id
    with MongoClient(MONGO) as mongo:
        stored = mongo[f"{stack.db_prefix}cairn_identity"]["sso_configurations"].find_one({"_id": config_id})
    assert CLIENT_SECRET not in str(stored) and stored["sealed"]["client_secret"].startswith("fernet:")
    renamed = {**edit["config_template"], "display_name": "Renamed"}
    call(admin_http, "sso.save_provider_configuration", {"provider": "keycloak", "configuration": renamed}, "999.0")
    listed = call(admin_http, "sso.get_provider_configurations", {}, "999.0")
    assert_conforms("sso.get_provider_configurations", listed)
    mine = next(c for c in listed["configurations"] if c["id"] == config_id)
    assert (mine["display_name"], mine["active"], mine["category"]) == ("Renamed", True, "oidc")
    assert login(stack, idp, config_id, person()).status_code == 200  # the sealed secret was kept
    deleted = call(admin_http, "sso.delete_provider_configurations", {"ids": [config_id, "no-such-id"]}, "999.0")
    assert_conforms("sso.delete_provider_configurations", deleted)
    assert deleted == {"deleted": 1}


def test_bad_configurations_are_refused_and_change_nothing(admin_http, idp):
    before = call(admin_http, "sso.get_provider_configurations", {}, "999.0")["configurations"]
    for provider, configuration, expected in [
        ("oidc", {"client_id": "x"}, (400, 11)),  # neither discovery nor endpoints
        ("oidc", {"client_id": "x", "well_known_url": "ftp://nowhere"}, (400, 16)),
        ("oidc", {"client_id": "x", "well_known_url": idp.well_known_url, "colour": "red"}, (400, 14)),
        ("oidc", {"client_id": "x", "well_known_url": idp.well_known_url, "default_role": "root"}, (400, 12)),
        ("nope", {"client_id": "x"}, (400, 12)),
        ("saml", {"idp_entity_id": "x"}, (400, 11)),
    ]:
        refused = admin_http.post("/v999.0/sso.save_provider_configuration",
                                  json={"provider": provider, "configuration": configuration})
        assert meta(refused) == expected, (configuration, refused.text)
    assert call(admin_http, "sso.get_provider_configurations", {}, "999.0")["configurations"] == before


def test_testing_a_configuration_runs_a_login_that_logs_nobody_in(stack, admin_http, idp):
    configuration = {"client_id": idp.client_id, "client_secret": idp.client_secret,
                     "well_known_url": idp.well_known_url, "callback_url": CALLBACK}
    tested = call(admin_http, "sso.test_provider_configuration",
                  {"provider": "oidc", "state": "app-state", "configuration": configuration}, "999.0")
    assert_conforms("sso.test_provider_configuration", tested)
    query = parse_qs(urlparse(tested["redirect_url"]).query)
    assert tested["redirect_url"].startswith(f"{idp.issuer}/authorize?")
    assert (query["client_id"], query["redirect_uri"], query["response_type"]) == ([idp.client_id], [CALLBACK], ["code"])
    idp.user = person(name="Tried Out")
    args = dict(parse_qsl(urlparse(httpx.get(tested["redirect_url"]).headers["location"]).query))
    with httpx.Client(base_url=stack.url, timeout=60) as browser:
        body = {"provider": "oidc", "callback_url": CALLBACK, "args": args}
        result = call(browser, "login.test_sso_callback", body, "999.0")
        assert_conforms("login.test_sso_callback", result)
        assert "error_msg" not in result and result["user_data"]["sub"] == idp.user["sub"]
        assert (result["mapped_user_data"]["name"], result["configuration_info"]["provider_category"]) == (
            "Tried Out", "oidc")
        assert meta(browser.post("/v999.0/login.test_sso_callback", json=body)) == (401, 30)  # once
        assert meta(browser.post("/v999.0/login.sso_callback", json=body)) == (401, 30)  # a test logs nobody in
    assert call(admin_http, "users.get_all", {"name": "^Tried Out$"}, "2.23")["users"] == []
    unreachable = admin_http.post("/v999.0/sso.test_provider_configuration", json={"provider": "oidc", "configuration": {
        "client_id": "x", "well_known_url": "http://127.0.0.1:9/.well-known/openid-configuration", "callback_url": CALLBACK}})
    assert meta(unreachable) == (400, 16)


def test_a_failed_configuration_test_says_why(stack, admin_http, idp):
    configuration = {"client_id": idp.client_id, "client_secret": "not-the-secret",
                     "well_known_url": idp.well_known_url, "callback_url": CALLBACK}
    tested = call(admin_http, "sso.test_provider_configuration", {"provider": "oidc", "configuration": configuration},
                  "999.0")
    idp.user = person()
    args = dict(parse_qsl(urlparse(httpx.get(tested["redirect_url"]).headers["location"]).query))
    with httpx.Client(base_url=stack.url, timeout=60) as browser:
        result = call(browser, "login.test_sso_callback", {"provider": "oidc", "callback_url": CALLBACK, "args": args},
                      "999.0")
    assert_conforms("login.test_sso_callback", result)
    assert "refused the authorization code" in result["error_msg"] and "mapped_user_data" not in result


def test_saml_sp_metadata_is_a_file_of_the_configuration(admin_http):
    saml = {"idp_entity_id": "https://idp.example.org", "idp_sso_url": "https://idp.example.org/sso",
            "sp_entity_id": "https://cairn.example.org/sp", "acs_url": "https://cairn.example.org/api/login.sso_callback_saml"}
    answer = admin_http.post("/v999.0/sso.download_saml_sp_metadata", json={"provider": "saml", "configuration": saml})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/samlmetadata+xml")
    assert 'filename="sp_metadata.xml"' in answer.headers["content-disposition"]
    root = ElementTree.fromstring(answer.content)
    md = "{urn:oasis:names:tc:SAML:2.0:metadata}"
    assert root.tag == f"{md}EntityDescriptor" and root.get("entityID") == saml["sp_entity_id"]
    assert root.find(f"{md}SPSSODescriptor/{md}AssertionConsumerService").get("Location") == saml["acs_url"]
    tested = call(admin_http, "sso.test_provider_configuration", {"provider": "saml", "configuration": saml}, "999.0")
    assert tested["redirect_url"].startswith(saml["idp_sso_url"] + "?SAMLRequest=")
    oidc = admin_http.post("/v999.0/sso.download_saml_sp_metadata", json={"provider": "oidc", "configuration": {}})
    assert meta(oidc) == (400, 12)


def test_only_admins_configure_and_only_their_own_company(stack, admin_http, idp):
    config_id = configure(admin_http, idp)
    user = make_person(stack, "user", make_company(stack, "sso-user"))
    other_admin = make_person(stack, "admin", make_company(stack, "sso-other"))
    with httpx.Client(base_url=stack.url, auth=user.auth, timeout=60) as client:
        assert meta(client.post("/v999.0/sso.get_provider_configurations", json={})) == (403, 20)
    with httpx.Client(base_url=stack.url, auth=other_admin.auth, timeout=60) as client:
        assert config_id not in [c["id"] for c in call(client, "sso.get_provider_configurations", {}, "999.0")[
            "configurations"]]
        assert meta(client.post("/v999.0/sso.get_provider_configuration_template", json={"id": config_id})) == (400, 10)
        assert call(client, "sso.delete_provider_configurations", {"ids": [config_id]}, "999.0") == {"deleted": 0}
        assert meta(client.post("/v999.0/sso.get_provider_configurations", json={"company": "another"})) == (403, 20)
