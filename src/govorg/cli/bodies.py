"""Commands about bodies with rosters: `committee` (one roster on a day) and `committees` (every
body: committees, 领导小组, 联席会议, 工作小组, 指挥部, 管委会). They only format library answers."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from govorg.cli.common import open_registry, source_label
from govorg.cli.text import note, say, sources, when
from govorg.committees import BODY_LABELS, Resolution, ResolvedSeat, Roster
from govorg.notes import Note
from govorg.records import Milestone, Organisation, OrganisationKind, SeatOrder
from govorg.registry import Registry


def _seat_json(registry: Registry, seat: ResolvedSeat, on: date) -> dict[str, Any]:
    people = registry.catalog.people
    return {
        "role": seat.seat.role,
        "member": people[seat.member].name if seat.member else None,
        "listedMember": people[seat.listed_member].name if seat.listed_member else None,
        "posts": [f"{registry.organisation_name(p.organisation_id, on=on)} {p.title}" for p in seat.posts],
        "printed": seat.seat.printed,
        "line": seat.seat.line,
        "resolution": seat.resolution.value,
        "certainty": seat.certainty.value,
        "succession": seat.rule.value,
        "candidates": [people[c].name for c in seat.candidates],
        "note": seat.note,
        "sources": [source_label(registry, s) for s in seat.sources],
    }


def _milestone_json(registry: Registry, milestone: Milestone | None) -> dict[str, Any] | None:
    if milestone is None:
        return None
    doc = registry.catalog.resolve_document(milestone.source.text) if milestone.source else None
    return {
        "on": milestone.on.text,
        "source": source_label(registry, doc) if doc else None,
        "printed": milestone.printed,
    }


def body_json(registry: Registry, org: Organisation, roster: Roster) -> dict[str, Any]:
    """What every answer about a body says: its kind, life and duties."""
    committees = registry.validated.committees
    government = registry.government_of(org.id)
    return {
        "id": org.id,
        "name": registry.organisation_name(org.id, on=roster.on),
        "kind": org.kind,
        "kindLabel": BODY_LABELS[OrganisationKind(org.kind)],
        "government": registry.organisation_name(government.id, on=roster.on) if government else None,
        "level": government.level.label if government and government.level else None,
        "on": roster.on.isoformat(),
        "founded": _milestone_json(registry, org.founded),
        "abolished": _milestone_json(registry, org.abolished),
        "provisional": org.provisional,
        "takesOver": [
            registry.organisation_name(b, on=roster.on)
            for v in committees.versions(org.id)
            for b in v.takes_over
            if v.in_force_from <= roster.on
        ],
        "takenOverBy": [
            registry.organisation_name(v.committee_id, on=roster.on)
            for v in committees.taken_over_by.get(org.id, ())
            if v.in_force_from <= roster.on
        ],
    }


def committee_json(registry: Registry, name: str, on: date, government: str | None = None) -> dict[str, Any] | None:
    org = registry.committee(name, on=on, government=government)
    if org is None:
        return None
    roster = registry.roster(org.id, on=on)
    versions = registry.validated.committees.versions(org.id)
    out = body_json(registry, org, roster)
    if roster.version is None:
        first = versions[0].in_force.text if versions else None
        out["message"] = f"no roster recorded before {first}" if first else "no roster recorded"
        out["seats"] = []
        out["groups"] = []
        return out
    out["source"] = source_label(registry, roster.version.source)
    out["inForceFrom"] = roster.version.in_force_from.isoformat()
    out["inForce"] = roster.version.in_force.text
    out["certainty"] = roster.certainty.value
    out["note"] = roster.note
    if not roster.seats and roster.note:
        out["message"] = roster.note
    out["seats"] = [_seat_json(registry, s, on) for s in roster.seats]
    out["groups"] = [
        {
            "role": g.role,
            "order": g.order.value,
            "succession": g.rule.value,
            "printed": g.printed,
            "seats": len(g.seats),
        }
        for g in roster.groups
    ]
    if roster.office is not None:
        out["office"] = {
            "name": roster.office.office.name or "办公室",
            "host": registry.organisation_name(roster.office.host, on=on) if roster.office.host else None,
            "director": _seat_json(registry, roster.office.director, on) if roster.office.director else None,
        }
    return out


def _seat_line(seat: dict[str, Any]) -> str:
    resolution = seat["resolution"]
    if resolution == Resolution.SUCCESSOR_UNKNOWN.value:
        line = f"{say('seat.successor_unknown')}{'、'.join(seat['posts'][:1])}  {say('seat.candidates', names='、'.join(seat['candidates']))}; {say('seat.listed', name=seat['listedMember'])}"
    elif resolution == Resolution.AWAITING_NOTICE.value:
        line = f"{say('seat.awaiting_notice')}{'、'.join(seat['posts'][:1])}  {say('seat.candidates', names='、'.join(seat['candidates']) or say('seat.none'))}; {say('seat.listed', name=seat['listedMember'])}"
    elif resolution == Resolution.VACANT.value:
        line = f"{say('seat.vacant')}{'、'.join(seat['posts'][:1])}; {say('seat.listed', name=seat['listedMember'])}"
    elif resolution == Resolution.PENDING.value:
        line = f"{say('seat.pending')}{seat['printed'] or '、'.join(seat['posts'])}  {note(seat['note'])}"
    elif resolution == Resolution.LISTED.value and seat["printed"]:
        line = seat["printed"]  # as the notice prints it
    elif seat["member"] is None:
        line = "、".join(seat["posts"])
    else:
        line = f"{seat['member']} {'、'.join(seat['posts'])}"
        if resolution == Resolution.SUCCEEDED.value:
            line += f"  {say('seat.succeeded', name=seat['listedMember'])}"
    if seat["certainty"] == "POSSIBLE":
        line += f"  {say('seat.possible')}"
        if resolution == Resolution.LISTED.value and seat["member"] and seat["note"]:
            line += f"{say('seat.colon')}{note(seat['note'])}"
            if seat["candidates"]:
                line += f"{say('seat.semicolon')}{say('seat.candidates', names='、'.join(seat['candidates']))}"
        line += say("seat.possible_end")
    return line


def cmd_committee(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    answer = committee_json(registry, args.name, on, args.government)
    if answer is None:
        print(f"govorg: {say('committee.not_found', name=args.name)}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    header = say("committee.header", name=answer["name"], on=answer["on"])
    if "source" in answer:
        header += say("committee.roster_of", in_force=when(answer["inForce"]), source=answer["source"])
    print(header)
    if "message" in answer:
        first = answer["message"].removeprefix("no roster recorded before ")
        text = (
            say("committee.no_roster_before", first=when(first))
            if first != answer["message"]
            else note(answer["message"])
            if isinstance(answer["message"], Note)
            else say("committees.no_roster")
        )
        print(f"  {text}")
    elif answer.get("note"):
        print(say("committee.possible_note", note=note(answer["note"])))
    groups = {g["role"]: g for g in answer["groups"]}
    previous = None
    for seat in answer["seats"]:
        if seat["role"] != previous:
            strokes = groups[seat["role"]]["order"] == SeatOrder.STROKES.value
            print(f"{seat['role']}{'（按姓氏笔画为序）' if strokes else ''}：")
            previous = seat["role"]
        print(f"  {_seat_line(seat)}")
    office = answer.get("office")
    if office:
        # the director's `printed` is the office sentence, not a seat line: compose it instead
        director = f"；办公室主任 {_seat_line({**office['director'], 'printed': None})}" if office["director"] else ""
        print(f"{office['name']}设在{office['host']}{director}")
    return 0


def cmd_committees(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    answers = []
    for org in sorted(registry.committees(government=args.government), key=lambda o: o.id):
        roster = registry.roster(org.id, on=on)
        out = body_json(registry, org, roster)
        out["roster"] = (
            {
                "inForce": roster.version.in_force.text,
                "source": source_label(registry, roster.version.source),
                "seats": len(roster.seats),
                "certainty": roster.certainty.value,
                "note": roster.note,
            }
            if roster.version
            else None
        )
        answers.append(out)
    if args.json:
        print(json.dumps(answers, ensure_ascii=False, indent=2))
        return 0
    for a in answers:
        line = f"{a['kindLabel']}  {a['name']}"
        if a["government"]:
            line += f"  ({a['government']}{'，' + a['level'] if a['level'] else ''})"
        if a["roster"]:
            r = a["roster"]
            line += f"  {say('committees.roster', in_force=when(r['inForce']), source=r['source'], seats=r['seats'])}"
            if r["note"]:
                line += f"  {sources([note(r['note'])])}"
        else:
            line += f"  {say('committees.no_roster')}"
        if a["founded"]:
            line += f"  成立 {a['founded']['on']}"
        if a["abolished"]:
            line += f"  撤销 {a['abolished']['on']}"
        if a["takenOverBy"]:
            line += f"  {say('committees.taken_over', names='、'.join(a['takenOverBy']))}"
        print(line)
    return 0
