"""The funnel: of the trainees who started a track in range, how many passed every activity up
to each module, sat its exam and earned its certificate."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    DateTime,
    String,
    and_,
    exists,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import count_if, utc
from counterpart.storage.cohort.scope import CohortSlice, TrackSpan, in_teams, slice_trainees
from counterpart.storage.store import Store
from counterpart.storage.tables import (
    CertificateRow,
    ExamAttemptRow,
    ExerciseResultRow,
    SessionScoreRow,
    UserRow,
)

S, U, C = SessionScoreRow, UserRow, CertificateRow


@dataclass(frozen=True)
class FunnelStep:
    curriculum_id: str
    track_id: str
    step: int
    kind: str  # started | module | exam | certified
    module: int | None  # index of the module passed, for kind "module"
    trainees: int


def progress(sl: CohortSlice, track: TrackSpan):
    """One row per trainee who started the track in range (by their first session or QA
    exercise on it): how many activities of each module they have passed, ever.

    Each trainee's first start, and each (trainee, activity) passed, come from one pass over
    the track's rows in the order of the (track, user, lesson) index; stacked, they are added
    up per trainee with no join, which neither planner can misjudge."""
    E = ExerciseResultRow
    activities = [a for module in track.modules for a in module]
    on_track = [S.curriculum_id == track.curriculum_id, S.track_id == track.track_id]
    if sl.teams is not None:
        # A few teams: their trainees' rows are found through the index, trainee by trainee.
        u = aliased(U)
        on_track += [u.id == S.user_id, *in_teams(sl, u)]
    exercises = [E.curriculum_id == track.curriculum_id, E.exercise_id.in_(activities)]
    nothing = literal(None, String)
    rows = union_all(
        select(S.user_id, func.min(S.started_at).label("first"), nothing.label("activity"))
        .where(*on_track)
        .group_by(S.user_id),
        select(S.user_id, literal(None, DateTime(timezone=True)), S.lesson_id)
        .where(*on_track, S.exam_attempt_id.is_(None), S.passed.is_(True))
        .distinct(),
        select(E.user_id, func.min(E.created_at), nothing).where(*exercises).group_by(E.user_id),
        select(E.user_id, literal(None, DateTime(timezone=True)), E.exercise_id)
        .where(*exercises, E.passed.is_(True))
        .distinct(),
    ).subquery("rows")
    modules = [
        count_if(rows.c.activity.in_(module)).label(f"m{i}")
        for i, module in enumerate(track.modules)
    ]
    query = (
        select(rows.c.user_id, *modules)
        .where(rows.c.user_id.in_(slice_trainees(sl)))
        .group_by(rows.c.user_id)
    )
    first = func.min(rows.c.first)
    # Without a start date, a trainee with a pass but no session (a QA exercise) still counts.
    query = query.having(first.is_not(None))
    if sl.since is not None:
        query = query.having(first >= utc(sl.since))
    if sl.until is not None:
        query = query.having(first < utc(sl.until))
    return query.subquery("progress")


def steps(track: TrackSpan) -> list[tuple[str, int | None]]:
    found: list[tuple[str, int | None]] = [("started", None)]
    found += [("module", i) for i in range(len(track.modules))]
    if track.has_exam:
        found.append(("exam", None))
    if track.certificate_id:
        found.append(("certified", None))
    return found


def reached(track: TrackSpan, progress, kind: str, module: int | None) -> ColumnElement[bool]:
    """Whether a row of `progress` (above) reached a step of the funnel."""
    if kind == "started":
        return literal(True)
    if kind == "module":
        return and_(*(progress.c[f"m{i}"] >= len(track.modules[i]) for i in range(module + 1)))
    if kind == "exam":
        return exists().where(
            ExamAttemptRow.user_id == progress.c.user_id,
            ExamAttemptRow.curriculum_id == track.curriculum_id,
            ExamAttemptRow.track_id == track.track_id,
        )
    return exists().where(C.user_id == progress.c.user_id, C.certificate_id == track.certificate_id)


def funnel(store: Store, sl: CohortSlice) -> list[FunnelStep]:
    """For each track in view: the trainees who started it in range, and how many of them
    passed every activity up to each module, sat its exam and earned its certificate."""
    found = []
    with store.db() as db:
        for track in sl.tracks:
            rows = progress(sl, track)
            track_steps = steps(track)
            counts = [
                func.coalesce(count_if(reached(track, rows, kind, module)), 0)
                for kind, module in track_steps
            ]
            values = db.execute(select(*counts).select_from(rows)).one()
            found += [
                FunnelStep(track.curriculum_id, track.track_id, i, kind, module, value)
                for i, ((kind, module), value) in enumerate(zip(track_steps, values, strict=True))
            ]
    return found
