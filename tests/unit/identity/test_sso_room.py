"""The SSO room's use cases over in-memory fakes: configurations (sealed secrets, company
scoping) and the OIDC login (authorize, the provider, callback) with its refusals."""

from __future__ import annotations

import dataclasses
import uuid
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from services.identity.domain import User, utcnow
from services.identity.sso.configurations import ProviderConfigurations
from services.identity.sso.handlers import ENDPOINTS as SSO_ENDPOINTS
from services.identity.sso.handlers import handler_table
from services.identity.sso.login import SsoLogin
from services.identity.sso.oidc import OidcClient
from services.identity.sso.sealing import SecretSeal, StateSigner
from services.identity.service import IdentityService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity, RequestEnvelope
from shared.tokens import verify_token
from tests.support.oidc_provider import Misbehaviour, OidcProvider
from tests.unit.identity.conftest import TOKEN_SECRET
from tests.unit.identity.sso_fakes import InMemoryConfigurations, InMemoryLoginRecords, follow, provider_client
from tests.unit.identity.users_fakes import InMemoryUserDirectory

CALLBACK = "https://cairn.example.org/callback_sso"
SECRET = "client-secret-" + uuid.uuid4().hex


@pytest.fixture
def idp():
    provider = OidcProvider(client_id="cairn", client_secret=SECRET)
    yield provider
    provider.__exit__(None, None, None)


@pytest.fixture
def ports(ports):
    return dataclasses.replace(ports, users=InMemoryUserDirectory())


@pytest.fixture
def parts(service: IdentityService, idp):
    store, records = InMemoryConfigurations(), InMemoryLoginRecords()
    seal, states, oidc = SecretSeal("sealing key"), StateSigner(TOKEN_SECRET), OidcClient(provider_client(idp))
    configurations = ProviderConfigurations(store, records, seal, states, oidc, utcnow)
    login = SsoLogin(service, store, records, seal, states, oidc, utcnow)
    return store, records, configurations, login


@pytest.fixture
def admin_identity(admin):
    return Identity(company=admin.company, user=admin.id, role="admin")


async def configured(parts, admin_identity, idp, **settings) -> str:
    store, _, configurations, _ = parts
    configuration = {"client_id": idp.client_id, "client_secret": idp.client_secret,
                     "well_known_url": idp.well_known_url, "active": True, **settings}
    return await configurations.save(admin_identity, "oidc", configuration, None)


async def log_in(parts, idp, config_id: str, claims: dict):
    login = parts[3]
    idp.user = claims
    url = await login.authorize(config_id, CALLBACK, "app-state", None)
    return await login.callback(config_id, CALLBACK, follow(idp, url))


def someone(**claims) -> dict:
    sub = uuid.uuid4().hex
    return {"sub": sub, "email": f"{sub}@example.org", "email_verified": True, "name": "Someone", **claims}


async def test_the_client_secret_is_sealed_and_never_answered(parts, admin_identity, idp):
    store, _, configurations, _ = parts
    config_id = await configured(parts, admin_identity, idp)
    stored = store.items[config_id]
    assert SECRET not in str(stored.settings) and SECRET not in str(stored.sealed)
    assert SecretSeal("sealing key").open(stored.sealed, "client_secret") == SECRET
    assert SecretSeal("another key").open(stored.sealed, "client_secret") is None
    editable, error = await configurations.template(admin_identity, None, config_id, None, None)
    assert editable["client_secret"] is None and error is None
    await configurations.save(admin_identity, "oidc", {**editable, "display_name": "Renamed"}, None)
    assert store.items[config_id].sealed == stored.sealed  # an empty secret keeps the stored one
    assert store.items[config_id].display_name == "Renamed"


async def test_a_login_signs_up_a_user_and_answers_a_session_of_it(parts, admin_identity, idp, ports):
    config_id = await configured(parts, admin_identity, idp, allow_signup=True, default_role="annotator",
                                 claim_mapping={"name": "profile.display"})
    claims = someone(profile={"display": "Grace Hopper"})
    done = await log_in(parts, idp, config_id, claims)
    identity, _ = verify_token(TOKEN_SECRET, done.token)
    user = await ports.users.get(done.user)
    assert (identity.user, identity.company, identity.role) == (done.user, admin_identity.company, "annotator")
    assert (user.name, user.email, done.app_state) == ("Grace Hopper", claims["email"], "app-state")
    assert (await log_in(parts, idp, config_id, claims)).user == done.user


