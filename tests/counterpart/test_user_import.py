"""Bulk user import: every row checked first, problems named by file, line and column, and a
batch with any problem (or any failure while writing) imports no one."""

from __future__ import annotations

import codecs

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, func, select

from counterpart import accounts
from counterpart.accounts import COMMAND_LINE, AccountError, NotAdmin, authenticate, create_user
from counterpart.storage.store import Store
from counterpart.storage.tables import UserRow
from counterpart.user_import import carry_out, check_import

HEADER = "username,display_name,role,team,password\n"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    # Still argon2, with the cost turned down: the default costs a few tenths of a second per
    # user on a shared machine, and these tests make dozens.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    store.add_team("North")
    create_user(store, "taken", "password-1", "trainee")
    return store


def usernames(store):
    return {u.username for u in store.users()}


def test_a_good_file_imports_everyone_with_hashes_that_sign_in(store):
    data = (
        HEADER + "li.wei,Li Wei,trainee,north,first-pass-1\n"
        "Ana,Ana Souza,manager,North,second-pass\n"
        "quinn,,qa,,\n"
    ).encode()
    plan = check_import(store, COMMAND_LINE, data, "people.csv")
    assert plan.problems == []
    result = carry_out(store, COMMAND_LINE, plan)
    assert [u.username for u in result.users] == ["li.wei", "ana", "quinn"]
    north = store.teams()[0]
    li, ana, quinn = (
        authenticate(store, name, pw)
        for name, pw in [
            ("li.wei", "first-pass-1"),
            ("ana", "second-pass"),
            ("quinn", dict(result.temporary_passwords)["quinn"]),
        ]
    )
    assert (li.role, li.team_id, li.display_name) == ("trainee", north.id, "Li Wei")
    assert (ana.role, ana.team_id) == ("manager", north.id)
    assert (quinn.role, quinn.team_id, quinn.display_name) == ("qa", None, "quinn")
    # Only the row without a password gets a temporary one.
    assert [u for u, _ in result.temporary_passwords] == ["quinn"]
    for user in result.users:
        stored = store.user_with_hash(user.username)[1]
        assert stored.startswith("$argon2id$")
        assert "first-pass-1" not in stored and "second-pass" not in stored


def test_temporary_passwords_are_strong_and_differ():
    made = {accounts.temporary_password() for _ in range(50)}
    assert len(made) == 50
    assert all(len(p.replace("-", "")) == 16 and accounts.password_problem(p) is None for p in made)


def test_real_argon2_settings_are_used_outside_these_tests(store, monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())
    plan = check_import(store, COMMAND_LINE, (HEADER + "mia,,trainee,,long-enough\n").encode(), "f")
    carry_out(store, COMMAND_LINE, plan)
    assert "m=65536,t=3,p=4" in store.user_with_hash("mia")[1]


@pytest.mark.parametrize(
    "prefix, newline", [(b"", "\n"), (codecs.BOM_UTF8, "\n"), (codecs.BOM_UTF8, "\r\n")]
)
def test_utf8_with_or_without_a_bom_and_either_line_end(store, prefix, newline):
    text = HEADER + "wang.fang,王芳,trainee,North,密码够长了吗是的\n"
    plan = check_import(store, COMMAND_LINE, prefix + text.replace("\n", newline).encode(), "f")
    assert plan.problems == []
    carry_out(store, COMMAND_LINE, plan)
    assert authenticate(store, "wang.fang", "密码够长了吗是的").display_name == "王芳"


