"""A bounded mixed workload that keeps a ledger of what the server acknowledged.

A few client threads call the gateway (and the files server) the way the SDK and the web UI
do, while a fault test kills a process: tasks are created, edited and enqueued; scalars and
log lines are sent with ``events.add_batch``; queues, datasets, credentials and files are
created; everything is read. Every answer is sorted into one of:

- 200: the write is *acknowledged* and recorded in the ledger (it must be found afterwards);
- retryable: 502/503/504 or a connection refused/reset (the outage; the SDK retries these);
- wrong: any other answer, a 200 that contradicts an acknowledged write, or no answer within
  the client timeout (a hang). A fault test asserts there is none.

Scalar batches are re-sent until acknowledged, as the SDK does (their ids are deterministic, so
a re-delivery overwrites); log batches are not (a log line's id is where it was read from
Kafka, so a batch that was stored although its answer was a 503 would be stored twice if sent
again: ClearML's own server behaves the same). ``verify`` reads everything back through the API
and counts what was found, what is missing and what is there twice.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

API = "/v2.23"
CLIENT_TIMEOUT_S = 20.0  # longer than the gateway's RPC timeout (5 s in tests): a 503 comes first
RETRYABLE_STATUS = frozenset({502, 503, 504})
RETRYABLE_ERRORS = (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)
VARIANTS = ("v0", "v1")
ITERS_PER_BATCH = 5
LOG_LINES_PER_BATCH = 5
PAUSE_S = 0.05  # between one client's calls: a steady load, not a benchmark


@dataclass
class Ledger:
    acked: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    unacked: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    answers: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    # monotonic time of every 200 (to show that the clients went on after the recovery)
    ok_times: list[float] = field(default_factory=list)
    acked_at: dict[Any, float] = field(default_factory=dict)  # item -> monotonic time of its ack
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, kind: str, *items: Any) -> None:
        with self.lock:
            self.acked[kind].extend(items)
            now = time.monotonic()
            self.acked_at.update((item, now) for item in items)

    def missed(self, kind: str, *items: Any) -> None:
        with self.lock:
            self.unacked[kind].extend(items)

    def answer(self, what: str) -> None:
        with self.lock:
            self.answers[what] += 1
            if what == "200":
                self.ok_times.append(time.monotonic())

    def wrong_answer(self, text: str) -> None:
        with self.lock:
            self.wrong.append(text[:500])


class Client:
    """One thread's HTTP client, sorting every answer into the ledger."""

    def __init__(self, base_url: str, auth: tuple[str, str] | None, ledger: Ledger, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=base_url, auth=auth, headers=headers, timeout=CLIENT_TIMEOUT_S)
        self.ledger = ledger

    def close(self) -> None:
        self.http.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        """The 200 answer, or None after a retryable failure (a wrong one is recorded)."""
        started = time.monotonic()
        try:
            answer = self.http.request(method, path, **kwargs)
        except RETRYABLE_ERRORS as exc:
            self.ledger.answer(f"conn:{type(exc).__name__}")
            return None
        except httpx.TimeoutException as exc:
            self.ledger.answer("hang")
            self.ledger.wrong_answer(f"{method} {path}: no answer within {time.monotonic() - started:.1f}s "
                                     f"({type(exc).__name__})")
            return None
        if answer.status_code == 200:
            self.ledger.answer("200")
            return answer
        self.ledger.answer(str(answer.status_code))
        if answer.status_code not in RETRYABLE_STATUS:
            sent = str(kwargs.get("json") or kwargs.get("content") or "")[:200]
            self.ledger.wrong_answer(f"{method} {path} {sent}: {answer.status_code} {answer.text[:300]}")
        return None

    def call(self, endpoint: str, body: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any] | None:
        if "content" not in kwargs:
            kwargs["json"] = body or {}
        answer = self.request("POST", f"{API}/{endpoint}", **kwargs)
        return None if answer is None else answer.json()["data"]


