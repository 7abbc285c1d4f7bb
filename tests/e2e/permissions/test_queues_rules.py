"""Access rules enforced by the queues process, through the gateway (issue 16): listings
show only readable queues, reads of an unreadable queue answer 400/701, writes, a worker's
pull and ``tasks.enqueue`` need read_write (403/21), admins bypass, and a rule change takes
effect within a second."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.permissions.rules import (
    close_then_open,
    make_company_with_people,
    publish,
    read_only_category,
    rule,
    seconds_until,
)
from tests.support.response_shape import assert_conforms


@pytest.fixture(scope="module")
def company(stack):
    return make_company_with_people(stack, "queue-rules")


def client(stack, person) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


def listed(http, endpoint="queues.get_all") -> set[str]:
    data = call(http, endpoint, {"name": "^qr-"})
    return {q["id"] for q in data["queues"]}


def post(http, endpoint, body):
    return meta(http.post(f"/v2.23/{endpoint}", json=body))


def test_list_read_write_per_rule_and_admin_bypass(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob, \
            client(stack, company.admin) as admin:
        closed = call(alice, "queues.create", {"name": unique("qr-closed")})["id"]
        readonly = call(alice, "queues.create", {"name": unique("qr-ro")})["id"]
        shared = call(alice, "queues.create", {"name": unique("qr-shared")})["id"]
        publish(stack, company.id, rule("queue", closed, "read_write", company.alice.user),
                rule("queue", readonly, "read", company.bob.user),
                rule("queue", readonly, "read_write", company.alice.user))
        seconds_until(lambda: closed not in listed(bob))
        assert listed(bob) >= {readonly, shared} and closed not in listed(bob, "queues.get_all_ex")
        assert {closed, readonly, shared} <= listed(alice) and {closed, readonly, shared} <= listed(admin)
        # read of an unreadable queue: as if absent
        assert post(bob, "queues.get_by_id", {"queue": closed}) == (400, 701)
        assert post(bob, "queues.update", {"queue": closed, "name": unique("qr-x")}) == (400, 701)
        # read-only: reads work, writes and pulls are 403/21
        assert call(bob, "queues.get_by_id", {"queue": readonly})["queue"]["id"] == readonly
        call(alice, "queues.add_task", {"queue": readonly, "task": "t-1"})
        entries = call(bob, "queues.get_num_entries", {"queue": readonly})
        assert_conforms("queues.get_num_entries", entries)
        assert entries["num"] == 1
        for endpoint, body in (("queues.update", {"name": unique("qr-y")}), ("queues.add_task", {"task": "t-2"}),
                               ("queues.get_next_task", {}), ("queues.remove_task", {"task": "t-1"}),
                               ("queues.clear_queue", {}), ("queues.delete", {"force": True}),
                               ("queues.add_or_update_metadata", {"metadata": [{"key": "k", "value": "v"}]})):
            assert post(bob, endpoint, {"queue": readonly, **body}) == (403, 21), endpoint
        assert call(alice, "queues.get_num_entries", {"queue": readonly})["num"] == 1
        # default rules: bob writes the shared queue; the admin writes the closed one
        updated = call(bob, "queues.update", {"queue": shared, "display_name": "bob"})
        assert_conforms("queues.update", updated)
        assert updated["updated"] == 1
        assert call(admin, "queues.update", {"queue": closed, "display_name": "admin"})["updated"] == 1
        assert call(alice, "queues.get_next_task", {"queue": readonly})["entry"]["task"] == "t-1"


def test_enqueue_into_a_read_only_queue_is_refused(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        queue = call(alice, "queues.create", {"name": unique("qr-enq")})["id"]
        task = call(bob, "tasks.create", {"name": unique("enq"), "type": "training"})["id"]
        publish(stack, company.id, rule("queue", queue, "read", company.bob.user),
                rule("queue", queue, "read_write", company.alice.user))
        seconds_until(lambda: post(bob, "queues.add_task", {"queue": queue, "task": "probe"}) == (403, 21))
        assert post(bob, "tasks.enqueue", {"task": task, "queue": queue}) == (403, 21)
        assert call(alice, "queues.get_num_entries", {"queue": queue})["num"] == 0
        assert call(bob, "tasks.get_by_id", {"task": task})["task"]["status"] == "created"


def test_a_rule_change_takes_effect_within_a_second(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        queue = call(alice, "queues.create", {"name": unique("qr-live")})["id"]
        closed_after, opened_after = close_then_open(stack, company, "queue", queue, lambda: queue in listed(bob))
        print(f"queues: rule change seen after {closed_after:.3f} s (close), {opened_after:.3f} s (open)")
        assert closed_after < 1.0 and opened_after < 1.0


def test_creating_a_queue_needs_read_write_on_the_queue_category(stack, company):
    with client(stack, company.bob) as bob, client(stack, company.admin) as admin, \
            read_only_category(stack, company.id, "queue"):
        name = unique("qr-new")
        seconds_until(lambda: post(bob, "queues.create", {"name": name}) == (403, 21))
        assert not [q for q in call(admin, "queues.get_all", {"name": f"^{name}$"})["queues"]]
        assert call(admin, "queues.create", {"name": unique("qr-admin")})["id"]  # admins bypass


def serve(http, container: str, url: str, model: str):
    body = {"container_id": container, "endpoint_name": "e", "model_name": "m", "endpoint_url": url,
            "reference": [{"type": "model", "value": model}], "timeout": 600}
    return meta(http.post("/v2.31/serving.register_container", json=body))


def endpoint_urls(http) -> set[str]:
    return {e["url"] for e in call(http, "serving.get_endpoints", {}, version="2.31")["endpoints"]}


def test_serving_containers_follow_the_models_they_serve(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        model = call(alice, "models.create", {"name": unique("qr-m"), "uri": "s3://b/m"})["id"]
        url = f"http://serving/{unique('qr')}"
        assert serve(alice, "c1", url, model) == (200, 0)
        publish(stack, company.id, rule("model", model, "read_write", company.alice.user))
        seconds_until(lambda: url not in endpoint_urls(bob))
        assert url in endpoint_urls(alice)
        details = bob.post("/v2.31/serving.get_endpoint_details", json={"endpoint_url": url})
        assert meta(details) == (400, 1052)
        assert serve(bob, "c2", url, model) == (400, 201)  # registering a container of a model bob cannot read
        assert meta(bob.post("/v2.31/serving.unregister_container", json={"container_id": "c1"})) == (200, 0)
        assert url in endpoint_urls(alice)  # bob's unregister of a hidden container changed nothing
        publish(stack, company.id)
