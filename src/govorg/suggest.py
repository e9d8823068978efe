"""Did-you-mean for a title a question names: the CLI (`govorg who`) and the GraphQL API
(`holders`) answer a title the organisation never recorded with the closest recorded ones,
rather than with "nobody", which would read as an answer."""

from __future__ import annotations

import difflib

from govorg.names import name_key

MAX_SUGGESTIONS = 5


def title_suggestions(recorded: list[str], title: str) -> list[str] | None:
    """None when `title` is one of the `recorded` titles (nobody holding it on a day is an
    answer); otherwise the recorded titles closest to it, or the first few when none is close
    (an empty list when the organisation has none).

    >>> title_suggestions(["局长", "副局长"], "付局长"), title_suggestions(["局长"], "局长")
    (['局长', '副局长'], None)
    """
    if name_key(title) in {name_key(t) for t in recorded}:
        return None
    return difflib.get_close_matches(title, recorded, n=MAX_SUGGESTIONS, cutoff=0.3) or recorded[: 2 * MAX_SUGGESTIONS]
