"""The datasets process's composition root wires every room without touching a server."""

from __future__ import annotations

from services.datasets import main
from services.datasets.handlers import ACCESS, ENDPOINTS
from services.datasets.settings import DatasetsSettings
from services.datasets.store.frames import ElasticFrameStore
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.runtime import Hook


async def test_every_endpoint_reaches_a_use_case_of_a_wired_room():
    app = main.create_app(DatasetsSettings())  # a room left unwired fails here (None.<use case>)
    server = app.components[-1]
    assert isinstance(server, RpcServer) and set(server._handlers) == set(ENDPOINTS)
    await app.components[0].stop()  # closes the (never connected) Mongo client


def test_every_access_declaration_names_an_endpoint_of_the_table():
    """A misspelt name in ``ACCESS`` would leave its endpoint unguarded."""
    assert set(ACCESS) <= set(ENDPOINTS)
    assert all(ACCESS.values())


async def test_clients_close_after_the_server_stops():
    """Stopped in reverse: the RPC server, then the RPC client and Elasticsearch (the frame
    store owns the process's one client), then MongoDB (the hook)."""
    app = main.create_app(DatasetsSettings())
    kinds = [type(c) for c in app.components]
    assert kinds.index(Hook) < kinds.index(ElasticFrameStore) < kinds.index(RpcServer)
    assert kinds.index(Hook) < kinds.index(RpcClient) < kinds.index(RpcServer)
    await app.components[kinds.index(Hook)].stop()
