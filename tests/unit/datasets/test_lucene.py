"""The Lucene parser of dataview queries: the syntax ClearML users write, Lucene's classic
boolean semantics, and errors that say where and what."""

from __future__ import annotations

import pytest

from services.datasets.query.lucene import (
    Bool,
    Exists,
    Fuzzy,
    LuceneSyntaxError,
    MatchAll,
    Range,
    Regexp,
    Term,
    Wildcard,
    parse,
)
from tests.unit.datasets.samples import random_queries


def t(text, field=None):
    return Term(field, text)


@pytest.mark.parametrize(("query", "tree"), [
    ("car", t("car")),
    ('"Bus Stop"', t("Bus Stop")),
    ("meta.city:bremen", t("bremen", "meta.city")),
    ('meta.city:"New York"', t("New York", "meta.city")),
    # ClearML's documentation quotes values with single quotes: meta.dangerous:'yes'
    ("meta.dangerous:'yes'", t("yes", "meta.dangerous")),
    ("'Bus Stop'", t("Bus Stop")),
    ("O'Brien", t("O'Brien")),
    ("label.keyword:\"Car\"", t("Car", "label.keyword")),
    ("sources.meta.hash.source:(\"a\" OR \"b\")",
     Bool(should=(t("a", "sources.meta.hash.source"), t("b", "sources.meta.hash.source")))),
    ("a-b+c", t("a-b+c")),
    ("a&b", t("a&b")),
    ("ANDROID", t("ANDROID")),
    (r"path:C\:\\dir", t("C:\\dir", "path")),
    (r"x:\u0041b", t("Ab", "x")),
    ("2020\\-01", t("2020-01")),
])
def test_terms_phrases_and_fields(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "tree"), [
    ("meta.n:[1 TO 5]", Range("meta.n", "1", "5")),
    ("meta.n:{1 TO 5}", Range("meta.n", "1", "5", False, False)),
    ("meta.n:[1 TO 5}", Range("meta.n", "1", "5", True, False)),
    ("meta.n:{1 TO 5]", Range("meta.n", "1", "5", False, True)),
    ("meta.n:[* TO 5]", Range("meta.n", None, "5")),
    ("meta.n:[1 TO *]", Range("meta.n", "1", None)),
    ('meta.d:["2020-01-01" TO "2021-01-01"]', Range("meta.d", "2020-01-01", "2021-01-01")),
    ("meta.n:[ 1  TO  5 ]", Range("meta.n", "1", "5")),
    ("meta.n:>5", Range("meta.n", "5", None, include_low=False)),
    ("meta.n:>=5", Range("meta.n", "5", None)),
    ("meta.n:<5", Range("meta.n", None, "5", include_high=False)),
    ("meta.n:<=5.5", Range("meta.n", None, "5.5")),
    ("meta.n:>-3", Range("meta.n", "-3", None, include_low=False)),
])
def test_ranges_and_comparisons(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "tree"), [
    ("car*", Wildcard(None, "car*")),
    ("meta.name:c?r", Wildcard("meta.name", "c?r")),
    (r"a\*b*", Wildcard(None, r"a\*b*")),
    (r"a\*b", t("a*b")),
    ("meta.x:*", Exists("meta.x")),
    ("_exists_:meta.x", Exists("meta.x")),
    (r"_exists_:meta.\*", Exists("meta.*")),
    ("_exists_:meta.*", Wildcard("_exists_", "meta.*")),
    ("*", MatchAll()),
    ("*:*", MatchAll()),
    ("meta.name:/ca[rt]s?/", Regexp("meta.name", "ca[rt]s?")),
    (r"uri:/s3:\/\/b.*/", Regexp("uri", "s3://b.*")),
    # without a distance, Elasticsearch's AUTO: by the length of the term
    ("ca~", Fuzzy(None, "ca", 0)),
    ("cat~", Fuzzy(None, "cat", 1)),
    ("kitten~", Fuzzy(None, "kitten", 2)),
    ("cat~AUTO", Fuzzy(None, "cat", 1)),
    ("cat~1", Fuzzy(None, "cat", 1)),
    ("cat~2.0", Fuzzy(None, "cat", 2)),
    ("cat~1^2", Fuzzy(None, "cat", 1)),
    ("cat^2~1", Fuzzy(None, "cat", 1)),
    ('"a b"~x', t("a b")),
    # several fields by a pattern (escaped), all of them with *
    (r"meta.\*:x", t("x", "meta.*")),
    ("*:x", t("x", "*")),
    # Elasticsearch's reading: > alone is a term, >= alone is "greater than '='"
    ("meta.c:>", t(">", "meta.c")),
    ("meta.c:>=", Range("meta.c", "=", None, include_low=False)),
    ("meta.c:<=", Range("meta.c", None, "=", include_high=False)),
    ('meta.c:">5"', t(">5", "meta.c")),
    ('"a b"~3', t("a b")),
    ("car^2", t("car")),
    ("(a b)^0.5", Bool(should=(t("a"), t("b")))),
    ("", MatchAll()),
    ("   ", MatchAll()),
])
def test_wildcards_regexps_fuzzy_boosts_and_blank(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "tree"), [
    ("a b", Bool(should=(t("a"), t("b")))),
    ("a AND b", Bool(must=(t("a"), t("b")))),
    ("a && b", Bool(must=(t("a"), t("b")))),
    ("a OR b", Bool(should=(t("a"), t("b")))),
    ("a || b", Bool(should=(t("a"), t("b")))),
    ("NOT a", Bool(must_not=(t("a"),))),
    ("!a", Bool(must_not=(t("a"),))),
    ("-a", Bool(must_not=(t("a"),))),
    ("+a b", Bool(must=(t("a"),), should=(t("b"),))),
    ("a AND NOT b", Bool(must=(t("a"),), must_not=(t("b"),))),
    ("a NOT b", Bool(should=(t("a"),), must_not=(t("b"),))),
    ("a !b", Bool(should=(t("a"),), must_not=(t("b"),))),
    # Lucene's classic parser, as Elasticsearch's query_string: AND makes both neighbours
    # required, OR does not make them optional again: "a AND b OR c" is "+a +b c".
    ("a AND b OR c", Bool(must=(t("a"), t("b")), should=(t("c"),))),
    ("a OR b AND c", Bool(must=(t("b"), t("c")), should=(t("a"),))),
    ("(a AND b) OR c", Bool(should=(Bool(must=(t("a"), t("b"))), t("c")))),
    ("meta.x:(a b) -c", Bool(should=(Bool(should=(t("a", "meta.x"), t("b", "meta.x"))),), must_not=(t("c"),))),
    ("f:(a g:b)", Bool(should=(t("a", "f"), t("b", "g")))),
    ("((a))", t("a")),
    # Lucene's bare operators: +, - or ! before a space is a term of that character
    ("a - b", Bool(should=(t("a"), t("-"), t("b")))),
    ("+ ", t("+")),
    ("a ! ", Bool(should=(t("a"), t("!")))),
])
def test_boolean_semantics_with_or_as_default(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(("query", "tree"), [
    # FilterLabelRule.label: "'Bus Stop' Blue" is "label:'Bus Stop' AND label:'Blue'"
    ("'Bus Stop' Blue", Bool(must=(t("Bus Stop"), t("Blue")))),
    ("a OR b", Bool(should=(t("a"), t("b")))),
    ("a b OR c", Bool(must=(t("a"),), should=(t("b"), t("c")))),
    ("a -b", Bool(must=(t("a"),), must_not=(t("b"),))),
    # the AND operator's quirk: an explicit + after OR is optional
    ("a OR +b", Bool(should=(t("a"), t("b")))),
])
def test_boolean_semantics_with_and_as_default(query, tree):
    assert parse(query, "AND") == tree


@pytest.mark.parametrize(("query", "position", "words"), [
    ("a AND", 5, "found the end of the query"),
    ("AND a", 0, "'AND' needs a clause before it"),
    ("a OR OR b", 5, "found 'OR'"),
    ("(a b", 4, "expected ')' to close the '(' at 0"),
    ("a b)", 3, "unexpected ')'"),
    ("()", 1, "found ')'"),
    ("meta.x:", 7, "after 'meta.x:'"),
    ("meta.x: )", 8, "found ')'"),
    ('meta.x:"abc', 7, 'no closing "'),
    ("meta.x:[1 TO 5", 14, "expected ']' or '}' to close the range opened at 7"),
    ("meta.x:[1 5]", 10, "expected 'TO'"),
    ("meta.x:[1 TO ]", 13, "expected a bound"),
    ("a]", 1, "unexpected ']'"),
    ("a^", 2, "expected a number after '^'"),
    ("a^x", 2, "expected a number after '^', found 'x'"),
    ("a \\", 2, "escapes nothing"),
    ("a\\u12", 1, "four hexadecimal digits"),
    ("x:/ab", 2, "no closing '/'"),
    ("NOT NOT a", 4, "found 'NOT'"),
    ("_exists_:(a)", 9, "expected a field name after '_exists_:'"),
    ("a~0.8", 2, "a fuzzy edit distance is 0, 1, 2 or AUTO, not '0.8'"),
    ("a~3", 2, "not '3'"),
    ("a~b", 2, "not 'b'"),
    ("meta.*:x", 0, "a field name holds no wildcard"),
    ("a AND m?:x", 6, "a field name holds no wildcard"),
    ("-a)", 2, "unexpected ')'"),
    ("a -", 3, "found the end of the query"),
])
def test_invalid_queries_say_where_and_what(query, position, words):
    with pytest.raises(LuceneSyntaxError) as caught:
        parse(query)
    assert caught.value.position == position
    assert words in caught.value.message
    assert f"at position {position}" in str(caught.value)


def test_default_operator_must_be_or_or_and():
    with pytest.raises(ValueError):
        parse("a", "XOR")


def test_any_input_parses_or_says_where_it_is_wrong():
    for query in random_queries(5000):
        try:
            parse(query)
        except LuceneSyntaxError as exc:
            assert 0 <= exc.position <= len(query), query
