"""The people behind a figure: the trainees it counts with their numbers, and the sessions of
one trainee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from counterpart.storage.cohort.dialects import as_moment, count_if, mean
from counterpart.storage.cohort.groups import Group, group_sessions, group_users
from counterpart.storage.cohort.scope import CohortSlice, in_teams, slice_sessions
from counterpart.storage.store import Store
from counterpart.storage.tables import SessionScoreRow, TeamRow, UserRow

S, U = SessionScoreRow, UserRow


@dataclass(frozen=True)
class TraineeLine:
    user_id: int
    name: str
    team: str | None
    sessions: int
    passed: int
    empathy: float | None
    policy: float | None
    speed: float | None
    last_session: dt.datetime | None


@dataclass(frozen=True)
class SessionLine:
    session_id: int
    curriculum_id: str
    lesson_id: str
    persona_id: str
    ended_at: dt.datetime
    exam: bool
    empathy: int | None
    policy: int | None
    speed: int | None
    resolution: int
    passed: bool | None
    handling_seconds: float


def trainees(store: Store, sl: CohortSlice, group: Group) -> list[TraineeLine]:
    """The trainees behind a figure, each with their sessions, passes, average scores and
    last session among the sessions that figure counts, by name."""
    dialect = store.engine.dialect.name
    with store.db() as db:
        # The ids first: a figure's query is too involved for the planners to guess how many
        # trainees it yields, and at most a few thousand ids are a plain list to look up.
        ids = sorted(set(db.scalars(group_users(dialect, sl, group))))
        if not ids:
            return []
        # Written into the statement as numbers: thousands of placeholders cost more to bind
        # than the database takes to read the list.
        listed = bindparam("ids", ids, expanding=True, literal_execute=True)
        stats = (
            select(
                S.user_id,
                func.count().label("sessions"),
                count_if(S.passed.is_(True)).label("passed"),
                mean(S.empathy).label("empathy"),
                mean(S.policy).label("policy"),
                mean(S.speed).label("speed"),
                func.max(S.ended_at).label("last"),
            )
            .where(*group_sessions(dialect, sl, group), S.user_id.in_(listed))
            .group_by(S.user_id)
            .subquery("stats")
        )
        query = (
            select(
                U.id,
                U.display_name,
                TeamRow.name,
                func.coalesce(stats.c.sessions, 0),
                func.coalesce(stats.c.passed, 0),
                stats.c.empathy,
                stats.c.policy,
                stats.c.speed,
                stats.c["last"],
            )
            .outerjoin(TeamRow, TeamRow.id == U.team_id)
            .outerjoin(stats, stats.c.user_id == U.id)
            .where(U.id.in_(listed), *in_teams(sl, U))
            .order_by(U.display_name, U.id)
        )
        return [
            TraineeLine(*row[:8], as_moment(row[8]) if row[8] is not None else None)
            for row in db.execute(query).all()
        ]


def sessions_of(store: Store, sl: CohortSlice, user_id: int, limit: int = 500) -> list[SessionLine]:
    """One trainee's ended sessions in view (exam scenarios too), newest first; empty for a
    trainee outside the slice's teams."""
    query = (
        select(
            S.session_id,
            S.curriculum_id,
            S.lesson_id,
            S.persona_id,
            S.ended_at,
            S.exam_attempt_id.is_not(None),
            S.empathy,
            S.policy,
            S.speed,
            S.resolution,
            S.passed,
            S.handling_seconds,
        )
        .where(*slice_sessions(sl, practice=False), S.user_id == user_id)
        .order_by(S.ended_at.desc(), S.session_id.desc())
        .limit(limit)
    )
    with store.db() as db:
        return [
            SessionLine(row[0], row[1], row[2], row[3], as_moment(row[4]), bool(row[5]), *row[6:])
            for row in db.execute(query).all()
        ]


def trainee_team(store: Store, user_id: int) -> tuple[str, int | None] | None:
    """(role, team id) of a user, or None when there is no such user."""
    with store.db() as db:
        row = db.execute(select(U.role, U.team_id).where(U.id == user_id)).first()
        return (row[0], row[1]) if row else None
