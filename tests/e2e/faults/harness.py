"""One fault: the workload runs, the victim is killed with SIGKILL and started again at once
(as ``make up``'s keeper does after a first death), a probe calls the victim until it answers,
the workload runs on, then everything acknowledged is read back.

The result (printed as one line, and kept as JSON by the stack) has per fault: acknowledged
writes and writes found afterwards (per kind and in total: equal), duplicates (0), wrong
answers (none: only 200s, 502/503/504 and refused/reset connections), the answers the clients
got, the recovery time (kill -> first 200 of a call the victim must answer; the longest when
``CAIRN_FAULTS_KILLS`` kills the victim more than once) and the time to the restarted
process's /readyz.
"""

from __future__ import annotations

import os
import time
import urllib.request
from collections.abc import Callable
import httpx

from tests.e2e.faults.servers import START_BOUND_S
from tests.e2e.faults.workload import CLIENT_TIMEOUT_S, Client, Scope, Workload, prepare, read_back

# Before the kill: enough for every client to have written; after the recovery: enough to show
# the clients carry on. SOAK multiplies both (``make soak``).
SOAK = float(os.environ.get("CAIRN_FAULTS_SOAK", "1"))
KILLS = int(os.environ.get("CAIRN_FAULTS_KILLS", "1"))  # kills of the same victim under one workload
WARM_S = 2.0 * SOAK
AFTER_S = 2.0 * SOAK
RECOVERY_BOUND_S = 60.0  # kill -> first 200 from the victim (a server: its own start excluded)
SETTLE_S = 30.0  # how long reads may take to show what was acknowledged (facts, refreshes)

Probe = Callable[[Client, Scope, int], bool]


def probe_for(victim: str) -> Probe:
    """A call only ``victim`` can answer (a write where that is cheap)."""

    def events(client: Client, scope: Scope, n: int) -> bool:
        body = ('{"type": "training_stats_scalar", "task": "%s", "iter": %d, "metric": "loss", '
                '"variant": "probe", "value": 1.0}' % (scope.events_task, n))
        if client.call("events.add_batch", content=body, headers={"Content-Type": "application/json-lines"}) is None:
            client.ledger.missed("scalar", ("probe", n))
            return False
        client.ledger.ack("scalar", ("probe", n))
        return True

    def files(client: Client, scope: Scope, n: int) -> bool:
        path, content = f"faults/probe-{n}.txt", f"probe {n}".encode()
        if client.request("POST", "/", files={path: (path, content)}) is None:
            return False
        client.ledger.ack("file", (path, content))
        return True

    reads = {
        "gateway": ("projects.get_all", lambda s: {"page_size": 1}),
        "identity": ("auth.get_credentials", lambda s: {}),
        "tasks": ("tasks.get_all", lambda s: {"project": [s.project], "page_size": 1, "only_fields": ["id"]}),
        "queues": ("queues.get_by_id", lambda s: {"queue": s.queue}),
        "datasets": ("datasets.get_all", lambda s: {"page_size": 1, "only_fields": ["id"]}),
    }
    def task_write(client: Client, scope: Scope, n: int) -> bool:
        made = client.call("tasks.create", {"name": f"probe {n}", "type": "training", "project": scope.project})
        if made is None:
            return False
        client.ledger.ack("task", made["id"])
        return True

    if victim in ("events", "kafka", "elasticsearch"):  # the whole ingest path, gateway to index
        return events
    if victim == "secantusdb":
        return task_write
    if victim == "files":
        return files
    endpoint, body = reads[victim]
    return lambda client, scope, n: client.call(endpoint, body(scope)) is not None


def wait_ok(url: str, bound: float) -> float | None:
    """Seconds until ``url`` answers 200, or None within ``bound``."""
    started = time.monotonic()
    while time.monotonic() - started < bound:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    return None


def _bound(victim_up: Callable[[], float | None] | None) -> float:
    """How long after the kill the victim may take to answer again, as known now."""
    if victim_up is None:
        return RECOVERY_BOUND_S
    up = victim_up()
    return START_BOUND_S + RECOVERY_BOUND_S if up is None else up + RECOVERY_BOUND_S


