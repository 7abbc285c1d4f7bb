"""Pure rules of the SSO room: configuration validation, claim mapping, SAML documents, the
signed login state."""

from __future__ import annotations

import base64
import zlib
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlparse
from xml.etree import ElementTree

import pytest

from services.identity.sso import saml
from services.identity.sso.providers import PROVIDERS, mapped_user, provider, template, validated
from services.identity.sso.sealing import StateSigner
from shared.errors import ApiError

SAML_CONFIG = {"idp_entity_id": "https://idp.example.org", "idp_sso_url": "https://idp.example.org/sso?tenant=1",
               "sp_entity_id": "https://cairn.example.org/sp", "acs_url": "https://cairn.example.org/acs"}


def codes(call) -> tuple[int, int]:
    with pytest.raises(ApiError) as refused:
        call()
    return refused.value.code, refused.value.subcode


def test_every_provider_has_a_template_of_its_category():
    for found in PROVIDERS.values():
        keys = set(template(found))
        assert ("client_id" in keys) == (found.category == "oidc") and ("acs_url" in keys) == (found.category == "saml")


def test_an_oidc_configuration_needs_discovery_or_every_endpoint():
    oidc = provider("oidc")
    assert codes(lambda: validated(oidc, {"client_id": "c"})) == (400, 11)
    explicit = {"client_id": "c", "issuer": "https://i", "authorization_endpoint": "https://i/a",
                "token_endpoint": "https://i/t", "jwks_uri": "https://i/k"}
    assert validated(oidc, explicit)["jwks_uri"] == "https://i/k"
    # a provider's template hint left in place is no discovery URL
    assert codes(lambda: validated(provider("keycloak"), {"client_id": "c"})) == (400, 11)


@pytest.mark.parametrize("change, expected", [
    ({"well_known_url": "javascript:alert(1)"}, (400, 16)),
    ({"colour": "red"}, (400, 14)),
    ({"default_role": "system"}, (400, 12)),
    ({"scope": "email"}, (400, 12)),
    ({"token_endpoint_auth_method": "private_key_jwt"}, (400, 12)),
    ({"claim_mapping": {"shoe_size": "x"}}, (400, 14)),
    ({"claim_mapping": {"user_id": ""}}, (400, 11)),
    ({"allow_signup": "yes"}, (400, 20)),
])
def test_bad_oidc_configurations_are_refused(change, expected):
    base = {"client_id": "c", "well_known_url": "https://idp.example.org/.well-known/openid-configuration"}
    assert codes(lambda: validated(provider("oidc"), {**base, **change})) == expected


def test_unknown_provider_is_refused():
    assert codes(lambda: provider("ldap")) == (400, 12)


def test_claims_map_to_a_user_through_the_mapping():
    claims = {"sub": "s-1", "mail": "Ada@Example.org", "email_verified": True, "org": {"name": "acme"},
              "given_name": "Ada", "family_name": "Lovelace"}
    user = mapped_user(claims, {"email": "mail", "company": "org.name"})
    assert (user.user_id, user.email, user.email_verified, user.name, user.company) == (
        "s-1", "ada@example.org", True, "Ada Lovelace", "acme")
    assert mapped_user({"sub": "s", "email": "a@b.c", "email_verified": False}, {}).email_verified is False
    assert mapped_user({"sub": "s", "email": "a@b.c"}, {}).email_verified is False  # absent: unverified
    assert mapped_user({"sub": "s", "email": "a@b.c", "email_verified": "true"}, {}).email_verified is True
    assert codes(lambda: mapped_user({"email": "a@b.c"}, {})) == (401, 30)


def test_sp_metadata_names_the_sp_and_its_consumer_service():
    root = ElementTree.fromstring(saml.sp_metadata(validated(provider("saml"), SAML_CONFIG)))
    md = f"{{{saml.MD}}}"
    assert root.get("entityID") == SAML_CONFIG["sp_entity_id"]
    acs = root.find(f"{md}SPSSODescriptor/{md}AssertionConsumerService")
    assert (acs.get("Location"), acs.get("Binding")) == (SAML_CONFIG["acs_url"], saml.POST_BINDING)


def test_an_authn_request_travels_deflated_in_the_redirect():
    url = saml.authn_request_url(validated(provider("saml"), SAML_CONFIG), "relay", datetime.now(timezone.utc))
    query = parse_qs(urlparse(url).query)
    assert url.startswith("https://idp.example.org/sso?tenant=1&") and query["RelayState"] == ["relay"]
    request = ElementTree.fromstring(zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15))
    assert request.get("AssertionConsumerServiceURL") == SAML_CONFIG["acs_url"]
    assert request.find(f"{{{saml.SAML}}}Issuer").text == SAML_CONFIG["sp_entity_id"]


def test_a_state_is_read_only_by_the_server_that_signed_it():
    state, nonce = StateSigner("secret").issue({"cfg": "c1"})
    claims = StateSigner("secret").read(state)
    assert (claims["cfg"], claims["nonce"]) == ("c1", nonce)
    assert codes(lambda: StateSigner("other").read(state)) == (401, 30)
    assert codes(lambda: StateSigner("secret").read(state[:-2] + "xx")) == (401, 30)
