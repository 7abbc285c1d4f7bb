"""Identity use cases over in-memory fakes: sessions, credentials, the current user."""

from __future__ import annotations

import dataclasses
import time

import jwt
import pytest

from services.identity.domain import User, user_id_for
from services.identity.settings import MAX_TOKEN_EXPIRATION_S
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import verify_token
from services.identity.service import IdentityService
from tests.unit.identity.conftest import ADMIN_KEY, ADMIN_SECRET, TOKEN_SECRET, make_settings


def caller_of(user: User, session_id: str | None = None) -> Identity:
    return Identity(company=user.company, user=user.id, role=user.role, user_name=user.name, session_id=session_id)


@pytest.fixture
async def member(ports, admin):
    """A plain user of the admin's company."""
    user = User(id=user_id_for(admin.company, "member"), company=admin.company, name="Member", role="user")
    await ports.users.ensure(user)
    return user


# --- internal.verify_credentials ---------------------------------------------------------


async def test_verify_credentials_answers_the_owners_identity(service, admin):
    identity = await service.verify_credentials(ADMIN_KEY, ADMIN_SECRET)
    assert identity == Identity(
        company=admin.company, user=admin.id, role="admin", user_name="Admin", company_name="clearml"
    )


async def test_verify_credentials_records_the_use(service, ports, admin):
    await service.verify_credentials(ADMIN_KEY, ADMIN_SECRET, address="10.0.0.7")
    await service.drain()
    stored = await ports.credentials.get(ADMIN_KEY)
    assert stored.last_used is not None and stored.last_used_from == "10.0.0.7"


@pytest.mark.parametrize("key, secret", [(ADMIN_KEY, "wrong"), ("UNKNOWNKEY", ADMIN_SECRET), (ADMIN_KEY, "")])
async def test_unknown_key_or_wrong_secret_is_401_22(service, admin, key, secret):
    with pytest.raises(ApiError) as err:
        await service.verify_credentials(key, secret)
    assert (err.value.code, err.value.subcode) == (401, 22)


async def test_a_deactivated_companys_keys_and_sessions_are_refused_401_22(service, ports, admin):
    company = ports.companies.items[admin.company]
    ports.companies.items[admin.company] = dataclasses.replace(company, active=False)
    for attempt in (service.verify_credentials(ADMIN_KEY, ADMIN_SECRET), service.login(caller_of(admin), None)):
        with pytest.raises(ApiError) as err:
            await attempt
        assert (err.value.code, err.value.subcode) == (401, 22)


# --- auth.login / auth.logout -------------------------------------------------------------


async def test_login_issues_a_token_with_the_claims_the_sdk_reads(service, admin):
    token = await service.login(caller_of(admin), None)
    identity, claims = verify_token(TOKEN_SECRET, token)
    assert (identity.company, identity.user, identity.role) == (admin.company, admin.id, "admin")
    assert (identity.user_name, identity.company_name) == ("Admin", "clearml")
    assert len(identity.session_id) == 32
    assert claims["api_version"] == "2.34"
    assert claims["server_version"] == "3.26.0"
    assert claims["feature_set"] == "advanced"
    assert claims["identity"]["user"] == admin.id
    assert abs(claims["exp"] - (time.time() + 2_592_000)) < 5


async def test_the_token_decodes_without_verification_as_the_sdk_does(service, admin):
    token = await service.login(caller_of(admin), None)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["api_version"] == "2.34" and claims["feature_set"] == "advanced"


async def test_the_feature_set_claim_follows_the_setting(ports, admin):
    basic = IdentityService(ports, make_settings(feature_set="basic"))
    claims = jwt.decode(await basic.login(caller_of(admin), None), options={"verify_signature": False})
    assert (claims["feature_set"], claims["server_version"]) == ("basic", "2.3.0")


async def test_every_login_starts_a_new_session(service, admin):
    first = verify_token(TOKEN_SECRET, await service.login(caller_of(admin), None))[0]
    second = verify_token(TOKEN_SECRET, await service.login(caller_of(admin), None))[0]
    assert first.session_id != second.session_id


async def test_login_expiration_is_honoured_and_capped_at_a_year(service, admin):
    short = verify_token(TOKEN_SECRET, await service.login(caller_of(admin), 600))[1]
    assert abs(short["exp"] - (time.time() + 600)) < 5
    long = verify_token(TOKEN_SECRET, await service.login(caller_of(admin), 10 * MAX_TOKEN_EXPIRATION_S))[1]
    assert abs(long["exp"] - (time.time() + MAX_TOKEN_EXPIRATION_S)) < 5


async def test_login_reads_the_users_current_role(service, ports, member):
    stale = Identity(company=member.company, user=member.id, role="admin")
    identity, _ = verify_token(TOKEN_SECRET, await service.login(stale, None))
    assert identity.role == "user"


async def test_login_without_caller_or_for_an_unknown_user_is_refused(service, admin):
    with pytest.raises(ApiError) as err:
        await service.login(None, None)
    assert (err.value.code, err.value.subcode) == (401, 20)
    with pytest.raises(ApiError) as err:
        await service.login(Identity(company=admin.company, user="ghost"), None)
    assert err.value.code == 401


