"""Properties of the Lucene parser of dataview queries (``services.datasets.query``; issue 18,
item 3).

- any text -> a tree, or ``LuceneSyntaxError`` with a position inside the text (0 to its
  length, the end meaning "at the end of the query"); through the rules, a 400/19 that names
  the field and that position; a parsed tree compiles to an Elasticsearch query or a ClearML
  400, never another exception;
- printing and re-parsing: a generated tree, written in Lucene syntax by the printer below
  (phrases for terms, escapes for every other character that is not a letter or digit), parses
  back to the same tree.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from services.datasets.query import lucene, rules
from services.datasets.query.lucene import Bool, Exists, Fuzzy, MatchAll, Range, Regexp, Term, Wildcard
from shared.errors import ApiError

# Bounded so the unit tier stays fast (about a second each); ``--hypothesis-seed`` explores others.
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = {"AND", "OR", "NOT", "_exists_"}

# Text that is often nearly Lucene: its syntax characters, words and some arbitrary unicode.
lucene_text = st.lists(st.sampled_from(['"', "'", "\\", "/", ":", "(", ")", "[", "]", "{", "}", "~", "^", "*", "?",
                                        "+", "-", "!", " ", "AND", "OR", "NOT", "&&", "||", "TO", "_exists_", "a",
                                        "meta.city", "\\u00e9", "\\u12", "<", ">=", "1", "2.5", "AUTO", "\u3000"])
                       | st.text(max_size=3), max_size=14).map("".join)


@BOUNDED
@given(lucene_text | st.text(max_size=30))
@example('a AND "b')
@example("\\")
@example("[a TO")
def test_any_text_parses_or_says_where_inside_it_is_wrong(text):
    try:
        lucene.parse(text)
    except lucene.LuceneSyntaxError as error:
        assert 0 <= error.position <= len(text) and error.message
        with_rule = _api_error(lambda: rules.frame_query(text, {"field": "frame_query", "rule": 2}))
        assert (with_rule.code, with_rule.subcode) == (400, 19)
        assert with_rule.data["position"] == error.position and with_rule.data["field"] == "frame_query"
        assert with_rule.data["rule"] == 2


@BOUNDED
@given(lucene_text)
@example("meta.x:[a TO b] AND /(a+)+/")
@example("meta.size:>=abc")
def test_a_parsed_query_compiles_to_elasticsearch_or_a_clearml_400(text):
    for compile_ in (rules.frame_query, rules.sources_query):
        try:
            query = compile_(text)
        except ApiError as error:
            assert error.code == 400 and error.spec is not None
            continue
        assert query is None or json.loads(json.dumps(query)) == query


def _api_error(call) -> ApiError:
    try:
        call()
    except ApiError as error:
        return error
    raise AssertionError("no error")


# ---- a printer, and trees it can print ---------------------------------------------------

def _escaped(text: str) -> str:
    """Every character that is not a letter or digit escaped (``\\`` before it): never a
    syntax character, a word or a ``\\uXXXX`` escape."""
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in text)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pattern_printed(pattern: str) -> str:
    """A wildcard pattern (``\\`` escapes a literal) in the lexer's syntax."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append("\\" + pattern[i + 1])
            i += 2
        else:
            out.append(pattern[i] if pattern[i] in "*?" else _escaped(pattern[i]))
            i += 1
    return "".join(out)


def _prefix(field: str | None) -> str:
    return "" if field is None else _escaped(field) + ":"


def printed(node: lucene.Node) -> str:
    if isinstance(node, Term):
        return _prefix(node.field) + _quoted(node.text)
    if isinstance(node, Wildcard):
        return _prefix(node.field) + _pattern_printed(node.pattern)
    if isinstance(node, Regexp):
        return _prefix(node.field) + "/" + node.pattern.replace("/", "\\/") + "/"
    if isinstance(node, Fuzzy):
        return _prefix(node.field) + _escaped(node.text) + f"~{node.distance}"
    if isinstance(node, Range):
        low, high = ("*" if b is None else _quoted(b) for b in (node.low, node.high))
        return _prefix(node.field) + ("[" if node.include_low else "{") + f"{low} TO {high}" + \
            ("]" if node.include_high else "}")
    if isinstance(node, Exists):
        return "_exists_:" + _escaped(node.field)
    if isinstance(node, MatchAll):
        return "*:*"
    clauses = [*("+" + printed(n) for n in node.must), *(printed(n) for n in node.should),
               *("-" + printed(n) for n in node.must_not)]
    return "(" + " ".join(clauses) + ")"


names = st.text(min_size=1, max_size=6).filter(lambda name: name not in WORDS)
fields = st.none() | names
literal = st.characters()
wildcard_patterns = st.lists(st.sampled_from(["*", "?"]) | literal.map(lambda c: "\\" + c if c in "*?\\" else c),
                             min_size=1, max_size=5).map("".join).filter(
    lambda p: p != "*" and any(piece in "*?" for piece in p.replace("\\*", "").replace("\\?", "")))
fuzzy_texts = st.text(min_size=1, max_size=6).filter(lambda t: t not in WORDS and not (len(t) > 1 and t[0] in "<>"))
leaves = st.one_of(
    st.builds(Term, fields, st.text(max_size=6)),
    st.builds(Wildcard, fields, wildcard_patterns),
    st.builds(Regexp, fields, st.text(max_size=6).filter(lambda p: not p.endswith("\\"))),
    st.builds(Fuzzy, fields, fuzzy_texts, st.sampled_from([0, 1, 2])),
    st.builds(Range, fields, st.none() | st.text(max_size=4), st.none() | st.text(max_size=4), st.booleans(),
              st.booleans()),
    st.builds(Exists, names),
    st.just(MatchAll()),
)


def _as_parsed(tree: Bool) -> Bool:
    """One clause alone parses as that clause, not a boolean query (unless it is excluded):
    such a tree gets a second clause."""
    clauses = len(tree.must) + len(tree.should) + len(tree.must_not)
    if clauses >= 2 or (tree.must_not and clauses == 1):
        return tree
    return Bool(tree.must, tree.should + (MatchAll(),) * (2 - clauses), tree.must_not)


def _bools(inner):
    parts = st.lists(inner, max_size=2).map(tuple)
    return st.builds(Bool, parts, parts, parts).map(_as_parsed)


trees = st.recursive(leaves, _bools, max_leaves=6)


@settings(BOUNDED, max_examples=80)
@given(trees)
@example(Term("a b", 'say "hi" \\u0041'))
@example(Wildcard("meta.*", "\\*x?"))
@example(Bool(must_not=(Exists("AUTO"),)))
@example(Fuzzy(None, "<", 1))
def test_a_printed_tree_parses_back_to_itself(tree):
    text = printed(tree)
    assert lucene.parse(text) == tree, text
