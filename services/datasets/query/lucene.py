"""Lucene query syntax as ClearML users write it in dataview filter rules (``frame_query``,
``sources_query``, a label rule's ``label``), parsed into a small tree.

ClearML hands these strings to Elasticsearch's ``query_string``, so the grammar and, above all,
the boolean semantics are those of Lucene's classic query parser: a sequence of clauses, each
MUST, SHOULD or MUST_NOT, decided by its ``+``/``-``/``NOT`` modifier, the ``AND``/``OR``
conjunction before it and the default operator. ``a AND b OR c`` is therefore ``+a +b c``
(``c`` optional), not ``(a AND b) OR c``: a client can tell, so we keep the quirk.

One difference, on purpose: terms side by side with no operator between them are separate
terms (``meta.city:(paris bremen)`` is paris OR bremen). ClearML's fields are text with a
``.keyword`` sub-field (its documented label queries say ``label.keyword``), whose analysis
splits them so; on our keyword fields ``query_string`` would glue them into the single value
"paris bremen" and match nothing.

Supported: terms, quoted phrases (and single-quoted ones, which ClearML's own documentation
uses: ``meta.dangerous:'yes'``), ``field:value``, ``field:(a b)``, ``AND``/``OR``/``NOT``,
``&&``/``||``/``!``, ``+``/``-``, grouping, ranges ``[a TO b]``, ``{a TO b}``, mixed brackets
and ``*`` bounds, ``>``/``>=``/``<``/``<=`` (Elasticsearch's extension), wildcards ``*``/``?``,
``field:*`` (the field exists), ``_exists_:field``, ``*:*``, field patterns (``*:x``,
``meta.\\*:x``), regular expressions ``/.../``, fuzzy terms ``term~n`` (0, 1, 2 or AUTO),
escapes (``\\:``, ``\\uXXXX``), Lucene's bare operators (``a - b``: ``-`` before a space is a
term), boosts ``^n`` and phrase slops ``"a b"~n`` (both accepted and ignored: a filter does not
score). What Elasticsearch's ``query_string`` refuses is refused (the integration tests compare
with its ``validate_query``), with :class:`LuceneSyntaxError` and the 0-based position of the
offending character.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Union

from services.datasets.query.tokens import Lexer, LuceneSyntaxError, Token, describe

__all__ = ["Bool", "Exists", "Fuzzy", "LuceneSyntaxError", "MatchAll", "Node", "Range", "Regexp", "Term",
           "Wildcard", "parse"]

# ---- the tree -------------------------------------------------------------------------------
# ``field`` None means the default field(s), which the caller chooses (``rules``).


@dataclass(frozen=True)
class Term:
    """An exact value (a bare term or a quoted phrase; fields are keywords, so both match whole)."""

    field: str | None
    text: str


@dataclass(frozen=True)
class Wildcard:
    """``pattern`` in Elasticsearch's wildcard syntax: ``*``, ``?``, ``\\`` escapes a literal."""

    field: str | None
    pattern: str


@dataclass(frozen=True)
class Regexp:
    field: str | None
    pattern: str


@dataclass(frozen=True)
class Fuzzy:
    field: str | None
    text: str
    distance: int


@dataclass(frozen=True)
class Range:
    """Bounds as written (strings) or None for ``*``."""

    field: str | None
    low: str | None
    high: str | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Exists:
    field: str


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class Bool:
    """Lucene's boolean query: every ``must``, no ``must_not``, and at least one ``should``
    when there is no ``must`` (and some ``should``); only ``must_not``: everything else."""

    must: tuple[Node, ...] = ()
    should: tuple[Node, ...] = ()
    must_not: tuple[Node, ...] = ()


Node = Union[Term, Wildcard, Regexp, Fuzzy, Range, Exists, MatchAll, Bool]
Operator = Literal["OR", "AND"]


# ---- the parser -----------------------------------------------------------------------------

_MUST, _SHOULD, _MUST_NOT = "must", "should", "must_not"


