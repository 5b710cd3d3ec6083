"""Exam attempts of the trainees in view on the tracks in view, finished in range."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, distinct, false, func, or_, select

from counterpart.storage.cohort.dialects import count_if
from counterpart.storage.cohort.scope import CohortSlice, in_range, slice_trainees
from counterpart.storage.cohort.scores import ScoreGroup
from counterpart.storage.store import Store
from counterpart.storage.tables import ExamAttemptRow

A = ExamAttemptRow


def exam_attempts(sl: CohortSlice) -> list[ColumnElement[bool]]:
    return [
        A.user_id.in_(slice_trainees(sl)),
        or_(
            false(),
            *(
                and_(A.curriculum_id == t.curriculum_id, A.track_id == t.track_id)
                for t in sl.tracks
            ),
        ),
        A.finished_at.is_not(None),
        *in_range(sl, A.finished_at),
    ]


def exam_results(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Exam attempts finished in range, by (curriculum, track): attempts, trainees, passed
    attempts and trainees who passed (scores are None: they live in the sessions)."""
    query = (
        select(
            A.curriculum_id,
            A.track_id,
            func.count(),
            func.count(distinct(A.user_id)),
            count_if(A.passed.is_(True)),
            func.count(distinct(case((A.passed.is_(True), A.user_id)))),
        )
        .where(*exam_attempts(sl))
        .group_by(A.curriculum_id, A.track_id)
        .order_by(A.curriculum_id, A.track_id)
    )
    with store.db() as db:
        return [
            ScoreGroup((c, t), n, people, ok, people_ok, None, None, None, None)
            for c, t, n, people, ok, people_ok in db.execute(query).all()
        ]
