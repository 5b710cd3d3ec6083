"""The people behind a number: from a figure, row or cell to its trainees, and from a trainee
to their sessions; scoped like the figures themselves, whatever id a page or URL passes."""

from __future__ import annotations

import datetime as dt

from counterpart.dashboard.filters import Filters, cohort_slice, scope
from counterpart.dashboard.names import persona_name, session_lesson
from counterpart.dashboard.table import Table, score
from counterpart.storage import cohort as q
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible
from curricula.library import Library

KINDS = (*q.OVERVIEW, "funnel", "lesson", "persona", "team", "week", "exam", "issued", "trainee")


def trainees_behind(
    store: Store,
    library: Library,
    viewer: User,
    filters: Filters,
    now: dt.datetime,
    group: q.Group,
) -> Table:
    """The trainees a figure counts (a Group from a table's links), each with the sessions,
    passes, mean scores and last session among those the figure counts, by name.

    Only trainees in the teams the viewer may see are ever listed; a Group naming a team
    outside them raises NotVisible, and so does a viewer who may see no one's practice."""
    if group.kind not in KINDS:
        raise ValueError(f"no figure {group.kind!r}")
    sl = cohort_slice(store, library, viewer, filters, now, certificates=group.kind in q.OVERVIEW)
    if group.kind == "team" and sl.teams is not None and group.key[0] not in sl.teams:
        raise NotVisible("this team is not one you may see")
    lines = q.trainees(store, sl, group)
    return Table(
        "trainees",
        ("trainee", "team", "sessions", "passed", "empathy", "policy", "speed", "last_session"),
        tuple(
            (
                line.name,
                line.team,
                line.sessions,
                line.passed,
                score(line.empathy),
                score(line.policy),
                score(line.speed),
                line.last_session.date() if line.last_session else None,
            )
            for line in lines
        ),
        tuple(q.Group("trainee", (line.user_id,)) for line in lines),
    )


def check_trainee(store: Store, viewer: User, filters: Filters, user_id: int) -> None:
    """Raise NotVisible unless `user_id` is a trainee in the teams the viewer's filters show
    (an unknown id gets the same answer, so ids cannot be probed)."""
    found = q.trainee_team(store, user_id)
    teams = scope(store, viewer, filters)
    if found is None or found[0] != "trainee" or (teams is not None and found[1] not in teams):
        raise NotVisible("this trainee is not in a team you may see")


def trainee_sessions(
    store: Store,
    library: Library,
    viewer: User,
    filters: Filters,
    now: dt.datetime,
    user_id: int,
) -> Table:
    """A trainee's ended sessions on the tracks and in the date range in view, newest first,
    each linked to its transcript. Raises NotVisible for a trainee the viewer may not see."""
    check_trainee(store, viewer, filters, user_id)
    sl = cohort_slice(store, library, viewer, filters, now)
    found = q.sessions_of(store, sl, user_id)
    return Table(
        "sessions",
        (
            "ended",
            "lesson",
            "persona",
            "exam",
            "empathy",
            "policy",
            "speed",
            "resolution",
            "passed",
            "handling_minutes",
        ),
        tuple(
            (
                s.ended_at.strftime("%Y-%m-%d %H:%M"),
                session_lesson(library, s.curriculum_id, s.lesson_id),
                persona_name(library, s.persona_id),
                s.exam,
                s.empathy,
                s.policy,
                s.speed,
                s.resolution,
                s.passed,
                round(s.handling_seconds / 60, 1),
            )
            for s in found
        ),
        tuple(q.Group("session", (s.session_id,)) for s in found),
    )