GOOD_ROW = "fine,Fine Person,trainee,,good-password\n"
BAD_FILES = [
    pytest.param(
        HEADER + GOOD_ROW + "two,fields\n",
        ["people.csv:3: row: 2 fields, the header has 5"],
        id="wrong-number-of-fields",
    ),
    pytest.param(
        HEADER + GOOD_ROW + " ,Nobody,trainee,,good-password\n",
        ["people.csv:3: username: empty"],
        id="empty-username",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "bad name!,Bad,trainee,,good-password\n",
        ["people.csv:3: username: 'bad name!' is not a username"],
        id="bad-username",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "boss,Boss,overlord,,good-password\n",
        ["people.csv:3: role: 'overlord' is not a role: expected one of trainee, trainer"],
        id="unknown-role",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "shorty,Shorty,trainee,,Zq9!x\n",
        ["people.csv:3: password: shorter than 8 characters"],
        id="short-password",
    ),
    pytest.param(
        HEADER + "mia,Mia,trainee,,good-password\n" + GOOD_ROW + "MIA,Mia Again,qa,,\n",
        [
            "people.csv:2: username: 'mia' is also on line 4",
            "people.csv:4: username: 'mia' is also on line 2",
        ],
        id="duplicate-username",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "taken,Someone,trainee,,good-password\n",
        ["people.csv:3: username: 'taken' is taken"],
        id="username-in-the-database",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "south1,South,trainee,South,good-password\n",
        ["people.csv:3: team: no team named 'South'"],
        id="unknown-team",
    ),
    pytest.param(
        "username,display_name,role,password\n" + "fine,Fine Person,trainee,good-password\n",
        ["people.csv:1: team: missing header column (the header is username,display_name"],
        id="missing-header-column",
    ),
    pytest.param(
        "username,display_name,role,team,password,email\n" + "fine,Fine,trainee,,good-pass,x\n",
        ["people.csv:1: email: unknown column"],
        id="unknown-header-column",
    ),
    pytest.param("", ["people.csv:1: header: the file is empty"], id="empty-file"),
    pytest.param(HEADER, ["people.csv:2: row: no users after the header"], id="header-only"),
    pytest.param(
        HEADER + GOOD_ROW + '"open,Open,trainee,,good-password\n' + "later,Later,qa,,\n",
        ["people.csv:3: row: not valid CSV: unexpected end of data (a quote opened here"],
        id="unclosed-quote",
    ),
    pytest.param(
        HEADER + GOOD_ROW + 'two.lines,"Two\nLines",trainee,,good-password\n',
        ["people.csv:3: display_name: runs over several lines"],
        id="line-break-in-a-name",
    ),
]


@pytest.mark.parametrize("text, expected", BAD_FILES)
def test_each_problem_names_file_line_and_column_and_no_one_is_imported(store, text, expected):
    before = usernames(store)
    plan = check_import(store, COMMAND_LINE, text.encode(), "people.csv")
    shown = [str(p) for p in plan.problems]
    assert len(shown) == len(expected), shown
    for line, start in zip(shown, expected, strict=True):
        assert line.startswith(start), (line, start)
    with pytest.raises(AccountError, match="nothing was imported"):
        carry_out(store, COMMAND_LINE, plan)
    assert usernames(store) == before


def test_undecodable_bytes_are_named_by_line_and_column_without_showing_a_password(store):
    data = (HEADER + GOOD_ROW).encode() + b"b\xe9a,Bea,trainee,,good-password\n"
    data += b"cy,Cy,trainee,,p\xe4sswort-lang\n"
    problems = [str(p) for p in check_import(store, COMMAND_LINE, data, "latin1.csv").problems]
    assert problems == [
        "latin1.csv:3: username: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
        "latin1.csv:4: password: not valid UTF-8; save the file as UTF-8",
    ]


def test_a_given_password_never_appears_in_a_problem(store):
    text = HEADER + "bad name,x,trainee,,Zq9!x\n" + "ok.name,y,nope,,Wv8#long-enough\n"
    shown = "\n".join(
        str(p) for p in check_import(store, COMMAND_LINE, text.encode(), "f").problems
    )
    assert "password:" in shown and "role:" in shown
    assert "Zq9!x" not in shown and "Wv8#long-enough" not in shown


