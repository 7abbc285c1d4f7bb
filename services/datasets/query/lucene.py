"""Lucene query syntax as ClearML users write it in dataview filter rules (``frame_query``,
``sources_query``, a label rule's ``label``), parsed into a small tree.

ClearML hands these strings to Elasticsearch's ``query_string``, so the grammar and, above all,
the boolean semantics are those of Lucene's classic query parser: a sequence of clauses, each
MUST, SHOULD or MUST_NOT, decided by its ``+``/``-``/``NOT`` modifier, the ``AND``/``OR``
conjunction before it and the default operator. ``a AND b OR c`` is therefore ``+a +b c``
(``c`` optional), not ``(a AND b) OR c``: a client can tell, so we keep the quirk.

Supported: terms, quoted phrases (and single-quoted ones, which ClearML's own documentation
uses: ``meta.dangerous:'yes'``), ``field:value``, ``field:(a b)``, ``AND``/``OR``/``NOT``,
``&&``/``||``/``!``, ``+``/``-``, grouping, ranges ``[a TO b]``, ``{a TO b}``, mixed brackets
and ``*`` bounds, ``>``/``>=``/``<``/``<=`` (Elasticsearch's extension), wildcards ``*``/``?``,
``field:*`` (the field exists), ``_exists_:field``, ``*:*``, regular expressions ``/.../``,
fuzzy terms ``term~n``, escapes (``\\:``, ``\\uXXXX``), boosts ``^n`` and phrase slops
``"a b"~n`` (both accepted and ignored: a filter does not score). Errors raise
:class:`LuceneSyntaxError` with the 0-based position of the offending character.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Union

# Characters that end an unquoted term (Lucene's classic grammar); ``+``/``-`` may continue one.
_TERM_STOP = frozenset(' \t\n\r\u3000!():^[]"{}~/')
_TERM_NOT_START = _TERM_STOP | {"+", "-"}
_WORDS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}
_SYMBOLS = {"(": "LPAREN", ")": "RPAREN", ":": "COLON", "+": "PLUS", "-": "MINUS", "!": "NOT"}


class LuceneSyntaxError(ValueError):
    """An invalid query: ``position`` (0-based character offset) and a ``message`` saying what
    was expected and what was found."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(f"{message} (at position {position})")
        self.position = position
        self.message = message


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


# ---- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # TERM PHRASE REGEX RANGE BOOST FUZZY LPAREN RPAREN COLON PLUS MINUS NOT AND OR EOF
    pos: int
    text: str = ""  # TERM/PHRASE: the value unescaped; REGEX: the pattern
    pattern: str = ""  # TERM: the wildcard form
    wild: bool = False
    raw: str = ""  # as written
    bounds: tuple = ()  # RANGE: (low, high, include_low, include_high)
    number: float | None = None  # BOOST / FUZZY


