"""Pure rules of the SSO room: the identity providers Cairn supports, each one's configuration
template, the validation of a configuration, and the mapping of a provider's claims to a user.

No I/O here. A configuration is the free-form object of ``sso.save_provider_configuration``;
its keys are those of its provider's template (``template``). ``client_secret`` is its only
secret: sealed at rest and never answered in clear (``SECRET_FIELDS``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from shared.errors import ApiError

OIDC, SAML = "oidc", "saml"
SECRET_FIELDS = ("client_secret",)
# The roles a user created by an SSO login may get (``login.role`` of the seed).
SIGNUP_ROLES = frozenset({"admin", "superuser", "user", "annotator"})
TOKEN_AUTH_METHODS = frozenset({"client_secret_basic", "client_secret_post"})
# The claim each user field is read from unless the configuration's ``claim_mapping`` says
# otherwise; ``company`` is unset: the configuration's company.
DEFAULT_CLAIMS = {
    "user_id": "sub",
    "email": "email",
    "email_verified": "email_verified",
    "name": "name",
    "given_name": "given_name",
    "family_name": "family_name",
    "avatar": "picture",
    "company": "",
}


@dataclass(frozen=True)
class Provider:
    """One entry of ``sso.get_supported_providers`` (the seed's ``sso.provider``)."""

    id: str
    category: str
    display_name: str
    icon: str = ""
    # A provider-specific hint shown in the template (e.g. Keycloak's realm URL form).
    well_known_hint: str = ""


PROVIDERS: dict[str, Provider] = {p.id: p for p in (
    Provider("oidc", OIDC, "OpenID Connect", well_known_hint="https://<issuer>/.well-known/openid-configuration"),
    Provider("keycloak", OIDC, "Keycloak",
             well_known_hint="https://<host>/realms/<realm>/.well-known/openid-configuration"),
    Provider("okta", OIDC, "Okta", well_known_hint="https://<org>.okta.com/.well-known/openid-configuration"),
    Provider("auth0", OIDC, "Auth0", well_known_hint="https://<tenant>.auth0.com/.well-known/openid-configuration"),
    Provider("google", OIDC, "Google", well_known_hint="https://accounts.google.com/.well-known/openid-configuration"),
    Provider("microsoft_ad", OIDC, "Microsoft Entra ID",
             well_known_hint="https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration"),
    Provider("saml", SAML, "SAML 2.0"),
    Provider("google_saml", SAML, "Google (SAML)"),
    Provider("jumpcloudsaml", SAML, "JumpCloud (SAML)"),
    Provider("duo", SAML, "Duo (SAML)"),
)}

_COMMON = {
    "display_name": "",
    "allow_signup": False,
    "default_role": "user",
    "claim_mapping": dict(DEFAULT_CLAIMS),
}
_OIDC_TEMPLATE = {
    **_COMMON,
    "client_id": "",
    "client_secret": "",
    "well_known_url": "",
    "issuer": "",
    "authorization_endpoint": "",
    "token_endpoint": "",
    "jwks_uri": "",
    "scope": "openid email profile",
    "audience": "",
    "token_endpoint_auth_method": "client_secret_basic",
    "callback_url": "",
}
_SAML_TEMPLATE = {
    **_COMMON,
    "idp_entity_id": "",
    "idp_sso_url": "",
    "idp_x509_cert": "",
    "sp_entity_id": "",
    "acs_url": "",
    "name_id_format": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    "want_assertions_signed": True,
}
_REQUIRED = {OIDC: ("client_id",), SAML: ("idp_entity_id", "idp_sso_url", "sp_entity_id", "acs_url")}
_URLS = {OIDC: ("well_known_url", "authorization_endpoint", "token_endpoint", "jwks_uri", "callback_url"),
         SAML: ("idp_sso_url", "acs_url")}
_OIDC_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "issuer")


def provider(provider_id: str) -> Provider:
    """The supported provider, or 400/12 naming the supported ones."""
    found = PROVIDERS.get((provider_id or "").strip().lower())
    if found is None:
        raise ApiError(400, 12, f"unsupported SSO provider {provider_id!r}; supported: {sorted(PROVIDERS)}")
    return found


def template(found: Provider) -> dict[str, Any]:
    """A new configuration of ``found``: every key with its default."""
    base = copy.deepcopy(_OIDC_TEMPLATE if found.category == OIDC else _SAML_TEMPLATE)
    base["display_name"] = found.display_name
    if found.well_known_hint:
        base["well_known_url"] = found.well_known_hint
    return base


def check_url(name: str, value: Any) -> str:
    """An http(s) URL with a host, or 400/16."""
    url = value.strip() if isinstance(value, str) else ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ApiError(400, 16, f"{name} must be an http or https URL", field=name, value=str(value)[:200])
    return url


