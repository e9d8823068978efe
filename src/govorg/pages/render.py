"""Fill the templates: a whole page (the shell: lang="zh-CN", inline styles with a print
stylesheet, nothing fetched from elsewhere) or, with `fragment`, only the page's content for
embedding. Autoescaping is on: every name and printed text from the data is escaped."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from govorg.pages.links import Links


@cache
def environment() -> Environment:
    env = Environment(
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
