"""The load bench's accounting (issue 18, item 6): a call that is not a right 200 is an error,
and any error makes the run fail."""

from __future__ import annotations

import pytest
from aiohttp import ClientSession, web

from tests.benchmarks.bench_load import CallFailed, Recorder, call, check


@pytest.fixture
async def server():
    async def answer(request: web.Request) -> web.Response:
        if request.match_info["endpoint"] == "tasks.edit":
            return web.json_response({"meta": {"result_code": 503}}, status=503)
        return web.json_response({"meta": {"result_code": 200}, "data": {"updated": 0}})

    app = web.Application()
    app.router.add_post("/v2.23/{endpoint}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_non_200_and_wrong_answers_are_errors(server):
    rec = Recorder()
    async with ClientSession(server) as http:
        assert await call(http, rec, "tasks.get_by_id", {"task": "t"}) == {"updated": 0}
        with pytest.raises(CallFailed):
            await call(http, rec, "tasks.edit", {"task": "t"})
        data = await call(http, rec, "tasks.create", {})
        with pytest.raises(CallFailed):
            check(rec, "tasks.create", data.get("updated") == 1, str(data))
    figures = rec.figures(wall=2.0)
    assert figures["requests"] == 3 and figures["errors"] == 2
    assert figures["error_rate"] == pytest.approx(2 / 3, abs=1e-5)
    assert figures["endpoints"]["tasks.edit"] == {"count": 1, "errors": 1}
    assert figures["endpoints"]["tasks.get_by_id"]["errors"] == 0
    assert any("HTTP 503" in sample for sample in figures["error_samples"])


async def test_an_unreachable_server_is_an_error_not_a_crash():
    rec = Recorder()
    async with ClientSession("http://127.0.0.1:9") as http:
        with pytest.raises(CallFailed):
            await call(http, rec, "debug.ping", {})
    assert rec.figures(wall=1.0)["error_rate"] == 1.0
