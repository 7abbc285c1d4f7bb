"""Where objects live: the local disk, ``<root>/<company>/<path>``.

Uploads are written to ``<root>/.incoming/`` (outside every company's folder, so never
downloadable) and renamed into place only when the whole request arrived: a reader never
sees half a file and a refused upload leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

FLUSH_BYTES = 1024 * 1024


class PathConflict(OSError):
    """The target (or one of its folders) is already something else (a folder / a file)."""


class Upload:
    """One object being received: a temp file, renamed into place by :meth:`LocalStore.commit`."""

    def __init__(self, temp: Path, target: Path, path: str) -> None:
        self.temp, self.target, self.path = temp, target, path
        self.size = 0
        self._file: BinaryIO = open(temp, "wb")  # noqa: SIM115 - closed by close()
        self._pending = bytearray()

    async def write(self, chunk: bytes) -> None:
        self._pending += chunk
        self.size += len(chunk)
        if len(self._pending) >= FLUSH_BYTES:
            await self.flush()

    async def flush(self) -> None:
        if self._pending:
            data, self._pending = bytes(self._pending), bytearray()
            await asyncio.to_thread(self._file.write, data)

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.incoming = root / ".incoming"

    def prepare(self) -> None:
        self.incoming.mkdir(parents=True, exist_ok=True)
        for stale in self.incoming.iterdir():  # left by a crash mid-upload
            stale.unlink(missing_ok=True)

    def begin(self, target: Path, path: str) -> Upload:
        return Upload(self.incoming / uuid.uuid4().hex, target, path)

    async def commit(self, upload: Upload) -> None:
        await upload.flush()
        upload.close()
        await asyncio.to_thread(_move_into_place, upload.temp, upload.target)

    @staticmethod
    def discard(upload: Upload) -> None:
        upload.close()
        upload.temp.unlink(missing_ok=True)

    @staticmethod
    def open_file(target: Path) -> tuple[BinaryIO, int, float] | None:
        """(open file, size, modification time), or None when there is no such file."""
        try:
            handle = open(target, "rb")  # noqa: SIM115 - the caller closes it
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        stat = os.fstat(handle.fileno())
        if not os.path.isfile(target):
            handle.close()
            return None
        return handle, stat.st_size, stat.st_mtime

    def delete_file(self, target: Path, company_root: Path) -> bool:
        """Remove a file (and the folders it leaves empty); False when there is no such file."""
        if not target.is_file():
            return False
        target.unlink(missing_ok=True)
        _prune(target.parent, company_root)
        return True

    def delete_any(self, target: Path, company_root: Path) -> bool:
        """Remove a file or a whole folder (``/delete_many``); False when nothing is there."""
        if target.is_file() or target.is_symlink():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
        else:
            return False
        _prune(target.parent, company_root)
        return True


def _move_into_place(temp: Path, target: Path) -> None:
    try:
        for attempt in range(3):  # a concurrent delete may prune the folder we just made
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                raise PathConflict(f"{target.name} is a folder")
            try:
                os.replace(temp, target)
                return
            except FileNotFoundError:
                if attempt == 2 or not temp.exists():
                    raise
    except (NotADirectoryError, FileExistsError, IsADirectoryError) as exc:
        raise PathConflict(str(exc)) from None


def _prune(folder: Path, stop: Path) -> None:
    """Remove empty folders from ``folder`` up to (not including) ``stop``."""
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
