"""The slice of the cohort a dashboard counts over (teams, tracks, date range, now), and the
conditions that keep a query to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import utc
from counterpart.storage.tables import SessionScoreRow, UserRow

S, U = SessionScoreRow, UserRow


@dataclass(frozen=True)
class TrackSpan:
    curriculum_id: str
    track_id: str
    certificate_id: str | None
    modules: tuple[tuple[str, ...], ...]  # activity ids of each module, in unlock order
    has_exam: bool


@dataclass(frozen=True)
class CertificateKind:
    """Certificates that read alike to the refresh rules: same spec, same policy versions and
    sections (JSON text as stored)."""

    certificate_id: str
    versions: str
    sections: str


@dataclass(frozen=True)
class CohortSlice:
    teams: frozenset[int] | None  # None: every team, and trainees in none
    tracks: tuple[TrackSpan, ...]
    since: dt.datetime | None  # session end at or after (UTC)
    until: dt.datetime | None  # session end before (UTC)
    now: dt.datetime
    stale: tuple[CertificateKind, ...] = ()  # kinds whose policy sections changed since issue
    # Every track of the tracks' curricula is in view (no track filter): sessions are then
    # picked by curriculum alone, which the planners estimate far better than a list of pairs.
    whole_curricula: bool = False


def in_teams(sl: CohortSlice, u) -> list[ColumnElement[bool]]:
    """Conditions on a users table (or alias): trainees in the slice's teams."""
    conditions = [u.role == "trainee"]
    if sl.teams is not None:
        conditions.append(u.team_id.in_(sorted(sl.teams)))
    return conditions


def slice_trainees(sl: CohortSlice) -> Select:
    return select(U.id).where(*in_teams(sl, U))


def in_tracks(sl: CohortSlice, s=S) -> ColumnElement[bool]:
    if sl.whole_curricula:
        # A session of a lesson since removed from its curriculum has no track.
        curricula = sorted({t.curriculum_id for t in sl.tracks})
        return and_(s.curriculum_id.in_(curricula), s.track_id.is_not(None))
    if len(sl.tracks) == 1:
        (track,) = sl.tracks
        return and_(s.curriculum_id == track.curriculum_id, s.track_id == track.track_id)
    return or_(
        false(),
        *(and_(s.curriculum_id == t.curriculum_id, s.track_id == t.track_id) for t in sl.tracks),
    )


def in_range(sl: CohortSlice, column) -> list[ColumnElement[bool]]:
    conditions = []
    if sl.since is not None:
        conditions.append(column >= utc(sl.since))
    if sl.until is not None:
        conditions.append(column < utc(sl.until))
    return conditions


def slice_sessions(
    sl: CohortSlice, s=S, u=None, *, practice: bool = True, dated: bool = True
) -> list[ColumnElement[bool]]:
    """Conditions on session_scores `s`, joined to its trainee `u` (a users alias): trainees in
    the slice's teams, on its tracks, ended in its range; practice lessons only unless
    `practice` is False (exam scenarios too).

    A join rather than `user_id IN (trainees)`: SQLite would otherwise walk every trainee's
    rows through the user index even when most of the table is wanted."""
    u = u if u is not None else aliased(U)
    conditions = [u.id == s.user_id, *in_teams(sl, u), in_tracks(sl, s)]
    if practice:
        conditions.append(s.exam_attempt_id.is_(None))
    if dated:
        conditions += in_range(sl, s.ended_at)
    return conditions
