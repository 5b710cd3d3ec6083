"""Who may see whose practice: checked here, in the core, whatever page or URL asks."""

from __future__ import annotations

from counterpart.storage.records import User
from counterpart.storage.store import Store

# Roles that see every team: QA leads review grades across the cohort; admins run accounts.
SEES_EVERY_TEAM = frozenset({"qa", "admin"})


class NotVisible(PermissionError):
    """Raised when a user asks for people or transcripts outside what their role may see."""


def visible_teams(store: Store, viewer: User) -> frozenset[int] | None:
    """The team ids whose trainees the viewer may see; None means every team (and trainees
    in no team). Trainees and trainers see no one else's practice."""
    if viewer.role in SEES_EVERY_TEAM:
        return None
    if viewer.role == "manager":
        return store.managed_team_ids(viewer.id)
    raise NotVisible(f"a {viewer.role} does not see other people's practice")


def may_see_user(store: Store, viewer: User, user_id: int) -> bool:
    if viewer.id == user_id:
        return True
    try:
        teams = visible_teams(store, viewer)
    except NotVisible:
        return False
    return teams is None or store.user(user_id).team_id in teams


def check_user(store: Store, viewer: User, user_id: int) -> None:
    if not may_see_user(store, viewer, user_id):
        raise NotVisible("this trainee is not in a team you may see")


def check_session(store: Store, viewer: User, session_id: int) -> None:
    """Raise unless the viewer may read this session's transcript (their own, or a trainee's
    in a team they may see)."""
    if not may_see_user(store, viewer, store.session_owner(session_id)):
        raise NotVisible("this transcript belongs to a trainee you may not see")
