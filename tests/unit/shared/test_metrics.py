"""shared/metrics: the series move with what is recorded; readiness names what failed."""

import asyncio

from shared import metrics


def _sample(text: str, prefix: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(prefix))


def test_a_request_moves_its_counter_and_histogram():
    metrics.configure("unit")
    series = 'cairn_requests_total{code="404",endpoint="unit.thing",process="unit"}'
    before = _sample(metrics.exposition().decode(), series)
    metrics.observe_request("unit.thing", 404, 0.02)
    text = metrics.exposition().decode()
    assert _sample(text, series) == before + 1
    assert _sample(text, 'cairn_request_seconds_count{endpoint="unit.thing",process="unit"}') >= 1


def test_readiness_is_false_for_a_failing_or_hanging_check_and_true_otherwise():
    async def fine() -> bool:
        return True

    async def broken() -> bool:
        raise ConnectionError("gone")

    async def hangs() -> bool:
        await asyncio.sleep(10)
        return True

    metrics.register_check("unit-fine", fine)
    metrics.register_check("unit-broken", broken)
    metrics.register_check("unit-hangs", hangs)
    try:
        checks = asyncio.run(metrics.readiness(timeout=0.1))
        assert (checks["unit-fine"], checks["unit-broken"], checks["unit-hangs"]) == (True, False, False)
    finally:
        for name in ("unit-fine", "unit-broken", "unit-hangs"):
            metrics._checks.pop(name, None)


def test_the_probe_app_answers_404_for_other_paths():
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(metrics.ProbeApp()({"type": "http", "path": "/nope"}, None, send))
    assert sent[0]["status"] == 404
