"""Lean resolvers: call a field's method directly when strawberry's wrapper has nothing to add.

Strawberry wraps every resolver: per field and per request it builds an `Info`, converts the
arguments and chains field extensions, ~15 µs on this machine even for `person { name }`, more
with arguments (their names are converted from camelCase on every call). A holders answer is ~30
fields, so the wrapper cost more than the question. For a field whose resolver is a plain
synchronous method taking `self`, perhaps `info`, and arguments that strawberry passes on as
graphql-core coerced them (scalars, enums and lists of them; no input objects), with no field
extensions or permissions and no exception handlers, the wrapper calls
`method(source, info=Info(…), **arguments)` under the arguments' Python names and nothing else;
`lean` gives graphql-core exactly that call. A field without a resolver reads the attribute of
the same name, as strawberry's default resolver (`getattr`) does. Errors raised by the method
reach graphql-core the same way, and the value returned is the same, so the answer is too.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.relay import GlobalID
from strawberry.scalars import is_scalar
from strawberry.types.base import StrawberryList, StrawberryMaybe, StrawberryOptional
from strawberry.types.enum import has_enum_definition
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType

DEFINITION = "strawberry-definition"  # strawberry's link from a GraphQL field to its definition
# Set on a lean resolver that ignores its `info`: govorg.api.direct calls it without building one.
LEAN = "govorg_lean"  # ... and takes no arguments
NO_INFO = "govorg_no_info"  # ... and takes arguments
# Set on a LEAN resolver: the same call taking the source alone (`attrgetter(name)` or the method),
# which govorg.api.direct calls without the resolver's own frame.
CALL = "govorg_call"
# Set on a lean resolver that takes arguments, or an `info` of which it reads only `info.context`:
# `call(source, info, arguments)` with any object whose `context` is the request's (a
# govorg.api.direct.ContextInfo), so a direct run builds no resolve info for it. Every method of
# govorg's own types reads nothing else of its info (tests/test_architecture.py checks that);
# a method defined elsewhere (a test's extra fields) gets strawberry's full `Info`.
CONTEXT = "govorg_context"
CONTEXT_ONLY_MODULES = "govorg.api."


def _plain_method(field: StrawberryField, served: strawberry.Schema) -> tuple[Any, str | None, Arguments] | None:
    """The field's method, the name of its `info` parameter (None without one) and its arguments
    (GraphQL name, Python name, whether the value is a list strawberry copies), when the method
    takes nothing but `self`, perhaps `info`, and arguments passed on as they are."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or resolver.is_async:
        return None
    if resolver.self_parameter is None or resolver.parent_parameter or resolver.root_parameter:
        return None
    info = resolver.info_parameter
    if len(resolver.signature.parameters) != (2 if info else 1) + len(field.arguments):
        return None
    arguments: list[tuple[str, str, bool]] = []
    for argument in field.arguments:
        copied = _as_given(argument.type, served)
        if copied is None or argument.python_name is None:
            return None
        arguments.append((served.config.name_converter.from_argument(argument), argument.python_name, copied))
    return resolver.wrapped_func, info.name if info else None, tuple(arguments)


Arguments = tuple[tuple[str, str, bool], ...]


def _as_given(type_: Any, served: strawberry.Schema) -> bool | None:
    """How strawberry converts an argument of the type (strawberry.types.arguments): False when it
    passes the value on as it is (a scalar other than a GlobalID, an enum, either optional), True
    when it passes a copy of the list (a list of those), None for anything else."""
    if isinstance(type_, StrawberryMaybe):
        return None  # wrapped in Some()
    if isinstance(type_, StrawberryOptional):
        return _as_given(type_.of_type, served)
    if isinstance(type_, StrawberryList):
        item = type_.of_type
        if isinstance(item, StrawberryOptional):
            item = item.of_type
        return True if _as_given(item, served) is False else None
    if type_ is GlobalID or isinstance(type_, LazyType):
        return None
    if is_scalar(type_, served.schema_converter.scalar_registry) or has_enum_definition(type_):
        return False
    return None


def lean(served: strawberry.Schema) -> int:
    """Gives every plain method field and plain attribute field of the schema a direct resolver;
    the number of fields changed."""
    if served.exception_handlers:
        return 0  # exception handlers may apply to any field
    changed = 0
    for graphql_type in served._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for graphql_field in graphql_type.fields.values():
            field = (graphql_field.extensions or {}).get(DEFINITION)
            if not isinstance(field, StrawberryField):
                continue
            if field.base_resolver is None and not field.extensions and served.config.default_resolver is getattr:
                graphql_field.resolve = _attribute(field.python_name)  # what strawberry's basic field does
                changed += 1
                continue
            plain = _plain_method(field, served)
            if plain is None:
                continue
            method, info_name, arguments = plain
            if arguments:
                graphql_field.resolve = _with_arguments(method, info_name, served.config.info_class, field, arguments)
            elif info_name is None:
                graphql_field.resolve = _direct(method)
            else:
                graphql_field.resolve = _with_info(method, info_name, served.config.info_class, field)
            changed += 1
    return changed


def _attribute(name: str) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, name)

    setattr(resolve, LEAN, True)
    setattr(resolve, CALL, attrgetter(name))
    return resolve


def _context_only(method: Any) -> bool:
    return str(getattr(method, "__module__", "")).startswith(CONTEXT_ONLY_MODULES)


def _with_info(method: Any, info_name: str, info_class: Any, field: StrawberryField) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return method(source, **{info_name: info_class(_raw_info=info, _field=field)})  # strawberry's own Info

    if _context_only(method):

        def call(source: Any, info: Any, arguments: dict[str, Any]) -> Any:
            return method(source, **{info_name: info})

        setattr(resolve, CONTEXT, call)
    return resolve


def _with_arguments(
    method: Any, info_name: str | None, info_class: Any, field: StrawberryField, arguments: Arguments
) -> Any:
    def call(source: Any, info: Any, given: dict[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for name, python_name, copied in arguments:
            if name in given:
                value = given[name]
                kwargs[python_name] = list(value) if copied and value is not None else value
        if info_name is not None:
            kwargs[info_name] = info
        return method(source, **kwargs)

    def resolve(source: Any, info: Any, **given: Any) -> Any:
        if info_name is None:
            return call(source, None, given)
        return call(source, info_class(_raw_info=info, _field=field), given)  # strawberry's own Info

    if info_name is None:
        setattr(resolve, NO_INFO, True)
    if info_name is None or _context_only(method):
        setattr(resolve, CONTEXT, call)
    return resolve


def _direct(method: Any) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return method(source)

    setattr(resolve, LEAN, True)
    setattr(resolve, CALL, method)
    return resolve
