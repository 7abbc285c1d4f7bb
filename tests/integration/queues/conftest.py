"""Shared setup of the queues process' integration tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from elasticsearch import AsyncElasticsearch

from shared.elastic import ElasticComponent
from tests.support.servers import ES, require_servers


@asynccontextmanager
async def elastic_repo(factory: type[ElasticComponent]) -> AsyncIterator[ElasticComponent]:
    """An Elasticsearch repository started under a prefix of its own; its indices and index
    template are deleted afterwards."""
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    repo = factory(ES, prefix)
    await repo.start()
    try:
        yield repo
    finally:
        async with AsyncElasticsearch(ES) as es:
            await es.indices.delete(index=f"{prefix}cairn-stats-*", ignore_unavailable=True, allow_no_indices=True)
            await es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}{repo.template_suffix}")
        await repo.stop()
