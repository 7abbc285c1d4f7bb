"""Settings of the identity process (``CAIRN_*`` environment variables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

import shared.schemas
from shared.schemas.auth import MAX_EXPIRATION_SEC
from shared.settings import TokenSettings

# No token lives longer than a year: ``auth.login`` refuses a longer ``expiration_sec``.
MAX_TOKEN_EXPIRATION_S = MAX_EXPIRATION_SEC

# Only used when CAIRN_DEV_MODE=true and no admin credentials are configured.
DEV_ADMIN_ACCESS_KEY = "CAIRNDEVADMINACCESSKEY00000000"
DEV_ADMIN_SECRET_KEY = "cairn-development-only-admin-secret-key-do-not-deploy"

# login room: the key pair compiled into the stock ClearML web UI (its "webserver" user, the
# default clearml-server ships), used by the name-only login model; deployments replace it.
WEBUI_ACCESS_KEY = "EYVQ385RW7Y2QQUH88CZ7DWIQ1WUHP"
WEBUI_SECRET_KEY = "XhkH6a6ds9JBnM_MrahYyYdO-wS2bqFSm8gl-V0UZXH26Ydd6Eyi28TeBEoSr6Z3Bes"

_CATALOG = Path(shared.schemas.__file__).parent / "spec" / "endpoints.json"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def catalog_api_version(path: Path = _CATALOG) -> str:
    """The highest API version in the vendored endpoint catalog (what the server claims)."""
    endpoints = json.loads(path.read_text())
    versions = {version for endpoint in endpoints for version in endpoint["versions"]}
    return max(versions, key=_version_key)


CATALOG_API_VERSION = catalog_api_version()

# The server version a token claims when none is configured. The SDK compares it with the
# open-source server's numbering (1.x, 2.x) under the ``basic`` feature set and with the
# Enterprise server's (3.x) under ``advanced``: a Hyper-Dataset with ``field_mappings`` (vector
# fields) needs 3.25, routers 3.26. 2.3 is the open-source server of API 2.34 (the catalog's
# newest); 3.26 the Enterprise server that has every feature the SDK gates.
SERVER_VERSIONS = {"basic": "2.3.0", "advanced": "3.26.0"}


class IdentitySettings(TokenSettings):
    """Identity's settings. Without admin credentials outside dev mode, the first start
    generates a pair and prints it once (see ``seeding.seed``).

    ``feature_set`` (``CAIRN_FEATURE_SET``) is the ``feature_set`` claim of the session tokens.
    The SDK's Enterprise clients (``clearml.hyperdatasets``, routers) refuse to run unless it
    is ``advanced``; ``advanced`` also makes the SDK ask ``users.get_vaults`` at every session
    start and the agent send ``workers.cluster_report``. Cairn answers the Enterprise catalog,
    so ``advanced`` is the default; ``basic`` makes the clients behave as with the open-source
    server. ``server_version`` (the token's and ``server.info``'s) follows the feature set
    unless set (``SERVER_VERSIONS``)."""

    admin_access_key: str | None = None
    admin_secret_key: str | None = None
    company_id: str = "d1bd92a3b039400cbafc60a7a5b1e52b"
    company_name: str = "clearml"
    admin_name: str = "Admin"
    token_expiration_s: int = Field(default=2_592_000, gt=0, le=MAX_TOKEN_EXPIRATION_S)
    server_version: str = ""  # default: SERVER_VERSIONS[feature_set]
    server_build: str = "cairn"
    api_version: str = CATALOG_API_VERSION
    feature_set: Literal["basic", "advanced"] = "advanced"
    # login room (``services/identity/login``): ``password`` (users log in with a name or email
    # and a password; the first admin's password is generated and printed once unless set) or
    # ``name`` (clearml-server's open-source model: the web UI's key pair impersonates a user).
    login_mode: Literal["password", "name"] = "password"
    admin_password: str | None = None
    webserver_access_key: str = WEBUI_ACCESS_KEY
    webserver_secret_key: str = WEBUI_SECRET_KEY
    # companies room: the key of the storage credentials at rest (default: derived from
    # auth_token_secret; see services/identity/companies/secrets.py).
    storage_secret_key: str = ""

    @model_validator(mode="after")
    def _admin_pair(self) -> "IdentitySettings":
        key, secret = self.admin_access_key or None, self.admin_secret_key or None
        if (key is None) != (secret is None):
            raise ValueError("set both CAIRN_ADMIN_ACCESS_KEY and CAIRN_ADMIN_SECRET_KEY, or neither")
        if key is None and self.dev_mode:
            key, secret = DEV_ADMIN_ACCESS_KEY, DEV_ADMIN_SECRET_KEY
        object.__setattr__(self, "admin_access_key", key)
        object.__setattr__(self, "admin_secret_key", secret)
        return self

    @model_validator(mode="after")
    def _server_version_of_the_feature_set(self) -> "IdentitySettings":
        if not self.server_version:
            object.__setattr__(self, "server_version", SERVER_VERSIONS[self.feature_set])
        return self
