"""Problems a clerk can act on: a location, a code, what is wrong, and how to fix it.

Every code is listed in `CODES` with a one-line title and the fix; `docs/problems.md` documents
each one and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from govorg.pickling import compact_pickle


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Location:
    """Where in a file: 1-based line and column (0 when the problem is about the whole file)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


class Text:
    """Words for people, kept as an English template and its fields rather than one finished
    string, so that the same problem can be said in Chinese (`govorg.problems_zh`) as well.

    `str()` gives the English, exactly as an f-string with the same fields would. A template with
    no fields is used as it is (its braces are literal); a field whose value is a `Text` is said
    in the same language as the whole.

    >>> str(Text("unknown person {id!r}", id="wang-feng"))
    "unknown person 'wang-feng'"
    """

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        # Values other than numbers, text and Text are kept as their text: a problem must not hold
        # records or exceptions alive, and it is pickled into the parse cache.
        self.fields: Mapping[str, object] = {
            k: v if v is None or isinstance(v, (str, int, float, Text)) else str(v) for k, v in fields.items()
        }

    def __str__(self) -> str:
        return self.template.format(**self.fields) if self.fields else self.template

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Text({self.template!r}, **{dict(self.fields)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.template, dict(self.fields)) == (other.template, dict(other.fields))

    def __hash__(self) -> int:
        return hash(self.template)

    def __reduce__(self) -> tuple[Any, ...]:  # parse results are cached pickled (loader.ParseCache)
        return (_text, (self.template, dict(self.fields)))


def _text(template: str, fields: dict[str, object]) -> Text:
    return Text(template, **fields)


def as_text(words: str | Text) -> Text:
    return words if isinstance(words, Text) else Text(words)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Problem:
    location: Location
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    # The message and hint as Text, to say them in another language; None for a Problem built
    # with plain strings (then the strings are the templates). Equal messages make equal problems.
    message_text: Text | None = field(default=None, compare=False)
    hint_text: Text | None = field(default=None, compare=False)

    def format(self, lang: str = "en") -> str:
        """The problem on one line: `file:line:col: error GO202: message; hint`. `lang="zh"`
        says it in Chinese (错误 GO202：…；…); English is the default and what the API serves."""
        if lang != "en":
            from govorg.problems_zh import format_zh

            return format_zh(self)
        text = f"{self.location}: {self.severity.value} {self.code}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


@compact_pickle
@dataclass(frozen=True, slots=True)
class Code:
    title: str
    fix: str
    severity: Severity = Severity.ERROR


CODES: dict[str, Code] = {
    # Structure of one file
    "GO100": Code("YAML syntax error", "fix the YAML at the position shown (indentation, a missing colon or quote)"),
    "GO101": Code("unknown key", "remove the key or correct its spelling; the hint names the nearest known key"),
    "GO102": Code("missing required field", "add the field named in the message"),
    "GO103": Code("wrong type", "write the value in the form the message names (text, number, list, mapping)"),
    "GO104": Code("unsupported or missing format version", "start the file with `format: 1`"),
    "GO105": Code("empty file or wrong top level", "a record file is a mapping with `format: 1` and its sections"),
    "GO106": Code("duplicate key in a mapping", "keep one of the two keys; YAML would silently drop the first"),
    "GO107": Code("value not one of the allowed choices", "use one of the values the message lists"),
    # Values
    "GO110": Code(
        "impossible or unreadable date",
        "write 2021-04-13, 2021-04, 2021-Q2, 2021 or a span 2021-04..2021-06 (ASCII digits), "
        "or as printed: 二〇二一年四月十三日, 2021年4月, 2021年第二季度, 2021年4月至6月",
    ),
    "GO111": Code("date span ends before it starts", "swap the two ends of the span"),
    "GO112": Code("tenure ends before it starts", "check the removal's date against the appointment's"),
    "GO113": Code(
        "document number does not parse", "write the 文号 as issuer〔year〕serial号, e.g. 甲府办〔2021〕15号"
    ),
    "GO114": Code("both `post` and `posts` given", "use `post` for one post, `posts` for a line naming several"),
    "GO120": Code(
        "file too large", "a record file is a few KB; split the file (the limit is in docs/format.md, Limits)"
    ),
    "GO121": Code("nesting too deep", "records nest a few levels; look for runaway brackets or indentation"),
    "GO122": Code("alias too large or circular", "write the values out instead of using YAML aliases (`*name`)"),
    "GO123": Code(
        "not a regular file", "a FIFO, device or socket named *.yaml is not a record file: remove it from the folder"
    ),
    "GO124": Code(
        "symbolic link leads outside the data folder", "copy the file into the data folder instead of linking to it"
    ),
    "GO125": Code("file or folder cannot be read", "give the server's user permission to read it, or remove it"),
    "GO126": Code("number out of range", "write a number within the range the message gives"),
    "GO127": Code("empty section", "list at least one entry under the section, or remove the section"),
    "GO128": Code(
        "malformed id",
        "write ids in ASCII letters, digits and `-`, `_`, `.`, in parts separated by `/`, e.g. wang-feng",
    ),
    # References and identity
    "GO201": Code("unknown person", "add the person to data/people/ or correct the id (see the hint)"),
    "GO202": Code(
        "unknown organisation", "add the organisation to data/organisations/ or use one of its recorded names"
    ),
    "GO203": Code("unknown document", "define the document in data/documents/ or correct its number or id"),
    "GO204": Code(
        "name resolves to two organisations", "use the official name or the id; or remove the name from one of the two"
    ),
    "GO205": Code("duplicate id", "give each record its own id"),
    "GO206": Code("document number defined twice", "keep one definition; brackets and spaces do not make a new number"),
    "GO207": Code("unknown parent organisation", "point `parent` at a recorded organisation id"),
    "GO208": Code(
        "`government:` names a body that is not a government", "name the 人民政府 the body belongs to, by name or id"
    ),
    "GO209": Code(
        "`level` or `division_code` on a body that is not a government",
        "remove the key, or set `kind: government` if the body is one",
    ),
    "GO210": Code("division code is not six digits", "write the GB/T 2260 code of the jurisdiction, e.g. 310105"),
    "GO211": Code(
        "a government's parent is not a government", "point `parent` at the government above it (市 above 区)"
    ),
    "GO250": Code("row number used twice in one table", "give each row of a table its own `row:` number"),
    "GO251": Code("id used by records of two kinds", "give each record its own id, whatever its kind"),
    "GO252": Code("organisations are their own parents (a cycle)", "break the cycle: correct one `parent`"),
    "GO253": Code("groups contain themselves (a cycle)", "break the cycle: remove one group from another's `members`"),
    "GO254": Code("documents are published in each other (a cycle)", "break the cycle: correct one `published_in`"),
    "GO255": Code(
        "appointments name each other as predecessor (a cycle)",
        "break the cycle: correct one `predecessor` (a predecessor held the post before)",
    ),
    # Consistency over time
    "GO301": Code("two certain holders of a one-holder post", "record the earlier holder's removal, or correct a date"),
    "GO302": Code(
        "removal from a post the person is not known to hold",
        "check the person and post; if the appointment predates the records, add `appointment: unrecorded`",
        Severity.WARNING,
    ),
    "GO303": Code(
        "attestation contradicts the records",
        "the person is printed with a post on a day the records say they did not hold it: check both",
        Severity.WARNING,
    ),
    "GO305": Code(
        "confirmation with probation", "试用期满 ends a probation; remove `probation_months` from the confirmation"
    ),
    "GO306": Code(
        "field that belongs to another form of 任免",
        "`appointed_by`/`approved_by` need `form: approved`, `accepted_by` needs `reason: resigned`, "
        "`to` needs `reason: transferred`; `confirmation: true` is `form: confirmed`",
    ),
    "GO307": Code(
        "`person` and `people` both given, or one person listed twice",
        "use `person` for one person, `people: [a, b]` for a clause naming several, each once",
    ),
    "GO308": Code(
        "probation terminated but none recorded",
        "终止试用期 ends a probation: add `probation_months` to the appointment, or check the `reason`",
        Severity.WARNING,
    ),
    "GO309": Code(
        "title rule names neither or both of `kind` and `organisation`",
        "write `kind: …` for every organisation of a kind, or `organisation: …` for one body",
    ),
    "GO310": Code(
        "two title rules disagree",
        "one title in one organisation (or kind) is `one` in one rule and `many` in another: keep one",
    ),
    # Printed text against the fields beside it (govorg.printed)
    "GO311": Code(
        "printed text says 试用期 but the row has no probation",
        "add `probation_months:` with the printed length (试用期一年 is 12), or correct `printed`",
        Severity.WARNING,
    ),
    "GO312": Code(
        "printed text says 试用期满 but the row is not a confirmation",
        "add `confirmation: true`, or correct `printed`",
        Severity.WARNING,
    ),
    "GO313": Code(
        "printed text says 代理 but the row is not an acting appointment",
        "add `form: acting`, or correct `printed`",
        Severity.WARNING,
    ),
    "GO314": Code(
        "printed probation length differs from `probation_months`",
        "write the printed length in `probation_months` (试用期六个月 is 6), or correct `printed`",
        Severity.WARNING,
    ),
    # Leadership (分工)
    "GO401": Code("leader listed twice in one 分工 version", "merge the two paragraphs into one entry"),
    "GO402": Code(
        "unit with two 分管 leaders in one 分工 version", "a unit has one leader in charge; move one to `assists`"
    ),
    "GO403": Code("stand-in pair names someone without a portfolio", "pair two leaders listed in the same notice"),
    "GO404": Code(
        "two 分工 versions of one government on the same date",
        "a notice replaces the one before it from its own date; fix a date",
    ),
    "GO405": Code(
        "section that this kind of leadership notice does not carry",
        "record the other part as its own notice, or correct `kind`",
    ),
    "GO406": Code(
        "contradictory leadership change or stand-in rule",
        "keep one reading: `set` replaces a portfolio, `add`/`remove` amend it, `rest` names no units",
    ),
    "GO407": Code(
        "amendment with no full 分工 before it",
        "record the full 分工 the notice amends; until then answers show only what the amendment says",
        Severity.WARNING,
    ),
    "GO408": Code(
        "change to a portfolio the leader does not have",
        "check the leader and the unit against the 分工 in force on the notice's date",
    ),
    "GO409": Code("leader named to stand in for themselves", "pair two different leaders"),
    "GO410": Code("temporary reassignment ends before it starts", "check `until` against the document's date"),
    # Committees
    "GO501": Code("seat names neither a member nor a post", "give the seat a `member`, a `post`, or both"),
    "GO502": Code(
        "roster for an organisation that is not a body with a roster",
        "set `kind` to committee, leading_group, joint_meeting, working_group, headquarters or management_committee",
    ),
    "GO503": Code("two roster versions of one body on the same date", "keep one version per date"),
    "GO504": Code("role group options for a role no seat has", "write the role label exactly as the seats print it"),
    "GO505": Code("role group options given twice", "merge the two entries of `groups` for that role"),
    "GO506": Code("seat with no role to continue", "the first seat needs a `role` or a labelled `line` (组长：…)"),
    "GO507": Code("empty name in a roster line", "remove the extra separator (、) or write the missing name"),
    "GO508": Code(
        "name in a roster line matches no person",
        "add the person to data/people/ (the printed form in `printed`), or give `members:` ids",
    ),
    "GO509": Code("`members` does not match the names in the line", "give one id per printed name, in printed order"),
    "GO510": Code("body abolished before it is founded", "check the dates of `founded` and `abolished`"),
    "GO511": Code(
        "roster dated outside the body's life",
        "a roster cannot predate the body's founding (成立) or follow its abolition (撤销): check the dates",
    ),
    "GO512": Code(
        "seat with a `line` and a `role` or `member`",
        "a printed line carries its role and names: remove `role`/`member`, or write the seat without `line`",
    ),
    "GO513": Code("roster with both `body` and `committee`", "name the body once, with `body`"),
    "GO514": Code(
        "name in a roster line matches several people", "give `members:` with one id per printed name to say which"
    ),
}


def problem(
    code: str,
    location: Location,
    message: str | Text,
    *,
    hint: str | Text = "",
    severity: Severity | None = None,
) -> Problem:
    """Build a problem whose severity defaults to the one its code documents. Give `message`
    and `hint` as `Text` when they carry values (never an f-string), so they can be translated."""
    message, hint = as_text(message), as_text(hint)
    return Problem(location, code, str(message), str(hint), severity or CODES[code].severity, message, hint)