def _describe(token: _Token) -> str:
    if token.kind == "EOF":
        return "the end of the query"
    return f"'{token.raw}'"


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0

    def tokens(self) -> list[_Token]:
        out = []
        while True:
            token = self._next()
            out.append(token)
            if token.kind == "EOF":
                return out

    def _error(self, pos: int, message: str) -> LuceneSyntaxError:
        return LuceneSyntaxError(pos, message)

    def _peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def _next(self) -> _Token:
        while self._peek() and self._peek() in " \t\n\r\u3000":
            self.i += 1
        start, c = self.i, self._peek()
        if not c:
            return _Token("EOF", start)
        if c in _SYMBOLS:
            self.i += 1
            return _Token(_SYMBOLS[c], start, raw=c)
        if c == '"':
            return self._quoted(start, '"')
        if c == "'" and self._closing_quote(start) is not None:
            return self._quoted(start, "'")
        if c == "/":
            return self._regex(start)
        if c in "[{":
            return self._range(start)
        if c in "^~":
            return self._suffix(start, c)
        if c in "]}":
            raise self._error(start, f"unexpected '{c}' outside a range")
        return self._term(start)

    def _closing_quote(self, start: int) -> int | None:
        j = start + 1
        while j < len(self.text):
            if self.text[j] == "\\":
                j += 2
                continue
            if self.text[j] == "'":
                return j
            j += 1
        return None

    def _escape(self) -> str:
        """The character escaped at ``self.i`` (a backslash), consumed: ``\\x`` or ``\\uXXXX``."""
        pos = self.i
        if pos + 1 >= len(self.text):
            raise self._error(pos, "a '\\' at the end of the query escapes nothing")
        if self.text[pos + 1] == "u":
            digits = self.text[pos + 2:pos + 6]
            if len(digits) != 4 or any(ch not in "0123456789abcdefABCDEF" for ch in digits):
                raise self._error(pos, "expected four hexadecimal digits after '\\u'")
            self.i += 6
            return chr(int(digits, 16))
        self.i += 2
        return self.text[pos + 1]

    def _quoted(self, start: int, quote: str) -> _Token:
        self.i += 1
        chars = []
        while True:
            c = self._peek()
            if not c:
                raise self._error(start, f"the phrase opened here has no closing {quote}")
            if c == quote:
                self.i += 1
                return _Token("PHRASE", start, text="".join(chars), raw=self.text[start:self.i])
            chars.append(self._escape() if c == "\\" else c)
            if c != "\\":
                self.i += 1

    def _regex(self, start: int) -> _Token:
        self.i += 1
        chars = []
        while True:
            c = self._peek()
            if not c:
                raise self._error(start, "the regular expression opened here has no closing '/'")
            if c == "/":
                self.i += 1
                return _Token("REGEX", start, text="".join(chars), raw=self.text[start:self.i])
            if c == "\\" and self._peek(1) == "/":
                chars.append("/")
                self.i += 2
                continue
            chars.append(c)
            self.i += 1

    def _suffix(self, start: int, c: str) -> _Token:
        """``^n`` (a boost, number required) or ``~`` with an optional number."""
        self.i += 1
        j = self.i
        while self._peek() and (self._peek().isdigit() or self._peek() == "."):
            self.i += 1
        digits = self.text[j:self.i]
        try:
            number = float(digits) if digits else None
        except ValueError:
            raise self._error(j, f"'{digits}' is not a number") from None
        if c == "^" and number is None:
            raise self._error(j, f"expected a number after '^', found {self._found(j)}")
        return _Token("BOOST" if c == "^" else "FUZZY", start, raw=self.text[start:self.i], number=number)

    def _found(self, pos: int) -> str:
        return f"'{self.text[pos]}'" if pos < len(self.text) else "the end of the query"

    def _term(self, start: int) -> _Token:
        text, pattern, wild = [], [], False
        while True:
            c = self._peek()
            if not c or c in _TERM_STOP:
                break
            if c == "\\":
                ch = self._escape()
                text.append(ch)
                pattern.append("\\" + ch if ch in "*?\\" else ch)
                continue
            if c in "*?":
                wild = True
            text.append(c)
            pattern.append(c)
            self.i += 1
        raw = self.text[start:self.i]
        if not raw:
            raise self._error(start, f"unexpected '{self.text[start]}'")
        if raw in _WORDS:
            return _Token(_WORDS[raw], start, raw=raw)
        return _Token("TERM", start, text="".join(text), pattern="".join(pattern), wild=wild, raw=raw)

    def _range(self, start: int) -> _Token:
        include_low = self.text[start] == "["
        self.i += 1
        low = self._bound(start)
        self._skip_space()
        if self.text[self.i:self.i + 2] != "TO" or self._peek(2) not in " \t\n\r\u3000":
            raise self._error(self.i, f"expected 'TO' between the bounds of the range, found {self._found(self.i)}")
        self.i += 2
        high = self._bound(start)
        self._skip_space()
        c = self._peek()
        if c not in ("]", "}"):
            raise self._error(self.i, f"expected ']' or '}}' to close the range opened at {start}, "
                              f"found {self._found(self.i)}")
        self.i += 1
        return _Token("RANGE", start, raw=self.text[start:self.i],
                      bounds=(low, high, include_low, c == "]"))

    def _skip_space(self) -> None:
        while self._peek() and self._peek() in " \t\n\r\u3000":
            self.i += 1

    def _bound(self, opened: int) -> str | None:
        self._skip_space()
        pos, c = self.i, self._peek()
        if c == '"':
            return self._quoted(pos, '"').text
        chars = []
        while (c := self._peek()) and c not in " \t\n\r\u3000]}":
            if c == "\\":
                chars.append(self._escape())
            else:
                chars.append(c)
                self.i += 1
        if not chars:
            raise self._error(pos, f"expected a bound of the range opened at {opened}, found {self._found(pos)}")
        return None if self.text[pos:self.i] == "*" else "".join(chars)


# ---- the parser -----------------------------------------------------------------------------

_MUST, _SHOULD, _MUST_NOT = "must", "should", "must_not"
_COMPARISONS = (">=", "<=", ">", "<")


@lru_cache(maxsize=2048)  # a dataview's few queries are parsed again for every frame it returns
def parse(text: str, default_operator: Operator = "OR") -> Node:
    """The tree of a Lucene query (immutable, so shared); blank text is :class:`MatchAll`.
    ``default_operator``: how clauses without ``AND``/``OR`` between them combine (Lucene's
    and ``frame_query``'s OR; label rules use AND)."""
    if default_operator not in ("OR", "AND"):
        raise ValueError(f"default_operator must be OR or AND, not {default_operator!r}")
    if not text or not text.strip():
        return MatchAll()
    return _Parser(_Lexer(text).tokens(), default_operator).parse()


