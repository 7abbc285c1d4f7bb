"""The exact ClearML envelope for successes and errors."""

from services.gateway.envelope import CallInfo, envelope
from shared.errors import ApiError


def test_success_envelope_has_every_meta_field():
    call = CallInfo(id="c" * 32, trx="t1", name="tasks.get_all", requested=(2, 23), actual=(1, 0))
    body = envelope(call, data={"tasks": []})
    assert body == {
        "meta": {
            "id": "c" * 32,
            "trx": "t1",
            "endpoint": {"name": "tasks.get_all", "requested_version": "2.23", "actual_version": "1.0"},
            "result_code": 200,
            "result_subcode": 0,
            "result_msg": "OK",
            "error_stack": None,
            "error_data": {},
        },
        "data": {"tasks": []},
    }


def test_error_envelope_carries_code_subcode_message_and_data():
    call = CallInfo(id="x", trx="x", name="tasks.get_by_id", requested=(2, 23), actual=(1, 0))
    body = envelope(call, error=ApiError(400, 101, task="abc"))
    meta = body["meta"]
    assert (meta["result_code"], meta["result_subcode"]) == (400, 101)
    assert "task=abc" in meta["result_msg"]
    assert meta["error_data"] == {"task": "abc"}
    assert body["data"] == {}


def test_versions_below_2_1_are_numbers():
    call = CallInfo(id="x", trx="x", name="debug.ping", requested=(1, 5), actual=(1, 0))
    endpoint = envelope(call, data={})["meta"]["endpoint"]
    assert endpoint["requested_version"] == 1.5 and endpoint["actual_version"] == 1.0
