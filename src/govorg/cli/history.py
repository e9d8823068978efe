"""Commands for historians: what changed between two dates, vacancy chains, a career."""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from datetime import date
from typing import Any

from govorg.cli.common import (
    open_registry,
    source_label,
)
from govorg.cli.text import clauses, join, say, sources, tenure_span, when
from govorg.history import Event, label
from govorg.records import REMOVAL_LABELS
from govorg.registry import Registry
from govorg.tenures import Certainty


def _event_json(registry: Registry, event: Event, where: Certainty) -> dict[str, Any]:
    on = event.latest if event.latest != date.max else event.earliest
    people = registry.catalog.people
    unit = event.committee or (event.organisations[0] if event.organisations else None)
    return {
        "date": event.date.text,
        "earliest": event.date.earliest.isoformat() if event.date.earliest else None,
        "latest": event.date.latest.isoformat() if event.date.latest else None,
        "inRange": where.value,
        "kind": event.kind.value,
        "label": label(event) + ("（首次记录）" if event.first_recorded else ""),
        "unit": registry.organisation_name(unit, on=on) if unit else "",
        "people": [people[p].name for p in event.people if p in people],
        "posts": [f"{registry.organisation_name(p.organisation_id, on=on)}{p.title}" for p in event.posts],
        "detail": event.detail,
        "sources": [source_label(registry, s) for s in event.sources],
    }


CSV_COLUMNS = ["date", "earliest", "latest", "inRange", "kind", "label", "unit", "people", "posts", "detail", "sources"]


def cmd_diff(args: argparse.Namespace) -> int:
    if args.git:
        from govorg.cli.gitdiff import cmd_git_diff

        return cmd_git_diff(args)
    if args.start is None or args.end is None:
        print(f"govorg: {say('diff.dates_or_git')}", file=sys.stderr)
        return 2
    registry = open_registry(args)
    if registry is None:
        return 1
    if args.end < args.start:
        print(f"govorg: {say('diff.to_before_from')}", file=sys.stderr)
        return 2
    found = registry.changes(
        args.start,
        args.end,
        organisation=args.organisation,
        committee=args.committee,
        person=args.person,
        government=args.government,
    )
    rows = [_event_json(registry, e, w) for e, w in found]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        sys.stdout.write("\ufeff")  # UTF-8 with BOM: spreadsheets then read the Chinese text correctly
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        print(say("diff.header", start=args.start, end=args.end, count=len(rows)))
        for (day, in_range), group in itertools.groupby(rows, key=lambda r: (r["date"], r["inRange"])):
            items = list(group)
            first = items[0]
            span = (
                ""
                if first["earliest"] == first["latest"]
                else say("diff.some_day", a=first["earliest"], b=first["latest"])
            )
            marker = "" if in_range == "CERTAIN" else say("diff.possibly_in_range")
            print(f"\n{day}{span}{marker}")
            for unit, by_unit in itertools.groupby(sorted(items, key=lambda r: r["unit"]), key=lambda r: r["unit"]):
                print(f"  {unit or '—'}")
                for row in by_unit:
                    # a roster or 分工 version lists everyone: the log gives its size, JSON/CSV the names
                    listing = row["kind"] in ("ROSTER_VERSION", "PORTFOLIO_VERSION")
                    who = "" if listing else "、".join(row["people"])
                    what = row["detail"] or "、".join(row["posts"])
                    print(f"    {row['label']}  {who}  {what}  {sources(row['sources'])}")
    return 0


