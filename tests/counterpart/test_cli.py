import subprocess
import sys
from pathlib import Path

import hostile_yaml as hostile
import pytest

from counterpart.accounts import authenticate
from counterpart.cli import main
from counterpart.storage.store import Store

SHIPPED = Path(__file__).resolve().parents[2] / "personas" / "library" / "rude-late-refund.yaml"


def test_validate_exits_0_on_the_shipped_content(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == ""


def test_validate_prints_file_line_message_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("language: en", "langauge: en"),
        encoding="utf-8",
    )
    good = tmp_path / "good.yaml"
    good.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["validate", str(bad), str(good)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines, "expected one line per problem"
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert any(line.startswith(f"{bad}:2: langauge: unknown field") for line in lines)


def test_validate_reports_yaml_that_would_hurt_the_loader_and_exits_1(tmp_path, capsys):
    for name, text, _, _ in hostile.CASES:
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert sorted(printed) == sorted(
        f"{tmp_path / name}.yaml:{line}: {message}" for name, _, line, message in hostile.CASES
    )


def test_validate_survives_nesting_that_crashes_libyaml(tmp_path):
    # 100,000 brackets overflow the C stack of libyaml's own composer: the process died.
    path = tmp_path / "deeper.yaml"
    path.write_text("name: Deeper\nangers: " + "[" * 100_000 + "]" * 100_000 + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "counterpart.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, f"{path}:2: {hostile.TOO_DEEP}\n", "")


def test_the_console_script_is_installed_and_runs(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "counterpart.cli", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_seed_creates_demo_accounts_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["seed"]) == 0
    assert "trainee" in capsys.readouterr().out
    assert main(["seed"]) == 0
    assert "none (already there)" in capsys.readouterr().out


def test_seed_with_a_cohort_plays_automated_trainees_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["seed", "--cohort", "2", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    assert "demo cohort: 2 trainees" in captured.out
    assert "2/2 trainees" in captured.err  # progress
    assert main(["seed", "--cohort", "2"]) == 0
    assert "demo cohort: already there" in capsys.readouterr().out


def test_policy_diff_lists_changed_sections_lessons_and_certificates(tmp_path, capsys):
    policy = Path(__file__).resolve().parents[2] / "curricula" / "policies" / "returns-refunds.yaml"
    text = policy.read_text(encoding="utf-8")
    newer = text.replace('version: "2026.10"', 'version: "2026.12"').replace(
        "effective: 2026-10-01", "effective: 2026-12-01"
    )
    marker = "key: refund_days\n"
    head, tail = newer.split(marker, 1)
    newer = head + marker + tail.replace("value: 5", "value: 7", 1)
    path = tmp_path / "returns-refunds@2026.12.yaml"
    path.write_text(newer, encoding="utf-8")
    assert main(["policy", "diff", "returns-refunds@2026.10", str(path)]) == 0
    out = capsys.readouterr().out
    assert "changed: refund-timing" in out and "refund_days: 5 days -> 7 days" in out
    assert "onboarding-en/rude-late-refund" in out
    certificates = out.split("certificates needing a refresh:")[1]
    assert "agent-en" in certificates and "agent-zh" not in certificates


def test_policy_diff_refuses_an_unknown_policy(capsys):
    try:
        main(["policy", "diff", "nope@1", "returns-refunds"])
    except SystemExit as exc:
        assert exc.code == 1
    else:
        raise AssertionError("expected the command to stop")
    assert "no policy 'nope@1'" in capsys.readouterr().err


IMPORT_HEADER = "username,display_name,role,team,password\n"


@pytest.fixture
def cli_database(tmp_path, monkeypatch):
    from argon2 import PasswordHasher

    from counterpart import accounts

    # Still argon2, cheaper: a CLI test imports dozens of users.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    return Store(url)


def test_user_import_creates_everyone_and_prints_only_temporary_passwords(
    tmp_path, cli_database, capsys
):
    people = tmp_path / "people.csv"
    people.write_text(
        IMPORT_HEADER + "li.wei,Li Wei,trainee,Night Shift,Given-Pass-9\nana,Ana,manager,,\n",
        encoding="utf-8",
    )
    assert main(["user", "import", str(people), "--create-teams"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ana\t")
    temporary = lines[0].split("\t")[1]
    assert authenticate(cli_database, "ana", temporary).role == "manager"
    assert authenticate(cli_database, "li.wei", "Given-Pass-9").team_id is not None
    assert f"imported 2 users from {people}; teams created: Night Shift" in captured.err
    assert "Given-Pass-9" not in captured.out + captured.err


def test_user_import_reports_every_problem_and_imports_no_one(tmp_path, cli_database, capsys):
    people = tmp_path / "people.csv"
    people.write_bytes(
        (IMPORT_HEADER + "ok,Ok,trainee,,good-password\nok,Again,qa,,Sh0rt\n").encode()
        + b"z\xff,Z,trainee,,good-password\n"
    )
    assert main(["user", "import", str(people)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{people}:2: username: 'ok' is also on line 3",
        f"{people}:3: username: 'ok' is also on line 2",
        f"{people}:3: password: shorter than 8 characters",
        f"{people}:4: username: not valid UTF-8 (byte 0xFF); save the file as UTF-8",
    ]
    assert "no one was imported" in captured.err and "Sh0rt" not in captured.out
    assert cli_database.users() == []


def test_user_import_of_a_missing_file_is_a_usage_error(tmp_path, cli_database, capsys):
    assert main(["user", "import", str(tmp_path / "nope.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_user_import_shows_progress_for_a_large_file(tmp_path, cli_database, capsys):
    from counterpart.cli import PROGRESS_FROM

    rows = "".join(f"u{i:03},U {i},trainee,,good-password\n" for i in range(PROGRESS_FROM + 5))
    people = tmp_path / "many.csv"
    people.write_text(IMPORT_HEADER + rows, encoding="utf-8")
    assert main(["user", "import", str(people)]) == 0
    err = capsys.readouterr().err
    assert f"hashing passwords: {PROGRESS_FROM + 5}/{PROGRESS_FROM + 5}" in err
    assert len(cli_database.users()) == PROGRESS_FROM + 5


def test_user_import_help_documents_the_csv_format(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["user", "import", "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "username,display_name,role,team,password" in shown
    assert "--create-teams" in shown and "FILE:LINE: column: what is wrong" in shown


def test_team_commands_and_user_role(cli_database, capsys):
    assert main(["team", "add", "North"]) == 0
    assert main(["team", "add", "north"]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main(["user", "add", "mia", "--role", "trainee", "--password", "password-1"]) == 0
    assert main(["team", "manager", "North", "mia"]) == 1
    assert "not managers: mia" in capsys.readouterr().err
    assert main(["user", "role", "mia", "manager"]) == 0
    assert main(["team", "manager", "NORTH", "mia"]) == 0
    assert main(["user", "add", "ana", "--role", "trainee", "--team", "North",
                 "--password", "password-1"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["team", "list"]) == 0
    assert capsys.readouterr().out == "North\t1 member(s)\tmanagers: mia\n"
    mia = cli_database.user_with_hash("mia")[0]
    assert cli_database.managed_team_ids(mia.id) == {cli_database.teams()[0].id}
    assert main(["team", "manager", "North", "mia", "--remove"]) == 0
    assert cli_database.managed_team_ids(mia.id) == frozenset()


def test_user_role_keeps_the_last_admin(cli_database, capsys):
    assert main(["user", "add", "root", "--role", "admin", "--password", "password-1"]) == 0
    assert main(["user", "role", "root", "trainee"]) == 1
    assert "last admin" in capsys.readouterr().err
    assert main(["user", "role", "nobody", "trainee"]) == 1
