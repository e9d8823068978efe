"""The `govorg` command: thin commands over the library (sqlite-utils' "library first").

Every command calls a public function of the library and only formats its answer.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from govorg.committees import ResolvedSeat
from govorg.dates import DateError, parse_day
from govorg.history import LABELS, Event
from govorg.loader import data_files, load
from govorg.problems import Problem, Severity
from govorg.registry import Holding, Registry, RegistryError
from govorg.tenures import Certainty
from govorg.validate import validate

Handler = Callable[[argparse.Namespace], int]


def default_data_dir() -> Path:
    """Where the data is when --data is not given: $GOVORG_DATA, ./data, or the sample data."""
    if env := os.environ.get("GOVORG_DATA"):
        return Path(env)
    here = Path("data")
    if (here / "appointments").is_dir():
        return here
    packaged = Path(__file__).resolve().parent / "sample_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _print_problems(problems: Sequence[Problem], out: Any = sys.stderr) -> None:
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.location.path, []).append(p)
    for path in sorted(by_file):
        for p in by_file[path]:
            print(p.format(), file=out)


def open_registry(source: Path | argparse.Namespace) -> Registry | None:
    """Load a registry for a command, from --db or --data; print the validator's report (or
    the database's trouble) and return None when it cannot be served."""
    db = getattr(source, "db", None) if isinstance(source, argparse.Namespace) else None
    data = source.data if isinstance(source, argparse.Namespace) else source
    if db:
        return _open_db(db)
    try:
        return Registry.load(data)
    except RegistryError as exc:
        _print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.severity is Severity.ERROR)
        print(
            f"govorg: {errors} error(s) in {data}; nothing served. Fix them (see `govorg validate {data}`).",
            file=sys.stderr,
        )
        return None


def _open_db(url: str) -> Registry | None:
    from govorg.sql import DatabaseError, load_registry

    try:
        return load_registry(url)
    except DatabaseError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
    except RegistryError as exc:
        _print_problems(exc.problems)
        print(f"govorg: the records in {url} do not validate; rebuild it with `govorg build`", file=sys.stderr)
    return None


# -- commands ------------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    data: Path = args.data_dir or default_data_dir()
    loaded = load(data)
    validated = validate(loaded)
    _print_problems(validated.problems, sys.stdout)
    errors = sum(1 for p in validated.problems if p.severity is Severity.ERROR)
    warnings = len(validated.problems) - errors
    r = loaded.records
    print(
        f"{len(loaded.files)} files: {len(r.documents)} documents, {len(r.organisations)} organisations, "
        f"{len(r.people)} people, {len(r.appointments)} appointments, {len(r.removals)} removals, "
        f"{len(r.attestations)} attestations, {len(validated.tenures)} tenures"
    )
    print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


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
        "sources": [_source_label(registry, s) for s in t.sources],
    }


def _source_label(registry: Registry, doc_id: str) -> str:
    doc = registry.catalog.documents[doc_id]
    label = doc.canonical_number or doc.title
    return f"{label} p.{doc.page}" if doc.page else label


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


