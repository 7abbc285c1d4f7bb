"""A dataview filter rule (ClearML's ``FilterRule``: ``frame_query``, ``sources_query``,
``label_rules``, ``filter_by_roi``) compiled to the Elasticsearch query of the frames it selects.

The dataset/version part is the caller's (it ANDs ``store.layout.visible_in(lineage)``), and so
is ``vector_search``. What a client can tell, and how we do it:

- ``frame_query`` and ``sources_query``: Lucene with OR as default operator (``lucene``), fields
  placed by ``fields``. A ``rois.*`` field is a nested query of its own for each term, which is
  what Elasticsearch answers for ROIs mapped as plain objects: ``rois.label:car AND
  rois.confidence:>0.5`` asks for a car and for a confident ROI, not for one confident car
  (a label rule asks that).
- a label rule: the ROIs matching ``label`` (Lucene, default field ``label``, default operator
  AND) and ``conf_range`` counted per frame; the frame is selected when the count is within
  ``count_range`` (absent: at least one), or, with ``must_not``, when it is not. Counts use no
  script (the local Elasticsearch has none): a nested query sums a constant score of 1 per
  matching ROI and ``function_score.min_score`` keeps frames reaching a bound.
- ``filter_by_roi``: ``disabled`` ignores ROIs, ``no_rois`` keeps frames without any ROI,
  ``label_rules`` (the default) ANDs the label rules; no rules keep every frame (as ClearML
  documents, and as the SDK's own ``vector_search`` relies on, sending ``label_rules: []``).

Invalid rules raise ``ApiError``: 400/19 ``invalid_lucene_syntax`` for a query that does not
parse (data: ``field``, ``position``, ``query``, ``rule`` when the caller gave the rule's
index, ``label_rule`` for a label rule's), 400/12
``validation_error`` for bad ranges or an unknown ``filter_by_roi`` (ClearML's request
validation code; its own subcode for bad ranges is not known).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from typing import Any

from services.datasets.query import lucene
from services.datasets.query.fields import FRAME, KEYWORDS, NUMBERS, ROI, ROIS, SOURCES, Context
from shared import patterns
from shared.errors import ApiError

Query = dict[str, Any]
MATCH_ALL: Query = {"match_all": {}}
FILTER_BY_ROI = ("disabled", "no_rois", "label_rules")
# Characters of Lucene's regular expressions that are literal to Python's re, which
# evaluates the same patterns (``matching``): escaped (``checked_regexp``).
_LUCENE_REGEXP_OPERATORS = frozenset('@&~<>#"')


def compile_rule(rule: dict[str, Any], *, index: int | None = None) -> Query:
    """The frames one ``FilterRule`` selects (without its dataset/version); ``index``: the
    rule's position in the dataview, named in errors."""
    where = {} if index is None else {"rule": index}
    parts = [
        frame_query(rule.get("frame_query"), where),
        sources_query(rule.get("sources_query"), where),
        roi_filter(rule.get("filter_by_roi"), rule.get("label_rules") or [], where),
    ]
    return _all_of([part for part in parts if part is not None])


def frame_query(text: str | None, where: dict[str, Any] | None = None) -> Query | None:
    if not text or not text.strip():
        return None
    return to_elastic(parse(text, FRAME, where or {}), FRAME)


def sources_query(text: str | None, where: dict[str, Any] | None = None) -> Query | None:
    if not text or not text.strip():
        return None
    return to_elastic(parse(text, SOURCES, where or {}), SOURCES)


def parse(text: str, context: Context, where: dict[str, Any]) -> lucene.Node:
    """``text`` parsed with the default operator of ``context`` (AND in label rules, as
    ClearML documents ``FilterLabelRule.label``), or 400/19 naming the place and position."""
    try:
        return lucene.parse(text, "AND" if context is ROI else "OR")
    except lucene.LuceneSyntaxError as exc:
        field = where.get("field", context.name)
        raise ApiError.named("invalid_lucene_syntax", msg=f"{field}: {exc}", **{
            **where, "field": field, "position": exc.position, "query": text[:200]}) from None


