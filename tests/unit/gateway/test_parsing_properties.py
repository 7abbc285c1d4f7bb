"""Properties of the ingest path's parsing (issue 18, item 3): the gateway's body parser
(``services.gateway.parsing``, JSON-lines for ``events.add_batch``) and the events process's
admission of one event (``services.events.domain.normalise``).

- any bytes, under any content type, with any query string -> the call's data or a ClearML
  400/12, never another exception;
- valid lines round trip: what a client serialises one object per line (with blank lines
  and CRLF ends) is what the gateway hands on;
- any parsed event -> a normalised event the store can encode (JSON, 64-bit integers), or
  ``Rejected`` with a reason, never another exception.
"""

from __future__ import annotations

import orjson
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from services.events.domain import EVENT_TYPES, Normalised, Rejected, normalise
from services.gateway.parsing import INT64, MAX_DEPTH, parse_body, parse_json_lines
from shared.errors import ApiError

# Bounded so the unit tier stays fast (~1 s each here); ``--hypothesis-seed`` explores others.
BOUNDED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEDIA = ("application/json", "application/json-lines", "application/x-www-form-urlencoded", "text/plain",
         "multipart/form-data; boundary=x", "")

# JSON values the stores take: 64-bit integers, finite floats, keys without NUL.
scalars = st.none() | st.booleans() | st.integers(*INT64) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=20)
keys = st.text(max_size=10).filter(lambda key: "\x00" not in key)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=8)
objects = st.dictionaries(keys, values, max_size=4)

# Bytes that are often nearly JSON lines: valid lines cut, glued and salted with noise.
_line_bytes = objects.map(orjson.dumps)
near_lines = st.lists(_line_bytes | st.binary(max_size=30) | st.sampled_from(
    [b"", b"\r", b"[]", b"1", b'"x"', b"{", b'{"a":1e999}', b'{"a":18446744073709551616}', b'{"\\u0000":1}',
     b"[" * 120 + b"]" * 120, b'{"a":' * 101 + b"1" + b"}" * 101]), max_size=5).map(b"\n".join)


def _is_storable(value, depth: int = 1) -> bool:
    if isinstance(value, dict):
        return depth <= MAX_DEPTH and all("\x00" not in k and _is_storable(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return depth <= MAX_DEPTH and all(_is_storable(v, depth + 1) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return INT64[0] <= value <= INT64[1]
    return True


@BOUNDED
@given(st.binary(max_size=200) | near_lines)
@example(b'{"a":1}\n\n{"b":[1,2]}\r\n')
@example(b'{"a":1}\n[1]\n')
def test_any_body_is_json_lines_objects_or_a_400(body):
    try:
        items = parse_json_lines(body)
    except ApiError as error:
        assert (error.code, error.subcode) == (400, 12)
        return
    assert all(isinstance(item, dict) and _is_storable(item) for item in items)
    assert len(items) <= len(body.splitlines())


@settings(BOUNDED, max_examples=40)
@given(st.lists(objects, max_size=4), st.lists(st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\n \t\n"]), min_size=4,
                                                max_size=4))
def test_valid_lines_round_trip(items, ends):
    body = b"".join(orjson.dumps(item) + end for item, end in zip(items, ends))
    assert parse_json_lines(body) == items


@BOUNDED
@given(st.sampled_from(MEDIA), st.binary(max_size=120) | near_lines,
       st.text(alphabet="ab.[]=&%201-x", max_size=30))
@example("application/x-www-form-urlencoded", b"a=1&a.b=2&a[]=3", "")
@example("application/json", b"{}", "a.b=1&a=2&a.b[]=3")
@example("application/x-www-form-urlencoded", b"%00=", "")  # a form field named NUL: was stored as given
def test_any_call_data_is_a_body_or_a_400(media, body, query):
    try:
        data = parse_body(media, body, query)
    except ApiError as error:
        assert (error.code, error.subcode) == (400, 12)
        return
    assert isinstance(data, (dict, list))
    assert _is_storable(data)


events = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(EVENT_TYPES) | st.sampled_from(["log ", " plot", "nonsense", ""]) | scalars,
    "task": st.sampled_from(["t1", ""]) | scalars,
    "model": st.sampled_from(["m1"]) | scalars,
    "model_event": st.booleans() | scalars,
    "iter": st.integers(*INT64) | scalars | st.sampled_from(["12", " 3 ", "1e3", "9" * 30]),
    "value": scalars, "values": scalars, "metric": scalars, "variant": scalars, "allow_locked": scalars,
    "timestamp": st.floats(allow_nan=False) | st.integers(*INT64) | scalars,
    "ts": st.floats(allow_nan=False) | st.integers(*INT64) | scalars,
})


@BOUNDED
@given(events | objects)
@example({"type": "log", "task": "t1", "timestamp": 1e300})  # a 500 for the whole batch before
@example({"type": "log", "task": "t1", "ts": -1e17})
def test_any_event_is_normalised_to_a_storable_document_or_rejected(raw):
    try:
        result = normalise(raw, "acme", 1_700_000_000_000, "w1")
    except Rejected as rejected:
        assert rejected.reason and isinstance(rejected.reason, str)
        return
    assert isinstance(result, Normalised)
    source = result.source
    assert source["type"] in EVENT_TYPES and source["task"] == result.target.id
    assert _is_storable(source)
    orjson.loads(orjson.dumps(source))  # what the bulk body encoder does
