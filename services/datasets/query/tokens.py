"""The tokens of Lucene's query syntax (``lucene`` parses them): terms with their escapes and
wildcards, phrases, regular expressions, whole ranges, boosts and fuzzy suffixes, operators.
Each token keeps its 0-based position for the errors."""

from __future__ import annotations

from dataclasses import dataclass

# Characters that end an unquoted term (Lucene's classic grammar); ``+``/``-`` may continue one.
_SPACE = frozenset(" \t\n\r\u3000")
_TERM_STOP = _SPACE | frozenset('!():^[]"{}~/')
_WORDS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}
_SYMBOLS = {"(": "LPAREN", ")": "RPAREN", ":": "COLON", "+": "PLUS", "-": "MINUS", "!": "NOT"}


class LuceneSyntaxError(ValueError):
    """An invalid query: ``position`` (0-based character offset) and a ``message`` saying what
    was expected and what was found."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(f"{message} (at position {position})")
        self.position = position
        self.message = message


@dataclass(frozen=True)
class Token:
    kind: str  # TERM PHRASE REGEX RANGE BOOST FUZZY LPAREN RPAREN COLON PLUS MINUS NOT AND OR EOF
    pos: int
    text: str = ""  # TERM/PHRASE: the value unescaped; REGEX: the pattern; FUZZY: what follows ~
    pattern: str = ""  # TERM: the wildcard form
    wild: bool = False
    raw: str = ""  # as written
    bounds: tuple = ()  # RANGE: (low, high, include_low, include_high)
    number: float | None = None  # BOOST


def describe(token: Token) -> str:
    if token.kind == "EOF":
        return "the end of the query"
    return f"'{token.raw}'"


class Lexer:
    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0

    def tokens(self) -> list[Token]:
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

    def _next(self) -> Token:
        self._skip_space()
        start, c = self.i, self._peek()
        if not c:
            return Token("EOF", start)
        if c in "+-!" and self._peek(1) in _SPACE:
            # Lucene's "bare operator": +, - or ! before a space is a term of that character
            self.i += 1
            return Token("TERM", start, text=c, pattern=c, raw=c)
        if c in _SYMBOLS:
            self.i += 1
            return Token(_SYMBOLS[c], start, raw=c)
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

    def _quoted(self, start: int, quote: str) -> Token:
        self.i += 1
        chars = []
        while True:
            c = self._peek()
            if not c:
                raise self._error(start, f"the phrase opened here has no closing {quote}")
            if c == quote:
                self.i += 1
                return Token("PHRASE", start, text="".join(chars), raw=self.text[start:self.i])
            chars.append(self._escape() if c == "\\" else c)
            if c != "\\":
                self.i += 1

    def _regex(self, start: int) -> Token:
        self.i += 1
        chars = []
        while True:
            c = self._peek()
            if not c:
                raise self._error(start, "the regular expression opened here has no closing '/'")
            if c == "/":
                self.i += 1
                return Token("REGEX", start, text="".join(chars), raw=self.text[start:self.i])
            if c == "\\" and self._peek(1) == "/":
                chars.append("/")
                self.i += 2
                continue
            chars.append(c)
            self.i += 1

    def _suffix(self, start: int, c: str) -> Token:
        """``^n`` (a boost: a number is required) or ``~`` with what follows it up to the end of
        the word (Lucene's fuzzy slop: a distance, ``AUTO``, or nothing); the parser judges it."""
        self.i += 1
        j = self.i
        if c == "^":
            while self._peek() and (self._peek().isdigit() or self._peek() == "."):
                self.i += 1
        else:
            while self._peek() and self._peek() not in _TERM_STOP:
                self.i += 1
        digits = self.text[j:self.i]
        if c == "~":
            return Token("FUZZY", start, text=digits, raw=self.text[start:self.i])
        if not digits:
            raise self._error(j, f"expected a number after '^', found {self._found(j)}")
        try:
            number = float(digits)
        except ValueError:
            raise self._error(j, f"'{digits}' is not a number") from None
        return Token("BOOST", start, raw=self.text[start:self.i], number=number)

    def _found(self, pos: int) -> str:
        return f"'{self.text[pos]}'" if pos < len(self.text) else "the end of the query"

    def _term(self, start: int) -> Token:
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
            return Token(_WORDS[raw], start, raw=raw)
        return Token("TERM", start, text="".join(text), pattern="".join(pattern), wild=wild, raw=raw)

    def _range(self, start: int) -> Token:
        include_low = self.text[start] == "["
        self.i += 1
        low = self._bound(start)
        self._skip_space()
        if self.text[self.i:self.i + 2] != "TO" or self._peek(2) not in _SPACE | {""}:
            raise self._error(self.i, f"expected 'TO' between the bounds of the range, found {self._found(self.i)}")
        self.i += 2
        high = self._bound(start)
        self._skip_space()
        c = self._peek()
        if c not in ("]", "}"):
            raise self._error(self.i, f"expected ']' or '}}' to close the range opened at {start}, "
                              f"found {self._found(self.i)}")
        self.i += 1
        return Token("RANGE", start, raw=self.text[start:self.i],
                      bounds=(low, high, include_low, c == "]"))

    def _skip_space(self) -> None:
        while self._peek() and self._peek() in _SPACE:
            self.i += 1

    def _bound(self, opened: int) -> str | None:
        self._skip_space()
        pos, c = self.i, self._peek()
        if c == '"':
            return self._quoted(pos, '"').text
        chars = []
        while (c := self._peek()) and c not in _SPACE and c not in "]}":
            if c == "\\":
                chars.append(self._escape())
            else:
                chars.append(c)
                self.i += 1
        if not chars:
            raise self._error(pos, f"expected a bound of the range opened at {opened}, found {self._found(pos)}")
        return None if self.text[pos:self.i] == "*" else "".join(chars)
