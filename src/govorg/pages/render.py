"""Fill the templates: a whole page (the shell: lang="zh-CN", inline styles with a print
stylesheet, nothing fetched from elsewhere) or, with `fragment`, only the page's content for
embedding. Autoescaping is on: every name and printed text from the data is escaped."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import cache
from typing import Any

import orjson
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from govorg.pages.links import Links

_DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(Environment):
    """Jinja's environment, with `page.title` on a dict read as the key at once. Jinja reads
    `x.y` as the attribute first and the item after, so on the pages' dicts every dotted name
    raised and caught an AttributeError: 13% of a leadership page's time at 100k tenures. A dict's
    only attributes are its methods, so for any other name the answer is the same."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@cache
def environment() -> Environment:
    env = PageEnvironment(
        loader=PackageLoader("govorg.pages", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat of the file on every render
    )
    env.globals["links"] = Links  # links and badges every page repeats (govorg.pages.links)
    return env


def _fill(template: str, page: dict[str, Any], fragment: bool, data_version: str, query: str) -> str:
    layout = "fragment.html" if fragment else "shell.html"
    return environment().get_template(template).render(page=page, layout=layout, data_version=data_version, q=query)


DAY = "\ue000"  # a private-use character: where the day goes in a kept page
_DAY_BYTES = DAY.encode()
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY_OPTIONS = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


class KeptPages:
    """Pages already rendered, kept by everything they show except their day.

    Filling a template is most of a page's cost (Jinja: ~0.7 ms of a leadership page's ~0.8 ms
    at 100k tenures), while what a page shows changes only when the records change: the
    leadership on one day is the leadership on the next, apart from the day printed on the page
    and kept on its links. So a page is rendered once with `DAY` where its day goes, kept as
    the pieces between, and for another day with the same data the pieces are joined with that
    day. The key is the page's data itself (as JSON, its `on` left out), with the template,
    the layout, the data version and whether links keep the day: two pages with equal keys are
    the same page but for the day, by construction, whatever the registry's questions did to
    make them. Only data of JSON's kinds (and Markup) is kept; a page with anything else, or
    with `DAY` in its data, is rendered every time. At most `BUDGET` characters of pages and
    keys are kept, the least recently used first to go."""

    BUDGET = 8_000_000  # characters (~16 MB: the pages are mostly CJK, two bytes a character)

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._pages: OrderedDict[tuple[str, bool, str, bool, bytes], tuple[list[str], int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    @staticmethod
    def key(page: dict[str, Any]) -> bytes | None:
        """The page's data as JSON bytes, its day left out; None when it cannot be kept."""
        markups = 0

        def markup(value: Any) -> Any:  # Markup apart from text of the same letters: one is escaped
            nonlocal markups
            if type(value) is not Markup:
                raise TypeError(type(value).__name__)  # nothing else of a page's data is kept
            markups += 1
            return [DAY, str(value)]

        try:
            shown = orjson.dumps({**page, "on": None}, default=markup, option=_KEY_OPTIONS)
        except TypeError:
            return None
        return shown if shown.count(_DAY_BYTES) == markups else None  # DAY only where Markup was

    def render(self, template: str, page: dict[str, Any], fragment: bool, data_version: str, query: str) -> str:
        day = page.get("on")
        if type(day) is not str or not _ISO_DAY.fullmatch(day) or query not in ("", "?on=" + day):
            return _fill(template, page, fragment, data_version, query)
        shown = self.key(page)
        if shown is None:
            return _fill(template, page, fragment, data_version, query)
        key = (template, fragment, data_version, bool(query), shown)
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
        if found is None:
            html = _fill(template, {**page, "on": DAY}, fragment, data_version, "?on=" + DAY if query else "")
            pieces = html.split(DAY)
            found = (pieces, len(html) + len(shown))
            self._keep(key, found)
        return day.join(found[0])

    def _keep(self, key: tuple[str, bool, str, bool, bytes], found: tuple[list[str], int]) -> None:
        size = found[1]
        if size > self.budget // 8:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = found
            self._size += size
            while self._size > self.budget:
                _, (_, gone) = self._pages.popitem(last=False)
                self._size -= gone


KEPT = KeptPages()


def render(template: str, page: dict[str, Any], *, fragment: bool, data_version: str, query: str = "") -> str:
    """The HTML of `template` for `page`; `query` (like ?on=2021-06-01) is kept on links between
    pages. A page shown before with the same data on another day comes from `KEPT`."""
    return KEPT.render(template, page, fragment, data_version, query)
