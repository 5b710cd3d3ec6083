"""Admin operations on accounts and teams: who may do them, the last admin, team managers."""

from __future__ import annotations

import threading

import pytest
from argon2 import PasswordHasher

from counterpart import accounts
from counterpart.accounts import (
    COMMAND_LINE,
    AccountError,
    NotAdmin,
    add_account,
    authenticate,
    change_role,
    create_user,
)
from counterpart.storage.store import Store
from counterpart.teams import (
    assign_team,
    create_team,
    roster,
    set_team_managers,
    team_named,
)
from counterpart.visibility import NotVisible, check_user, visible_teams


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    # Still argon2, cheaper: these tests make many accounts.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture
def store(database_url):
    return Store(database_url)


@pytest.fixture
def people(store):
    made = {role: create_user(store, role, "password-1", role) for role in accounts.ROLES}
    made["north"], made["south"] = store.add_team("North"), store.add_team("South")
    return made


def admin_actions(store, people, actor):
    """Every admin operation, each as a call that changes something."""
    trainee, manager, north = people["trainee"], people["manager"], people["north"]
    return {
        "roster": lambda: roster(store, actor),
        "add_account": lambda: add_account(store, actor, "new.one", "password-2", "trainee"),
        "change_role": lambda: change_role(store, actor, trainee.id, "trainer"),
        "assign_team": lambda: assign_team(store, actor, trainee.id, north.id),
        "set_team_managers": lambda: set_team_managers(store, actor, north.id, [manager.id]),
        "create_team": lambda: create_team(store, actor, "East"),
    }


@pytest.mark.parametrize("role", ["trainee", "trainer", "manager", "qa"])
def test_no_role_but_admin_may_change_accounts_or_teams(store, people, role):
    for name, action in admin_actions(store, people, people[role]).items():
        with pytest.raises(NotAdmin):
            action()
            pytest.fail(f"a {role} could {name}")
    assert {u.username for u in store.users()} == set(accounts.ROLES)
    assert store.user(people["trainee"].id) == people["trainee"]
    assert [t.name for t in store.teams()] == ["North", "South"]
    assert store.managed_team_ids(people["manager"].id) == frozenset()


def test_no_one_signed_in_may_do_any_of_it(store, people):
    for action in admin_actions(store, people, None).values():
        with pytest.raises(NotAdmin):
            action()


@pytest.mark.parametrize("actor", ["admin", "command line"])
def test_an_admin_and_the_command_line_may_do_everything(store, people, actor):
    who = people["admin"] if actor == "admin" else COMMAND_LINE
    for action in admin_actions(store, people, who).values():
        action()
    trainee = store.user(people["trainee"].id)
    assert (trainee.role, trainee.team_id) == ("trainer", people["north"].id)
    assert store.managed_team_ids(people["manager"].id) == {people["north"].id}
    assert team_named(store, "east") is not None
    assert authenticate(store, "new.one", "password-2").role == "trainee"


def test_an_admin_who_lost_the_role_loses_the_rights_at_once(store, people):
    second = create_user(store, "second-admin", "password-1", "admin")
    stale = people["admin"]  # what a signed-in page still holds
    change_role(store, second, stale.id, "trainee")
    with pytest.raises(NotAdmin):
        create_team(store, stale, "East")


def test_the_last_admin_keeps_the_role(store, people):
    admin = people["admin"]
    with pytest.raises(AccountError, match="last admin"):
        change_role(store, admin, admin.id, "manager")
    assert store.user(admin.id).role == "admin"
    other = create_user(store, "other-admin", "password-1", "admin")
    change_role(store, admin, admin.id, "manager")  # another admin remains
    with pytest.raises(AccountError, match="last admin"):
        change_role(store, other, other.id, "trainee")
    assert [u.username for u in store.users() if u.role == "admin"] == ["other-admin"]


def demote_when_both_are_ready(store, actor, user_id, start, outcomes):
    start.wait()
    try:
        change_role(store, actor, user_id, "trainee")
        outcomes.append("demoted")
    except (AccountError, NotAdmin) as exc:
        # NotAdmin: the other got in first and demoted this actor.
        outcomes.append(f"refused: {exc}")


