"""The generator writes a class the spec repeats once: across services in ``_common``, within a
service as a subclass of its first twin."""

from __future__ import annotations

from shared.schemas.codegen.common import inherit_twins, share
from shared.schemas.codegen.model import ClassSpec, FieldSpec, ModuleSpec
from shared.schemas.generated import _common, reports, tasks


def _object(name: str, *fields: tuple[str, str], doc: str = "", source: str = "") -> ClassSpec:
    deps = {t for _, t in fields if t[0].isupper()}
    specs = [FieldSpec(name=n, py_name=n, type_expr=t, required=False) for n, t in fields]
    return ClassSpec(name, "object", doc=doc, fields=specs, deps=deps, source=source)


def _module(service: str, *classes: ClassSpec) -> ModuleSpec:
    module = ModuleSpec(service)
    for spec in classes:
        module.add(spec)
    return module


def test_alike_classes_move_to_common_unless_what_they_need_differs():
    a = _module("a", _object("Rule", ("x", "int"), source="seed ``a.rule``"),
                _object("Filter", ("rule", "Rule"), source="seed ``a.filter``"),
                _object("Item", ("n", "str")))
    b = _module("b", _object("Rule", ("x", "int"), source="seed ``b.rule``"),
                _object("Filter", ("rule", "Rule"), source="seed ``b.filter``"),
                _object("Item", ("n", "int")))
    c = _module("c", _object("Rule", ("x", "str")), _object("Filter", ("rule", "Rule")))
    common = share({"a": a, "b": b, "c": c})
    assert list(common.classes) == ["Rule", "Filter"]
    assert common.classes["Rule"].source == "seed ``a.rule``, ``b.rule``"
    assert (a.common, b.common, c.common) == (["Filter", "Rule"], ["Filter", "Rule"], [])
    assert set(a.classes) == set(b.classes) == {"Item"}  # Item differs between a and b
    assert set(c.classes) == {"Rule", "Filter"}  # c's Rule differs, so its Filter stays too


def test_a_class_with_an_earlier_twin_becomes_its_subclass():
    module = _module("t", _object("GetAllRequest", ("id", "str"), ("page", "int"), doc="``t.get_all``"),
                     _object("GetAllExRequest", ("id", "str"), ("page", "int"), doc="``t.get_all_ex``"),
                     _object("Other", ("id", "str")))
    inherit_twins(module)
    twin = module.classes["GetAllExRequest"]
    assert (twin.base, twin.fields, twin.doc) == ("GetAllRequest", [], "``t.get_all_ex``")
    assert module.classes["Other"].fields  # not a twin: fields differ


def test_the_generated_services_share_the_common_classes():
    assert reports.DEFINITIONS["reports.task"] is tasks.DEFINITIONS["tasks.task"] is _common.Task
    assert tasks.REQUESTS["tasks.get_all_ex"].model_fields.keys() >= {"filters", "allow_public"}
