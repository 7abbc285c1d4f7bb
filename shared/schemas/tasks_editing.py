"""Requests of ClearML's ``tasks`` editing endpoints: hyper-parameters and configuration by
section, artifacts, models, requirements, ``update``/``update_batch``, ``get_types`` and
``clone``. Fields follow ``spec/endpoints.json`` (newest version)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.schemas.base import Model
from shared.schemas.generated import tasks as generated
from shared.schemas.generated._common import MoveRequest, UpdateTagsRequest
from shared.schemas.generated.tasks import (
    GetTypesRequest,
    SetRequirementsRequest,
)
from shared.schemas.tasks import Artifact, ConfigurationItem, Execution, ParamsItem, SectionParams


class GetHyperParamsRequest(generated.GetHyperParamsRequest):
    """``tasks.get_hyper_params``: ``{params: [{task, hyperparams: [params_item]}]}``.
    Refines the catalog's ``GetHyperParamsRequest``: ``tasks`` must not be empty (400/12)."""

    tasks: list[str] = Field(min_length=1)


class EditHyperParamsRequest(generated.EditHyperParamsRequest):
    """``tasks.edit_hyper_params``: add or replace parameters (``replace_hyperparams``:
    ``none`` merges, ``section`` replaces the sections sent, ``all`` replaces everything).
    Refines the catalog's ``EditHyperParamsRequest``: ``force`` refuses null; ``force`` defaults
    to false (catalog: null); ``replace_hyperparams`` defaults to 'none' (catalog: null);
    ``replace_hyperparams`` is a plain string (a ``Literal``, not the generated enum);
    ``hyperparams`` is parsed as Cairn's ``ParamsItem``."""

    hyperparams: list[ParamsItem] = Field(min_length=1)
    replace_hyperparams: Literal["none", "section", "all"] = "none"
    force: bool = False


class ParamKey(Model):
    """``param_key``: a section (all of it when ``name`` is missing) or one parameter."""

    section: str | None = None
    name: str | None = None


class DeleteHyperParamsRequest(generated.DeleteHyperParamsRequest):
    """``tasks.delete_hyper_params``: answers ``{deleted: 0|1}``.
    Refines the catalog's ``DeleteHyperParamsRequest``: ``force`` refuses null; ``force`` defaults
    to false (catalog: null); ``hyperparams`` is parsed as Cairn's ``ParamKey``."""

    hyperparams: list[ParamKey] = Field(min_length=1)
    force: bool = False


class GetConfigurationsRequest(generated.GetConfigurationsRequest):
    """``tasks.get_configurations``: ``{configurations: [{task, configuration: [item]}]}``.
    Refines the catalog's ``GetConfigurationsRequest``: ``tasks`` must not be empty (400/12)."""

    tasks: list[str] = Field(min_length=1)


class GetConfigurationNamesRequest(generated.GetConfigurationNamesRequest):
    """``tasks.get_configuration_names``: ``{configurations: [{task, names}]}``.
    Refines the catalog's ``GetConfigurationNamesRequest``: ``skip_empty`` refuses null;
    ``tasks`` must not be empty (400/12)."""

    tasks: list[str] = Field(min_length=1)
    skip_empty: bool = True


class EditConfigurationRequest(generated.EditConfigurationRequest):
    """``tasks.edit_configuration``: add or replace items (``replace_configuration``: all).
    Refines the catalog's ``EditConfigurationRequest``: ``force`` and ``replace_configuration``
    refuse null; ``force`` defaults to false (catalog: null); ``replace_configuration`` defaults
    to false (catalog: null); ``configuration`` is parsed as Cairn's ``ConfigurationItem``."""

    configuration: list[ConfigurationItem] = Field(min_length=1)
    replace_configuration: bool = False
    force: bool = False


class DeleteConfigurationRequest(generated.DeleteConfigurationRequest):
    """``tasks.delete_configuration``: remove items by name; answers ``{deleted: 0|1}``.
    Refines the catalog's ``DeleteConfigurationRequest``: ``force`` refuses null; ``force``
    defaults to false (catalog: null)."""

    configuration: list[str] = Field(min_length=1)
    force: bool = False


class AddOrUpdateArtifactsRequest(generated.AddOrUpdateArtifactsRequest):
    """``tasks.add_or_update_artifacts``: artifacts by (key, mode); answers ``{updated}``.
    Refines the catalog's ``AddOrUpdateArtifactsRequest``: ``force`` refuses null; ``force``
    defaults to false (catalog: null); ``artifacts`` is parsed as Cairn's ``Artifact``."""

    artifacts: list[Artifact] = Field(min_length=1)
    force: bool = False