def roi_filter(mode: str | None, rules: list[dict[str, Any]], where: dict[str, Any] | None = None) -> Query | None:
    mode = filter_mode(mode, where)
    if mode == "disabled":
        return None
    if mode == "no_rois":
        return {"bool": {"must_not": [_nested(MATCH_ALL)]}}
    compiled = [label_rule(rule, {**(where or {}), "label_rule": i}) for i, rule in enumerate(rules)]
    return _all_of(compiled) if compiled else None


def filter_mode(mode: str | None, where: dict[str, Any] | None = None) -> str:
    """``filter_by_roi`` with its default (``label_rules``), or 400/12 for an unknown one."""
    mode = mode or "label_rules"
    if mode not in FILTER_BY_ROI:
        raise ApiError.named("validation_error", msg=f"filter_by_roi must be one of {', '.join(FILTER_BY_ROI)}",
                             **(where or {}), filter_by_roi=mode)
    return mode


# ---- label rules ----------------------------------------------------------------------------


def label_rule(rule: dict[str, Any], where: dict[str, Any] | None = None) -> Query:
    """The frames one ``FilterLabelRule`` selects."""
    where = where or {}
    low, high = count_bounds(rule.get("count_range"), where)
    one_roi = roi_query(rule, where)
    selected = _all_of([_at_least(one_roi, low)] + ([_negated(_at_least(one_roi, high + 1))] if high is not None else []))
    return _negated(selected) if rule.get("must_not") else selected


def roi_query(rule: dict[str, Any], where: dict[str, Any] | None = None) -> Query:
    """What one ROI must be to count for a label rule: its ``label`` query and ``conf_range``,
    as a query inside the nested ``rois`` context."""
    where = where or {}
    parts = [to_elastic(label_query(rule, where), ROI)]
    low, high = conf_bounds(rule.get("conf_range"), where)
    if low is not None or high is not None:
        bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
        parts.append({"range": {f"{ROIS}.confidence": bounds}})
    return _all_of(parts)


def label_query(rule: dict[str, Any], where: dict[str, Any] | None = None) -> lucene.Node:
    """A label rule's ``label`` parsed (a missing one matches every ROI)."""
    label = rule.get("label")
    if not isinstance(label, str):
        return lucene.MatchAll()
    return parse(label, ROI, {**(where or {}), "field": place(where or {}, "label")})


def count_bounds(count_range: list[Any] | None, where: dict[str, Any] | None = None) -> tuple[int, int | None]:
    """``(low, high)`` matching ROIs a frame needs; ``high`` None: no upper bound. -1 is "not
    applicable": no upper bound, and for the lower one the rule's own sense, at least one
    ROI (a frame with none is asked for with 0, or with ``must_not``)."""
    low, high = _pair(count_range, "count_range", where)
    for value in (low, high):
        if value is not None and (not _is_int(value) or value < -1):
            raise _bad_range("count_range", count_range, "counts are integers, -1 or more", where)
    if high is not None and high != -1 and low is not None and low != -1 and high < low:
        raise _bad_range("count_range", count_range, "the maximum is -1 or at least the minimum", where)
    low = 1 if low is None or low == -1 else int(low)
    return low, (None if high is None or high == -1 else int(high))


def conf_bounds(conf_range: list[Any] | None, where: dict[str, Any] | None = None) -> tuple[float | None, float | None]:
    """``(low, high)`` of ``rois.confidence``, None where -1 (not applicable)."""
    low, high = _pair(conf_range, "conf_range", where)
    for value in (low, high):
        if value is not None and (not _is_number(value) or (value < 0 and value != -1)):
            raise _bad_range("conf_range", conf_range, "confidences are -1 or positive numbers", where)
    low = None if low is None or low == -1 else float(low)
    high = None if high is None or high == -1 else float(high)
    if low is not None and high is not None and high < low:
        raise _bad_range("conf_range", conf_range, "the maximum is -1 or at least the minimum", where)
    return low, high


