"""Direct execution: a compiled document of a hot shape, run without graphql-core's executor.

graphql-core's executor is general: for every field of every answer it collects field details,
looks up the field's definition, builds a resolve info and a path, and completes the value
through a chain of generic calls. Once govorg.api.shapes has taken parsing and validation out of
a varied `holders` query, that executor is ~80% of its time. A document that portals send again
and again needs little of it: its fields, their types and their resolvers are known when the shape
is compiled. `plan` turns the document into nested closures, one per field, each knowing the
resolver to call (with a resolve info and arguments only when the field takes them, built by
graphql-core's own executor object, as graphql-core would) and how to complete its value. A leaf
field whose value is most often a `str`, a `bool` or an enum member is one closure that gives
such a value as graphql-core would and completes any other in full. `start` reads the variables'
signatures once, so that a run's executor is made without `Executor.build` (holders queries:
~16% less time in process).

The answer must be graphql-core's own, so a plan covers only what it reproduces exactly and the
caller falls back to graphql-core for everything else:

- `plan` returns None for a document with fragments, directives, a response key used twice
  (graphql-core merges such fields), interfaces or unions, or introspection beyond `__typename`;
- a run raises `Fallback` when anything would give graphql-core an error or a choice to make: an
  exception from a resolver, null for a non-null field, a list field's value that is not a list,
  a leaf that does not coerce, an object that fails `is_type_of`, an exception or an awaitable
  returned as a value, and the request's deadline passing. graphql-core then answers the
  request from the start, errors and all (the resolvers only read the registry, so running them
  again changes nothing).
"""

from __future__ import annotations

import inspect
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from itertools import repeat
from types import CoroutineType, GeneratorType
from typing import Any, cast

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    ValueNode,
    VariableNode,
    default_field_resolver,
    default_type_resolver,
    get_argument_values,
    get_operation_ast,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    is_required_argument,
)
from graphql.execution.get_variable_signature import GraphQLVariableSignature, get_variable_signature
from graphql.execution.values import VariableValues, VariableValueSource, coerce_argument
from graphql.pyutils import Path
from strawberry.execution import optimized_is_awaitable

from govorg.api.lean import CALL, CONTEXT, CONTEXT_ONLY_MODULES, LEAN, NO_INFO

is_awaitable: Callable[[Any], bool] = optimized_is_awaitable  # strawberry's: plain values answer fast


class Fallback(Exception):
    """graphql-core must answer this request (see the module's docstring)."""


class _Unsupported(Exception):
    """The document uses something a plan does not reproduce."""


class ContextInfo:
    """The resolve info a context-only resolver gets in a direct run (govorg.api.lean.CONTEXT):
    govorg's own resolvers read nothing of their `info` but the request's context, so one such
    object per run stands for graphql-core's resolve info and strawberry's `Info` around it."""

    __slots__ = ("context",)

    def __init__(self, context: Any) -> None:
        self.context = context


class Run:
    """One request's run: its coerced variables (graphql-core's `VariableValues`), a resolve info
    for context-only resolvers, graphql-core's executor object, made only when a field needs a
    real resolve info (`executor()`), the deadline (a `time.monotonic()` value, or None) and a
    budget of the thread's CPU time (`cpu_until`, a `time.thread_time()` value, or None: see
    govorg.api.shapes.Quick) that starts being read on the clock's `cpu_from`.

    Making the executor was ~6% of a `holders` request over HTTP, and its resolve infos more:
    a document whose fields all take no info or only the context (most of govorg's) never makes
    one.

    Reading the thread's CPU clock is a system call (~0.5 µs; the monotonic clock is read without
    one): at every list of a leadership page's answer it was 13% of the run. A thread uses no more
    CPU time than the clock shows passing, so until the budget has passed on the clock the CPU
    clock is not read."""

    __slots__ = ("_executor", "_make", "cpu_from", "cpu_until", "deadline", "info", "variables")

    def __init__(
        self,
        variables: VariableValues,
        context: Any,
        deadline: float | None,
        cpu_until: float | None = None,
        cpu_from: float = 0.0,
        *,
        executor: Any = None,
        make: Callable[[], Any] | None = None,
    ) -> None:
        self.variables = variables
        self.info = ContextInfo(context)
        self._executor = executor
        self._make = make
        self.deadline = deadline
        self.cpu_until = cpu_until
        self.cpu_from = cpu_from

    def executor(self) -> Any:
        """graphql-core's executor object for this run (it builds the resolve infos)."""
        if self._executor is None:
            assert self._make is not None, "a run needs its executor or a way to make it"
            self._executor = self._make()
        return self._executor

    def check(self) -> None:
        now = time.monotonic()
        if self.deadline is not None and now > self.deadline:
            raise Fallback  # graphql-core's run stops at the first resolver that reads the registry
        if self.cpu_until is not None and now > self.cpu_from and time.thread_time() > self.cpu_until:
            raise Fallback


