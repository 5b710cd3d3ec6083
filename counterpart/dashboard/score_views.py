"""How well the cohort does: score heatmaps by lesson and by team, weekly trends, and the
weakest lessons and personas. All from practice sessions that ended in the date range."""

from __future__ import annotations

import datetime as dt

from counterpart.dashboard.filters import Filters, cohort_slice
from counterpart.dashboard.names import lesson_place, persona_name
from counterpart.dashboard.table import Table, rate, score
from counterpart.storage import cohort as q
from counterpart.storage.records import User
from counterpart.storage.store import Store
from curricula.curriculum import PassMarks
from curricula.library import Library

DIMENSIONS = ("empathy", "policy", "speed", "resolution")
# Fewer sessions than this say more about luck than about the lesson.
WEAKEST_MIN_SESSIONS = 5
WEAKEST_SHOWN = 10


def lesson_heatmap(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per lesson as taught: sessions and the mean score of each dimension."""
    sl = cohort_slice(store, library, viewer, filters, now)
    groups = sorted(q.lesson_scores(store, sl), key=lambda g: lesson_place(library, *g.key).order)
    rows = []
    for g in groups:
        place = lesson_place(library, *g.key)
        rows.append((place.track, place.module, place.lesson, g.sessions, *_means(g)))
    return Table(
        "lesson_heatmap",
        ("track", "module", "lesson", "sessions", *DIMENSIONS),
        tuple(rows),
        tuple(q.Group("lesson", g.key) for g in groups),
    )


def team_heatmap(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per team in view (and trainees in no team, for those who see them): trainees who
    practised, sessions, pass rate and the mean score of each dimension."""
    sl = cohort_slice(store, library, viewer, filters, now)
    names = {t.id: t.name for t in store.teams()}
    groups = sorted(q.team_scores(store, sl), key=lambda g: (names.get(g.key[0]) or "", g.key))
    rows = [
        (names.get(g.key[0]), g.trainees, g.sessions, rate(g.passed, g.sessions), *_means(g))
        for g in groups
    ]
    return Table(
        "team_heatmap",
        ("team", "trainees", "sessions", "pass_rate", *DIMENSIONS),
        tuple(rows),
        tuple(q.Group("team", g.key) for g in groups),
    )


def trends(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """Per week (Monday, UTC) with sessions or certificates: sessions, trainees who practised,
    pass rate, mean scores and certificates issued."""
    sl = cohort_slice(store, library, viewer, filters, now)
    weeks = {g.key[0]: g for g in q.week_scores(store, sl)}
    issued = q.weekly_certificates(store, sl)
    rows = []
    for week in sorted(weeks.keys() | issued.keys()):
        g = weeks.get(week)
        if g is None:
            rows.append((week, 0, 0, None, None, None, None, None, issued.get(week, 0)))
            continue
        means = _means(g)
        rows.append(
            (week, g.sessions, g.trainees, rate(g.passed, g.sessions), *means, issued.get(week, 0))
        )
    return Table(
        "trends",
        ("week", "sessions", "trainees", "pass_rate", *DIMENSIONS, "certificates"),
        tuple(rows),
        tuple(q.Group("week", (row[0],)) for row in rows),
    )


def weakest_lessons(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """The lessons with the lowest pass rate (then the largest shortfall against their pass
    marks), among those with at least WEAKEST_MIN_SESSIONS sessions in range."""
    sl = cohort_slice(store, library, viewer, filters, now)
    ranked = []
    for g in q.lesson_scores(store, sl):
        if g.sessions < WEAKEST_MIN_SESSIONS:
            continue
        place = lesson_place(library, *g.key)
        weakest, margin = _weakest(g, place.pass_marks)
        ranked.append(((rate(g.passed, g.sessions), margin), place, weakest, g))
    ranked.sort(key=lambda item: item[0])
    ranked = ranked[:WEAKEST_SHOWN]
    return Table(
        "weakest_lessons",
        ("track", "lesson", "sessions", "pass_rate", "weakest_dimension", *DIMENSIONS),
        tuple(
            (place.track, place.lesson, g.sessions, rate(g.passed, g.sessions), weakest, *_means(g))
            for _, place, weakest, g in ranked
        ),
        tuple(q.Group("lesson", g.key) for *_, g in ranked),
    )


def weakest_personas(
    store: Store, library: Library, viewer: User, filters: Filters, now: dt.datetime
) -> Table:
    """The customers (personas) trainees fail most often, by the same ranking as lessons,
    against the default pass marks (a persona appears in lessons with different marks)."""
    sl = cohort_slice(store, library, viewer, filters, now)
    ranked = []
    for g in q.persona_scores(store, sl):
        if g.sessions < WEAKEST_MIN_SESSIONS:
            continue
        weakest, margin = _weakest(g, PassMarks())
        ranked.append(((rate(g.passed, g.sessions), margin), weakest, g))
    ranked.sort(key=lambda item: item[0])
    ranked = ranked[:WEAKEST_SHOWN]
    return Table(
        "weakest_personas",
        ("persona", "sessions", "trainees", "pass_rate", "weakest_dimension", *DIMENSIONS),
        tuple(
            (
                persona_name(library, g.key[0]),
                g.sessions,
                g.trainees,
                rate(g.passed, g.sessions),
                weakest,
                *_means(g),
            )
            for _, weakest, g in ranked
        ),
        tuple(q.Group("persona", g.key) for *_, g in ranked),
    )


def _means(g: q.ScoreGroup) -> tuple[float | None, ...]:
    return tuple(score(getattr(g, d)) for d in DIMENSIONS)


def _weakest(g: q.ScoreGroup, marks: PassMarks) -> tuple[str | None, float]:
    """The dimension furthest below (or least above) its pass mark, and by how much."""
    margins = {
        d: getattr(g, d) - getattr(marks, d)
        for d in ("empathy", "policy", "speed")
        if getattr(g, d) is not None
    }
    if not margins:
        return None, 0.0
    weakest = min(margins, key=margins.get)
    return weakest, round(margins[weakest], 1)
