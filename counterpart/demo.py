"""Demo accounts, so that a first run shows every role."""

from __future__ import annotations

from counterpart.accounts import create_user
from counterpart.storage.store import Store

# Shown on the sign-in page in demo mode only.
DEMO_ACCOUNTS = (
    ("trainee", "practise-now", "trainee", "Demo Trainee"),
    ("trainer", "write-content", "trainer", "Demo Trainer"),
    ("manager", "watch-cohort", "manager", "Demo Manager"),
)


def seed_demo(store: Store) -> list[str]:
    """Create the demo accounts that do not exist yet; return the usernames created."""
    created = []
    for username, password, role, name in DEMO_ACCOUNTS:
        if store.user_with_hash(username) is None:
            create_user(store, username, password, role, name)
            created.append(username)
    return created