@dataclass(frozen=True, slots=True)
class Start:
    """How a run's variables are coerced and its executor made for a document whose variables are
    all scalars (perhaps non-null) without defaults, as lifted literals are: what `Executor.build`
    does for such a document, with the variables' signatures read once instead of on every request
    (~60% of `build`'s time). The variables are coerced as graphql-core coerces them; a value it
    would refuse (a null for a non-null variable, one a scalar does not take, one missing) gives
    None and `Executor.build` runs instead, to give graphql-core's own errors."""

    operation: OperationDefinitionNode
    signatures: tuple[tuple[GraphQLVariableSignature, GraphQLScalarType, bool], ...]  # signature, scalar, non-null

    def variables(self, given: dict[str, Any]) -> VariableValues | None:
        """The variables coerced as graphql-core coerces them, or None where it would refuse them."""
        sources: dict[str, VariableValueSource] = {}
        coerced: dict[str, Any] = {}
        for signature, scalar, non_null in self.signatures:
            name = signature.name
            value = given.get(name, Undefined)
            if value is Undefined:
                if non_null:
                    return None
                sources[name] = VariableValueSource(signature)
                continue
            sources[name] = VariableValueSource(signature, value)
            if value is None:
                if non_null:
                    return None
                coerced[name] = None
                continue
            try:
                parsed = scalar.coerce_input_value(value)
            except Exception:
                return None
            if parsed is Undefined:
                return None
            coerced[name] = parsed
        return VariableValues(sources, coerced)

    def executor(self, executor_class: Any, schema: Any, context: Any, variables: VariableValues) -> Any:
        """Executor.build's own call, for a document without fragments or middleware."""
        return executor_class(
            schema,
            {},
            {},
            None,
            context,
            self.operation,
            variables,
            default_field_resolver,
            default_type_resolver,
            default_field_resolver,
            False,
            None,
            is_awaitable,
            None,
            hide_suggestions=False,
            abort_signal=None,
            hooks=None,
        )


def start(schema: Any, document: DocumentNode, operation_name: str | None) -> Start | None:
    """The document's `Start`, or None when `Executor.build` must make each run's executor."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or any(isinstance(d, FragmentDefinitionNode) for d in document.definitions):
        return None
    variables = []
    for definition in operation.variable_definitions or ():
        signature = get_variable_signature(schema, definition)
        if isinstance(signature, GraphQLError) or signature.default is not None:
            return None
        non_null = is_non_null_type(signature.type)
        scalar = signature.type.of_type if non_null else signature.type  # type: ignore[union-attr]
        if not isinstance(scalar, GraphQLScalarType):
            return None  # lists, enums and input objects: graphql-core coerces them
        variables.append((signature, scalar, non_null))
    return Start(operation, tuple(variables))


# A completion: the value a resolver returned, the run, and the path of the field (None where no
# field below needs one) -> the value in the answer.
Complete = Callable[[Any, Run, Path | None], Any]
# A field: the parent value, the run and the parent's path -> the field's value in the answer.
Execute = Callable[[Any, Run, Path | None], Any]
Plan = Callable[[Run], dict[str, Any]]


def plan(schema: Any, document: DocumentNode, operation_name: str | None) -> Plan | None:
    """The document's plan, or None when graphql-core must always run it."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY or operation.directives:
        return None
    if any(isinstance(d, FragmentDefinitionNode) for d in document.definitions):
        return None
    root = schema.query_type
    try:
        fields, _ = _fields(root, operation.selection_set)
        build = _answer_of(fields)
    except _Unsupported:
        return None

    def run(request: Run) -> dict[str, Any]:
        answer: dict[str, Any] = build(None, request, None)
        return answer

    return run


