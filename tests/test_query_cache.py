"""The shape cache (govorg.api.shapes) and the answer cache's key: a cached answer, data and errors,
is always the answer of the full path, on the first, second and third asking and with other
literal values."""

from __future__ import annotations

import hashlib
import time
from typing import Any, cast

import orjson
import pytest
import strawberry
from graphql import get_argument_values, print_ast
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from govorg.api.app import _answer, create_app
from govorg.api.lean import lean
from govorg.api.limits import Limits, LimitsExtension
from govorg.api.schema import INDEXED_FIELDS, Query, make_schema
from govorg.api.shapes import Quick, Shapes, scan
from govorg.registry import Registry

LIMITS = Limits(max_depth=6, max_aliases=3, max_cost=2_000)
HOLDERS = '{ holders(organisation: "%s", title: "%s", on: "%s") { person { id name } certainty } }'

CASES: list[tuple[str, str, dict[str, Any] | None, str | None]] = [
    ("literals", HOLDERS % ("区房管局", "副局长", "2021-07-01"), None, None),
    ("literals-no-holder", HOLDERS % ("示例第一中学", "校长", "2021-07-01"), None, None),
    ("unknown-organisation", HOLDERS % ("无此单位", "副局长", "2021-07-01"), None, None),
    ("bad-date-literal", HOLDERS % ("区房管局", "副局长", "2021-13-01"), None, None),
    ("int-for-string", '{ holders(organisation: 5, title: "副局长") { certainty } }', None, None),
    ("float-for-int", "{ people(first: 1.0) { id } }", None, None),
    ("int-for-id", "{ person(id: 5) { id } }", None, None),
    ("string-for-enum", '{ committees(kind: "leading_group") { name } }', None, None),
    ("enum", "{ committees(kind: LEADING_GROUP) { name } }", None, None),
    ("unknown-field", '{ person(id: "li-si") { id nickname } }', None, None),
    ("syntax-error", '{ person(id: "li-si") { id ', None, None),
    ("escaped-string", '{ person(id: "li\\u002dsi") { id name } }', None, None),
    ("block-string", '{ person(id: """li-si""") { id name } }', None, None),
    ("fragment", '{ person(id: "li-si") { ...P } } fragment P on Person { id name }', None, None),
    ("unused-fragment", '{ person(id: "li-si") { id } } fragment P on Person { id name }', None, None),
    ("variables", "query Q($p: ID!) { person(id: $p) { id name } }", {"p": "li-si"}, None),
    ("variables-bad-value", "query Q($p: ID!) { person(id: $p) { id name } }", {"p": [1]}, None),
    ("variables-missing", "query Q($p: ID!) { person(id: $p) { id name } }", None, None),
    (
        "mixed",
        'query Q($on: Date) { holders(organisation: "区房管局", title: "副局长", on: $on) { certainty } }',
        {"on": "2021-07-01"},
        None,
    ),
    ("aliases", '{ a: person(id: "li-si") { id } b: person(id: "wang-feng") { id } }', None, None),
    ("same-alias-same-args", '{ a: person(id: "li-si") { id } a: person(id: "li-si") { id } }', None, None),
    ("same-alias-other-args", '{ a: person(id: "li-si") { id } a: person(id: "wang-feng") { id } }', None, None),
    (
        "too-many-aliases",
        "{ a: registry { dataVersion } b: registry { dataVersion } c: registry { dataVersion } d: registry { dataVersion } }",
        None,
        None,
    ),
    (
        "too-deep",
        '{ organisation(name: "区房管局") { parent { parent { parent { parent { parent { id } } } } } } }',
        None,
        None,
    ),
    ("too-costly-literal", "{ people(first: 5000) { id } }", None, None),
    ("costly-by-variable", "query Q($n: Int) { people(first: $n) { id } }", {"n": 5000}, None),
    ("cheap-by-variable", "query Q($n: Int) { people(first: $n) { id } }", {"n": 2}, None),
    ("first-literal", "{ people(first: 2) { id } }", None, None),
    ("negative-first", "{ people(first: -1) { id } }", None, None),
    ("resolver-error", "{ cursor(received: -1) }", None, None),
    ("directive-literal", '{ person(id: "li-si") { id name @include(if: false) } }', None, None),
    ("two-operations-a", 'query A { person(id: "li-si") { id } } query B { registry { dataVersion } }', None, "A"),
    ("two-operations-b", 'query A { person(id: "li-si") { id } } query B { registry { dataVersion } }', None, "B"),
    ("two-operations-none", 'query A { person(id: "li-si") { id } } query B { registry { dataVersion } }', None, None),
    ("unknown-operation", 'query A { person(id: "li-si") { id } }', None, "C"),
    ("mutation", '{ person(id: "li-si") { id } } mutation M { x }', None, None),
    ("list-literal", '{ inCharge(organisation: "区房管局", absent: ["li-si"]) { unit { id } } }', None, None),
    ("odd-character", '{ person(id: "li-si") { id } } %', None, None),
    (
        "lifted-name-used",
        "query Q($_govorg_lift0: ID!) { person(id: $_govorg_lift0) { id } }",
        {"_govorg_lift0": "li-si"},
        None,
    ),
    ("huge-int", "{ people(first: 99999999999) { id } }", None, None),
    (
        "repeated-values",
        '{ a: holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { certainty } '
        'b: holders(organisation: "示例第一中学", title: "副局长", on: "2021-07-01") { certainty } }',
        None,
        None,
    ),
    (
        "one-value-two-types",
        '{ person(id: "li-si") { id } holders(organisation: "li-si", title: "li-si") { certainty } }',
        None,
        None,
    ),
]