async def test_without_sign_up_only_a_known_verified_email_logs_in(parts, admin_identity, idp, ports):
    config_id = await configured(parts, admin_identity, idp)
    known = User(id=uuid.uuid4().hex, company=admin_identity.company, name="Known", email="known@example.org")
    await ports.users.ensure(known)
    assert (await log_in(parts, idp, config_id, someone(email="known@example.org"))).user == known.id
    for claims in (someone(email="known@example.org", email_verified=False), someone()):
        with pytest.raises(ApiError) as refused:
            await log_in(parts, idp, config_id, claims)
        assert (refused.value.code, refused.value.subcode) == (401, 2)


@pytest.mark.parametrize("wrong", [Misbehaviour(foreign_key=True), Misbehaviour(nonce="x"),
                                   Misbehaviour(audience="x"), Misbehaviour(expired=True),
                                   Misbehaviour(extra_audience="another-client")],
                         ids=["signature", "nonce", "audience", "expired", "several-audiences-no-azp"])
async def test_a_bad_id_token_is_refused(parts, admin_identity, idp, ports, wrong):
    config_id = await configured(parts, admin_identity, idp, allow_signup=True)
    idp.misbehave = wrong
    with pytest.raises(ApiError) as refused:
        await log_in(parts, idp, config_id, someone())
    assert (refused.value.code, refused.value.subcode) == (401, 30)
    assert [u for u in ports.users.items.values() if u.name == "Someone"] == []


async def test_a_state_is_redeemed_once_and_must_match_its_callback(parts, admin_identity, idp):
    login = parts[3]
    config_id = await configured(parts, admin_identity, idp, allow_signup=True)
    idp.user = someone()
    url = await login.authorize(config_id, CALLBACK, None, None)
    args = follow(idp, url)
    with pytest.raises(ApiError, match="does not match"):
        await login.callback(config_id, "https://elsewhere.example.org/cb", args)
    await login.callback(config_id, CALLBACK, args)
    replayed = follow(idp, url)  # the same authorization again: a new code for the same state
    with pytest.raises(ApiError, match="already completed"):
        await login.callback(config_id, CALLBACK, replayed)
    other = follow(idp, await login.authorize(config_id, CALLBACK, None, None))
    with pytest.raises(ApiError, match="nonce"):  # another login's code under this state
        await login.callback(config_id, CALLBACK, {**other, "state": args["state"]})


async def test_a_configuration_test_verifies_a_login_without_logging_in(parts, admin_identity, idp, ports):
    _, records, configurations, login = parts
    configuration = {"client_id": idp.client_id, "client_secret": idp.client_secret,
                     "well_known_url": idp.well_known_url, "callback_url": CALLBACK}
    idp.user = someone(name="Tester")
    args = follow(idp, await configurations.test(admin_identity, "oidc", configuration, None))
    with pytest.raises(ApiError, match="not of a login"):
        await login.callback("oidc", CALLBACK, args)
    tested = await login.test_callback(CALLBACK, args)
    assert (tested.error, tested.mapped.name, tested.claims["iss"]) == (None, "Tester", idp.issuer)
    with pytest.raises(ApiError, match="is over"):
        await login.test_callback(CALLBACK, args)
    assert [u for u in ports.users.items.values() if u.name == "Tester"] == []
    idp.misbehave = Misbehaviour(expired=True)
    args = follow(idp, await configurations.test(admin_identity, "oidc", configuration, None))
    failed = await login.test_callback(CALLBACK, args)
    assert failed.error == "Invalid token (the ID token has expired)" and failed.mapped is None


async def test_the_configured_callback_is_the_only_one(parts, admin_identity, idp):
    login = parts[3]
    config_id = await configured(parts, admin_identity, idp, callback_url=CALLBACK)
    assert (await login.authorize(config_id, None, None, None)).startswith(f"{idp.issuer}/authorize?")
    with pytest.raises(ApiError) as refused:
        await login.authorize(config_id, "https://attacker.example.org/cb", None, None)
    assert (refused.value.code, refused.value.subcode) == (400, 12)