class ArtifactId(Model):
    """``artifact_id``."""

    key: str
    mode: Literal["input", "output"] | None = None


class DeleteArtifactsRequest(generated.DeleteArtifactsRequest):
    """``tasks.delete_artifacts``: answers ``{deleted: 0|1}``.
    Refines the catalog's ``DeleteArtifactsRequest``: ``force`` refuses null; ``force`` defaults
    to false (catalog: null); ``artifacts`` is parsed as Cairn's ``ArtifactId``."""

    artifacts: list[ArtifactId] = Field(min_length=1)
    force: bool = False


class AddOrUpdateModelRequest(generated.AddOrUpdateModelRequest):
    """``tasks.add_or_update_model``: a named input or output model of the task.
    Refines the catalog's ``AddOrUpdateModelRequest``: ``type`` is a plain string (a ``Literal``,
    not the generated enum)."""

    type: Literal["input", "output"]


class ModelRef(Model):
    name: str
    type: Literal["input", "output"]


class DeleteModelsRequest(generated.DeleteModelsRequest):
    """``tasks.delete_models``: remove named models from the task; answers ``{updated}``.
    Refines the catalog's ``DeleteModelsRequest``: ``models`` is parsed as Cairn's ``ModelRef``."""

    models: list[ModelRef] = Field(min_length=1)


class UpdateRequest(generated.UpdateRequest):
    """``tasks.update``: fields editable in any status (the status itself too, without the
    state machine, as clearml-server allows). Answers ``{updated, fields}``.
    Refines the catalog's ``UpdateRequest``: ``created`` is typed ``str | None``; also takes
    ``status``, ``status_reason`` and ``status_message``."""

    status: str | None = None  # set as given, without the state machine (as clearml-server)
    status_reason: str | None = None
    status_message: str | None = None
    created: str | None = None


class CloneRequest(generated.CloneRequest):
    """``tasks.clone``: a new ``created`` task copied from ``task`` with the overrides given.
    Answers ``{id}`` (and ``new_project`` when ``new_project_name`` created one).
    Refines the catalog's ``CloneRequest``: ``validate_references`` refuses null;
    ``validate_references`` defaults to false (catalog: null); ``execution_overrides`` is parsed
    as Cairn's ``Execution``; ``new_task_configuration`` is parsed as Cairn's
    ``ConfigurationItem``; ``new_task_hyperparams`` is parsed as Cairn's ``ParamsItem``;
    ``new_task_input_models`` is typed ``list[dict] | None``."""

    new_task_hyperparams: dict[str, SectionParams] | None = None
    new_task_configuration: dict[str, ConfigurationItem] | None = None
    new_task_input_models: list[dict] | None = None
    execution_overrides: Execution | None = None
    validate_references: bool = False


class EditRuntimeRequest(generated.EditRuntimeRequest):
    """``tasks.edit_runtime``: add/replace and remove runtime properties; ``{updated}``.
    Refines the catalog's ``EditRuntimeRequest``: ``force`` refuses null; ``force`` defaults to
    false (catalog: null)."""

    force: bool = False


REQUESTS: dict[str, type[BaseModel]] = {
    "tasks.get_hyper_params": GetHyperParamsRequest,
    "tasks.edit_hyper_params": EditHyperParamsRequest,
    "tasks.delete_hyper_params": DeleteHyperParamsRequest,
    "tasks.get_configurations": GetConfigurationsRequest,
    "tasks.get_configuration_names": GetConfigurationNamesRequest,
    "tasks.edit_configuration": EditConfigurationRequest,
    "tasks.delete_configuration": DeleteConfigurationRequest,
    "tasks.add_or_update_artifacts": AddOrUpdateArtifactsRequest,
    "tasks.delete_artifacts": DeleteArtifactsRequest,
    "tasks.add_or_update_model": AddOrUpdateModelRequest,
    "tasks.delete_models": DeleteModelsRequest,
    "tasks.set_requirements": SetRequirementsRequest,
    "tasks.update": UpdateRequest,
    "tasks.update_batch": UpdateRequest,  # JSON lines: one UpdateRequest per line
    "tasks.get_types": GetTypesRequest,
    "tasks.clone": CloneRequest,
    "tasks.edit_runtime": EditRuntimeRequest,
    "tasks.update_tags": UpdateTagsRequest,
    "tasks.move": MoveRequest,
}
