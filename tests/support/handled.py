"""Writes ``shared/schemas/handled/<process>.txt`` from each process's endpoint table (``make
handled``): the gateway routes by those files (``shared.endpoints.IMPLEMENTED``), and a unit
test (``tests/unit/contract/test_architecture.py``) fails when one differs from its table.

It lives here, not in ``shared``, because it imports every service (``shared`` never does:
pyproject.toml's import contracts). A process is every ``services/<name>/handlers.py`` that
exposes ``HANDLED``, the ClearML endpoints it answers (derived from its table).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from shared.endpoints import HANDLED_DIR

SERVICES_DIR = Path(__file__).resolve().parents[2] / "services"

HEADER = "# Generated from services/{process}/handlers.py (HANDLED) by `make handled`: do not edit.\n"


def processes() -> list[str]:
    """The processes with an endpoint table, by name."""
    names = sorted(path.parent.name for path in SERVICES_DIR.glob("*/handlers.py"))
    return [name for name in names if hasattr(_handlers(name), "HANDLED")]


def handled_text(process: str) -> str:
    """What ``handled/<process>.txt`` must hold: the header, then one endpoint a line, sorted."""
    return HEADER.format(process=process) + "".join(f"{name}\n" for name in sorted(_handlers(process).HANDLED))


def write_all() -> None:
    """Every process's file written; a file no process's table stands behind is removed (the
    local stack starts a process per file)."""
    wanted = processes()
    for stale in HANDLED_DIR.glob("*.txt"):
        if stale.stem not in wanted:
            stale.unlink()
    for process in wanted:
        (HANDLED_DIR / f"{process}.txt").write_text(handled_text(process))


def _handlers(process: str):
    return importlib.import_module(f"services.{process}.handlers")


if __name__ == "__main__":
    write_all()
