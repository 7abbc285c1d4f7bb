"""Schemathesis over every operation of the gateway's ``/openapi.json`` (issue 18, item 3).

Each operation gets generated bodies that fit its request schema (positive) and bodies that do
not (negative), sent with the stack's admin key pair. Every answer must be:

- no server error, except ClearML's documented "not implemented" (500/9999);
- the ClearML envelope: ``meta.result_code`` equal to the HTTP status and a
  ``(result_code, result_subcode)`` pair from the catalogue (``shared.errors.CATALOGUE``), or
  200/0 for a success;
- no Python traceback or exception class name in ``result_msg``.

Failures are collected over the whole run and reported together (operation, body, answer), so
one broken endpoint does not hide the others. Bounded for CI with ``CAIRN_FUZZ_EXAMPLES``
examples per operation and mode (default 5, derandomized); ``make soak`` raises it.
``CAIRN_FUZZ_OPERATIONS`` (comma-separated names) fuzzes only those operations.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode

from shared.errors import CATALOGUE
from tests.support.servers import require_servers
from tests.support.stack import Stack

EXAMPLES = int(os.environ.get("CAIRN_FUZZ_EXAMPLES", "5"))
# A subset of the operations, by name (``CAIRN_FUZZ_OPERATIONS=tasks.get_all,models.get_all``):
# to confirm a fix at a soak's examples without the whole soak. All operations when empty.
ONLY = frozenset(filter(None, (name.strip() for name in os.environ.get("CAIRN_FUZZ_OPERATIONS", "").split(","))))

# Measured here: 5 examples (4,470 cases) ~1.5 minutes, 20 (make soak, 17,880 cases) ~7.5.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600 + 150 * EXAMPLES)]

# Operations not fuzzed, each with its reason. Keep this list short and explicit.
EXCLUDED: dict[str, str] = {}

_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")
# A Python exception class name (``ValueError``, ``KeyError``, ``MessageSizeTooLargeError``).
_EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b")


@schemathesis.serializer("application/json-lines")
def _json_lines(ctx: Any, value: Any) -> dict[str, Any]:
    """A JSON-lines batch of one item: the generated item request on one line."""
    return {"data": json.dumps(value).encode() + b"\n", "headers": {"Content-Type": "application/json-lines"}}


@dataclass
class Tally:
    operations: int = 0
    cases: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    not_implemented: set[str] = field(default_factory=set)


def _problems(response: requests.Response) -> list[str]:
    """What is wrong with one answer (empty when it is fine)."""
    status = response.status_code
    try:
        envelope = response.json()
        meta = envelope["meta"]
        code, subcode, msg = meta["result_code"], meta["result_subcode"], meta["result_msg"]
    except (ValueError, KeyError, TypeError):
        return [f"not a ClearML envelope: {response.text[:300]!r}"]
    found = []
    if status >= 500 and (status, subcode) != (500, 9999):
        found.append("server error")
    if code != status:
        found.append(f"result_code {code} != HTTP {status}")
    if not (code == 200 and subcode == 0) and (code, subcode) not in CATALOGUE:
        found.append(f"({code}, {subcode}) not in the catalogue")
    if not isinstance(msg, str):
        found.append("result_msg is not a string")
    elif _TRACEBACK.search(msg) or _EXCEPTION_NAME.search(msg):
        found.append("traceback or exception class name in result_msg")
    return found


def _fuzz(operation: Any, mode: GenerationMode, session: requests.Session, base_url: str, tally: Tally) -> None:
    name = operation.path.lstrip("/")

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        kwargs = case.as_transport_kwargs(base_url=base_url)
        kwargs.pop("auth", None)
        headers = {k: v for k, v in (kwargs.pop("headers", None) or {}).items() if k.lower() != "authorization"}
        response = session.request(**kwargs, headers=headers, timeout=120)
        tally.cases += 1
        tally.by_status[response.status_code] = tally.by_status.get(response.status_code, 0) + 1
        problems = _problems(response)
        if response.status_code == 500 and not problems:  # only 500/9999 passes the checks
            tally.not_implemented.add(name)
        if problems:
            sent = kwargs.get("json", kwargs.get("data"))
            tally.failures.append(
                f"{name} [{mode.value}] {'; '.join(problems)}\n    sent: {str(sent)[:300]}\n"
                f"    answer: {response.status_code} {response.text[:400]}"
            )

    run()


@pytest.fixture(scope="module")
def fuzzed():
    """A stack of its own: the fuzzer creates and changes whatever the generated bodies say
    (vaults, variables, settings of the admin's company), which later tests of the shared stack
    must not find."""
    require_servers(kafka=True, mongo=True, es=True)
    own = Stack()
    try:
        own.start_all()
        yield own
    finally:
        own.stop_all()


def test_every_operation_answers_in_the_envelope_without_server_errors(fuzzed):
    stack = fuzzed
    raw = httpx.get(f"{stack.url}/openapi.json", auth=(stack.key, stack.secret), timeout=60).json()
    schema = schemathesis.openapi.from_dict(raw)
    tally = Tally()
    with requests.Session() as session:
        session.auth = (stack.key, stack.secret)
        for result in schema.get_all_operations():
            operation = result.ok()
            name = operation.path.lstrip("/")
            if name in EXCLUDED or (ONLY and name not in ONLY):
                continue
            tally.operations += 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    _fuzz(operation, mode, session, stack.url, tally)
                except Exception as exc:  # a generation problem of one operation must not hide the rest
                    tally.failures.append(f"{name} [{mode.value}] could not be fuzzed: {type(exc).__name__}: {exc}"[:500])
    print(f"\nschemathesis: {tally.operations} operations, {tally.cases} cases "
          f"({EXAMPLES} examples per operation and mode), statuses {dict(sorted(tally.by_status.items()))}, "
          f"{len(tally.failures)} failures, excluded {sorted(EXCLUDED)}; "
          f"{len(tally.not_implemented)} operations answered 500/9999 not implemented: {sorted(tally.not_implemented)}")
    wanted = {path.lstrip("/") for path in raw["paths"]} - EXCLUDED.keys()
    assert tally.operations == len(wanted & ONLY if ONLY else wanted) > 0  # names none of the operations: a typo
    assert not tally.failures, f"{len(tally.failures)} bad answers:\n" + "\n".join(tally.failures)
