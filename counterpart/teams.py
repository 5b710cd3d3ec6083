"""Teams: admins create them, place people in them and choose who manages each. A manager sees
the trainees of the teams they manage (counterpart/visibility.py), so these are permissions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from counterpart.accounts import AccountError, Actor, require_admin
from counterpart.storage import directory
from counterpart.storage.records import Team, User
from counterpart.storage.store import Store, UnknownRecord

MAX_TEAM_NAME = 60
# Letters and digits of any script, spaces and a little punctuation: a team name shows in
# tables, menus and messages (escaped there all the same), where odd characters only confuse.
TEAM_NAME = re.compile(r"^[^\W_](?:[^\W_]|[ .'()/+&-])*$")


@dataclass(frozen=True)
class Roster:
    """Everyone, every team and every team's managers: what the admin page shows."""

    users: list[User]
    teams: list[Team]
    managers: dict[int, list[int]]  # team id -> user ids

    def team_name(self, team_id: int | None) -> str | None:
        return next((t.name for t in self.teams if t.id == team_id), None)


def clean_team_name(name: str) -> str:
    return " ".join(name.split())


def team_name_problem(name: str) -> str | None:
    """What is wrong with a (cleaned) team name, or None."""
    if not name:
        return "empty"
    if len(name) > MAX_TEAM_NAME:
        return f"longer than {MAX_TEAM_NAME} characters"
    if not TEAM_NAME.match(name):
        return (
            f"{name!r} is not a team name: use letters, digits, spaces and . ' ( ) / + & - "
            "(starting with a letter or digit)"
        )
    return None


def team_named(store: Store, name: str) -> Team | None:
    """The team whose name is this one, ignoring case and extra spaces."""
    wanted = clean_team_name(name).casefold()
    return next((t for t in store.teams() if t.name.casefold() == wanted), None)


def roster(store: Store, actor: Actor | None) -> Roster:
    require_admin(store, actor)
    return Roster(store.users(), store.teams(), directory.team_managers(store))


def create_team(store: Store, actor: Actor | None, name: str) -> Team:
    require_admin(store, actor)
    name = clean_team_name(name)
    problem = team_name_problem(name)
    if problem:
        raise AccountError(f"team name: {problem}")
    try:
        return directory.add_team(store, name)
    except directory.DirectoryConflict as exc:
        raise AccountError(f"team name: {exc}") from exc


def assign_team(store: Store, actor: Actor | None, user_id: int, team_id: int | None) -> None:
    """Put a user in a team, or in none (team_id None)."""
    require_admin(store, actor)
    try:
        store.user(user_id)
    except UnknownRecord as exc:
        raise AccountError(f"user: {exc}") from exc
    if team_id is not None and all(t.id != team_id for t in store.teams()):
        raise AccountError(f"team: no team {team_id}")
    store.set_team(user_id, team_id)


def set_team_managers(
    store: Store, actor: Actor | None, team_id: int, user_ids: Iterable[int]
) -> None:
    """Make exactly these users the managers of the team; each must have the role manager."""
    require_admin(store, actor)
    try:
        directory.set_team_managers(store, team_id, user_ids)
    except directory.DirectoryConflict as exc:
        raise AccountError(f"managers: {exc}") from exc
