"""``serving.*``: container registration and reports, expiry decided at read time, the endpoint
listings, and the metric charts, over the in-memory ports."""

import pytest
from pydantic import ValidationError

from shared.schemas.registry import response_models
from tests.unit.queues.world import EVE, World

URL = "http://serving:8080/serve/resnet"


@pytest.fixture
def world():
    return World()


def registration(container="c1", url=URL, **extra):
    body = {"container_id": container, "endpoint_name": "resnet", "model_name": "resnet50", "model_source": "s3",
            "model_version": "3", "input_type": "image", "input_size": "224x224",
            "reference": [{"type": "model", "value": "m123"}], **extra}
    if url is not None:
        body["endpoint_url"] = url
    return body


def report(container="c1", url=URL, **extra):
    return {**registration(container, url), "requests_num": 10, "requests_min": 2.5, "latency_ms": 30,
            "uptime_sec": 100, "machine_stats": {"cpu_usage": [10.0, 30.0], "gpu_usage": [50.0],
                                                 "memory_used": 1024.0, "memory_free": 3072.0}, **extra}


async def test_registered_containers_are_listed_by_endpoint_until_they_lapse(world):
    await world.call("serving.register_container", registration("c1", timeout=60))
    await world.call("serving.register_container", registration("c2", timeout=300))
    await world.call("serving.register_container", registration("loading", url=None, timeout=300))
    [endpoint] = (await world.call("serving.get_endpoints"))["endpoints"]
    assert endpoint["url"] == URL and endpoint["instances"] == 2 and endpoint["model"] == "resnet50"
    [loading] = (await world.call("serving.get_loading_instances"))["instances"]
    assert loading["id"] == "loading" and loading["url"] is None and loading["age_sec"] == 0
    world.advance(61)
    assert (await world.call("serving.get_endpoints"))["endpoints"][0]["instances"] == 1
    world.advance(300)
    assert await world.call("serving.get_endpoints") == {"endpoints": []}
    assert await world.call("serving.get_loading_instances") == {"instances": []}


async def test_reports_keep_a_container_alive_and_register_unknown_ones(world):
    await world.call("serving.register_container", registration("c1", timeout=60))
    world.advance(50)
    await world.call("serving.container_status_report", report("c1"))
    await world.call("serving.container_status_report", report("c2", requests_num=30, latency_ms=11))
    world.advance(50)  # c1: 100 s after registering, 50 s after its report
    [endpoint] = (await world.call("serving.get_endpoints"))["endpoints"]
    assert endpoint["instances"] == 2
    assert endpoint["requests"] == 40 and endpoint["requests_min"] == 2.5
    assert endpoint["latency_ms"] == 20 and endpoint["uptime_sec"] == 100
    assert endpoint["last_update"] == "2024-05-01T12:00:50+00:00"


async def test_endpoint_details_and_unknown_url(world):
    await world.call("serving.container_status_report", report("c1"))
    details = await world.call("serving.get_endpoint_details", {"endpoint_url": URL})
    assert details["model_version"] == "3" and details["input_size"] == "224x224"
    [instance] = details["instances"]
    assert instance == {"id": "c1", "uptime_sec": 100, "requests": 10, "requests_min": 2.5, "latency_ms": 30,
                        "last_update": "2024-05-01T12:00:00+00:00", "reference": [{"type": "model", "value": "m123"}],
                        "cpu_count": 2, "gpu_count": 1}
    assert await world.error("serving.get_endpoint_details", {"endpoint_url": "http://nowhere"}) == (400, 1052)
    assert await world.error("serving.get_endpoint_details", {"endpoint_url": URL}, EVE) == (400, 1052)


async def test_unregister_is_quiet_and_other_companies_see_nothing(world):
    await world.call("serving.register_container", registration("c1"))
    assert await world.call("serving.get_endpoints", identity=EVE) == {"endpoints": []}
    assert await world.call("serving.unregister_container", {"container_id": "c1"}, EVE) == {}
    assert len((await world.call("serving.get_endpoints"))["endpoints"]) == 1
    assert await world.call("serving.unregister_container", {"container_id": "c1"}) == {}
    assert await world.call("serving.unregister_container", {"container_id": "c1"}) == {}
    assert await world.call("serving.get_endpoints") == {"endpoints": []}


async def test_bad_input_is_refused(world):
    for endpoint, body in [("serving.register_container", {"container_id": "c1"}),
                           ("serving.register_container", registration(timeout=0)),
                           ("serving.container_status_report", registration(reference=[{"type": "x", "value": "y"}])),
                           ("serving.get_endpoint_metrics_history",
                            {"endpoint_url": URL, "from_date": 1, "to_date": 2, "interval": 60, "metric_type": "x"})]:
        with pytest.raises(ValidationError):
            await world.call(endpoint, body)
    window = {"endpoint_url": URL, "from_date": 100, "to_date": 100, "interval": 60}
    assert await world.error("serving.get_endpoint_metrics_history", window) == (400, 16)
    assert await world.call("serving.get_endpoints") == {"endpoints": []}


