"""Session tokens carry the claims the clearml SDK reads, and only verify with our secret."""

import time

import jwt
import pytest

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token, verify_token

SECRET = "a-token-secret-that-is-long-enough-for-hs256"
WHO = Identity(company="c1", user="u1", role="admin", user_name="Admin", company_name="clearml")


def test_claims_the_sdk_reads_without_verifying():
    token = issue_token(SECRET, WHO, "sess", 600, "2.34", "2.3.0")
    claims = jwt.decode(token, options={"verify_signature": False})  # as the SDK does
    assert claims["api_version"] == "2.34"
    assert claims["server_version"] == "2.3.0"
    assert claims["feature_set"] == "basic"
    assert claims["identity"]["user"] == "u1" and claims["identity"]["company"] == "c1"
    assert claims["session_id"] == "sess"
    assert claims["exp"] - time.time() == pytest.approx(600, abs=5)


def test_the_feature_set_claim_is_the_one_given():
    token = issue_token(SECRET, WHO, "sess", 600, "2.34", "2.3.0", feature_set="advanced")
    assert jwt.decode(token, options={"verify_signature": False})["feature_set"] == "advanced"


def test_verify_returns_identity_with_session():
    identity, _ = verify_token(SECRET, issue_token(SECRET, WHO, "sess", 600, "2.34", "2.3.0"))
    assert identity == WHO.model_copy(update={"session_id": "sess"})


@pytest.mark.parametrize(
    "token",
    [
        issue_token("another-secret-that-is-long-enough-for-hs256", WHO, "s", 600, "2.34", "x"),
        issue_token(SECRET, WHO, "s", -10, "2.34", "x"),
        "not-a-jwt",
    ],
)
def test_forged_expired_or_garbage_tokens_are_401_30(token):
    with pytest.raises(ApiError) as err:
        verify_token(SECRET, token)
    assert (err.value.code, err.value.subcode) == (401, 30)


def test_a_token_obtained_with_a_key_ends_when_the_key_is_revoked():
    from shared.tokens import RevokedSessions, verify_session

    token = issue_token(SECRET, WHO.model_copy(update={"access_key": "AK1"}), "sess", 600, "2.34", "x")
    other = issue_token(SECRET, WHO.model_copy(update={"access_key": "AK2"}), "sess2", 600, "2.34", "x")
    revoked = RevokedSessions()
    assert verify_session(SECRET, token, revoked).access_key == "AK1"
    revoked.apply_change({"type": "CredentialsRevoked", "access_key": "AK1"})
    with pytest.raises(ApiError) as refused:
        verify_session(SECRET, token, revoked)
    assert (refused.value.code, refused.value.subcode) == (401, 31)
    assert verify_session(SECRET, other, revoked).access_key == "AK2"


def test_a_key_set_again_after_its_revocation_gives_tokens_that_work():
    """auth.set_credentials may give an existing key a new secret (or make a deleted key again):
    the tokens of the old secret end, those obtained afterwards do not."""
    import time

    from shared.tokens import RevokedSessions, verify_session

    who = WHO.model_copy(update={"access_key": "AK1"})
    before = issue_token(SECRET, who, "s1", 600, "2.34", "x")
    revoked = RevokedSessions()
    revoked.apply_change({"type": "CredentialsRevoked", "access_key": "AK1", "revoked_at_ms": time.time_ns() // 10**6})
    time.sleep(0.002)
    after = issue_token(SECRET, who, "s2", 600, "2.34", "x")
    with pytest.raises(ApiError) as refused:
        verify_session(SECRET, before, revoked)
    assert (refused.value.code, refused.value.subcode) == (401, 31)
    assert verify_session(SECRET, after, revoked).session_id == "s2"
    # a fact of an older Cairn (no time) ends every token of the key, as it did then
    revoked.apply_change({"type": "CredentialsRevoked", "access_key": "AK1"})
    with pytest.raises(ApiError):
        verify_session(SECRET, after, revoked)
@pytest.mark.parametrize(
    "header",
    [
        "clearml_token_basic=T",
        'prefs={"theme":"dark"}; clearml_token_basic=T',  # a JSON cookie of another app before it
        "theme=dark mode; clearml_token_basic=T; other=1",  # a spaced value
        "a=b,c;clearml_token_basic=T",
        'clearml_token_basic="T"',
        "clearml_token_basic=; clearml_token_basic=T",
    ],
)
def test_the_session_cookie_is_found_among_any_other_cookies(header):
    from shared.tokens import cookie_token

    assert cookie_token(header) == "T"


@pytest.mark.parametrize("header", ["", "clearml_token_basic", "clearml_token_basic=", "xclearml_token_basic=T",
                                    "other=clearml_token_basic=T"])
def test_no_session_cookie_is_none(header):
    from shared.tokens import cookie_token

    assert cookie_token(header) is None
