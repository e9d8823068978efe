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
from govorg.cli.text import certainty, clauses, join, lang, say, sources, table, tenure_span, when
from govorg.leadership import none_recorded
from govorg.registry import Holding, Registry
from govorg.suggest import title_suggestions


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
        "acting": acting.value if (acting := t.is_acting(h.on)) else None,
        "endReason": t.removal.reason.value if t.removal else None,
        "notes": list(t.notes),
        "sources": [source_label(registry, s) for s in t.sources],
    }


def cmd_who(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    org = registry.organisation(args.organisation, on=on, government=args.government)
    if org is None:
        print(f"govorg: {say('who.no_org', name=args.organisation)}", file=sys.stderr)
        return 1
    holdings = registry.holders(args.organisation, args.title, on=on, government=args.government)
    if not holdings and (hint := title_hint(registry, org.id, args.title, on=on)):
        print(f"govorg: {hint}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([_holding_json(registry, h) for h in holdings], ensure_ascii=False, indent=2))
        return 0
    print(
        say("who.header", organisation=registry.organisation_name(org.id, on=on), title=args.title, on=on.isoformat())
    )
    if not holdings:
        print(f"  {say('who.nobody')}")
    rows = []
    for h in holdings:
        row = _holding_json(registry, h)
        if row["end"]:
            start, end = tenure_span(row["start"], row["end"])
            unrecorded = start == say("start_unrecorded")
            span = say("who.span_unrecorded", end=end) if unrecorded else say("who.span_end", start=start, end=end)
        else:
            span = say("who.span", start=when(row["start"]))
        notes = [span]
        if row["acting"]:
            notes.append(say("who.acting", certainty=certainty(row["acting"])))
        if row["onProbation"]:
            notes.append(say("who.probation", certainty=certainty(row["onProbation"])))
        rows.append([row["person"]["name"], certainty(row["certainty"]), clauses(notes), sources(row["sources"])])
    for line in table(rows):
        print(line)
    return 0


def title_hint(registry: Registry, organisation_id: str, title: str, *, on: date) -> str | None:
    """What to say when a question names a title the organisation never recorded: the recorded
    titles closest to it (a did-you-mean), or None when the title is recorded (nobody holds it
    on the day, which is an answer)."""
    close = title_suggestions(registry.titles(organisation_id), title)
    if close is None:
        return None
    name = registry.organisation_name(organisation_id, on=on)
    if not close:
        return say("who.no_title_none", organisation=name, title=title)
    return say("who.no_title", organisation=name, title=title, suggestions=join(close))


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
        print(_no_division(registry, answer["on"]))
        return 0
    print(
        say(
            "leaders.header",
            header=answer["header"],
            on=answer["on"],
            in_force=when(answer["inForceFrom"]),
            sources="；".join(answer["sources"]) if lang() == "zh" else "; ".join(answer["sources"]),
        )
    )
    if answer["certainty"] == "POSSIBLE":
        print(say("leaders.possible"))
    colon = "：" if lang() == "zh" else ": "
    for leader in answer["leaders"]:
        print(f"{leader['order']}. {leader['person']['name']}")
        for relation, label in _RELATION_LABELS.items():
            if leader[relation]:
                print(f"   {label}{colon}{'、'.join(u['printed'] for u in leader[relation])}")
        if leader["work"]:
            print(f"   {say('leaders.work')}{colon}{'、'.join(leader['work'])}")
        if leader["note"]:
            print(f"   （{leader['note']}）" if lang() == "zh" else f"   ({leader['note']})")
        if leader["standIns"]:
            print(f"   {say('leaders.stand_ins')}{colon}{'、'.join(s['name'] for s in leader['standIns'])}")
    for t in answer["temporary"]:
        until = when(t["until"]) if t["until"] else say("leaders.until_open")
        print(
            say(
                "leaders.temporary",
                absent=t["absent"],
                to="、".join(t["to"]),
                start=when(t["from"]),
                until=until,
                source=t["source"],
            )
        )
    return 0


def _no_division(registry: Registry, on: str) -> str:
    first = registry.first_leadership_day()
    return say("no_division_before", on=on, first=first.isoformat()) if first else say("no_division", on=on)


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
        print(f"govorg: {say('in_charge.bad_absent', ids=', '.join(unknown))}", file=sys.stderr)
        return 2
    answer = in_charge_json(registry, args.organisation, on, args.absent, args.government)
    if answer is None:
        print(f"govorg: {say('who.no_org', name=args.organisation)}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    header = say("in_charge.header", organisation=answer["organisation"], on=answer["on"])
    source = (f"（{answer['source']}）" if lang() == "zh" else f" ({answer['source']})") if answer["source"] else ""
    print(header + source + ("：" if lang() == "zh" else ":"))
    if "message" in answer:
        print(f"  {_no_division(registry, answer['on']) if answer['source'] is None else say('in_charge.nobody')}")
    colon = "：" if lang() == "zh" else ": "
    rows = []
    for relation, label in _RELATION_LABELS.items():
        for a in answer[relation]:
            via = say("in_charge.via", via=a["via"]) if a["via"] else ""
            rows.append([label + colon.rstrip(), f"{a['name']}{via}"])
    for line in table(rows, gap=" " if lang() == "en" else ""):
        print(line)
    for s in answer["standIns"]:
        print(f"  {say('in_charge.absent', absent=s['absent'], text=_stand_in_text(s))}")
        if s["rule"] or s["source"]:
            rule = say("in_charge.rule", rule=s["rule"] or "-")
            print(f"    {rule}" + (f" {sources([s['source']])}" if s["source"] else ""))
    if answer["certainty"] == "POSSIBLE":
        print(say("in_charge.possible"))
    if answer["sources"]:
        joined = "；".join(answer["sources"]) if lang() == "zh" else "; ".join(answer["sources"])
        print(f"  {say('in_charge.sources', sources=joined)}")
    return 0


def _stand_in_text(s: dict[str, Any]) -> str:
    text = say(f"basis.{s['basis']}", standIn=s["standIn"], path=" → ".join(s["path"]))
    if s["basis"] == "FALLBACK" and s["standIn"]:
        text += f"（{s['standIn']}）" if lang() == "zh" else f" ({s['standIn']})"
    return text
