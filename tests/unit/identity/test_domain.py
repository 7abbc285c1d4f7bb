"""Pure rules: key formats, secret hashing, ids, role scopes, token lifetimes."""

from __future__ import annotations

import re

from services.identity import domain


def test_access_keys_are_30_uppercase_letters_and_digits():
    keys = {domain.new_access_key() for _ in range(200)}
    assert len(keys) == 200
    assert all(re.fullmatch(r"[A-Z0-9]{30}", key) for key in keys)


def test_secret_keys_are_long_url_safe_and_unique():
    secrets = {domain.new_secret_key() for _ in range(200)}
    assert len(secrets) == 200
    assert all(50 <= len(s) <= 67 and re.fullmatch(r"[A-Za-z0-9_-]+", s) for s in secrets)


def test_a_hashed_secret_verifies_and_does_not_contain_the_secret():
    stored = domain.hash_secret("s3cret-value")
    assert "s3cret-value" not in stored
    assert domain.verify_secret("s3cret-value", stored)


def test_a_wrong_secret_does_not_verify():
    stored = domain.hash_secret("s3cret-value")
    assert not domain.verify_secret("s3cret-valuE", stored)
    assert not domain.verify_secret("", stored)


def test_hashes_are_salted_per_credential():
    assert domain.hash_secret("same") != domain.hash_secret("same")
    salt = bytes(16)
    assert domain.hash_secret("same", salt) == domain.hash_secret("same", salt)


def test_malformed_or_foreign_stored_hashes_never_verify():
    for stored in ("", "plain-text", "bcrypt$00$00", "hmac-sha256$zz$00", "hmac-sha256$00"):
        assert not domain.verify_secret("anything", stored)


def test_user_ids_are_stable_per_company_and_name():
    first = domain.user_id_for("company-a", "Admin")
    assert first == domain.user_id_for("company-a", "Admin")
    assert first != domain.user_id_for("company-b", "Admin")
    assert re.fullmatch(r"[0-9a-f]{32}", first)


def test_token_lifetime_uses_the_default_and_caps_at_the_maximum():
    assert domain.token_lifetime(None, 100, 1000) == 100
    assert domain.token_lifetime(0, 100, 1000) == 100
    assert domain.token_lifetime(50, 100, 1000) == 50
    assert domain.token_lifetime(5000, 100, 1000) == 1000
