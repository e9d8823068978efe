"""Parse and validate a query once per *shape*: its tokens with literal argument values lifted out.

Portals ask the same question with different values (`holders(organisation: "…", title: "…")`),
and every distinct text used to be parsed and validated afresh (validation was 61% of a varied
query's time, parsing 10%). Here a query text is first cut into pieces by one regular expression
(far cheaper than graphql-core's lexer in Python); string and number tokens are blanked to make
the shape's key. The first time a shape is seen it is parsed with graphql-core, the literal
argument values whose type lets them be lifted are turned into variables (declared with the
argument's own type), and the lifted document is validated and measured against the request
limits once. Later queries of the shape only scan, look up and execute, with the lifted values
merged into the request's variables. Literals of one value lifted into variables of one type
share one variable (a page's day, asked in every part of its query, is coerced once).

The answer must be what the full path gives, errors included, so anything unusual sends the
request back to the full path (`run` returns None): a token the scan does not accept exactly as
GraphQL does (escapes in strings, block strings, odd characters), a document the full path would
refuse or that fails validation, a lifted value that does not coerce, and any error at all while
executing (error locations point into the text of the first query of the shape, so an answer
with errors is always the full path's own). Only a lift that coerces exactly as the literal would
is made: a string into String, ID or a custom scalar; an integer into Int, Float or ID; a float
into Float. Other literals (enums, lists, directive arguments, defaults) stay in the key.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    ExecutionResult,
    Executor,
    FieldNode,
    FloatValueNode,
    GraphQLError,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    IntValueNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    execute,
    get_nullable_type,
    get_operation_ast,
    is_non_null_type,
    parse,
    specified_rules,
    specified_scalar_types,
    validate,
    visit,
)
from strawberry import Schema
from strawberry.execution import optimized_is_awaitable
from strawberry.schema._graphql_core import execution_context_class_kwargs

from govorg.api import direct
from govorg.api.direct import Start
from govorg.api.limits import Limits, check, measure

# A valid text is a sequence of pieces: a run of the tokens that stay in the shape as they are
# (ignored characters, punctuators, names, spreads, comments), then one literal token (a string
# without escapes, or a number) or nothing, at the end. One pass of this expression (in C, through
# findall) cuts a whole text into pieces; only the literals are then looked at in Python. Names are
# consumed whole, so the digits inside a name (`u12`) are never taken for a number. A piece ending
# in any other character (`'`, `%`, `\\`, a lone `"` or `-` or `.`, a block string's `"""`, a
# string with an escape or a control character…) marks a token this module does not read exactly
# as GraphQL does (a block string's value is dedented, an escape decoded): the text is refused.
# Every piece but the last ends in a literal or such a character, so the pieces cover the text and
# a text is accepted exactly when each of its tokens is one of these. Possessive: one pass.
_SEPARATORS = r"[ \t\n\r,\ufeff!$&():=@\[\]{|}]*+"  # ignored characters and punctuators
_PIECE = re.compile(
    "("  # the run
    + _SEPARATORS
    + r"(?:(?:[_A-Za-z][_0-9A-Za-z]*+|\.\.\.|#[^\n\r]*+)"  # a name, a spread or a comment
    + _SEPARATORS
    + r")*+)"
    + r'(?:("(?!"")[^"\\\x00-\x08\x0a-\x1f]*+")'  # a string
    + r"|(-?\d[\w.+-]*+)"  # a number, as long as the lexer would read it (checked strictly below)
    + r"|(?s:(.)))?"  # any other character
)
_INT = re.compile(r"-?(?:0|[1-9]\d*)")
_FLOAT = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
# Marks for the blanked literals: NUL appears nowhere in a valid text but in a comment (dropped
# from the shape), so they mix with nothing. Spaced: a mark is a token of its own.
_STRING, _INTEGER, _DECIMAL = "\x00s", "\x00i", "\x00f"
_SPACED_STRING, _SPACED_INTEGER, _SPACED_DECIMAL = f" {_STRING} ", f" {_INTEGER} ", f" {_DECIMAL} "
_COMMENT = re.compile(r"#[^\n\r]*")
_SPACED_PUNCTUATORS = tuple((character, f" {character} ") for character in "!$&():=@[]{|}")
# A number right after a name (`[A-1]`, which GraphQL reads as `A`, `-1`; `a١`) is read as the
# shape has always read it: from the first digit (or `-` and digit) that follows no name
# character, the characters before it being tokens of the shape (`[ A - \x00i ]` with the value 1).
_NAME_CHARACTERS = frozenset("_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_UNGLUED_NUMBER = re.compile(r"(?<![_0-9A-Za-z])-?\d[\w.+-]*")
_GLUED_TOKEN = re.compile(r"[_0-9A-Za-z]+|\.\.\.|.")
# A parsed document takes ~95 bytes per character of its text (measured: 390 KB for a 4,100-character
# leadership page query), so the cache is bounded by the characters of the texts it compiled.
MAX_QUERY_CHARS = 16_384  # longer texts take the full path
MAX_CACHED_CHARS = 400_000  # ~40 MB of documents
_PREFIX = "_govorg_lift"  # lifted variables' names; a query using the prefix itself is not lifted


@dataclass(frozen=True, slots=True)
class Scanned:
    """A query text with its literals blanked: `shape` (the same for the same tokens whatever the
    whitespace, commas and comments, with a mark for each string, integer and float), the literal
    values in order and where each starts in the text. The shape and the values together are the
    tokens: the same question."""

    shape: str
    values: tuple[str | int | float, ...]
    starts: tuple[int, ...]


@lru_cache(maxsize=256)
def scan(query: str) -> Scanned | None:
    """The query's shape and literal values, or None when a token is not one this module reads
    exactly as GraphQL does. One pass of a regular expression (in C) cuts the text into pieces
    (see _PIECE), a few lines of Python per literal, string methods (in C) for the shape. The
    last 256 texts are remembered: a client that sends one text with its values as variables has
    it scanned once (scanning was ~4% of such a `holders` request)."""
    values: list[str | int | float] = []
    starts: list[int] = []
    blanked: list[str] = []  # the text with a spaced mark for each literal
    at = 0  # where the next token of the piece starts in the text
    for run, string, number, other in _PIECE.findall(query):
        if other:  # a token not read here
            return None
        blanked.append(run)
        at += len(run)
        if string:
            values.append(string[1:-1])
            starts.append(at)
            blanked.append(_SPACED_STRING)
            at += len(string)
        elif number:
            end = at + len(number)
            if run and run[-1] in _NAME_CHARACTERS:  # glued to a name: see _UNGLUED_NUMBER
                unglued = _UNGLUED_NUMBER.search(query, at, end)
                glued = query[at : unglued.start() if unglued else end]
                blanked.append(f" {' '.join(_GLUED_TOKEN.findall(glued))} ")
                if unglued is None:
                    at = end
                    continue
                at, number = unglued.start(), unglued.group()
            if _INT.fullmatch(number):
                values.append(int(number))
                blanked.append(_SPACED_INTEGER)
            elif _FLOAT.fullmatch(number):
                values.append(float(number))
                blanked.append(_SPACED_DECIMAL)
            else:
                return None  # 1.e5, 0x1, 1abc: the lexer refuses them
            starts.append(at)
            at = end
    return Scanned(_tokens("".join(blanked)), tuple(values), tuple(starts))


@lru_cache(maxsize=256)  # a client sends the same blanked text with new values: 4 MB at most
def _tokens(blanked: str) -> str:
    """The tokens of a blanked text joined by single spaces, comments dropped. Cached: the same
    blanked text comes back with every request a client builds from one template, and splitting
    it was half the scan of a 4.3 KB leadership page query (hashing it is a tenth of that).

    Its tokens are names, marks, punctuators and spreads (and a glued number's tokens, already spaced). Two names
    never touch (they would be one), so with a space on each side of every mark, punctuator and
    spread, splitting at the ignored characters gives the tokens: str.split splits at spaces,
    tabs and line ends, and commas and byte order marks are made spaces first."""
    if "#" in blanked:
        blanked = _COMMENT.sub(" ", blanked)
    for character, spaced in _SPACED_PUNCTUATORS:
        if character in blanked:  # a quick search: most queries use few of them
            blanked = blanked.replace(character, spaced)
    if "." in blanked:
        blanked = blanked.replace("...", " ... ")
    if "," in blanked:
        blanked = blanked.replace(",", " ")
    if "\ufeff" in blanked:
        blanked = blanked.replace("\ufeff", " ")
    return " ".join(blanked.split())


@dataclass(frozen=True, slots=True)
class Plan:
    """What one shape lifts: for each literal (by its index), the variable it becomes, or None
    when it stays in the key; and the type of that variable."""

    lifted: tuple[str | None, ...]
    types: tuple[str | None, ...]

    def key(self, scanned: Scanned) -> tuple[Any, ...]:
        return tuple(v for v, name in zip(scanned.values, self.lifted, strict=True) if name is None)

    def shared(self, scanned: Scanned) -> tuple[int, ...]:
        """For each literal, the first literal with the same value lifted into a variable of the
        same type (itself when none is before it, or when it is not lifted): those share one
        variable. A page asks about one day and one government in every part of its query; one
        variable each, not one per part, saves coercing the same value again and again (~15% of
        a 17-part leadership page's time). Part of the document's key: the document declares
        one variable per group."""
        first: dict[tuple[Any, ...], int] = {}
        out: list[int] = []
        for i, (value, kind) in enumerate(zip(scanned.values, self.types, strict=True)):
            out.append(i if kind is None else first.setdefault((kind, type(value), value), i))
        return tuple(out)


class Quick:
    """Whether a document's direct runs are quick enough to answer on the server's event loop.

    Running a query in a worker thread costs a hop each way (a queue, a future, a wake-up of the
    event loop through its self-pipe, the GIL handed back and forth): ~0.2 ms of a ~1.3 ms
    `holders` request. A document whose last `STREAK` direct runs each took under `QUICK` seconds
    is answered on the event loop instead, within `BUDGET` seconds of CPU time checked at every
    list (past it, the run stops and a worker thread answers). A run over `QUICK`, and a run on
    the event loop that stops, start the streak again; counting races between threads only delay or hasten the
    switch by a run.

    A run is timed in its thread's CPU time (`time.thread_time`), not on the clock, and the
    budget is CPU time too: under load the event loop and the workers take the interpreter's
    lock in turns, and a run waits for it up to the switch interval (5 ms) at a time. On the
    clock, a cheap document run while the workers finish earlier requests would count as slow
    and go back to the workers, where it waits again; a run on the loop that waits for the lock
    holds nothing the loop could be doing meanwhile. The request's time limit stays on the clock.

    Only documents whose root fields all answer from indexes (`api.schema.INDEXED_FIELDS`) may
    become quick (`Shapes(quick_fields=…)`): a field that derives something big on first asking
    (the network on a new day, the history) could hold the event loop for seconds inside one
    resolver, where no budget check reaches."""

    QUICK = 0.002
    STREAK = 3
    BUDGET = 0.005

    __slots__ = ("streak",)

    def __init__(self) -> None:
        self.streak = 0

    def took(self, seconds: float) -> None:
        self.streak = self.streak + 1 if seconds < self.QUICK else 0

    def reset(self) -> None:
        self.streak = 0

    def ready(self) -> bool:
        return self.streak >= self.STREAK


@dataclass(frozen=True, slots=True)
class Compiled:
    """A lifted, validated document, within the limits unless `cost_varies` (a `first` given by
    a variable: the cost is measured again with each request's values)."""

    document: DocumentNode
    cost_varies: bool
    chars: int
    direct: direct.Plan | None = None  # govorg.api.direct's plan, when it can run the document
    start: Start | None = None  # how a direct run's executor is made without Executor.build
    quick: Quick = field(default_factory=Quick, compare=False)
    may_be_quick: bool = False  # every root field is one the server may answer on its event loop


_SLOW = object()  # a shape or document the full path always answers


def _liftable(token: str | int | float, arg_type: Any) -> bool:
    named = get_nullable_type(arg_type)
    if not isinstance(named, GraphQLScalarType):
        return False  # enums and input objects coerce a variable differently from a literal
    if isinstance(token, str):
        return named is GraphQLString or named is GraphQLID or named.name not in specified_scalar_types
    if isinstance(token, int):
        return named is GraphQLInt or named is GraphQLFloat or named is GraphQLID
    return named is GraphQLFloat


def _type_node(arg_type: Any) -> NamedTypeNode | NonNullTypeNode:
    """The type of a lifted variable: the argument's own, a scalar or a non-null scalar."""
    if is_non_null_type(arg_type):
        return NonNullTypeNode(type=NamedTypeNode(name=NameNode(value=arg_type.of_type.name)))
    return NamedTypeNode(name=NameNode(value=arg_type.name))


class _Lift(Visitor):
    """Replaces liftable top-level field argument literals with variables, noting their types."""

    def __init__(self, type_info: TypeInfo, scanned: Scanned, shared: tuple[int, ...] | None) -> None:
        super().__init__()
        self.type_info = type_info
        self.index = {start: i for i, start in enumerate(scanned.starts)}
        self.values = scanned.values
        self.shared = shared  # the variable each literal shares (Plan.shared); None: one each
        self.lifted: list[str | None] = [None] * len(scanned.values)
        self.types: list[str | None] = [None] * len(scanned.values)
        self.definitions: list[VariableDefinitionNode] = []
        self.in_directive = 0

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.in_directive += 1

    def leave_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.in_directive -= 1

    def enter_argument(self, node: ArgumentNode, *_: Any) -> Any:
        value: ValueNode = node.value
        argument = self.type_info.get_argument()
        if self.in_directive or argument is None or value.loc is None:
            return None
        if not isinstance(value, StringValueNode | IntValueNode | FloatValueNode):
            return None
        i = self.index.get(value.loc.start)
        if i is None or not _liftable(self.values[i], argument.type):
            return None
        self.lifted[i] = f"{_PREFIX}{i}"
        self.types[i] = str(argument.type)
        first = i if self.shared is None else self.shared[i]
        name = f"{_PREFIX}{first}"
        if first == i:  # the group's first literal declares the variable
            self.definitions.append(
                VariableDefinitionNode(
                    variable=VariableNode(name=NameNode(value=name)), type=_type_node(argument.type), directives=()
                )
            )
        return ArgumentNode(name=node.name, value=VariableNode(name=NameNode(value=name)))


def _lift(
    schema: GraphQLSchema, document: DocumentNode, scanned: Scanned, shared: tuple[int, ...] | None = None
) -> tuple[DocumentNode, Plan]:
    """The document with its liftable literals made variables (literals that `shared` groups
    share one), and the plan: the variable each literal became on its own, and its type. A
    document of several operations lifts nothing: its operations would each have to declare
    only the variables they use."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1:
        return document, Plan((None,) * len(scanned.values), (None,) * len(scanned.values))
    lift = _Lift(TypeInfo(schema), scanned, shared)
    lifted = visit(document, TypeInfoVisitor(lift.type_info, lift))
    definitions = tuple(
        OperationDefinitionNode(
            operation=d.operation,
            name=d.name,
            variable_definitions=(*(d.variable_definitions or ()), *lift.definitions),
            directives=d.directives,
            selection_set=d.selection_set,
            loc=d.loc,
        )
        if isinstance(d, OperationDefinitionNode)
        else d
        for d in lifted.definitions
    )
    return DocumentNode(definitions=definitions, loc=lifted.loc), Plan(tuple(lift.lifted), tuple(lift.types))


def _first_is_variable(document: DocumentNode) -> bool:
    class Finder(Visitor):
        found = False

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            for argument in node.arguments or ():
                if argument.name.value == "first" and isinstance(argument.value, VariableNode):
                    Finder.found = True

    visit(document, Finder())
    return Finder.found


class Shapes:
    """The shape cache for one schema and its limits: at most `max_shapes` shapes and
    `max_documents` compiled documents of `max_chars` characters of text in all, least recently
    used dropped first. Thread-safe: queries
    run in a pool of threads; a compile runs outside the lock (two threads may compile the same
    document once each; both results are equal)."""

    def __init__(
        self,
        served: Schema,
        limits: Limits,
        *,
        max_shapes: int = 1024,
        max_documents: int = 1024,
        max_chars: int = MAX_CACHED_CHARS,
        quick_fields: frozenset[str] = frozenset(),
    ) -> None:
        self.served = served
        self.schema: GraphQLSchema = served._schema
        self.limits = limits
        self.max_shapes = max_shapes
        self.max_documents = max_documents
        self.max_chars = max_chars
        # root fields whose answers come from indexes, never from a big first-use build
        # (a network or history derived on first asking would hold the event loop): only
        # documents of these may become quick
        self.quick_fields = quick_fields
        self.chars = 0
        self._plans: OrderedDict[str, Plan | object] = OrderedDict()
        self._documents: OrderedDict[tuple[Any, ...], Compiled | object] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = execution_context_class_kwargs(served.execution_context_class)
        self._executor_class: Any = self._executor.get("executor_class", Executor)
        self.direct = 0  # answers given by a direct plan
        self.quick = 0  # of which, answers given with `quick_only`
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._documents)

    def run(
        self,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        context: Any,
        scanned: Scanned | None = None,
        *,
        quick_only: bool = False,
    ) -> ExecutionResult | None:
        """The answer, or None when the full path must answer (see the module's docstring).
        `quick_only`: answer only a document already compiled whose direct runs have all been
        quick (see `Quick`), within `Quick.BUDGET` seconds, or give None at once; the server
        answers such requests on its event loop, without the hop to a worker thread."""
        if len(query) > MAX_QUERY_CHARS:
            return None
        scanned = scanned or scan(query)
        if scanned is None or _PREFIX in scanned.shape:  # the token limit: each shape's parse checks it
            return None
        if quick_only:
            with self._lock:
                known = self._plans.get(scanned.shape)
            plan = known if isinstance(known, Plan) else None
        else:
            plan = self._plan(query, scanned)
        if plan is None:
            return None
        shared = plan.shared(scanned)
        key = (scanned.shape, plan.key(scanned), shared, operation_name)
        if quick_only:
            with self._lock:
                found = self._documents.get(key)
            ready = isinstance(found, Compiled) and found.may_be_quick and found.quick.ready()
            compiled = found if isinstance(found, Compiled) and ready else None
        else:
            compiled = self._compiled(key, query, scanned, shared, operation_name)
        if compiled is None:
            return None
        merged = dict(variables or {})
        for i, (value, name, first) in enumerate(zip(scanned.values, plan.lifted, shared, strict=True)):
            if name is not None and first == i:
                merged[name] = value
        limits = self.limits
        if compiled.cost_varies and check(limits, measure(self.schema, compiled.document, merged, operation_name)):
            return None
        if compiled.direct is not None:
            answered = self._direct(compiled, context, merged, operation_name, quick_only)
            if answered is not None or quick_only:
                return answered
        result = execute(
            self.schema,
            compiled.document,
            context_value=context,
            variable_values=merged,
            operation_name=operation_name,
            is_awaitable=cast(Any, optimized_is_awaitable),
            **self._executor,
        )
        assert isinstance(result, ExecutionResult)  # the resolvers are synchronous
        if result.errors:
            return None
        return result

    def _direct(
        self,
        compiled: Compiled,
        context: Any,
        variables: dict[str, Any],
        operation_name: str | None,
        quick_only: bool = False,
    ) -> ExecutionResult | None:
        """The answer by the document's direct plan, or None when graphql-core must give it."""
        assert compiled.direct is not None
        started = time.monotonic()
        cpu = time.thread_time()
        deadline = context.get("deadline") if isinstance(context, dict) else None
        cpu_until = cpu + Quick.BUDGET if quick_only else None
        start = compiled.start
        coerced = start.variables(variables) if start is not None else None
        if start is not None and coerced is not None:
            schema, executor_class = self.schema, self._executor_class
            run = direct.Run(
                coerced,
                context,
                deadline,
                cpu_until,
                started + Quick.BUDGET,
                make=lambda: start.executor(executor_class, schema, context, coerced),
            )
        else:
            built = self._executor_class.build(
                self.schema,
                compiled.document,
                context_value=context,
                raw_variable_values=variables,
                operation_name=operation_name,
                is_awaitable=cast(Any, optimized_is_awaitable),
            )
            if isinstance(built, list):  # variables that do not coerce: graphql-core's errors
                return None
            run = direct.Run(
                built.variable_values, context, deadline, cpu_until, started + Quick.BUDGET, executor=built
            )
        try:
            data = compiled.direct(run)
        except direct.Fallback:
            if quick_only:  # past the budget, or an error for graphql-core to report: back to the workers
                compiled.quick.reset()
            return None
        compiled.quick.took(time.thread_time() - cpu)
        self.direct += 1
        if quick_only:
            self.quick += 1
        return ExecutionResult(data, None)

    def _plan(self, query: str, scanned: Scanned) -> Plan | None:
        with self._lock:
            found = self._plans.get(scanned.shape)
            if found is not None:
                self._plans.move_to_end(scanned.shape)
        if found is None:
            found = self._make_plan(query, scanned)
            with self._lock:
                self._plans[scanned.shape] = found
                while len(self._plans) > self.max_shapes:
                    self._plans.popitem(last=False)
        return found if isinstance(found, Plan) else None

    def _make_plan(self, query: str, scanned: Scanned) -> Plan | object:
        try:
            document = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError:
            return _SLOW
        return _lift(self.schema, document, scanned)[1]

    def _compiled(
        self, key: tuple[Any, ...], query: str, scanned: Scanned, shared: tuple[int, ...], operation_name: str | None
    ) -> Compiled | None:
        with self._lock:
            found = self._documents.get(key)
            if found is not None:
                self._documents.move_to_end(key)
                self.hits += 1
        if found is None:
            found = self._compile(query, scanned, shared, operation_name)
            with self._lock:
                self.misses += 1
                if key not in self._documents:
                    self._documents[key] = found
                    self.chars += _chars(found)
                while len(self._documents) > self.max_documents or self.chars > self.max_chars:
                    self.chars -= _chars(self._documents.popitem(last=False)[1])
        return found if isinstance(found, Compiled) else None

    def _compile(
        self, query: str, scanned: Scanned, shared: tuple[int, ...], operation_name: str | None
    ) -> Compiled | object:
        try:
            document = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError:
            return _SLOW
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation != OperationType.QUERY:
            return _SLOW  # the full path names the problem (no such operation, not a query)
        document = _lift(self.schema, document, scanned, shared)[0]
        if validate(self.schema, document, specified_rules):
            return _SLOW
        cost_varies = _first_is_variable(document)
        if not cost_varies and check(self.limits, measure(self.schema, document, {}, operation_name)) is not None:
            return _SLOW
        plan = direct.plan(self.schema, document, operation_name)
        may_be_quick = plan is not None and _root_fields(document, operation_name) <= self.quick_fields
        start = direct.start(self.schema, document, operation_name) if plan is not None else None
        return Compiled(document, cost_varies, len(query), plan, start, may_be_quick=may_be_quick)


def _root_fields(document: DocumentNode, operation_name: str | None) -> frozenset[str]:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return frozenset({""})
    return frozenset(s.name.value if isinstance(s, FieldNode) else "" for s in operation.selection_set.selections)


def _chars(entry: Compiled | object) -> int:
    return entry.chars if isinstance(entry, Compiled) else 0
