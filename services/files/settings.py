"""Files server settings (``CAIRN_FILES_*`` plus the shared ``CAIRN_*`` ones)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field

from shared.settings import TokenSettings


def _default_root() -> str:
    data = os.environ.get("CAIRN_DATA_DIR") or str(Path.home() / ".cache" / "cairn" / "data")
    return str(Path(data) / "files")


class FilesSettings(TokenSettings):
    files_host: str = "127.0.0.1"
    files_port: int = Field(default=8081, ge=0, le=65535)
    # Objects live under <files_root>/<company>/<path>.
    files_root: str = Field(default_factory=_default_root)
    # The URL the SDK is configured with (CLEARML_FILES_HOST): facts naming URLs under it
    # (TaskDeleted, ModelDeleted) remove the files they point at.
    files_url: str = "http://127.0.0.1:8081"
    files_max_upload_mb: int = Field(default=2048, ge=1)
    # How long the tasks process's answer about a task folder's access rules is kept (per
    # caller, task and rules version; issue 16 asks for at most one second).
    files_access_cache_s: float = Field(default=1.0, ge=0, le=1.0)
