"""Accounts and teams as admins change them: many users at once, roles, team managers. Every
change that a rule depends on reads the rows it checks in the same transaction it writes in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counterpart.storage.records import Team, User
from counterpart.storage.store import Store, UnknownRecord
from counterpart.storage.tables import TeamManagerRow, TeamRow, UserRow

# SQLite before 3.32 allows 999 bound parameters in one statement.
_CHUNK = 500


def _lock_for_writing(db: Session) -> None:
    """On SQLite, take the write lock before reading what a rule checks: pysqlite begins a
    transaction only at the first write, so reads before it could see a state that another
    writer is changing. On PostgreSQL the reads lock their rows (FOR UPDATE) instead."""
    if db.get_bind().dialect.name == "sqlite":
        db.connection().exec_driver_sql("BEGIN IMMEDIATE")


def _record(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.role, row.team_id)


class DirectoryConflict(ValueError):
    """Raised when the database refuses a change to accounts or teams: a username or team name
    taken (also by someone else while a batch was written), the last admin losing the role, a
    team manager who is not a manager, or a team that no longer exists. Nothing is written."""


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: str
    password_hash: str
    team: str | None = None  # a team's name, matched ignoring case


def taken_usernames(store: Store, usernames: Iterable[str]) -> set[str]:
    """Those of the usernames that are in the database already."""
    wanted = sorted(set(usernames))
    found: set[str] = set()
    with store.db() as db:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found |= set(db.scalars(select(UserRow.username).where(UserRow.username.in_(chunk))))
    return found


def add_accounts(
    store: Store, accounts: Sequence[NewAccount], new_teams: Sequence[str] = ()
) -> list[User]:
    """Create the new teams, then every account, in ONE transaction: if any insert fails,
    nothing of the batch stays, not even the teams."""
    try:
        with store.db.begin() as db:
            _lock_for_writing(db)
            team_ids = {row.name.casefold(): row.id for row in db.scalars(select(TeamRow))}
            for name in new_teams:
                if name.casefold() not in team_ids:
                    row = TeamRow(name=name)
                    db.add(row)
                    db.flush()
                    team_ids[name.casefold()] = row.id
            rows = []
            for account in accounts:
                team_id = None
                if account.team:
                    team_id = team_ids.get(account.team.casefold())
                    if team_id is None:
                        raise DirectoryConflict(f"team {account.team!r} no longer exists")
                rows.append(
                    UserRow(
                        username=account.username,
                        display_name=account.display_name,
                        role=account.role,
                        password_hash=account.password_hash,
                        team_id=team_id,
                    )
                )
            db.add_all(rows)
            db.flush()
            return [_record(row) for row in rows]
    except IntegrityError as exc:
        raise DirectoryConflict(
            "a username or team name of the batch was taken while it was being written"
        ) from exc


def add_team(store: Store, name: str) -> Team:
    """A new team; its name must differ from every other team's, ignoring case."""
    try:
        with store.db.begin() as db:
            _lock_for_writing(db)
            names = db.scalars(select(TeamRow.name))
            if any(existing.casefold() == name.casefold() for existing in names):
                raise DirectoryConflict(f"a team named {name!r} exists already")
            row = TeamRow(name=name)
            db.add(row)
            db.flush()
            return Team(row.id, row.name)
    except IntegrityError as exc:
        raise DirectoryConflict(f"a team named {name!r} exists already") from exc


def set_role(store: Store, user_id: int, role: str) -> User:
    """Change a user's role. An admin keeps the role when no other admin would be left; a user
    who stops being a manager stops managing teams (so that promoting them again later does not
    silently hand back old teams)."""
    with store.db.begin() as db:
        _lock_for_writing(db)
        # Every admin row is locked first, always in the same order, so that two admins
        # demoting each other at once on PostgreSQL queue up (the second then counts one admin)
        # instead of deadlocking.
        admins = db.scalars(
            select(UserRow.id).where(UserRow.role == "admin").order_by(UserRow.id).with_for_update()
        ).all()
        row = db.get(UserRow, user_id, with_for_update=True)
        if row is None:
            raise UnknownRecord(f"no user {user_id}")
        if row.role == "admin" and role != "admin" and len(admins) <= 1:
            raise DirectoryConflict(f"{row.username} is the last admin")
        if role != "manager":
            db.execute(delete(TeamManagerRow).where(TeamManagerRow.user_id == user_id))
        row.role = role
        db.flush()
        return _record(row)


def set_team_managers(store: Store, team_id: int, user_ids: Iterable[int]) -> None:
    """Make exactly these users the team's managers; each must have the role manager."""
    wanted = set(user_ids)
    with store.db.begin() as db:
        _lock_for_writing(db)
        if db.get(TeamRow, team_id) is None:
            raise DirectoryConflict(f"team {team_id} no longer exists")
        if wanted:
            # Locked, so that a role changed meanwhile cannot leave a non-manager managing.
            rows = db.scalars(select(UserRow).where(UserRow.id.in_(wanted)).with_for_update()).all()
            missing = wanted - {r.id for r in rows}
            if missing:
                raise DirectoryConflict(f"no user {min(missing)}")
            not_managers = sorted(r.username for r in rows if r.role != "manager")
            if not_managers:
                raise DirectoryConflict(f"not managers: {', '.join(not_managers)}")
        db.execute(
            delete(TeamManagerRow).where(
                TeamManagerRow.team_id == team_id, TeamManagerRow.user_id.not_in(wanted)
            )
        )
        present = set(
            db.scalars(select(TeamManagerRow.user_id).where(TeamManagerRow.team_id == team_id))
        )
        db.add_all(TeamManagerRow(team_id=team_id, user_id=user_id) for user_id in wanted - present)


def team_managers(store: Store) -> dict[int, list[int]]:
    """Team id -> the ids of its managers."""
    with store.db() as db:
        found: dict[int, list[int]] = {}
        rows = db.execute(
            select(TeamManagerRow.team_id, TeamManagerRow.user_id).order_by(
                TeamManagerRow.team_id, TeamManagerRow.user_id
            )
        )
        for team_id, user_id in rows:
            found.setdefault(team_id, []).append(user_id)
        return found
