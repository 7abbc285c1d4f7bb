"""A parsed Lucene query evaluated in Python against one document, as Elasticsearch answers it
on the frame mapping (``store/layout.py``): used where a frame is already in hand (which ROIs
of a returned frame matched a label rule, ``output_rois: only_filtered``) and as the reference
the tests compare Elasticsearch with.

Values are compared the way the mapping stores them: keywords exactly, numbers as numbers
(``meta.n:5`` matches 5 and 5.0), booleans as ``true``/``false``. Arrays match when any element
does; ``rois.label`` in a frame query looks through every ROI, as the nested query of each term
does (``rules.to_elastic``).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from services.datasets.query import lucene
from services.datasets.query.fields import ROIS, Context
from services.datasets.query.rules import checked_regexp
from shared import patterns

# The stored-only parts of a frame (``enabled: false`` in ``store/layout.py``'s mapping): no
# query finds anything in them.
_STORED_ONLY = ("meta_blob", "blob", "augmentation", "sources.masks", "sources.preview",
                "rois.poly", "rois.mask", "rois.meta")
# A field-less term does not search the nested ROIs either.
_NOT_SEARCHED = {ROIS, *_STORED_ONLY}


def matches(node: lucene.Node, document: dict[str, Any], context: Context) -> bool:
    """Whether ``document`` (a frame; for the ROI context ``{"rois": roi}``) matches."""
    if isinstance(node, lucene.MatchAll):
        return True
    if isinstance(node, lucene.Bool):
        return _bool(node, document, context)
    field = getattr(node, "field", None)
    if isinstance(node, lucene.Exists):
        return any(True for _ in values(document, context.path(field)))
    if field is None and context.default is None:
        scope = context.default_scope.rstrip("*").rstrip(".")
        found = searchable_values(document, scope)
    else:
        found = values(document, context.path(field) if field is not None else context.default)
    test = leaf_test(node)
    return any(test(value) for value in found)


def _bool(node: lucene.Bool, document: dict[str, Any], context: Context) -> bool:
    if any(not matches(item, document, context) for item in node.must):
        return False
    if any(matches(item, document, context) for item in node.must_not):
        return False
    if node.should and not node.must:
        return any(matches(item, document, context) for item in node.should)
    return True


def values(document: Any, path: str) -> Iterator[Any]:
    """Every non-null value at a dotted path, arrays flattened (an object counts as a value:
    ``_exists_:rois`` is true for a frame with an ROI). A key holding dots (``{"a.b": 1}``) is
    the same field as ``{"a": {"b": 1}}``, as Elasticsearch maps it. A path with ``*`` is a
    pattern of full field paths (``meta.*``, ``*``), as Elasticsearch expands it."""
    if "*" in path:
        yield from _pattern_values(document, path)
        return
    if any(path == part or path.startswith(part + ".") for part in _STORED_ONLY):
        return
    for value in _walk(document, path.split(".") if path else []):
        if value is not None and value != {} and value != []:
            yield value


def _walk(item: Any, parts: list[str]) -> Iterator[Any]:
    if isinstance(item, list):
        for sub in item:
            yield from _walk(sub, parts)
    elif not parts:
        yield item
    elif isinstance(item, dict):
        for n in range(1, len(parts) + 1):
            key = ".".join(parts[:n])
            if key in item:
                yield from _walk(item[key], parts[n:])


def _pattern_values(document: Any, pattern: str) -> Iterator[Any]:
    """The leaf values whose field path matches ``pattern``; nested ROI fields only for a
    pattern that names them (``rois.*``), as a query outside a nested one never sees them."""
    compiled = re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)
    skipped = _STORED_ONLY if pattern.startswith(ROIS + ".") else _NOT_SEARCHED
    for path, value in _leaves(document, "", skipped):
        if compiled.fullmatch(path):
            yield value


def searchable_values(document: dict[str, Any], scope: str = "") -> Iterator[Any]:
    """Every searched leaf value under ``scope`` (all of the document for "")."""
    roots = list(values(document, scope)) if scope else [document]
    for root in roots:
        yield from (value for _, value in _leaves(root, scope, _NOT_SEARCHED))


def _leaves(value: Any, path: str, skipped: Collection[str]) -> Iterator[tuple[str, Any]]:
    """``(field path, value)`` of every leaf, but under the ``skipped`` paths."""
    if path in skipped:
        return
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _leaves(sub, f"{path}.{key}" if path else key, skipped)
    elif isinstance(value, list):
        for sub in value:
            yield from _leaves(sub, path, skipped)
    elif value is not None:
        yield path, value


# ---- leaves ---------------------------------------------------------------------------------


@lru_cache(maxsize=2048)  # leaves are immutable; their patterns are compiled once
def leaf_test(node: lucene.Node) -> Callable[[Any], bool]:
    """A test of one stored value for a leaf of the tree."""
    on_text = _text_test(node)

    def test(value: Any) -> bool:
        if isinstance(value, str):
            moment = date_span(value)
            return on_text(value) if moment is None else _date_test(node, moment[0])
        if isinstance(value, (bool, int, float)):
            return _scalar_test(node, value)
        return False

    return test


def _text_test(node: lucene.Node) -> Callable[[str], bool]:
    """A keyword's test."""
    if isinstance(node, lucene.Term):
        return lambda value: value == node.text
    if isinstance(node, lucene.Wildcard):
        compiled = re.compile(_wildcard_regex(node.pattern), re.DOTALL)
        return lambda value: compiled.fullmatch(value) is not None
    if isinstance(node, lucene.Regexp):
        # Lucene patterns match the whole value, and "." matches any character, newlines too
        with warnings.catch_warnings():  # as in checked_regexp
            warnings.simplefilter("ignore", FutureWarning)
            return patterns.searcher(f"(?s)^(?:{checked_regexp(node.pattern)})$")
    if isinstance(node, lucene.Fuzzy):
        return lambda value: _edits(value, node.text, node.distance) <= node.distance
    if isinstance(node, lucene.Range):
        return lambda value: _between(value, node.low, node.high, node)
    raise TypeError(f"not a Lucene leaf: {node!r}")


