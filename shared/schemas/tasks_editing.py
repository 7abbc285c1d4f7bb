"""Requests of ClearML's ``tasks`` editing endpoints: hyper-parameters and configuration by
section, artifacts, models, requirements, ``update``/``update_batch``, ``get_types`` and
``clone``. Fields follow ``spec/endpoints.json`` (newest version)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.schemas.base import Model, Request
from shared.schemas.tasks import Artifact, ConfigurationItem, Execution, ParamsItem, SectionParams


class GetHyperParamsRequest(Request):
    """``tasks.get_hyper_params``: ``{params: [{task, hyperparams: [params_item]}]}``."""

    tasks: list[str] = Field(min_length=1)


class EditHyperParamsRequest(Request):
    """``tasks.edit_hyper_params``: add or replace parameters (``replace_hyperparams``:
    ``none`` merges, ``section`` replaces the sections sent, ``all`` replaces everything)."""

    task: str
    hyperparams: list[ParamsItem] = Field(min_length=1)
    replace_hyperparams: Literal["none", "section", "all"] = "none"
    force: bool = False


class ParamKey(Model):
    """``param_key``: a section (all of it when ``name`` is missing) or one parameter."""

    section: str | None = None
    name: str | None = None


class DeleteHyperParamsRequest(Request):
    """``tasks.delete_hyper_params``: answers ``{deleted: 0|1}``."""

    task: str
    hyperparams: list[ParamKey] = Field(min_length=1)
    force: bool = False


class GetConfigurationsRequest(Request):
    """``tasks.get_configurations``: ``{configurations: [{task, configuration: [item]}]}``."""

    tasks: list[str] = Field(min_length=1)
    names: list[str] | None = None


class GetConfigurationNamesRequest(Request):
    """``tasks.get_configuration_names``: ``{configurations: [{task, names}]}``."""

    tasks: list[str] = Field(min_length=1)
    skip_empty: bool = True


class EditConfigurationRequest(Request):
    """``tasks.edit_configuration``: add or replace items (``replace_configuration``: all)."""

    task: str
    configuration: list[ConfigurationItem] = Field(min_length=1)
    replace_configuration: bool = False
    force: bool = False


class DeleteConfigurationRequest(Request):
    """``tasks.delete_configuration``: remove items by name; answers ``{deleted: 0|1}``."""

    task: str
    configuration: list[str] = Field(min_length=1)
    force: bool = False


class AddOrUpdateArtifactsRequest(Request):
    """``tasks.add_or_update_artifacts``: artifacts by (key, mode); answers ``{updated}``."""

    task: str
    artifacts: list[Artifact] = Field(min_length=1)
    force: bool = False


class ArtifactId(Model):
    """``artifact_id``."""

    key: str
    mode: Literal["input", "output"] | None = None


class DeleteArtifactsRequest(Request):
    """``tasks.delete_artifacts``: answers ``{deleted: 0|1}``."""

    task: str
    artifacts: list[ArtifactId] = Field(min_length=1)
    force: bool = False


class AddOrUpdateModelRequest(Request):
    """``tasks.add_or_update_model``: a named input or output model of the task."""

    task: str
    name: str
    model: str
    type: Literal["input", "output"]
    iteration: int | None = None


class ModelRef(Model):
    name: str
    type: Literal["input", "output"]


class DeleteModelsRequest(Request):
    """``tasks.delete_models``: remove named models from the task; answers ``{updated}``."""

    task: str
    models: list[ModelRef] = Field(min_length=1)


class SetRequirementsRequest(Request):
    """``tasks.set_requirements``: the task's ``script.requirements``."""

    task: str
    requirements: dict


class UpdateRequest(Request):
    """``tasks.update``: fields editable in any status (the status itself too, without the
    state machine, as clearml-server allows). Answers ``{updated, fields}``."""

    task: str
    name: str | None = None
    comment: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    project: str | None = None
    status: str | None = None
    status_reason: str | None = None
    status_message: str | None = None
    output__error: str | None = None
    created: str | None = None


class GetTypesRequest(Request):
    """``tasks.get_types``: the task types used (in the given projects). ``{types: [...]}``."""

    projects: list[str] | None = None


class CloneRequest(Request):
    """``tasks.clone``: a new ``created`` task copied from ``task`` with the overrides given.
    Answers ``{id}`` (and ``new_project`` when ``new_project_name`` created one)."""

    task: str
    new_task_name: str | None = None
    new_task_comment: str | None = None
    new_task_tags: list[str] | None = None
    new_task_system_tags: list[str] | None = None
    new_task_parent: str | None = None
    new_task_project: str | None = None
    new_project_name: str | None = None
    new_task_hyperparams: dict[str, SectionParams] | None = None
    new_task_configuration: dict[str, ConfigurationItem] | None = None
    new_task_container: dict[str, str] | None = None
    new_task_input_models: list[dict] | None = None
    execution_overrides: Execution | None = None
    validate_references: bool = False


class EditRuntimeRequest(Request):
    """``tasks.edit_runtime``: add/replace and remove runtime properties; ``{updated}``."""

    task: str
    add_or_update: dict[str, str] | None = None
    remove: list[str] | None = None
    force: bool = False


class UpdateTagsRequest(Request):
    """``tasks.update_tags``: add and remove user tags of several tasks; ``{updated}``."""

    ids: list[str] | None = None
    add_tags: list[str] | None = None
    remove_tags: list[str] | None = None


class MoveRequest(Request):
    """``tasks.move``: tasks into ``project`` (id) or ``project_name`` (created if missing)."""

    ids: list[str]
    project: str | None = None
    project_name: str | None = None


REQUESTS: dict[str, type[Request]] = {
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