def full_path(registry: Registry, query: str, variables: dict[str, Any] | None, operation: str | None) -> Any:
    served = make_schema(LIMITS)
    try:
        result = served.execute_sync(
            query, variable_values=variables, operation_name=operation, context_value={"registry": registry}
        )
    except Exception as exc:  # strawberry raises for a missing operation or a mutation; the app maps them
        return type(exc).__name__
    return orjson.loads(orjson.dumps(_answer(result.errors, result.data)))


def cached_path(
    shapes: Shapes, registry: Registry, query: str, variables: dict[str, Any] | None, operation: str | None
) -> Any:
    fast = shapes.run(query, variables, operation, {"registry": registry})
    if fast is None:
        return full_path(registry, query, variables, operation)
    return orjson.loads(orjson.dumps(_answer(None, fast.data)))


@pytest.mark.parametrize(("query", "variables", "operation"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cached_answer_is_the_full_paths_answer(
    tiny_registry: Registry, query: str, variables: dict[str, Any] | None, operation: str | None
) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    expected = full_path(tiny_registry, query, variables, operation)
    for _ in range(3):
        assert cached_path(shapes, tiny_registry, query, variables, operation) == expected


FAST = ["literals", "literals-no-holder", "fragment", "variables", "mixed", "aliases", "cheap-by-variable"]
FAST += ["first-literal", "int-for-id", "enum", "directive-literal", "two-operations-a"]


@pytest.mark.parametrize("name", FAST)
def test_valid_queries_take_the_fast_path(tiny_registry: Registry, name: str) -> None:
    _, query, variables, operation = next(c for c in CASES if c[0] == name)
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    for _ in range(3):
        assert shapes.run(query, variables, operation, {"registry": tiny_registry}) is not None
    assert (shapes.misses, shapes.hits) == (1, 2)


def test_a_value_repeated_in_one_query_is_one_variable(tiny_registry: Registry) -> None:
    """Literals of one value lifted into variables of one type share a variable; which literals
    are equal is part of the document's key, so a query of the same shape with other equalities
    gets its own document, and both answer as the full path does."""
    shapes = Shapes(make_schema(LIMITS), LIMITS)

    def part(organisation: str, title: str, day: str) -> str:
        return f'holders(organisation: "{organisation}", title: "{title}", on: "{day}") {{ certainty }}'

    first = part("区房管局", "副局长", "2021-07-01")
    same_day = f"{{ a: {first} b: {part('示例第一中学', '校长', '2021-07-01')} }}"
    two_days = f"{{ a: {first} b: {part('示例第一中学', '校长', '2021-01-01')} }}"
    declared = []
    for query in (same_day, two_days):
        assert cached_path(shapes, tiny_registry, query, None, None) == full_path(tiny_registry, query, None, None)
        compiled = list(shapes._documents.values())[-1]
        operation = compiled.document.definitions[0]
        declared.append(sorted(print_ast(d.type) for d in operation.variable_definitions))
    assert declared[0] == ["Date", "String!", "String!", "String!", "String!"]  # the day once
    assert declared[1] == ["Date", "Date", "String!", "String!", "String!", "String!"]
    assert shapes.misses == 2


def test_other_literal_values_share_one_document(tiny_registry: Registry) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    asked = [
        ("区房管局", "副局长", "2021-07-01"),
        ("示例区住房保障和房屋管理局", "副局长", "2021-05-01"),
        ("示例第一中学", "校长", "2021-01-01"),
        ("示例第一中学", "校长", "2021-13-01"),  # not a day: the full path's error
        ("无此单位", "局长", "2020-02-02"),
    ]
    for values in asked:
        query = HOLDERS % values
        assert cached_path(shapes, tiny_registry, query, None, None) == full_path(tiny_registry, query, None, None)
    assert shapes.misses == 1


DAYS = st.dates().map(lambda d: d.isoformat()) | st.text(max_size=12)
NAMES = st.sampled_from(["区房管局", "示例第一中学", "示例区人民政府", "gov", "school"]) | st.text(max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    organisation=NAMES,
    title=st.sampled_from(["副局长", "校长", "局长"]) | st.text(max_size=6),
    on=DAYS,
    first=st.integers(-3, 3000),
)
def test_any_literal_values_give_the_full_paths_answer(
    tiny_registry: Registry, organisation: str, title: str, on: str, first: int
) -> None:
    query = (
        f"{{ holders(organisation: {orjson.dumps(organisation).decode()}, title: {orjson.dumps(title).decode()}, "
        f"on: {orjson.dumps(on).decode()}, first: {first}) {{ person {{ id }} certainty }} }}"
    )
    assert cached_path(SHARED, tiny_registry, query, None, None) == full_path(tiny_registry, query, None, None)


SHARED = Shapes(make_schema(LIMITS), LIMITS)


def test_the_shape_cache_is_bounded(tiny_registry: Registry) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS, max_shapes=3, max_documents=3)
    for n in range(10):
        query = f'{{ person(id: "li-si") {{ id {"name " * n} }} }}'
        assert shapes.run(query, None, None, {"registry": tiny_registry}) is not None
    assert len(shapes) == 3


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ('{ person(id: "li-si") { id } }', '{person(id:"li-si"){id}}', True),
        ('{ person(id: "li-si") { id } }', '# a comment\n{ person(id: "li-si"), { id, } }', True),
        ('{ person(id: "li-si") { id } }', '{ person(id: "li si") { id } }', False),
        ('{ person(id: "a b") { id } }', '{ person(id: "a" b") { id } }', False),
        ("{ people(first: 1) { id } }", "{ people(first: 1.0) { id } }", False),
    ],
    ids=["spaces", "comments-and-commas", "other-value", "string-with-space", "int-and-float"],
)
def test_the_normal_form_ignores_only_what_graphql_ignores(a: str, b: str, same: bool) -> None:
    scanned_a, scanned_b = scan(a), scan(b)
    if scanned_b is None:
        assert not same
        return
    assert scanned_a is not None
    assert ((scanned_a.shape, scanned_a.values) == (scanned_b.shape, scanned_b.values)) is same