def test_two_admins_demoting_each_other_at_once_leave_one_admin(store, people):
    # Without the lock the race is lost in most runs of ten trials, not in every trial.
    for trial in range(10):
        admins = [u for u in store.users() if u.role == "admin"]
        admins.append(create_user(store, f"admin-{trial}", "password-1", "admin"))
        first, second = admins
        start, outcomes = threading.Barrier(2), []
        threads = [
            threading.Thread(
                target=demote_when_both_are_ready, args=(store, a, b.id, start, outcomes)
            )
            for a, b in [(first, second), (second, first)]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes)[0] == "demoted" and outcomes.count("demoted") == 1, outcomes
        assert sum(u.role == "admin" for u in store.users()) == 1


def test_an_unknown_role_is_refused(store, people):
    with pytest.raises(AccountError, match="not a role"):
        change_role(store, people["admin"], people["trainee"].id, "overlord")


def test_team_managers_must_be_managers_and_are_replaced_as_a_set(store, people):
    admin, north = people["admin"], people["north"]
    with pytest.raises(AccountError, match="not managers: qa, trainee"):
        set_team_managers(store, admin, north.id, [people["trainee"].id, people["qa"].id])
    second = create_user(store, "mgr2", "password-1", "manager")
    set_team_managers(store, admin, north.id, [people["manager"].id, second.id])
    assert roster(store, admin).managers[north.id] == sorted([people["manager"].id, second.id])
    set_team_managers(store, admin, north.id, [second.id])
    assert roster(store, admin).managers[north.id] == [second.id]
    set_team_managers(store, admin, north.id, [])
    assert north.id not in roster(store, admin).managers


def test_a_manager_sees_only_the_teams_an_admin_gave_them(store, people):
    admin, manager = people["admin"], people["manager"]
    in_north = add_account(store, admin, "ana", "password-2", "trainee", "Ana", "north")
    in_south = add_account(store, admin, "bo", "password-2", "trainee", "Bo", "SOUTH")
    set_team_managers(store, admin, people["north"].id, [manager.id])
    assert visible_teams(store, manager) == {people["north"].id}
    check_user(store, manager, in_north.id)
    with pytest.raises(NotVisible):
        check_user(store, manager, in_south.id)


def test_a_manager_who_stops_being_one_stops_managing(store, people):
    admin, manager, north = people["admin"], people["manager"], people["north"]
    set_team_managers(store, admin, north.id, [manager.id])
    change_role(store, admin, manager.id, "trainer")
    change_role(store, admin, manager.id, "manager")
    # Promoted again, they do not silently get their old team back.
    assert store.managed_team_ids(manager.id) == frozenset()


@pytest.mark.parametrize(
    "name, problem",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 61, "longer than 60"),
        ("<b>Team</b>", "not a team name"),
        ("**Team**", "not a team name"),
        ("-dash first", "not a team name"),
        ("north", "exists already"),
        ("  NORTH ", "exists already"),
    ],
)
def test_team_names_follow_the_rules_and_are_unique_ignoring_case(store, people, name, problem):
    with pytest.raises(AccountError, match=problem):
        create_team(store, people["admin"], name)
    assert [t.name for t in store.teams()] == ["North", "South"]


def test_good_team_names_are_tidied(store, people):
    assert create_team(store, people["admin"], "  售后  一组 ").name == "售后 一组"
    assert create_team(store, people["admin"], "Returns & Refunds (EU)").id


def test_assign_team_checks_the_team_and_can_take_a_user_out(store, people):
    admin, trainee = people["admin"], people["trainee"]
    with pytest.raises(AccountError, match="no team"):
        assign_team(store, admin, trainee.id, 9999)
    assign_team(store, admin, trainee.id, people["south"].id)
    assert store.user(trainee.id).team_id == people["south"].id
    assign_team(store, admin, trainee.id, None)
    assert store.user(trainee.id).team_id is None


def test_add_account_refuses_taken_names_unknown_teams_and_bad_input(store, people):
    admin = people["admin"]
    with pytest.raises(AccountError, match="taken"):
        add_account(store, admin, "Trainee", "password-2", "trainee")
    with pytest.raises(AccountError, match="no team named"):
        add_account(store, admin, "zed", "password-2", "trainee", team="Atlantis")
    with pytest.raises(AccountError, match="password"):
        add_account(store, admin, "zed", "short", "trainee")
    with pytest.raises(AccountError, match="control character"):
        add_account(store, admin, "zed", "password-2", "trainee", "Zed\nEvil")
    assert "zed" not in {u.username for u in store.users()}