def run_fault(stack, victim: str, kill: Callable[[], None], restart: Callable[[], None],
              probe: Probe, ready_url: Callable[[], str] | None, fault: str | None = None,
              extra: Callable[[], dict] | None = None, victim_up: Callable[[], float | None] | None = None,
              ) -> dict:
    """The fault's result (see the module's docstring); asserts nothing itself. ``victim_up``:
    for a server, how long after the kill it was ready again (None while it is not): Cairn's
    recovery is bounded from then, not from the kill, since a loaded machine may take a minute
    to start Kafka (its own start is bounded by ``servers.START_BOUND_S``)."""
    with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as http:
        scope = prepare(http)
    workload = Workload(stack.url, stack.files_url, (stack.key, stack.secret), scope)
    base = stack.files_url if victim == "files" else stack.url
    prober = Client(base, None if victim == "files" else (stack.key, stack.secret), workload.ledger,
                    token=scope.token if victim == "files" else None)
    workload.start()
    recoveries: list[float | None] = []
    readies: list[float | None] = []
    killed = first_kill = 0.0
    try:
        workload.warm(WARM_S, RECOVERY_BOUND_S)
        n = 0
        for round_ in range(KILLS):
            if round_:
                time.sleep(AFTER_S)
            killed = time.monotonic()
            first_kill = first_kill or killed
            kill()
            restart()
            recovery = None
            while time.monotonic() - killed < _bound(victim_up):
                n += 1
                if probe(prober, scope, n):
                    recovery = round(time.monotonic() - killed, 2)
                    break
                time.sleep(0.2)
            recoveries.append(recovery)
            if recovery is None:
                break
            if ready_url is not None:
                waited = wait_ok(ready_url(), RECOVERY_BOUND_S)
                readies.append(round(time.monotonic() - killed, 2) if waited is not None else None)
        time.sleep(AFTER_S)
    finally:
        workload.stop()
        prober.close()
    recovery = None if None in recoveries else max(recoveries)
    ready = None if None in readies or not readies else max(readies)
    recovered_at = killed + (recoveries[-1] or 0)
    after = sum(1 for t in workload.ledger.ok_times if t > recovered_at)

    # Read back (waiting a bounded while for what facts and refreshes make visible).
    with httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60) as http, \
            httpx.Client(base_url=stack.files_url, headers={"Authorization": f"Bearer {scope.token}"},
                         timeout=60) as files_http:
        deadline = time.monotonic() + SETTLE_S
        while True:
            outcome = read_back(http, files_http, scope, workload.ledger, first_kill)
            if outcome.all_found or time.monotonic() > deadline:
                break
            time.sleep(1)

    ledger = workload.ledger
    result = {
        "fault": fault or f"kill -9 {victim}",
        "acknowledged": sum(outcome.acknowledged.values()),
        "found": sum(outcome.found.values()),
        "duplicates": sum(outcome.duplicates.values()),
        "wrong_answers": len(ledger.wrong),
        "recovery_s": recovery,
        "kills": len(recoveries),
        "recovery_per_kill_s": recoveries,
        "readyz_s": ready,
        "ok_after_recovery": after,
        "answers": dict(ledger.answers),
        "per_kind": {k: [outcome.acknowledged[k], outcome.found.get(k, 0)] for k in sorted(outcome.acknowledged)},
        "duplicates_per_kind": outcome.duplicates,
        "unacknowledged_but_stored": outcome.unacked_but_stored,
        "missing": outcome.missing,
        "wrong": ledger.wrong[:10],
        "client_timeout_s": CLIENT_TIMEOUT_S,
    }
    result.update(extra() if extra else {})
    stack.record(result)
    print(f"\nFAULT {result['fault']}: acknowledged {result['acknowledged']}, found {result['found']}, "
          f"duplicates {result['duplicates']}, wrong answers {result['wrong_answers']}, "
          f"recovery {result['recovery_s']} s (readyz {ready} s), answers {result['answers']}")
    return result


def assert_survived(result: dict) -> None:
    assert result["recovery_s"] is not None, f"no recovery within {RECOVERY_BOUND_S}s: {result}"
    assert result["wrong_answers"] == 0, result["wrong"]
    assert result["acknowledged"] == result["found"], result["missing"]
    assert result["duplicates"] == 0, result["duplicates_per_kind"]
    assert result["ok_after_recovery"] > 0, result
    for kind, (acked, _) in result["per_kind"].items():
        assert acked > 0, f"no {kind} acknowledged at all: the workload did not run ({result})"

