"""Scroll states on the real MongoDB-wire server: saved, replaced and read back by id."""

import pytest

from services.tasks.store.scrolling import MongoScrollRepository

pytestmark = pytest.mark.integration


async def test_scroll_states_are_upserted_and_read_back(mongo_db):
    repo = MongoScrollRepository(mongo_db)
    assert await repo.get("s1") is None
    await repo.save({"_id": "s1", "company": "acme", "entity": "task", "position": 2})
    await repo.save({"_id": "s1", "company": "acme", "entity": "task", "position": 4})
    assert await repo.get("s1") == {"_id": "s1", "company": "acme", "entity": "task", "position": 4}
    assert await mongo_db["scroll"].count_documents({}) == 1
