"""A manager sees the trainees of the teams they manage, and no one else placed in those teams:
not a QA lead, an admin, a trainer or another manager who practise there too. On SQLite and on
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from counterpart.accounts import create_user
from counterpart.calibration import calibration
from counterpart.dashboard.filters import Filters
from counterpart.dashboard.people import trainee_sessions as dashboard_sessions
from counterpart.dashboard.people import trainees_behind
from counterpart.dashboard.views import VIEWS
from counterpart.reviews import overrule, review_queue, trainee_sessions, transcript
from counterpart.session_loop import SessionLoop
from counterpart.storage.cohort import Group
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible, check_session, check_user, may_see_user
from curricula.library import load_library

NOW = dt.datetime.now(dt.UTC)
POOR = ["ok", "whatever"]
# Everyone below is placed in north, which mia manages; only ana is a trainee.
NOT_TRAINEES = ("quinn", "ada", "tom", "max")


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def store(database_url):
    return Store(database_url)


@pytest.fixture
def people(store):
    north = store.add_team("north")
    made = {"north": north}
    for name, role in [
        ("ana", "trainee"),
        ("mia", "manager"),
        ("quinn", "qa"),
        ("ada", "admin"),
        ("tom", "trainer"),
        ("max", "manager"),
        ("rev", "qa"),  # the reviewer who overrules, in no team
    ]:
        user = create_user(store, name, "password1", role, name.title())
        if name != "rev":
            store.set_team(user.id, north.id)
        made[name] = store.user(user.id)
    store.add_team_manager(north.id, made["mia"].id)
    return made


@pytest.fixture
def sessions(store, library, people):
    """An ended, poorly graded session of everyone in north, each with an overruled grade."""
    loop = SessionLoop(store, library)
    made = {}
    for name in ("ana", *NOT_TRAINEES):
        user = people[name]
        session = loop.start(user, "after-sales-basics", "late-refund")
        for text in POOR:
            loop.submit(user, session.id, text)
            "".join(loop.customer_reply(user, session.id))
            if store.session(session.id).status == "ended":
                break
        if store.session(session.id).status != "ended":
            loop.end(user, session.id)
        reply = next(t for t in store.session(session.id).turns if t.role == "trainee")
        overrule(store, library, people["rev"], reply.id, "empathy", 95, "warmer than graded")
        made[name] = store.session(session.id)
    return made


def test_a_manager_sees_only_the_trainees_of_their_team(store, library, people, sessions):
    mia = people["mia"]
    check_user(store, mia, people["ana"].id)
    check_session(store, mia, sessions["ana"].id)
    for name in NOT_TRAINEES:
        assert not may_see_user(store, mia, people[name].id), name
        with pytest.raises(NotVisible):
            check_user(store, mia, people[name].id)
        with pytest.raises(NotVisible):
            check_session(store, mia, sessions[name].id)
        with pytest.raises(NotVisible):
            transcript(store, library, mia, sessions[name].id)
        with pytest.raises(NotVisible):
            trainee_sessions(store, library, mia, people[name].id)


def test_a_managers_review_queue_holds_only_trainees(store, library, people, sessions):
    # The overrides above took every session out of the queue; this one waits for a review.
    loop = SessionLoop(store, library)
    waiting = {}
    for name in ("ana", "quinn", "ada"):
        user = people[name]
        session = loop.start(user, "after-sales-basics", "late-refund")
        loop.submit(user, session.id, "ok")
        "".join(loop.customer_reply(user, session.id))
        loop.end(user, session.id)
        waiting[name] = session.id
    queued = review_queue(store, library, people["mia"])
    assert [line.session_id for line in queued] == [waiting["ana"]]
    everyone = {line.session_id for line in review_queue(store, library, people["rev"])}
    assert set(waiting.values()) <= everyone  # a QA lead still sees every team


def test_a_managers_calibration_counts_only_trainees(store, library, people, sessions):
    mine = calibration(store, library, people["mia"])
    assert mine.by_dimension["empathy"].count == 1  # ana's override alone
    every = calibration(store, library, people["rev"])
    assert every.by_dimension["empathy"].count == 1 + len(NOT_TRAINEES)


def test_a_managers_dashboard_counts_only_trainees(store, library, people, sessions):
    mia = people["mia"]
    behind = trainees_behind(store, library, mia, Filters(), NOW, Group("trainees", ()))
    assert [row[0] for row in behind.rows] == ["Ana"]
    assert VIEWS["overview"](store, library, mia, Filters(), NOW).rows
    for name in NOT_TRAINEES:
        with pytest.raises(NotVisible):
            dashboard_sessions(store, library, mia, Filters(), NOW, people[name].id)
