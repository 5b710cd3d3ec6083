"""How long trainees took from starting a track to its first certificate, for those first
certified in range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from counterpart.storage.cohort.dialects import as_moment, utc
from counterpart.storage.cohort.scope import CohortSlice, slice_trainees
from counterpart.storage.store import Store
from counterpart.storage.tables import CertificateRow, SessionScoreRow, UserRow

S, U, C = SessionScoreRow, UserRow, CertificateRow


@dataclass(frozen=True)
class TimeToCertify:
    curriculum_id: str
    track_id: str
    user_id: int
    started: dt.datetime  # first session on the track (the account's creation without one)
    issued: dt.datetime  # first certificate of the track


def first_certified(sl: CohortSlice, certificate_id: str | None) -> Select:
    """Trainees whose first certificate `certificate_id` was issued in range."""
    issued = func.min(C.issued_at)
    query = (
        select(C.user_id)
        .where(C.user_id.in_(slice_trainees(sl)), C.certificate_id == certificate_id)
        .group_by(C.user_id)
    )
    if sl.since is not None:
        query = query.having(issued >= utc(sl.since))
    if sl.until is not None:
        query = query.having(issued < utc(sl.until))
    return query


def times_to_certify(store: Store, sl: CohortSlice) -> list[TimeToCertify]:
    """For each trainee whose first certificate of a track in view was issued in range: when
    they started the track and when it was issued. One row per trainee and track."""
    rows = []
    with store.db() as db:
        for track in (t for t in sl.tracks if t.certificate_id):
            issued = (
                first_certified(sl, track.certificate_id)
                .add_columns(func.min(C.issued_at).label("issued"))
                .subquery("issued")
            )
            started = (
                select(S.user_id, func.min(S.started_at).label("started"))
                .join(issued, issued.c.user_id == S.user_id)
                .where(S.curriculum_id == track.curriculum_id, S.track_id == track.track_id)
                .group_by(S.user_id)
                .subquery("started")
            )
            query = (
                select(
                    issued.c.user_id,
                    func.coalesce(started.c.started, U.created_at),
                    issued.c.issued,
                )
                .join(U, U.id == issued.c.user_id)
                .outerjoin(started, started.c.user_id == issued.c.user_id)
            )
            rows += [
                TimeToCertify(
                    track.curriculum_id, track.track_id, user, as_moment(start), as_moment(end)
                )
                for user, start, end in db.execute(query).all()
            ]
    return rows
