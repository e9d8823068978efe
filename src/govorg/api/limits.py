"""Limits on what one GraphQL request may ask: depth, aliases, tokens and cost.

Depth, aliases and cost are measured in one walk of the parsed document, before graphql-core's
own validation and before anything runs. Fragments are measured once each and reused: strawberry's
QueryDepthLimiter and MaxAliasesLimiter walk a fragment again at every spread, so a 200-token
document of fragments that spread the next one twice took 13 s to check (measured here). Tokens are
counted by graphql-core's parser itself (`max_tokens`, as strawberry's MaxTokensLimiter sets it),
which stops reading at the limit.

Cost counts the fields an answer can hold: a list multiplies the cost of what is selected in it
by its `first` argument (the default page size when omitted; the maximum page size when `first`
is a variable the request does not set to a number), or by `LIST_ESTIMATE` for a short list
without pagination. So `children { parent { children { … } } }` costs its fan-out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    parse,
    validate,
)
from strawberry.extensions import SchemaExtension

from govorg.api.pages import DEFAULT_PAGE, MAX_PAGE

LIST_ESTIMATE = 10  # items assumed in a list without `first`: such lists are short by nature


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """What one request may cost; every limit is on by default. `govorg serve` has an option for each."""

    max_depth: int = 15  # nested fields on the longest path, the leaf included
    max_aliases: int = 30
    max_tokens: int = 5_000
    max_cost: int = 200_000
    max_body_bytes: int = 100_000  # request body, or a GET request's query string
    timeout: float = 10.0  # seconds from arrival to answer
    workers: int = 4  # threads that run queries; more requests wait for one
    cache_bytes: int = 32 * 1024 * 1024  # the answer cache's budget

    def __post_init__(self) -> None:
        for name in ("max_depth", "max_aliases", "max_tokens", "max_cost", "max_body_bytes", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.timeout <= 0 or self.cache_bytes < 0:
            raise ValueError("timeout must be positive and cache_bytes not negative")


def refusal(limit: str, value: float, message: str) -> GraphQLError:
    """A GraphQL error for a refused request: the message names the limit and its value, and so do
    `extensions.limit` and `extensions.value`."""
    return GraphQLError(
        f"{message} (limit {limit} = {value})", extensions={"code": "LIMIT_EXCEEDED", "limit": limit, "value": value}
    )


@dataclass(slots=True)
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0


class _Walk:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.measured: dict[str, Measure] = {}
        self.open: set[str] = set()  # fragments being measured: a cycle counts nothing (validation refuses it)

    def fragment(self, name: str) -> Measure:
        found = self.measured.get(name)
        if found is not None:
            return found
        definition = self.fragments.get(name)
        if definition is None or name in self.open:
            return Measure()
        self.open.add(name)
        parent = self.schema.get_type(definition.type_condition.name.value)
        found = self.selections(definition.selection_set, parent)
        self.open.discard(name)
        self.measured[name] = found
        return found

    def selections(self, selection_set: SelectionSetNode, parent: object) -> Measure:
        total = Measure()
        for selection in selection_set.selections or ():
            if isinstance(selection, FieldNode):
                part = self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                part = self.selections(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                part = self.fragment(selection.name.value)
            else:  # pragma: no cover - graphql-core has no other selection
                continue
            total.depth = max(total.depth, part.depth)
            total.aliases += part.aliases
            total.cost += part.cost
        return total

    def field(self, node: FieldNode, parent: object) -> Measure:
        aliases = 1 if node.alias else 0
        if node.name.value.startswith("__"):  # introspection: bounded by the schema's size
            return Measure(depth=1, aliases=aliases, cost=1)
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        field_type = definition.type if definition is not None else None
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        fan_out = 1
        if definition is not None and isinstance(field_type, GraphQLList):
            fan_out = self.fan_out(node, "first" in definition.args)
        inner = Measure()
        if node.selection_set is not None:
            named = get_named_type(field_type) if field_type is not None else None
            inner = self.selections(node.selection_set, named)
        return Measure(depth=1 + inner.depth, aliases=aliases + inner.aliases, cost=fan_out * (1 + inner.cost))

    def fan_out(self, node: FieldNode, paginated: bool) -> int:
        if not paginated:
            return LIST_ESTIMATE
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(0, int(value.value))
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                return max(0, given) if isinstance(given, int) else MAX_PAGE
            return MAX_PAGE
        return DEFAULT_PAGE


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> Measure:
    """Depth, aliases and cost of the operation a request runs (all operations when it names none)."""
    walk = _Walk(schema, document, variables or {})
    total = Measure()
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        name = definition.name.value if definition.name else None
        if operation_name is not None and name != operation_name:
            continue
        root = schema.get_root_type(definition.operation)
        part = walk.selections(definition.selection_set, root)
        total.depth = max(total.depth, part.depth)
        total.aliases += part.aliases
        total.cost += part.cost
    return total


def check(limits: Limits, found: Measure) -> GraphQLError | None:
    if found.depth > limits.max_depth:
        return refusal("maxDepth", limits.max_depth, f"Query refused: it nests {found.depth} fields deep")
    if found.aliases > limits.max_aliases:
        return refusal("maxAliases", limits.max_aliases, f"Query refused: it uses {found.aliases} aliases")
    if found.cost > limits.max_cost:
        return refusal(
            "maxCost",
            limits.max_cost,
            f"Query refused: it can cost {found.cost} fields; ask for smaller pages (`first`) or fewer nested lists",
        )
    return None


# GraphQL's tokens, comments apart (the parser does not count those); a string is one token.
_TOKEN = re.compile(
    r'#[^\n\r]*|"""(?:\\.|[^"\\]|"(?!""))*"""|"(?:\\.|[^"\\\n\r])*"|\.\.\.|[!$&():=@\[\]{|}]|-?\d[\w.+-]*|[_A-Za-z]\w*'
)


def too_many_tokens(query: str, limit: int) -> bool:
    """Whether a query holds more than `limit` tokens, reading only as far as the token past the
    limit. graphql-core's parser stops there too, but then scans the whole text to place its error
    (170 ms for 5 MB, measured here); this takes a few ms. Malformed text may count high, which
    only refuses what the parser would refuse anyway."""
    count = 0
    for match in _TOKEN.finditer(query):
        if match.group().startswith("#"):
            continue
        count += 1
        if count > limit:
            return True
    return False


# Longer queries are parsed and validated afresh: 256 cached large documents would hold 100s of MB.
CACHED_QUERY_CHARS = 4096


@lru_cache(maxsize=256)
def _parse_cached(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


@lru_cache(maxsize=256)
def _validate_cached(schema: GraphQLSchema, document: DocumentNode, rules: tuple[Any, ...]) -> list[GraphQLError]:
    return validate(schema, document, rules)


class LimitsExtension(SchemaExtension):
    """Parses with the token limit, then refuses an over-limit document before validating it;
    otherwise validates with the schema's rules. Small queries' parses and validations are cached
    (the registry is read-only, so they stay valid): ~1.4 ms to ~0.2 ms for a small query."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        tokens = self.limits.max_tokens
        refused = refusal("maxTokens", tokens, f"Query refused: it has more than {tokens} tokens")
        if len(query) > CACHED_QUERY_CHARS and too_many_tokens(query, tokens):
            raise refused
        try:
            if len(query) <= CACHED_QUERY_CHARS:
                context.graphql_document = _parse_cached(query, tokens)
            else:
                context.graphql_document = parse(query, max_tokens=tokens)
        except GraphQLError as error:
            if "tokens" not in error.message:  # a syntax error: strawberry's parse reports it
                raise
            raise refused from None
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None
        schema = context.schema._schema
        refused = check(self.limits, measure(schema, document, context.variables, context.operation_name))
        if refused is not None:
            context.pre_execution_errors = [refused]
        elif len(context.query or "") <= CACHED_QUERY_CHARS:
            context.pre_execution_errors = _validate_cached(schema, document, tuple(context.validation_rules))
        else:
            context.pre_execution_errors = validate(schema, document, context.validation_rules)
        yield
