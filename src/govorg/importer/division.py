"""分工 notices (kind: full) and stand-in notices (AB角, 互相补位: kind: stand_ins)."""

from __future__ import annotations

import re

from govorg.importer.context import Context
from govorg.importer.model import Draft, Record
from govorg.importer.text import Line, squeeze
from govorg.notes import Note

_NAME = r"[\u4e00-\u9fff·]{2,4}?"
_LEADER = re.compile(
    rf"^(?:[一二三四五六七八九十\d]+[、.])?(?P<name>{_NAME})(?:同志)?"
    r"(?P<title>(?:常务)?副?(?:省长|市长|县长|区长|州长|镇长|乡长|秘书长|主任))?(?:同志)?(?:\((?P<t2>[^)]*)\))?"
    r"(?:[:：,，]|$|(?=领导|负责|分管|协助|联系))(?P<rest>.*)$"
)
_PARTS = [
    ("leads", re.compile(r"领导(?P<x>.+?)全面工作")),
    ("assists", re.compile(r"协助分管(?P<x>[^。;]+)")),
    ("in_charge", re.compile(r"(?<!协助)分管(?P<x>[^。;]+)")),
    ("liaises", re.compile(r"联系(?P<x>[^。;]+)")),
    ("work", re.compile(r"负责(?P<x>[^。;]+?)(?:方面)?(?:等)?工作")),
]
_PAIR = re.compile(rf"(?P<a>{_NAME})(?:同志)?(?:与|和)(?P<b>{_NAME})(?:同志)?(?:互为AB角|互相补位|互为补位)")
_ONE_WAY = re.compile(
    rf"(?P<a>{_NAME})(?:同志)?(?:外出|不在岗|缺位|离岗|因故不在)[^,，]*?时?[,，](?P<part>[^,，]+?)由(?P<b>{_NAME})(?:同志)?(?:代为)?负责"
)
_REST = re.compile(rf"其余工作由(?P<c>{_NAME})(?:同志)?(?:代为)?负责")
_SPLIT = re.compile(r"[、,，]|和(?=[市县区省])")


def _items(text: str) -> list[str]:
    text = re.sub(r"(等)?(方面)?(的)?工作$", "", text.strip().rstrip("。;；,，"))
    return [item for item in _SPLIT.split(text) if item]


class DivisionParser:
    """A full 分工: one paragraph per leader (a label line and continuation lines, or a
    paragraph starting with the name), in printed order."""

    def __init__(self, context: Context, draft: Draft) -> None:
        self.ctx, self.draft = context, draft
        self.leaders: list[Record] = []
        self.current: tuple[Line, list[str]] | None = None
        self.pairs = PairsParser(context, draft)

    def parse(self, lines: list[Line]) -> None:
        paragraphs: list[tuple[Line, str, str]] = []
        for line in lines:
            text = squeeze(line.text)
            if _PAIR.search(text) or "AB角" in text:
                self.pairs.line(line)
                continue
            m = _LEADER.match(text)
            if m and (
                m.group("title") or m.group("t2") or not m.group("rest") or re.match("领导|负责|分管", m.group("rest"))
            ):
                paragraphs.append((line, m.group("name"), m.group("rest")))
            elif paragraphs and re.search(r"分管|负责|联系|领导", text):
                first, name, rest = paragraphs[-1]
                paragraphs[-1] = (first, name, rest + text)
            else:
                self.draft.skipped(line.no, Note("not a 分工 line"), line.raw)
        for line, name, rest in paragraphs:
            self.draft.personnel_lines += 1
            leader: Record = {"person": self.ctx.person(name, line.no), "printed": line.raw}
            for key, pattern in _PARTS:
                units = [u for m in pattern.finditer(rest) for u in _items(m.group("x"))]
                if not units:
                    continue
                if key == "work":
                    leader[key] = units
                else:
                    leader[key] = [self.ctx.organisation(u, line.no) for u in units]
            if len(leader) > 2:
                self.leaders.append(leader)
                self.draft.understood += 1
            else:
                self.leaders.append(leader | {"note": "the notice gives no portfolio"})
                self.draft.unparsed(line.no, Note("a leader with no 分管/负责/联系 read"), line.raw)
        body: Record = {"government": self.ctx._government_ref(self.ctx.government), "leaders": self.leaders}
        if scheme := self.pairs.scheme():
            body["stand_ins"] = scheme
        self.draft.body["leadership"] = body


