"""Requests of ClearML's ``variables`` service (Enterprise global variables).

The seed's ``variables.increment_command`` gives ``key`` the type integer and ``increment`` the
type string, against their own descriptions ("the key of the variable", "the number to be
added"): the reference table's type column slipped by one row. The refinement takes the key
as a string (an integer key is accepted and named by its digits) and the increment as an
integer (a numeric string accepted); the response already says ``key: string``,
``increment: integer``.
"""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from shared.schemas.generated import variables as generated


class IncrementCommand(generated.IncrementCommand):
    key: str | None = None  # type: ignore[assignment]
    increment: int | None = None  # type: ignore[assignment]

    @field_validator("key", mode="before")
    @classmethod
    def _key_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Variable(generated.Variable):
    """A number given as ``value`` is kept as its text (values are strings)."""

    @field_validator("value", mode="before")
    @classmethod
    def _value_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class SetGlobalVarsRequest(generated.SetGlobalVarsRequest):
    vars: list[Variable]  # type: ignore[assignment]


class IncrementGlobalVarsRequest(generated.IncrementGlobalVarsRequest):
    """``variables.increment_global_vars`` with the corrected command (see the module)."""

    commands: list[IncrementCommand]  # type: ignore[assignment]


REQUESTS = {
    "variables.increment_global_vars": IncrementGlobalVarsRequest,
    "variables.delete_global_vars": generated.DeleteGlobalVarsRequest,
    "variables.get_global_vars": generated.GetGlobalVarsRequest,
    "variables.set_global_vars": SetGlobalVarsRequest,
}