class _Parser:
    def __init__(self, tokens: list[_Token], default_operator: Operator) -> None:
        self.tokens, self.k, self.operator = tokens, 0, default_operator

    def parse(self) -> Node:
        node = self._query(None)
        token = self._peek()
        if token.kind != "EOF":
            raise LuceneSyntaxError(token.pos, f"unexpected {_describe(token)} (no '(' to close)")
        return node

    def _peek(self, k: int = 0) -> _Token:
        return self.tokens[min(self.k + k, len(self.tokens) - 1)]

    def _take(self) -> _Token:
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
                    raise LuceneSyntaxError(token.pos, f"{_describe(token)} needs a clause before it")
                conjunction = token.kind
            modifier = self._take().kind if self._peek().kind in ("PLUS", "MINUS", "NOT") else None
            self._add(clauses, conjunction, modifier, self._clause(field))
        if not clauses:
            token = self._peek()
            raise LuceneSyntaxError(token.pos, f"expected a term, a phrase, a range or '(', found {_describe(token)}")
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
                                    f"found {_describe(closing)}")
        self.k += 1
        self._boost()
        return node

    def _field_value(self, name: _Token) -> Node:
        field = name.text
        if name.raw == "*":
            value = self._peek()
            if value.kind == "TERM" and value.raw == "*":
                self.k += 1
                return MatchAll()
            raise LuceneSyntaxError(value.pos, f"'*:' may only be followed by '*', found {_describe(value)}")
        if field == "_exists_":
            value = self._take()
            if value.kind not in ("TERM", "PHRASE") or value.wild:
                raise LuceneSyntaxError(value.pos, f"expected a field name after '_exists_:', found {_describe(value)}")
            return Exists(value.text)
        if self._peek().kind == "LPAREN":
            return self._group(field)
        return self._value(field, after=f"'{name.raw}:'")

    def _value(self, field: str | None, after: str | None = None) -> Node:
        token = self._take()
        if token.kind == "TERM":
            node = self._term(field, token)
        elif token.kind == "PHRASE":
            node = Term(field, token.text)
            if self._peek().kind == "FUZZY":  # a phrase slop: meaningless on whole values
                self.k += 1
        elif token.kind == "REGEX":
            node = Regexp(field, token.text)
        elif token.kind == "RANGE":
            node = Range(field, *token.bounds)
        else:
            where = f" after {after}" if after else ""
            raise LuceneSyntaxError(token.pos, f"expected a term, a phrase, a range or '('{where}, "
                                    f"found {_describe(token)}")
        self._boost()
        return node

    def _term(self, field: str | None, token: _Token) -> Node:
        comparison = next((op for op in _COMPARISONS if token.raw.startswith(op)), None)
        if comparison:
            return _comparison(field, token, comparison)
        if self._peek().kind == "FUZZY":
            fuzzy = self._take()
            if not token.wild:
                return Fuzzy(field, token.text, _distance(fuzzy))
        if token.wild:
            if token.pattern == "*":
                return Exists(field) if field else MatchAll()
            return Wildcard(field, token.pattern)
        return Term(field, token.text)

    def _boost(self) -> None:
        if self._peek().kind == "BOOST":
            self.k += 1


def _comparison(field: str | None, token: _Token, op: str) -> Range:
    """Elasticsearch's ``field:>=5`` shorthand for a half-open range."""
    value = token.text[len(op):]
    if not value:
        raise LuceneSyntaxError(token.pos + len(op), f"expected a value after '{op}'")
    if op.startswith(">"):
        return Range(field, value, None, include_low=op == ">=")
    return Range(field, None, value, include_high=op == "<=")


def _distance(token: _Token) -> int:
    """Lucene's edit distance of ``term~n``: 2 when absent; a fraction (the old similarity
    form) counts as 2 as well; at most 2."""
    if token.number is None or token.number < 1:
        return 2
    return min(int(token.number), 2)


def _combine(clauses: list[list]) -> Node:
    if len(clauses) == 1 and clauses[0][0] != _MUST_NOT:
        return clauses[0][1]
    parts: dict[str, list[Node]] = {_MUST: [], _SHOULD: [], _MUST_NOT: []}
    for occur, node in clauses:
        parts[occur].append(node)
    return Bool(tuple(parts[_MUST]), tuple(parts[_SHOULD]), tuple(parts[_MUST_NOT]))
