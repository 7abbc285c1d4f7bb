"""``storage.*``: the storage credentials (S3, Azure, Google Storage) a company keeps on the
server, which the web UI uses to show the company's debug images and artifacts.

Stored per company with their secrets encrypted (``secrets.SecretBox``). clearml-server
answers every section, filled with its configured defaults where the company set nothing;
Cairn has no configured defaults, so an unset section answers empty values. The secrets are
answered in clear to the roles of the open-source server (which answers them to every caller:
the UI needs them to sign its requests), never to the Enterprise's limited roles (annotator,
guest): those get them as null.

The Enterprise ``storage.*_user_settings`` keep the same settings per user of a company
(``user=True`` below): the caller's own, answered in the same shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.identity.companies.secrets import SecretBox, masked
from services.identity.store.companies import MongoStorageSettings
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

SECTIONS = ("aws", "azure", "google")

# Roles that may read the stored secrets in clear.
SECRET_READERS = frozenset({"system", "root", "admin", "superuser", "user"})

# What an unset section answers (clearml-server's, with no configured default credentials).
EMPTY_SECTIONS: dict[str, dict[str, Any]] = {
    "aws": {"key": "", "secret": "", "token": "", "region": "", "use_credentials_chain": False, "buckets": []},
    "google": {"project": "", "credentials_json": "", "buckets": []},
    "azure": {"containers": []},
}


class StorageSettings:
    """The use cases of the ``storage`` service (a company's settings)."""

    def __init__(self, store: MongoStorageSettings, box: SecretBox, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._box = box
        self._clock = clock

    async def get_settings(self, identity: Identity, user: bool = False) -> dict[str, Any]:
        """``storage.get_settings`` (``get_user_settings``): every section, stored values over
        the empty ones."""
        stored = await self._store.get(owner(identity, user)) or {}
        answer: dict[str, Any] = {}
        for section in SECTIONS:
            values = {**EMPTY_SECTIONS[section], **self._box.open(section, stored.get(section) or {})}
            answer[section] = values if identity.role in SECRET_READERS else masked(section, values)
        answer["last_update"] = stored.get("last_update")
        return {"settings": answer}

    async def set_settings(self, identity: Identity, request: dict[str, Any], user: bool = False) -> dict[str, int]:
        """``storage.set_settings`` (``set_user_settings``): replace the sections sent (the
        others are kept); nothing sent, or Google credentials that are not JSON, is 400/12."""
        sections = {name: request[name] for name in SECTIONS if request.get(name)}
        if not sections:
            raise ApiError.named("validation_error", msg="No settings were provided")
        _check_google_credentials(sections.get("google"))
        sealed = {name: self._box.seal(name, values) for name, values in sections.items()}
        return {"updated": await self._store.set(owner(identity, user), sealed, self._clock())}

    async def reset_settings(self, identity: Identity, keys: list[str] | None, user: bool = False) -> dict[str, int]:
        """``storage.reset_settings`` (``reset_user_settings``): drop the named sections (none
        named: none dropped)."""
        sections = list(dict.fromkeys(keys or []))
        updated = await self._store.reset(owner(identity, user), sections, self._clock())
        return {"updated": updated}


def owner(identity: Identity, user: bool) -> str:
    """Whose settings: the caller's company's, or the caller's own within it."""
    return f"{identity.company}/{identity.user}" if user else identity.company


def _check_google_credentials(google: dict[str, Any] | None) -> None:
    credentials = (google or {}).get("credentials_json")
    if not credentials:
        return
    try:
        json.loads(credentials)
    except ValueError as exc:
        raise ApiError.named("validation_error", msg=f"Invalid json credentials: {exc}") from None