@pytest.mark.parametrize(
    "literal",
    ["-9223372036854775809", "99999999999999999999999", "1e999", "-1e999"],
    ids=["int64", "huge", "inf", "-inf"],
)
def test_numbers_json_cannot_hold_get_an_answer(tiny_registry: Registry, literal: str) -> None:
    client = TestClient(create_app(tiny_registry))
    answer = client.post("/graphql", json={"query": f"{{ people(first: {literal}) {{ id }} }}"})
    assert answer.status_code == 200
    assert "errors" in answer.json()


def test_the_answer_cache_and_etag_ignore_whitespace(tiny_registry: Registry) -> None:
    client = TestClient(create_app(tiny_registry))
    first = client.post("/graphql", json={"query": '{ person(id: "li-si") { id name } }'})
    second = client.post("/graphql", json={"query": '{\n  person(id: "li-si") {\n    id\n    name\n  }\n}'})
    assert first.status_code == second.status_code == 200
    assert first.headers["etag"] == second.headers["etag"]
    assert first.content == second.content
    other = client.post("/graphql", json={"query": '{ person(id: "wang-feng") { id name } }'})
    assert other.headers["etag"] != first.headers["etag"]


LEAN_CASES = {
    "holders": '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { id name printedNames } post { title } certainty on onProbation acting tenure { id start { text } end { text } certainty probation { months } confirmed { text } } } }',
    "person": '{ person(id: "li-si") { id name printedNames } timeline(person: "li-si") { tenures { id post { title } start { text } } } }',
    "organisation": '{ organisation(name: "区房管局") { id name officialName shortNames brandNames formerNames { name } kind note } }',
    "documents": "{ documents { id number canonicalNumber title issuer date { text } kind publishedIn { id } page } }",
    "leaders": '{ leaders(on: "2022-01-01") { order person { name } printed inCharge { printed name organisations { id } } standIns { id } source { id } inForceFrom } }',
    "committees": '{ committees(on: "2022-01-01") { name seats { role member { name } resolution } } }',
    "registry": "{ registry { dataVersion files counts { documents organisations people appointments } earliest latest } }",
    # arguments: a list strawberry copies, an enum, paging, a Date, a default left out
    "absent": '{ inCharge(organisation: "区房管局", on: "2022-01-01", absent: ["li-si", "wang-feng"]) { inCharge { person { id } } standIns { absent { id } standIn { id } path { id } } } }',
    "enum": '{ committees(kind: LEADING_GROUP) { name } central(measure: DEGREE, on: "2022-01-01") { score } }',
    "paging": '{ people(first: 2, after: "bzoy") { id } organisations(first: 3) { id } }',
    "people-named": '{ people(name: "王 峰") { id } person(id: "wang-feng") { posts(on: "2021-07-01") { post { title } } } }',
}


