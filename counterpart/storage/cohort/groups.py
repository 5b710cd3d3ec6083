"""The trainees, and the sessions, that a figure of the dashboard counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, false, select
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import week_of
from counterpart.storage.cohort.exams import exam_attempts
from counterpart.storage.cohort.headcounts import OVERVIEW, overview_users
from counterpart.storage.cohort.scope import CohortSlice, TrackSpan, slice_sessions, slice_trainees
from counterpart.storage.cohort.time_to_certify import first_certified
from counterpart.storage.cohort.track_funnel import progress, reached, steps
from counterpart.storage.tables import ExamAttemptRow, SessionScoreRow, UserRow

S, U = SessionScoreRow, UserRow


@dataclass(frozen=True)
class Group:
    """Whose numbers: `kind` names a figure of the dashboard, `key` picks its row or cell.

    kinds: trainees | in_progress | certified | needs_refresh | stuck (key ()),
    funnel (curriculum, track, step), lesson (curriculum, lesson), persona (persona,),
    team (team id or None,), week ("YYYY-MM-DD",), exam (curriculum, track), issued
    (curriculum, track: first certified in range), trainee (user id,). A table row may also
    link to session (session id,), which names a transcript rather than trainees."""

    kind: str
    key: tuple = ()


def _track(sl: CohortSlice, curriculum_id: str, track_id: str) -> TrackSpan | None:
    return next(
        (t for t in sl.tracks if (t.curriculum_id, t.track_id) == (curriculum_id, track_id)),
        None,
    )


def _nobody() -> Select:
    return select(U.id).where(false())


def group_users(dialect: str, sl: CohortSlice, group: Group) -> Select:
    kind, key = group.kind, group.key
    if kind in OVERVIEW:
        return overview_users(sl, kind)
    if kind in ("funnel", "issued"):
        track = _track(sl, key[0], key[1])
        if track is None:
            return _nobody()
        if kind == "issued":
            return first_certified(sl, track.certificate_id)
        track_steps = steps(track)
        if not 0 <= key[2] < len(track_steps):
            return _nobody()
        rows = progress(sl, track)
        return select(rows.c.user_id).where(reached(track, rows, *track_steps[key[2]]))
    if kind == "exam":
        A = ExamAttemptRow
        return select(A.user_id).where(
            *exam_attempts(sl), A.curriculum_id == key[0], A.track_id == key[1]
        )
    if kind == "trainee":
        return slice_trainees(sl).where(U.id == key[0])
    return select(S.user_id).where(*group_sessions(dialect, sl, group))


def group_sessions(dialect: str, sl: CohortSlice, group: Group) -> list:
    """Conditions picking the sessions whose numbers a figure's trainees are shown with."""
    kind, key = group.kind, group.key
    if kind == "lesson":
        return [*slice_sessions(sl), S.curriculum_id == key[0], S.lesson_id == key[1]]
    if kind == "persona":
        return [*slice_sessions(sl), S.persona_id == key[0]]
    if kind == "team":
        u = aliased(U)
        team = u.team_id.is_(None) if key[0] is None else u.team_id == key[0]
        return [*slice_sessions(sl, u=u), team]
    if kind == "week":
        return [*slice_sessions(sl), week_of(dialect, S.ended_at) == key[0]]
    if kind in ("funnel", "issued", "exam"):
        return [
            *slice_sessions(sl, practice=False, dated=False),
            S.curriculum_id == key[0],
            S.track_id == key[1],
        ]
    return slice_sessions(sl, practice=False)
