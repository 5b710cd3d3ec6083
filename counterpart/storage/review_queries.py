"""Reads for reviewing grades: the reply an override is about, the overrides that calibration
compares with the grader, and the sessions waiting for a review. Each takes the Store and,
where people are listed, the team ids whose trainees the viewer may see (None: everyone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select

from counterpart.storage.records import SessionScore
from counterpart.storage.store import Store, UnknownRecord, _aware, _session_score
from counterpart.storage.tables import (
    GradeOverrideRow,
    GradeRow,
    SessionRow,
    SessionScoreRow,
    TurnRow,
    UserRow,
)


@dataclass(frozen=True)
class ReplyUnderReview:
    """What overruling a reply needs to know before anything is written."""

    turn_id: int
    session_id: int
    owner_id: int  # the trainee whose reply it is
    role: str  # customer | trainee
    graded: frozenset[str]  # dimensions the grader gave this reply


@dataclass(frozen=True)
class OverrideFact:
    """The override that counts (the newest) for one dimension of one reply, with what the
    grader gave and where the reply was written."""

    turn_id: int
    session_id: int
    trainee_id: int
    dimension: str
    score: int
    automatic_score: int | None
    reasons: list[dict]  # the automatic grade's reasons, to tell a judged grade apart
    language: str | None  # from the session's score row; None while the session is open
    persona_id: str
    reviewer_id: int
    created_at: dt.datetime


def _visible(query: Select, teams: frozenset[int] | None) -> Select:
    """A team scope is the trainees of those teams, not everyone placed in them."""
    if teams is None:
        return query
    return query.where(UserRow.role == "trainee", UserRow.team_id.in_(sorted(teams)))


def reply_under_review(store: Store, turn_id: int) -> ReplyUnderReview:
    """Raises UnknownRecord when there is no such turn."""
    with store.db() as db:
        row = db.execute(
            select(TurnRow.id, TurnRow.session_id, SessionRow.user_id, TurnRow.role)
            .join(SessionRow, SessionRow.id == TurnRow.session_id)
            .where(TurnRow.id == turn_id)
        ).first()
        if row is None:
            raise UnknownRecord(f"no turn {turn_id}")
        graded = db.scalars(select(GradeRow.dimension).where(GradeRow.turn_id == turn_id))
        return ReplyUnderReview(row[0], row[1], row[2], row[3], frozenset(graded))


def counting_overrides(store: Store, teams: frozenset[int] | None) -> list[OverrideFact]:
    """The newest override of each overruled (reply, dimension) of trainees in `teams`,
    oldest first. Reads override rows and the grades they overrule, never all turns."""
    newest = (
        select(func.max(GradeOverrideRow.id).label("id"))
        .group_by(GradeOverrideRow.turn_id, GradeOverrideRow.dimension)
        .subquery()
    )
    query = (
        select(
            GradeOverrideRow,
            TurnRow.session_id,
            SessionRow.user_id,
            SessionRow.persona_id,
            SessionScoreRow.language,
            GradeRow.reasons,
        )
        .join(newest, newest.c.id == GradeOverrideRow.id)
        .join(TurnRow, TurnRow.id == GradeOverrideRow.turn_id)
        .join(SessionRow, SessionRow.id == TurnRow.session_id)
        .join(UserRow, UserRow.id == SessionRow.user_id)
        .outerjoin(SessionScoreRow, SessionScoreRow.session_id == SessionRow.id)
        .outerjoin(
            GradeRow,
            (GradeRow.turn_id == GradeOverrideRow.turn_id)
            & (GradeRow.dimension == GradeOverrideRow.dimension),
        )
        .order_by(GradeOverrideRow.id)
    )
    with store.db() as db:
        return [
            OverrideFact(
                turn_id=o.turn_id,
                session_id=session_id,
                trainee_id=trainee_id,
                dimension=o.dimension,
                score=o.score,
                automatic_score=o.automatic_score,
                reasons=list(reasons or []),
                language=language,
                persona_id=persona_id,
                reviewer_id=o.reviewer_id,
                created_at=_aware(o.created_at),
            )
            for o, session_id, trainee_id, persona_id, language, reasons in db.execute(
                _visible(query, teams)
            )
        ]


def sessions_to_review(
    store: Store, teams: frozenset[int] | None, limit: int = 50
) -> list[SessionScore]:
    """Ended sessions no one has overruled yet that went badly (below a pass mark, or the
    customer escalated or gave up), newest first."""
    query = (
        select(SessionScoreRow)
        .join(UserRow, UserRow.id == SessionScoreRow.user_id)
        .where(
            SessionScoreRow.overridden.is_(False),
            or_(
                SessionScoreRow.passed.is_(False),
                SessionScoreRow.end_reason.in_(("escalated", "abandoned")),
            ),
        )
        .order_by(SessionScoreRow.ended_at.desc(), SessionScoreRow.session_id.desc())
        .limit(limit)
    )
    with store.db() as db:
        return [_session_score(r) for r in db.scalars(_visible(query, teams))]