def _pair(values: list[Any] | None, name: str, where: dict[str, Any] | None) -> tuple[Any, Any]:
    if values is None:
        return None, None
    if not isinstance(values, (list, tuple)) or not 1 <= len(values) <= 2:
        raise _bad_range(name, values, "a list of one or two numbers (min, max)", where)
    return values[0], (values[1] if len(values) == 2 else None)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: Any) -> bool:
    return _is_number(value) and float(value).is_integer()


def _bad_range(name: str, value: Any, why: str, where: dict[str, Any] | None) -> ApiError:
    return ApiError.named("validation_error", msg=f"{place(where or {}, name)}: {why}",
                          **(where or {}), field=place(where or {}, name), value=value)


def place(where: dict[str, Any], name: str) -> str:
    """How errors name a field of a rule: ``label_rules[1].count_range``, ``frame_query``."""
    return f"label_rules[{where['label_rule']}].{name}" if "label_rule" in where else name


def _at_least(one_roi: Query, count: int) -> Query:
    """Frames with at least ``count`` ROIs matching ``one_roi``."""
    if count <= 0:
        return MATCH_ALL
    if count == 1:
        return _nested(one_roi)
    counted = _nested({"constant_score": {"filter": one_roi, "boost": 1}}, score_mode="sum")
    # Each matching ROI scores exactly 1.0: the sum is the count; min_score keeps the frames
    # reaching it (a half below the bound absorbs any float rounding).
    return {"function_score": {"query": counted, "min_score": count - 0.5}}


# ---- Lucene tree -> Elasticsearch -----------------------------------------------------------


def to_elastic(node: lucene.Node, context: Context) -> Query:
    """The Elasticsearch query of a parsed Lucene query written in ``context``."""
    if isinstance(node, lucene.Bool):
        return _bool(node, context)
    if isinstance(node, lucene.MatchAll):
        return MATCH_ALL
    field = getattr(node, "field", None)
    if field is None and context.default is None:
        return _any_field(node, context)
    path = context.path(field) if field is not None else context.default
    query = _leaf(node, path)
    return _nested(query) if context.is_roi_field(path) else query


def _bool(node: lucene.Bool, context: Context) -> Query:
    body: dict[str, list[Query]] = {}
    for occur, items in (("filter", node.must), ("should", node.should), ("must_not", node.must_not)):
        if items:
            body[occur] = [to_elastic(item, context) for item in items]
    return {"bool": body}


def _leaf(node: lucene.Node, path: str) -> Query:
    """A leaf on one field: the plain query where the mapping's type makes it safe, else
    ``query_string`` on that field, leniently: a word against a number, a wildcard against a
    number, ``yes`` against a boolean match nothing, where the plain queries would fail the
    whole search (``meta.*`` fields take the type of their first value)."""
    if isinstance(node, lucene.Range) and node.low is None and node.high is None:
        node = lucene.Exists(path)  # [* TO *]: any value
    if isinstance(node, lucene.Exists):
        return MATCH_ALL if path == ROIS else {"exists": {"field": path}}
    if path in KEYWORDS or (path in NUMBERS and _numeric(node)):
        return _plain(node, path)
    return {"query_string": {"query": render(node), "default_field": path, "lenient": True}}


def _numeric(node: lucene.Node) -> bool:
    if isinstance(node, lucene.Term):
        return _is_number_text(node.text)
    if isinstance(node, lucene.Range):
        return all(bound is None or _is_number_text(bound) for bound in (node.low, node.high))
    return False


