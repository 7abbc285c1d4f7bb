"""Legacy task parameters (API < 2.9): ``execution.parameters`` / ``model_desc`` <-> legacy
hyper-parameters and configuration items, as clearml-server converts them."""

import pytest

from services.tasks.tasks import legacy_params
from shared.errors import ApiError
from tests.unit.tasks.world import World, codes


def test_parameters_become_args_and_tf_define_hyperparams_with_string_values():
    fields = legacy_params.from_legacy({"execution": {"parameters": {"lr": 0.5, "TF_DEFINE/b": 2, "a/b": True},
                                                      "framework": "x"}})
    assert fields["hyperparams"] == {
        "Args": {"lr": {"section": "Args", "name": "lr", "type": "legacy", "value": "0.5"},
                 "a/b": {"section": "Args", "name": "a/b", "type": "legacy", "value": "True"}},
        "TF_DEFINE": {"b": {"section": "TF_DEFINE", "name": "b", "type": "legacy", "value": "2"}},
    }
    assert fields["execution"] == {"framework": "x"}


def test_model_desc_becomes_legacy_configuration():
    fields = legacy_params.from_legacy({"execution": {"model_desc": {"design": "d"}}})
    assert fields["configuration"] == {"design": {"name": "design", "type": "legacy", "value": "d"}}


def test_given_hyperparams_take_the_legacy_ones_in():
    given = {"General": {"x": {"value": "1"}}}
    fields = legacy_params.from_legacy({"hyperparams": given, "execution": {"parameters": {"y": 1}}},
                                       previous={"hyperparams": {"Old": {"z": {"value": "3"}}}})
    assert set(fields["hyperparams"]) == {"General", "Args"}


def test_an_edit_replaces_the_previous_legacy_items_only():
    previous = {"hyperparams": {"Args": {"a": {"type": "legacy", "value": "1"}}, "General": {"x": {"value": "1"}}},
                "configuration": {"c": {"type": "legacy", "value": "1"}}}
    fields = legacy_params.from_legacy({"execution": {"parameters": {"b": 2}, "model_desc": {}}}, previous)
    assert set(fields["hyperparams"]) == {"General", "Args"} and set(fields["hyperparams"]["Args"]) == {"b"}
    assert fields["configuration"] == {}


def test_an_empty_tf_define_name_is_a_validation_error():
    with pytest.raises(ApiError) as err:
        legacy_params.from_legacy({"execution": {"parameters": {"TF_DEFINE/": 1}}})
    assert (err.value.code, err.value.subcode) == (400, 12)


def test_reads_below_2_9_copy_the_legacy_items_back():
    task = {"hyperparams": {"Args": {"lr": {"section": "Args", "name": "lr", "type": "legacy", "value": "0.5"}},
                            "TF_DEFINE": {"b": {"section": "TF_DEFINE", "name": "b", "type": "legacy", "value": "2"}},
                            "General": {"x": {"section": "General", "name": "x", "value": "1"}}},
            "configuration": {"d": {"name": "d", "type": "legacy", "value": "v"}}, "execution": {"framework": "f"}}
    old = legacy_params.for_version("2.8", {"tasks": [dict(task)]})["tasks"][0]
    assert old["execution"] == {"framework": "f", "parameters": {"lr": "0.5", "TF_DEFINE/b": "2"},
                                "model_desc": {"d": "v"}}
    assert "parameters" not in legacy_params.for_version("2.9", {"task": dict(task)})["task"]["execution"]


def test_writes_below_2_13_turn_the_single_model_and_docker_cmd_into_models_and_container():
    payload = {"name": "t", "execution": {"model": "m1", "docker_cmd": "img:1 --rm -e A=1", "framework": "f"}}
    out = legacy_params.request_for_version("2.12", payload)
    assert out["models"] == {"input": [{"name": "Input Model", "model": "m1"}]}
    assert out["container"] == {"image": "img:1", "arguments": "--rm -e A=1"}
    assert out["execution"] == {"framework": "f"}
    assert legacy_params.request_for_version("2.13", payload) == payload


def test_reads_below_2_13_copy_the_single_models_and_docker_cmd_back():
    task = {"models": {"input": [{"model": "a"}, {"model": "b"}], "output": [{"model": "c"}, {"model": "d"}]},
            "container": {"image": "img", "arguments": "--rm"}, "execution": {}, "output": {}}
    old = legacy_params.for_version("2.12", {"task": task})["task"]
    assert (old["execution"]["model"], old["output"]["model"], old["execution"]["docker_cmd"]) == ("a", "d", "img --rm")


async def test_validate_refuses_an_empty_tf_define_name():
    body = {"name": "t", "type": "training", "execution": {"parameters": {"TF_DEFINE/": 1}}}
    assert codes(await World().fails("tasks.validate", body)) == (400, 12)
