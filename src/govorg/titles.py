"""Title rules: which titles have one holder at a time (局长, 县长) and which have many (常委, 巡视员).

Whether two people may hold a title at once is a fact about a government, not about Chinese:
most counties have one 常务副县长, some have two. So the answer is data, looked up from the
most specific rule to the least:

1. the data's rules for the organisation itself (`titles:` entries with `organisation:`);
2. the data's rules for the organisation's kind (`titles:` entries with `kind:`);
3. the package defaults for that kind (`DEFAULTS` below);
4. the package defaults for every kind (`DEFAULTS["*"]`);
5. the fallback: a deputy title (副…) has many holders except 常务副…; anything else has one.

At each level the rule whose title is the longest suffix of the title asked about wins: a rule
for 巡视员 covers 一级巡视员 and 二级巡视员; a rule for 主任委员 beats one for 委员.
docs/format.md, "Title rules", shows the record form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govorg.catalog import Catalog
from govorg.names import name_key
from govorg.problems import Problem, Text, problem
from govorg.records import Holders, TitleRule

ONE, MANY = Holders.ONE, Holders.MANY

# The package defaults, keyed by organisation kind ("*": every kind). Ranks and memberships have
# many holders everywhere; heads of committees (主任委员) have one.
DEFAULTS: dict[str, dict[str, Holders]] = {
    "*": {
        "调研员": MANY,
        "巡视员": MANY,
        "委员": MANY,
        "主任委员": ONE,
        "常委": MANY,
        "成员": MANY,
        "职员": MANY,
        "干部": MANY,
        "副秘书长": MANY,
        "督学": MANY,
    },
    "party": {"常委": MANY, "委员": MANY},
    "court": {"审判员": MANY, "审判委员会委员": MANY},
    "procuratorate": {"检察员": MANY, "检察委员会委员": MANY},
}


def fallback(title: str) -> Holders:
    """The last resort: a deputy (副…) is one of several, except the executive deputy (常务副…)."""
    key = name_key(title)
    if key.startswith("常务副"):
        return ONE
    return MANY if "副" in key else ONE


def _longest_suffix(rules: dict[str, Holders], key: str) -> Holders | None:
    best: tuple[int, Holders] | None = None
    for suffix, holders in rules.items():
        if key.endswith(suffix) and (best is None or len(suffix) > best[0]):
            best = (len(suffix), holders)
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class Rule:
    """One resolved rule from the data: a title's holders in one organisation or one kind."""

    title: str
    holders: Holders
    organisation_id: str | None  # None: the rule is for a kind
    kind: str | None


class TitleRules:
    """The rules in force for a registry: the data's, over the package defaults."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._by_org: dict[str, dict[str, Holders]] = {}
        self._by_kind: dict[str, dict[str, Holders]] = {}
        self._defaults = {kind: {name_key(t): h for t, h in table.items()} for kind, table in DEFAULTS.items()}
        for rule in rules:
            if rule.organisation_id is not None:
                self._by_org.setdefault(rule.organisation_id, {})[name_key(rule.title)] = rule.holders
            elif rule.kind is not None:
                self._by_kind.setdefault(rule.kind, {})[name_key(rule.title)] = rule.holders

    def holders(self, title: str, *, organisation_id: str | None = None, kind: str | None = None) -> Holders:
        key = name_key(title)
        levels = (
            self._by_org.get(organisation_id or "", {}),
            self._by_kind.get(kind or "", {}),
            self._defaults.get(kind or "", {}),
            self._defaults["*"],
        )
        for rules in levels:
            found = _longest_suffix(rules, key)
            if found is not None:
                return found
        return fallback(title)

    def single_holder(self, title: str, *, organisation_id: str | None = None, kind: str | None = None) -> bool:
        return self.holders(title, organisation_id=organisation_id, kind=kind) is ONE


PACKAGE_DEFAULTS = TitleRules()


def single_holder(title: str, *, kind: str | None = None) -> bool:
    """Whether a title has one holder at a time by the package defaults alone.

    >>> single_holder("局长"), single_holder("副局长"), single_holder("区委常委"), single_holder("一级巡视员")
    (True, False, False, False)
    """
    return PACKAGE_DEFAULTS.single_holder(title, kind=kind)


def build_title_rules(records: Iterable[TitleRule], catalog: Catalog, problems: list[Problem]) -> TitleRules:
    """The data's `titles:` entries over the package defaults; GO310 when two entries give one
    title in one organisation (or kind) different holders."""
    rules: list[Rule] = []
    seen: dict[tuple[str | None, str | None, str], TitleRule] = {}
    for record in records:
        org = catalog.resolve_reference(record.organisation) if record.organisation is not None else None
        if record.organisation is not None and org is None:
            continue
        scope = (org, record.kind, name_key(record.title))
        first = seen.get(scope)
        if first is not None and first.holders != record.holders:
            where = Text("organisation {org}", org=org) if org else Text("kind {kind}", kind=record.kind)
            problems.append(
                problem(
                    "GO310",
                    record.location,
                    Text(
                        "{title} in {where} is `{value}` here but `{value2}` at {location}",
                        title=record.title,
                        where=where,
                        value=record.holders.value,
                        value2=first.holders.value,
                        location=first.location,
                    ),
                    hint="keep one rule per title and scope",
                )
            )
            continue
        seen[scope] = record
        rules.append(Rule(record.title, record.holders, org, record.kind))
    return TitleRules(rules)
