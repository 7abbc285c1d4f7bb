"""What the iteration room needs from the rest of the process (versions, dataviews, frames,
its own scroll states). Adapters: ``store/datasets.py`` (versions room), ``store/dataviews.py``
(dataviews room), ``store/search.py`` (``FrameSearch``), ``store/iteration.py``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, Protocol

Document = dict[str, Any]


class VersionReader(Protocol):
    """Dataset versions (``dataset``, ``lineage``: itself first, ``status``).

    - ``get``: the version with this id in the company, or None.
    - ``of_dataset``: every version of a dataset of the company (none for an unknown one).
    """

    async def get(self, company: str, version_id: str) -> Document | None: ...

    async def of_dataset(self, company: str, dataset_id: str) -> list[Document]: ...


class DataviewReader(Protocol):
    """Stored dataviews in ClearML's ``Dataview`` shape (``filters``, ``iteration``,
    ``versions``, ``output_rois``, ``labels_enumeration``, ``mapping``); None when unknown."""

    async def get(self, company: str, dataview_id: str) -> Document | None: ...


class FrameReader(Protocol):
    """Frames of some datasets of a company (``store/search.FrameSearch``)."""

    async def search(self, company: str, datasets: Sequence[str], query: dict[str, Any], *,
                     sort: list[Any] | None = None, size: int = 100, search_after: list[Any] | None = None,
                     source: list[str] | bool | None = None, knn: dict[str, Any] | None = None,
                     track_total: bool = False) -> Any: ...

    async def count(self, company: str, datasets: Sequence[str], query: dict[str, Any]) -> int: ...

    async def aggregate(self, company: str, datasets: Sequence[str], query: dict[str, Any],
                        aggs: dict[str, Any]) -> dict[str, Any]: ...

    def scan(self, company: str, datasets: Sequence[str], query: dict[str, Any], *,
             source: list[str] | bool | None = None, page: int = 1000) -> AsyncIterator[Document]: ...


class IterationStates(Protocol):
    """The state of one scroll (or prepared download), shared by every caller naming its id.

    - ``open``: store a new state (``id``, ``company``, ``seq`` 0 and the rest); False when a
      state with that id exists already (two workers forcing one new scroll id at once).
    - ``get``: the company's state with this id, or None.
    - ``advance``: replace the state's fields with ``changes`` only if its ``seq`` is still
      ``seq`` (then ``seq`` becomes ``seq + 1``); True when this caller won. Two callers that
      read the same state cannot both advance it: the loser reads again and goes on from the
      winner's position, so no two callers get the same frames.
    - ``remove``: delete the state; True when it existed.
    """

    async def open(self, state: Document) -> bool: ...

    async def get(self, company: str, state_id: str) -> Document | None: ...

    async def advance(self, company: str, state_id: str, seq: int, changes: Document) -> bool: ...

    async def remove(self, company: str, state_id: str) -> bool: ...
