"""任免 notices: 任命/免去 paragraphs (with labels on their own line) and flattened 人事任免
tables, into `appointments:` and `removals:` rows of every form."""

from __future__ import annotations

import re

from govorg.importer.context import Context
from govorg.importer.model import Draft, Record
from govorg.importer.posts import read_posts, split_post
from govorg.importer.text import Line, fold, squeeze
from govorg.notes import Note

_NAME = r"[\u4e00-\u9fff·]{2,5}?"
_NAMES = rf"{_NAME}(?:、{_NAME})*?"
_ROW = re.compile(
    r"^(?P<row>\d{1,4})[.、\s]\s*(?P<name>(?:[\u4e00-\u9fff·]\s*){2,5}?)\s+(?P<rest>(?:任|免|试用期满).+)$"
)
_LABEL = re.compile(r"^(?P<label>任命|任职|免去|免职|试用期满)[:：]?$")
PERSONNEL = re.compile(r"任命|任职|免去|免职|任|免|试用期|辞去|调任|担任")
_CLAUSE_SPLIT = re.compile(r"[;；。]|[,，](?=(?:任命|免去(?!其)|免(?!去其)|任(?!职)|终止|调任))")

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("resigned", re.compile(rf"^接受(?P<names>{_NAMES})辞去(?P<posts>.+?)职务")),
    ("probation_terminated", re.compile(rf"^终止(?P<names>{_NAMES})的?(?P<posts>.+?)试用期")),
    ("transferred", re.compile(rf"^(?P<names>{_NAMES})调任(?P<to>[^,，]+?)(?:[,，]免去其?(?P<posts>.+?)职务)?$")),
    ("no_longer", re.compile(rf"^(?P<names>{_NAMES})不再担任(?P<posts>.+?)职务")),
    (
        "confirmed",
        re.compile(rf"^(?P<names>{_NAMES})的?(?P<posts>.*?)试用期满(?:[,，]正式任(?:命为|职为|命|职)?(?P<posts2>.*))?"),
    ),
    ("approved", re.compile(rf"^批准(?P<by>.*?)任命(?P<names>{_NAMES})为(?P<posts>.+)$")),
    ("appointed", re.compile(rf"^(?:决定)?任命(?P<names>{_NAMES})为(?P<posts>.+)$")),
    ("removed", re.compile(r"^免去(?P<rest>.+?)(?:的职务|职务)$")),
    ("appointed", re.compile(rf"^(?P<names>{_NAMES})任(?P<posts>[^免]+)$")),  # 罗平任红岩乡财政所所长
]
_CONTINUE = {
    "appointed": re.compile(rf"^(?P<names>{_NAMES})(?:为|任)(?P<posts>.+)$"),
    "removed": re.compile(r"^(?P<rest>.+?)(?:的职务|职务)$"),
}


def _clean(text: str) -> str:
    text = squeeze(text).replace("同志", "")
    return re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）.、]", "", text).strip("。;,，；")


