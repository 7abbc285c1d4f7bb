"""ClearML service ``variables``: 2 seed definitions, 4 endpoints, 12 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/variables.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest


class IncrementCommand(GeneratedModel):
    """From the seed ``variables.increment_command``."""

    allow_partial: bool | None = Field(True, description='If set then incrementing by a value that is smaller then requested is allowed')
    expiration_sec: int | None = Field(None, description='Expiration period in seconds to retain the variable. If not set then the variable will never expire')
    increment: str | None = Field(None, description='The number to be added to the global var')
    key: int | None = Field(None, description='The key of the variable to increment. The variable should hold an integer value')
    max_allowed_value: int | None = Field(None, description='The maximum allowed value for the variable after the increment. If not set then the operation is not limited')
    min_allowed_value: int | None = Field(None, description='The minimum allowed value for the variable after the increment. If not set then the operation is not limited')


class Variable(GeneratedModel):
    """From the seed ``variables.variable``."""

    expiration_sec: int | None = Field(None, description='Expiration period in seconds to retain the variable. If not set then the variable will never expire')
    key: str | None = Field(None, description='Variable key')
    value: str | None = Field(None, description='Variable value')


class DeleteGlobalVarsRequest(GeneratedRequest):
    """``variables.delete_global_vars``."""

    keys: list[str]


class DeleteGlobalVarsResponse(GeneratedModel):
    """``variables.delete_global_vars``."""

    deleted: int | None = None


class GetGlobalVarsRequest(DeleteGlobalVarsRequest):
    """``variables.get_global_vars``."""


class GetGlobalVarsResponseVarsItem(GeneratedModel):
    key: str | None = None
    value: str | None = None


class GetGlobalVarsResponse(GeneratedModel):
    """``variables.get_global_vars``."""

    vars: list[GetGlobalVarsResponseVarsItem] | None = None


class IncrementGlobalVarsRequest(GeneratedRequest):
    """``variables.increment_global_vars``."""

    commands: list[IncrementCommand]


class IncrementGlobalVarsResponseVarsItem(GeneratedModel):
    increment: int | None = None
    key: str | None = None
    value: int | None = None


class IncrementGlobalVarsResponse(GeneratedModel):
    """``variables.increment_global_vars``."""

    vars: list[IncrementGlobalVarsResponseVarsItem] | None = None


class SetGlobalVarsRequest(GeneratedRequest):
    """``variables.set_global_vars``."""

    vars: list[Variable]


class SetGlobalVarsResponse(GeneratedModel):
    """``variables.set_global_vars``."""

    updated: int | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'variables.increment_command': IncrementCommand,
    'variables.variable': Variable,
}

REQUESTS: dict[str, Any] = {
    'variables.delete_global_vars': DeleteGlobalVarsRequest,
    'variables.get_global_vars': GetGlobalVarsRequest,
    'variables.increment_global_vars': IncrementGlobalVarsRequest,
    'variables.set_global_vars': SetGlobalVarsRequest,
}

RESPONSES: dict[str, Any] = {
    'variables.delete_global_vars': DeleteGlobalVarsResponse,
    'variables.get_global_vars': GetGlobalVarsResponse,
    'variables.increment_global_vars': IncrementGlobalVarsResponse,
    'variables.set_global_vars': SetGlobalVarsResponse,
}