_KEY = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")  # a GraphQL name: a response key is one


def _answer_of(fields: list[tuple[str, Execute]]) -> Execute:
    """An object's answer from its fields, as one function with a dict display: on Python 3.11 a
    comprehension is a frame of its own, made for every object of every answer (with its loop,
    ~14% of a leadership page query's run). Same keys, same order, each field run in turn."""
    if not all(_KEY.fullmatch(key) for key, _ in fields):
        raise _Unsupported  # never for a parsed document; the generated source relies on it
    pairs = ", ".join(f"{key!r}: f{i}(value, run, path)" for i, (key, _) in enumerate(fields))
    scope: dict[str, Any] = {f"f{i}": execute for i, (_, execute) in enumerate(fields)}
    exec(
        f"def answer(value, run, path):\n    return {{{pairs}}}\n", scope
    )  # the keys are GraphQL names (checked above)
    return cast(Execute, scope["answer"])


def _fields(parent: GraphQLObjectType, selection_set: SelectionSetNode) -> tuple[list[tuple[str, Execute]], bool]:
    """Each selected field's response key and execution, in order, and whether any of them (or a
    field below) needs its path."""
    fields: list[tuple[str, Execute]] = []
    needs_path = False
    for selection in selection_set.selections:
        if not isinstance(selection, FieldNode):
            raise _Unsupported  # fragment spreads and inline fragments
        key = selection.alias.value if selection.alias else selection.name.value
        if any(key == seen for seen, _ in fields):
            raise _Unsupported  # graphql-core merges the two
        execute, path = _field(parent, selection, key)
        fields.append((key, execute))
        needs_path = needs_path or path
    return fields, needs_path


def _field(parent: GraphQLObjectType, node: FieldNode, key: str) -> tuple[Execute, bool]:
    if node.directives:
        raise _Unsupported
    name = node.name.value
    parent_name = parent.name
    if name == "__typename":
        return (lambda source, run, path: parent_name), False
    field_def: GraphQLField | None = parent.fields.get(name)
    if field_def is None:  # introspection (__schema, __type); validation refuses anything else
        raise _Unsupported
    resolve: Any = field_def.resolve or default_field_resolver
    complete, below = _completer(field_def.type, node)
    # Arguments given by no variable are the same on every run: coerced once, here.
    given = node.arguments or ()
    constant = None if any(_has_variable(a.value) for a in given) else _constant(field_def, node)
    if constant is not None and (getattr(resolve, LEAN, False) or getattr(resolve, NO_INFO, False)):
        call = _call(resolve, constant)
        if not below:
            fused = _fused_leaf(call, field_def.type, complete)
            if fused is not None:
                return fused, False
        if below:

            def without_info_with_path(source: Any, run: Run, path: Path | None) -> Any:
                try:
                    value = call(source)
                except Exception as exc:
                    raise Fallback from exc
                return complete(_checked(value), run, Path(path, key, parent_name))

            return without_info_with_path, True

        def without_info(source: Any, run: Run, path: Path | None) -> Any:
            try:
                value = call(source)
            except Exception as exc:
                raise Fallback from exc
            return complete(_checked(value), run, None)

        return without_info, False

    arguments_in = _arguments_in(field_def, node, constant)
    contextual = getattr(resolve, CONTEXT, None)
    if contextual is not None:  # no info, or the context alone (govorg.api.lean.CONTEXT)

        def with_context(source: Any, run: Run, path: Path | None) -> Any:
            try:
                value = contextual(source, run.info, arguments_in(run))
            except Exception as exc:
                raise Fallback from exc
            return complete(_checked(value), run, Path(path, key, parent_name) if below else None)

        return with_context, below

    nodes = [node]

    def full(source: Any, run: Run, path: Path | None) -> Any:
        here = Path(path, key, parent_name)
        executor = run.executor()
        info = executor.build_resolve_info(field_def, nodes, parent, here)
        try:
            arguments = arguments_in(run)
        except Exception as exc:
            raise Fallback from exc
        return complete(_value(resolve, source, info, arguments), run, here)

    return full, True


