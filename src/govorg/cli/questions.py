"""Commands that ask the registry: who holds a post, the leaders, who is in charge (bodies: `bodies`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from govorg.cli.common import (
    open_registry,
    person_name,
    source_label,
)
from govorg.leadership import none_recorded
from govorg.registry import Holding, Registry


def _holding_json(registry: Registry, h: Holding) -> dict[str, Any]:
    t = h.tenure
    probation = t.on_probation(h.on)
    return {
        "person": {"id": t.person_id, "name": registry.catalog.people[t.person_id].name},
        "organisation": registry.organisation_name(t.post.organisation_id, on=h.on),
        "title": t.post.title,
        "certainty": h.certainty.value,
        "start": t.start.text,
        "end": t.end.text if t.end else None,
        "onProbation": probation.value if probation else None,
        "sources": [source_label(registry, s) for s in t.sources],
    }


def cmd_who(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    org = registry.organisation(args.organisation, on=on)
    if org is None:
        print(f"govorg: no organisation answers to {args.organisation!r}", file=sys.stderr)
        return 1
    holdings = registry.holders(args.organisation, args.title, on=on)
    if args.json:
        print(json.dumps([_holding_json(registry, h) for h in holdings], ensure_ascii=False, indent=2))
        return 0
    print(f"{registry.organisation_name(org.id, on=on)} {args.title}, {on.isoformat()}:")
    if not holdings:
        print("  nobody recorded")
    for h in holdings:
        row = _holding_json(registry, h)
        end = f" to {row['end']}" if row["end"] else ""
        probation = f", on probation ({row['onProbation']})" if row["onProbation"] else ""
        print(
            f"  {row['person']['name']}  {row['certainty']}  from {row['start']}{end}{probation}  [{'; '.join(row['sources'])}]"
        )
    return 0


_RELATION_LABELS = {"leads": "领导全面工作", "in_charge": "分管", "assists": "协助分管", "liaises": "联系"}


def leaders_json(registry: Registry, on: date, government: str | None = None) -> dict[str, Any]:
    version = registry.leaders(on=on, government=government)
    governments = [g for g in registry.validated.leadership.governments if g]
    if version is None and government is None and len(governments) > 1:
        names = "、".join(registry.organisation_name(g, on=on) for g in governments[:5])
        more = " …" if len(governments) > 5 else ""
        message = f"{len(governments)} governments have a 分工; name one with --government ({names}{more})"
        return {"on": on.isoformat(), "source": None, "leaders": [], "message": message}
    if version is None:
        message = none_recorded(registry.first_leadership_day())
        return {"on": on.isoformat(), "source": None, "leaders": [], "message": message}
    return {
        "on": on.isoformat(),
        "source": source_label(registry, version.source),
        "inForceFrom": version.in_force_from.isoformat(),
        "leaders": [
            {
                "order": p.order,
                "person": {"id": p.person_id, "name": person_name(registry, p.person_id)},
                **{
                    relation: [
                        {"printed": u.printed, "name": registry.organisation_name(u.organisations[0], on=on)}
                        for u in units
                    ]
                    for relation, units in p.units.items()
                },
                "work": list(p.work),
                "standIns": [{"id": s, "name": person_name(registry, s)} for s in version.stand_ins(p.person_id)],
            }
            for p in version.portfolios
        ],
    }


def cmd_leaders(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    answer = leaders_json(registry, args.on or date.today(), args.government)
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    if not answer["leaders"]:
        print(f"{answer['on']}: {answer['message']}")
        return 0
    print(f"区政府领导分工 on {answer['on']} (in force from {answer['inForceFrom']}, {answer['source']}):")
    for leader in answer["leaders"]:
        print(f"{leader['order']}. {leader['person']['name']}")
        for relation, label in _RELATION_LABELS.items():
            if leader[relation]:
                print(f"   {label}: {'、'.join(u['printed'] for u in leader[relation])}")
        if leader["work"]:
            print(f"   负责: {'、'.join(leader['work'])}")
        if leader["standIns"]:
            print(f"   代为负责: {'、'.join(s['name'] for s in leader['standIns'])}")
    return 0


def in_charge_json(registry: Registry, organisation: str, on: date, absent: list[str]) -> dict[str, Any] | None:
    answer = registry.in_charge(organisation, on=on, absent=absent)
    if answer is None:
        return None
    out: dict[str, Any] = {
        "organisation": registry.organisation_name(answer.organisation_id, on=on),
        "on": on.isoformat(),
        "source": source_label(registry, answer.version.source) if answer.version else None,
    }
    for relation in _RELATION_LABELS:
        out[relation] = [
            {
                "id": a.person_id,
                "name": person_name(registry, a.person_id),
                "unit": a.unit.printed,
                "via": registry.organisation_name(a.via, on=on) if a.via else None,
            }
            for a in answer.by_relation(relation)
        ]
    out["standIns"] = [
        {
            "absent": person_name(registry, s.absent_leader),
            "standIn": person_name(registry, s.person_id) if s.person_id else None,
            "path": [person_name(registry, p) for p in s.path],
        }
        for s in answer.stand_ins
    ]
    if answer.version is None:
        out["message"] = none_recorded(registry.first_leadership_day())
    elif not answer.assignments:
        out["message"] = "no leader of the 分工 in force is in charge of this unit"
    return out


def cmd_in_charge(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    unknown = [a for a in args.absent if registry.person(a) is None]
    if unknown:
        print(f"govorg: --absent takes person ids; unknown: {', '.join(unknown)}", file=sys.stderr)
        return 2
    answer = in_charge_json(registry, args.organisation, on, args.absent)
    if answer is None:
        print(f"govorg: no organisation answers to {args.organisation!r}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    print(f"{answer['organisation']}, {answer['on']}" + (f" ({answer['source']})" if answer["source"] else "") + ":")
    if "message" in answer:
        print(f"  {answer['message']}")
    for relation, label in _RELATION_LABELS.items():
        for a in answer[relation]:
            via = f" (through {a['via']})" if a["via"] else ""
            print(f"  {label}: {a['name']}{via}")
    for s in answer["standIns"]:
        if s["standIn"]:
            print(f"  {s['absent']} absent: {s['standIn']} stands in ({' → '.join(s['path'])})")
        else:
            print(f"  {s['absent']} absent: no present leader remains in the stand-in pairs")
    return 0
