"""Properties of the ``get_all`` filter translator of the tasks process
(``services.tasks.store.queries`` with ``filters`` and ``conditions``; issue 18, item 3).

Any request body -> a ``FindQuery`` or a ClearML 400 (a request-model error, which the RPC
server answers 400/12, or an ``ApiError``), never another exception; and a translated query is
one the store can run safely:

- the filter, sort and projection encode as BSON (what PyMongo sends);
- every sort and projection key is a field path (``shared.paging.checked_path``), the page
  fits a 64-bit skip and is at most 500;
- every ``$regex`` that reaches the store has passed ``shared.patterns.checked`` (the module's
  promise: no pattern can stall the store), and no operator runs code (``$where``,
  ``$function``, ``$accumulator``, ``$expr``): the caller's values never become operators;
- ``order_by`` round trips: the sort printed back as ClearML ``order_by`` names sorts the same.
"""

from __future__ import annotations

import bson
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from services.tasks.domain import FREE_KEY_FIELDS, unescape_key
from services.tasks.store import queries
from shared.errors import ApiError
from shared.messaging.rpc_server import error_from_exception
from shared.paging import MAX_PAGE_SIZE, MAX_SKIP, checked_path
from shared.patterns import checked
from shared.schemas import models as models_api
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

# Bounded so the unit tier stays fast (a few seconds here); ``--hypothesis-seed`` explores others.
BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODE_OPERATORS = {"$where", "$function", "$accumulator", "$expr"}

# Values a client may put anywhere: JSON of every kind, some of them MongoDB operators.
json_scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False) \
    | st.text(max_size=8)
operator_docs = st.dictionaries(st.sampled_from(["$regex", "$where", "$gt", "$ne", "$expr", "$in", "x"]),
                                st.sampled_from(["(a+)+$", "sleep(1000)", "", 1, ["a"]]), min_size=1, max_size=2)
anything = st.recursive(json_scalars | operator_docs,
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                     max_size=3), max_leaves=4)
list_values = st.lists(st.sampled_from(["a", "-a", "-", "__$all", "__$any", "__$or", "__$and", "__$not", "__$nop",
                                        "__$bogus", None]) | st.text(max_size=5) | anything, max_size=5)
patterns = st.sampled_from(["^a", "(a+)+$", "[", "a{2,}", "(?i)x", "a|b", "x" * 1001]) | st.text(max_size=6)
segments = st.text(alphabet="ab$%.", min_size=0, max_size=3)
names = st.sampled_from(["id", "name", "created", "last_update", "status", "@text_score", "-", "last_metrics.a.b.value"]) \
    | st.builds("hyperparams.{}.{}.value".format, segments, segments) | st.builds("runtime.{}".format, segments) \
    | st.text(alphabet="ab$.\x00", max_size=5)
signed_names = st.builds("{}{}".format, st.sampled_from(["", "-", "+", " "]), names)
dates = st.sampled_from([">=2024-01-01", "<2024-02-01T10:00:00", "2024-01-01", "junk", ">", None]) | anything
ranges = st.lists(st.sampled_from([None, "2024-01-01", "5", "x", 3, 1.5, "1e400"]) | anything, max_size=3) | anything
multi = st.fixed_dictionaries({}, optional={"pattern": patterns | anything, "fields": st.lists(names, max_size=3) | anything,
                                            "datetime": st.lists(dates, max_size=2) | dates})
parts = st.fixed_dictionaries({}, optional={"include": list_values, "exclude": list_values})
field_filters = st.dictionaries(names, st.fixed_dictionaries({}, optional={
    "any": parts, "all": parts, "op": st.sampled_from(["and", "or", "xor"])}) | anything, max_size=2)

