import base64

import pytest

from services.files.auth import FilesAuth, token_of
from shared.messaging.changes import apply_identity_change
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

SECRET = "unit-secret-of-at-least-thirty-two-bytes"
OTHER = "another-secret-of-at-least-thirty-two-bytes"
IDENTITY = Identity(company="c1", user="u1", role="user", user_name="U", company_name="C")


def token(session: str = "s1", secret: str = SECRET, expires_in: int = 3600) -> str:
    return issue_token(secret, IDENTITY, session, expires_in, "2.31", "1.0")


def test_bearer_token_gives_the_identity():
    identity = FilesAuth(SECRET).authenticate(f"Bearer {token()}", "")
    assert (identity.company, identity.user, identity.session_id) == ("c1", "u1", "s1")


def test_cookie_token_gives_the_identity():
    identity = FilesAuth(SECRET).authenticate("", f"other=1; clearml_token_basic={token()}")
    assert identity.company == "c1"


@pytest.mark.parametrize(
    ("authorization", "cookie", "subcode"),
    [
        ("", "", 20),
        ("", "other=1", 20),
        ("Bearer not-a-jwt", "", 30),
        (f"Bearer {token(secret=OTHER)}", "", 30),
        (f"Bearer {token(expires_in=-10)}", "", 30),
        ("Basic " + base64.b64encode(b"key:secret").decode(), "", 10),
        ("Bearer", "", 10),
    ],
)
def test_refused_credentials_are_401(authorization, cookie, subcode):
    with pytest.raises(ApiError) as err:
        FilesAuth(SECRET).authenticate(authorization, cookie)
    assert (err.value.code, err.value.subcode) == (401, subcode)


def test_a_logged_out_session_is_refused_but_others_pass():
    auth = FilesAuth(SECRET)
    apply_identity_change(auth.revoked, b'{"type": "SessionRevoked", "session_id": "s1", "expires": 9999999999}')
    apply_identity_change(auth.revoked, b"not json")
    apply_identity_change(auth.revoked, b'{"type": "CredentialsRevoked", "access_key": "k"}')
    with pytest.raises(ApiError) as err:
        auth.authenticate(f"Bearer {token('s1')}", "")
    assert (err.value.code, err.value.subcode) == (401, 31)
    assert auth.authenticate(f"Bearer {token('s2')}", "").session_id == "s2"


def test_header_wins_over_cookie():
    assert token_of("Bearer abc", "clearml_token_basic=def") == "abc"
    assert token_of("", "clearml_token_basic=def") == "def"
    assert token_of("", 'bad"cookie') is None
