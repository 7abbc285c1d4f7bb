"""Requests of ClearML's Enterprise ``apps`` service that Cairn refines.

``apps.upload`` in the catalog lists only its flags: ClearML Enterprise sends the application
bundle itself beside them. Cairn's API server accepts JSON bodies only, so the bundle travels
in the body as ``apps``: one :class:`AppDefinition` per application version (its launch form,
info template, task definition and small assets, base64-encoded).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.schemas.generated import apps as generated

# Names of applications, form fields and assets: they become keys of stored documents and
# parameters of the app's task, so they are kept plain.
APP_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$"
ENTRY_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]{0,99}$"

# The kinds of launch-form fields: ``queue`` is the queue the instance is enqueued on (a
# queue id or name; it is not a parameter of the task).
WizardType = Literal["string", "text", "integer", "float", "boolean", "choice", "multi_choice", "queue"]


class _Strict(BaseModel):
    """Part of an application definition: an unknown field is a mistake of its author."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class WizardEntry(_Strict):
    """One field of an application's launch form."""

    name: str = Field(pattern=ENTRY_NAME_PATTERN)
    title: str | None = None
    info: str | None = None
    type: WizardType = "string"
    default: Any = None
    required: bool = False
    choices: list[Any] | None = None
    min: float | None = None
    max: float | None = None


class LaunchTemplate(_Strict):
    """The launch form: its fields in display order."""

    entries: list[WizardEntry] = Field(default_factory=list)


class AppTaskScript(_Strict):
    """Where the app's task code comes from (the task's ``script``): a repository and entry
    point, or a literal script in ``diff`` (the agent writes it to ``entry_point``)."""

    repository: str | None = None
    branch: str | None = None
    tag: str | None = None
    version_num: str | None = None
    entry_point: str | None = None
    working_dir: str | None = None
    binary: str | None = None
    diff: str | None = None
    requirements: dict[str, Any] | None = None


class AppTask(_Strict):
    """The task every instance of the application runs."""

    type: str = "application"
    script: AppTaskScript
    container: dict[str, str] | None = None
    # The hyper-parameter section the launch form's values go to.
    hyperparams_section: str = Field("General", pattern=ENTRY_NAME_PATTERN)
    # The project (by name) the instances are created in; default "Apps/<application name>".
    project: str | None = None


class AppAsset(_Strict):
    """A small file of the application (its icon, an info page image), served by
    ``apps.get_asset``."""

    content_type: str = "application/octet-stream"
    base64: str


class AppDefinition(_Strict):
    """One version of an application as ``apps.upload`` receives it."""

    id: str = Field(pattern=APP_ID_PATTERN)
    name: str = Field(min_length=1)
    version: str = Field(min_length=1, max_length=64)
    description: str | None = None
    category: str | None = None
    icon: str | None = None
    badges: list[str] | None = None
    provider: str | None = None
    details_page: generated.DetailsPageEnum | None = None
    no_info_html: str | None = None
    no_info_image: str | None = None
    user_group_sharing: bool | None = None
    confirm_config_update: bool | None = None
    launch_template: LaunchTemplate = Field(default_factory=LaunchTemplate)
    info_template: dict[str, Any] | None = None
    task: AppTask
    assets: dict[str, AppAsset] | None = None


class UploadRequest(generated.UploadRequest):
    """``apps.upload``: register application versions. Answers ``{succeeded, failed}``.
    Refines the catalog's ``UploadRequest``: ``apps`` carries the definitions (the catalog
    leaves the bundle out; Cairn takes JSON bodies only)."""

    apps: list[AppDefinition] = Field(default_factory=list)


REQUESTS: dict[str, type[BaseModel]] = {
    "apps.upload": UploadRequest,
}
