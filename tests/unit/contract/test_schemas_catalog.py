"""The request/response models against the endpoint catalogs (``spec/endpoints.json`` and
``spec/enterprise_endpoints.json``): every endpoint has both models and an endpoint-table row;
each request model requires exactly the catalog's required fields and accepts exactly the
catalog's enum values (the effective model: a hand-written refinement when there is one; a
hand-written model may accept more enum values than the catalog, never fewer)."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel, RootModel

from shared.endpoints import endpoint_table
from shared.schemas.codegen.from_catalog import catalog_definitions, catalog_endpoints
from shared.schemas.codegen.refinements import REQUEST_FIELD_TYPES
from shared.schemas.registry import hand_refined, request_models, response_models

ROWS = {row["name"]: row for row in catalog_endpoints()}
OBJECT_ROWS = sorted(n for n, r in ROWS.items() if r["request"].get("kind") != "batch")

# Enum values the models accept beyond the newest catalog, and why.
WIDER_ENUMS = {
    # The seed (Enterprise data model) adds dataset_import/annotation/annotation_manual to
    # ``tasks.task_type_enum`` and ``all`` to ``datasets.schema_type_enum``; the seed wins.
    ("tasks.validate", "type"),
    ("datasets.get_schema", "schema_type"),
}

# Catalog-required fields a hand-written model leaves optional, and why.
OPTIONAL_BY_HAND = {
    # shared/schemas/events.py: one SampleRequest serves get_debug_image_sample and
    # get_plot_sample; the latter has no ``variant``. Lenient: a missing variant is answered by
    # the service, not by the gateway's validation.
    ("events.get_debug_image_sample", "variant"),
    # clearml-server's request class (GetParamsRequest) declares ``project`` optional: without
    # it the keys of every project's models are listed (issue 12, item 15).
    ("projects.get_model_metadata_keys", "project"),
    ("projects.get_hyper_parameters", "project"),  # the same request class (GetParamsRequest)
    # clearml-server's ClearScrollRequest declares scroll_id optional (clears nothing without).
    ("events.clear_scroll", "scroll_id"),
    # ... and the sample viewers' next_* steps (no scroll id: 400/1104 invalid scroll id).
    ("events.next_debug_image_sample", "scroll_id"),
    ("events.next_plot_sample", "scroll_id"),
}


def test_every_endpoint_has_models_and_a_table_row():
    requests, responses, table = request_models(), response_models(), endpoint_table()
    assert len(ROWS) == 204 + 242
    assert sorted(set(ROWS) - set(requests)) == []
    assert sorted(set(ROWS) - set(responses)) == []
    assert sorted(set(ROWS) - set(table)) == []
    print(f"\ncatalogs: {len(ROWS)} endpoints, {len(requests)} request models "
          f"({len(hand_refined())} hand-written), {len(responses)} response models")


@pytest.mark.parametrize("name", sorted(n for n, r in ROWS.items() if r["request"].get("kind") == "batch"))
def test_batch_endpoints_validate_items_with_the_item_request(name):
    row = ROWS[name]
    item = f"{row['service']}.{row['request']['item_action']}"
    assert request_models()[name] is request_models()[item]


@pytest.mark.parametrize("name", OBJECT_ROWS)
def test_request_requires_the_catalog_fields_and_enums(name):
    schema, model = ROWS[name]["request"], request_models()[name]
    for choice in _choices(model):
        fields = {f.alias or n: f for n, f in choice.model_fields.items()}
        # Required with a default (``apps.enable.enable``): the default fills it in.
        wanted = {
            f["name"] for f in schema.get("fields") or []
            if f.get("required") and "default" not in f and (name, f["name"]) not in OPTIONAL_BY_HAND
        }
        required = {n for n, f in fields.items() if f.is_required()}
        assert required >= wanted, f"{name}: catalog-required fields not required"
        own = {f["name"] for f in schema.get("fields") or [] if (name, f["name"]) not in OPTIONAL_BY_HAND}
        assert required & own == wanted, f"{name}: fields required beyond the catalog"
        for prop in schema.get("fields") or []:
            _check_enum(name, ROWS[name]["service"], prop, fields)


def _choices(model: type[BaseModel]) -> list[type[BaseModel]]:
    """A root model over a union (``events.add``: anyOf) -> its alternatives."""
    if issubclass(model, RootModel):
        return list(typing.get_args(model.model_fields["root"].annotation))
    return [model]


def _check_enum(name: str, service: str, prop: dict, fields: dict) -> None:
    values = _catalog_enum(service, prop)
    if values is None or (name, prop["name"]) in REQUEST_FIELD_TYPES:  # refined on purpose
        return
    assert prop["name"] in fields, f"{name}.{prop['name']} missing"
    accepted = _accepted(fields[prop["name"]].annotation)
    if accepted is None:  # ``Any``: every value accepted (ClearML's unchecked list filters)
        return
    if (name, prop["name"]) in WIDER_ENUMS:
        assert accepted > set(values), f"{name}.{prop['name']}"
    elif name in hand_refined():
        # A hand-written refinement may accept more (lenient), never less.
        assert accepted >= set(values), f"{name}.{prop['name']}: catalog values refused"
    else:
        assert accepted == set(values), f"{name}.{prop['name']}"


def _catalog_enum(service: str, node: dict) -> list | None:
    if node.get("type") == "array" and node.get("items"):
        return _catalog_enum(service, node["items"])
    if "$ref" in node:
        target = catalog_definitions().get(service, {}).get(node["$ref"], {})
        return target.get("enum")
    return node.get("enum")


def _accepted(annotation: Any) -> set | None:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        found = [_accepted(a) for a in args if a is not type(None)]
        return None if None in found else set().union(*found)
    if origin is list:
        return _accepted(args[0])
    if origin is typing.Literal:
        return set(args)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {m.value for m in annotation}
    return None if annotation is Any else set()


# Older-version shapes the effective model does not accept, and why.
OLDER_VERSIONS_REFUSED = {
    # API 2.1 took ``task`` (one task's images); newer versions require ``metrics``. The
    # hand-written shared/schemas/events.py serves the newer shape only.
    ("events.debug_images", "2.1"),
}


@pytest.mark.parametrize("name", OBJECT_ROWS)
def test_older_versions_do_not_miss_a_required_field(name):
    """The models follow the newest catalog version; a client at an older version must not be
    refused for leaving out a field its version did not have (``request_field_names_by_version``)."""
    model = request_models()[name]
    by_version = ROWS[name]["request_field_names_by_version"] or {}
    for choice in _choices(model):
        required = {f.alias or n for n, f in choice.model_fields.items() if f.is_required()}
        for version, names in by_version.items():
            if isinstance(names, list) and (name, version) not in OLDER_VERSIONS_REFUSED:
                own = {f["name"] for f in ROWS[name]["request"].get("fields") or []}
                assert (required & own) - set(names) == set(), f"{name} at {version}"