def _value(resolve: Any, source: Any, info: Any, arguments: dict[str, Any]) -> Any:
    """What the resolver gives; Fallback for an exception or an awaitable (graphql-core's to handle)."""
    try:
        value = resolve(source, info, **arguments)
    except Exception as exc:
        raise Fallback from exc
    return _checked(value)


# Types whose values are never awaitable: strawberry's plain types, and each class of govorg's
# own GraphQL types met while planning (none has `__await__`, none is a coroutine or generator;
# their instances never get one). Checking a govorg object took strawberry's slow path (two
# isinstance calls and a hasattr), ~3% of a leadership page query.
_NEVER_AWAITED: set[type] = {type(None), bool, int, float, str, bytes, bytearray, list, tuple, dict, set, frozenset}


def _never_awaited(type_: GraphQLObjectType) -> None:
    definition = (type_.extensions or {}).get("strawberry-definition")
    cls = getattr(definition, "origin", None)
    if (
        isinstance(cls, type)
        and cls.__module__.startswith(CONTEXT_ONLY_MODULES)
        and not hasattr(cls, "__await__")
        and not issubclass(cls, CoroutineType | GeneratorType)
    ):
        _NEVER_AWAITED.add(cls)


def _checked(value: Any) -> Any:
    if type(value) in _NEVER_AWAITED:
        return value
    if is_awaitable(value):
        _close(value)
        raise Fallback
    return value


def _call(resolve: Any, arguments: dict[str, Any]) -> Callable[[Any], Any]:
    """The resolver as a call taking the source alone: a lean resolver's own call (an attribute
    getter or the method) when it takes no arguments, else the resolver with the constant ones."""
    plain = getattr(resolve, CALL, None)
    if plain is not None and not arguments:
        return cast(Callable[[Any], Any], plain)
    return lambda source: resolve(source, None, **arguments)


def _fused_leaf(call: Callable[[Any], Any], type_: GraphQLOutputType, complete: Complete) -> Execute | None:
    """A field of a leaf type (perhaps non-null) in one step, for the values most answers hold: a
    `str` for String and ID, a `bool` for Boolean, which graphql-core gives back as they are, and
    a member of a strawberry enum, which it gives as the first name with the member's value. Any
    other value (None, another type, an awaitable, an exception) takes the full completion."""
    leaf = type_.of_type if is_non_null_type(type_) else type_
    exact = next((python for graphql_type, python in _IDENTITY if leaf is graphql_type), None)
    if exact is not None:

        def identity(source: Any, run: Run, path: Path | None) -> Any:
            try:
                value = call(source)
            except Exception as exc:
                raise Fallback from exc
            if type(value) is exact:
                return value
            return complete(_checked(value), run, None)

        return identity
    names = _enum_names(leaf)
    if names is not None:
        members: Any = leaf.wrapped_cls  # type: ignore[union-attr]

        def enum(source: Any, run: Run, path: Path | None) -> Any:
            try:
                value = call(source)
            except Exception as exc:
                raise Fallback from exc
            if type(value) is members:
                name = names.get(value)
                if name is not None:
                    return name
            return complete(_checked(value), run, None)

        return enum
    return None


