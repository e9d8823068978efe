"""`govorg network interlocks|path|flows|central`: questions answered by the network graph
(docs/network.md). Each prints text, or JSON with `--json`; every link says CERTAIN or POSSIBLE."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from govorg.cli.common import Handler, data_option, day_arg, open_registry, source_label
from govorg.cli.text import MESSAGES, certainty, say, tr
from govorg.graph import Tie
from govorg.network import Central, Flow, Measure, Move
from govorg.registry import Registry


def add_network(command: Callable[[str, Handler, str, str], argparse.ArgumentParser]) -> None:
    """Register `govorg network` and its four questions."""
    p = command(
        "network",
        cmd_network,
        tr(
            "由人员、机构和单位组成的网络所能回答的问题：interlocks、path、flows、central。",
            "Questions the network of people, bodies and units answers: interlocks, path, flows, central.",
        ),
        "govorg network interlocks --on 2021-07-01",
    )
    questions = p.add_subparsers(dest="question", required=True, metavar="QUESTION")

    def question(name: str, help_text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = questions.add_parser(name, help=help_text, description=help_text)
        return q

    q = question(
        "interlocks",
        tr(
            "某日同时在多个机构任职的人员，以及有共同成员的机构。",
            "People on several bodies on a day, and the bodies that share members.",
        ),
    )
    _on_json_data(q)
    q = question(
        "path",
        tr(
            "某日两人之间经由共同机构和单位的最短联系。",
            "The shortest connection between two people on a day, through shared bodies and units.",
        ),
    )
    q.add_argument(
        "person", help=tr("人员 id（或能唯一找到一人的姓名）", "a person id (or a name that finds one person)")
    )
    q.add_argument("other", help=tr("另一人", "the other person"))
    _on_json_data(q)
    q = question(
        "flows",
        tr(
            "一段时间内的干部流动：谁离开一个单位的职务，到另一单位任职。",
            "Cadre flows over a period: who left a post in one unit and took one in another.",
        ),
    )
    q.add_argument(
        "--from", dest="start", type=day_arg, required=True, help=tr("起始日，YYYY-MM-DD", "first day, YYYY-MM-DD")
    )
    q.add_argument(
        "--to", dest="end", type=day_arg, required=True, help=tr("截止日，YYYY-MM-DD", "last day, YYYY-MM-DD")
    )
    q.add_argument(
        "--top",
        type=int,
        default=50,
        help=tr("至多显示多少对单位（默认 50）", "at most this many pairs of units (default 50)"),
    )
    q.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(q)
    q = question(
        "central",
        tr(
            "某日网络中最处于中心的人员、机构和单位。",
            "The most central people, bodies and units of the network on a day.",
        ),
    )
    q.add_argument(
        "--measure",
        choices=[m.value for m in Measure],
        default=Measure.DEGREE.value,
        help=tr(
            "degree（直接联系；默认）或 betweenness（机构之间的中介作用）",
            "degree (direct ties; the default) or betweenness (brokerage between bodies)",
        ),
    )
    q.add_argument(
        "--kind", choices=("person", "body", "unit"), help=tr("只看人员、机构或单位", "only people, bodies or units")
    )
    q.add_argument("--top", type=int, default=20, help=tr("显示多少个（默认 20）", "how many (default 20)"))
    _on_json_data(q)


def _on_json_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on",
        type=day_arg,
        help=tr("所查询的日期，YYYY-MM-DD（默认：今天）", "the day asked about, YYYY-MM-DD (default: today)"),
    )
    parser.add_argument("--json", action="store_true", help=tr("输出 JSON", "print JSON"))
    data_option(parser)


def cmd_network(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    handler = {"interlocks": _interlocks, "path": _path, "flows": _flows, "central": _central}[args.question]
    return handler(registry, args)


def _emit(args: argparse.Namespace, payload: Any, lines: list[str]) -> int:
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))
    return 0


def _name(registry: Registry, person_id: str) -> str:
    person = registry.catalog.people.get(person_id)
    return person.name if person else person_id


def _org(registry: Registry, org_id: str, on: date) -> str:
    return registry.organisation_name(org_id, on=on)


def _tie_json(registry: Registry, tie: Tie, on: date) -> dict[str, Any]:
    return {
        "person": tie.person,
        "name": _name(registry, tie.person),
        "organisation": tie.group,
        "organisationName": _org(registry, tie.group, on),
        "kind": tie.kind,
        "role": tie.role,
        "certainty": tie.certainty.value,
        "sources": [source_label(registry, s) for s in tie.sources],
    }


def _mark(found: Any) -> str:
    return "" if found.value == "CERTAIN" else say("network.possible")


def _interlocks(registry: Registry, args: argparse.Namespace) -> int:
    on = args.on or date.today()
    people = registry.interlocking_people(on=on)
    bodies = registry.interlocking_bodies(on=on)
    payload = {
        "on": on.isoformat(),
        "people": [
            {
                "person": i.person,
                "name": _name(registry, i.person),
                "certainty": i.certainty.value,
                "seats": [_tie_json(registry, t, on) for t in i.ties],
            }
            for i in people
        ],
        "bodies": [
            {
                "bodies": list(b.bodies),
                "names": [_org(registry, o, on) for o in b.bodies],
                "certainty": b.certainty.value,
                "members": [
                    {"person": m.person, "name": _name(registry, m.person), "certainty": m.certainty.value}
                    for m in b.members
                ],
            }
            for b in bodies
        ],
    }
    lines = [say("network.people", on=on, count=len(people))]
    for i in people:
        lines.append(
            say(
                "network.person",
                name=_name(registry, i.person),
                id=i.person,
                count=len(i.ties),
                mark=_mark(i.certainty),
            )
        )
        for t in i.ties:
            lines.append(f"    {_org(registry, t.group, on)} {t.role}{_mark(t.certainty)}")
    lines.append(say("network.bodies", on=on, count=len(bodies)))
    for b in bodies:
        a, c = (_org(registry, o, on) for o in b.bodies)
        shared = "、".join(
            _name(registry, m.person) + ("?" if m.certainty.value != "CERTAIN" else "") for m in b.members
        )
        lines.append(say("network.pair", a=a, b=c, count=len(b.members), mark=_mark(b.certainty), shared=shared))
    if not people and not bodies:
        lines.append(say("network.no_pairs"))
    return _emit(args, payload, lines)


def _person_id(registry: Registry, text: str) -> str | None:
    if registry.person(text) is not None:
        return text
    matches = registry.people(text)
    if len(matches) != 1:
        print(f"govorg: {say('network.no_person', text=repr(text))}", file=sys.stderr)
        return None
    return matches[0].id


def _path(registry: Registry, args: argparse.Namespace) -> int:
    on = args.on or date.today()
    a, b = _person_id(registry, args.person), _person_id(registry, args.other)
    if a is None or b is None:
        return 1
    found = registry.connection(a, b, on=on)
    if found is None:
        print(
            f"govorg: {say('network.no_connection', a=_name(registry, a), b=_name(registry, b), on=on)}",
            file=sys.stderr,
        )
        if args.json:
            print("null")
        return 1
    payload = {
        "on": on.isoformat(),
        "certainty": found.certainty.value,
        "people": [{"person": p, "name": _name(registry, p)} for p in found.people],
        "steps": [
            {
                "person": s.person,
                "via": s.via,
                "viaName": _org(registry, s.via, on),
                "next": s.next,
                "certainty": s.certainty.value,
                "ties": [_tie_json(registry, t, on) for t in s.ties],
            }
            for s in found.steps
        ],
    }
    chain = " → ".join(_name(registry, p) for p in found.people)
    lines = [
        say("network.path", chain=chain, on=on, steps=len(found.steps), certainty=certainty(found.certainty.value))
    ]
    for s in found.steps:
        roles = {t.person: t.role for t in s.ties}
        lines.append(
            say(
                "network.step",
                a=_name(registry, s.person),
                a_role=roles.get(s.person, ""),
                b=_name(registry, s.next),
                b_role=roles.get(s.next, ""),
                via=_org(registry, s.via, on),
                mark=_mark(s.certainty),
            )
        )
    return _emit(args, payload, lines)


def _move_json(registry: Registry, move: Move) -> dict[str, Any]:
    left, joined = move.left, move.joined
    return {
        "person": move.person,
        "name": _name(registry, move.person),
        "left": {
            "organisation": left.post.organisation_id,
            "title": left.post.title,
            "date": left.end.text if left.end else None,
        },
        "joined": {"organisation": joined.post.organisation_id, "title": joined.post.title, "date": joined.start.text},
        "certainty": move.certainty.value,
        "sources": [source_label(registry, s) for s in move.sources],
    }


def _flows(registry: Registry, args: argparse.Namespace) -> int:
    if args.end < args.start:
        print(f"govorg: {say('network.range')}", file=sys.stderr)
        return 2
    flows: list[Flow] = registry.cadre_flows(args.start, args.end)
    shown = flows[: max(args.top, 0)]
    payload = {
        "from": args.start.isoformat(),
        "to": args.end.isoformat(),
        "pairs": len(flows),
        "flows": [
            {
                "from": f.source,
                "fromName": _org(registry, f.source, args.end),
                "to": f.target,
                "toName": _org(registry, f.target, args.end),
                "count": len(f.moves),
                "certain": f.certain,
                "moves": [_move_json(registry, m) for m in f.moves],
            }
            for f in shown
        ],
    }
    moves = sum(len(f.moves) for f in flows)
    lines = [say("network.flows", start=args.start, end=args.end, moves=moves, pairs=len(flows))]
    for f in shown:
        lines.append(
            say(
                "network.flow",
                source=_org(registry, f.source, args.end),
                target=_org(registry, f.target, args.end),
                count=len(f.moves),
                certain=f.certain,
            )
        )
        for m in f.moves:
            when = m.joined.start.text
            lines.append(
                f"    {_name(registry, m.person)}: {m.left.post.title} → {m.joined.post.title}, {when}{_mark(m.certainty)}"
            )
    if len(flows) > len(shown):
        lines.append(say("network.more_pairs", count=len(flows) - len(shown)))
    return _emit(args, payload, lines)


def _central(registry: Registry, args: argparse.Namespace) -> int:
    on = args.on or date.today()
    measure = Measure(args.measure)
    found: list[Central] = registry.central(on=on, measure=measure, kind=args.kind)[: max(args.top, 0)]

    def label(node: Central) -> str:
        return _name(registry, node.id) if node.kind == "person" else _org(registry, node.id, on)

    payload = {
        "on": on.isoformat(),
        "measure": measure.value,
        "nodes": [
            {"kind": n.kind, "id": n.id, "name": label(n), "score": round(n.score, 6), "degree": n.degree}
            for n in found
        ],
    }
    lines = [say("network.central", on=on, measure=measure.value)]
    for n in found:
        kind = say(f"network.kind.{n.kind}") if f"network.kind.{n.kind}" in MESSAGES else n.kind
        lines.append(say("network.node", score=f"{n.score:.4f}", kind=kind, label=label(n), id=n.id, degree=n.degree))
    if not found:
        lines.append(say("network.nobody"))
    return _emit(args, payload, lines)
