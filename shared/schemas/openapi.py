"""The OpenAPI 3.1 document of the ClearML API as Cairn serves it, built from the endpoint table
(``shared.endpoints``) and the request/response models (``shared.schemas.registry``).

One path per endpoint, ``/<service>.<action>``: a POST with a JSON body (ClearML also accepts
GET with a JSON body or query parameters; OpenAPI cannot describe a GET body, so only POST is
listed). Every answer is the ClearML envelope ``{"meta": {...}, "data": ...}``; ``data`` is the
response model on success. JSON-lines batch endpoints take ``application/json-lines``, one
item request per line. Served by the gateway at ``/openapi.json`` and committed as
``docs/openapi.json`` (``make docs``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import CoreModeRef, DefsRef, GenerateJsonSchema, models_json_schema

from shared.endpoints import Endpoint, endpoint_table, format_version, max_api_version
from shared.schemas.registry import request_models, response_models

ERROR_CODES = {"400": "Bad request (validation failure: subcode 11/12)", "401": "Not authenticated",
               "403": "Not allowed", "404": "Unknown endpoint or version", "500": "Server error"}


@cache
def openapi_json() -> bytes:
    """The document as served at ``/openapi.json`` (built once per process, ~2 s)."""
    return json.dumps(build_openapi(), separators=(",", ":")).encode()


def build_openapi() -> dict[str, Any]:
    table = endpoint_table()
    schemas: dict[str, Any] = {**_envelope_schemas()}
    refs = _model_schemas(table, schemas)
    paths = {f"/{name}": {"post": _operation(table[name], refs)} for name in sorted(table)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Cairn: the ClearML API",
            "version": format_version(max_api_version()),
            "description": (
                "The ClearML REST API as served by Cairn. Send `X-Clearml-Version` (or "
                "`/v<version>/` in the path) to pick an API version; without it the newest is used."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "responses": {
                f"Error{code}": {"description": text, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}}
                for code, text in ERROR_CODES.items()
            },
            "securitySchemes": {
                "basicAuth": {"type": "http", "scheme": "basic",
                              "description": "access key : secret key (auth.login, SDK)"},
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                               "description": "token from auth.login"},
            },
        },
    }


_MODEL_REF = re.compile(r"^shared\.schemas\.(generated\.)?(\w+)\.(\w+):\d+$")


class _ComponentNames(GenerateJsonSchema):
    """Components named ``<service>.<Model>`` for generated models (``common.<Model>`` for
    the ones several services share) and ``<service>.refined.<Model>`` for the hand-written
    ones that win over them."""

    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        found = _MODEL_REF.match(core_mode_ref[0])
        if not found:
            return super().get_defs_ref(core_mode_ref)
        generated, service, cls = found.groups()
        service = service.lstrip("_")  # the generated ``_common`` module
        name = DefsRef(f"{service}.{cls}" if generated else f"{service}.refined.{cls}")
        self._prioritized_defsref_choices[name] = [name]
        return name


def _model_schemas(table: dict[str, Endpoint], schemas: dict[str, Any]) -> dict[int, dict]:
    """JSON schemas of every request and response model; returns id(model) -> its ``$ref``."""
    requests, responses = request_models(), response_models()
    names = sorted(table)
    models = _unique([requests.get(n) for n in names] + [responses.get(n) for n in names])
    keys, defs = models_json_schema(
        [(m, "validation") for m in models], ref_template="#/components/schemas/{model}",
        schema_generator=_ComponentNames,
    )
    schemas.update(defs.get("$defs", {}))
    return {id(model): keys[(model, "validation")] for model in models}


def _unique(models: list[type[BaseModel] | None]) -> list[type[BaseModel]]:
    seen, out = set(), []
    for model in models:
        if model is not None and id(model) not in seen:
            seen.add(id(model))
            out.append(model)
    return out


def _operation(row: Endpoint, refs: dict[int, dict]) -> dict[str, Any]:
    service, action = row.name.split(".", 1)
    request, response = request_models().get(row.name), response_models().get(row.name)
    content_type = "application/json-lines" if row.batch else "application/json"
    operation: dict[str, Any] = {
        "operationId": row.name,
        "tags": [service],
        "summary": f"{service}.{action}",
        "description": _description(row),
        "security": _security(row),
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": _success(response, refs)}}},
            **{code: {"$ref": f"#/components/responses/Error{code}"} for code in ERROR_CODES},
        },
        "x-cairn-process": row.process,
        "x-clearml-min-versions": [format_version(v) for v in row.min_versions],
        "x-clearml-roles": list(row.allow_roles),
    }
    if request is not None:
        operation["requestBody"] = {"required": False, "content": {content_type: {"schema": refs[id(request)]}}}
    return operation


def _description(row: Endpoint) -> str:
    parts = [f"Served by the `{row.process}` process."]
    if row.batch:
        parts.append("JSON lines: one item request per line.")
    if row.internal:
        parts.append("Internal endpoint (ClearML's own services).")
    if row.enterprise:
        parts.append("ClearML Enterprise endpoint.")
    parts.append("GET with the same JSON body is accepted too.")
    return " ".join(parts)


def _security(row: Endpoint) -> list[dict]:
    schemes = [{"basicAuth": []}, {"bearerAuth": []}]
    if row.authorize is False:
        return []
    return schemes if row.authorize else [{}, *schemes]


def _success(response: type[BaseModel] | None, refs: dict[int, dict]) -> dict[str, Any]:
    data = refs[id(response)] if response is not None else {"type": "object"}
    return {
        "allOf": [{"$ref": "#/components/schemas/Envelope"}],
        "type": "object",
        "properties": {"data": data},
    }


def _envelope_schemas() -> dict[str, Any]:
    version = {"type": ["string", "number", "null"]}
    meta = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "trx": {"type": "string"},
            "endpoint": {"type": "object", "properties": {
                "name": {"type": ["string", "null"]},
                "requested_version": version,
                "actual_version": version,
            }},
            "result_code": {"type": "integer"},
            "result_subcode": {"type": "integer"},
            "result_msg": {"type": "string"},
            "error_stack": {"type": ["string", "null"]},
            "error_data": {"type": "object"},
        },
        "required": ["result_code", "result_subcode", "result_msg"],
    }
    return {
        "Meta": meta,
        "Envelope": {"type": "object", "properties": {
            "meta": {"$ref": "#/components/schemas/Meta"}, "data": {}}, "required": ["meta"]},
        "ErrorEnvelope": {"type": "object", "properties": {
            "meta": {"$ref": "#/components/schemas/Meta"}, "data": {"type": "object"}}, "required": ["meta"]},
    }
