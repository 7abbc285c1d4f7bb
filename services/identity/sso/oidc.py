"""OpenID Connect as the SSO room needs it: discovery, the authorization URL, the code exchange
at the token endpoint, and the verification of the ID token against the provider's JWKS.

The provider is reached with ``httpx`` (an ``AsyncClient`` given at start, so tests and
production share the code). Every failure to reach or understand the provider is an
``ApiError`` with a clear message, never a traceback: 400/16 when configuring, 401/30 when
logging in (the login is refused, nothing is changed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from shared.errors import ApiError

# Only asymmetric signatures: an HS256 ID token would be signed with the client secret, and
# accepting it opens the door to algorithm confusion with a public key.
ID_TOKEN_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
CLOCK_SKEW_S = 60
JWKS_KEEP_S = 300.0
DISCOVERY_KEEP_S = 300.0
# A provider that failed to answer its discovery document is not asked again for this long:
# the anonymous login page (``login.supported_modes``) must not make Cairn call a dead
# provider on every visit.
DISCOVERY_RETRY_S = 30.0
MAX_DOCUMENT_BYTES = 1_000_000
DISCOVERY_FIELDS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                    "end_session_endpoint", "revocation_endpoint", "issuer")


@dataclass(frozen=True)
class Endpoints:
    """Where one provider answers (from its configuration, else its discovery document)."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