@pytest.mark.parametrize("query", list(LEAN_CASES.values()), ids=list(LEAN_CASES))
def test_lean_resolvers_answer_as_strawberrys_own(tiny_registry: Registry, query: str) -> None:
    plain = strawberry.Schema(query=Query, extensions=[lambda: LimitsExtension(Limits())])
    leaned = make_schema(Limits())
    context = {"registry": tiny_registry}
    expected = plain.execute_sync(query, context_value=context)
    got = leaned.execute_sync(query, context_value=context)
    assert not expected.errors, expected.errors
    assert _answer(got.errors, got.data) == _answer(expected.errors, expected.data)
    assert lean(plain) > 50  # the schema has plain method fields to make lean


def _persisted(query: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}


def test_persisted_queries_follow_apollos_protocol(tiny_registry: Registry) -> None:
    client = TestClient(create_app(tiny_registry))
    query = '{ person(id: "li-si") { id name } }'
    unknown = client.post("/graphql", json={"extensions": _persisted(query)})
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = client.post("/graphql", json={"query": query, "extensions": _persisted(query)})
    by_hash = client.post("/graphql", json={"extensions": _persisted(query)})
    by_get = client.get("/graphql", params={"extensions": orjson.dumps(_persisted(query)).decode()})
    plain = client.post("/graphql", json={"query": query})
    assert (
        registered.json()
        == by_hash.json()
        == by_get.json()
        == plain.json()
        == {"data": {"person": {"id": "li-si", "name": "李四"}}}
    )
    assert by_hash.headers["etag"] == plain.headers["etag"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"query": "{ registry { files } }", "extensions": _persisted("{ other }")},
            "provided sha does not match query",
        ),
        ({"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "ab"}}}, "Unsupported persisted query version"),
        ({"extensions": {"persistedQuery": {"version": 1}}}, "sha256Hash must be a string"),
    ],
    ids=["wrong-hash", "version", "no-hash"],
)
def test_bad_persisted_queries_get_400(tiny_registry: Registry, body: dict[str, Any], message: str) -> None:
    answer = TestClient(create_app(tiny_registry)).post("/graphql", json=body)
    assert answer.status_code == 400
    assert message in answer.json()["errors"][0]["message"]


# -- direct execution (govorg.api.direct) -------------------------------------------------------

# A value for each required argument of a root field, in the tiny registry.
SAMPLES = {
    "person": '"li-si"',
    "other": '"wang-feng"',
    "id": '"li-si"',
    "from": '"2020-01-01"',
    "to": '"2022-12-31"',
    "measure": "DEGREE",
    "organisation": '"区房管局"',
    "title": '"副局长"',
    "name": '"区房管局"',
    "number": '"示府办〔2021〕1号"',
    "committee": '"示例区人民政府督导委员会"',
}
NAMED = {"committee": '"示例区人民政府督导委员会"'}  # `committee(name:)` names a committee


def _selection(graphql_type: Any, depth: int) -> str:
    """Every field of the type that needs no argument, objects down to `depth` levels."""
    from graphql import GraphQLObjectType, get_named_type

    named = get_named_type(graphql_type)
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = []
    for name, field in named.fields.items():
        if any(str(a.type).endswith("!") for a in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, GraphQLObjectType):
            if depth > 1:
                parts.append(f"{name} {{ {_selection(field.type, depth - 1)} }}")
        elif not hasattr(inner, "types"):  # leaves; interfaces and unions are left out
            parts.append(name)
    return " ".join(parts) or "__typename"


def _every_root_field() -> list[tuple[str, str]]:
    served = make_schema(Limits(max_depth=10, max_aliases=100, max_cost=10**9))
    cases = []
    for name, field in served._schema.query_type.fields.items():
        if name == "cursor":
            continue
        arguments = []
        for arg_name, arg in field.args.items():
            if str(arg.type).endswith("!"):
                value = NAMED.get(name) if arg_name == "name" and name in NAMED else SAMPLES[arg_name]
                arguments.append(f"{arg_name}: {value}")
            elif arg_name == "on":
                arguments.append('on: "2021-07-01"')
        args = f"({', '.join(arguments)})" if arguments else ""
        body = "" if _is_leaf(field.type) else f" {{ {_selection(field.type, 3)} }}"
        cases.append((name, f"{{ {name}{args}{body} }}"))
    return cases


def _is_leaf(graphql_type: Any) -> bool:
    from graphql import get_named_type, is_leaf_type

    return is_leaf_type(get_named_type(graphql_type))


EVERY_ROOT_FIELD = _every_root_field()


