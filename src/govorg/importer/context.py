"""Matching printed names against what the data folder already holds, and creating what it
does not: people with pinyin ids, organisation stubs flagged for review."""

from __future__ import annotations

import re
from pathlib import Path

from govorg.catalog import Catalog
from govorg.ids import base_person_id
from govorg.importer import ids
from govorg.importer.model import Draft, Record
from govorg.importer.posts import HEAD_OF_GOVERNMENT, PLACE, Post
from govorg.importer.text import squeeze
from govorg.loader import Loaded, load
from govorg.names import name_key
from govorg.notes import Note
from govorg.records import OrganisationKind
from govorg.validate import validate

_GOVERNMENT_NAME = re.compile(r"^(?P<place>.+?(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道))(?:人民政府|政府)")
_LEVELS = [
    ("自治区", "province"),
    ("省", "province"),
    ("街道", "street"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("区", "district"),
    ("县", "county"),
    ("旗", "county"),
    ("镇", "township"),
    ("乡", "township"),
]
_KINDS = [
    ("领导小组", "leading_group"),
    ("联席会议", "joint_meeting"),
    ("工作专班", "working_group"),
    ("工作小组", "working_group"),
    ("指挥部", "headquarters"),
    ("管委会", "management_committee"),
    ("管理委员会", "management_committee"),
    ("街道办事处", "street_office"),
    ("人民法院", "court"),
    ("法院", "court"),
    ("人民检察院", "procuratorate"),
    ("检察院", "procuratorate"),
    ("医院", "hospital"),
    ("学校", "school"),
    ("中学", "school"),
    ("小学", "school"),
    ("大学", "school"),
    ("公司", "company"),
    ("人大常委会", "other"),
    ("常务委员会", "other"),
    ("委员会", "department"),
    ("局", "department"),
    ("委", "department"),
    ("办", "department"),
    ("厅", "department"),
    ("办公室", "department"),
]


def government_name(text: str) -> str | None:
    """青石县人民政府 from 青石县人民政府办公室 (or from a title that starts with it)."""
    m = _GOVERNMENT_NAME.match(squeeze(text))
    return f"{m.group('place')}人民政府" if m else None


def guess_kind(name: str) -> str:
    bare = re.sub(r"\(.*\)$", "", squeeze(name))
    return next((kind for suffix, kind in _KINDS if bare.endswith(suffix)), "other")


class Context:
    """The data folder's catalog (empty for a new folder) and the records this import adds."""

    def __init__(self, data: Path, draft: Draft) -> None:
        loaded = load(data) if data.is_dir() else Loaded(data)
        self.catalog = Catalog(loaded.records, [])
        # Who holds what already: a removal of a running tenure needs no `appointment: unrecorded`.
        self.held = (
            {(t.person_id, t.post.title) for t in validate(loaded).tenures if t.end is None} if loaded.files else set()
        )
        self.draft = draft
        self.taken: set[str] = {*self.catalog.people, *self.catalog.organisations, *self.catalog.documents}
        self._people: dict[str, str] = {}  # name key -> id, for people this import creates
        self._orgs: dict[str, Record] = {}  # name key -> stub, for organisations it creates
        self.government = ""

    # -- governments -------------------------------------------------------------------------
    def set_government(self, name: str, line: int) -> str:
        self.government = self.find_government(name, line)
        return self.government

    def find_government(self, name: str, line: int) -> str:
        found = [
            org_id
            for org_id in self.catalog.organisations_named(name)
            if self.catalog.organisations[org_id].kind is OrganisationKind.GOVERNMENT
        ]
        if len(found) == 1:
            return found[0]
        if found:
            self.draft.guess(
                line,
                Note(
                    "{name} names several governments ({list}); took {found}",
                    name=name,
                    list=", ".join(found),
                    found=found[0],
                ),
            )
            return found[0]
        if (stub := self._orgs.get(name_key(name))) is not None:
            return str(stub["id"])
        m = _GOVERNMENT_NAME.match(squeeze(name))
        place = m.group("place") if m else squeeze(name)
        level = next((lvl for suffix, lvl in _LEVELS if place.endswith(suffix)), None)
        record: Record = {"id": ids.unique(ids.place_id(place), self.taken), "name": squeeze(name)}
        short = [f"{place}政府"]
        if level is not None:
            short.append(f"{place[-2:] if place.endswith('街道') else place[-1]}政府")
        # Only the notice's own government (the first one found) takes the bare 县政府.
        record["short"] = short if not self.government else short[:1]
        record["kind"] = "government"
        if level is not None:
            record["level"] = level
        record["note"] = self._stub_note(line, "government")
        self._add_org(record, line, Note("new government {name} ({id}): a stub, check it", name=name, id=record["id"]))
        return str(record["id"])

    # -- organisations -----------------------------------------------------------------------
    def organisation(self, printed: str, line: int, *, kind: str | None = None) -> str:
        """The reference to write for a printed organisation name: the name as printed when it
        resolves (or a stub this import creates), the id when the name is claimed elsewhere."""
        name = squeeze(printed)
        government = self.government or None
        found = self.catalog.organisations_named(name, government=government)
        if len(found) == 1:
            everywhere = self.catalog.organisations_named(name)
            return name if len(everywhere) == 1 else found[0]
        if len(found) > 1:
            self.draft.guess(
                line,
                Note(
                    "{name} names several bodies ({list}); took {found}",
                    name=name,
                    list=", ".join(found),
                    found=found[0],
                ),
            )
            return found[0]
        if name_key(name) in self._orgs:
            return name
        if (gov := government_name(name)) is not None and squeeze(gov) == name:
            self.find_government(name, line)
            return name
        m = re.match(r"^(?P<outside>.+?)\((?P<inside>[^()]+)\)$", name)
        record: Record = {
            "id": ids.unique(self._org_id(m.group("outside") if m else name), self.taken),
            "name": m.group("outside") if m else name,
        }
        if m:  # 区建设管理委(交通委、水务局): one body, its other 牌子 in brackets
            record["brands"] = [b for b in re.split(r"[、,，]", m.group("inside")) if b]
        record["kind"] = kind or guess_kind(name)
        record["note"] = self._stub_note(line, "organisation")
        message = Note("new organisation {name} ({kind}): a stub, check it", name=record["name"], kind=record["kind"])
        self._add_org(record, line, message)
        for alias in [name, *record.get("brands", [])]:
            self._orgs[name_key(alias)] = record
        return name

    def post(self, post: Post, line: int) -> Record:
        """`{organisation: …, title: …}` for a printed post; 青石县常务副县长 is a post of the
        county's government."""
        org = post.organisation
        if HEAD_OF_GOVERNMENT.match(post.title) and PLACE.match(org) and not org.endswith("政府"):
            gov = self.find_government(f"{org}人民政府", line)
            ref = self._government_ref(gov)
            return {"organisation": ref, "title": post.title}
        return {"organisation": self.organisation(org, line), "title": post.title}

    def place(self) -> str:
        """The place name of the notice's government: 红岩乡 for 红岩乡人民政府."""
        name = self._government_ref(self.government) if self.government else ""
        m = _GOVERNMENT_NAME.match(name)
        return m.group("place") if m else ""

    def _government_ref(self, gov_id: str) -> str:
        if gov_id in self.catalog.organisations:
            return self.catalog.organisations[gov_id].name
        return next(str(r["name"]) for r in self._orgs.values() if r["id"] == gov_id)

    def _org_id(self, name: str) -> str:
        place = ""
        if gov := self._gov_record():
            place = str(gov["name"]).removesuffix("人民政府")
        prefix = self.government or "org"
        rest = name.removeprefix(place) if place else name
        return f"{prefix}-{ids.initials(rest)}"

    def _gov_record(self) -> Record | None:
        if self.government in self.catalog.organisations:
            org = self.catalog.organisations[self.government]
            return {"id": org.id, "name": org.name}
        return next((r for r in self._orgs.values() if r["id"] == self.government), None)

    def _add_org(self, record: Record, line: int, message: str) -> None:
        self._orgs[name_key(str(record["name"]))] = record
        for short in record.get("short", []):
            self._orgs.setdefault(name_key(short), record)
        self.draft.organisations.append(record)
        self.draft.guess(line, message)

    def _stub_note(self, line: int, what: str) -> str:
        return f"draft {what} from govorg import (notice line {line}): check the name, kind and parent"

    # -- people ------------------------------------------------------------------------------
    def person(self, printed: str, line: int) -> str:
        """The id of a printed name: the one recorded person of that name, else a new person
        with a pinyin id (homonyms flagged)."""
        name = squeeze(printed)
        key = name_key(name)
        found = self.catalog.person_names.get(key, [])
        if len(found) == 1:
            self.draft.guess(
                line,
                Note(
                    "{name} matched to the recorded {found} by name: check they are one person",
                    name=name,
                    found=found[0],
                ),
            )
            return found[0]
        if found:
            self.draft.guess(
                line,
                Note(
                    "homonym: {name} is several recorded people ({list}); took {found}",
                    name=name,
                    list=", ".join(found),
                    found=found[0],
                ),
            )
            return found[0]
        if key in self._people:
            return self._people[key]
        base = base_person_id(name)
        person_id = ids.unique(base, self.taken)
        record: Record = {"id": person_id, "name": name}
        if squeeze(printed) != printed.strip() or name != printed.strip():
            record["printed"] = [printed.strip()]
        if person_id != base:
            owner = self.catalog.people.get(base)
            other = owner.name if owner else next((n for k, n in self._names() if k == base), "another person")
            self.draft.guess(
                line,
                Note(
                    "homonym: id {base} is {other}; {name} gets {person_id} — check they are two people",
                    base=base,
                    other=other,
                    name=name,
                    person_id=person_id,
                ),
            )
        self._people[key] = person_id
        self.draft.people.append(record)
        return person_id

    def _names(self) -> list[tuple[str, str]]:
        return [(str(r["id"]), str(r["name"])) for r in self.draft.people]

    def known_person(self, printed: str) -> str | None:
        """The id of a printed name when it is recorded or imported already (no new record)."""
        key = name_key(squeeze(printed))
        found = self.catalog.person_names.get(key, [])
        return found[0] if found else self._people.get(key)
