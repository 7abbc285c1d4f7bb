"""Normalisation, storage naming and ids of events (ClearML ``events.add`` rules)."""

from __future__ import annotations

import pytest

from services.events.repository.layout import index_name, read_pattern
from services.events.domain import (
    SINGLE_VALUE_ITER,
    Rejected,
    Target,
    compress_plot,
    decompress_plot,
    document_id,
    log_seed,
    normalise,
)

NOW = 1_764_400_000_000  # 2025-11-29 (UTC)


def scalar(**extra):
    return {"type": "training_stats_scalar", "task": "t1", "metric": "loss", "variant": "train", "iter": 3,
            "value": 0.5, **extra}


def test_scalar_is_normalised_with_server_fields():
    event = normalise(scalar(), "acme", NOW, worker="w1")
    assert event.target == Target("task", "t1")
    assert event.source["company_id"] == "acme"
    assert event.source["timestamp"] == NOW and event.source["@timestamp"] == NOW
    assert event.source["worker"] == "w1"
    assert event.source["model_event"] is False


def test_defaults_and_coercions():
    event = normalise({"type": "training stats scalar", "task": "t1", "iter": "7", "value": 1}, "acme", NOW)
    assert event.source["type"] == "training_stats_scalar"
    assert event.source["iter"] == 7
    assert event.source["metric"] == "" and event.source["variant"] == ""


def test_other_shapes_than_the_sdks_are_cleaned_as_before():
    event = normalise({"type": " plot ", "task": "t1", "iter": True, "metric": 5, "variant": None,
                       "timestamp": 9.5}, "acme", NOW)
    assert (event.source["type"], event.source["iter"], event.source["metric"], event.source["variant"]) == (
        "plot", 1, "5", "")
    assert event.source["timestamp"] == 9
    assert normalise(scalar(value=2), "acme", NOW).source["value"] == 2


def test_values_become_value_and_legacy_ts_seconds_become_ms():
    event = normalise({"type": "training_stats_vector", "task": "t1", "values": [1, 2], "ts": 1_700_000_000},
                      "acme", NOW)
    assert event.source["value"] == [1, 2] and "values" not in event.source
    assert event.source["timestamp"] == 1_700_000_000_000


def test_reported_timestamp_is_kept():
    assert normalise(scalar(timestamp=123.9), "acme", NOW).source["timestamp"] == 123


def test_model_event_targets_the_model():
    event = normalise({"type": "plot", "model": "m1", "model_event": True, "plot_str": "x"}, "acme", NOW)
    assert event.target == Target("model", "m1")
    assert event.source["task"] == "m1" and event.source["model_event"] is True


def test_allow_locked_is_taken_out_of_the_event():
    event = normalise(scalar(allow_locked=True), "acme", NOW)
    assert event.allow_locked is True and "allow_locked" not in event.source


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("text", "event is not an object"),
        ({"task": "t1"}, "Event must have a 'type' field"),
        ({"type": "nonsense", "task": "t1"}, "Invalid event type nonsense"),
        ({"type": "log"}, "Event must have a 'task' field"),
        ({"type": "plot", "model_event": True}, "Event must have a 'task' field"),
        ({"type": "log", "task": "m1", "model_event": True}, "Task log events are not supported for models"),
        ({"type": "log", "task": "t1", "iter": "x"}, "iteration is not an integer"),
        ({"type": "log", "task": "t1", "iter": 2**63}, f"Iteration number should not exceed {2**63 - 1}"),
        ({"type": "training_stats_scalar", "task": "t1", "value": "1"}, "scalar value is not a number"),
        ({"type": "training_stats_scalar", "task": "t1", "value": float("nan")}, "scalar value is not finite"),
        ({"type": "log", "task": "t1", "timestamp": "now"}, "timestamp is not a number"),
        # a 500 for the whole batch before: the store's JSON encoder takes no integer of 1,000 bits
        ({"type": "log", "task": "t1", "timestamp": 1e300}, f"timestamp should not exceed {2**63 - 1}"),
        ({"type": "log", "task": "t1", "ts": -1e17}, f"timestamp should not exceed {2**63 - 1}"),
        # the shapes next to the SDK's, which normalise checks first
        ({"type": ["log"], "task": "t1"}, "Event must have a 'type' field"),
        ({"type": "log", "task": "t1", "iter": -(2**63) - 1}, f"Iteration number should not exceed {2**63 - 1}"),
        ({"type": "training_stats_scalar", "task": "t1", "value": float("inf")}, "scalar value is not finite"),
        ({"type": "training_stats_scalar", "task": "t1", "value": True}, "scalar value is not a number"),
        ({"type": "log", "task": "t1", "timestamp": True}, "timestamp is not a number"),
    ],
)
def test_events_that_can_never_be_stored_are_rejected(raw, reason):
    with pytest.raises(Rejected) as info:
        normalise(raw, "acme", NOW)
    assert info.value.reason == reason


