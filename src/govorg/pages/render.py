"""Fill the templates: a whole page (the shell: lang="zh-CN", inline styles with a print
stylesheet, nothing fetched from elsewhere) or, with `fragment`, only the page's content for
embedding. Autoescaping is on: every name and printed text from the data is escaped."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

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


def render(template: str, page: dict[str, Any], *, fragment: bool, data_version: str, query: str = "") -> str:
    """The HTML of `template` for `page`; `query` (like ?on=2021-06-01) is kept on links between pages."""
    layout = "fragment.html" if fragment else "shell.html"
    return environment().get_template(template).render(page=page, layout=layout, data_version=data_version, q=query)
