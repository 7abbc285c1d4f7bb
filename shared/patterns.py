"""Regular expressions that clients send (``name`` filters, ``pattern`` of value listings), made
safe: a pattern can never stall a process.

ClearML passes such patterns to MongoDB, whose engine (like Python's ``re`` and SecantusDB's)
backtracks: ``(a+)+$`` over 27 ``a`` and a ``!`` takes seconds, and it blocks the event loop of
whoever runs it. So:

- ``checked`` refuses (400/21, ``invalid_regex_error``) what cannot compile, what is longer
  than ``MAX_PATTERN``, and the shapes whose backtracking grows exponentially or with a high
  power of the text: a repeat (other than ``?``) around another unbounded repeat or around an
  alternation, and more than ``MAX_UNBOUNDED`` unbounded repeats in one pattern. Every pattern
  that reaches a store has passed it.
- ``searcher`` matches in this process on RE2, a linear-time engine, and falls back to Python's
  ``re`` only for what RE2 does not parse (look-arounds, back references), which ``checked``
  has bounded already.
"""

from __future__ import annotations

import re
from collections.abc import Callable

try:  # the C extension may be missing on an unusual platform: Python's re after ``checked``
    import re2
except ImportError:  # pragma: no cover - installed with the project everywhere we run
    re2 = None

from shared.errors import ApiError

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN = 1000
MAX_UNBOUNDED = 3  # measured: 5 adjacent a* over 100 characters take 3 s on Python re, 3 take 7 ms
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)


def _refused(pattern: str, why: str) -> ApiError:
    return ApiError.named("invalid_regex_error", msg=why, pattern=pattern[:100])


def checked(pattern: str) -> str:
    """``pattern`` when it is safe to run on a backtracking engine, else 400/21."""
    if len(pattern) > MAX_PATTERN:
        raise _refused(pattern, f"patterns are limited to {MAX_PATTERN} characters")
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise _refused(pattern, str(exc)) from None
    try:
        unbounded = _check(parsed, repeated=False)
    except ValueError as exc:
        raise _refused(pattern, str(exc)) from None
    if unbounded > MAX_UNBOUNDED:
        raise _refused(pattern, f"at most {MAX_UNBOUNDED} unbounded repeats (*, +, {{n,}}) in a pattern")
    return pattern


def _check(items, repeated: bool) -> int:
    """Walk a parsed pattern; ``repeated``: inside a repeat that may run more than once.
    Returns how many unbounded repeats it holds; ``ValueError`` for a shape that backtracks
    exponentially."""
    unbounded = 0
    for op, arg in items:
        if op in _REPEATS or (_POSSESSIVE is not None and op == _POSSESSIVE):
            low, high, body = arg
            many = high > 1
            if repeated and (high == sre_constants.MAXREPEAT or _holds_repeat(body)):
                raise ValueError("a repeat inside a repeat (such as (a+)+) can take exponential time")
            if many and _holds_branch(body):
                raise ValueError("a repeated alternation (such as (a|ab)+) can take exponential time")
            unbounded += (high == sre_constants.MAXREPEAT) + _check(body, repeated or many)
        elif op == sre_constants.SUBPATTERN:
            unbounded += _check(arg[-1], repeated)
        elif op == sre_constants.BRANCH:
            unbounded += sum(_check(branch, repeated) for branch in arg[1])
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            unbounded += _check(arg[1], repeated)
    return unbounded


def _holds_repeat(items) -> bool:
    return any(_unbounded_inside(op, arg) for op, arg in items)


def _unbounded_inside(op, arg) -> bool:
    if op in _REPEATS or (_POSSESSIVE is not None and op == _POSSESSIVE):
        return arg[1] == sre_constants.MAXREPEAT or _holds_repeat(arg[2])
    if op == sre_constants.SUBPATTERN:
        return _holds_repeat(arg[-1])
    if op == sre_constants.BRANCH:
        return any(_holds_repeat(branch) for branch in arg[1])
    return False


def _holds_branch(items) -> bool:
    for op, arg in items:
        if op == sre_constants.BRANCH:
            return True
        if op == sre_constants.SUBPATTERN and _holds_branch(arg[-1]):
            return True
    return False


def searcher(pattern: str, ignore_case: bool = False) -> Callable[[str], bool]:
    """A test ``text -> bool`` of a ``checked`` pattern searched anywhere in the text."""
    checked(pattern)
    if re2 is not None:
        options = re2.Options()
        options.log_errors = False
        options.case_sensitive = not ignore_case
        try:
            compiled = re2.compile(pattern, options)
            return lambda text: compiled.search(text) is not None
        except re2.error:
            pass  # a construct RE2 lacks: Python's re, on a pattern ``checked`` has bounded
    fallback = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    return lambda text: fallback.search(text) is not None