def test_every_row_is_checked_and_lines_are_physical_lines(store):
    text = (
        HEADER
        + "\n"  # a blank line still counts as a line
        + 'multi,"Name, with comma",trainee,,good-password\n'
        + "bad role,x,boss,,short\n"
        + ",,,,\n"  # a spreadsheet's empty row: skipped
        + "taken,Taken,trainee,Nowhere,\n"
    )
    shown = [str(p) for p in check_import(store, COMMAND_LINE, text.encode(), "f.csv").problems]
    assert [s.split(": ")[0] + ": " + s.split(": ")[1] for s in shown] == [
        "f.csv:4: username",
        "f.csv:4: role",
        "f.csv:4: password",
        "f.csv:6: username",
        "f.csv:6: team",
    ]


def test_create_teams_makes_each_new_team_once_whatever_the_case(store):
    text = HEADER + "a1,A,trainee,Night Shift,good-password\nb1,B,trainee,night  shift,\n"
    refused = check_import(store, COMMAND_LINE, text.encode(), "f")
    assert [p.column for p in refused.problems] == ["team", "team"]
    plan = check_import(store, COMMAND_LINE, text.encode(), "f", create_teams=True)
    assert plan.problems == [] and plan.new_teams == ["Night Shift"]
    result = carry_out(store, COMMAND_LINE, plan)
    night = next(t for t in store.teams() if t.name == "Night Shift")
    assert {u.team_id for u in result.users} == {night.id}
    assert len(store.teams()) == 2


def test_create_teams_still_checks_the_team_name(store):
    text = HEADER + "a1,A,trainee,<b>team</b>,good-password\n"
    plan = check_import(store, COMMAND_LINE, text.encode(), "f", create_teams=True)
    assert [str(p) for p in plan.problems][0].startswith("f:2: team: '<b>team</b>' is not a team")


def test_a_failure_midway_through_the_writes_leaves_nothing(store):
    text = HEADER + "".join(f"user{i},User {i},trainee,Brand New,good-password\n" for i in range(6))
    plan = check_import(store, COMMAND_LINE, text.encode(), "f", create_teams=True)
    assert plan.problems == []
    before_users, before_teams = usernames(store), store.teams()
    written, in_the_transaction = [], []

    def fail_the_fourth(mapper, connection, target):
        written.append(target.username)
        if len(written) == 4:
            in_the_transaction.append(connection.scalar(select(func.count()).select_from(UserRow)))
            raise RuntimeError("disk full")

    event.listen(UserRow, "after_insert", fail_the_fourth)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            carry_out(store, COMMAND_LINE, plan)
    finally:
        event.remove(UserRow, "after_insert", fail_the_fourth)
    # The failure came after at least four of the new rows were in the database...
    assert in_the_transaction[0] >= len(before_users) + 4
    # ...and none of them, nor the team made for the batch, is left.
    assert usernames(store) == before_users
    assert store.teams() == before_teams


def test_a_username_taken_by_someone_else_while_hashing_fails_the_whole_batch(store):
    text = HEADER + "one,One,trainee,,good-password\ntwo,Two,trainee,,good-password\n"
    plan = check_import(store, COMMAND_LINE, text.encode(), "f")
    create_user(store, "two", "someone-else", "trainer")  # between the check and the write
    with pytest.raises(AccountError, match="nothing was imported"):
        carry_out(store, COMMAND_LINE, plan)
    assert "one" not in usernames(store)
    assert authenticate(store, "two", "someone-else").role == "trainer"


@pytest.mark.parametrize("role", ["trainee", "trainer", "manager", "qa"])
def test_only_an_admin_or_the_command_line_may_import(store, role):
    someone = create_user(store, f"{role}-x", "password-1", role)
    text = (HEADER + GOOD_ROW).encode()
    with pytest.raises(NotAdmin):
        check_import(store, someone, text, "f")
    with pytest.raises(NotAdmin):
        check_import(store, None, text, "f")
    plan = check_import(store, COMMAND_LINE, text, "f")
    with pytest.raises(NotAdmin):
        carry_out(store, someone, plan)
    assert "fine" not in usernames(store)
    admin = create_user(store, "root", "password-1", "admin")
    carry_out(store, admin, plan)
    assert "fine" in usernames(store)
