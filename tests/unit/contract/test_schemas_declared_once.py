"""Each request shape is declared once, in ``shared.schemas``: a hand-written request model of
a catalog endpoint (``shared/schemas/<service>.py``) is a subclass of the endpoint's generated
model (``shared/schemas/generated``) that changes something (a field's type, default, alias,
required flag or constraints, a field added, a validator, the handling of unknown fields);
where the catalog's model is right as it is, the hand module lists the generated model itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import BaseModel

from shared.endpoints import CAIRN_ENDPOINTS
from shared.schemas.registry import _generated, _hand, is_generated

ROOT = Path(__file__).resolve().parents[3]
GENERATED = _generated("REQUESTS")
# Cairn's own endpoints have no catalog model to refine.
CAIRN = {raw["name"] for raw in CAIRN_ENDPOINTS}
HAND = {name: model for name, model in _hand("REQUESTS").items() if not is_generated(model) and name not in CAIRN}

# Hand-written models that are not subclasses of their generated model, and why.
NOT_SUBCLASSES = {
    # The catalog's ``events.add`` is a root model over the union of event types; Cairn's is
    # deliberately lenient (the events service judges each event and counts the bad ones in
    # ``errors``, as ClearML does, instead of refusing the whole batch).
    "events.add",
    "events.add_batch",
}


def _field(info) -> tuple:
    return (info.annotation, info.default, info.default_factory, info.alias, info.validation_alias,
            info.is_required(), tuple(map(repr, info.metadata)), info.exclude)


def _validators(model: type[BaseModel]) -> set[str]:
    found = model.__pydantic_decorators__
    return {*found.field_validators, *found.model_validators, *found.field_serializers, *found.model_serializers}


def _own_methods(model: type[BaseModel], base: type[BaseModel]) -> set[str]:
    """Methods the hand model adds (e.g. ``MultiTaskScalarHistogramRequest.task_ids``)."""
    return {name for klass in model.__mro__ if klass not in base.__mro__ and issubclass(klass, BaseModel)
            for name, value in vars(klass).items() if callable(value) and not name.startswith("__")}


def copies(model: type[BaseModel], generated: type[BaseModel]) -> bool:
    """Same fields (name, type, default, alias, required, constraints), same handling of
    unknown fields, no validator or method of its own: nothing a client or a use case could
    tell apart."""
    return (
        {n: _field(f) for n, f in model.model_fields.items()} == {n: _field(f) for n, f in generated.model_fields.items()}
        and model.model_config.get("extra") == generated.model_config.get("extra")
        and _validators(model) <= _validators(generated)
        and not _own_methods(model, generated)
    )


@pytest.mark.parametrize("name", sorted(HAND))
def test_a_hand_written_request_model_does_not_copy_the_generated_one(name):
    assert not copies(HAND[name], GENERATED[name]), (
        f"{name}: {HAND[name].__qualname__} repeats the generated {GENERATED[name].__qualname__}; list that one")


@pytest.mark.parametrize("name", sorted(set(HAND) - NOT_SUBCLASSES))
def test_a_hand_written_request_model_subclasses_the_generated_one(name):
    assert issubclass(HAND[name], GENERATED[name]), (
        f"{name}: {HAND[name].__qualname__} is not a subclass of the generated {GENERATED[name].__qualname__}")


def test_the_exceptions_are_still_hand_written():
    assert NOT_SUBCLASSES <= set(HAND)
    assert not any(issubclass(HAND[n], GENERATED[n]) for n in NOT_SUBCLASSES)


def test_the_check_finds_a_copy():
    class Copy(GENERATED["tasks.ping"]):
        """A subclass that changes nothing."""

    class Refined(GENERATED["tasks.ping"]):
        task: str | None = None

    assert copies(Copy, GENERATED["tasks.ping"]) and not copies(Refined, GENERATED["tasks.ping"])


def test_request_shapes_live_in_shared_schemas_not_in_a_service():
    """Internal RPC requests too (``internal.*``): the caller and the owner import one shape
    from ``shared.schemas`` instead of the owner declaring it and the caller building dicts."""
    found = []
    for path in sorted((ROOT / "services").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Request") and any(
                    _base_name(b) in PYDANTIC_BASES or _base_name(b).endswith("Request") for b in node.bases):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert found == []


PYDANTIC_BASES = {"BaseModel", "RootModel", "Request", "Model"}


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