def cmd_chains(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    people = registry.catalog.people
    found = registry.vacancy_chains(args.start, args.end)
    out: list[dict[str, Any]] = [
        {
            "people": [people[p].name for p in chain.people],
            "links": [
                {
                    "left": people[link.left].name,
                    "filled": people[link.filled].name,
                    "posts": [
                        f"{registry.organisation_name(p.organisation_id, on=link.date.latest or args.end)}{p.title}"
                        for p in link.posts
                    ],
                    "kind": link.kind.value,
                    "date": link.date.text,
                    "sources": [source_label(registry, s) for s in link.sources],
                }
                for link in chain.links
            ],
        }
        for chain in found
    ]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not out:
        print(say("chains.none", start=args.start, end=args.end))
    for chain in out:
        print(" → ".join(chain["people"]))
        for link in chain["links"]:
            print(
                say(
                    "chains.link",
                    filled=link["filled"],
                    posts="、".join(link["posts"]),
                    left=link["left"],
                    kind=say(f"chains.kind.{link['kind']}"),
                    date=when(link["date"]),
                )
            )
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    person = registry.person(args.person)
    if person is None:
        matches = registry.people(args.person)
        if len(matches) != 1:
            print(f"govorg: {say('timeline.ambiguous', name=args.person)}", file=sys.stderr)
            return 1
        person = matches[0]
    tenures: list[dict[str, Any]] = []
    for tenure in registry.timeline(person.id):
        on = tenure.start.latest or date.today()
        probation = tenure.probation_until()
        tenures.append(
            {
                "organisation": registry.organisation_name(tenure.post.organisation_id, on=on),
                "title": tenure.post.title,
                "start": tenure.start.text,
                "end": tenure.end.text if tenure.end else None,
                "confirmed": [c.date.text for c in tenure.confirmations],
                "probationUntil": probation.text if probation else None,
                "attestedOn": [a.date.text for a in tenure.attestations],
                "acting": tenure.acting,
                "actingEnded": ended.date.text if (ended := tenure.acting_ended) else None,
                "reappointed": [a.date.text for a in tenure.extensions],
                "endReason": tenure.removal.reason.value if tenure.removal else None,
                "endLabel": REMOVAL_LABELS[tenure.removal.reason] if tenure.removal else None,
                "notes": list(tenure.notes),
                "sources": [source_label(registry, s) for s in tenure.sources],
            }
        )
    seats = [
        {
            "committee": registry.organisation_name(s.committee_id, on=s.since.latest or date.today()),
            "role": s.role,
            "since": s.since.text,
            "until": s.until.isoformat() if s.until else None,
            "left": s.left.text if s.left else None,
            "bySuccession": s.by_succession,
            "source": source_label(registry, s.source),
        }
        for s in registry.seats_held(person.id)
    ]
    if args.json:
        print(
            json.dumps(
                {"id": person.id, "name": person.name, "tenures": tenures, "seats": seats}, ensure_ascii=False, indent=2
            )
        )
        return 0
    print(f"{person.name} ({person.id})")
    print(say("timeline.tenures"))
    for row in tenures:
        start, end_words = tenure_span(row["start"], row["end"])
        end = f" – {end_words}" if end_words else " –"
        notes = [say("timeline.confirmed", on=when(c)) for c in row["confirmed"]]
        if row["acting"]:
            notes.append(
                say("timeline.acting_until", until=when(row["actingEnded"]))
                if row["actingEnded"]
                else say("timeline.acting")
            )
        notes.extend(say("timeline.reappointed", on=when(d)) for d in row["reappointed"] if d != row["actingEnded"])
        if row["endReason"] not in (None, "removed"):
            notes.append(say(f"timeline.end.{row['endReason']}", on=when(row["end"])))
        if row["probationUntil"]:
            notes.append(say("timeline.probation_until", until=when(row["probationUntil"])))
        if row["attestedOn"]:
            notes.append(say("timeline.attested", on=join([when(d) for d in row["attestedOn"]])))
        extra = f"  {say('timeline.notes', notes=clauses(notes))}" if notes else ""
        print(f"  {row['organisation']}{row['title']}  {start}{end}{extra}  {sources(row['sources'])}")
    if seats:
        print(say("timeline.committees"))
        for s in seats:
            left = say("timeline.succeeded", on=when(str(s["left"]))) if s["left"] else ""
            until = f" – {s['until']}" if s["until"] else " –"
            print(
                f"  {s['committee']} {s['role']}  {when(str(s['since']))}{until}{left}  {sources([str(s['source'])])}"
            )
    return 0
