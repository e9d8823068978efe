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
from govorg.graph import Tie
from govorg.network import Central, Flow, Measure, Move
from govorg.registry import Registry


def add_network(command: Callable[[str, Handler, str, str], argparse.ArgumentParser]) -> None:
    """Register `govorg network` and its four questions."""
    p = command(
        "network",
        cmd_network,
        "Questions the network of people, bodies and units answers: interlocks, path, flows, central.",
        "govorg network interlocks --on 2021-07-01",
    )
    questions = p.add_subparsers(dest="question", required=True, metavar="QUESTION")

    def question(name: str, help_text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = questions.add_parser(name, help=help_text, description=help_text)
        return q

    q = question("interlocks", "People on several bodies on a day, and the bodies that share members.")
    _on_json_data(q)
    q = question("path", "The shortest connection between two people on a day, through shared bodies and units.")
    q.add_argument("person", help="a person id (or a name that finds one person)")
    q.add_argument("other", help="the other person")
    _on_json_data(q)
    q = question("flows", "Cadre flows over a period: who left a post in one unit and took one in another.")
    q.add_argument("--from", dest="start", type=day_arg, required=True, help="first day, YYYY-MM-DD")
    q.add_argument("--to", dest="end", type=day_arg, required=True, help="last day, YYYY-MM-DD")
    q.add_argument("--top", type=int, default=50, help="at most this many pairs of units (default 50)")
    q.add_argument("--json", action="store_true", help="print JSON")
    data_option(q)
    q = question("central", "The most central people, bodies and units of the network on a day.")
    q.add_argument(
        "--measure",
        choices=[m.value for m in Measure],
        default=Measure.DEGREE.value,
        help="degree (direct ties; the default) or betweenness (brokerage between bodies)",
    )
    q.add_argument("--kind", choices=("person", "body", "unit"), help="only people, bodies or units")
    q.add_argument("--top", type=int, default=20, help="how many (default 20)")
    _on_json_data(q)


def _on_json_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=day_arg, help="the day asked about, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print JSON")
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


def _mark(certainty: Any) -> str:
    return "" if certainty.value == "CERTAIN" else " [POSSIBLE]"


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
    lines = [f"People on several bodies on {on}: {len(people)}"]
    for i in people:
        lines.append(f"  {_name(registry, i.person)} ({i.person}): {len(i.ties)} bodies{_mark(i.certainty)}")
        for t in i.ties:
            lines.append(f"    {_org(registry, t.group, on)} {t.role}{_mark(t.certainty)}")
    lines.append(f"Bodies that share members on {on}: {len(bodies)} pairs")
    for b in bodies:
        a, c = (_org(registry, o, on) for o in b.bodies)
        shared = "、".join(
            _name(registry, m.person) + ("?" if m.certainty.value != "CERTAIN" else "") for m in b.members
        )
        lines.append(f"  {a} × {c}: {len(b.members)} shared{_mark(b.certainty)}: {shared}")
    if not people and not bodies:
        lines.append("(no body has a member who sits on another on that day)")
    return _emit(args, payload, lines)


def _person_id(registry: Registry, text: str) -> str | None:
    if registry.person(text) is not None:
        return text
    matches = registry.people(text)
    if len(matches) != 1:
        print(f"govorg: no single person answers to {text!r}; give an id", file=sys.stderr)
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
            f"govorg: no connection between {_name(registry, a)} and {_name(registry, b)} on {on} "
            "through the bodies and units recorded",
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
    lines = [f"{chain} on {on}: {len(found.steps)} step(s), {found.certainty.value}"]
    for s in found.steps:
        roles = {t.person: t.role for t in s.ties}
        lines.append(
            f"  {_name(registry, s.person)} ({roles.get(s.person, '')}) and {_name(registry, s.next)} "
            f"({roles.get(s.next, '')}) in {_org(registry, s.via, on)}{_mark(s.certainty)}"
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
        print("govorg: --to is before --from", file=sys.stderr)
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
    lines = [f"Cadre flows {args.start} – {args.end}: {moves} moves between {len(flows)} pairs of units"]
    for f in shown:
        lines.append(
            f"  {_org(registry, f.source, args.end)} → {_org(registry, f.target, args.end)}: "
            f"{len(f.moves)} ({f.certain} certain)"
        )
        for m in f.moves:
            when = m.joined.start.text
            lines.append(
                f"    {_name(registry, m.person)}: {m.left.post.title} → {m.joined.post.title}, {when}{_mark(m.certainty)}"
            )
    if len(flows) > len(shown):
        lines.append(f"  … {len(flows) - len(shown)} more pairs (--top)")
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
    lines = [f"Most central on {on} by {measure.value}:"]
    for n in found:
        lines.append(f"  {n.score:.4f}  {n.kind:<6} {label(n)} ({n.id}), {n.degree} ties")
    if not found:
        lines.append("  (no one sits in a body or holds a post on that day)")
    return _emit(args, payload, lines)
