"""The variables room's rules without a store: what is refused before anything is written, how
values are kept, and the corrected ``increment_command`` (the seed swaps its key's and
increment's types)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.identity.variables.service import VariablesService, stored
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.registry import request_models

CALLER = Identity(company="c1", user="u1")


class RecordingStore:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    async def put(self, *args) -> None:
        self.calls.append(("put", *args))

    async def increment(self, *args) -> tuple[int, int]:
        self.calls.append(("increment", *args))
        return 1, 1


def service(store: RecordingStore) -> VariablesService:
    return VariablesService(store, lambda: datetime(2026, 1, 1, tzinfo=timezone.utc))  # type: ignore[arg-type]


def commands(*items: dict):
    return request_models()["variables.increment_global_vars"].model_validate({"commands": list(items)}).commands


def test_integer_texts_are_kept_as_numbers_and_other_texts_as_they_are():
    assert (stored("42"), stored("-3"), stored("4.5"), stored("x"), stored(None)) == (42, -3, "4.5", "x", "")


def test_the_increment_command_takes_a_text_key_and_an_integer_increment():
    (command,) = commands({"key": 7, "increment": "5"})
    assert (command.key, command.increment, command.allow_partial) == ("7", 5, True)


@pytest.mark.parametrize("command, subcode", [
    ({"increment": 1}, 11),
    ({"key": "k"}, 11),
    ({"key": "k", "increment": 1, "min_allowed_value": 5, "max_allowed_value": 1}, 16),
    ({"key": "k", "increment": 1, "expiration_sec": 0}, 16),
])
async def test_a_bad_command_changes_nothing(command, subcode):
    store = RecordingStore()
    with pytest.raises(ApiError) as error:
        await service(store).increment(CALLER, commands({"key": "ok", "increment": 1}, command))
    assert (error.value.code, error.value.subcode) == (400, subcode) and store.calls == []


async def test_an_increment_passes_its_bounds_and_expiry_to_the_store():
    store = RecordingStore()
    answer = await service(store).increment(CALLER, commands({"key": "k", "increment": 2, "max_allowed_value": 9,
                                                              "allow_partial": False, "expiration_sec": 60}))
    assert answer == [{"key": "k", "value": 1, "increment": 1}]
    _, company, key, by, low, high, partial, expires, _ = store.calls[0]
    assert (company, key, by, low, high, partial) == ("c1", "k", 2, None, 9, False)
    assert expires == datetime(2026, 1, 1, 0, 1, tzinfo=timezone.utc)