@pytest.mark.parametrize("query", [q for _, q in EVERY_ROOT_FIELD], ids=[n for n, _ in EVERY_ROOT_FIELD])
def test_direct_execution_answers_as_graphql_core(tiny_registry: Registry, query: str) -> None:
    """Every root field with every field below it (three levels): the direct plan's answer is
    graphql-core's, or the plan gave way to graphql-core."""
    limits = Limits(max_depth=10, max_aliases=100, max_cost=10**9)
    served = make_schema(limits)
    shapes = Shapes(served, limits)
    context = {"registry": tiny_registry}
    expected = served.execute_sync(query, context_value=context)
    got = shapes.run(query, None, None, context)
    if expected.errors:
        assert got is None  # the full path answers, errors and all
        return
    assert got is not None and got.errors is None
    assert orjson.dumps(got.data) == orjson.dumps(expected.data)  # key order included


def test_most_root_fields_run_directly(tiny_registry: Registry) -> None:
    limits = Limits(max_depth=10, max_aliases=100, max_cost=10**9)
    shapes = Shapes(make_schema(limits), limits)
    for _, query in EVERY_ROOT_FIELD:
        shapes.run(query, None, None, {"registry": tiny_registry})
    assert shapes.direct == len(EVERY_ROOT_FIELD)


DIRECT = {  # query -> whether its document has a direct plan
    '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } } }': True,
    '{ a: person(id: "li-si") { id } b: person(id: "wang-feng") { __typename id } }': True,
    '{ person(id: "li-si") { ...P } } fragment P on Person { id }': False,
    '{ person(id: "li-si") { ... on Person { id } } }': False,
    '{ person(id: "li-si") { id name @include(if: true) } }': False,
    '{ person(id: "li-si") { id id } }': False,  # graphql-core merges the two
    "{ __schema { queryType { name } } }": False,
}


@pytest.mark.parametrize(("query", "planned"), list(DIRECT.items()))
def test_what_runs_directly(tiny_registry: Registry, query: str, planned: bool) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    got = shapes.run(query, None, None, {"registry": tiny_registry})
    assert got is not None and shapes.direct == int(planned)
    assert _answer(None, got.data) == full_path(tiny_registry, query, None, None)


NO_EXECUTOR = [  # govorg's own fields take no info or only its context: a direct run makes no executor
    '{ holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") '
    "{ person { name } certainty post { title } tenure { start { text precision } end { text } } } }",
    '{ leaders(on: "2021-07-01") { order person { name } printed inCharge { printed organisations { name } } '
    "assists { printed } liaises { printed } standIns { name } } }",
    '{ inCharge(organisation: "区房管局", on: "2021-07-01") '
    "{ inCharge { person { name } relation unit { printed name } } assists { person { name } } certainty } }",
]


@pytest.mark.parametrize("query", NO_EXECUTOR)
def test_govorgs_fields_run_without_graphql_cores_executor(
    tiny_registry: Registry, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The context-only resolvers (govorg.api.lean.CONTEXT) get a `ContextInfo`: a direct run of
    these documents never makes graphql-core's executor, and answers as graphql-core does."""
    from govorg.api import direct

    def refused(run: direct.Run) -> None:
        raise AssertionError("a direct run made an executor")

    limits = Limits(max_depth=10, max_aliases=100, max_cost=10**9)
    served = make_schema(limits)
    shapes = Shapes(served, limits)
    expected = served.execute_sync(query, context_value={"registry": tiny_registry})
    assert not expected.errors
    monkeypatch.setattr(direct.Run, "executor", refused)
    got = shapes.run(query, None, None, {"registry": tiny_registry})
    assert got is not None and shapes.direct == 1  # a field that made one would have fallen back
    assert orjson.dumps(got.data) == orjson.dumps(expected.data)


def test_a_resolver_error_gives_way_to_graphql_core(tiny_registry: Registry) -> None:
    """A field that errs mid-answer: the direct run stops and graphql-core's answer (with the
    error and its path) is the one given."""
    query = '{ person(id: "li-si") { id } cursor(received: -1) }'
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    assert shapes.run(query, None, None, {"registry": tiny_registry}) is None
    assert shapes.direct == 0
    assert full_path(tiny_registry, query, None, None)["errors"][0]["path"] == ["cursor"]


def test_a_passed_deadline_gives_way_to_graphql_core(tiny_registry: Registry) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS)
    query = "{ people { id name } }"
    assert shapes.run(query, None, None, {"registry": tiny_registry, "deadline": 0.0}) is None
    assert shapes.direct == 0


def test_indexed_fields_are_root_fields_of_the_schema() -> None:
    """A renamed or misspelt root field in INDEXED_FIELDS would silently never be quick."""
    roots = set(make_schema(LIMITS)._schema.query_type.fields)  # type: ignore[union-attr]
    assert roots >= INDEXED_FIELDS, INDEXED_FIELDS - roots