class PairsParser:
    """A stand-in notice: pairs (互为AB角), one-way rules (外出时…由…负责, 其余工作), exempt work
    (不实行AB角), leaders outside the scheme (不纳入) and the fallback (均不在岗时)."""

    def __init__(self, context: Context, draft: Draft) -> None:
        self.ctx, self.draft = context, draft
        self.rules: list[Record] = []
        self.exempt: list[Record] = []
        self.outside: Record = {}
        self.fallback: Record = {}

    def parse(self, lines: list[Line]) -> None:
        for line in lines:
            self.line(line)
        self.draft.body["leadership"] = {
            "government": self.ctx._government_ref(self.ctx.government),
            "kind": "stand_ins",
            "stand_ins": self.scheme(),
        }

    def scheme(self) -> Record:
        scheme: Record = {}
        if self.rules:
            scheme["rules"] = self.rules
        if self.exempt:
            scheme["exempt"] = self.exempt
        if self.outside:
            scheme["outside"] = self.outside
        if self.fallback:
            scheme["fallback"] = self.fallback
        return scheme

    def _person(self, name: str, line: Line) -> str:
        known = self.ctx.known_person(name)
        if known is None:
            self.draft.guess(line.no, Note("{name} has no record and no 分工: a new person", name=name), line.raw)
        return known or self.ctx.person(name, line.no)

    def _unit(self, work: str, line: Line) -> str | None:
        """The one unit of the government whose name holds a printed line of work (审计工作:
        市审计局), as a guess; None when there is not exactly one."""
        if self.ctx.catalog.organisations_named(work, government=self.ctx.government):
            return work
        found = [
            org.name
            for org in self.ctx.catalog.organisations.values()
            if work in org.name
            and self.ctx.catalog.government_of.get(org.id) == self.ctx.government
            and org.kind == "department"
        ]
        if len(found) != 1:
            return None
        self.draft.guess(line.no, Note("{work}工作 read as the unit {found}", work=work, found=found[0]), line.raw)
        return found[0]

    def line(self, line: Line) -> None:
        text = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", squeeze(line.text))
        printed = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", squeeze(line.raw))
        relevant = re.search(r"AB角|补位|负责|不在岗|纳入", text)
        if not relevant:
            self.draft.skipped(line.no, Note("not a stand-in line"), line.raw)
            return
        self.draft.personnel_lines += 1
        understood = False
        for found in _PAIR.finditer(text):
            pair = [self._person(found.group("a"), line), self._person(found.group("b"), line)]
            self.rules.append({"pair": pair, "printed": found.group(0)})
            understood = True
        if m := _ONE_WAY.search(text):
            leader = self._person(m.group("a"), line)
            rule: Record = {"leader": leader, "by": self._person(m.group("b"), line)}
            part = m.group("part")
            if part != "工作" and not part.startswith("全部"):
                items = _items(part)
                units = [self._unit(u, line) for u in items]
                if all(units):
                    rule["units"] = units
                else:
                    rule["work"] = items
            rule["printed"] = printed
            self.rules.append(rule)
            if r := _REST.search(text):
                self.rules.append(
                    {"leader": leader, "by": self._person(r.group("c"), line), "rest": True, "printed": printed}
                )
            understood = True
        if "不实行AB角" in text or "不实行补位" in text:
            work = _items(re.split(r"不实行", text)[0])
            units = [u for u in work if self.ctx.catalog.organisations_named(u, government=self.ctx.government)]
            self.exempt.append(
                ({"units": units} if units and len(units) == len(work) else {"work": work}) | {"printed": printed}
            )
            understood = True
        if "不纳入" in text:
            people = [
                pid
                for name in re.findall(r"[\u4e00-\u9fff]{2,3}(?=同志)", text)
                if (pid := self.ctx.known_person(name))
            ]
            if people:
                self.outside = {"people": people, "printed": printed}
                understood = True
            else:
                self.draft.unparsed(
                    line.no,
                    Note("leaders outside the scheme named by title only: add `outside.people` by hand"),
                    line.raw,
                )
                return
        if re.search(r"均不在岗|都不在岗|同时不在岗", text):
            self.fallback = {"printed": printed}
            understood = True
        if understood:
            self.draft.understood += 1
        else:
            self.draft.unparsed(line.no, Note("could not read this stand-in line"), line.raw)
