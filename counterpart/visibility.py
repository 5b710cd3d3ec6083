"""Who may see whose practice: checked here, in the core, whatever page or URL asks.

Rights follow the account as it is in storage now. A page holds the User it was handed at
sign-in, and an admin may change that account's role or team, or take a manager off a team,
while it is signed in; so every check reads the acting account again (`live_account`) and
decides on that, never on the role or team of the object it was passed."""

from __future__ import annotations

from counterpart.storage.records import User
from counterpart.storage.store import Store, UnknownRecord

# Roles that see every team: QA leads review grades across the cohort; admins run accounts.
SEES_EVERY_TEAM = frozenset({"qa", "admin"})


class NotVisible(PermissionError):
    """Raised when a user asks for people or transcripts outside what their role may see, or
    acts as an account that no longer exists."""


def live_account(store: Store, user: User | None) -> User:
    """The acting account as storage has it now (role, team), read by id. Raises NotVisible
    when no one is signed in or the account no longer exists."""
    if user is None:
        raise NotVisible("no one is signed in")
    try:
        return store.user(user.id)
    except UnknownRecord as exc:
        raise NotVisible("this account no longer exists") from exc


def visible_teams(store: Store, viewer: User) -> frozenset[int] | None:
    """The team ids whose trainees the viewer may see: only accounts with the trainee role in
    those teams, never the managers, QA leads, admins or trainers placed there too. None means
    everyone (every team, and people in no team). Trainees and trainers see no one else's
    practice."""
    return _teams_of(store, live_account(store, viewer))


def _teams_of(store: Store, account: User) -> frozenset[int] | None:
    if account.role in SEES_EVERY_TEAM:
        return None
    if account.role == "manager":
        return store.managed_team_ids(account.id)
    raise NotVisible(f"a {account.role} does not see other people's practice")


def may_see_user(store: Store, viewer: User, user_id: int) -> bool:
    try:
        account = live_account(store, viewer)
        if account.id == user_id:
            return True
        teams = _teams_of(store, account)
    except NotVisible:
        return False
    if teams is None:
        return True
    seen = store.user(user_id)
    return seen.role == "trainee" and seen.team_id in teams


def check_user(store: Store, viewer: User, user_id: int) -> None:
    if not may_see_user(store, viewer, user_id):
        raise NotVisible("this trainee is not in a team you may see")


def check_session(store: Store, viewer: User, session_id: int) -> None:
    """Raise unless the viewer may read this session's transcript (their own, or a trainee's
    in a team they may see)."""
    if not may_see_user(store, viewer, store.session_owner(session_id)):
        raise NotVisible("this transcript belongs to a trainee you may not see")
