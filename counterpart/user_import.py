"""Bulk user import from a CSV file: every row is checked before anything is written, and a batch
with any problem imports no one. The command line and the admin page share it."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from counterpart import accounts
from counterpart.accounts import AccountError, Actor, require_admin
from counterpart.storage import directory
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.teams import clean_team_name, team_name_problem

COLUMNS = ("username", "display_name", "role", "team", "password")
# Each row costs a slow password hash (a few tenths of a second); a bigger file is a mistake
# or belongs in several batches.
MAX_ROWS = 10_000
# surrogateescape turns each undecodable byte into one of these, which valid UTF-8 never yields.
_UNDECODABLE = re.compile(r"[\udc80-\udcff]")
_ORDER = {name: i for i, name in enumerate(("header", "row", *COLUMNS))}

Progress = Callable[[int, int], None]  # (passwords hashed, rows in the batch)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # the physical line in the file; the header is line 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True)
class ImportRow:
    line: int
    username: str
    display_name: str
    role: str
    team: str | None  # an existing team's name as stored, or a team the import creates
    password: str | None = field(default=None, repr=False)  # None: a temporary one is made


@dataclass(frozen=True)
class ImportPlan:
    source: str
    rows: list[ImportRow]
    new_teams: list[str]
    problems: list[Problem]


@dataclass(frozen=True)
class ImportResult:
    users: list[User]
    new_teams: list[str]
    # (username, password) for rows that gave none: shown once to the operator, never stored.
    temporary_passwords: list[tuple[str, str]]


def _records(text: str, source: str, problems: list[Problem]):
    """(first physical line, fields) of each record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # Reported where the record began: an unclosed quote swallows every line after it.
            hint = " (a quote opened here is never closed)" if "end of data" in str(exc) else ""
            problems.append(Problem(source, start, "row", f"not valid CSV: {exc}{hint}"))
            return
        if any(f.strip() for f in fields):
            yield start, fields


def _undecodable(value: str, secret: bool = False) -> str | None:
    found = _UNDECODABLE.search(value)
    if found is None:
        return None
    # Not even one byte of a password is shown.
    byte = "" if secret else f" (byte 0x{ord(found.group()) - 0xDC00:02X})"
    return f"not valid UTF-8{byte}; save the file as UTF-8"


def _header_problems(names: list[str], line: int, source: str) -> list[Problem]:
    expected = f"the header is {','.join(COLUMNS)}"
    problems = [
        Problem(source, line, column, f"missing header column ({expected})")
        for column in COLUMNS
        if column not in names
    ]
    for i, name in enumerate(names):
        if _undecodable(name):
            problems.append(Problem(source, line, "header", _undecodable(name)))
        elif name not in COLUMNS:
            problems.append(Problem(source, line, name or "header", f"unknown column ({expected})"))
        elif name in names[:i]:
            problems.append(Problem(source, line, name, "named twice in the header"))
    return problems


def _row_problems(values: dict[str, str]) -> dict[str, str]:
    """column -> what is wrong with it, for the checks that need one row only."""
    found = {}
    for column, value in values.items():
        problem = _undecodable(value, secret=column == "password")
        if problem is None and ("\n" in value or "\r" in value):
            problem = "runs over several lines (a quote left open?)"
        if problem:
            found[column] = problem
    checks = {
        "username": lambda v: accounts.username_problem(accounts.normal_username(v)),
        "display_name": lambda v: accounts.display_name_problem(v.strip()),
        "role": lambda v: accounts.role_problem(v.strip().lower()),
        "password": lambda v: accounts.password_problem(v) if v else None,
    }
    for column, check in checks.items():
        if column not in found and (problem := check(values[column])):
            found[column] = problem
    return found


def _team(
    value: str, teams: dict[str, str], new_teams: dict[str, str], create_teams: bool
) -> tuple[str | None, str | None]:
    """(the team's name as stored or to be created, what is wrong); a team this batch creates
    is added to new_teams."""
    name = clean_team_name(value)
    if not name:
        return None, None
    team = teams.get(name.casefold()) or new_teams.get(name.casefold())
    if team is not None:
        return team, None
    if not create_teams:
        return None, (
            f"no team named {name!r}; create it first, or let the import create teams "
            "(--create-teams)"
        )
    problem = team_name_problem(name)
    if problem is None:
        new_teams[name.casefold()] = name
    return name, problem