def test_quick_documents_are_answered_without_a_worker_thread(tiny_registry: Registry) -> None:
    """`quick_only` answers only a compiled document whose last direct runs were quick, and the
    answer is the same."""
    shapes = Shapes(make_schema(LIMITS), LIMITS, quick_fields=INDEXED_FIELDS)
    query = HOLDERS % ("区房管局", "副局长", "2021-07-01")
    context = {"registry": tiny_registry}
    assert shapes.run(query, None, None, context, quick_only=True) is None  # never compiled
    answers = [shapes.run(query, None, None, context) for _ in range(Quick.STREAK)]
    other_day = HOLDERS % ("区房管局", "副局长", "2021-05-01")
    quick = shapes.run(other_day, None, None, context, quick_only=True)
    assert quick is not None and shapes.quick == 1
    assert _answer(None, quick.data) == full_path(tiny_registry, other_day, None, None)
    assert all(a is not None and a.data == answers[0].data for a in answers)


def test_a_slow_run_sends_a_document_back_to_the_workers(
    tiny_registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = Shapes(make_schema(LIMITS), LIMITS, quick_fields=INDEXED_FIELDS)
    query = "{ people { id name } }"
    context = {"registry": tiny_registry}
    for _ in range(Quick.STREAK):
        shapes.run(query, None, None, context)
    assert shapes.run(query, None, None, context, quick_only=True) is not None
    monkeypatch.setattr(Quick, "BUDGET", -1.0)  # every run is over budget from its start
    assert shapes.run(query, None, None, context, quick_only=True) is None
    monkeypatch.undo()
    assert shapes.run(query, None, None, context, quick_only=True) is None  # the streak starts again
    assert shapes.run(query, None, None, context) is not None  # a worker thread's answer


def test_quickness_is_the_runs_cpu_time_not_the_clock(tiny_registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under load a run in a worker waits for the interpreter's lock: its clock time grows while its
    CPU time does not. A document whose runs are cheap becomes quick however long the clock says
    they took."""
    import types

    import govorg.api.shapes as shapes_module

    ticks = iter(range(10**9))
    slow_clock = types.SimpleNamespace(
        monotonic=lambda: time.monotonic() + 0.05 * next(ticks),  # each reading 50 ms further on
        thread_time=time.thread_time,
    )
    monkeypatch.setattr(shapes_module, "time", slow_clock)
    shapes = Shapes(make_schema(LIMITS), LIMITS, quick_fields=INDEXED_FIELDS)
    query = HOLDERS % ("区房管局", "副局长", "2021-07-01")
    context = {"registry": tiny_registry}
    for _ in range(Quick.STREAK):
        assert shapes.run(query, None, None, context) is not None
    assert shapes.run(query, None, None, context, quick_only=True) is not None


def test_only_indexed_questions_become_quick(tiny_registry: Registry) -> None:
    """A field that derives something on first asking (the network on a new day) never runs on the
    event loop, however quick its last runs were."""
    shapes = Shapes(make_schema(LIMITS), LIMITS, quick_fields=INDEXED_FIELDS)
    context = {"registry": tiny_registry}
    network = '{ interlockingPeople(on: "2022-01-01") { person { id } } }'
    mixed = '{ registry { dataVersion } interlockingBodies(on: "2022-01-01") { count } }'
    career = '{ timeline(person: "wang-feng") { seats { role } } }'  # seats derive the history
    for query in (network, mixed, career):
        for _ in range(Quick.STREAK + 1):
            assert shapes.run(query, None, None, context) is not None
        assert shapes.run(query, None, None, context, quick_only=True) is None
    assert shapes.quick == 0


_START_QUERY = (
    "query Q($s: String!, $i: Int, $f: Float, $b: Boolean, $id: ID, $d: Date, $dd: Date!) { registry { dataVersion } }"
)
_ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2021-07-01", "2021-13-01", "2021", " 2021-07-01", "1"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["s", "i", "f", "b", "id", "d", "dd", "other"]), _ANY_VALUE))
@example({"s": "x", "dd": "2021-07-01"})
@example({"s": "x", "dd": "2021-07-01", "i": 3, "f": 2, "b": True, "id": 7, "d": None})
@example({"s": "x", "dd": "2021-07-01", "i": 2**40})
@example({"s": None, "dd": "2021-07-01"})
def test_a_direct_runs_executor_is_graphql_cores(given_values: dict[str, Any]) -> None:
    """`direct.Start` reads the variables' signatures once and coerces each request's values
    itself: the variables it gives are `Executor.build`'s, and where build refuses them (graphql-
    core's errors to report) it gives None, so that build runs and reports them."""
    from graphql import Executor, parse

    from govorg.api import direct

    served = make_schema(LIMITS)
    schema = served._schema
    document = parse(_START_QUERY)
    start = direct.start(schema, document, None)
    assert start is not None
    built = Executor.build(schema, document, context_value={}, raw_variable_values=given_values)
    variables = start.variables(given_values)
    if isinstance(built, list):
        assert variables is None
        return
    assert variables is not None
    made = start.executor(Executor, schema, {}, variables)
    assert made.variable_values.coerced == built.variable_values.coerced
    assert _sources(made) == _sources(built)
    assert (made.operation, made.fragment_definitions, made.root_value) == (built.operation, {}, None)
    assert (made.field_resolver, made.type_resolver) == (built.field_resolver, built.type_resolver)


def _sources(executor: Any) -> dict[str, Any]:
    """The variables' sources, their types by name (each signature read wraps a non-null type
    anew, and graphql-core's wrapping types compare by identity)."""
    return {
        name: (s.signature.name, str(s.signature.type), s.signature.default, s.value)
        for name, s in executor.variable_values.sources.items()
    }


def test_documents_graphql_core_must_start_have_no_start() -> None:
    from graphql import parse

    from govorg.api import direct

    schema = make_schema(LIMITS)._schema
    for query in (
        "query Q($n: Int = 3) { people(first: $n) { id } }",  # a default
        'query Q($k: [String]) { inCharge(organisation: "x", absent: $k) { certainty } }',  # a list
        "query Q($p: ID!) { ...F } fragment F on Query { person(id: $p) { id } }",  # fragments
        "query A { registry { dataVersion } } query B { registry { dataVersion } }",  # which one?
    ):
        assert direct.start(schema, parse(query), None) is None


def test_enum_answers_are_strawberrys_names() -> None:
    """The fused leaf fields answer an enum member by the name strawberry's enum type gives it."""
    from govorg.api import direct

    schema = make_schema(LIMITS)._schema
    enums = [t for t in schema.type_map.values() if direct._enum_names(t) is not None]
    assert len(enums) >= 10
    for enum_type in enums:
        names = direct._enum_names(enum_type)
        assert names is not None
        for member in enum_type.wrapped_cls:  # type: ignore[attr-defined]
            assert names[member] == enum_type.coerce_output_value(member)


_ARGUMENTS_SCHEMA = """
type Query { f(a: String!, b: Int, c: Int = 3, d: String! = "x", e: [Int], g: Boolean, h: ID): String }
"""
_ARGUMENTS_DOCUMENTS = [
    "query Q($a: String!, $b: Int, $c: Int, $d: String!) { f(a: $a, b: $b, c: $c, d: $d) }",
    "query Q($a: String, $b: Int, $c: Int, $d: String) { f(a: $a, b: $b, c: $c, d: $d, g: true) }",
    'query Q($b: Int, $h: ID) { f(a: "lit", b: $b, e: [1, 2], h: $h) }',
    "query Q($a: String!, $e: Int) { f(a: $a, e: [$e]) }",  # a variable inside a list: graphql-core's path
    'query Q($a: String!) { f(a: $a, b: "not an int") }',  # a literal that does not coerce
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_ARGUMENTS_DOCUMENTS),
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e", "h"]), st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3))
    ),
)
def test_arguments_from_variables_are_graphql_cores(document_text: str, given_values: dict[str, Any]) -> None:
    """`direct.arguments_of` gives the arguments graphql-core's `get_argument_values` gives from
    the same coerced variables, defaults and literals included, and gives way (`Fallback`) where
    graphql-core raises."""
    from graphql import build_schema, get_variable_values, parse

    from govorg.api import direct

    schema = build_schema(_ARGUMENTS_SCHEMA)
    document = parse(document_text)
    operation = document.definitions[0]
    node = operation.selection_set.selections[0]
    field_def = schema.query_type.fields["f"]
    variables = get_variable_values(schema, operation.variable_definitions, given_values)
    assume(not isinstance(variables, list))  # values graphql-core refuses never reach a field
    try:
        expected: Any = get_argument_values(field_def, node, variables)
    except Exception:
        expected = "error"
    arguments = direct.arguments_of(field_def, node)
    if arguments is None:
        return  # graphql-core's own function runs for this field
    try:
        got: Any = arguments(variables.coerced)
    except direct.Fallback:
        got = "error"
    assert got == expected
    if isinstance(got, dict):
        assert list(got) == list(expected)  # the order the resolver's keywords come in


