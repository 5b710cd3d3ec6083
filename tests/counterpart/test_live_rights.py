"""Rights follow the account as it is in storage now, not the User kept at sign-in: a page
keeps the User object it was handed, so every core call that checks rights must read the
role and team again. Each test below passes the stale object after the change, as a page
would on the next click, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from counterpart.accounts import COMMAND_LINE, NotAdmin, change_role, create_user
from counterpart.calibration import calibration
from counterpart.content_folders import SHIPPED, ContentFolders, load_files
from counterpart.content_workspace import ContentWorkspace
from counterpart.dashboard.filters import Filters, teams_in_view
from counterpart.dashboard.people import trainee_sessions as dashboard_sessions
from counterpart.dashboard.people import trainees_behind
from counterpart.dashboard.views import VIEWS
from counterpart.reviews import may_overrule, overrule, review_queue, trainee_sessions, transcript
from counterpart.session_loop import SessionLoop
from counterpart.storage.cohort import Group
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.teams import create_team, set_team_managers
from counterpart.visibility import NotVisible, check_session, check_user, visible_teams
from curricula.library import load_library

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
EVERYTHING = Filters()
POOR = ["ok", "whatever"]


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def store(database_url):
    return Store(database_url)


@pytest.fixture
def people(store):
    north, south = store.add_team("north"), store.add_team("south")
    made = {"north": north, "south": south}
    for name, role, team in [
        ("ana", "trainee", north),
        ("bo", "trainee", south),
        ("mia", "manager", None),
        ("quinn", "qa", None),
        ("ada", "admin", None),
        ("al", "admin", None),
        ("tom", "trainer", None),
    ]:
        user = create_user(store, name, "password1", role, name.title())
        if team:
            store.set_team(user.id, team.id)
        made[name] = store.user(user.id)
    store.add_team_manager(north.id, made["mia"].id)
    return made


def played(store, library, user):
    """An ended session of `user`, with graded replies."""
    loop = SessionLoop(store, library)
    session = loop.start(user, "after-sales-basics", "late-refund")
    for text in POOR:
        loop.submit(user, session.id, text)
        "".join(loop.customer_reply(user, session.id))
        if store.session(session.id).status == "ended":
            break
    if store.session(session.id).status != "ended":
        loop.end(user, session.id)
    return store.session(session.id)


def first_reply(session):
    return next(t for t in session.turns if t.role == "trainee")


def demoted(store, user, role="trainee"):
    change_role(store, COMMAND_LINE, user.id, role)
    return user  # the object a page still holds: its role is the old one


def test_a_qa_lead_demoted_to_trainee_no_longer_reads_another_teams_transcript(
    store, library, people
):
    session = played(store, library, people["bo"])
    quinn = demoted(store, people["quinn"])
    with pytest.raises(NotVisible):
        check_session(store, quinn, session.id)
    with pytest.raises(NotVisible):
        transcript(store, library, quinn, session.id)
    with pytest.raises(NotVisible):
        check_user(store, quinn, people["bo"].id)
    with pytest.raises(NotVisible):
        trainee_sessions(store, library, quinn, people["bo"].id)


def test_a_qa_lead_demoted_to_trainee_no_longer_overrules_a_grade(store, library, people):
    session = played(store, library, people["bo"])
    reply = first_reply(session)
    quinn = demoted(store, people["quinn"])
    assert not may_overrule(store, quinn, session.id)
    with pytest.raises(PermissionError):
        overrule(store, library, quinn, reply.id, "empathy", 90, "kinder than graded")
    again = store.session(session.id)
    assert all(not t.overrides for t in again.turns)


def test_a_qa_lead_demoted_to_trainee_no_longer_opens_the_dashboard(store, library, people):
    played(store, library, people["bo"])
    quinn = demoted(store, people["quinn"])
    with pytest.raises(NotVisible):
        visible_teams(store, quinn)
    with pytest.raises(NotVisible):
        teams_in_view(store, quinn)
    for name, view in VIEWS.items():
        with pytest.raises(NotVisible):
            view(store, library, quinn, EVERYTHING, NOW)
            pytest.fail(f"{name} was shown")
    with pytest.raises(NotVisible):
        trainees_behind(store, library, quinn, EVERYTHING, NOW, Group("trainees", ()))
    with pytest.raises(NotVisible):
        dashboard_sessions(store, library, quinn, EVERYTHING, NOW, people["bo"].id)
    with pytest.raises(NotVisible):
        review_queue(store, library, quinn)
    with pytest.raises(NotVisible):
        calibration(store, library, quinn)


@pytest.fixture
def workspace(tmp_path, store):
    copies = {}
    for kind in ("persona", "policy", "curriculum"):
        copies[kind] = tmp_path / "content" / kind
        shutil.copytree(SHIPPED.of(kind), copies[kind])
    folders = ContentFolders(**copies)
    library = load_files([path for _, path in folders.files()])
    return ContentWorkspace(library, folders, store=store, clock=lambda: NOW)


def test_a_demoted_trainer_no_longer_saves_content(store, people, workspace):
    path = workspace.folders.persona / "rude-late-refund.yaml"
    before = path.read_text(encoding="utf-8")
    edited = before.replace("name:", "name: ", 1)
    assert edited != before
    tom = demoted(store, people["tom"])
    with pytest.raises(PermissionError):
        workspace.save(tom, "persona", path, edited, expected=before)
    with pytest.raises(PermissionError):
        workspace.create(tom, "persona", "another-one", before)
    assert path.read_text(encoding="utf-8") == before
    assert not (workspace.folders.persona / "another-one.yaml").exists()


def test_a_demoted_trainer_no_longer_publishes_a_policy_version(store, people, workspace):
    draft = workspace.draft_policy_version(
        "returns-refunds", workspace.suggested_version("returns-refunds", NOW.date()), NOW.date()
    )
    reviewed = workspace.publication_impact(people["tom"], "returns-refunds", draft)
    assert not reviewed.problems
    tom = demoted(store, people["tom"])
    with pytest.raises(PermissionError):
        workspace.publish_policy_version(tom, reviewed)
    assert not reviewed.path.exists()
    # Nor does the impact of a new version open to the account as it was at sign-in.
    with pytest.raises(PermissionError):
        workspace.publication_impact(tom, "returns-refunds", draft)


def test_a_manager_moved_off_a_team_no_longer_sees_it(store, library, people):
    session = played(store, library, people["ana"])
    mia = people["mia"]  # as signed in, managing north
    set_team_managers(store, COMMAND_LINE, people["north"].id, [])
    assert visible_teams(store, mia) == frozenset()
    with pytest.raises(NotVisible):
        check_session(store, mia, session.id)
    with pytest.raises(NotVisible):
        trainee_sessions(store, library, mia, people["ana"].id)
    with pytest.raises(NotVisible):
        VIEWS["overview"](store, library, mia, Filters(team_id=people["north"].id), NOW)
    assert teams_in_view(store, mia) == []
    assert review_queue(store, library, mia) == []


def test_a_manager_demoted_to_trainee_no_longer_sees_the_team(store, library, people):
    session = played(store, library, people["ana"])
    mia = demoted(store, people["mia"])
    with pytest.raises(NotVisible):
        check_session(store, mia, session.id)
    with pytest.raises(NotVisible):
        review_queue(store, library, mia)


def test_a_manager_moved_to_another_team_sees_the_new_one(store, library, people):
    north_session = played(store, library, people["ana"])
    south_session = played(store, library, people["bo"])
    mia = people["mia"]
    set_team_managers(store, COMMAND_LINE, people["north"].id, [])
    set_team_managers(store, COMMAND_LINE, people["south"].id, [mia.id])
    check_session(store, mia, south_session.id)
    with pytest.raises(NotVisible):
        check_session(store, mia, north_session.id)


def test_a_trainee_promoted_to_qa_reviews_at_once(store, library, people):
    session = played(store, library, people["bo"])
    ana = people["ana"]  # the object held since she signed in as a trainee
    change_role(store, COMMAND_LINE, ana.id, "qa")
    assert visible_teams(store, ana) is None
    assert transcript(store, library, ana, session.id).may_overrule


def test_a_demoted_admin_no_longer_changes_accounts_or_teams(store, people):
    ada = demoted(store, people["ada"], "manager")
    with pytest.raises(NotAdmin):
        create_team(store, ada, "west")
    with pytest.raises(NotAdmin):
        change_role(store, ada, people["bo"].id, "qa")
    assert store.user(people["bo"].id).role == "trainee"


GHOST = User(10_000, "ghost", "Ghost", "qa")


def test_an_account_that_no_longer_exists_has_no_rights(store, library, people, workspace):
    session = played(store, library, people["bo"])
    with pytest.raises(NotVisible):
        visible_teams(store, GHOST)
    with pytest.raises(NotVisible):
        transcript(store, library, GHOST, session.id)
    with pytest.raises(PermissionError):
        overrule(store, library, GHOST, first_reply(session).id, "empathy", 90, "kinder")
    with pytest.raises(NotVisible):
        VIEWS["overview"](store, library, GHOST, EVERYTHING, NOW)
    with pytest.raises(NotAdmin):
        create_team(store, User(10_001, "gone", "Gone", "admin"), "west")
    path = workspace.folders.persona / "rude-late-refund.yaml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(PermissionError):
        workspace.save(User(10_002, "gone", "Gone", "trainer"), "persona", path, text)
