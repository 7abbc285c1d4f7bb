"""One behaviour suite for the event store's reads, run against the in-memory fake
(``test_fake_repository.py``) and against Elasticsearch (``tests/integration/events``).

A concrete test class inherits :class:`EventRepositoryContract` and provides ``events_repo``.
"""

from __future__ import annotations

from services.events.domain import (
    IMAGE,
    LOG,
    PLOT,
    SCALAR,
    SINGLE_VALUE_ITER,
    MetricFilter,
    Selection,
    SeriesStats,
    Target,
    document_id,
    normalise,
)
from services.events.repository import Doc
from services.events.repository.layout import index_name

ACME, OTHER = "acme", "other"
T0 = 1_764_400_000_000
T1 = Target("task", "t1")


async def store(repo, events: list[dict], company: str = ACME, received: int = T0 + 1_000_000) -> None:
    """Index the events as the ingest path would (received at ``received``), then make them
    searchable."""
    docs = []
    for number, raw in enumerate(events):
        event = normalise(raw, company, received)
        doc_id = document_id(event.source, f"suite-{received}-{number}")
        if event.source["type"] == LOG:
            event.source["cairn_id"] = doc_id
        index = index_name(getattr(repo, "prefix", ""), event.source["type"], company, T0)
        docs.append(Doc(index, doc_id, event.source, event.target))
    indexed = await repo.index(docs)
    assert indexed.failures == [None] * len(docs)
    await repo.refresh({d.index for d in docs})


def scalar(it: int, value: float, metric: str = "loss", variant: str = "a", task: str = "t1", **extra) -> dict:
    return {"type": SCALAR, "task": task, "iter": it, "metric": metric, "variant": variant, "value": value,
            "timestamp": T0 + it, **extra}


def log(n: int, stamp: int, task: str = "t1") -> dict:
    return {"type": LOG, "task": task, "msg": f"line {n}", "timestamp": T0 + stamp}


def messages(events: list[dict]) -> list[str]:
    return [e["msg"] for e in events]


def selection(company: str = ACME, **narrowing) -> Selection:
    return Selection.of(company, T1, **narrowing)


