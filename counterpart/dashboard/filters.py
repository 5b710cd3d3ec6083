"""What a dashboard shows: the viewer's teams narrowed by the filters (team, curriculum and
track, date range on session end), as the slice of the cohort that storage counts over."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from counterpart.refresh import review
from counterpart.storage.cohort import (
    CertificateKind,
    CohortSlice,
    TrackSpan,
    certificate_kinds,
)
from counterpart.storage.records import Team, User
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible, visible_teams
from curricula.certificates import Certificate
from curricula.library import Library


class UnknownTrack(LookupError):
    """Raised when the filters name a curriculum or track that the library does not have."""


@dataclass(frozen=True)
class Filters:
    team_id: int | None = None  # None: every team the viewer may see
    curriculum_id: str | None = None  # None: every curriculum
    track_id: str | None = None  # None: every track (of the curriculum, when one is given)
    start: dt.date | None = None  # sessions ended on or after this day (UTC)
    end: dt.date | None = None  # ...and on or before this day

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("the date range ends before it starts")


# The page opens on the last quarter: recent enough to act on, long enough for trends.
DEFAULT_DAYS = 90


def default_filters(now: dt.datetime) -> Filters:
    """What the page shows first: every team and track, sessions of the last DEFAULT_DAYS."""
    today = now.astimezone(dt.UTC).date()
    return Filters(start=today - dt.timedelta(days=DEFAULT_DAYS - 1), end=today)


def scope(store: Store, viewer: User, filters: Filters) -> frozenset[int] | None:
    """The team ids in view (None: every team, and trainees in none). A team filter outside
    what the viewer may see raises NotVisible; it never widens the view. Trainees and trainers
    get NotVisible."""
    teams = visible_teams(store, viewer)
    if filters.team_id is None:
        return teams
    if teams is not None and filters.team_id not in teams:
        raise NotVisible("this team is not one you may see")
    return frozenset({filters.team_id})


def teams_in_view(store: Store, viewer: User) -> list[Team]:
    """The teams a viewer may pick in the team filter."""
    teams = visible_teams(store, viewer)
    return [t for t in store.teams() if teams is None or t.id in teams]


def track_spans(library: Library, filters: Filters) -> tuple[TrackSpan, ...]:
    spans = tuple(
        TrackSpan(
            curriculum.id,
            track.id,
            track.certificate.id if track.certificate else None,
            tuple(tuple(activity.id for activity in module.lessons) for module in track.modules),
            track.exam is not None,
        )
        for curriculum in library.curricula.values()
        if filters.curriculum_id in (None, curriculum.id)
        for track in curriculum.tracks
        if filters.track_id in (None, track.id)
    )
    if not spans and (filters.curriculum_id or filters.track_id):
        raise UnknownTrack(f"no track {filters.curriculum_id}/{filters.track_id}")
    return spans


def stale_kinds(
    store: Store, library: Library, now: dt.datetime
) -> dict[CertificateKind, list[str]]:
    """The kinds of certificate held that need a refresh now, each with the policy sections
    that changed, by the same rules as a holder's own certificate page
    (counterpart.refresh.review), run once per kind."""
    stale = {}
    for kind in certificate_kinds(store):
        probe = Certificate(
            verification_id="",
            certificate_id=kind.certificate_id,
            holder="",
            level="agent",
            title="",
            issued_at=now,
            expires_at=now + dt.timedelta(days=1),  # expiry is the SQL's to judge
            policy_versions=json.loads(kind.versions),
            policy_sections=tuple(json.loads(kind.sections)),
            grader_version="",
        )
        status = review(probe, library, now).status
        if status.state == "needs_refresh":
            stale[kind] = list(status.changed_sections)
    return stale


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def cohort_slice(
    store: Store,
    library: Library,
    viewer: User,
    filters: Filters,
    now: dt.datetime,
    certificates: bool = False,
) -> CohortSlice:
    """The slice the viewer's filters pick; `certificates` also works out which certificates
    need a refresh (only the figures about certificates need it)."""
    teams = scope(store, viewer, filters)
    return CohortSlice(
        teams=teams,
        tracks=track_spans(library, filters),
        since=_midnight(filters.start) if filters.start else None,
        until=_midnight(filters.end + dt.timedelta(days=1)) if filters.end else None,
        now=now,
        stale=tuple(stale_kinds(store, library, now)) if certificates else (),
        whole_curricula=filters.track_id is None,
    )
