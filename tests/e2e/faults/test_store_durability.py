"""A write the MongoDB-wire server acknowledged to Cairn survives that server's SIGKILL: the
services' client asks for journaled writes (``shared.mongo.mongo_client``). With the default
``j: false`` every kill of SecantusDB lost the last ~35 ms of acknowledged inserts."""

from __future__ import annotations

import asyncio
import time

import pytest

from shared.mongo import database, mongo_client
from shared.settings import SharedSettings
from tests.e2e.faults.servers import PrivateServers

pytestmark = pytest.mark.e2e

KILLS = 2
WRITE_S = 1.0


@pytest.fixture
def private_mongo():
    servers = PrivateServers(kafka=False)
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()


async def write_until_killed(settings: SharedSettings, server, round_: int) -> tuple[list[int], set[int]]:
    client = mongo_client(settings)
    collection = database(client, settings, "durability")[f"round{round_}"]
    acknowledged: list[int] = []
    killed = asyncio.Event()

    async def writer(first: int) -> None:
        n = first
        while not killed.is_set():
            n += 4
            try:
                await collection.insert_one({"_id": n})
            except Exception:  # noqa: BLE001 - the server is gone: not acknowledged
                continue
            acknowledged.append(n)

    async def killer() -> None:
        await asyncio.sleep(WRITE_S)
        await asyncio.to_thread(server.kill)  # SIGKILL while inserts are in flight
        killed.set()

    await asyncio.gather(killer(), *(writer(i) for i in range(4)))
    await client.close()
    await asyncio.to_thread(server.start)
    client = mongo_client(settings)
    found = {doc["_id"] async for doc in database(client, settings, "durability")[f"round{round_}"].find({})}
    await client.close()
    return acknowledged, found


def test_acknowledged_writes_survive_a_sigkill_of_the_server(private_mongo):
    settings = SharedSettings(mongo_uri=private_mongo.settings.mongo_uri, db_prefix=f"t{int(time.time())}_",
                              mongo_timeout_ms=2000)
    for round_ in range(KILLS):
        acknowledged, found = asyncio.run(write_until_killed(settings, private_mongo.mongo, round_))
        assert len(acknowledged) > 50, "the writers did not get going"
        lost = sorted(set(acknowledged) - found)
        assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged inserts lost: {lost[:10]}"