def test_awaitable_values_still_give_way(tiny_registry: Registry) -> None:
    """Values of govorg's own types skip the awaitable check (`direct._NEVER_AWAITED`, filled
    while planning); anything awaitable still gives way to graphql-core."""
    from collections.abc import Generator

    from govorg.api import direct

    shapes = Shapes(make_schema(LIMITS), LIMITS)
    shapes.run(NO_EXECUTOR[0], None, None, {"registry": tiny_registry})
    ours = {c for c in direct._NEVER_AWAITED if c.__module__.startswith("govorg.")}
    assert {"Holding", "Person", "Tenure"} <= {c.__name__ for c in ours}
    assert not any(hasattr(c, "__await__") for c in ours)

    async def coroutine() -> None:
        return None

    class Awaitable:
        def __await__(self) -> Generator[None, None, None]:
            yield None

    for value in (coroutine(), Awaitable()):
        with pytest.raises(direct.Fallback):
            direct._checked(value)
    assert direct._checked(["a list"]) == ["a list"]


def test_today_is_read_again_each_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """`types.today()` (the default day of every question, and the ETag's) reads the local date at
    most once a second, and again as soon as the second changes."""
    from datetime import date

    from govorg.api import types

    read: list[date] = []

    class Clock:
        now = 1_000.25

        @staticmethod
        def time() -> float:
            return Clock.now

    class Dates:
        min = date.min

        @staticmethod
        def today() -> date:
            read.append(date(2030, 1, 1 + len(read)))
            return read[-1]

    monkeypatch.setattr(types, "time", Clock)
    monkeypatch.setattr(types, "date", Dates)
    monkeypatch.setattr(types, "_today", (0, date.min))
    assert types.today() == types.today() == date(2030, 1, 1) and len(read) == 1
    Clock.now = 1_000.99
    assert types.today() == date(2030, 1, 1) and len(read) == 1
    Clock.now = 1_001.0
    assert types.today() == date(2030, 1, 2) and len(read) == 2


