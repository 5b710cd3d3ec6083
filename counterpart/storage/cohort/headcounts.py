"""The overview: distinct trainees in view, in progress, certified, in need of a refresh and
stuck."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, and_, distinct, exists, func, or_, select
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import utc
from counterpart.storage.cohort.scope import (
    CohortSlice,
    in_teams,
    in_tracks,
    slice_sessions,
    slice_trainees,
)
from counterpart.storage.cohort.standing import certified, needs_refresh, not_held
from counterpart.storage.store import Store
from counterpart.storage.tables import SessionScoreRow, UserRow

S, U = SessionScoreRow, UserRow

# A trainee who has not practised a track for this long, without its certificate, is stuck.
IDLE_AFTER = dt.timedelta(days=14)
# ...as is one who tried a lesson this many times without ever passing it.
FAILED_TRIES = 3

OVERVIEW = ("trainees", "in_progress", "certified", "needs_refresh", "stuck")


def _in_progress(sl: CohortSlice) -> Select:
    pairs = (
        select(S.user_id, S.curriculum_id, S.track_id)
        .where(*slice_sessions(sl, practice=False))
        .group_by(S.user_id, S.curriculum_id, S.track_id)
        .subquery("pairs")
    )
    return not_held(sl, pairs)


def _stuck(sl: CohortSlice) -> Select:
    """Where each trainee is now (their latest session on a track in view), kept when they do
    not hold that track's certificate and either that session ended IDLE_AFTER ago or more, or
    it was practice of a lesson tried FAILED_TRIES times or more and never passed."""
    # The latest session of each trainee, found through the (user, ended) index: one step
    # per trainee rather than a pass over every session.
    latest = aliased(S, name="latest")
    u = aliased(U)
    latest_id = (
        select(latest.session_id)
        .where(latest.user_id == u.id, in_tracks(sl, latest))
        # Ends are timestamps to the microsecond: no tie to break, and none of an order the
        # (user, ended) index would not give as it stands.
        .order_by(latest.ended_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    where_now = select(latest_id.label("session_id")).where(*in_teams(sl, u)).subquery("where_now")
    now = aliased(S, name="now_at")
    current = (
        select(
            now.user_id,
            now.curriculum_id,
            now.track_id,
            now.lesson_id,
            now.exam_attempt_id,
            now.ended_at.label("last"),
        )
        .join(where_now, where_now.c.session_id == now.session_id)
        .subquery("current")
    )
    tries = aliased(S, name="tries")
    same_lesson = [
        tries.user_id == current.c.user_id,
        tries.curriculum_id == current.c.curriculum_id,
        tries.lesson_id == current.c.lesson_id,
        tries.exam_attempt_id.is_(None),
    ]
    failing = and_(
        current.c.exam_attempt_id.is_(None),
        select(func.count()).where(*same_lesson).scalar_subquery() >= FAILED_TRIES,
        ~exists().where(*same_lesson, tries.passed.is_(True)),
    )
    stuck = (
        select(current.c.user_id, current.c.curriculum_id, current.c.track_id)
        .where(or_(current.c["last"] < utc(sl.now - IDLE_AFTER), failing))
        .subquery("stuck")
    )
    return not_held(sl, stuck)


def overview_users(sl: CohortSlice, name: str) -> Select:
    return {
        "trainees": slice_trainees,
        "in_progress": _in_progress,
        "certified": certified,
        "needs_refresh": needs_refresh,
        "stuck": _stuck,
    }[name](sl)


def overview(store: Store, sl: CohortSlice) -> dict[str, int]:
    """Distinct trainees behind each overview figure (OVERVIEW names them), in one statement."""
    counts = [
        select(func.count(distinct(users.c[0]))).scalar_subquery()
        for users in (overview_users(sl, name).subquery() for name in OVERVIEW)
    ]
    with store.db() as db:
        return dict(zip(OVERVIEW, db.execute(select(*counts)).one(), strict=True))