FIELDS = {
    **{name: list_values | anything for name in ("id", "tags", "system_tags", "status", "type", "project",
                                                 "parent", "user", "execution.queue", "hyperparams.s.n.value")},
    **{name: patterns | anything for name in ("name", "comment", "report", "search_text")},
    **{name: ranges for name in ("created", "started", "active_duration", "last_iteration", "last_metrics.a.b.value")},
    **{name: st.lists(dates, max_size=3) | dates for name in ("status_changed", "last_update", "last_change")},
    "runtime.k": anything, "_any_": multi | anything, "_all_": multi | anything,
    "order_by": st.lists(signed_names, max_size=3) | anything, "only_fields": st.lists(signed_names, max_size=3) | anything,
    "filters": field_filters | anything, "search_hidden": st.booleans(),
    "page": st.integers(-1, 2**63 - 1) | st.none(), "page_size": st.integers(-1, 2**63 - 1) | st.none(),
}
# A few fields per body, so that most bodies get past the request model to the translator.
bodies = st.lists(st.sampled_from(sorted(FIELDS)), max_size=4, unique=True).flatmap(
    lambda chosen: st.fixed_dictionaries({name: FIELDS[name] for name in chosen}))

ENTITIES = {
    "task": (tasks_api.GetAllExRequest, queries.task_query),
    "model": (models_api.GetAllExRequest, queries.model_query),
    "project": (projects_api.GetAllExRequest, queries.project_query),
}


def _translate(entity: str, body: dict) -> queries.FindQuery | None:
    """The query, or None after asserting the refusal is a ClearML 400."""
    model, translate = ENTITIES[entity]
    try:
        return translate("acme", model.model_validate(body))
    except (ApiError, ValidationError) as exc:
        error = error_from_exception(exc)
        assert error.code == 400 and error.spec is not None, (error.code, error.subcode, error.message)
        return None


def _walk(value, found: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Every (key, value) pair of the nested filter."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((key, item))
            _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)
    return found


@BOUNDED
@given(st.sampled_from(sorted(ENTITIES)), bodies)
@example("task", {"runtime.k": {"$regex": "(a+)+$"}})  # an operator through equality: found here
@example("task", {"_any_": {"pattern": "x", "fields": ["$where"]}})  # an operator as a field name
@example("task", {"order_by": ["a..b"], "only_fields": ["x\x00"]})
@example("model", {"page": 2**63 // 500 + 1})
def test_any_request_is_a_safe_query_or_a_clearml_400(entity, body):
    query = _translate(entity, body)
    event("translated" if query else "refused")
    if query is None:
        return
    bson.encode({"filter": query.filter, "sort": [list(key) for key in query.sort],
                 "projection": query.projection or {}})
    for path, direction in query.sort:
        assert checked_path(path, "order_by") == path and direction in (1, -1)
    for path in query.projection or {}:
        assert checked_path(path, "only_fields") == path
    assert 0 <= query.skip <= MAX_SKIP and 0 < query.limit <= MAX_PAGE_SIZE
    for key, value in _walk(query.filter, []):
        assert key not in CODE_OPERATORS, query.filter
        if key == "$regex":
            checked(value)


def _api_name(path: str) -> str:
    """A stored sort path as a client names it (the inverse of ``escape_path``)."""
    if path == "_id":
        return "id"
    parts = path.split(".")
    for prefix, depth in FREE_KEY_FIELDS.items():
        size = prefix.count(".") + 1
        if parts[:size] == prefix.split("."):
            parts[size:size + depth] = [unescape_key(p) for p in parts[size:size + depth]]
            break
    return ".".join(parts)


@BOUNDED
@given(st.lists(signed_names, max_size=4))
@example(["hyperparams.%24x.$y.value", "-id"])
def test_order_by_round_trips(order_by):
    try:
        sort = queries.sort_spec(order_by)
    except ApiError as error:
        assert (error.code, error.subcode) == (400, 12)
        return
    printed = [("-" if direction == -1 else "") + _api_name(path) for path, direction in sort]
    assert queries.sort_spec(printed) == sort
    assert sort[-1][0] == "_id" or any(path == "_id" for path, _ in sort)
