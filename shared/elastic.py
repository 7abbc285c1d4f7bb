"""An Elasticsearch-backed repository as a component: the client is made on first use, the
index template is put at start, and the client is closed at stop. Its indices are
``<prefix><template_suffix>-...-<company>-<yyyy-mm>`` (one per company and month, so old months
are dropped whole), read through the company's pattern."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer

from shared import metrics


_BAD_INDEX_CHARS = re.compile(r'[\\/*?"<>| ,#:]')


def safe_company(company: str) -> str:
    """A company id as a part of an index name (lower case, no characters ES refuses)."""
    return _BAD_INDEX_CHARS.sub("_", company.lower()) or "_"


def monthly_template(pattern: str, properties: dict[str, Any]) -> dict[str, Any]:
    """The index template of monthly indices matching ``pattern``: one shard, no replica,
    only the given fields mapped (others kept in ``_source``)."""
    return {
        "index_patterns": [pattern],
        "priority": 500,
        "template": {
            "settings": {"number_of_shards": 1, "number_of_replicas": 0},
            "mappings": {"dynamic": False, "properties": properties},
        },
    }


class ElasticComponent:
    """Base of the Elasticsearch repositories; subclasses give the template's name and body."""

    template_suffix = ""

    def __init__(self, url: str, prefix: str, timeout_s: float = 30.0) -> None:
        self._url, self.prefix, self._timeout = url, prefix, timeout_s
        self._es: AsyncElasticsearch | None = None

    @property
    def es(self) -> AsyncElasticsearch:
        if self._es is None:
            # orjson: the standard library's json was a fifth of the events process' CPU in bulk.
            self._es = AsyncElasticsearch(self._url, request_timeout=self._timeout, serializer=OrjsonSerializer())
            metrics.register_check("elasticsearch", self._pings)
        return self._es

    async def _pings(self) -> bool:
        """Readiness: the cluster answers its health (the local integration-test server has no
        ``GET /``, so ``ping()`` is always false there) and is not red."""
        if self._es is None:
            return False
        health = await self._es.cluster.health(timeout="2s")
        return health.get("status") in ("green", "yellow")

    def template(self) -> dict[str, Any]:
        raise NotImplementedError

    def monthly_index(self, company: str, when: datetime) -> str:
        return f"{self.prefix}{self.template_suffix}-{safe_company(company)}-{when.strftime('%Y-%m')}"

    def company_pattern(self, company: str) -> str:
        return f"{self.prefix}{self.template_suffix}-{safe_company(company)}-*"

    async def search_company(self, company: str, **body: Any) -> dict[str, Any]:
        """A search over the company's indices (none yet: an empty answer)."""
        return await self.es.search(index=self.company_pattern(company), ignore_unavailable=True,
                                    allow_no_indices=True, **body)

    async def start(self) -> None:
        await self.es.indices.put_index_template(name=f"{self.prefix}{self.template_suffix}", **self.template())

    async def stop(self) -> None:
        if self._es is not None:
            await self._es.close()
            self._es = None
