"""URL forms, versions and bodies as ClearML clients send them."""

import pytest

from services.gateway.parsing import parse_body, parse_form, parse_path
from shared.errors import ApiError


@pytest.mark.parametrize(
    ("path", "name", "version"),
    [
        ("/v2.23/tasks.get_all", "tasks.get_all", (2, 23)),
        ("/tasks.get_all", "tasks.get_all", None),
        ("tasks.get_all/", "tasks.get_all", None),
        ("/v1.0/debug.ping", "debug.ping", (1, 0)),
        ("/v999.0/auth.login", "auth.login", (999, 0)),
        ("//v2.5/queues.get_next_task//", "queues.get_next_task", (2, 5)),
    ],
)
def test_accepts_clearml_url_forms(path, name, version):
    parsed = parse_path(path)
    assert parsed is not None
    assert (parsed.name, parsed.version) == (name, version)


@pytest.mark.parametrize("path", ["/", "/tasks", "/v2/tasks.get_all", "/v2.x/tasks.get_all", "/a.b.c", "/1x.get"])
def test_rejects_other_paths(path):
    assert parse_path(path) is None


def test_query_values_are_typed_nested_and_listed():
    assert parse_form("a=1&b.c=true&d[]=x&e=1&e=2&f=hi&g=1.5&h=") == {
        "a": 1,
        "b": {"c": True},
        "d": ["x"],
        "e": [1, 2],
        "f": "hi",
        "g": 1.5,
        "h": "",
    }


def test_get_with_json_body_and_query_merged():
    assert parse_body("", b'{"name": "x"}', "page=2") == {"name": "x", "page": 2}


def test_empty_body_is_an_empty_object():
    assert parse_body("application/json", b"  ", "") == {}


def test_json_lines_body_is_a_list_of_objects():
    body = b'{"a": 1}\n\n{"b": 2}\n'
    assert parse_body("application/json-lines; charset=utf-8", body, "") == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    ("ctype", "body"),
    [("application/json", b"[1, 2]"), ("application/json", b"{bad"), ("application/json-lines", b'{"a":1}\n[2]')],
)
def test_bad_bodies_are_400_12(ctype, body):
    with pytest.raises(ApiError) as err:
        parse_body(ctype, body, "")
    assert (err.value.code, err.value.subcode) == (400, 12)


def test_form_body_is_merged():
    assert parse_body("application/x-www-form-urlencoded", b"name=x&n=3", "") == {"name": "x", "n": 3}


def test_json_body_sent_as_a_form_is_read_as_json():
    """curl -d sends application/x-www-form-urlencoded; ClearML reads the JSON anyway."""
    assert parse_body("application/x-www-form-urlencoded", b'{"name": 5}', "") == {"name": 5}


@pytest.mark.parametrize("body", [
    b'{"script": {"a\\u0000b": 1}}',
    b'{"page": 9223372036854775808}',
    b'{"last_seen": 18446744073709551615}',
    b'{"a": ' + b"[" * 150 + b"]" * 150 + b"}",
])
def test_what_no_store_takes_is_400_12(body):
    with pytest.raises(ApiError) as refused:
        parse_body("application/json", body, "")
    assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_storable_edges_pass():
    body = b'{"page": 9223372036854775807, "n": -9223372036854775808, "s": "a\\u0000b", "x": ' + \
        b"[" * 50 + b"]" * 50 + b"}"
    assert parse_body("application/json", body, "")["page"] == 2**63 - 1


def _nested(levels: int) -> bytes:
    """A body whose deepest container is at ``levels`` (the body itself at 1), among many
    shallow ones: objects and arrays alternate, as in a frame batch."""
    inner = b"1"
    for level in range(levels - 1):
        inner = b'{"k": ' + inner + b"}" if level % 2 else b"[" + inner + b"]"
    return b'{"wide": [' + b",".join([b'{"p": [1, 2]}'] * 200) + b'], "deep": ' + inner + b"}"


def test_a_wide_body_is_checked_for_depth_without_the_full_walk():
    assert parse_body("application/json", _nested(100), "")["wide"][0] == {"p": [1, 2]}
    with pytest.raises(ApiError) as refused:
        parse_body("application/json", _nested(101), "")
    assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_a_json_line_with_a_nul_key_is_400_12():
    with pytest.raises(ApiError):
        parse_body("application/json-lines", b'{"task": "t"}\n{"x\\u0000": 1}\n', "")


def test_query_lists_and_nested_keys_of_one_name_do_not_crash():
    assert parse_body("", b"", "a[]=1&a.b[]=2") == {"a": [{"b": [2]}]}  # the later key wins
    with pytest.raises(ApiError):
        parse_body("", b"", "page=" + "9" * 25)


def test_a_version_of_thousands_of_digits_is_400_2():
    with pytest.raises(ApiError) as refused:
        parse_path("/v" + "9" * 5000 + ".0/tasks.get_all")
    assert (refused.value.code, refused.value.subcode) == (400, 2)
