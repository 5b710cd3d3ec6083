"""Where the cohort stands: the overview figures, the funnel through a track, pass rates, the
time it takes to certify and the certificates to act on. Definitions: counterpart/dashboard."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import defaultdict

from counterpart.dashboard.filters import Filters, cohort_slice, stale_kinds
from counterpart.dashboard.names import (
    certificate_title,
    exam_title,
    lesson_place,
    module_title,
    track_title,
)
from counterpart.dashboard.table import Table, rate
from counterpart.storage import cohort as q
from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.library import Library

ATTENTION = ("needs_refresh", "expired", "expiring")


def overview(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """One row per figure: trainees, in progress, certified, needs refresh, stuck."""
    sl = cohort_slice(store, library, viewer, filters, now, certificates=True)
    counts = q.overview(store, sl)
    return Table(
        "overview",
        ("figure", "trainees"),
        tuple((name, counts[name]) for name in q.OVERVIEW),
        tuple(q.Group(name) for name in q.OVERVIEW),
    )


def funnel(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per track in view, its steps: started, passed every module up to each, sat the exam,
    certified; with the share of those who started."""
    sl = cohort_slice(store, library, viewer, filters, now)
    steps = q.funnel(store, sl)
    started = {(s.curriculum_id, s.track_id): s.trainees for s in steps if s.kind == "started"}
    rows, links = [], []
    for s in steps:
        module = (
            module_title(library, s.curriculum_id, s.track_id, s.module)
            if s.module is not None
            else None
        )
        rows.append(
            (
                track_title(library, s.curriculum_id, s.track_id),
                s.step,
                s.kind,
                module,
                s.trainees,
                rate(s.trainees, started[(s.curriculum_id, s.track_id)]),
            )
        )
        links.append(q.Group("funnel", (s.curriculum_id, s.track_id, s.step)))
    return Table(
        "funnel",
        ("track", "step", "stage", "module", "trainees", "share_of_started"),
        tuple(rows),
        tuple(links),
    )


def pass_rates(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per lesson as taught, then per exam: sessions (attempts), trainees, the share that
    passed, and trainees who passed at least once."""
    sl = cohort_slice(store, library, viewer, filters, now)
    lessons = sorted(q.lesson_scores(store, sl), key=lambda g: lesson_place(library, *g.key).order)
    rows, links = [], []
    for g in lessons:
        place = lesson_place(library, *g.key)
        rows.append(
            (
                place.track,
                place.module,
                place.lesson,
                g.sessions,
                g.trainees,
                rate(g.passed, g.sessions),
                g.trainees_passed,
            )
        )
        links.append(q.Group("lesson", g.key))
    for g in q.exam_results(store, sl):
        rows.append(
            (
                track_title(library, *g.key),
                None,
                exam_title(library, *g.key),
                g.sessions,
                g.trainees,
                rate(g.passed, g.sessions),
                g.trainees_passed,
            )
        )
        links.append(q.Group("exam", g.key))
    return Table(
        "pass_rates",
        ("track", "module", "lesson", "sessions", "trainees", "pass_rate", "trainees_passed"),
        tuple(rows),
        tuple(links),
    )


def time_to_certify(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per track with a certificate: trainees first certified in range and the median, fastest
    and slowest days from their first session on the track to the certificate."""
    sl = cohort_slice(store, library, viewer, filters, now)
    days: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in q.times_to_certify(store, sl):
        span = (row.issued - row.started).total_seconds() / 86400
        days[(row.curriculum_id, row.track_id)].append(max(span, 0.0))
    rows, links = [], []
    for track in sl.tracks:
        found = days.get((track.curriculum_id, track.track_id))
        if not found:
            continue
        rows.append(
            (
                track_title(library, track.curriculum_id, track.track_id),
                certificate_title(library, track.certificate_id),
                len(found),
                round(statistics.median(found), 1),
                round(min(found), 1),
                round(max(found), 1),
            )
        )
        links.append(q.Group("issued", (track.curriculum_id, track.track_id)))
    return Table(
        "time_to_certify",
        ("track", "certificate", "certified", "median_days", "fastest_days", "slowest_days"),
        tuple(rows),
        tuple(links),
    )


def certificates(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Each trainee's latest certificate of a track in view that needs a refresh, has expired
    or expires within 30 days, soonest to expire first."""
    sl = cohort_slice(store, library, viewer, filters, now)
    stale = stale_kinds(store, library, now)
    sl = dataclasses.replace(sl, stale=tuple(stale))
    found = q.certificate_standings(store, sl, ATTENTION)
    return Table(
        "certificates",
        ("trainee", "team", "certificate", "state", "changed", "issued", "expires"),
        tuple(
            (
                c.name,
                c.team,
                certificate_title(library, c.certificate_id),
                c.state,
                ", ".join(stale.get(c.kind, [])) if c.state == "needs_refresh" else None,
                c.issued_at.date(),
                c.expires_at.date(),
            )
            for c in found
        ),
        tuple(q.Group("trainee", (c.user_id,)) for c in found),
    )
