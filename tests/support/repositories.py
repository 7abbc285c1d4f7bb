"""Repositories of the real stores as the services run them."""

from __future__ import annotations

from typing import TypeVar

Repo = TypeVar("Repo")


async def indexed(repo: Repo) -> Repo:
    """``repo`` with its production indexes in place (``ensure_indexes``)."""
    await repo.ensure_indexes()
    return repo
