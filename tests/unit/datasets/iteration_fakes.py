"""In-memory fakes of the iteration room's ports (``services/datasets/iteration/ports.py``).

``InMemoryFrames`` evaluates the small part of Elasticsearch's query language the room writes
(bool, terms, term, range, ids, function_score with a seeded random score, match_all/none;
``query_string`` matches everything) and sorts with search_after, so the use cases' paging,
ordering and state handling can be tested without servers."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field
from typing import Any

Document = dict[str, Any]


@dataclass
class Page:
    frames: list[Document] = field(default_factory=list)
    total: int | None = None


def _value(doc: Document, path: str) -> Any:
    value: Any = doc
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _values(doc: Document, path: str) -> list[Any]:
    value = _value(doc, path)
    return value if isinstance(value, list) else [value]


def _score(seed: int, frame_id: str) -> float:
    return int.from_bytes(hashlib.sha256(f"{seed}:{frame_id}".encode()).digest()[:6], "big") / 2**48


def matches(doc: Document, query: Document) -> tuple[bool, float]:
    (kind, body), = query.items()
    if kind == "match_all" or kind == "query_string":
        return True, 1.0
    if kind == "match_none":
        return False, 0.0
    if kind == "terms":
        (path, wanted), = body.items()
        return bool(set(_values(doc, path)) & set(wanted)), 1.0
    if kind == "term":
        (path, wanted), = body.items()
        return wanted in _values(doc, path), 1.0
    if kind == "ids":
        return doc["_id"] in body["values"], 1.0
    if kind == "range":
        (path, bounds), = body.items()
        value = _value(doc, path)
        ok = value is not None and all(_compare(value, op, bound) for op, bound in bounds.items())
        return ok, 1.0
    if kind == "function_score":
        ok, _ = matches(doc, body["query"])
        return ok, _score(body["random_score"]["seed"], doc["id"])
    if kind == "bool":
        return _bool(doc, body), 1.0
    raise AssertionError(f"the fake does not know {kind}")


def _compare(value: Any, op: str, bound: Any) -> bool:
    return {"gte": value >= bound, "gt": value > bound, "lte": value <= bound, "lt": value < bound}[op]


def _bool(doc: Document, body: Document) -> bool:
    if not all(matches(doc, q)[0] for q in body.get("filter", []) + body.get("must", [])):
        return False
    if any(matches(doc, q)[0] for q in body.get("must_not", [])):
        return False
    should = body.get("should", [])
    return not should or any(matches(doc, q)[0] for q in should)


class InMemoryFrames:
    """``FrameReader`` over stored frame documents (``_id`` included), any dataset."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.searches = 0

    def _hits(self, query: Document, sort: list[Any] | None) -> list[Document]:
        hits = []
        for doc in self.docs:
            ok, score = matches(doc, query)
            if ok:
                keys = [score if next(iter(s)) == "_score" else _value(doc, next(iter(s))) for s in sort or []]
                hits.append({**doc, "_score": score, "_sort": keys})
        for spec in reversed(sort or []):
            (path, order), = spec.items()
            order = order if isinstance(order, str) else order.get("order", "asc")
            index = sort.index(spec)
            hits.sort(key=lambda h: h["_sort"][index], reverse=(order == "desc"))
        return hits

    async def search(self, company, datasets, query, *, sort=None, size=100, search_after=None, source=None,
                     knn=None, track_total=False) -> Page:
        self.searches += 1
        await asyncio.sleep(0)  # let concurrent callers interleave, as real I/O does
        hits = self._hits(query, sort)
        if search_after is not None:
            at = next((i for i, h in enumerate(hits) if h["_sort"] == list(search_after)), None)
            hits = hits[at + 1:] if at is not None else []
        return Page(hits[:size])

    async def count(self, company, datasets, query) -> int:
        return len(self._hits(query, None))

    async def aggregate(self, company, datasets, query, aggs) -> Document:
        raise AssertionError("not faked")

    async def scan(self, company, datasets, query, *, source=None, page=1000):
        for hit in self._hits(query, [{"id": "asc"}, {"version": "asc"}]):
            yield hit


class InMemoryStates:
    """``IterationStates`` in a dict; ``advance`` compares and sets ``seq``."""

    def __init__(self) -> None:
        self.states: dict[str, Document] = {}

    async def open(self, state: Document) -> bool:
        if state["id"] in self.states:
            return False
        self.states[state["id"]] = {**state, "seq": 0}
        return True

    async def get(self, company: str, state_id: str) -> Document | None:
        state = self.states.get(state_id)
        found = dict(state) if state and state["company"] == company else None
        await asyncio.sleep(0)  # concurrent callers read before either writes, as on a real store
        return found

    async def advance(self, company: str, state_id: str, seq: int, changes: Document) -> bool:
        state = self.states.get(state_id)
        if state is None or state["company"] != company or state["seq"] != seq:
            return False
        self.states[state_id] = {**state, **changes, "seq": seq + 1}
        return True

    async def remove(self, company: str, state_id: str) -> bool:
        state = self.states.get(state_id)
        if state is None or state["company"] != company:
            return False
        del self.states[state_id]
        return True


class InMemoryVersions:
    def __init__(self, *docs: Document) -> None:
        self.docs = {d["_id"]: d for d in docs}

    async def get(self, company: str, version_id: str) -> Document | None:
        doc = self.docs.get(version_id)
        return doc if doc and doc.get("company", company) == company else None

    async def of_dataset(self, company: str, dataset_id: str) -> list[Document]:
        return [d for d in self.docs.values() if d["dataset"] == dataset_id]


class InMemoryDataviews:
    def __init__(self, **dataviews: Document) -> None:
        self.dataviews = dataviews

    async def get(self, company: str, dataview_id: str) -> Document | None:
        return self.dataviews.get(dataview_id)
