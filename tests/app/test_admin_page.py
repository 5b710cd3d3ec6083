"""The admin page, run headless with AppTest against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from counterpart import accounts
from counterpart.accounts import NotAdmin, authenticate, create_user
from counterpart.storage.store import Store
from counterpart.teams import create_team

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "admin.py")
TYPED = "<b>html</b> **md** _it_"


@pytest.fixture
def store(tmp_path, monkeypatch):
    # Still argon2, cheaper: the page tests make several accounts.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    st.cache_resource.clear()
    store = Store(url)
    create_user(store, "root", "password-1", "admin", "Root Admin")
    create_user(store, "mia", "password-1", "manager", "Mia Manager")
    create_user(store, "tina", "password-1", "trainee", TYPED)
    yield store
    st.cache_resource.clear()


def page_as(store: Store, username: str | None) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=60)
    if username:
        app.session_state["user"] = store.user_with_hash(username)[0]
    return app.run()


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def rendered(app: AppTest) -> str:
    """Everything shown as Markdown (where markup would take effect)."""
    elements = (*app.markdown, *app.caption, *app.success, *app.error, *app.info, *app.warning)
    return "\n".join(str(e.value) for e in elements)


def people_table(app: AppTest):
    return app.dataframe[0].value


@pytest.mark.parametrize("username", ["mia", "tina", None])
def test_no_one_but_an_admin_gets_the_page_actions(store, username):
    app = page_as(store, username)
    assert not app.exception
    assert [e.value for e in app.error] == ["Only an admin may manage accounts and teams."]
    assert not app.button and not app.text_input and not app.file_uploader
    assert not app.dataframe
    if username:
        with pytest.raises(NotAdmin):
            create_team(store, store.user_with_hash(username)[0], "Sneaky")
    assert store.teams() == []


def test_the_people_table_shows_display_names_as_typed(store):
    app = page_as(store, "root")
    assert not app.exception
    table = people_table(app)
    assert list(table.columns) == ["Username", "Display name", "Role", "Team", "Manages"]
    assert TYPED in table["Display name"].tolist()
    assert "**md**" not in rendered(app) and "<b>" not in rendered(app)


def test_an_admin_creates_a_team_and_adds_a_person_to_it(store):
    app = page_as(store, "root")
    app.text_input(key="admin_team_name").input("Night Shift")
    button(app, "Create").click().run()
    assert not app.exception
    assert "Team Night Shift created." in rendered(app)
    assert [t.name for t in store.teams()] == ["Night Shift"]

    app.text_input(key="admin_new_username").input("New.Person")
    app.text_input(key="admin_new_display_name").input(TYPED + " 2")
    app.selectbox(key="admin_new_role").select("qa")
    app.selectbox(key="admin_new_team").select(store.teams()[0].id)
    app.text_input(key="admin_new_password").input("a-good-password")
    button(app, "Add").click().run()
    assert not app.exception
    assert "Created new.person (QA lead)." in rendered(app)
    made = authenticate(store, "new.person", "a-good-password")
    assert (made.role, made.team_id, made.display_name) == (
        "qa",
        store.teams()[0].id,
        TYPED + " 2",
    )
    table = people_table(app)
    row = table[table["Username"] == "new.person"].iloc[0]
    assert (row["Display name"], row["Team"]) == (TYPED + " 2", "Night Shift")
    assert "**md**" not in rendered(app)


def test_a_person_without_a_password_gets_a_temporary_one_shown_once(store):
    app = page_as(store, "root")
    app.text_input(key="admin_new_username").input("temp")
    app.text_input(key="admin_new_password").input("")
    button(app, "Add").click().run()
    shown = app.dataframe[0].value  # the temporary passwords, above the people
    password = shown.iloc[0]["Temporary password"]
    assert shown.iloc[0]["Username"] == "temp"
    assert authenticate(store, "temp", password) is not None
    app.run()
    assert all("Temporary password" not in d.value.columns for d in app.dataframe)


def test_a_refused_change_says_why_and_changes_nothing(store):
    app = page_as(store, "root")
    app.text_input(key="admin_team_name").input("<b>x</b>")
    button(app, "Create").click().run()
    assert not app.exception
    assert len(app.error) == 1 and "not a team name" in app.error[0].value
    assert "<b>x</b>" not in app.error[0].value  # escaped, shown as typed
    assert store.teams() == []


def test_role_and_team_of_a_person_and_the_last_admin(store):
    team = create_team(store, accounts.COMMAND_LINE, "North")
    app = page_as(store, "root")
    tina = store.user_with_hash("tina")[0]
    app.selectbox(key="admin_person").select(tina.id)
    app.run()
    app.selectbox(key=f"admin_role_{tina.id}").select("trainer")
    app.selectbox(key=f"admin_team_{tina.id}").select(team.id)
    button(app, "Save").click().run()
    assert not app.exception
    assert (store.user(tina.id).role, store.user(tina.id).team_id) == ("trainer", team.id)

    root = store.user_with_hash("root")[0]
    app.selectbox(key="admin_person").select(root.id)
    app.run()
    app.selectbox(key=f"admin_role_{root.id}").select("trainee")
    next(b for b in app.button if b.key == "admin_save_person").click().run()
    assert "last admin" in app.error[0].value
    assert store.user(root.id).role == "admin"


def test_an_admin_chooses_the_managers_of_a_team(store):
    team = create_team(store, accounts.COMMAND_LINE, "North")
    mia = store.user_with_hash("mia")[0]
    app = page_as(store, "root")
    assert app.multiselect(key=f"admin_managers_{team.id}").options == ["mia"]
    app.multiselect(key=f"admin_managers_{team.id}").select(mia.id)
    next(b for b in app.button if b.key == "admin_save_managers").click().run()
    assert not app.exception
    assert store.managed_team_ids(mia.id) == {team.id}
    table = people_table(app)
    assert table[table["Username"] == "mia"].iloc[0]["Manages"] == "North"


def test_a_csv_with_problems_is_previewed_and_nothing_is_imported(store):
    app = page_as(store, "root")
    data = (
        b"username,display_name,role,team,password\n"
        b"good.one,Good,trainee,,good-password\n"
        b"tina,Dup,trainee,,good-password\n"
        b"bad,Bad,overlord,Nowhere,\n"
    )
    app.file_uploader[0].set_value(("people.csv", data, "text/csv"))
    app.run()
    assert not app.exception
    assert "3 problem(s) in the file" in app.error[0].value
    assert app.code[0].value.splitlines() == [
        "people.csv:3: username: 'tina' is taken (the account exists)",
        "people.csv:4: role: 'overlord' is not a role: expected one of trainee, trainer, "
        "manager, qa, admin",
        "people.csv:4: team: no team named 'Nowhere'; create it first, or let the import create "
        "teams (--create-teams)",
    ]
    assert not [b for b in app.button if b.label.startswith("Import")]
    assert store.user_with_hash("good.one") is None


def test_a_good_csv_is_imported_with_temporary_passwords_shown_once(store):
    app = page_as(store, "root")
    data = (
        "username,display_name,role,team,password\n"
        f'ana,"{TYPED}",trainee,Night Shift,good-password\n'
        "bo,Bo,manager,,\n"
    ).encode()
    app.checkbox(key="admin_create_teams").check()
    app.file_uploader[0].set_value(("people.csv", data, "text/csv"))
    app.run()
    preview = app.dataframe[1].value
    assert preview["Display name"].tolist() == [TYPED, "Bo"]
    assert preview["Password"].tolist() == ["given", "temporary"]
    assert "new teams: Night Shift" in rendered(app)
    button(app, "Import 2 people").click().run()
    assert not app.exception
    assert "Imported 2 people." in rendered(app)
    shown = app.dataframe[0].value
    assert shown["Username"].tolist() == ["bo"]
    assert authenticate(store, "bo", shown.iloc[0]["Temporary password"]).role == "manager"
    assert authenticate(store, "ana", "good-password").display_name == TYPED
    assert [t.name for t in store.teams()] == ["Night Shift"]
    assert "**md**" not in rendered(app)
    # The uploader is emptied, so the file is not offered for import again.
    assert app.file_uploader[0].value is None