@dataclass
class Scope:
    """What one fault test's workload works in (its own project, queue, task, user token)."""

    project: str
    queue: str
    events_task: str
    token: str
    tag: str


def prepare(http: httpx.Client) -> Scope:
    """Made before the fault, with a healthy stack."""
    tag = uuid.uuid4().hex[:8]

    def ok(endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = http.post(f"{API}/{endpoint}", json=body)
        assert answer.status_code == 200, answer.text
        return answer.json()["data"]

    project = ok("projects.create", {"name": f"faults-{tag}", "description": ""})["id"]
    queue = ok("queues.create", {"name": f"faults-{tag}"})["id"]
    task = ok("tasks.create", {"name": "events", "type": "training", "project": project})["id"]
    token = ok("auth.login", {})["token"]
    return Scope(project=project, queue=queue, events_task=task, token=token, tag=tag)


class Workload:
    """The client threads; ``start`` then ``stop`` (which waits for them)."""

    def __init__(self, url: str, files_url: str, auth: tuple[str, str], scope: Scope) -> None:
        self.url, self.files_url, self.auth, self.scope = url, files_url, auth, scope
        self.ledger = Ledger()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._counter = iter(range(1_000_000))
        self._counter_lock = threading.Lock()

    def next(self) -> int:
        with self._counter_lock:
            return next(self._counter)

    def start(self) -> None:
        for work in (self._tasks, self._scalars, self._logs, self._others, self._reads):
            thread = threading.Thread(target=self._run, args=(work,), name=work.__name__, daemon=True)
            thread.start()
            self._threads.append(thread)

    def warm(self, least_s: float, bound_s: float) -> None:
        """Run at least ``least_s``, and until every kind of write was acknowledged once."""
        started = time.monotonic()
        kinds = ("task", "edit", "enqueue", "scalar", "log", "queue", "dataset", "credentials", "file")
        while time.monotonic() - started < bound_s:
            with self.ledger.lock:
                done = all(self.ledger.acked[k] for k in kinds)
            if done and time.monotonic() - started >= least_s:
                return
            time.sleep(0.1)
        raise AssertionError(f"the workload did not get going within {bound_s}s: {dict(self.ledger.answers)} "
                             f"{self.ledger.wrong[:3]}")

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=CLIENT_TIMEOUT_S * 3)
            assert not thread.is_alive(), f"client thread {thread.name} did not stop"

    def _run(self, work: Callable[[Client], None]) -> None:
        client = Client(self.url, self.auth, self.ledger)
        try:
            while not self._stop.is_set():
                try:
                    work(client)
                except Exception as exc:  # noqa: BLE001 - an unreadable 200 is a wrong answer
                    self.ledger.wrong_answer(f"{work.__name__}: {type(exc).__name__}: {exc}")
                self._stop.wait(PAUSE_S)
        finally:
            client.close()

    # -- writers --------------------------------------------------------------------------

    def _tasks(self, client: Client) -> None:
        """Create, edit, enqueue: each step only after the one before it was acknowledged."""
        n = self.next()
        created = client.call("tasks.create", {"name": f"w{n}", "type": "training", "project": self.scope.project})
        if created is None:
            return
        task = created["id"]
        self.ledger.ack("task", task)
        if client.call("tasks.edit", {"task": task, "comment": f"comment {n}"}) is None:
            return
        self.ledger.ack("edit", (task, f"comment {n}"))
        if client.call("tasks.enqueue", {"task": task, "queue": self.scope.queue}) is None:
            return
        self.ledger.ack("enqueue", task)

    def _scalars(self, client: Client) -> None:
        """One batch of scalars, sent again until acknowledged (what the SDK does)."""
        b = self.next()
        points = [(v, b * ITERS_PER_BATCH + i) for i in range(ITERS_PER_BATCH) for v in VARIANTS]
        body = "\n".join(orjson.dumps({
            "type": "training_stats_scalar", "task": self.scope.events_task, "iter": it, "metric": "loss",
            "variant": v, "value": float(it)}).decode() for v, it in points)
        while True:
            answer = client.call("events.add_batch", content=body,
                                 headers={"Content-Type": "application/json-lines"})
            if answer is not None:
                if answer.get("added") != len(points):
                    self.ledger.wrong_answer(f"events.add_batch of scalars: {answer}")
                self.ledger.ack("scalar", *points)
                return
            if self._stop.is_set():
                self.ledger.missed("scalar", *points)
                return
            time.sleep(0.3)

    def _logs(self, client: Client) -> None:
        """One batch of log lines, not sent again (see the module's docstring)."""
        b = self.next()
        lines = [f"line {b}.{j}" for j in range(LOG_LINES_PER_BATCH)]
        body = "\n".join(orjson.dumps({"type": "log", "task": self.scope.events_task, "iter": 0, "level": "info",
                                       "worker": "faults", "msg": line}).decode() for line in lines)
        answer = client.call("events.add_batch", content=body, headers={"Content-Type": "application/json-lines"})
        if answer is None:
            self.ledger.missed("log", *lines)
            return
        self.ledger.ack("log", *lines)

    def _others(self, client: Client) -> None:
        """A queue, a dataset, credentials, a file: one of each in turn."""
        n = self.next()
        kind = ("queue", "dataset", "credentials", "file")[n % 4]
        name = f"faults-{self.scope.tag}-{n}"
        if kind == "queue":
            made = client.call("queues.create", {"name": name})
            if made is not None:
                self.ledger.ack("queue", made["id"])
        elif kind == "dataset":
            made = client.call("datasets.create", {"name": name, "project": self.scope.project})
            if made is not None:
                self.ledger.ack("dataset", made["id"])
        elif kind == "credentials":
            made = client.call("auth.create_credentials", {"label": name})
            if made is not None:
                self.ledger.ack("credentials", made["credentials"]["access_key"])
        else:
            self._upload(name)

    def _upload(self, name: str) -> None:
        files = Client(self.files_url, None, self.ledger, token=self.scope.token)
        try:
            path = f"faults/{name}.txt"
            content = f"content of {name}".encode()
            if files.request("POST", "/", files={path: (path, content)}) is not None:
                self.ledger.ack("file", (path, content))
        finally:
            files.close()

    # -- reads ----------------------------------------------------------------------------

    def _reads(self, client: Client) -> None:
        """Reads of every process; a 200 must agree with what was acknowledged before it."""
        with self.ledger.lock:
            tasks = list(self.ledger.acked["task"][-3:])
        for task in tasks:
            got = client.call("tasks.get_all", {"id": [task], "only_fields": ["id"]})
            if got is not None and [t["id"] for t in got["tasks"]] != [task]:
                self.ledger.wrong_answer(f"tasks.get_all of acknowledged task {task}: {got}")
        client.call("events.get_task_log", {"task": self.scope.events_task, "batch_size": 10})
        client.call("queues.get_by_id", {"queue": self.scope.queue})
        client.call("datasets.get_all", {"project": self.scope.project, "only_fields": ["id"]})
        client.call("users.get_current_user", {})


