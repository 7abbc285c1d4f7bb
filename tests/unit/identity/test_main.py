"""The composition root wires without touching a server, and waits for a late MongoDB."""

from __future__ import annotations

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from services.identity import main
from services.identity.facts import KafkaFactPublisher
from shared.messaging.rpc_server import RpcServer
from tests.unit.identity.conftest import make_settings


async def test_create_app_wires_publisher_before_seeding_before_the_rpc_server():
    app = main.create_app(make_settings())
    kinds = [type(component) for component in app.components]
    assert app.name == "identity"
    assert kinds.index(KafkaFactPublisher) < kinds.index(RpcServer) == len(kinds) - 1
    await app.components[0].stop()  # closes the (never connected) Mongo client


async def test_store_steps_are_retried_while_mongo_is_unreachable():
    attempts = []

    async def step():
        attempts.append(1)
        if len(attempts) < 3:
            raise ServerSelectionTimeoutError("not yet")

    await main._retry_while_unreachable(step, budget_s=5, pause_s=0)
    assert len(attempts) == 3


async def test_store_steps_give_up_after_the_budget():
    async def step():
        raise ServerSelectionTimeoutError("down")

    with pytest.raises(ServerSelectionTimeoutError):
        await main._retry_while_unreachable(step, budget_s=0, pause_s=0)