@strawberry.type
class _PathQuery(Query):
    @strawberry.field
    def where(self, info: strawberry.Info) -> str:
        return f"{info.path.key} for {info.field_name}"  # more of its info than the context


def test_resolvers_from_elsewhere_get_their_full_info(tiny_registry: Registry) -> None:
    """Only govorg's own resolvers are given the context-only stand-in: a field served from
    another module (a test's, here) reads its real resolve info in a direct run too."""
    from govorg.api.lean import CONTEXT

    limits = Limits(max_depth=10, max_aliases=100, max_cost=10**9)
    served = make_schema(limits, query=_PathQuery)
    assert getattr(served._schema.query_type.fields["where"].resolve, CONTEXT, None) is None
    shapes = Shapes(served, limits)
    query = '{ here: where holders(organisation: "区房管局", title: "副局长", on: "2021-07-01") { person { name } } }'
    got = shapes.run(query, None, None, {"registry": tiny_registry})
    assert got is not None and shapes.direct == 1
    expected = served.execute_sync(query, context_value={"registry": tiny_registry})
    assert not expected.errors and got.data == expected.data
    assert got.data["here"] == "here for where"


@strawberry.type
class _Item:
    n: int


@strawberry.type
class _ListsQuery(Query):
    """`[_Item!]!` fields whose resolvers give what the type allows and what it does not."""

    @strawberry.field
    def full(self) -> list[_Item]:
        return [_Item(n=1), _Item(n=2)]

    @strawberry.field
    def empty(self) -> list[_Item]:
        return []

    @strawberry.field
    def pair(self) -> list[_Item]:
        return cast(Any, (_Item(n=3), _Item(n=4)))

    @strawberry.field
    def generated(self) -> list[_Item]:
        return cast(Any, (_Item(n=i) for i in range(2)))

    @strawberry.field
    def hole(self) -> list[_Item]:
        return cast(Any, [_Item(n=5), None])

    @strawberry.field
    def nothing(self) -> list[_Item]:
        return cast(Any, None)

    @strawberry.field
    def names(self) -> list[str]:
        return ["甲", "乙"]


@pytest.mark.parametrize(
    ("field", "direct"),
    [
        ("full { n }", True),
        ("empty { n }", True),
        ("pair { n }", True),
        ("names", True),
        ("generated { n }", False),
        ("hole { n }", False),
        ("nothing { n }", False),
    ],
)
def test_non_null_lists_answer_as_graphql_core(field: str, direct: bool) -> None:
    """`[T!]!` is completed in one step (govorg.api.direct._non_null_list): lists, tuples and
    empty lists directly; another iterable, a null list or a null item go to graphql-core, whose
    answer (data or its error) is the one given."""
    limits = Limits(max_depth=10, max_aliases=100, max_cost=10**9)
    served = make_schema(limits, query=_ListsQuery)
    shapes = Shapes(served, limits)
    query = "{ " + field + " }"
    expected = served.execute_sync(query, context_value={})
    got = shapes.run(query, None, None, {})
    assert shapes.direct == (1 if direct else 0)
    if direct:
        assert got is not None and not expected.errors and got.data == expected.data
    else:
        # graphql-core's own run: its data, or None and the server's full path gives the error
        assert (got is None) == bool(expected.errors)
        assert got is None or got.data == expected.data
