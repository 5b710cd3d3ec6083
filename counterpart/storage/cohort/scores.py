"""Average scores and pass counts of practice sessions ended in range, by lesson, persona, team
or week; and certificates issued by week."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import count_if, mean, week_of
from counterpart.storage.cohort.scope import CohortSlice, in_range, slice_sessions, slice_trainees
from counterpart.storage.cohort.standing import certificates_in_view
from counterpart.storage.store import Store
from counterpart.storage.tables import CertificateRow, SessionScoreRow, UserRow

S, U, C = SessionScoreRow, UserRow, CertificateRow


@dataclass(frozen=True)
class ScoreGroup:
    key: tuple
    sessions: int
    trainees: int
    passed: int  # sessions passed
    trainees_passed: int
    empathy: float | None
    policy: float | None
    speed: float | None
    resolution: float | None


def _score_groups(store: Store, keys, conditions: list) -> list[ScoreGroup]:
    query = (
        select(
            *keys,
            func.count(),
            func.count(distinct(S.user_id)),
            count_if(S.passed.is_(True)),
            func.count(distinct(case((S.passed.is_(True), S.user_id)))),
            mean(S.empathy),
            mean(S.policy),
            mean(S.speed),
            mean(S.resolution),
        )
        .where(*conditions)
        .group_by(*keys)
        .order_by(*keys)
    )
    with store.db() as db:
        return [
            ScoreGroup(tuple(row[: len(keys)]), *row[len(keys) :])
            for row in db.execute(query).all()
        ]


def lesson_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by (curriculum, lesson)."""
    return _score_groups(store, [S.curriculum_id, S.lesson_id], slice_sessions(sl))


def persona_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by persona."""
    return _score_groups(store, [S.persona_id], slice_sessions(sl))


def team_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by team id (None: trainees in no team)."""
    u = aliased(U)
    return _score_groups(store, [u.team_id], slice_sessions(sl, u=u))


def week_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions by the week (Monday, UTC) they ended in."""
    week = week_of(store.engine.dialect.name, S.ended_at)
    return _score_groups(store, [week], slice_sessions(sl))


def weekly_certificates(store: Store, sl: CohortSlice) -> dict[str, int]:
    """Certificates of the tracks in view issued in range, by week."""
    week = week_of(store.engine.dialect.name, C.issued_at)
    query = (
        select(week, func.count())
        .where(
            C.user_id.in_(slice_trainees(sl)),
            C.certificate_id.in_(certificates_in_view(sl)),
            *in_range(sl, C.issued_at),
        )
        .group_by(week)
    )
    with store.db() as db:
        return {w: n for w, n in db.execute(query).all()}