async def test_logout_revokes_the_session_and_publishes_session_revoked(service, ports, admin):
    await service.logout(caller_of(admin, session_id="sess1"))
    [(key, change)] = ports.publisher.published
    assert key == "sess1"
    assert change["type"] == "SessionRevoked" and change["session_id"] == "sess1"
    assert change["expires"] >= time.time() + MAX_TOKEN_EXPIRATION_S - 5
    assert [s for s, _ in await service.revoked_sessions()] == ["sess1"]


async def test_logout_with_basic_auth_has_nothing_to_revoke(service, ports, admin):
    await service.logout(caller_of(admin, session_id=None))
    await service.logout(None)
    assert ports.publisher.published == []
    assert await service.revoked_sessions() == []


# --- auth.*_credentials --------------------------------------------------------------------


async def test_created_credentials_authenticate_as_their_creator(service, ports, member):
    credential, secret = await service.create_credentials(caller_of(member), "laptop")
    assert credential.label == "laptop" and credential.user == member.id
    assert secret not in (await ports.credentials.get(credential.access_key)).secret_hash
    identity = await service.verify_credentials(credential.access_key, secret)
    assert identity.user == member.id and identity.role == "user"


async def test_get_credentials_lists_only_the_callers_keys(service, admin, member):
    mine, _ = await service.create_credentials(caller_of(member), None)
    listed = await service.get_credentials(caller_of(member))
    assert [c.access_key for c in listed] == [mine.access_key]
    assert ADMIN_KEY in [c.access_key for c in await service.get_credentials(caller_of(admin))]


async def test_revoking_own_credentials_disables_them_and_publishes(service, ports, member):
    credential, secret = await service.create_credentials(caller_of(member), None)
    assert await service.revoke_credentials(caller_of(member), credential.access_key) == 1
    published = ports.publisher.published  # before the deletion and after it
    assert [(key, fact["type"], fact["access_key"]) for key, fact in published] == [
        (credential.access_key, "CredentialsRevoked", credential.access_key)] * 2
    assert published[0][1]["revoked_at_ms"] <= published[1][1]["revoked_at_ms"]
    with pytest.raises(ApiError):
        await service.verify_credentials(credential.access_key, secret)


async def test_a_user_cannot_revoke_someone_elses_credentials(service, ports, member):
    with pytest.raises(ApiError) as err:
        await service.revoke_credentials(caller_of(member), ADMIN_KEY)
    assert (err.value.code, err.value.subcode) == (400, 300)
    assert await ports.credentials.get(ADMIN_KEY) is not None
    assert ports.publisher.published == []


async def test_an_admin_cannot_revoke_a_company_members_credentials_either(service, ports, admin, member):
    credential, _ = await service.create_credentials(caller_of(member), None)
    with pytest.raises(ApiError) as err:
        await service.revoke_credentials(caller_of(admin), credential.access_key)
    assert (err.value.code, err.value.subcode) == (400, 300)
    assert await ports.credentials.get(credential.access_key) is not None


async def test_revoking_an_unknown_key_is_400_300_and_publishes_nothing(service, ports, member):
    with pytest.raises(ApiError) as err:
        await service.revoke_credentials(caller_of(member), "NO-SUCH-KEY")
    assert (err.value.code, err.value.subcode) == (400, 300)
    assert "invalid user or invalid access key" in err.value.message
    assert ports.publisher.published == []


async def test_revoke_without_access_key_is_the_request_class_validation_error_400_12(service, member):
    with pytest.raises(ApiError) as err:
        await service.revoke_credentials(caller_of(member), None)
    assert (err.value.code, err.value.subcode) == (400, 12)
    with pytest.raises(ApiError) as err:  # an empty key is given, and found nowhere
        await service.revoke_credentials(caller_of(member), "")
    assert (err.value.code, err.value.subcode) == (400, 300)


async def test_edit_credentials_changes_the_label_of_own_keys_only(service, member):
    credential, _ = await service.create_credentials(caller_of(member), "old")
    assert await service.edit_credentials(caller_of(member), credential.access_key, "new") == 1
    assert await service.edit_credentials(caller_of(member), credential.access_key, "new") == 1  # unchanged
    assert [c.label for c in await service.get_credentials(caller_of(member))] == ["new"]
    with pytest.raises(ApiError) as err:
        await service.edit_credentials(caller_of(member), ADMIN_KEY, "mine now")
    assert (err.value.code, err.value.subcode) == (400, 75)


# --- users.get_current_user / server.info -------------------------------------------------


async def test_current_user_is_the_callers_record_with_its_company_name(service, admin):
    user, company_name = await service.current_user(caller_of(admin))
    assert (user.id, user.name, user.role, company_name) == (admin.id, "Admin", "admin", "clearml")


async def test_current_user_of_an_unknown_user_is_400_300(service, admin):
    with pytest.raises(ApiError) as err:
        await service.current_user(Identity(company=admin.company, user="ghost"))
    assert (err.value.code, err.value.subcode) == (400, 300)


async def test_server_uid_is_stable(service, admin):
    assert await service.server_uid() == await service.server_uid()
