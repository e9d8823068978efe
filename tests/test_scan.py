"""`scan` (govorg.api.shapes) gives exactly what the scan of three regular expressions it replaced
gave: the same shape, values and offsets, or None for the same texts. The shape is the key of the
shape cache, so any difference would be a different cache; the earlier scan, kept here as the
reference, is checked against the new one on texts made of GraphQL-ish tokens and of the
characters that make a text unreadable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govorg.api.shapes import Scanned, scan

PAGE_QUERY = (Path(__file__).resolve().parent / "queries" / "leadership-page.graphql").read_text(encoding="utf-8")

# The reference: govorg.api.shapes.scan as it was before it was made one pass (commit 78528ae).
_VALID = re.compile(
    r'(?:[ \t\n\r,\ufeff]++|#[^\n\r]*+|"(?!"")[^"\\\x00-\x08\x0a-\x1f]*+"|-?\d[\w.+-]*+'
    r"|[_A-Za-z][_0-9A-Za-z]*+|\.\.\.|[!$&():=@\[\]{|}])*+"
)
_LITERAL = re.compile(r'(?P<s>"[^"]*")|(?<![_0-9A-Za-z])(?P<n>-?\d[\w.+-]*)|(?P<c>#[^\n\r]*)')
_TOKEN = re.compile(r"\x00[sif]|[_0-9A-Za-z]+|\.\.\.|[^ \t\n\r,\ufeff]")
_STRING, _INTEGER, _DECIMAL = "\x00s", "\x00i", "\x00f"
_INT = re.compile(r"-?(?:0|[1-9]\d*)")
_FLOAT = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")


def reference_scan(query: str) -> Scanned | None:
    if _VALID.fullmatch(query) is None:
        return None
    values: list[str | int | float] = []
    starts: list[int] = []
    strict = True

    def blank(match: re.Match[str]) -> str:
        nonlocal strict
        text = match.group()
        if match.lastgroup == "c":
            return " "
        starts.append(match.start())
        if match.lastgroup == "s":
            values.append(text[1:-1])
            return _STRING
        if _INT.fullmatch(text):
            values.append(int(text))
            return _INTEGER
        if _FLOAT.fullmatch(text):
            values.append(float(text))
            return _DECIMAL
        strict = False
        return text

    blanked = _LITERAL.sub(blank, query)
    if not strict:
        return None
    return Scanned(" ".join(_TOKEN.findall(blanked)), tuple(values), tuple(starts))


# Tokens, good and bad, and what goes between them. Names with digits (and digits after a name, which
# the scan reads apart: `a-1`, `a١`), strings (empty, with spaces, escapes, unicode, a tab, control
# characters, a comment sign, a lone quote, block strings), numbers the lexer reads and numbers it
# refuses, unicode digits and letters, comments, punctuators, spreads and stray characters.
TOKENS = [
    *["a", "u12", "_x9", "A", "on", "first", "__typename", "_govorg_lift0", "s", "i", "f"],
    *['"x"', '""', '"a b"', '"2001-02-03"', '"第10区人民政府"', '"é"', '"\t"', '"#"', '"1"', '"{"', '"\x7f"'],
    *['"\\n"', '"\\u0041"', '"a\\"b"', '"""', '"""x"""', '"', '"\x01"', '"\x0b"', '"a\nb"', '"\r"'],
    *["0", "1", "-1", "-0", "12", "1.5", "-1.5", "1e5", "1E+2", "1.5e-3", "9" * 25, "1e999", "-12.25"],
    *["00", "012", "1.", "1.e5", ".5", "0x1", "1abc", "1_0", "1+2", "1-2", "1.5.5", "1e", "1e+", "-", "--1"],
    *["١", "٢", "1١", "-١", "1.5١", "中", "é", "ǅ"],
    *["#", "# a comment", '# "x" 1 {', "#\x00\x01", "#\t"],
    *list("{}()[]:=@!$&|"),
    *[".", "..", "...", "...."],
    *["'", "\\", "%", "+", "?", "*", "~", "^", "`", ";", "<", ">", "/", "\x00", "\x01", "\x0b", "\x0c", "\x1f"],
    *["\x85", "\xa0", "\u2028", "\u3000", "\ufeff"],
]
SEPARATORS = ["", "", " ", "  ", ",", ", ", "\n", "\r", "\r\n", "\t", "\ufeff"]

texts = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=24).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


def cut_into(text: str) -> st.SearchStrategy[str]:
    """The text with generated tokens put in at a place, or a part of it cut out."""
    return st.one_of(
        st.tuples(st.integers(0, len(text)), texts).map(lambda a: text[: a[0]] + a[1] + text[a[0] :]),
        st.tuples(st.integers(0, len(text)), st.integers(0, 40)).map(lambda a: text[: a[0]] + text[a[0] + a[1] :]),
    )


def same(query: str) -> None:
    assert scan(query) == reference_scan(query), repr(query)


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(texts)
@example("a-1")
@example("[A-1]")
@example("a١")
@example("a١x1")
@example("a١.5")
@example("a١٢")
@example("a١-1")
@example("a-1x")
@example('# "x" 1\n{ a }')
def test_scan_is_the_reference_on_generated_texts(query: str) -> None:
    same(query)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.one_of(cut_into(PAGE_QUERY), st.text(max_size=40)))
def test_scan_is_the_reference_on_changed_page_queries_and_any_text(query: str) -> None:
    same(query)


@pytest.mark.parametrize(
    "query",
    [
        PAGE_QUERY,
        "\ufeff" + PAGE_QUERY.replace(" ", "\n\t,"),
        "# the page\r\n" + PAGE_QUERY.replace('"2001-02-03"', '"2001-02-03" # the day\n'),
        '{ holders(post: {organisation: "x", title: "y"}, on: "2001-02-03") { person { name } } }',
        "{ people(first: 10) { id } }",
        "query Q($first: Int = 5) { people(first: $first) { ...F } } fragment F on Person { id }",
        '{ people(first: -0, after: 1.5e3, at: [1, 2.0, "3"]) { id } }',
        "",
        " ,\n",
        "# only a comment",
    ],
    ids=["page", "page-spaced", "page-commented", "holders", "int", "fragment", "numbers", "empty", "blank", "comment"],
)
def test_scan_is_the_reference_on_queries(query: str) -> None:
    same(query)
    assert scan(query) is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            '{ f(a: "x", b: -1, c: 1.5e3) }',
            Scanned("{ f ( a : \x00s b : \x00i c : \x00f ) }", ("x", -1, 1500.0), (7, 15, 22)),
        ),
        ("{a{...on T{b}}}", Scanned("{ a { ... on T { b } } }", (), ())),
        ("[A-1]", Scanned("[ A - \x00i ]", (1,), (3,))),  # as the reference reads it
        ('{ f(a: "x\\"") }', None),
        ('{ f(a: """x""") }', None),
        ("{ f(a: 1.e5) }", None),
        ("{ f(a: 0x1) }", None),
        ("{ f(a: 'x') }", None),
    ],
    ids=["literals", "spread", "glued", "escape", "block-string", "bad-float", "hex", "quote"],
)
def test_scan_reads(query: str, expected: Scanned | None) -> None:
    assert scan(query) == expected
    assert reference_scan(query) == expected