def _username_problems(store: Store, lines_of: dict[str, list[int]], source: str) -> list[Problem]:
    """Usernames on more than one line (each line is named) or taken in the database."""
    problems = []
    for username, lines in lines_of.items():
        for line in lines if len(lines) > 1 else ():
            others = ", ".join(str(other) for other in lines if other != line)
            problems.append(
                Problem(source, line, "username", f"{username!r} is also on line {others}")
            )
    for username in directory.taken_usernames(store, lines_of):
        problems += [
            Problem(source, line, "username", f"{username!r} is taken (the account exists)")
            for line in lines_of[username]
        ]
    return problems


def check_import(
    store: Store, actor: Actor | None, data: bytes, source: str, *, create_teams: bool = False
) -> ImportPlan:
    """Read and check a whole CSV file (UTF-8, with or without a BOM) against the database;
    nothing is written. `source` names the file in each problem."""
    require_admin(store, actor)
    problems: list[Problem] = []
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    records = _records(text, source, problems)
    header = next(records, None)
    if header is None:
        if not problems:
            problems.append(
                Problem(source, 1, "header", f"the file is empty; expected {','.join(COLUMNS)}")
            )
        return ImportPlan(source, [], [], problems)
    header_line, header_fields = header
    names = [name.strip().lower() for name in header_fields]
    problems += _header_problems(names, header_line, source)
    if problems:
        return ImportPlan(source, [], [], _sorted(problems))
    teams = {t.name.casefold(): t.name for t in store.teams()}
    new_teams: dict[str, str] = {}
    rows: list[ImportRow] = []
    lines_of: dict[str, list[int]] = {}
    for count, (line, fields) in enumerate(records):
        if count >= MAX_ROWS:
            problems.append(Problem(source, line, "row", f"more than {MAX_ROWS} users in a file"))
            break
        if len(fields) != len(names):
            problems.append(
                Problem(source, line, "row", f"{len(fields)} fields, the header has {len(names)}")
            )
            continue
        values = dict(zip(names, fields, strict=True))
        found = _row_problems(values)
        username = accounts.normal_username(values["username"])
        if "username" not in found:
            lines_of.setdefault(username, []).append(line)
        team = None
        if "team" not in found:
            team, problem = _team(values["team"], teams, new_teams, create_teams)
            if problem:
                found["team"] = problem
        problems += [Problem(source, line, column, message) for column, message in found.items()]
        if not found:
            rows.append(
                ImportRow(
                    line,
                    username,
                    values["display_name"].strip() or username,
                    values["role"].strip().lower(),
                    team,
                    values["password"] or None,
                )
            )
    problems += _username_problems(store, lines_of, source)
    if not problems and not rows:
        problems.append(Problem(source, header_line + 1, "row", "no users after the header"))
    return ImportPlan(source, rows, list(new_teams.values()), _sorted(problems))


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, _ORDER.get(p.column, len(_ORDER)), p.message))


def carry_out(
    store: Store, actor: Actor | None, plan: ImportPlan, progress: Progress | None = None
) -> ImportResult:
    """Hash every password, then write the new teams and all users in one transaction; a
    failure on the way (say a username someone took meanwhile) leaves nothing."""
    require_admin(store, actor)
    if plan.problems or not plan.rows:
        raise AccountError(f"{plan.source}: the file has problems; nothing was imported")
    temporary: list[tuple[str, str]] = []
    new_accounts = []
    for done, row in enumerate(plan.rows, 1):
        password = row.password
        if password is None:
            password = accounts.temporary_password()
            temporary.append((row.username, password))
        new_accounts.append(
            directory.NewAccount(
                row.username,
                row.display_name,
                row.role,
                accounts.hash_password(password),
                row.team,
            )
        )
        if progress:
            progress(done, len(plan.rows))
    try:
        users = directory.add_accounts(store, new_accounts, plan.new_teams)
    except directory.DirectoryConflict as exc:
        raise AccountError(f"{plan.source}: {exc}; nothing was imported") from exc
    return ImportResult(users, list(plan.new_teams), temporary)
