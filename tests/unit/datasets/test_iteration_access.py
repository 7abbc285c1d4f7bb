"""Access rules on what a scroll or a prepared download was opened on (issue 16), through the
process's ``ACCESS`` table over in-memory fakes: ``frames.clear_get_next_state`` needs read on
the scroll's stored dataview and on the datasets it reads, ``frames.download_for_dataview`` on
the datasets of the dataview its download was prepared with (the rules may have changed since,
and the id may reach another user); a refused call changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.datasets.access import DatasetAccess
from services.datasets.handlers import ACCESS
from services.datasets.iteration.downloads import Downloads
from services.datasets.iteration.service import IterationService
from services.datasets.iteration.view import ViewResolver
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.access.view import StaticAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.datasets.iteration_fakes import InMemoryDataviews, InMemoryFrames, InMemoryStates, InMemoryVersions
from tests.unit.datasets.test_iteration_service import frames, req, spec

ANN = Identity(company="c1", user="ann")


def rules(*closed: tuple[str, str], version: int = 1) -> AccessRulesChanged:
    """Datasets and dataviews open to everyone but ``closed`` (type, id): bob's alone."""
    found = [RuleSnapshot(id=f"c-{t}", entity_type=t, access_permission="read_write", groups=["all"])
             for t in ("dataset", "dataview")]
    found += [RuleSnapshot(id=f"own-{t}-{e}", entity_type=t, entity_id=e, access_permission="read", users=["bob"])
              for t, e in closed]
    return AccessRulesChanged(company="c1", version=version, groups=[GroupSnapshot(id="all", everyone=True)],
                              rules=found)


@pytest.fixture
def world():
    versions = InMemoryVersions({"_id": "v1", "dataset": "d1", "lineage": ["v1"]},
                                {"_id": "w1", "dataset": "d2", "lineage": ["w1"]})
    dataviews = InMemoryDataviews(stored={"versions": [{"dataset": "d1", "version": "v1"}]})
    states, store, resolver = InMemoryStates(), InMemoryFrames(frames("d1", "v1", 5) + frames("d2", "w1", 3, "g")), \
        ViewResolver(versions)
    ids = iter(f"s{i}" for i in range(100)).__next__
    static = StaticAccess()
    access = DatasetAccess(static, None, versions)
    access.attach_dataviews(dataviews)
    access.attach_states(states)
    return SimpleNamespace(states=states, access=access, rules=static, scrolls=IterationService(store, states, resolver, dataviews,
                                                                                   new_id=ids),
                           downloads=Downloads(store, states, resolver, new_id=ids))


async def refused(call) -> tuple[int, int]:
    with pytest.raises(ApiError) as caught:
        await call
    return caught.value.code, caught.value.subcode


@pytest.mark.parametrize("closed", [("dataset", "d1"), ("dataview", "stored")])
async def test_clearing_a_scroll_needs_read_on_its_dataview_and_datasets(world, closed):
    opened = await world.scrolls.get_next_for_dataview_id(ANN, req("stored", batch_size=2))
    scroll = opened["scroll_id"]
    clear = world.access.guard(world.scrolls.clear_get_next_state, *ACCESS["frames.clear_get_next_state"])
    world.rules.take(rules(closed))
    assert await refused(clear(ANN, SimpleNamespace(scroll_id=scroll))) == (400, 10)
    assert await world.states.get("c1", scroll) is not None  # refused: the scroll is still there
    world.rules.take(rules(("dataset", "d2"), version=2))  # another dataset closed: allowed
    assert await clear(ANN, SimpleNamespace(scroll_id=scroll)) == {}
    assert await world.states.get("c1", scroll) is None


async def test_clearing_an_inline_dataviews_scroll_needs_read_on_its_datasets(world):
    opened = await world.scrolls.get_next_for_dataview(ANN, req(spec(("d2", "w1")), batch_size=1))
    clear = world.access.guard(world.scrolls.clear_get_next_state, *ACCESS["frames.clear_get_next_state"])
    world.rules.take(rules(("dataset", "d2")))
    assert await refused(clear(ANN, SimpleNamespace(scroll_id=opened["scroll_id"]))) == (400, 10)
    assert await clear(ANN, SimpleNamespace(scroll_id="unknown")) == {}  # as before: no error


async def test_a_prepared_download_needs_read_on_the_datasets_of_its_dataview(world):
    body = SimpleNamespace(dataview=spec(("d2", "w1")), download_type="json", projection=None,
                           remove_none_values=False)
    prepared = (await world.downloads.prepare_download_for_dataview(ANN, body))["prepare_id"]
    download = world.access.guard(world.downloads.download_for_dataview, *ACCESS["frames.download_for_dataview"])
    world.rules.take(rules(("dataset", "d2")))
    assert await refused(download(ANN, SimpleNamespace(prepare_id=prepared))) == (400, 10)
    world.rules.take(rules(("dataset", "d1"), version=2))
    assert "cairn_raw" in await download(ANN, SimpleNamespace(prepare_id=prepared))
