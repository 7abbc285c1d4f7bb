"""ClearML service ``storage``: 6 seed definitions, 6 endpoints, 19 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/storage.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import BatchOperation, Credentials, FieldFilter, FieldFilterAll, FieldFilterAny, MetadataItem, TaskStatusEnum  # noqa: F401


class AwsBucket(GeneratedModel):
    """Settings per S3 bucket. From the seed ``storage.aws_bucket``."""

    acl: str | None = Field(None, description='ACL')
    bucket: str | None = Field(None, description='The name of the bucket')
    host: str | None = Field(None, description='Host address (for minio servers)')
    key: str | None = Field(None, description='Access key')
    multipart: bool | None = Field(True, description='Multipart upload')
    region: str | None = Field(None, description='AWS Region')
    secret: str | None = Field(None, description='Secret key')
    secure: bool | None = Field(True, description='Use SSL connection')
    subdir: str | None = Field(None, description='The path to match')
    token: str | None = Field(None, description='Access token')
    use_credentials_chain: bool | None = Field(False, description='Use host configured credentials')
    verify: bool | None = Field(True, description='Verify server certificate')


class Aws(GeneratedModel):
    """AWS S3 storage settings. From the seed ``storage.aws``."""

    buckets: list[AwsBucket] | None = Field(None, description='Credential settings per bucket')
    key: str | None = Field(None, description='Access key')
    region: str | None = Field(None, description='AWS region')
    secret: str | None = Field(None, description='Secret key')
    token: str | None = Field(None, description='Access token')
    use_credentials_chain: bool | None = Field(False, description='If set then use host credentials')


class AzureContainer(GeneratedModel):
    """Azure container settings. From the seed ``storage.azure_container``."""

    account_key: str | None = Field(None, description='Account key')
    account_name: str | None = Field(None, description='Account name')
    container_name: str | None = Field(None, description='The name of the container')


class Azure(GeneratedModel):
    """Azure storage settings. From the seed ``storage.azure``."""

    containers: list[AzureContainer] | None = Field(None, description='Credentials per container')


class GoogleBucket(GeneratedModel):
    """Settings per Google storage bucket. From the seed ``storage.google_bucket``."""

    bucket: str | None = Field(None, description='The name of the bucket')
    credentials_json: str | None = Field(None, description='The contents of the credentials json file')
    project: str | None = Field(None, description='The name of the project')
    subdir: str | None = Field(None, description='The path to match')


class Google(GeneratedModel):
    """Google storage settings. From the seed ``storage.google``."""

    buckets: list[GoogleBucket] | None = Field(None, description='Credentials per bucket')
    credentials_json: str | None = Field(None, description='The contents of the credentials json file')
    project: str | None = Field(None, description='Project name')


class MultiFieldPatternData(GeneratedModel):
    """From the catalog definition ``storage.multi_field_pattern_data``."""

    datetime: str | None = None
    fields_: list[str] | None = Field(None, alias='fields')
    pattern: str | None = None


class GetSettingsRequest(GeneratedStrictRequest):
    """``storage.get_settings`` (API 2.22)."""


class GetSettingsResponse(GeneratedModel):
    """``storage.get_settings`` (API 2.22)."""

    aws: Aws | None = None
    azure: Azure | None = None
    google: Google | None = None
    last_update: datetime | None = None


class ResetSettingsRequest(GeneratedRequest):
    """``storage.reset_settings`` (API 2.31)."""

    keys: list[Literal['azure', 'aws', 'google']] | None = None


class ResetSettingsResponse(GeneratedModel):
    """``storage.reset_settings`` (API 2.31)."""

    updated: Literal[0, 1] | None = None


class SetSettingsRequest(GeneratedRequest):
    """``storage.set_settings`` (API 2.31)."""

    aws: Aws | None = None
    azure: Azure | None = None
    google: Google | None = None


class SetSettingsResponse(ResetSettingsResponse):
    """``storage.set_settings`` (API 2.31)."""


class GetUserSettingsRequest(GeneratedRequest):
    """``storage.get_user_settings``."""


class GetUserSettingsResponse(GetSettingsResponse):
    """``storage.get_user_settings``."""


class ResetUserSettingsRequest(ResetSettingsRequest):
    """``storage.reset_user_settings``."""


class ResetUserSettingsResponse(GeneratedModel):
    """``storage.reset_user_settings``."""

    updated: int | None = None


class SetUserSettingsRequest(SetSettingsRequest):
    """``storage.set_user_settings``."""


class SetUserSettingsResponse(ResetUserSettingsResponse):
    """``storage.set_user_settings``."""


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'storage.aws': Aws,
    'storage.aws_bucket': AwsBucket,
    'storage.azure': Azure,
    'storage.azure_container': AzureContainer,
    'storage.google': Google,
    'storage.google_bucket': GoogleBucket,
}

REQUESTS: dict[str, Any] = {
    'storage.get_settings': GetSettingsRequest,
    'storage.reset_settings': ResetSettingsRequest,
    'storage.set_settings': SetSettingsRequest,
    'storage.get_user_settings': GetUserSettingsRequest,
    'storage.reset_user_settings': ResetUserSettingsRequest,
    'storage.set_user_settings': SetUserSettingsRequest,
}

RESPONSES: dict[str, Any] = {
    'storage.get_settings': GetSettingsResponse,
    'storage.reset_settings': ResetSettingsResponse,
    'storage.set_settings': SetSettingsResponse,
    'storage.get_user_settings': GetUserSettingsResponse,
    'storage.reset_user_settings': ResetUserSettingsResponse,
    'storage.set_user_settings': SetUserSettingsResponse,
}