# -- afterwards ---------------------------------------------------------------------------

@dataclass
class Outcome:
    acknowledged: dict[str, int]
    found: dict[str, int]
    duplicates: dict[str, int]
    missing: dict[str, list]
    unacked_but_stored: dict[str, int]

    @property
    def all_found(self) -> bool:
        return self.acknowledged == self.found


def _post(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = http.post(f"{API}/{endpoint}", json=body)
    assert answer.status_code == 200, f"{endpoint}: {answer.status_code} {answer.text[:500]}"
    return answer.json()["data"]


def read_back(http: httpx.Client, files_http: httpx.Client, scope: Scope, ledger: Ledger,
              killed: float = 0.0) -> Outcome:
    """Everything the ledger says was acknowledged, read back through the API."""
    acked = {kind: list(items) for kind, items in ledger.acked.items()}
    found: dict[str, set] = {}
    duplicates: dict[str, int] = {}
    unacked_stored: dict[str, int] = {}

    ids = acked.get("task", [])
    tasks = {}
    for start in range(0, len(ids), 200):
        got = _post(http, "tasks.get_all", {"id": ids[start:start + 200], "page_size": 500,
                                            "only_fields": ["id", "comment", "status", "execution.queue"]})
        tasks.update({t["id"]: t for t in got["tasks"]})
    found["task"] = set(tasks) & set(ids)
    found["edit"] = {(t, c) for t, c in acked.get("edit", []) if tasks.get(t, {}).get("comment") == c}
    queue = _post(http, "queues.get_by_id", {"queue": scope.queue})["queue"]
    entries = [e["task"] for e in queue["entries"]]
    duplicates["enqueue"] = len(entries) - len(set(entries))
    found["enqueue"] = {t for t in acked.get("enqueue", [])
                        if t in entries and tasks.get(t, {}).get("status") == "queued"}

    scalars, scroll = [], None
    while True:  # every page: a duplicate may sit anywhere
        page = _post(http, "events.get_task_events", {
            "task": scope.events_task, "event_type": "training_stats_scalar", "batch_size": 5000,
            **({"scroll_id": scroll} if scroll else {})})
        scalars += page["events"]
        scroll = page.get("scroll_id")
        if not page["events"] or not scroll:
            break
    points = [(e["variant"], e["iter"]) for e in scalars]
    duplicates["scalar"] = len(points) - len(set(points))
    found["scalar"] = set(points) & set(acked.get("scalar", []))
    unacked_stored["scalar"] = len(set(points) & set(ledger.unacked.get("scalar", [])))

    log = _post(http, "events.get_task_log", {"task": scope.events_task, "batch_size": 10_000})
    assert log["returned"] == log["total"], "more log lines than one page: shorten the workload"
    log = log["events"]
    lines = [e["msg"] for e in log]
    duplicates["log"] = len(lines) - len(set(lines))
    found["log"] = set(lines) & set(acked.get("log", []))
    unacked_stored["log"] = len(set(lines) & set(ledger.unacked.get("log", [])))

    queues = acked.get("queue", [])
    if queues:
        got = _post(http, "queues.get_all", {"id": queues, "only_fields": ["id"]})["queues"]
        found["queue"] = {q["id"] for q in got} & set(queues)
    datasets = acked.get("dataset", [])
    found["dataset"] = set()
    for dataset in datasets:
        answer = http.post(f"{API}/datasets.get_by_id", json={"dataset": dataset})
        if answer.status_code == 200 and answer.json()["data"]["dataset"]["id"] == dataset:
            found["dataset"].add(dataset)
    if acked.get("credentials"):
        got = _post(http, "auth.get_credentials", {})["credentials"]
        found["credentials"] = {c["access_key"] for c in got} & set(acked["credentials"])
    found["file"] = set()
    for path, content in acked.get("file", []):
        answer = files_http.get(f"/{path}")
        if answer.status_code == 200 and answer.content == content:
            found["file"].add((path, content))

    counts = {kind: len(set(items)) for kind, items in acked.items()}
    found_counts = {kind: len(found.get(kind, set())) for kind in acked}
    # what is missing, with when it was acknowledged (seconds after the kill; negative: before)
    missing = {kind: sorted(f"{item} acknowledged at {ledger.acked_at.get(item, 0) - killed:+.2f}s"
                            for item in set(items) - found.get(kind, set()))[:5]
               for kind, items in acked.items() if set(items) - found.get(kind, set())}
    return Outcome(acknowledged=counts, found=found_counts, duplicates=duplicates, missing=missing,
                   unacked_but_stored=unacked_stored)