def cmd_query(args: argparse.Namespace) -> int:
    import logging

    from govorg.api.app import dumps, run_query

    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)  # errors go in the JSON

    try:
        variables = json.loads(args.variables) if args.variables else None
    except json.JSONDecodeError as exc:
        print(f"govorg: --variables is not JSON: {exc}", file=sys.stderr)
        return 2
    if variables is not None and not isinstance(variables, dict):
        print("govorg: --variables must be a JSON object", file=sys.stderr)
        return 2
    query = Path(args.query[1:]).read_text(encoding="utf-8") if args.query.startswith("@") else args.query
    registry = open_registry(args)
    if registry is None:
        return 1
    response = run_query(registry, query, variables)
    print(dumps(response))
    return 1 if response.get("errors") else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from govorg.api.app import create_app
    from govorg.api.reload import RegistryHolder, Watcher
    from govorg.loader import ParseCache

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    cache = ParseCache(args.cache)
    if args.db:
        registry = _open_db(args.db)
    else:
        try:
            registry = Registry.load(args.data, cache=cache)
        except RegistryError as exc:
            _print_problems(exc.problems)
            print(
                f"govorg: errors in {args.data}; nothing served. Fix them (see `govorg validate {args.data}`).",
                file=sys.stderr,
            )
            return 1
    if registry is None:
        return 1

    def watcher(holder: RegistryHolder) -> Watcher:
        if args.db:
            from govorg.sql import load_registry, version_of

            url: str = args.db
            return Watcher(holder, lambda: version_of(url), lambda: load_registry(url), args.interval)
        data: Path = args.data
        return Watcher(holder, lambda: data_signature(data), lambda: Registry.load(data, cache=cache), args.interval)

    info = registry.info()
    source = args.db or args.data
    print(
        f"govorg: serving {source} ({info.counts['tenures']} tenures, version {info.data_version[:12]}) at http://{args.host}:{args.port}/graphql"
    )
    app = create_app(registry, watch=watcher if args.watch else None)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def data_signature(data: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a clerk edits, adds or removes a data file: names, sizes, mtimes."""
    paths = [data] if data.is_file() else data_files(data)
    out = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:  # removed between listing and stat
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def cmd_build(args: argparse.Namespace) -> int:
    from govorg.sql import DatabaseError, build

    validated = validate(load(args.data))
    if not validated.ok:
        _print_problems(validated.problems)
        print(
            f"govorg: {len(validated.errors)} error(s) in {args.data}; the database was not changed.", file=sys.stderr
        )
        return 1
    try:
        result = build(validated, args.db)
    except DatabaseError as exc:
        print(f"govorg: {exc}", file=sys.stderr)
        return 1
    if result.changed:
        print(f"built {args.db}: {result.rows} rows, data version {result.data_version[:12]}")
    else:
        print(f"{args.db} is up to date (data version {result.data_version[:12]}); nothing to do")
    return 0


_RELATION_LABELS = {"leads": "领导全面工作", "in_charge": "分管", "assists": "协助分管", "liaises": "联系"}


def _name(registry: Registry, person_id: str) -> str:
    return registry.catalog.people[person_id].name


def leaders_json(registry: Registry, on: date, government: str | None = None) -> dict[str, Any]:
    version = registry.leaders(on=on, government=government)
    governments = [g for g in registry.validated.leadership.governments if g]
    if version is None and government is None and len(governments) > 1:
        names = "、".join(registry.organisation_name(g, on=on) for g in governments[:5])
        more = " …" if len(governments) > 5 else ""
        message = f"{len(governments)} governments have a 分工; name one with --government ({names}{more})"
        return {"on": on.isoformat(), "source": None, "leaders": [], "message": message}
    if version is None:
        first = registry.first_leadership_day()
        return {
            "on": on.isoformat(),
            "source": None,
            "leaders": [],
            "message": f"no 分工 recorded before {first}" if first else "no 分工 recorded",
        }
    return {
        "on": on.isoformat(),
        "source": _source_label(registry, version.source),
        "inForceFrom": version.in_force_from.isoformat(),
        "leaders": [
            {
                "order": p.order,
                "person": {"id": p.person_id, "name": _name(registry, p.person_id)},
                **{
                    relation: [
                        {"printed": u.printed, "name": registry.organisation_name(u.organisations[0], on=on)}
                        for u in units
                    ]
                    for relation, units in p.units.items()
                },
                "work": list(p.work),
                "standIns": [{"id": s, "name": _name(registry, s)} for s in version.stand_ins(p.person_id)],
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
        "source": _source_label(registry, answer.version.source) if answer.version else None,
    }
    for relation in _RELATION_LABELS:
        out[relation] = [
            {
                "id": a.person_id,
                "name": _name(registry, a.person_id),
                "unit": a.unit.printed,
                "via": registry.organisation_name(a.via, on=on) if a.via else None,
            }
            for a in answer.by_relation(relation)
        ]
    out["standIns"] = [
        {
            "absent": _name(registry, s.absent_leader),
            "standIn": _name(registry, s.person_id) if s.person_id else None,
            "path": [_name(registry, p) for p in s.path],
        }
        for s in answer.stand_ins
    ]
    if answer.version is None:
        first = registry.first_leadership_day()
        out["message"] = f"no 分工 recorded before {first}" if first else "no 分工 recorded"
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


def _seat_json(registry: Registry, seat: ResolvedSeat, on: date) -> dict[str, Any]:
    people = registry.catalog.people
    return {
        "role": seat.seat.role,
        "member": people[seat.member].name if seat.member else None,
        "listedMember": people[seat.listed_member].name if seat.listed_member else None,
        "posts": [f"{registry.organisation_name(p.organisation_id, on=on)} {p.title}" for p in seat.posts],
        "printed": seat.seat.printed,
        "resolution": seat.resolution.value,
        "certainty": seat.certainty.value,
        "candidates": [people[c].name for c in seat.candidates],
        "note": seat.note,
        "sources": [_source_label(registry, s) for s in seat.sources],
    }


def committee_json(registry: Registry, name: str, on: date) -> dict[str, Any] | None:
    org = registry.committee(name, on=on)
    if org is None:
        return None
    roster = registry.roster(org.id, on=on)
    versions = registry.validated.committees.versions(org.id)
    out: dict[str, Any] = {"id": org.id, "name": registry.organisation_name(org.id, on=on), "on": on.isoformat()}
    if roster.version is None:
        first = versions[0].in_force_from.isoformat() if versions else None
        out["message"] = f"no roster recorded before {first}" if first else "no roster recorded"
        out["seats"] = []
        return out
    out["source"] = _source_label(registry, roster.version.source)
    out["inForceFrom"] = roster.version.in_force_from.isoformat()
    out["seats"] = [_seat_json(registry, s, on) for s in roster.seats]
    if roster.office is not None:
        out["office"] = {
            "host": registry.organisation_name(roster.office.host, on=on) if roster.office.host else None,
            "director": _seat_json(registry, roster.office.director, on) if roster.office.director else None,
        }
    return out


def _seat_line(seat: dict[str, Any]) -> str:
    if seat["resolution"] == "SUCCESSOR_UNKNOWN":
        line = f"（继任未定）{'、'.join(seat['posts'][:1])}  candidates: {'、'.join(seat['candidates'])}; listed: {seat['listedMember']}"
    elif seat["resolution"] == "VACANT":
        line = f"（空缺）{'、'.join(seat['posts'][:1])}; listed: {seat['listedMember']}"
    elif seat["resolution"] == "LISTED" and seat["printed"]:
        line = seat["printed"]  # as the notice prints it
    elif seat["member"] is None:
        line = "、".join(seat["posts"])
    else:
        line = f"{seat['member']} {'、'.join(seat['posts'])}"
        if seat["resolution"] == "SUCCEEDED":
            line += f"  (自然替补 for {seat['listedMember']})"
    if seat["certainty"] == "POSSIBLE":
        line += "  [possible]"
    return line


def cmd_committee(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    on: date = args.on or date.today()
    answer = committee_json(registry, args.name, on)
    if answer is None:
        print(f"govorg: no committee answers to {args.name!r}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    header = f"{answer['name']}, {answer['on']}"
    if "source" in answer:
        header += f" (roster of {answer['inForceFrom']}, {answer['source']})"
    print(header)
    if "message" in answer:
        print(f"  {answer['message']}")
    previous = None
    for seat in answer["seats"]:
        if seat["role"] != previous:
            label = "委员（按姓氏笔画为序）" if seat["role"] == "委员" else seat["role"]
            print(f"{label}：")
            previous = seat["role"]
        print(f"  {_seat_line(seat)}")
    office = answer.get("office")
    if office:
        # the director's `printed` is the office sentence, not a seat line: compose it instead
        director = f"；办公室主任 {_seat_line({**office['director'], 'printed': None})}" if office["director"] else ""
        print(f"办公室设在{office['host']}{director}")
    return 0


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
        "label": LABELS[event.kind] + ("（首次记录）" if event.first_recorded else ""),
        "unit": registry.organisation_name(unit, on=on) if unit else "",
        "people": [people[p].name for p in event.people if p in people],
        "posts": [f"{registry.organisation_name(p.organisation_id, on=on)}{p.title}" for p in event.posts],
        "detail": event.detail,
        "sources": [_source_label(registry, s) for s in event.sources],
    }


CSV_COLUMNS = ["date", "earliest", "latest", "inRange", "kind", "label", "unit", "people", "posts", "detail", "sources"]


def cmd_diff(args: argparse.Namespace) -> int:
    registry = open_registry(args)
    if registry is None:
        return 1
    if args.end < args.start:
        print("govorg: TO is before FROM", file=sys.stderr)
        return 2
    found = registry.changes(
        args.start, args.end, organisation=args.organisation, committee=args.committee, person=args.person
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
        print(f"Changes {args.start} – {args.end}: {len(rows)}")
        for (when, in_range), group in itertools.groupby(rows, key=lambda r: (r["date"], r["inRange"])):
            items = list(group)
            first = items[0]
            span = (
                "" if first["earliest"] == first["latest"] else f" (some day in {first['earliest']}..{first['latest']})"
            )
            marker = "" if in_range == "CERTAIN" else "  [possibly in range]"
            print(f"\n{when}{span}{marker}")
            for unit, by_unit in itertools.groupby(sorted(items, key=lambda r: r["unit"]), key=lambda r: r["unit"]):
                print(f"  {unit or '—'}")
                for row in by_unit:
                    # a roster or 分工 version lists everyone: the log gives its size, JSON/CSV the names
                    listing = row["kind"] in ("ROSTER_VERSION", "PORTFOLIO_VERSION")
                    who = "" if listing else "、".join(row["people"])
                    what = row["detail"] or "、".join(row["posts"])
                    print(f"    {row['label']}  {who}  {what}  [{'; '.join(row['sources'])}]")
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
                    "sources": [_source_label(registry, s) for s in link.sources],
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
        print(f"no vacancy chains {args.start} – {args.end}")
    for chain in out:
        print(" → ".join(chain["people"]))
        for link in chain["links"]:
            print(
                f"  {link['filled']} fills {'、'.join(link['posts'])} left by {link['left']}  {link['kind']}, {link['date']}"
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
            print(f"govorg: no single person answers to {args.person!r}; give an id", file=sys.stderr)
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
                "sources": [_source_label(registry, s) for s in tenure.sources],
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
            "source": _source_label(registry, s.source),
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
    print("任职:")
    for row in tenures:
        end = f" – {row['end']}" if row["end"] else " –"
        notes = [f"试用期满 {c}" for c in row["confirmed"]]
        if row["probationUntil"]:
            notes.append(f"试用期至 {row['probationUntil']}")
        if row["attestedOn"]:
            notes.append(f"名单所列 {', '.join(row['attestedOn'])}")
        extra = f"  ({'; '.join(notes)})" if notes else ""
        print(f"  {row['organisation']}{row['title']}  {row['start']}{end}{extra}  [{'; '.join(row['sources'])}]")
    if seats:
        print("委员会:")
        for s in seats:
            left = f", 自然替补 {s['left']}" if s["left"] else ""
            until = f" – {s['until']}" if s["until"] else " –"
            print(f"  {s['committee']} {s['role']}  {s['since']}{until}{left}  [{s['source']}]")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from govorg.synth import synthesize

    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"govorg: {out} is not empty; choose a new folder", file=sys.stderr)
        return 1
    result = synthesize(out, tenures=args.tenures, seed=args.seed)
    print(
        f"wrote {result.files} files to {out}: {result.tenures} tenures, {result.people} people, "
        f"{result.organisations} organisations"
    )
    return 0


# -- parser --------------------------------------------------------------------------------------


def _on_json_data(parser: argparse.ArgumentParser) -> None:
    """The options every question takes: the day asked about, JSON output, the data source."""
    parser.add_argument("--on", type=_day, help="the day asked about, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    _data_option(parser)


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=None, help="the data folder (default: ./data, else the sample data)"
    )
    parser.add_argument("--db", help="read a database built by `govorg build` instead, e.g. sqlite:///govorg.db")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govorg",
        description="An organisational registry of appointments, portfolios and committees, with certainty and sources.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(handler=handler)
        return p

    p = command(
        "validate",
        cmd_validate,
        "Check every data file and report every problem with file:line:col.",
        "govorg validate data/",
    )
    p.add_argument("data_dir", nargs="?", type=Path, help="the data folder or one file (default: ./data)")

    p = command(
        "who",
        cmd_who,
        "Who holds a post on a day, with certainty and sources.",
        "govorg who 上海市第三女子中学 校长 --on 2021-07-01",
    )
    p.add_argument("organisation", help="any name of the organisation (official, short, brand, former) or its id")
    p.add_argument("title", help="the title, e.g. 副局长")
    _on_json_data(p)

    p = command(
        "query",
        cmd_query,
        "Run a GraphQL query in-process and print the JSON response; exit 1 on errors.",
        "govorg query '{ registry { counts { tenures } } }'",
    )
    p.add_argument("query", help="the query text, or @FILE to read it from a file")
    p.add_argument("--variables", help="variables as a JSON object")
    _data_option(p)

    p = command(
        "serve",
        cmd_serve,
        "Serve GraphQL at /graphql (starlette + uvicorn); reloads when the data or database changes.",
        "govorg serve --port 8000",
    )
    _data_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--no-watch", dest="watch", action="store_false", help="do not watch the data for changes")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changes (default 1)")
    p.add_argument("--cache", type=Path, help="a folder for parsed files, so later starts skip unchanged files")

    p = command(
        "build",
        cmd_build,
        "Compile validated YAML into a database in one transaction (a no-op when it already holds this data).",
        "govorg build --data data/ --db sqlite:///govorg.db",
    )
    p.add_argument("--data", type=Path, default=None, help="the data folder (default: ./data, else the sample data)")
    p.add_argument("--db", default="sqlite:///govorg.db", help="database URL (default sqlite:///govorg.db)")

    p = command(
        "leaders",
        cmd_leaders,
        "The government's leaders and their portfolios (分工) on a day, in printed order.",
        "govorg leaders --on 2021-06-10",
    )
    p.add_argument("--government", help="whose leaders, when the data holds several governments")
    _on_json_data(p)

    p = command(
        "in-charge",
        cmd_in_charge,
        "Who is in charge of a unit on a day, and who stands in for absent leaders.",
        "govorg in-charge 区教育局 --on 2021-06-10 --absent lu-hao",
    )
    p.add_argument("organisation", help="any name of the unit")
    p.add_argument("--absent", nargs="*", default=[], metavar="ID", help="ids of leaders who are absent")
    _on_json_data(p)

    p = command(
        "committee",
        cmd_committee,
        "A committee's roster on a day, in official order, as a portal page lists it.",
        "govorg committee 长宁区未成年人保护委员会 --on 2021-07-01",
    )
    p.add_argument("name", help="any name of the committee, including a former one")
    _on_json_data(p)

    p = command(
        "diff",
        cmd_diff,
        "What changed between two dates: a change log grouped by date and unit (text, json or csv).",
        "govorg diff 2021-03-31 2021-07-01 --format text",
    )
    p.add_argument("start", metavar="FROM", type=_day, help="first day, YYYY-MM-DD")
    p.add_argument("end", metavar="TO", type=_day, help="last day, YYYY-MM-DD")
    p.add_argument("--organisation", help="only this unit and its sub-units")
    p.add_argument("--committee", help="only this committee")
    p.add_argument("--person", help="only this person (id)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text", help="csv is UTF-8 with a BOM")
    _data_option(p)

    p = command(
        "chains",
        cmd_chains,
        "Vacancy chains between two dates: who filled whose post, and how the link is known.",
        "govorg chains 2021-01-01 2021-07-01",
    )
    p.add_argument("start", metavar="FROM", type=_day, help="first day, YYYY-MM-DD")
    p.add_argument("end", metavar="TO", type=_day, help="last day, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    _data_option(p)

    p = command(
        "timeline",
        cmd_timeline,
        "A person's career: every tenure with dates, probation and sources, and committee seats.",
        "govorg timeline wang-yefei",
    )
    p.add_argument("person", help="a person id (or a name that finds one person)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _data_option(p)

    p = command(
        "synth",
        cmd_synth,
        "Write a deterministic synthetic registry of a chosen size (for benchmarks).",
        "govorg synth /tmp/synth-10k --tenures 10000",
    )
    p.add_argument("out", type=Path, help="an empty or new folder to write into")
    p.add_argument("--tenures", type=int, default=10_000, help="about how many tenures (default 10000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "data", "unset") is None:
        args.data = default_data_dir()
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - `govorg … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