def validated(found: Provider, configuration: dict[str, Any]) -> dict[str, Any]:
    """The configuration of ``found`` as stored: the template's keys only (unknown keys are
    400/14), the required ones set, URLs well formed, the role and claim mapping sane. A
    secret left empty (``None`` or ``""``) means "keep the stored one" to the caller."""
    base = template(found)
    unknown = sorted(set(configuration) - set(base) - {"id", "active"})
    if unknown:
        raise ApiError(400, 14, f"unknown configuration fields for {found.id}: {unknown}")
    result = {**base, **{k: v for k, v in configuration.items() if k in base and v is not None}}
    for name in _REQUIRED[found.category]:
        if not isinstance(result.get(name), str) or not result[name].strip():
            raise ApiError(400, 11, f"{name} is required for a {found.category} configuration", field=name)
    for name in _URLS[found.category]:
        if result.get(name) and result[name] != base.get(name):
            result[name] = check_url(name, result[name])
    if found.category == OIDC:
        _check_oidc(result, base)
    _check_common(result)
    return result


def _check_oidc(result: dict[str, Any], base: dict[str, Any]) -> None:
    if result["well_known_url"] == base["well_known_url"] and base["well_known_url"].count("<"):
        result["well_known_url"] = ""  # the hint was left in place: no discovery
    if not result["well_known_url"] and not all(result.get(n) for n in _OIDC_ENDPOINTS):
        raise ApiError(400, 11, "an OIDC configuration needs well_known_url, or all of " + ", ".join(_OIDC_ENDPOINTS))
    if result["token_endpoint_auth_method"] not in TOKEN_AUTH_METHODS:
        raise ApiError(400, 12, f"token_endpoint_auth_method must be one of {sorted(TOKEN_AUTH_METHODS)}")
    if "openid" not in str(result["scope"]).split():
        raise ApiError(400, 12, "scope must include 'openid'")


def _check_common(result: dict[str, Any]) -> None:
    if not isinstance(result["allow_signup"], bool):
        raise ApiError(400, 20, "allow_signup must be a boolean")
    if result["default_role"] not in SIGNUP_ROLES:
        raise ApiError(400, 12, f"default_role must be one of {sorted(SIGNUP_ROLES)}")
    mapping = result["claim_mapping"]
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise ApiError(400, 20, "claim_mapping must map user fields to claim names")
    unknown = sorted(set(mapping) - set(DEFAULT_CLAIMS))
    if unknown:
        raise ApiError(400, 14, f"unknown claim_mapping fields: {unknown}; known: {sorted(DEFAULT_CLAIMS)}")
    result["claim_mapping"] = {**DEFAULT_CLAIMS, **mapping}
    if not result["claim_mapping"]["user_id"]:
        raise ApiError(400, 11, "claim_mapping.user_id names the claim that identifies the user")


def display_name(found: Provider, settings: dict[str, Any]) -> str:
    return str(settings.get("display_name") or found.display_name)


# --- claims -> user ----------------------------------------------------------------------


@dataclass(frozen=True)
class MappedUser:
    """What a provider says about the user (``login.test_sso_callback``'s ``mapped_user_data``)."""

    user_id: str
    email: str = ""
    email_verified: bool = False
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    avatar: str | None = None
    company: str = ""


def claim(claims: dict[str, Any], path: str) -> Any:
    """The claim at ``path`` (``a.b`` reads a nested object), or None."""
    value: Any = claims
    for part in path.split(".") if path else ():
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value if path else None


def mapped_user(claims: dict[str, Any], mapping: dict[str, str]) -> MappedUser:
    """The user the claims describe, through the configuration's claim mapping; 401/30 without
    the identifying claim."""
    names = {**DEFAULT_CLAIMS, **mapping}

    def text(field: str) -> str:
        value = claim(claims, names[field])
        return str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""

    user_id = text("user_id")
    if not user_id:
        raise ApiError(401, 30, f"the ID token has no {names['user_id']!r} claim to identify the user")
    email = text("email").lower()
    verified = claim(claims, names["email_verified"])
    name = text("name") or " ".join(p for p in (text("given_name"), text("family_name")) if p) or email or user_id
    # Only a provider that says so vouches for the address (absent is unverified: some providers
    # let users type any email, and a matching email would hand them another user's account).
    verified = verified is True or (isinstance(verified, str) and verified.lower() == "true")
    return MappedUser(user_id=user_id, email=email, email_verified=verified and bool(email),
                      name=name, given_name=text("given_name"), family_name=text("family_name"),
                      avatar=text("avatar") or None, company=text("company") if names["company"] else "")
