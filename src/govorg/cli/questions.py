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
    org = registry.organisation(args.organisation, on=on, government=args.government)
    if org is None:
        print(f"govorg: no organisation answers to {args.organisation!r}", file=sys.stderr)
        return 1
    holdings = registry.holders(args.organisation, args.title, on=on, government=args.government)
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


def leadership_header(registry: Registry, government: str | None, *, on: date) -> str:
    """领导分工 headed by the government's name on the day and its level: 某市人民政府领导分工（市级）."""
    if government is None:
        return "领导分工"
    org = registry.catalog.organisations[government]
    level = f"（{org.level.label}）" if org.level else ""
    return f"{registry.organisation_name(government, on=on)}领导分工{level}"


def leaders_json(registry: Registry, on: date, government: str | None = None) -> dict[str, Any]:
    version = registry.leaders(on=on, government=government)
    if version is None:
        message = none_recorded(registry.first_leadership_day())
        return {"on": on.isoformat(), "source": None, "leaders": [], "message": message}
    gov = registry.catalog.organisations[version.government] if version.government else None
    return {
        "on": on.isoformat(),
        "government": {"id": gov.id, "name": gov.name, "level": gov.level.value if gov.level else None}
        if gov
        else None,
        "header": leadership_header(registry, version.government, on=on),
        "source": source_label(registry, version.source),
        "sources": [source_label(registry, d) for d in version.sources],
        "inForceFrom": version.window.text
        if version.window.precision.value != "day"
        else version.in_force_from.isoformat(),
        "certainty": version.certainty(on).value,
        "temporary": [
            {
                "absent": person_name(registry, t.absent),
                "to": [person_name(registry, p) for p, _, _ in t.shares],
                "reason": t.reason,
                "from": t.start.text,
                "until": t.until.text if t.until else None,
                "source": source_label(registry, t.source),
            }
            for t in version.temporaries_on(on)
        ],
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
                "note": p.note,
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
    print(
        f"{answer['header']} on {answer['on']} (in force from {answer['inForceFrom']}; {'; '.join(answer['sources'])}):"
    )
    if answer["certainty"] == "POSSIBLE":
        print("  POSSIBLE: the latest notice's date is a window and this day lies inside it")
    for leader in answer["leaders"]:
        print(f"{leader['order']}. {leader['person']['name']}")
        for relation, label in _RELATION_LABELS.items():
            if leader[relation]:
                print(f"   {label}: {'、'.join(u['printed'] for u in leader[relation])}")
        if leader["work"]:
            print(f"   负责: {'、'.join(leader['work'])}")
        if leader["note"]:
            print(f"   ({leader['note']})")
        if leader["standIns"]:
            print(f"   代为负责: {'、'.join(s['name'] for s in leader['standIns'])}")
    for t in answer["temporary"]:
        until = t["until"] or "end not stated"
        print(f"临时调整: {t['absent']}'s work to {'、'.join(t['to'])}, {t['from']} – {until} [{t['source']}]")
    return 0


def in_charge_json(
    registry: Registry, organisation: str, on: date, absent: list[str], government: str | None = None
) -> dict[str, Any] | None:
    answer = registry.in_charge(organisation, on=on, absent=absent, government=government)
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
    out["certainty"] = answer.certainty.value
    out["sources"] = [source_label(registry, d) for d in answer.sources]
    out["standIns"] = [
        {
            "absent": person_name(registry, s.absent_leader),
            "standIn": person_name(registry, s.person_id) if s.person_id else None,
            "path": [person_name(registry, p) for p in s.path],
            "basis": s.basis.value,
            "rule": s.printed,
            "source": source_label(registry, s.source) if s.source else None,
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
    answer = in_charge_json(registry, args.organisation, on, args.absent, args.government)
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
        print(f"  {s['absent']} absent: {_stand_in_text(s)}")
        if s["rule"] or s["source"]:
            print(f"    rule: {s['rule'] or '-'}" + (f" [{s['source']}]" if s["source"] else ""))
    if answer["certainty"] == "POSSIBLE":
        print("  POSSIBLE: the notice's date is a window and this day lies inside it")
    if answer["sources"]:
        print(f"  sources: {'; '.join(answer['sources'])}")
    return 0


_BASIS_TEXT = {
    "RULE": "{standIn} stands in ({path})",
    "WALK": "{standIn} stands in, along the stated walk ({path})",
    "TEMPORARY": "{standIn} takes the work (临时调整)",
    "EXEMPT": "nobody stands in: the notice exempts this work",
    "OUTSIDE": "nobody stands in: the leader is outside the stand-in scheme",
    "FALLBACK": "every stand-in is away: the notice's fallback applies",
    "NONE_PRESENT": "no present leader remains among the stand-ins",
    "NO_RULE": "no stand-in rule in force names this leader",
}


def _stand_in_text(s: dict[str, Any]) -> str:
    text = _BASIS_TEXT[s["basis"]].format(standIn=s["standIn"], path=" → ".join(s["path"]))
    if s["basis"] == "FALLBACK" and s["standIn"]:
        text += f" ({s['standIn']})"
    return text
