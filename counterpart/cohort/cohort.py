"""A realistic cohort for a first run: teams of automated trainees of every skill, played through
the curricula with the real session loop, graders and exam service over simulated weeks, so the
dashboards, transcripts and certificates have something true to show.

The cohort's accounts cannot sign in (they have no password; an admin can set one). The same
seed and start give the same cohort. A database that already holds the cohort's teams or
accounts is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from counterpart.accounts import username_problem
from counterpart.cohort.chat import ChatPlayer
from counterpart.cohort.clock import SimulatedClock
from counterpart.cohort.journey import Journey, Outcome, Profile
from counterpart.cohort.phrasebook import PhrasebookBuilder
from counterpart.cohort.roster import roster
from counterpart.cohort.voice import Voices
from counterpart.exams import ExamService
from counterpart.session_loop import SessionLoop
from counterpart.storage.store import Store
from curricula.library import Library

# Sized to finish well inside a minute on two cores: a trainee's weeks are some 25-170 real,
# graded turns at about 20 ms each (session loop and storage), after a one-off warm-up of the
# graders' phrase patterns of 10-15 s.
DEFAULT_TRAINEES = 12
DEFAULT_TEAMS = ("Team North", "Team South", "Team East")
DEFAULT_CURRICULA = ("onboarding-en", "onboarding-zh")
DEFAULT_WEEKS = 6
# Not an argon2 hash, so no password matches it: cohort accounts are for looking at.
NO_PASSWORD = "!cohort-no-password"


class CohortExists(Exception):
    """Raised when the database already holds a team or an account of the cohort."""


@dataclass(frozen=True)
class TraineeResult:
    username: str
    team: str
    curriculum_id: str
    skill: float
    state: str  # certified | in_progress | stuck
    sessions: int
    replies: int
    exam_attempts: int
    exercises: int
    certificates: tuple[str, ...]


@dataclass(frozen=True)
class CohortSummary:
    trainees: int
    teams: tuple[str, ...]
    sessions: int
    turns: int  # trainee replies, each graded
    certificates: int
    exam_attempts: int
    exercises: int
    states: dict[str, int]  # certified / in_progress / stuck -> trainees
    start: dt.datetime
    end: dt.datetime
    results: tuple[TraineeResult, ...] = field(default_factory=tuple)


def has_cohort(store: Store, teams: tuple[str, ...] = DEFAULT_TEAMS) -> bool:
    """Whether any of the cohort's teams is already in the database."""
    return bool({t.name for t in store.teams()} & set(teams))


def _refuse_existing(store: Store, teams: tuple[str, ...], profiles: list[Profile]) -> None:
    taken_teams = sorted({t.name for t in store.teams()} & set(teams))
    taken_users = sorted({u.username for u in store.users()} & {p.username for p in profiles})
    if taken_teams or taken_users:
        named = ", ".join([*(f"team {t!r}" for t in taken_teams), *taken_users[:5]])
        raise CohortExists(f"a cohort is already in this database ({named}); nothing was added")


def generate_cohort(
    store: Store,
    library: Library,
    *,
    trainees: int = DEFAULT_TRAINEES,
    teams: tuple[str, ...] = DEFAULT_TEAMS,
    curricula: tuple[str, ...] = DEFAULT_CURRICULA,
    seed: int = 0,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CohortSummary:
    """Create the teams and `trainees` automated trainees (spread over the teams, each team
    taking one of `curricula` in turn) and play them from `start` (default: six weeks before
    `end`, which defaults to now) to `end`. Calls `progress(done, total)` after each trainee.
    Raises CohortExists, before writing anything, when a team or account is already there,
    and ValueError for an unknown curriculum or a bad size."""
    end = end or dt.datetime.now(dt.UTC).replace(microsecond=0)
    start = start or end - dt.timedelta(weeks=DEFAULT_WEEKS)
    if trainees < 1 or not teams:
        raise ValueError("a cohort needs at least one trainee and one team")
    if start.tzinfo is None or end.tzinfo is None or start >= end:
        raise ValueError("start and end must be timezone-aware, start before end")
    missing = [c for c in curricula if c not in library.curricula]
    if missing or not curricula:
        raise ValueError(f"unknown curricula: {', '.join(missing) or 'none given'}")
    profiles = roster(library, trainees, teams, curricula, seed, start, end)
    problems = [problem for p in profiles if (problem := username_problem(p.username))]
    if problems:
        raise ValueError("; ".join(problems))
    _refuse_existing(store, teams, profiles)

    team_ids = {name: store.add_team(name).id for name in teams}
    clock = SimulatedClock(start)
    loop = SessionLoop(store, library, gateway=None, clock=clock)
    player = ChatPlayer(loop, clock, PhrasebookBuilder(Voices(library)))
    journey = Journey(player, ExamService(loop, clock=clock), clock)
    results = []
    for done, profile in enumerate(profiles, start=1):
        user = store.add_user(profile.username, profile.display_name, "trainee", NO_PASSWORD)
        store.set_team(user.id, team_ids[profile.team])
        results.append(_result(profile, journey.run(profile, user, end)))
        if progress is not None:
            progress(done, len(profiles))
    return CohortSummary(
        trainees=len(results),
        teams=tuple(teams),
        sessions=sum(r.sessions for r in results),
        turns=sum(r.replies for r in results),
        certificates=sum(len(r.certificates) for r in results),
        exam_attempts=sum(r.exam_attempts for r in results),
        exercises=sum(r.exercises for r in results),
        states=dict(Counter(r.state for r in results)),
        start=start,
        end=end,
        results=tuple(results),
    )


def _result(profile: Profile, outcome: Outcome) -> TraineeResult:
    return TraineeResult(
        username=profile.username,
        team=profile.team,
        curriculum_id=profile.curriculum_id,
        skill=profile.skill,
        state=outcome.state,
        sessions=outcome.sessions,
        replies=outcome.replies,
        exam_attempts=outcome.exam_attempts,
        exercises=outcome.exercises,
        certificates=tuple(outcome.certificates),
    )
