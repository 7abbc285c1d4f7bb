"""Equal concurrent calls share one call; different or later ones do not."""

from __future__ import annotations

import asyncio

import pytest

from shared.single_flight import SingleFlight


class Verifier:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple] = []
        self.release = asyncio.Event()
        self.fail = fail

    async def __call__(self, key: str, secret: str) -> str:
        self.calls.append((key, secret))
        number = len(self.calls)
        await self.release.wait()
        if self.fail:
            raise RuntimeError("identity away")
        return f"{key}:{number}"


async def _settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


async def test_equal_concurrent_calls_share_one_call_and_later_ones_run_again():
    verify = Verifier()
    flight = SingleFlight(verify)
    waiting = [asyncio.ensure_future(flight("k", "s")) for _ in range(50)]
    other = asyncio.ensure_future(flight("k2", "s"))
    await _settle()
    verify.release.set()
    assert set(await asyncio.gather(*waiting)) == {"k:1"}
    assert await other == "k2:2"
    assert await flight("k", "s") == "k:3"  # nothing kept once a call ended
    assert verify.calls == [("k", "s"), ("k2", "s"), ("k", "s")]


async def test_every_caller_gets_the_shared_failure():
    verify = Verifier(fail=True)
    flight = SingleFlight(verify)
    waiting = [asyncio.ensure_future(flight("k", "s")) for _ in range(3)]
    await _settle()
    verify.release.set()
    results = await asyncio.gather(*waiting, return_exceptions=True)
    assert [str(r) for r in results] == ["identity away"] * 3 and len(verify.calls) == 1


async def test_a_caller_that_stops_waiting_leaves_the_call_to_the_others():
    verify = Verifier()
    flight = SingleFlight(verify)
    gone, stays = asyncio.ensure_future(flight("k", "s")), asyncio.ensure_future(flight("k", "s"))
    await _settle()
    gone.cancel()
    await _settle()
    verify.release.set()
    assert await stays == "k:1"
    with pytest.raises(asyncio.CancelledError):
        await gone
