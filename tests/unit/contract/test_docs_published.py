"""The published documents: ``docs/openapi.json`` is valid OpenAPI 3.1 with one path per
endpoint, ``docs/asyncapi.json`` names every Kafka topic, and both are current (``make docs``)."""

from __future__ import annotations

import dataclasses
import json
from functools import cache

from openapi_spec_validator import OpenAPIV31SpecValidator

from shared.endpoints import endpoint_table
from shared.messaging.envelopes import ReplyEnvelope, RequestEnvelope
from shared.messaging.topics import PROCESSES
from shared.schemas.asyncapi import IDENTITY_CHANGES, build_asyncapi
from shared.schemas.docs import DOCS_DIR, documents
from shared.schemas.openapi import build_openapi


@cache
def openapi() -> dict:
    return build_openapi()


def test_committed_documents_are_current():
    stale = {name: _changed(name, text) for name, text in documents().items()
             if not (DOCS_DIR / name).exists() or (DOCS_DIR / name).read_text() != text}
    assert stale == {}, "run `make docs` (python -m shared.schemas.docs) and commit docs/"


def _changed(name: str, text: str) -> list[str]:
    """The paths and component schemas that differ (what a stale document misses)."""
    old, new = json.loads((DOCS_DIR / name).read_text() or "{}"), json.loads(text)
    out = []
    for section in ("paths", "channels"):
        keys = set(old.get(section, {})) | set(new.get(section, {}))
        out += [k for k in sorted(keys) if old.get(section, {}).get(k) != new.get(section, {}).get(k)]
    old_c, new_c = old.get("components", {}).get("schemas", {}), new.get("components", {}).get("schemas", {})
    out += [k for k in sorted(set(old_c) | set(new_c)) if old_c.get(k) != new_c.get(k)]
    return out[:20] or ["(other keys)"]


def test_openapi_validates_as_3_1():
    document = openapi()
    assert document["openapi"].startswith("3.1")
    errors = [str(e)[:300] for e in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def test_openapi_has_a_post_path_with_models_for_every_endpoint():
    document, table = openapi(), endpoint_table()
    assert set(document["paths"]) == {f"/{name}" for name in table}
    schemas = document["components"]["schemas"]
    for name, row in table.items():
        operation = document["paths"][f"/{name}"]["post"]
        body = operation["requestBody"]["content"]
        media = "application/json-lines" if row.batch else "application/json"
        assert body[media]["schema"]["$ref"].split("/")[-1] in schemas, name
        data = operation["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]
        assert data["$ref"].split("/")[-1] in schemas, name
        schemes = [{"basicAuth": []}, {"bearerAuth": []}]
        expected = [] if row.authorize is False else schemes if row.authorize else [{}, *schemes]
        assert operation["security"] == expected, name
    print(f"\nopenapi: {len(document['paths'])} paths, {len(schemas)} component schemas")


def test_asyncapi_names_every_topic_with_the_envelopes():
    document = build_asyncapi()
    addresses = {c["address"] for c in document["channels"].values()}
    assert {f"cairn.{p}.rpc" for p in PROCESSES} <= addresses
    assert {"cairn.gateway.{instance}.replies", "cairn.events.ingest", "cairn.identity.changes"} <= addresses
    schemas = document["components"]["schemas"]
    assert set(schemas["RequestEnvelope"]["properties"]) == set(RequestEnvelope.model_fields)
    assert set(schemas["ReplyEnvelope"]["properties"]) == set(ReplyEnvelope.model_fields)


def test_asyncapi_change_messages_match_what_identity_publishes():
    from services.identity import facts

    for model in IDENTITY_CHANGES:
        published = getattr(facts, model.__name__)
        fields = {f.name for f in dataclasses.fields(published)}
        assert set(model.model_fields) == fields | {"type"}, model.__name__
