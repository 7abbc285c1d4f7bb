"""IdentitySettings: fail-fast admin pair, dev defaults, the claimed API version."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.identity import settings as identity_settings
from services.identity.settings import IdentitySettings


def test_api_version_defaults_to_the_catalogs_highest_version():
    assert identity_settings.CATALOG_API_VERSION == "2.34"
    assert IdentitySettings(dev_mode=True).api_version == "2.34"


def test_dev_mode_without_admin_pair_uses_the_fixed_dev_pair():
    settings = IdentitySettings(dev_mode=True)
    assert settings.admin_access_key == identity_settings.DEV_ADMIN_ACCESS_KEY
    assert settings.admin_secret_key == identity_settings.DEV_ADMIN_SECRET_KEY


def test_outside_dev_mode_the_admin_pair_stays_unset_so_it_gets_generated():
    settings = IdentitySettings(auth_token_secret="x" * 40)
    assert settings.admin_access_key is None and settings.admin_secret_key is None


def test_half_an_admin_pair_is_refused():
    with pytest.raises(ValidationError):
        IdentitySettings(auth_token_secret="x" * 40, admin_access_key="KEY")


def test_token_expiration_cannot_exceed_a_year():
    with pytest.raises(ValidationError):
        IdentitySettings(dev_mode=True, token_expiration_s=31_536_001)


def test_settings_come_from_cairn_environment_variables(monkeypatch):
    monkeypatch.setenv("CAIRN_AUTH_TOKEN_SECRET", "y" * 40)
    monkeypatch.setenv("CAIRN_COMPANY_NAME", "acme")
    monkeypatch.setenv("CAIRN_ADMIN_ACCESS_KEY", "K" * 30)
    monkeypatch.setenv("CAIRN_ADMIN_SECRET_KEY", "s" * 50)
    settings = IdentitySettings()
    assert (settings.company_name, settings.admin_access_key) == ("acme", "K" * 30)


def test_the_feature_set_is_advanced_unless_set_to_basic(monkeypatch):
    assert IdentitySettings(dev_mode=True).feature_set == "advanced"
    monkeypatch.setenv("CAIRN_FEATURE_SET", "basic")
    assert IdentitySettings(dev_mode=True).feature_set == "basic"
    monkeypatch.setenv("CAIRN_FEATURE_SET", "advanced")
    monkeypatch.setenv("CAIRN_FEATURE_SET", "premium")
    with pytest.raises(ValidationError):
        IdentitySettings(dev_mode=True)


@pytest.mark.parametrize("feature_set, version", [("advanced", "3.26.0"), ("basic", "2.3.0")])
def test_the_server_version_follows_the_feature_set_unless_set(feature_set, version):
    """The SDK gates Enterprise features on 3.x versions (field_mappings: 3.25) under
    ``advanced`` and on the open-source numbering under ``basic``."""
    assert IdentitySettings(dev_mode=True, feature_set=feature_set).server_version == version
    assert IdentitySettings(dev_mode=True, feature_set=feature_set, server_version="9.9.9").server_version == "9.9.9"
