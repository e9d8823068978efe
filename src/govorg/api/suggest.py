"""Did-you-mean in GraphQL answers: a question naming a title its organisation never recorded
is an error with the closest recorded titles in `extensions.suggestions`, not an empty list
that reads as "nobody holds it"."""

from __future__ import annotations

from datetime import date

from graphql import GraphQLError

from govorg.registry import Registry
from govorg.suggest import title_suggestions


def unknown_title(registry: Registry, organisation: str, title: str, *, on: date, government: str | None) -> None:
    """Raise when the organisation resolves and `title` is none of its recorded titles; return
    when the title is recorded (nobody holds it on the day: an answer) or the organisation is
    unknown (answered as before, with nobody)."""
    org = registry.organisation(organisation, on=on, government=government)
    if org is None:
        return
    suggestions = title_suggestions(registry.titles(org.id), title)
    if suggestions is None:
        return
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else " (no title of it is recorded)"
    raise GraphQLError(
        f"{org.name} has no recorded title {title!r}{hint}",
        extensions={"code": "UNKNOWN_TITLE", "organisation": org.id, "title": title, "suggestions": suggestions},
    )