async def test_metrics_history_sums_containers_per_bucket(world):
    start = world.now.timestamp()
    await world.call("serving.container_status_report", report("c1", requests_num=5))
    await world.call("serving.container_status_report", report("c2", requests_num=7))
    world.advance(60)
    await world.call("serving.container_status_report", report("c1", requests_num=9))
    window = {"endpoint_url": URL, "from_date": start, "to_date": start + 180, "interval": 60}
    history = await world.call("serving.get_endpoint_metrics_history", window)
    first_ms = int(start) * 1000
    assert history["computed_interval"] == 60
    assert history["total"] == {"title": "Number of Requests", "dates": [first_ms, first_ms + 60_000],
                                "values": [12, 9]}
    assert history["instances"]["c2"]["values"] == [7, 0]
    ram = await world.call("serving.get_endpoint_metrics_history",
                           {**window, "metric_type": "ram_total", "interval": 10, "instance_charts": False})
    assert ram["computed_interval"] == 40 and ram["instances"] == {}
    assert ram["total"]["values"][0] == 8.0  # two containers of 4096 MB, in GB
    latency = await world.call("serving.get_endpoint_metrics_history", {**window, "metric_type": "latency_ms"})
    assert latency["total"]["values"][:2] == [30, 30]  # averaged, not summed
    assert len(latency["total"]["dates"]) == 3  # every bucket of the window, the incomplete last one left out


async def test_answers_parse_with_the_catalog_response_models(world):
    await world.call("serving.container_status_report", report("c1"))
    await world.call("serving.register_container", registration("c2", url=None))
    window = {"endpoint_url": URL, "from_date": world.now.timestamp() - 100, "to_date": world.now.timestamp() + 100,
              "interval": 60}
    models = response_models()
    for endpoint, body in [("serving.get_endpoints", {}), ("serving.get_loading_instances", {}),
                           ("serving.get_endpoint_details", {"endpoint_url": URL}),
                           ("serving.get_endpoint_metrics_history", window),
                           ("serving.register_container", registration("c3")),
                           ("serving.unregister_container", {"container_id": "c3"})]:
        models[endpoint].model_validate(await world.call(endpoint, body))


async def test_a_restricted_caller_sees_and_registers_only_containers_of_what_it_may_read(world):
    """Issue 16: a container serves the tasks and models its ``reference`` names; BOB may not
    read model m123 (the tasks process decides), so its containers are hidden from BOB (as
    absent), BOB cannot register or report one, and unregistering one changes nothing."""
    from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
    from tests.unit.queues.world import BOB

    start = world.now.timestamp()
    await world.call("serving.container_status_report", report("c1", requests_num=5))
    await world.call("serving.register_container", registration("c2", url=None, timeout=300))
    await world.call("serving.register_container", registration(
        "other", url="http://serving:8080/serve/other", reference=[{"type": "task", "value": "t1"}], timeout=300))
    world.references.hidden["bob"] = {"m123"}
    assert len((await world.call("serving.get_endpoints", identity=BOB))["endpoints"]) == 2  # unmanaged: open
    assert world.references.calls == 0  # an unmanaged company asks the tasks process nothing
    world.access.take(AccessRulesChanged(company="acme", version=1, managed=True,
                                         groups=[GroupSnapshot(id="all", everyone=True)],
                                         rules=[RuleSnapshot(id="q", entity_type="queue",
                                                             access_permission="read_write", groups=["all"])]))
    [seen] = (await world.call("serving.get_endpoints", identity=BOB))["endpoints"]
    assert seen["url"] == "http://serving:8080/serve/other"
    assert len((await world.call("serving.get_endpoints"))["endpoints"]) == 2  # ALICE reads m123
    assert (await world.call("serving.get_loading_instances", identity=BOB)) == {"instances": []}
    assert await world.error("serving.get_endpoint_details", {"endpoint_url": URL}, BOB) == (400, 1052)
    window = {"endpoint_url": URL, "from_date": start, "to_date": start + 120, "interval": 60}
    assert (await world.call("serving.get_endpoint_metrics_history", window))["instances"]["c1"]["values"][0] == 5
    hidden = await world.call("serving.get_endpoint_metrics_history", window, BOB)
    assert hidden["instances"] == {} and not any(hidden["total"]["values"])
    assert await world.error("serving.register_container", registration("c3"), BOB) == (400, 201)
    assert await world.error("serving.container_status_report", report("c1"), BOB) == (400, 201)
    assert await world.call("serving.unregister_container", {"container_id": "c1"}, BOB) == {}
    assert (await world.call("serving.get_endpoint_details", {"endpoint_url": URL}))["instances"][0]["id"] == "c1"
