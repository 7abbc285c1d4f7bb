"""``events.download_task_log``: line formats and the file answer the gateway serves."""

from __future__ import annotations

import orjson
import pytest

from services.events.logs import DEFAULT_LINE_FORMAT, LogDownload, check_line_format, file_answer, format_line
from services.gateway.envelope import raw_body
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.events import DownloadTaskLogRequest
from tests.unit.events.fakes import InMemoryEventRepository, FakeTaskDirectory

EVENT = {"type": "log", "task": "t1", "timestamp": 1764400000123, "@timestamp": "2025-11-29T07:06:40.123Z",
         "worker": "w1", "level": "info", "msg": "hello", "iter": 0, "metric": "", "variant": "",
         "company_id": "acme", "model_event": False}


def test_json_lines_drop_type_and_task_and_call_the_time_asctime():
    line = format_line(EVENT, None)
    assert line.endswith("\n") and line.count("\n") == 1
    decoded = orjson.loads(line)
    assert "type" not in decoded and "task" not in decoded and "timestamp" not in decoded
    assert decoded["asctime"] == 1764400000123 and decoded["msg"] == "hello"


def test_text_lines_follow_the_format():
    assert format_line(EVENT, check_line_format(DEFAULT_LINE_FORMAT)) == "1764400000123 w1 info hello\n"
    assert format_line(EVENT, check_line_format("[{level}] {msg}\n\n")) == "[info] hello\n"
    assert format_line({"msg": "bare"}, check_line_format("{timestamp}|{worker}|{msg}")) == "||bare\n"


@pytest.mark.parametrize("line_format, subcode", [
    ("", 11),
    ("{asctime} {nope} {msg}", 16),
    ("{0} {msg}", 16),
    ("{} {msg}", 16),
    ("{msg", 16),
    ("{msg.upper}", 16),
])
def test_bad_line_formats_are_refused(line_format, subcode):
    with pytest.raises(ApiError) as info:
        check_line_format(line_format)
    assert (info.value.code, info.value.subcode) == (400, subcode)


def test_the_file_answer_is_served_as_task_log():
    text = "".join(format_line(EVENT, None) for _ in range(500))
    served = raw_body("events.download_task_log", file_answer("t1", text))
    assert served.body.decode() == text
    assert served.filename == "task_t1.log" and served.content_type == "text/plain"


def test_line_type_is_json_or_text_in_any_case():
    assert DownloadTaskLogRequest.model_validate({"task": "t", "line_type": "TEXT"}).line_type == "text"
    with pytest.raises(ValueError):
        DownloadTaskLogRequest.model_validate({"task": "t", "line_type": "csv"})


async def test_unknown_tasks_and_bad_formats_are_refused_before_reading():
    download = LogDownload(InMemoryEventRepository(), FakeTaskDirectory(tasks={"t1": "in_progress"}))
    alice = Identity(company="acme", user="alice")
    with pytest.raises(ApiError) as info:
        await download.download_task_log(alice, DownloadTaskLogRequest(task="nope"))
    assert info.value.subcode == 101
    with pytest.raises(ApiError) as info:
        await download.download_task_log(alice, DownloadTaskLogRequest(task="t1", line_type="text", line_format=""))
    assert info.value.subcode == 11
