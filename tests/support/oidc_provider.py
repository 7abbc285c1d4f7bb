"""A small OpenID Connect provider for the tests (no external identity provider is reachable):
an HTTP server in a thread with ``/.well-known/openid-configuration``, ``/authorize`` (logs in
``provider.user`` at once and redirects back with a code), ``/token`` (checks the client's
secret, basic or post, and the code, once) and ``/jwks``; ID tokens are RS256, signed with a
key made at start.

A test can make it misbehave for the next logins (``misbehave``): sign with a key not in its
JWKS, answer another nonce or audience, or an already expired token.

    with OidcProvider(client_id="cairn", client_secret="s3cret") as idp:
        idp.user = {"sub": "u-1", "email": "a@example.org", "email_verified": True, "name": "A"}
        ... idp.well_known_url ...
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


@dataclass
class Misbehaviour:
    foreign_key: bool = False
    nonce: str | None = None
    audience: str | None = None
    expired: bool = False
    extra_audience: str | None = None  # a second audience, no ``azp``


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    claims: dict[str, Any]


@dataclass
class OidcProvider:
    client_id: str
    client_secret: str
    user: dict[str, Any] = field(default_factory=dict)
    misbehave: Misbehaviour = field(default_factory=Misbehaviour)
    kid: str = "test-key-1"

    def __post_init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._foreign = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()
        self.token_requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> OidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread.is_alive():  # shutdown() waits for a loop that was never started
            self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def well_known_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    # --- the protocol --------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict[str, Any]:
        numbers = self._key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
                          "n": _b64(numbers.n), "e": _b64(numbers.e)}]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str]]:
        """(status, headers): a redirect back with a code, or 400."""
        if query.get("response_type") != "code" or query.get("client_id") != self.client_id:
            return 400, {}
        if not query.get("redirect_uri") or not query.get("nonce") or "openid" not in query.get("scope", "").split():
            return 400, {}
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._grants[code] = _Grant(self.client_id, query["redirect_uri"], query["nonce"], dict(self.user))
        back = urlencode({"code": code, "state": query.get("state", "")})
        separator = "&" if "?" in query["redirect_uri"] else "?"
        return 302, {"Location": f"{query['redirect_uri']}{separator}{back}"}

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        self.token_requests += 1
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != self.client_id or secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        if grant.redirect_uri != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant"}
        return 200, {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300,
                     "id_token": self._id_token(grant)}

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        wrong = self.misbehave
        issued = now - 3600 if wrong.expired else now
        audience: str | list[str] = wrong.audience or grant.client_id
        if wrong.extra_audience:
            audience = [audience, wrong.extra_audience]
        claims = {**grant.claims, "iss": self.issuer, "aud": audience,
                  "iat": issued, "exp": issued + 300, "nonce": wrong.nonce or grant.nonce}
        key = self._foreign if wrong.foreign_key else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _handler_for(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                status, headers = provider.authorize(query)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path == "/token":
                self._json(*provider.token(form, self.headers.get("Authorization")))
            else:
                self._json(404, {"error": "not_found"})

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
