"""Composition root of the identity process: the only place where things are wired."""

from __future__ import annotations

import asyncio
import logging

from pymongo.errors import ConnectionFailure

from services.identity.companies import build_room
from services.identity.companies.handlers import handler_table as companies_handler_table
from services.identity.handlers import handler_table
from services.identity.ops import build_room as build_ops_room
from services.identity.ops.handlers import handler_table as ops_handler_table
from services.identity.facts import KafkaFactPublisher
from services.identity.permissions import build_room as build_permissions_room
from services.identity.permissions.handlers import handler_table as permissions_handler_table
from services.identity.variables import build_room as build_variables_room
from services.identity.variables.handlers import handler_table as variables_handler_table
from services.identity.repository import MongoIdentityStore
from services.identity.routing import build_room as build_routing_room
from services.identity.routing.handlers import handler_table as routing_handler_table
from services.identity.seeding import seed
from services.identity.service import IdentityPorts, IdentityService
from services.identity.settings import IdentitySettings
from services.identity.sso import build_room as build_sso_room
from services.identity.sso.handlers import handler_table as sso_handler_table
from services.identity.users.vault_store import MongoVaultRepository
from services.identity.store.invitations import MongoInvitationRepository
from services.identity.store.passwords import MongoPasswordRepository
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, serve
from shared.tokens import verify_token

log = logging.getLogger(__name__)

# MongoDB may come up after us (a fresh machine, a restart of everything): wait this long.
_STORE_WAIT_S = 60.0


def create_app(settings: IdentitySettings) -> App:
    """Mongo repositories, the Kafka change publisher, seeding and the RPC server."""
    client = mongo_client(settings)
    store = MongoIdentityStore(database(client, settings, "cairn_identity"))
    passwords = MongoPasswordRepository(database(client, settings, "cairn_identity"))
    invitations = MongoInvitationRepository(database(client, settings, "cairn_identity"))
    publisher = KafkaFactPublisher(settings)
    vaults = MongoVaultRepository(database(client, settings, "cairn_identity"))  # users room
    ports = IdentityPorts(
        companies=store.companies,
        users=store.users,
        credentials=store.credentials,
        sessions=store.sessions,
        server=store.server,
        publisher=publisher,
        vaults=vaults,
        passwords=passwords,
        invitations=invitations,
    )
    service = IdentityService(ports, settings)
    calls = RpcClient(settings)  # the companies room asks the tasks process for tags
    companies = build_room(database(client, settings, "cairn_identity"), calls, settings)
    ops = build_ops_room(database(client, settings, "cairn_identity"), calls, service)  # room ops
    sso = build_sso_room(database(client, settings, "cairn_identity"), service)  # room sso
    routing = build_routing_room(database(client, settings, "cairn_identity"), calls, store.users, store.sessions,
                                 publisher, settings)  # room routing: router tokens
    permissions = build_permissions_room(database(client, settings, "cairn_identity"), calls, store.users, publisher,
                                         lambda token: verify_token(settings.auth_token_secret, token)[0])
    service.users.accounts.removed_hooks.append(permissions.service.forget_user)
    variables = build_variables_room(database(client, settings, "cairn_identity"))
    rpc = RpcServer(settings, "identity", {**handler_table(service), **companies_handler_table(companies),
                                           **ops_handler_table(ops), **sso_handler_table(sso),
                                           **routing_handler_table(routing), **permissions_handler_table(permissions),
                                           **variables_handler_table(variables)})

    async def prepare_store() -> None:
        await _retry_while_unreachable(store.create_indexes)
        await _retry_while_unreachable(vaults.create_indexes)
        await _retry_while_unreachable(passwords.create_indexes)
        await _retry_while_unreachable(invitations.create_indexes)
        await _retry_while_unreachable(companies.create_indexes)
        await _retry_while_unreachable(sso.create_indexes)
        await _retry_while_unreachable(routing.create_indexes)
        await _retry_while_unreachable(permissions.create_indexes)
        await _retry_while_unreachable(variables.create_indexes)
        await _retry_while_unreachable(lambda: seed(ports, settings))
        await _retry_while_unreachable(ops.db_version.record_current)

    return App(
        "identity",
        [
            Hook(stop=client.close),
            Hook(stop=sso.close),
            publisher,
            Hook(start=prepare_store, stop=service.drain),
            # after a crash: the rule changes stored but never announced reach the services
            Hook(start=lambda: _retry_while_unreachable(permissions.service.republish)),
            calls,
            rpc,
        ],
    )


async def _retry_while_unreachable(step, budget_s: float = _STORE_WAIT_S, pause_s: float = 1.0) -> None:
    """Run ``step`` until it gets through to MongoDB, for at most ``budget_s`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget_s
    while True:
        try:
            await step()
            return
        except ConnectionFailure as exc:
            if loop.time() >= deadline:
                raise
            log.warning("MongoDB not reachable yet (%s); retrying", exc)
            await asyncio.sleep(pause_s)


def main() -> None:
    serve("identity", IdentitySettings, create_app)