# graphql-core's String and ID serialize a `str` as itself, Boolean a `bool`.
_IDENTITY: tuple[tuple[Any, type], ...] = ((GraphQLString, str), (GraphQLID, str), (GraphQLBoolean, bool))


def _enum_names(type_: Any) -> dict[Any, str] | None:
    """For strawberry's enum type (`CustomGraphQLEnumType`: a Python enum's members as values),
    each member's name in the answer, as its `coerce_output_value` finds it: the first value
    equal to the member's. None for other types."""
    members = getattr(type_, "wrapped_cls", None)
    if not isinstance(type_, GraphQLEnumType) or not isinstance(members, type) or not issubclass(members, Enum):
        return None
    names: dict[Any, str] = {}
    for member in members:
        for name, value in type_.values.items():
            if member.value == value.value:
                names[member] = name
                break
    return names


def _has_variable(value: ValueNode) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_has_variable(v) for v in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_has_variable(f.value) for f in value.fields)
    return False


def _arguments_in(field_def: GraphQLField, node: FieldNode, constant: dict[str, Any] | None) -> Callable[[Run], Any]:
    """How a run gets the field's arguments, chosen once: the constant ones, a lookup of its
    coerced variables (`arguments_of`), or else graphql-core's `get_argument_values`."""
    if constant is not None:
        return lambda run: constant
    from_variables = arguments_of(field_def, node)
    if from_variables is not None:
        return lambda run: from_variables(run.variables.coerced)
    return lambda run: get_argument_values(field_def, node, run.variables)


