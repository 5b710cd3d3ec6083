"""Demo accounts, so that a first run shows every role, and the demo cohort they look at."""

from __future__ import annotations

from collections.abc import Callable

from counterpart.accounts import create_user
from counterpart.cohort import (
    DEFAULT_TEAMS,
    DEFAULT_TRAINEES,
    CohortSummary,
    generate_cohort,
    has_cohort,
)
from counterpart.storage.store import Store
from curricula.library import Library

# Shown on the sign-in page in demo mode only.
DEMO_ACCOUNTS = (
    ("trainee", "practise-now", "trainee", "Demo Trainee"),
    ("trainer", "write-content", "trainer", "Demo Trainer"),
    ("manager", "watch-cohort", "manager", "Demo Manager"),
    ("qa", "review-grades", "qa", "Demo QA Lead"),
    ("admin", "manage-people", "admin", "Demo Admin"),
)
# The demo manager manages these cohort teams and not the others, so that a manager's
# restriction to their own teams is visible in the demo.
DEMO_MANAGED_TEAMS = DEFAULT_TEAMS[:2]


def seed_demo(store: Store) -> list[str]:
    """Create the demo accounts that do not exist yet; return the usernames created."""
    created = []
    for username, password, role, name in DEMO_ACCOUNTS:
        if store.user_with_hash(username) is None:
            create_user(store, username, password, role, name)
            created.append(username)
    return created


def manage_demo_teams(store: Store) -> None:
    """Give the demo manager the demo teams (those that exist), and put the demo trainee in the
    first of them, so the manager's dashboards include the demo trainee's own practice.
    Safe to repeat."""
    manager, trainee = store.user_with_hash("manager"), store.user_with_hash("trainee")
    teams = {team.name: team for team in store.teams()}
    managed = [teams[name] for name in DEMO_MANAGED_TEAMS if name in teams]
    if manager is not None:
        for team in managed:
            store.add_team_manager(team.id, manager[0].id)
    if trainee is not None and managed and trainee[0].team_id is None:
        store.set_team(trainee[0].id, managed[0].id)


def seed_demo_cohort(
    store: Store,
    library: Library,
    *,
    trainees: int = DEFAULT_TRAINEES,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> CohortSummary | None:
    """The demo accounts, then the demo cohort unless the database already has one (None is
    returned then), then the demo manager's teams."""
    seed_demo(store)
    summary = None
    if not has_cohort(store):
        summary = generate_cohort(store, library, trainees=trainees, seed=seed, progress=progress)
    manage_demo_teams(store)
    return summary
