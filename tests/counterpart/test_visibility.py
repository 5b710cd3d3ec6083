import pytest

from counterpart.accounts import create_user
from counterpart.storage.store import Store, UnknownRecord
from counterpart.visibility import NotVisible, check_session, check_user, visible_teams


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'v.db'}")


@pytest.fixture
def people(store):
    north, south = store.add_team("north"), store.add_team("south")
    made = {}
    for name, role, team in [
        ("ana", "trainee", north),
        ("bo", "trainee", south),
        ("cy", "trainee", None),
        ("mia", "manager", None),
        ("quinn", "qa", None),
        ("ada", "admin", None),
        ("tom", "trainer", None),
    ]:
        user = create_user(store, name, "password1", role)
        if team:
            store.set_team(user.id, team.id)
        made[name] = store.user(user.id)
    store.add_team_manager(north.id, made["mia"].id)
    made["north"], made["south"] = north, south
    return made


def session_of(store, user):
    return store.create_session(
        user_id=user.id,
        curriculum_id="c",
        lesson_id="l",
        persona_id="p",
        policy_ref="x@1",
        engine="scripted",
        seed=1,
        customer_state={},
    )


def test_a_manager_sees_only_the_teams_they_manage(store, people):
    assert visible_teams(store, people["mia"]) == {people["north"].id}
    check_user(store, people["mia"], people["ana"].id)
    with pytest.raises(NotVisible):
        check_user(store, people["mia"], people["bo"].id)
    with pytest.raises(NotVisible):
        check_user(store, people["mia"], people["cy"].id)  # in no team
    check_session(store, people["mia"], session_of(store, people["ana"]))
    with pytest.raises(NotVisible):
        check_session(store, people["mia"], session_of(store, people["bo"]))


@pytest.mark.parametrize("role", ["quinn", "ada"])
def test_qa_leads_and_admins_see_every_team(store, people, role):
    assert visible_teams(store, people[role]) is None
    for trainee in ("ana", "bo", "cy"):
        check_session(store, people[role], session_of(store, people[trainee]))


@pytest.mark.parametrize("role", ["bo", "tom"])
def test_trainees_and_trainers_see_only_their_own_practice(store, people, role):
    with pytest.raises(NotVisible):
        visible_teams(store, people[role])
    with pytest.raises(NotVisible):
        check_session(store, people[role], session_of(store, people["ana"]))
    check_session(store, people["bo"], session_of(store, people["bo"]))


def test_an_unknown_session_is_reported_as_unknown(store, people):
    with pytest.raises(UnknownRecord):
        check_session(store, people["ada"], 999)
