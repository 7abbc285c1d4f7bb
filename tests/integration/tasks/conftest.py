"""The tasks use cases over the real MongoDB-wire server, with the production indexes."""

from __future__ import annotations

import pytest

from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from services.tasks.store.repository import MongoModelRepository, MongoProjectRepository, MongoTaskRepository
from services.tasks.store.scrolling import MongoScrollRepository
from shared.messaging.envelopes import Identity, RequestEnvelope
from tests.support.repositories import indexed

ALICE = Identity(company="acme", user="alice")


async def mongo_handlers(mongo_db, **extra):
    """The tasks process' handler table on ``mongo_db`` (``extra``: e.g. ``facts``)."""
    repos = [await indexed(repo(mongo_db)) for repo in (MongoTaskRepository, MongoProjectRepository,
                                                          MongoModelRepository)]
    return handler_table(build_use_cases(*repos, scroll_states=MongoScrollRepository(mongo_db), **extra))


@pytest.fixture
async def call(mongo_db):
    """``await call(endpoint, payload)``: one endpoint as ALICE; ``call.db`` is the database."""
    handlers = await mongo_handlers(mongo_db)

    async def run(endpoint, payload):
        envelope = RequestEnvelope(endpoint=endpoint, requested_version="2.23", identity=ALICE, payload=payload)
        return await handlers[endpoint](envelope)

    run.db = mongo_db
    return run