class EventRepositoryContract:
    async def test_a_log_page_newest_first_completes_the_last_timestamp_and_counts_everything(self, events_repo):
        await store(events_repo, [log(n, stamp) for n, stamp in enumerate([0, 1, 1, 1, 2])])
        page = await events_repo.page(selection(event_type=LOG), "timestamp", "desc", 2, complete=True)
        assert messages(page.events)[0] == "line 4" and sorted(messages(page.events)[1:]) == ["line 1", "line 2",
                                                                                              "line 3"]
        assert page.total == 5 and all("cairn_id" not in e for e in page.events)
        before = await events_repo.page(selection(event_type=LOG), "timestamp", "desc", 10, start=T0 + 1)
        assert messages(before.events) == ["line 0"] and before.total == 5

    async def test_pages_continue_after_the_previous_one_without_repeats(self, events_repo):
        await store(events_repo, [scalar(i, float(i), variant=v) for i in range(5) for v in ("a", "b")])
        seen, after = [], None
        for _ in range(4):
            page = await events_repo.page(selection(), "iter", "asc", 3, after)
            seen += [(e["iter"], e["variant"]) for e in page.events]
            after = page.after
        assert seen == [(i, v) for i in range(5) for v in ("a", "b")]
        newest = await events_repo.page(selection(), "iter", "desc", 3, complete=True)
        assert [(e["iter"], e["variant"]) for e in newest.events] == [(4, "b"), (4, "a"), (3, "b"), (3, "a")]

    async def test_a_selection_narrows_by_metric_variant_iteration_and_value(self, events_repo):
        await store(events_repo, [scalar(i, i - 1.0, metric=m, variant=v) for i in range(3) for m in ("x", "y")
                                  for v in ("a", "b")] + [scalar(SINGLE_VALUE_ITER, 5.0, metric="Summary")])
        only = selection(metrics=(MetricFilter("x", ("b",)), MetricFilter("y")))
        assert await events_repo.series_names(only) == [("t1", "x", "b"), ("t1", "y", "a"), ("t1", "y", "b")]
        series = await events_repo.series_names(selection(iterations="series"))
        assert ("t1", "Summary", "a") not in series and len(series) == 4
        assert await events_repo.series_names(selection(iterations="single")) == [("t1", "Summary", "a")]
        above = await events_repo.page(selection(iter_above=0, positive=True, metrics=(MetricFilter("x", ("a",)),)),
                                       "iter", "asc", 10)
        assert [e["iter"] for e in above.events] == [2]

    async def test_another_company_sees_nothing(self, events_repo):
        await store(events_repo, [scalar(1, 1.0), log(0, 0)])
        page = await events_repo.page(selection(OTHER), "iter", "asc", 10)
        assert (page.events, page.total) == ([], 0)
        assert await events_repo.series_names(selection(OTHER)) == []

    async def test_series_stats_and_histogram_average_each_bucket(self, events_repo):
        await store(events_repo, [scalar(i, float(i)) for i in range(10)] + [scalar(i, 1.0, variant="b")
                                                                            for i in range(3)])
        stats = await events_repo.series_stats(selection(), "iter")
        assert stats == {("t1", "loss", "a"): SeriesStats(10, 0, 9), ("t1", "loss", "b"): SeriesStats(3, 0, 2)}
        found = await events_repo.histogram(selection(), "iter", 4, [("loss", "a")])
        assert list(found) == [("loss", "a")]
        keys, averages = found[("loss", "a")]
        assert [int(k) for k in keys] == [0, 4, 8] and averages == [1.5, 5.5, 8.5]

    async def test_latest_iterations_per_series_or_per_selection(self, events_repo):
        await store(events_repo, [{"type": PLOT, "task": "t1", "iter": i, "metric": m, "variant": "v",
                                   "plot_str": f"{m}{i}"} for i in range(4) for m in ("a", "b")])
        last = await events_repo.latest_iterations(selection(event_type=PLOT), 2, per=("metric", "variant"))
        assert sorted((e["metric"], e["iter"]) for e in last) == [("a", 2), ("a", 3), ("b", 2), ("b", 3)]
        first = await events_repo.latest_iterations(selection(event_type=PLOT), 1, newest=False)
        assert sorted(e["plot_str"] for e in first) == ["a0", "b0"]

    async def test_last_values_and_last_iteration(self, events_repo):
        await store(events_repo, [scalar(i, 3.0 - i, variant="b") for i in range(4)] + [scalar(1, 2.0)]
                    + [log(0, 0) | {"iter": 9}])
        values = await events_repo.last_values(selection(event_type=SCALAR, positive=True))
        assert [(v.metric, v.variant, v.value) for v in values] == [("loss", "a", 2.0), ("loss", "b", 1.0)]
        assert all(v.received for v in values) and values[0].timestamp == T0 + 1
        assert await events_repo.last_iteration(selection()) == 9
        assert await events_repo.last_iteration(selection(OTHER)) is None

    async def test_stepping_and_sampling_by_iteration(self, events_repo):
        await store(events_repo, [{"type": IMAGE, "task": "t1", "iter": i, "metric": "m", "variant": v,
                                   "url": f"http://f/{i}{v}.png"} for i in (1, 3) for v in ("a", "b")])
        images = selection(event_type=IMAGE, metrics=(MetricFilter("m"),))
        low, high, events = await events_repo.sample_at(images, 2, exact=False, size=1)
        assert (low, high, [(e["iter"], e["variant"]) for e in events]) == (1, 3, [(1, "a")])
        assert (await events_repo.sample_at(images, 2, exact=True, size=1))[2] == []
        step = await events_repo.step(images, ("iter", "variant"), (3, "a"), earlier=True)
        assert (step["iter"], step["variant"]) == (1, "b")
        assert await events_repo.step(images, ("iter", "variant"), (3, "b"), earlier=False) is None

    async def test_image_urls_come_in_pages(self, events_repo):
        await store(events_repo, [{"type": IMAGE, "task": "t1", "iter": n, "metric": "m", "variant": "v",
                                   "url": f"http://f/{n:04}.png"} for n in range(1500)])
        urls, after = await events_repo.image_urls(selection(event_type=IMAGE))
        more, after = await events_repo.image_urls(selection(event_type=IMAGE), after)
        assert urls + more == [f"http://f/{n:04}.png" for n in range(1500)]
        assert (await events_repo.image_urls(selection(event_type=IMAGE), after))[0] == []

    async def test_deleting_selected_events_only(self, events_repo):
        lines = [log(0, 0), log(1, 10**9) | {"metric": "keep"}, log(2, 2 * 10**9)]
        await store(events_repo, lines + [scalar(1, 1.0)])
        old = selection(event_type=LOG, older_than_ms=T0 + 2 * 10**9, metric_not_in=("keep",))
        assert await events_repo.delete_events(old) == 1
        left = await events_repo.page(selection(), "timestamp", "asc", 10)
        assert messages([e for e in left.events if e["type"] == LOG]) == ["line 1", "line 2"] and left.total == 3
        assert await events_repo.delete_events(selection()) == 3

    async def test_deleting_the_events_received_until_a_time(self, events_repo):
        await store(events_repo, [log(0, 0), scalar(1, 1.0)], received=T0 + 1_000)  # the first run
        await store(events_repo, [log(1, 5), scalar(2, 2.0)], received=T0 + 3_000)  # the next one
        assert await events_repo.delete_events(selection(received_until_ms=T0 + 2_000)) == 2
        left = await events_repo.page(selection(), "timestamp", "asc", 10)
        assert sorted(e.get("msg") or e["iter"] for e in left.events if e["type"] == LOG) == ["line 1"]
        assert left.total == 2