class AppointmentParser:
    def __init__(self, context: Context, draft: Draft, *, issuer: str) -> None:
        self.ctx, self.draft, self.issuer = context, draft, issuer
        self.appointments: list[Record] = []
        self.removals: list[Record] = []
        self.mode: str | None = None

    def parse(self, lines: list[Line]) -> None:
        for line in lines:
            self.line(line)
        if self.appointments:
            self.draft.body["appointments"] = self.appointments
        if self.removals:
            self.draft.body["removals"] = self.removals

    def line(self, line: Line) -> None:
        if m := _LABEL.match(squeeze(line.text)):
            self.mode = "removed" if m.group("label") in ("免去", "免职") else "appointed"
            if m.group("label") == "试用期满":
                self.mode = "confirmed"
            return
        if "姓名" in line.text and re.search(r"序号|职务", line.text):
            self.draft.skipped(line.no, Note("table heading"), line.raw)
            return
        if not PERSONNEL.search(line.text) and self.mode is None:
            self.draft.skipped(line.no, Note("not a personnel line"), line.raw)
            return
        self.draft.personnel_lines += 1
        row: int | None = None
        text = line.text
        if m := _ROW.match(line.text):
            row = int(m.group("row"))
            name, rest = squeeze(m.group("name")), squeeze(m.group("rest"))
            text = ""
            clauses = [c for c in re.split(r"[;；]|[,，](?=任|免)", rest) if c]
            ok = bool(clauses) and all(self._table_clause(name, c, row, line) for c in clauses)
        else:
            clauses = [_clean(c) for c in _CLAUSE_SPLIT.split(text)]
            clauses = [c for c in clauses if c and not c.startswith(("免去其", "经", "决定:"))]
            ok = bool(clauses) and all(self._clause(c, line) for c in clauses)
        if ok:
            self.draft.understood += 1
        else:
            self.draft.unparsed(line.no, Note("could not read this personnel line"), line.raw)

    def _table_clause(self, name: str, clause: str, row: int, line: Line) -> bool:
        if clause.startswith("免"):
            return self._removal([name], clause.lstrip("免去").removesuffix("职务"), "removed", line, row=row)
        posts = clause.removeprefix("任命").removeprefix("任职").removeprefix("任")
        form = "confirmed" if clause.startswith("试用期满") else "appointed"
        return self._appointment([name], posts.removeprefix("试用期满"), form, line, row=row)

    def _clause(self, clause: str, line: Line) -> bool:
        for form, pattern in _FORMS:
            if m := pattern.match(clause):
                return self._matched(form, m, line)
        if self.mode in _CONTINUE and (m := _CONTINUE[self.mode].match(clause)):
            return self._matched(self.mode, m, line)
        if self.mode == "confirmed" and (m := _FORMS[4][1].match(clause + "试用期满")):
            return self._matched("confirmed", m, line)
        return False

    def _matched(self, form: str, m: re.Match[str], line: Line) -> bool:
        groups = m.groupdict()
        if form == "removed":
            names, posts = self._split_removal(groups["rest"])
            return bool(names) and self._removal(names, posts, "removed", line)
        names = groups["names"].split("、")
        if form in ("resigned", "probation_terminated", "no_longer", "transferred"):
            return self._removal(names, groups.get("posts") or "", form, line, to=groups.get("to"))
        posts = groups.get("posts2") or groups["posts"]
        return self._appointment(names, posts, form, line, by=groups.get("by"))

    def _split_removal(self, rest: str) -> tuple[list[str], str]:
        """免去王伟的青石县财政局局长职务: the names end at 的, or where a known body begins."""
        if "的" in rest:
            names, _, posts = rest.partition("的")
            return names.split("、"), posts
        m = re.match(rf"^(?P<names>(?:{_NAME}、)*)(?P<last>.+)$", rest)
        head = m.group("names").rstrip("、").split("、") if m and m.group("names") else []
        last = m.group("last") if m else rest
        place = self.ctx.place()
        for size in (2, 3, 4):  # the rest starts with the government's own place name
            if place and last[size:].startswith(place) and split_post(last[size:].split("、")[0]):
                return [*head, last[:size]], last[size:]
        for size in (3, 2, 4):  # three-character names are the most common
            name, posts = last[:size], last[size:]
            if self.ctx.known_person(name) and split_post(posts.split("、")[0]):
                return [*head, name], posts
        for size in (3, 2, 4):
            name, posts = last[:size], last[size:]
            if re.match(r"^.{1,4}?(?:省|市|县|区|镇|乡|街道)", posts) and split_post(posts.split("、")[0]):
                self.draft.guess(0, Note("免去{rest}: read the name as {name}", rest=rest, name=name))
                return [*head, name], posts
        return [*head, last[:3]], last[3:]

    def _people(self, names: list[str], record: Record, line: Line) -> None:
        people = [self.ctx.person(n, line.no) for n in names]
        if len(people) == 1:
            record["person"] = people[0]
        else:
            record["people"] = people

    def _posts(self, text: str, record: Record, line: Line, *, acting: bool | None = None) -> bool:
        """Fill `post` or `posts` and the notes printed after them; `acting` keeps only the
        代理 posts (True) or only the others (False) of a row that prints both."""
        read = read_posts(text)
        if read.unread or not read.posts or any(not p.organisation for p in read.posts):
            return False
        chosen = [p for p in read.posts if acting is None or p.acting is acting]
        posts = [self.ctx.post(p, line.no) for p in chosen]
        if len(posts) == 1:
            record["post"] = posts[0]
        else:
            record["posts"] = posts
        if read.probation_months:
            record["probation_months"] = read.probation_months
        if read.rank:
            record["rank"] = next(
                (m.group(1) for m in re.finditer(r"[(（]([^()（）]*)[)）]", line.raw) if fold(m.group(1)) == read.rank),
                read.rank,
            )
        if read.confirmation:
            record["form"] = "confirmed"
        if any(p.acting for p in chosen):
            record["form"] = "acting"
        return True

    def _row(self, names: list[str], line: Line, row: int | None) -> Record:
        """The start of a 任免 row: its number, its people and the line as printed."""
        record: Record = {}
        if row is not None:
            record["row"] = row
        self._people(names, record, line)
        record["printed"] = line.raw
        return record

    def _appointment(
        self, names: list[str], posts: str, form: str, line: Line, *, row: int | None = None, by: str | None = None
    ) -> bool:
        record = self._row(names, line, row)
        read = read_posts(posts)
        if any(p.acting for p in read.posts) and not all(p.acting for p in read.posts):
            # 副厅长、代理厅长: appointed to one post and acting in another: two rows
            plain = dict(record)
            if not self._posts(posts, plain, line, acting=False):
                return False
            self.appointments.append(plain)
            self.draft.guess(
                line.no, Note("one line, two rows: the plain posts, then the 代理 posts (form: acting)"), line.raw
            )
            if not self._posts(posts, record, line, acting=True):
                return False
            self.appointments.append(record)
            return True
        if not self._posts(posts, record, line):
            return False
        if form != "appointed":
            record["form"] = form
        if form == "approved":
            appointer = by or self._guess_appointer(line)
            record["appointed_by"] = self.ctx.organisation(appointer, line.no)
            record["approved_by"] = self.ctx.organisation(self.issuer, line.no)
        self.appointments.append(record)
        return True

    def _guess_appointer(self, line: Line) -> str:
        gov = self.ctx.government
        place = self.ctx.catalog.organisations[gov].name if gov in self.ctx.catalog.organisations else gov
        name = f"{str(place).removesuffix('人民政府')}人大常委会"
        self.draft.guess(line.no, Note("批准任命 names no appointing body: took {name}", name=name), line.raw)
        return name

    def _removal(
        self, names: list[str], posts: str, reason: str, line: Line, *, row: int | None = None, to: str | None = None
    ) -> bool:
        record = self._row(names, line, row)
        if not self._posts(posts, record, line):
            return False
        record.pop("probation_months", None)
        record.pop("form", None)
        if reason != "removed":
            record["reason"] = reason
        if reason == "resigned":
            record["accepted_by"] = self.ctx.organisation(self.issuer, line.no)
        if reason == "transferred" and to:
            read = read_posts(to)
            if len(read.posts) == 1 and read.posts[0].organisation:
                record["to"] = self.ctx.post(read.posts[0], line.no)
            else:
                self.draft.guess(line.no, Note("调任 to {to}: the new post was not read", to=to), line.raw)
        people = [record["person"]] if "person" in record else record["people"]
        titles = [p["title"] for p in record.get("posts", [record.get("post")]) if p]
        if not any((p, t) in self.ctx.held for p in people for t in titles):
            record["appointment"] = "unrecorded"
        self.removals.append(record)
        return True