def test_same_point_gets_same_id_whatever_else_changes():
    a = normalise(scalar(value=1.0), "acme", NOW).source
    b = normalise(scalar(value=2.0), "acme", NOW + 5).source
    assert document_id(a, "p-0-1-0") == document_id(b, "p-0-9-4")
    c = normalise(scalar(iter=4), "acme", NOW).source
    assert document_id(a, "x") != document_id(c, "x")


def test_log_ids_come_from_the_request_content_and_the_line_index():
    def lines(*texts, at=NOW):
        return [normalise({"type": "log", "task": "t1", "msg": t, "timestamp": at}, "acme", NOW).source for t in texts]

    sent = lines("hello", "world")
    resent = [normalise({"type": "log", "task": "t1", "msg": t, "timestamp": NOW}, "acme", NOW + 5_000).source
              for t in ("hello", "world")]  # received later
    assert log_seed(sent) == log_seed(resent)  # a client re-sending after a 503: the same ids
    assert document_id(sent[0], f"{log_seed(sent)}-0") == document_id(resent[0], f"{log_seed(resent)}-0")
    assert document_id(sent[0], "s-0") != document_id(sent[0], "s-1")
    assert log_seed(sent) != log_seed(lines("hello", "world!"))
    assert log_seed(sent) != log_seed(lines("world", "hello"))
    assert log_seed(sent) != log_seed(lines("hello", "world", at=NOW + 1))
    # metric events of the request do not change its log lines' ids
    assert log_seed(sent + [normalise(scalar(), "acme", NOW).source]) == log_seed(sent)


def test_image_key_is_part_of_the_id():
    base = {"type": "training_debug_image", "task": "t1", "metric": "m", "variant": "v", "iter": 1}
    a = normalise({**base, "key": "a"}, "acme", NOW).source
    b = normalise({**base, "key": "b"}, "acme", NOW).source
    assert document_id(a, "x") != document_id(b, "x")


def test_index_per_prefix_type_company_and_month():
    assert index_name("t1_", "log", "ACME", NOW) == "t1_cairn-events-log-acme-2025-11"
    assert index_name("", "plot", "a/b c", NOW) == "cairn-events-plot-a_b_c-2025-11"
    assert read_pattern("t1_", "acme") == "t1_cairn-events-*-acme-*"
    assert read_pattern("t1_", "acme", "log") == "t1_cairn-events-log-acme-*"


def test_large_plots_are_compressed_and_come_back_intact():
    small = {"plot_str": "x" * 10}
    compress_plot(small, 100)
    assert small == {"plot_str": "x" * 10, "plot_len": 10}
    big_text = '{"data": [' + ",".join(str(i) for i in range(1000)) + "]}"
    big = {"plot_str": big_text}
    compress_plot(big, 100)
    assert "plot_str" not in big and big["plot_len"] == len(big_text)
    assert len(big["plot_data"]) < len(big_text)
    assert decompress_plot(big)["plot_str"] == big_text


def test_single_value_iteration_is_the_int32_minimum():
    assert SINGLE_VALUE_ITER == -2147483648


def test_events_are_reported_with_clearmls_stored_time_string():
    from services.events.domain import as_reported

    assert as_reported({"@timestamp": 1_764_400_000_123, "x": 1}) == {"@timestamp": "2025-11-29T07:06:40.123Z", "x": 1}
    assert as_reported({"@timestamp": "2025-11-29T07:06:40.123Z"})["@timestamp"] == "2025-11-29T07:06:40.123Z"
    assert "x_axis_label" not in as_reported({"x_axis_label": "epoch", "value": 1.0})
