"""An Elasticsearch-backed repository as a component: the client is made on first use, the
index template is put at start, and the client is closed at stop."""

from __future__ import annotations

from typing import Any

from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer


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
        return self._es

    def template(self) -> dict[str, Any]:
        raise NotImplementedError

    async def start(self) -> None:
        await self.es.indices.put_index_template(name=f"{self.prefix}{self.template_suffix}", **self.template())

    async def stop(self) -> None:
        if self._es is not None:
            await self._es.close()
            self._es = None