def _scalar_test(node: lucene.Node, value: bool | int | float) -> bool:
    """A number's or a boolean's test: only terms and ranges can match them."""
    if isinstance(value, bool):
        return isinstance(node, lucene.Term) and node.text.lower() == ("true" if value else "false")
    if isinstance(node, lucene.Term):
        return _number(node.text) == value
    if isinstance(node, lucene.Range):
        low, high = _number(node.low), _number(node.high)
        if (node.low is not None and low is None) or (node.high is not None and high is None):
            return False
        return _between(value, low, high, node)
    return False


def _between(value: Any, low: Any, high: Any, node: lucene.Range) -> bool:
    if low is not None and (value < low or (value == low and not node.include_low)):
        return False
    return not (high is not None and (value > high or (value == high and not node.include_high)))


def _number(text: Any) -> float | None:
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# ---- dates ----------------------------------------------------------------------------------
# Elasticsearch maps a meta string that looks like an ISO date as a date (dynamic date
# detection), and ClearML documents queries on them: ``meta.updated:[2024-10-20 TO 2024-10-20]``
# is the whole day. A date written without its smaller parts covers an interval: a term
# matches inside it, ``>=``/``<`` take its start, ``>``/``<=`` its end.

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_DATE_PARTS = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2})?)?)?")
_STEPS = {10: timedelta(days=1), 13: timedelta(hours=1), 16: timedelta(minutes=1), 19: timedelta(seconds=1)}


def date_span(text: str) -> tuple[datetime, datetime] | None:
    """The first and last instants an ISO date covers (UTC when it names no zone), or None."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        return None
    start = start if start.tzinfo else start.replace(tzinfo=UTC)
    written = len(_DATE_PARTS.match(text).group())
    step = None if text[written:written + 1] == "." else _STEPS.get(written)
    return start, (start + step - timedelta(microseconds=1) if step else start)


def _date_test(node: lucene.Node, moment: datetime) -> bool:
    if isinstance(node, lucene.Term):
        span = date_span(node.text)
        return span is not None and span[0] <= moment <= span[1]
    if not isinstance(node, lucene.Range):
        return False  # wildcards, patterns and fuzzy terms do not apply to dates
    low = date_span(node.low) if node.low is not None else None
    high = date_span(node.high) if node.high is not None else None
    if (node.low is not None and low is None) or (node.high is not None and high is None):
        return False
    if low is not None and not (moment >= low[0] if node.include_low else moment > low[1]):
        return False
    return high is None or (moment <= high[1] if node.include_high else moment < high[0])


def _wildcard_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return "".join(out)


def _edits(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Lucene's fuzzy edits: insert, delete, substitute,
    transpose), stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]
