"""Lean resolvers: call a field's method directly when strawberry's wrapper has nothing to add.

Strawberry wraps every resolver: per field and per request it builds an `Info`, converts the
arguments and chains field extensions, ~15 µs on this machine even for `person { name }`. A
holders answer is ~30 fields, so the wrapper cost more than the question. For a field whose
resolver is a plain synchronous method taking only `self`, and perhaps `info` (no arguments, no
field extensions or permissions, no exception handlers), the wrapper calls `method(source)` or
`method(source, info=Info(…))` and nothing else; `lean` gives graphql-core exactly that call. A field without a resolver reads the
attribute of the same name, as strawberry's default resolver (`getattr`) does. Errors raised by the method reach
graphql-core the same way, and the value returned is the same, so the answer is too.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"  # strawberry's link from a GraphQL field to its definition


def _plain_method(field: StrawberryField) -> tuple[Any, str | None] | None:
    """The field's method and the name of its `info` parameter (None without one), when the method
    takes nothing else besides `self`."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or field.arguments or resolver.is_async:
        return None
    if resolver.self_parameter is None or resolver.parent_parameter or resolver.root_parameter:
        return None
    info = resolver.info_parameter
    if len(resolver.signature.parameters) != (2 if info else 1):
        return None
    return resolver.wrapped_func, info.name if info else None


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
            plain = _plain_method(field)
            if plain is None:
                continue
            method, info_name = plain
            if info_name is None:
                graphql_field.resolve = _direct(method)
            else:
                graphql_field.resolve = _with_info(method, info_name, served.config.info_class, field)
            changed += 1
    return changed


def _attribute(name: str) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, name)

    return resolve


def _with_info(method: Any, info_name: str, info_class: Any, field: StrawberryField) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return method(source, **{info_name: info_class(_raw_info=info, _field=field)})  # strawberry's own Info

    return resolve


def _direct(method: Any) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return method(source)

    return resolve