async def test_a_dead_provider_is_not_asked_again_at_every_visit_of_the_login_page():
    asked = []
    now = [0.0]

    def dead(request: httpx.Request) -> httpx.Response:
        asked.append(request.url)
        raise httpx.ConnectError("refused", request=request)

    oidc = OidcClient(httpx.AsyncClient(transport=httpx.MockTransport(dead)), clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(ApiError, match="unreachable"):
            await oidc.discover("https://idp.example.org/.well-known/openid-configuration")
    assert len(asked) == 1
    now[0] += 31
    with pytest.raises(ApiError):
        await oidc.discover("https://idp.example.org/.well-known/openid-configuration")
    assert len(asked) == 2


async def test_the_providers_keys_are_fetched_again_when_it_rotates_them(parts, admin_identity, idp):
    config_id = await configured(parts, admin_identity, idp, allow_signup=True)
    await log_in(parts, idp, config_id, someone())
    idp.kid = "rotated-key"
    assert (await log_in(parts, idp, config_id, someone())).token


async def test_an_inactive_or_saml_configuration_does_not_log_in(parts, admin_identity, idp):
    store, _, configurations, login = parts
    config_id = await configured(parts, admin_identity, idp, active=False)
    saml_id = await configurations.save(admin_identity, "saml", {
        "idp_entity_id": "https://idp", "idp_sso_url": "https://idp/sso", "sp_entity_id": "https://sp",
        "acs_url": "https://sp/acs", "active": True}, None)
    with pytest.raises(ApiError) as inactive:
        await login.authorize(config_id, CALLBACK, None, None)
    assert (inactive.value.code, inactive.value.subcode) == (400, 10)
    with pytest.raises(ApiError, match="SAML"):
        await login.authorize(saml_id, CALLBACK, None, None)


async def test_another_company_is_reached_only_by_system_roles(parts, admin_identity, idp):
    _, _, configurations, _ = parts
    config_id = await configured(parts, admin_identity, idp)
    stranger = Identity(company="another", user="u", role="admin")
    with pytest.raises(ApiError) as refused:
        await configurations.list(stranger, admin_identity.company)
    assert (refused.value.code, refused.value.subcode) == (403, 20)
    assert await configurations.list(stranger, None) == []
    system = Identity(company="another", user="u", role="system")
    assert [c.id for c in await configurations.list(system, admin_identity.company)] == [config_id]


async def test_supported_modes_lists_the_active_oidc_configurations(parts, admin_identity, idp, service, caller):
    store, records, configurations, login = parts
    config_id = await configured(parts, admin_identity, idp, callback_url=CALLBACK, display_name="Our IdP")
    room = type("Room", (), {"identity": service, "login": login, "configurations": configurations})()
    handlers = handler_table(room)
    anonymous = await handlers["login.supported_modes"](
        RequestEnvelope(endpoint="login.supported_modes", requested_version="2.23", identity=None, payload={}))
    assert anonymous["authenticated"] is False and anonymous["basic"] == {"enabled": True, "guest": {"enabled": False}}
    [listed] = anonymous["sso_providers"]
    assert (listed["name"], listed["display_name"]) == (config_id, "Our IdP")
    assert parse_qs(urlparse(listed["url"]).query)["redirect_uri"] == [CALLBACK]
    assert anonymous["sso"] == {config_id: listed["url"]}
    authenticated = await handlers["login.supported_modes"](
        RequestEnvelope(endpoint="login.supported_modes", requested_version="2.23", identity=caller, payload={}))
    assert authenticated["authenticated"] is True


async def test_no_configuration_no_sso_on_the_login_page(parts, service):
    room = type("Room", (), {"identity": service, "login": parts[3]})()
    modes = await handler_table(room)["login.supported_modes"](
        RequestEnvelope(endpoint="login.supported_modes", requested_version="2.23", identity=None, payload={}))
    assert modes["sso"] == {} and modes["sso_providers"] == []


def test_the_room_answers_every_sso_endpoint():
    assert {n for n in SSO_ENDPOINTS if n.startswith("sso.")} == {
        "sso.get_supported_providers", "sso.get_provider_configuration_template", "sso.get_provider_configurations",
        "sso.save_provider_configuration", "sso.set_provider_configurations_active",
        "sso.delete_provider_configurations", "sso.get_oidc_provider_data_from_well_known_url",
        "sso.test_provider_configuration", "sso.download_saml_sp_metadata"}


@pytest.fixture
def caller(admin):
    return Identity(company=admin.company, user=admin.id, role="admin", session_id="s-123")
