"""``system.get_datasets`` and ``system.get_dataset_versions`` (Enterprise): the datasets and
versions of every company, for the server's system and root users (the gateway lets only
those roles call them). The datasets process owns them: it answers its own
``internal.*_of_every_company`` actions, called here as the caller."""

from __future__ import annotations

from typing import Any

from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc


class EveryCompanyDatasets:
    """The use cases of the ``system`` service's datasets."""

    def __init__(self, datasets: ProcessRpc) -> None:
        self._datasets = datasets

    async def get_datasets(self, identity: Identity, body: dict[str, Any]) -> dict[str, Any]:
        """``system.get_datasets``: datasets of every company by id and tags, ordered, paged."""
        return await self._datasets.call(identity, "internal.datasets_of_every_company", body)

    async def get_dataset_versions(self, identity: Identity, body: dict[str, Any]) -> dict[str, Any]:
        """``system.get_dataset_versions``: versions of every company (of one ``dataset`` or by
        ``id``), ordered and paged."""
        return await self._datasets.call(identity, "internal.versions_of_every_company", body)
