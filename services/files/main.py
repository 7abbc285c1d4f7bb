"""Composition root of the files process: the only place its parts are wired.

``python -m services.files`` serves the ClearML file server protocol on ``CAIRN_FILES_PORT``
(8081); ``GET /`` answers ``OK`` once it is up.
"""

from __future__ import annotations

from pathlib import Path

from services.files.access import FileAccess, RpcTaskRights
from services.files.auth import FilesAuth
from services.files.changes import EventChangesListener, TaskChangesListener
from shared.messaging.changes import SessionRevocationsListener
from services.files.http import FilesApp
from shared.access.view import AccessView
from shared.http_server import HttpServer
from shared.messaging.rpc_client import RpcClient
from services.files.settings import FilesSettings
from services.files.storage import LocalStore
from shared.runtime import App, Hook, serve


def create_app(settings: FilesSettings) -> App:
    store = LocalStore(Path(settings.files_root).expanduser().resolve())
    auth = FilesAuth(settings.auth_token_secret)

    async def prepare() -> None:
        store.prepare()

    rpc = RpcClient(settings)  # the tasks process decides a task folder's access rules
    rules = AccessView(settings)  # the companies' rules versions (the cache key of those answers)
    access = FileAccess(RpcTaskRights(rpc), rules.version, settings.files_access_cache_s)
    http = HttpServer(FilesApp(store, auth, settings.files_max_upload_mb * 1024 * 1024, access),
                      settings.files_host, settings.files_port)
    return App(
        "files",
        [
            Hook(start=prepare),
            SessionRevocationsListener(settings, auth.revoked),
            TaskChangesListener(settings, store, settings.files_url),
            EventChangesListener(settings, store, settings.files_url),
            rpc,
            rules,
            http,
        ],
    )


def main() -> None:
    serve("files", FilesSettings, create_app)
