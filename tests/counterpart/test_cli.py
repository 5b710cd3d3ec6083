import subprocess
import sys
from pathlib import Path

from counterpart.cli import main

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
