"""Direct execution: a compiled document of a hot shape, run without graphql-core's executor.

graphql-core's executor is general: for every field of every answer it collects field details,
looks up the field's definition, builds a resolve info and a path, and completes the value
through a chain of generic calls. Once govorg.api.shapes has taken parsing and validation out of
a varied `holders` query, that executor is ~80% of its time. A document that portals send again
and again needs little of it: its fields, their types and their resolvers are known when the shape
is compiled. `plan` turns the document into nested closures, one per field, each knowing the
resolver to call (with a resolve info and arguments only when the field takes them, built by
graphql-core's own executor object, as graphql-core would) and how to complete its value.

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
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    ListValueNode,
    ObjectValueNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    ValueNode,
    VariableNode,
    default_field_resolver,
    get_argument_values,
    get_operation_ast,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.pyutils import Path
from strawberry.execution import optimized_is_awaitable

from govorg.api.lean import LEAN, NO_INFO

is_awaitable: Callable[[Any], bool] = optimized_is_awaitable  # strawberry's: plain values answer fast


class Fallback(Exception):
    """graphql-core must answer this request (see the module's docstring)."""


class _Unsupported(Exception):
    """The document uses something a plan does not reproduce."""


@dataclass(slots=True)
class Run:
    """One request's run: graphql-core's executor object, built for the request (its variables
    coerced; it builds the resolve infos), and the deadline (a `time.monotonic()` value, or None)."""

    executor: Any
    deadline: float | None

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise Fallback  # graphql-core's run stops at the first resolver that reads the registry


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
    except _Unsupported:
        return None

    def run(request: Run) -> dict[str, Any]:
        return {key: execute(None, request, None) for key, execute in fields}

    return run


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
        if below:

            def without_info_with_path(source: Any, run: Run, path: Path | None) -> Any:
                return complete(_value(resolve, source, None, constant), run, Path(path, key, parent_name))

            return without_info_with_path, True

        def without_info(source: Any, run: Run, path: Path | None) -> Any:
            return complete(_value(resolve, source, None, constant), run, None)

        return without_info, False

    nodes = [node]

    def full(source: Any, run: Run, path: Path | None) -> Any:
        here = Path(path, key, parent_name)
        executor = run.executor
        info = executor.build_resolve_info(field_def, nodes, parent, here)
        try:
            arguments = (
                constant if constant is not None else get_argument_values(field_def, node, executor.variable_values)
            )
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
    if is_awaitable(value):
        _close(value)
        raise Fallback
    return value


def _has_variable(value: ValueNode) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_has_variable(v) for v in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_has_variable(f.value) for f in value.fields)
    return False


def _constant(field_def: GraphQLField, node: FieldNode) -> dict[str, Any] | None:
    """The field's arguments when no variable gives them (defaults and literals), coerced as
    graphql-core would on every run; None when they do not coerce (graphql-core's error)."""
    try:
        return get_argument_values(field_def, node)
    except Exception:
        return None


def _completer(type_: GraphQLOutputType, node: FieldNode) -> tuple[Complete, bool]:
    """How to complete a value of the type, and whether a field below needs its path."""
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
            return [item(x, run, None) for x in value]

        return listing, False
    if is_leaf_type(type_):
        return _leaf(type_), False
    if is_object_type(type_):
        if node.selection_set is None:
            raise _Unsupported
        fields, below = _fields(type_, node.selection_set)
        is_type_of: Any = type_.is_type_of  # strawberry's ignore the resolve info

        def obj(value: Any, run: Run, path: Path | None) -> Any:
            if value is None:
                return None
            if isinstance(value, Exception):
                raise Fallback
            if is_type_of is not None and not is_type_of(value, None):
                raise Fallback
            return {key: execute(value, run, path) for key, execute in fields}

        return obj, below
    raise _Unsupported  # interfaces and unions: graphql-core resolves the runtime type


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