def _is_number_text(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _plain(node: lucene.Node, path: str) -> Query:
    if isinstance(node, lucene.Term):
        return {"term": {path: node.text}}
    if isinstance(node, lucene.Wildcard):
        return {"wildcard": {path: {"value": node.pattern}}}
    if isinstance(node, lucene.Regexp):
        return {"regexp": {path: {"value": checked_regexp(node.pattern)}}}
    if isinstance(node, lucene.Fuzzy):
        return {"fuzzy": {path: {"value": node.text, "fuzziness": node.distance}}}
    if isinstance(node, lucene.Range):
        return {"range": {path: _range_bounds(node)}}
    raise TypeError(f"not a Lucene leaf: {node!r}")


def _range_bounds(node: lucene.Range) -> dict[str, str]:
    bounds = {}
    if node.low is not None:
        bounds["gte" if node.include_low else "gt"] = node.low
    if node.high is not None:
        bounds["lte" if node.include_high else "lt"] = node.high
    return bounds


def checked_regexp(pattern: str) -> str:
    """A pattern that runs safely in Python (``shared.patterns``: 400/21 otherwise) and means
    the same to Lucene and Python: no look-arounds or other ``(?`` groups, no back references,
    no anchors (Lucene's patterns are anchored already), and Lucene's optional operators
    (``@ & ~ < > #``, ``"`` strings), which are literal characters to Python, escaped."""
    escaped = _literal_operators(pattern)
    with warnings.catch_warnings():  # re's FutureWarning on "||" or "--" in a class: literal to both
        warnings.simplefilter("ignore", FutureWarning)
        patterns.checked(escaped)
    plain = escaped.replace("\\\\", "")
    for marker, what in (("(?", "'(?' groups"), ("^", "'^'"), ("$", "'$'")):
        if marker in plain.replace("\\" + marker[0], "").replace("[^", "["):
            raise ApiError.named("invalid_regex_error", msg=f"{what} are not supported in queries "
                                 "(the whole value is matched already)", pattern=pattern[:100])
    if any(plain[i] == "\\" and plain[i + 1:i + 2].isdigit() for i in range(len(plain))):
        raise ApiError.named("invalid_regex_error", msg="back references are not supported in queries",
                             pattern=pattern[:100])
    return escaped


def _literal_operators(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append("\\" + pattern[i] if pattern[i] in _LUCENE_REGEXP_OPERATORS else pattern[i])
        i += 1
    return "".join(out)


def _any_field(node: lucene.Node, context: Context) -> Query:
    """A bare term in a frame or sources query: every field of the scope, as ``query_string``
    searches them (leniently: a word is no error on a numeric field)."""
    return {"query_string": {"query": render(node), "default_field": context.default_scope, "lenient": True}}


def render(node: lucene.Node) -> str:
    """One leaf back in Lucene syntax, fully escaped (for ``query_string``)."""
    if isinstance(node, lucene.Term):
        return _quote(node.text)
    if isinstance(node, lucene.Wildcard):
        return "".join(ch if ch in "*?" else _escape_char(ch) for ch in _unescape_pattern(node.pattern))
    if isinstance(node, lucene.Regexp):
        return "/" + checked_regexp(node.pattern).replace("/", "\\/") + "/"
    if isinstance(node, lucene.Fuzzy):
        escaped = "".join(_escape_char(ch) for ch in node.text)
        # AND, OR and NOT alone are operators: an escaped first letter makes them words
        return ("\\" if escaped in ("AND", "OR", "NOT") else "") + escaped + f"~{node.distance}"
    if isinstance(node, lucene.Range):
        low = "*" if node.low is None else _quote(node.low)
        high = "*" if node.high is None else _quote(node.high)
        return f"{'[' if node.include_low else '{'}{low} TO {high}{']' if node.include_high else '}'}"
    raise TypeError(f"no default-field form for {node!r}")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SPECIAL = set('+-=&|><!(){}[]^"~*?:\\/ ')


def _escape_char(ch: str) -> str:
    return "\\" + ch if ch in _SPECIAL else ch


def _unescape_pattern(pattern: str) -> Iterator[str]:
    """The characters of a wildcard pattern, an escaped ``*``/``?``/``\\`` as a 2-char token."""
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            yield "\\" + pattern[i + 1]
            i += 2
        else:
            yield pattern[i]
            i += 1


# ---- small builders -------------------------------------------------------------------------


def _nested(query: Query, score_mode: str = "none") -> Query:
    return {"nested": {"path": ROIS, "query": query, "score_mode": score_mode}}


def _negated(query: Query) -> Query:
    return {"bool": {"must_not": [query]}}


def _all_of(queries: list[Query]) -> Query:
    queries = [q for q in queries if q != MATCH_ALL]
    if not queries:
        return MATCH_ALL
    return queries[0] if len(queries) == 1 else {"bool": {"filter": queries}}
