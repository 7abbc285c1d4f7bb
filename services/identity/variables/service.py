"""Use cases of the variables room: company-wide named values (``variables.*``).

Values are text; a text that is an integer is kept as a number so that
``increment_global_vars`` adds to it atomically in the store (see ``store.py``). A variable
with ``expiration_sec`` exists until then (an increment with one renews it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.identity.variables.store import NotANumber, VariableStore
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

_INTEGER = re.compile(r"^-?\d{1,18}$")


def stored(value: str | None) -> Any:
    """An integer text as a number (``$inc`` works on it), any other text as it is."""
    text = "" if value is None else value
    return int(text) if _INTEGER.match(text.strip()) else text


def shown(value: Any) -> str:
    return str(value)


class VariablesService:
    def __init__(self, store: VariableStore, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now

    def _expires(self, seconds: int | None) -> datetime | None:
        if seconds is None:
            return None
        if seconds <= 0:
            raise ApiError.named("fields_value_error", "expiration_sec must be positive", expiration_sec=seconds)
        return self.now() + timedelta(seconds=seconds)

    async def get(self, caller: Identity, keys: list[str]) -> list[dict[str, str]]:
        found = await self.store.get(caller.company, keys, self.now())
        return [{"key": k, "value": shown(found[k])} for k in dict.fromkeys(keys) if k in found]

    async def set(self, caller: Identity, variables: list[Any]) -> int:
        """``set_global_vars``: each ``{key, value, expiration_sec}``; how many were set."""
        for variable in variables:
            if not variable.key:
                raise ApiError.named("missing_required_fields", "every variable needs a key", fields=["key"])
            self._expires(variable.expiration_sec)
        for variable in variables:
            await self.store.put(caller.company, variable.key, stored(variable.value),
                                 self._expires(variable.expiration_sec))
        return len(variables)

    async def delete(self, caller: Identity, keys: list[str]) -> int:
        return await self.store.delete(caller.company, keys)

    async def increment(self, caller: Identity, commands: list[Any]) -> list[dict[str, Any]]:
        """``increment_global_vars``: each command adds ``increment`` to its variable (0 when
        new) if the result stays within ``[min_allowed_value, max_allowed_value]``; otherwise,
        with ``allow_partial`` (the default), as much as the bound allows, else nothing. Each
        answer gives the value after and the amount actually added."""
        for command in commands:
            missing = [f for f in ("key", "increment") if getattr(command, f) is None or getattr(command, f) == ""]
            if missing:
                raise ApiError.named("missing_required_fields", f"missing {', '.join(missing)}", fields=missing)
            low, high = command.min_allowed_value, command.max_allowed_value
            if low is not None and high is not None and low > high:
                raise ApiError.named("fields_value_error", "min_allowed_value is above max_allowed_value",
                                     key=command.key)
            self._expires(command.expiration_sec)
        answers = []
        for command in commands:
            try:
                value, added = await self.store.increment(
                    caller.company, command.key, command.increment, command.min_allowed_value,
                    command.max_allowed_value, command.allow_partial is not False,
                    self._expires(command.expiration_sec), self.now())
            except NotANumber:
                raise ApiError.named("fields_value_error", f"variable {command.key!r} does not hold an integer",
                                     key=command.key) from None
            answers.append({"key": command.key, "value": value, "increment": added})
        return answers
