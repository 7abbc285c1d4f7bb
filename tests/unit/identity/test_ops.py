"""The ops room's pure logic: ``server.db_version``'s recorded history and the email filter of
``users.get_whitelist``."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from services.identity.ops.db_version import SCHEMA_VERSION, DbVersion
from services.identity.ops.handlers import _for_email

WHEN = datetime(2026, 1, 2, tzinfo=timezone.utc)


class FakeVersions:
    def __init__(self, history=None) -> None:
        self.entries = list(history or [])

    async def history(self):
        return list(self.entries)

    async def record(self, version, at):
        self.entries.append({"version": version, "created": at})


def test_a_start_records_the_schema_version_once():
    store = FakeVersions()
    versions = DbVersion(store, lambda: WHEN)
    asyncio.run(versions.record_current())
    asyncio.run(versions.record_current())
    assert store.entries == [{"version": SCHEMA_VERSION, "created": WHEN}]


def test_an_upgraded_database_shows_its_history_when_asked():
    store = FakeVersions([{"version": "0.9", "created": WHEN}])
    versions = DbVersion(store, lambda: WHEN)
    asyncio.run(versions.record_current())
    assert asyncio.run(versions.answer(False)) == {"version": SCHEMA_VERSION, "created": WHEN.isoformat()}
    assert [h["version"] for h in asyncio.run(versions.answer(True))["history"]] == ["0.9", SCHEMA_VERSION]


def test_an_email_matches_its_domains_entry_and_its_own_invitation_only():
    domain = {"id": "c:ex.org", "company": "c", "domain": "ex.org"}
    emails = {"id": "c:emails", "company": "c", "emails": [{"email": "a@ex.org"}, {"email": "b@ex.org"}]}
    assert _for_email(domain, "x@ex.org") == domain
    assert _for_email(domain, "x@other.org") is None
    assert _for_email(emails, "b@ex.org")["emails"] == [{"email": "b@ex.org"}]
    assert _for_email(emails, "c@ex.org") is None
