"""The files app in-process, served by uvicorn on a free port, over a temporary storage root."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from services.files.auth import FilesAuth
from services.files.http import FilesApp
from shared.http_server import HttpServer
from services.files.storage import LocalStore
from shared.messaging.envelopes import Identity
from shared.tokens import issue_token

SECRET = "integration-files-secret-of-32-bytes-or-more"
MAX_UPLOAD = 3 * 1024 * 1024


def token_for(company: str, session: str = "s1", secret: str = SECRET) -> str:
    identity = Identity(company=company, user="u1", role="user", user_name="U", company_name="C")
    return issue_token(secret, identity, session, 3600, "2.31", "1.0")


@dataclass
class FilesServer:
    url: str
    root: Path
    auth: FilesAuth

    def client(self, company: str | None = "c1", **kwargs) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token_for(company)}"} if company else {}
        return httpx.AsyncClient(base_url=self.url, headers=headers, **{"timeout": 60, **kwargs})


@contextlib.asynccontextmanager
async def serve_files(root: Path, max_upload: int):
    store = LocalStore(root)
    store.prepare()
    auth = FilesAuth(SECRET)
    http = HttpServer(FilesApp(store, auth, max_upload), "127.0.0.1", 0)
    await http.start()
    try:
        yield FilesServer(f"http://127.0.0.1:{http.port}", store.root, auth)
    finally:
        await http.stop()


@pytest.fixture
async def files_server(tmp_path):
    """A files server whose upload limit is 3 MB."""
    async with serve_files(tmp_path / "root", MAX_UPLOAD) as server:
        yield server