@lru_cache(maxsize=2048)  # a dataview's few queries are parsed again for every frame it returns
def parse(text: str, default_operator: Operator = "OR") -> Node:
    """The tree of a Lucene query (immutable, so shared); blank text is :class:`MatchAll`.
    ``default_operator``: how clauses without ``AND``/``OR`` between them combine (Lucene's
    and ``frame_query``'s OR; label rules use AND)."""
    if default_operator not in ("OR", "AND"):
        raise ValueError(f"default_operator must be OR or AND, not {default_operator!r}")
    if not text or not text.strip():
        return MatchAll()
    return _Parser(Lexer(text).tokens(), default_operator).parse()


class _Parser:
    def __init__(self, tokens: list[Token], default_operator: Operator) -> None:
        self.tokens, self.k, self.operator = tokens, 0, default_operator

    def parse(self) -> Node:
        node = self._query(None)
        token = self._peek()
        if token.kind != "EOF":
            raise LuceneSyntaxError(token.pos, f"unexpected {describe(token)} (no '(' to close)")
        return node

    def _peek(self, k: int = 0) -> Token:
        return self.tokens[min(self.k + k, len(self.tokens) - 1)]

    def _take(self) -> Token:
        token = self._peek()
        self.k += 1
        return token

    def _query(self, field: str | None) -> Node:
        """Clauses up to the end or a ')': ``[conjunction] [modifier] clause`` each."""
        clauses: list[list] = []
        while self._peek().kind not in ("EOF", "RPAREN"):
            conjunction = None
            if self._peek().kind in ("AND", "OR"):
                token = self._take()
                if not clauses:
                    raise LuceneSyntaxError(token.pos, f"{describe(token)} needs a clause before it")
                conjunction = token.kind
            modifier = self._take().kind if self._peek().kind in ("PLUS", "MINUS", "NOT") else None
            self._add(clauses, conjunction, modifier, self._clause(field))
        if not clauses:
            token = self._peek()
            raise LuceneSyntaxError(token.pos, f"expected a term, a phrase, a range or '(', found {describe(token)}")
        return _combine(clauses)

    def _add(self, clauses: list[list], conjunction: str | None, modifier: str | None, node: Node) -> None:
        """Lucene's classic ``addClause``: the conjunction may also change the previous clause."""
        if clauses and conjunction == "AND" and clauses[-1][0] != _MUST_NOT:
            clauses[-1][0] = _MUST
        if clauses and conjunction == "OR" and self.operator == "AND" and clauses[-1][0] != _MUST_NOT:
            clauses[-1][0] = _SHOULD
        prohibited = modifier in ("MINUS", "NOT")
        if self.operator == "OR":
            required = modifier == "PLUS" or (conjunction == "AND" and not prohibited)
        else:
            required = not prohibited and conjunction != "OR"
        occur = _MUST_NOT if prohibited else _MUST if required else _SHOULD
        clauses.append([occur, node])

    def _clause(self, field: str | None) -> Node:
        token = self._peek()
        if token.kind == "TERM" and self._peek(1).kind == "COLON":
            if token.wild and token.raw != "*":
                raise LuceneSyntaxError(token.pos, f"a field name holds no wildcard ('{token.raw}:'): "
                                        "escape it to name several fields (meta.\\*:value)")
            self.k += 2
            return self._field_value(token)
        if token.kind == "LPAREN":
            return self._group(field)
        return self._value(field)

    def _group(self, field: str | None) -> Node:
        opened = self._take()
        node = self._query(field)
        closing = self._peek()
        if closing.kind != "RPAREN":
            raise LuceneSyntaxError(closing.pos, f"expected ')' to close the '(' at {opened.pos}, "
                                    f"found {describe(closing)}")
        self.k += 1
        self._boost()
        return node

    def _field_value(self, name: Token) -> Node:
        field = name.text
        if name.raw == "*" and self._peek().kind == "TERM" and self._peek().raw == "*":
            self.k += 1
            return MatchAll()
        if field == "_exists_":
            value = self._take()
            if value.kind not in ("TERM", "PHRASE"):
                raise LuceneSyntaxError(value.pos, f"expected a field name after '_exists_:', found {describe(value)}")
            # an escaped * names several fields (_exists_:meta.\*); a bare one makes a wildcard
            # query on a field called _exists_, as in Elasticsearch: it matches nothing
            return Wildcard(field, value.pattern) if value.wild else Exists(value.text)
        if self._peek().kind == "LPAREN":
            return self._group(field)
        return self._value(field, after=f"'{name.raw}:'")

    def _value(self, field: str | None, after: str | None = None) -> Node:
        token = self._take()
        if token.kind == "TERM":
            node = self._term(field, token)
        elif token.kind == "PHRASE":
            node = Term(field, token.text)
            self._fuzzy()  # a phrase slop: meaningless on whole values
        elif token.kind == "REGEX":
            node = Regexp(field, token.text)
        elif token.kind == "RANGE":
            node = Range(field, *token.bounds)
        else:
            where = f" after {after}" if after else ""
            raise LuceneSyntaxError(token.pos, f"expected a term, a phrase, a range or '('{where}, "
                                    f"found {describe(token)}")
        self._boost()
        return node

    def _term(self, field: str | None, token: Token) -> Node:
        if len(token.text) > 1 and token.text[0] in "<>" and not token.wild:
            return _comparison(field, token.text)
        fuzzy = self._fuzzy()
        if fuzzy is not None and not token.wild:
            return Fuzzy(field, token.text, _distance(fuzzy, token.text))
        if token.wild:
            if token.pattern == "*":
                return Exists(field) if field else MatchAll()
            return Wildcard(field, token.pattern)
        return Term(field, token.text)

    def _fuzzy(self) -> Token | None:
        """A ``~`` suffix, before or after a boost (``a~1^2``, ``a^2~1``)."""
        if self._peek().kind == "BOOST" and self._peek(1).kind == "FUZZY":
            self.k += 1
        return self._take() if self._peek().kind == "FUZZY" else None

    def _boost(self) -> None:
        if self._peek().kind == "BOOST":
            self.k += 1


