"""The small pieces every page repeats, made in Python rather than as template macros: a link
to a person, an organisation or documents, and the "possible" badge.

A leadership page calls them ~35 times; each call of a Jinja macro builds a frame of its own
(arguments, a context, a loop object), and those calls were a fifth of the page's time. These
give the same HTML, byte for byte: values escaped as autoescaping would, ids quoted by Jinja's
own `urlencode` filter, and the page's `q` (the day kept on links between pages) read from the
template's context.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from jinja2 import pass_context
from jinja2.filters import do_urlencode
from jinja2.runtime import Context
from markupsafe import Markup, escape

POSSIBLE = Markup('<span class="badge possible" title="来源未能确定，仅为可能">可能</span>')
NONE = Markup("—")


def _get(item: Any, name: str) -> Any:
    """`item.name` as a template reads it: a key of the page data's dicts, else an attribute."""
    return item[name] if isinstance(item, dict) else getattr(item, name)


@lru_cache(maxsize=16_384)
def _quoted(value: Any) -> str:
    """An id as it goes into a link: quoted by Jinja's `urlencode`, then escaped. Cached: the same
    people and units come back on page after page (quoting was ~7% of a leadership page)."""
    return str(escape(do_urlencode(value)))


def _link(kind: str, item: Any, q: str) -> Markup:
    if not item:
        return NONE
    href = f"/pages/{kind}/{_quoted(_get(item, 'id'))}{escape(q)}"
    return Markup(f'<a href="{href}">{escape(_get(item, "name"))}</a>')


@pass_context
def person(context: Context, item: Any) -> Markup:
    """A link to a person's page (— when there is none), keeping the page's day."""
    return _link("people", item, context["q"])


@pass_context
def org(context: Context, item: Any) -> Markup:
    """A link to an organisation's page (— when there is none), keeping the page's day."""
    return _link("organisations", item, context["q"])


def docs(items: Iterable[Any]) -> Markup:
    """Links to source documents, separated by ；, each titled with the document's title."""
    links = "；".join(
        f'<a href="/pages/documents/{_quoted(_get(d, "id"))}" title="{escape(_get(d, "title"))}">'
        f"{escape(_get(d, 'label'))}</a>"
        for d in items
    )
    return Markup(f'<span class="sources">{links}</span>')


def possible(flag: Any) -> Markup:
    """The badge for a fact the sources leave only possible."""
    return POSSIBLE if flag else Markup("")


class Links:
    """The helpers as the templates see them: `links.person(p)`, `links.docs(list)`…"""

    person = staticmethod(person)
    org = staticmethod(org)
    docs = staticmethod(docs)
    possible = staticmethod(possible)