def arguments_of(field_def: GraphQLField, node: FieldNode) -> Callable[[dict[str, Any]], dict[str, Any]] | None:
    """The field's arguments from a run's coerced variables, as `get_argument_values` gives them,
    for a field whose arguments are each a variable, a literal without variables, or absent: the
    literals and defaults are coerced once, here; a run only looks its variables up. None for
    other fields (graphql-core's function then runs each time). Where graphql-core would raise
    (a null or missing value for a non-null argument), the call raises `Fallback`.

    For a `holders` question this was ~6% of the request: graphql-core coerces every argument
    again through its general path (`coerce_argument`, `coerce_input_literal`), though the
    variables were coerced already."""
    given = {a.name.value: a for a in node.arguments or ()}
    steps: list[tuple[str, Any, str | None, bool]] = []  # out name, value (or default), variable, non-null
    for name, arg_def in field_def.args.items():
        out_name = arg_def.out_name or name
        argument = given.get(name)
        value_node = argument.value if argument is not None else None
        fixed: dict[str, Any] = {}
        if isinstance(value_node, VariableNode):
            # what graphql-core does when the variable has no value: the default, if any; for a
            # required argument, an error (`Fallback` in the run)
            if not is_required_argument(arg_def):
                try:
                    coerce_argument(fixed, node, name, arg_def, None, None, None)
                except Exception:
                    return None  # a default that does not coerce: graphql-core reports it
            steps.append(
                (out_name, fixed.get(out_name, Undefined), value_node.name.value, is_non_null_type(arg_def.type))
            )
            continue
        if value_node is not None and _has_variable(value_node):
            return None  # a list or input object holding variables
        try:
            coerce_argument(fixed, node, name, arg_def, argument, None, None)
        except Exception:
            return None
        steps.append((out_name, fixed.get(out_name, Undefined), None, False))

    def arguments(coerced: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for out_name, value, variable, non_null in steps:
            if variable is not None:
                if variable in coerced:
                    given_value = coerced[variable]
                    if given_value is None and non_null:
                        raise Fallback  # graphql-core: the argument "has invalid value"
                    found[out_name] = given_value
                    continue
                if non_null and value is Undefined:
                    raise Fallback  # graphql-core: a required argument without a value
            if value is not Undefined:
                found[out_name] = value
        return found

    return arguments


def _constant(field_def: GraphQLField, node: FieldNode) -> dict[str, Any] | None:
    """The field's arguments when no variable gives them (defaults and literals), coerced as
    graphql-core would on every run; None when they do not coerce (graphql-core's error)."""
    try:
        return get_argument_values(field_def, node)
    except Exception:
        return None


def _completer(type_: GraphQLOutputType, node: FieldNode) -> tuple[Complete, bool]:
    """How to complete a value of the type, and whether a field below needs its path."""
    if is_non_null_type(type_) and is_list_type(type_.of_type) and is_non_null_type(type_.of_type.of_type):
        fused = _non_null_list(type_.of_type.of_type.of_type, node)
        if fused is not None:
            return fused, False
    if is_non_null_type(type_):
        inner, below = _completer(type_.of_type, node)

        def non_null(value: Any, run: Run, path: Path | None) -> Any:
            completed = inner(value, run, path)
            if completed is None:
                raise Fallback  # graphql-core: "Cannot return null for non-nullable field"
            return completed

        return non_null, below
    if is_list_type(type_):
        item, below = _completer(type_.of_type, node)
        if below:

            def listing_with_paths(value: Any, run: Run, path: Path | None) -> Any:
                if value is None:
                    return None
                if not isinstance(value, list | tuple):
                    _close(value)
                    raise Fallback  # graphql-core takes other iterables too, or errs
                run.check()
                return [item(x, run, Path(path, i, None)) for i, x in enumerate(value)]

            return listing_with_paths, True

        def listing(value: Any, run: Run, path: Path | None) -> Any:
            if value is None:
                return None
            if not isinstance(value, list | tuple):
                _close(value)
                raise Fallback
            run.check()
            return list(map(item, value, repeat(run), repeat(None)))  # no comprehension frame (3.11)

        return listing, False
    if is_leaf_type(type_):
        return _leaf(type_), False
    if is_object_type(type_):
        if node.selection_set is None:
            raise _Unsupported
        fields, below = _fields(type_, node.selection_set)
        is_type_of: Any = type_.is_type_of  # strawberry's ignore the resolve info
        _never_awaited(type_)
        answer = _answer_of(fields)

        def obj(value: Any, run: Run, path: Path | None) -> Any:
            if value is None:
                return None
            if isinstance(value, Exception):
                raise Fallback
            if is_type_of is not None and not is_type_of(value, None):
                raise Fallback
            return answer(value, run, path)

        return obj, below
    raise _Unsupported  # interfaces and unions: graphql-core resolves the runtime type


def _non_null_list(item_type: GraphQLOutputType, node: FieldNode) -> Complete | None:
    """`[T!]!` in one step (most of govorg's lists), when nothing below needs a path: what the
    three steps (non-null, list, non-null) do, without two calls for the list and one for each
    item. An empty list is answered at once; None, another iterable, or a None among the
    completed items go to graphql-core, as the steps do. None when a path is needed below."""
    item, below = _completer(item_type, node)
    if below:
        return None

    def non_null_list(value: Any, run: Run, path: Path | None) -> Any:
        if not isinstance(value, list | tuple):
            if value is not None:
                _close(value)
            raise Fallback  # null for a non-null list, or another iterable: graphql-core's
        if not value:
            return []
        run.check()
        completed = list(map(item, value, repeat(run), repeat(None)))
        if None in completed:
            raise Fallback  # graphql-core: "Cannot return null for non-nullable field"
        return completed

    return non_null_list


def _leaf(type_: GraphQLLeafType) -> Complete:
    coerce = type_.coerce_output_value

    def leaf(value: Any, run: Run, path: Path | None) -> Any:
        if value is None:
            return None
        if isinstance(value, Exception):
            raise Fallback
        try:
            coerced = coerce(value)
        except Exception as exc:
            raise Fallback from exc
        if coerced is None or coerced is Undefined:
            raise Fallback
        return coerced

    return leaf


def _close(value: Any) -> None:
    """A coroutine left unawaited warns; ours are never async, but a plan must not leak one."""
    close = getattr(value, "close", None)
    if inspect.iscoroutine(value) and close is not None:
        close()
