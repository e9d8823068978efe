"""组成人员 notices (committees, 领导小组, 联席会议 …): role groups as printed, seats with
members and posts, title-only seats, the office (设在) and the succession rule (自然替补)."""

from __future__ import annotations

import re

from govorg.importer.context import Context
from govorg.importer.model import Draft, Record
from govorg.importer.posts import split_post
from govorg.importer.text import Line, squeeze
from govorg.notes import Note

ROLE_LABEL = re.compile(
    r"^(?P<role>(?:总|常务|第一|执行)?副?(?:组长|主任委员|主任|委员|成员|召集人|总召集人|指挥长|总指挥|顾问|秘书长))"
    r"(?P<order>\(按姓氏笔画为序\))?[:：](?P<rest>.*)$"
)
_BODY = re.compile(
    r"关于(?:成立|调整|印发|建立|明确)?(?P<body>.+?(?:领导小组|委员会|联席会议|指挥部|工作专班|工作小组|管委会))"
)
_BODY_KINDS = [
    ("领导小组", "leading_group"),
    ("联席会议", "joint_meeting"),
    ("指挥部", "headquarters"),
    ("工作专班", "working_group"),
    ("工作小组", "working_group"),
    ("管委会", "management_committee"),
    ("委员会", "committee"),
]
_NAME = re.compile(r"^(?P<name>(?:[\u4e00-\u9fff·]\s*){2,4}?)(?:\s+|[,，:：(（])(?P<post>\S.*?)\)?$")
_OFFICE = re.compile(r"(?P<name>[^,，。]*办公室)设在(?P<host>[^,，。;；]+)")
_DIRECTOR = re.compile(r"办公室主任由(?P<name>[\u4e00-\u9fff·]{2,4}?)(?:同志)?(?:兼任|担任)")
_NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff·\s]{2,}(?:[、,，][\u4e00-\u9fff·\s]{2,})*$")


class RosterParser:
    def __init__(self, context: Context, draft: Draft, *, title: str) -> None:
        self.ctx, self.draft, self.title = context, draft, title
        self.seats: list[Record] = []
        self.groups: list[Record] = []
        self.role: str | None = None
        self.pending: str | None = None  # a label printed alone, for the next pasted line
        self.office: Record = {}
        self.roster: Record = {}

    def parse(self, lines: list[Line]) -> None:
        m = _BODY.search(self.title)
        if m is None:
            self.draft.unparsed(
                0, Note("the title names no body (领导小组, 委员会 …): add `body:` by hand"), self.title
            )
            body = self.title
        else:
            body = m.group("body")
        kind = next((k for suffix, k in _BODY_KINDS if body.endswith(suffix)), "committee")
        self.roster["body"] = self.ctx.organisation(body, 0, kind=kind)
        for line in lines:
            self.line(line)
        if self.groups:
            self.roster["groups"] = self.groups
        self.roster["seats"] = self.seats
        if self.office:
            self.roster["office"] = self.office
        self.draft.body["roster"] = self.roster

    def line(self, line: Line) -> None:
        text = line.text
        if "设在" in text or "自然替补" in text or "办公室主任由" in text:
            self._rules(line)
            return
        m = ROLE_LABEL.match(squeeze(text))
        if m:
            self.role = m.group("role")
            if m.group("order") and not any(g["role"] == self.role for g in self.groups):
                self.groups.append({"role": self.role, "order": "strokes", "printed": line.raw})
            rest = re.split(r"[:：]", text, maxsplit=1)[1].strip()
            if not rest:
                self.pending = squeeze(line.raw)  # a label alone on its line: the names follow
                return
        elif self.role is None:
            self.draft.skipped(line.no, Note("not a roster line"), line.raw)
            return
        else:
            rest = text
        self.draft.personnel_lines += 1
        if self._entry(rest, line, labelled=m is not None):
            self.draft.understood += 1
        else:
            self.draft.unparsed(line.no, Note("could not read this roster line"), line.raw)

    def _entry(self, rest: str, line: Line, *, labelled: bool) -> bool:
        assert self.role is not None
        rest = rest.strip().rstrip("。;；")
        if (_NAMES_ONLY.match(rest) and re.search(r"[、,，]", rest)) or (
            _NAMES_ONLY.match(rest) and len(squeeze(rest)) <= 4 and not split_post(rest)
        ):
            names = [squeeze(n) for n in re.split(r"[、,，]", rest) if squeeze(n)]
            members = [self.ctx.person(n, line.no) for n in names]
            seat: Record = {"line": line.text if labelled else f"{self.pending or ''}{rest}"}
            self.pending = None
            if any(len(self.ctx.catalog.person_names.get(self._key(n), [])) > 1 for n in names):
                seat["members"] = members
            self.seats.append(seat)
            return True
        self.pending = None
        if (m := _NAME.match(rest)) and (post := split_post(m.group("post"))) and post.organisation:
            person = self.ctx.person(m.group("name"), line.no)
            self.seats.append(
                {"role": self.role, "member": person, "printed": line.raw, "post": self.ctx.post(post, line.no)}
            )
            return True
        if (post := split_post(rest)) and post.organisation:
            self.seats.append({"role": self.role, "printed": line.raw, "post": self.ctx.post(post, line.no)})
            self.draft.guess(line.no, Note("a seat naming only a post (no member printed)"), line.raw)
            return True
        return False

    @staticmethod
    def _key(name: str) -> str:
        from govorg.names import name_key

        return name_key(name)

    def _rules(self, line: Line) -> None:
        text = squeeze(line.text)
        if m := _OFFICE.search(text):
            self.office["name"] = m.group("name").removeprefix("下设")
            self.office["host"] = self.ctx.organisation(m.group("host"), line.no)
        if m := _DIRECTOR.search(text):
            director = self.ctx.person(m.group("name"), line.no)
            self.office["director"] = director
            post = next((s["post"] for s in self.seats if s.get("member") == director and "post" in s), None)
            if post is not None:
                self.office["director_post"] = post
        if self.office and ("设在" in text or "办公室主任由" in text):
            self.office["printed"] = squeeze(line.raw)
        if "自然替补" in text:
            self.roster["succession"] = "natural"
            self.roster["succession_printed"] = squeeze(line.raw)