def _comparison(field: str | None, text: str) -> Range:
    """Elasticsearch's ``field:>=5`` shorthand for a half-open range, read as it reads it: a
    ``=`` after ``>``/``<`` belongs to the operator only when a value follows (``>=`` alone is
    "greater than '='"), and ``>`` or ``<`` alone is a plain term."""
    op = text[:2] if text[1] == "=" and len(text) > 2 else text[0]
    value = text[len(op):]
    if op.startswith(">"):
        return Range(field, value, None, include_low=op == ">=")
    return Range(field, None, value, include_high=op == "<=")


def _distance(token: Token, text: str) -> int:
    """The edit distance of ``term~n`` as Elasticsearch's ``query_string`` takes it: 0, 1 or 2
    (``1.0`` too); nothing or ``AUTO``: by the term's length, none for 1 or 2 characters, 1
    for 3 to 5, 2 beyond."""
    slop = token.text
    if not slop or slop.upper() == "AUTO":
        return 0 if len(text) <= 2 else 1 if len(text) <= 5 else 2
    if slop in ("0", "1", "2", "0.0", "1.0", "2.0"):
        return int(float(slop))
    raise LuceneSyntaxError(token.pos + 1, f"a fuzzy edit distance is 0, 1, 2 or AUTO, not '{slop}'")


def _combine(clauses: list[list]) -> Node:
    if len(clauses) == 1 and clauses[0][0] != _MUST_NOT:
        return clauses[0][1]
    parts: dict[str, list[Node]] = {_MUST: [], _SHOULD: [], _MUST_NOT: []}
    for occur, node in clauses:
        parts[occur].append(node)
    return Bool(tuple(parts[_MUST]), tuple(parts[_SHOULD]), tuple(parts[_MUST_NOT]))