class OidcClient:
    """The HTTP side of OIDC, with short-lived caches of discovery documents and key sets."""

    def __init__(self, http: httpx.AsyncClient, clock: Callable[[], float] = time.monotonic) -> None:
        self._http = http
        self._clock = clock
        self._discovered: dict[str, tuple[float, dict[str, Any]]] = {}
        self._failed: dict[str, tuple[float, ApiError]] = {}
        self._jwks: dict[str, tuple[float, dict[str, Any]]] = {}

    async def discover(self, url: str, code: tuple[int, int] = (400, 16)) -> dict[str, Any]:
        """``sso.get_oidc_provider_data_from_well_known_url``: the provider's discovery
        document (its endpoints); ``code`` is the error when unreachable or malformed."""
        cached = self._discovered.get(url)
        if cached and self._clock() - cached[0] < DISCOVERY_KEEP_S:
            return cached[1]
        failed = self._failed.get(url)
        if failed and self._clock() - failed[0] < DISCOVERY_RETRY_S:
            raise ApiError(*code, failed[1].message)
        try:
            document = await self._get_json(url, "the OIDC discovery document", code)
            missing = [n for n in ("authorization_endpoint", "token_endpoint", "jwks_uri")
                       if not isinstance(document.get(n), str)]
            if missing:
                raise ApiError(*code, f"{url} is not an OIDC discovery document (missing {', '.join(missing)})")
        except ApiError as error:
            self._failed[url] = (self._clock(), error)
            raise
        self._failed.pop(url, None)
        self._discovered[url] = (self._clock(), document)
        return document

    async def endpoints(self, settings: dict[str, Any]) -> Endpoints:
        """The configuration's endpoints, each one not set taken from discovery."""
        found = {n: settings.get(n) or "" for n in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")}
        if not all(found.values()):
            document = await self.discover(settings["well_known_url"], (401, 30))
            found = {n: v or str(document.get(n) or "") for n, v in found.items()}
        if not found["issuer"]:
            raise ApiError(401, 30, "the OIDC provider announces no issuer; set issuer in the configuration")
        return Endpoints(**found)

    async def exchange(self, endpoints: Endpoints, settings: dict[str, Any], secret: str, code: str,
                       redirect_uri: str) -> dict[str, Any]:
        """The token response for an authorization code (401/30 when the provider refuses)."""
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        auth = None
        if settings.get("token_endpoint_auth_method") == "client_secret_post":
            form.update(client_id=settings["client_id"], client_secret=secret)
        else:
            auth = httpx.BasicAuth(settings["client_id"], secret)
        try:
            response = await self._http.post(endpoints.token_endpoint, data=form, auth=auth,
                                             headers={"accept": "application/json"})
        except httpx.HTTPError as exc:
            raise ApiError(401, 30, f"the OIDC token endpoint is unreachable ({type(exc).__name__})") from None
        body = _json_object(response.content)
        if response.status_code != 200 or body is None:
            reason = (body or {}).get("error", f"HTTP {response.status_code}")
            raise ApiError(401, 30, f"the OIDC provider refused the authorization code ({str(reason)[:200]})")
        if not isinstance(body.get("id_token"), str):
            raise ApiError(401, 30, "the OIDC token response has no id_token")
        return body

    async def verify(self, id_token: str, endpoints: Endpoints, audience: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims once its signature (the provider's JWKS), issuer, audience,
        expiry and nonce are right; 401/30 otherwise."""
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.InvalidTokenError:
            raise ApiError(401, 30, "the ID token is not a JWT") from None
        if header.get("alg") not in ID_TOKEN_ALGORITHMS:
            raise ApiError(401, 30, f"the ID token's algorithm {header.get('alg')!r} is not accepted")
        key = await self._key(endpoints.jwks_uri, header.get("kid"), header["alg"])
        try:
            claims = jwt.decode(id_token, key, algorithms=[header["alg"]], audience=audience,
                                issuer=endpoints.issuer, leeway=CLOCK_SKEW_S,
                                options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.ExpiredSignatureError:
            raise ApiError(401, 30, "the ID token has expired") from None
        except jwt.InvalidAudienceError:
            raise ApiError(401, 30, "the ID token is not meant for this client (audience)") from None
        except jwt.InvalidIssuerError:
            raise ApiError(401, 30, "the ID token comes from another issuer") from None
        except jwt.InvalidSignatureError:
            raise ApiError(401, 30, "the ID token's signature does not verify") from None
        except jwt.InvalidTokenError as exc:
            raise ApiError(401, 30, f"the ID token is invalid ({exc})") from None
        if claims.get("nonce") != nonce:
            raise ApiError(401, 30, "the ID token's nonce does not match this login")
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != audience:
            # OIDC Core 3.1.3.7: with several audiences, the authorized party must be us.
            raise ApiError(401, 30, "the ID token is not meant for this client (authorized party)")
        return claims

    async def _key(self, jwks_uri: str, kid: str | None, alg: str) -> Any:
        """The verification key ``kid`` of the provider's set (fetched again once when the
        provider has rotated its keys since)."""
        for fresh in (False, True):
            keys = await self._key_set(jwks_uri, fresh)
            candidates = [k for k in keys.get("keys", [])
                          if isinstance(k, dict) and (kid is None or k.get("kid") == kid)]
            for candidate in candidates:
                try:
                    return jwt.PyJWK.from_dict(candidate, algorithm=alg).key
                except (jwt.PyJWKError, jwt.InvalidKeyError):
                    continue
        raise ApiError(401, 30, f"the OIDC provider's key set has no usable key {kid!r} for the ID token")

    async def _key_set(self, jwks_uri: str, fresh: bool) -> dict[str, Any]:
        cached = self._jwks.get(jwks_uri)
        if cached and not fresh and self._clock() - cached[0] < JWKS_KEEP_S:
            return cached[1]
        keys = await self._get_json(jwks_uri, "the OIDC provider's key set (JWKS)", (401, 30))
        self._jwks[jwks_uri] = (self._clock(), keys)
        return keys

    async def _get_json(self, url: str, what: str, code: tuple[int, int]) -> dict[str, Any]:
        try:
            response = await self._http.get(url, headers={"accept": "application/json"})
        except httpx.HTTPError as exc:
            raise ApiError(*code, f"{what} at {url} is unreachable ({type(exc).__name__})") from None
        if response.status_code != 200:
            raise ApiError(*code, f"{what} at {url} answered HTTP {response.status_code}")
        document = _json_object(response.content)
        if document is None:
            raise ApiError(*code, f"{what} at {url} is not a JSON object")
        return document


def authorization_url(endpoint: str, settings: dict[str, Any], redirect_uri: str, state: str, nonce: str) -> str:
    """The provider's authorization URL for a code flow (``response_type=code``)."""
    query = urlencode({
        "response_type": "code",
        "client_id": settings["client_id"],
        "redirect_uri": redirect_uri,
        "scope": settings.get("scope") or "openid email profile",
        "state": state,
        "nonce": nonce,
    })
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _json_object(content: bytes) -> dict[str, Any] | None:
    if len(content) > MAX_DOCUMENT_BYTES:
        return None
    try:
        value = json.loads(content)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
