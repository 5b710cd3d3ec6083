"""The policy-accuracy benchmark counts as it says, and refuses a sealed set that was changed
(a smoke test of the counting, not a figure: figures come from running the script)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "policy_accuracy.py"
POLICY = "returns-refunds"


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location("policy_accuracy", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_set(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (folder / "set.jsonl").write_text(text, encoding="utf-8")


def row(n: int, label: str, language: str, reply: str) -> dict:
    return {"id": f"r{n}", "policy": POLICY, "language": language, "reply": reply, "label": label}


def test_recall_and_false_alarms_are_counted_per_language(bench, tmp_path, monkeypatch, capsys):
    # The grader is stood in for: each reply names the finding kinds it gets.
    def fake_grade(reply, policy, context=()):
        return SimpleNamespace(findings=[SimpleNamespace(kind=k) for k in reply.split() if k])

    monkeypatch.setattr(bench, "grade_policy", fake_grade)
    write_set(
        tmp_path / "set",
        [
            row(1, "wrong_fact", "en", "wrong_number"),  # caught, right kind
            row(2, "wrong_fact", "en", "skipped_step"),  # caught by another kind only
            row(3, "skipped_step", "zh", ""),  # missed
            row(4, "compliant", "zh", ""),  # right
            row(5, "compliant", "en", "forbidden_promise"),  # false alarm
        ],
    )
    bench.main(["--set", str(tmp_path / "set")])
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["replies"] == 5 and figures["seal"] == "open"
    assert (figures["recall_any"], figures["recall_kind"]) == (round(2 / 3, 3), round(1 / 3, 3))
    assert figures["false_alarms"] == 0.5
    assert figures["language"]["en"]["recall_kind"] == 0.5
    assert figures["language"]["zh"]["recall_any"] == 0.0
    assert figures["language"]["zh"]["false_alarms"] == 0.0
    assert figures["policy"][POLICY]["violations"] == 3


def test_a_sealed_set_that_was_changed_is_refused(bench, tmp_path):
    folder = tmp_path / "sealed"
    write_set(folder, [row(1, "compliant", "en", "Refunds take 5 days.")])
    digest = hashlib.sha256((folder / "set.jsonl").read_bytes()).hexdigest()
    (folder / "MANIFEST.sha256").write_text(f"{digest}  set.jsonl\n", encoding="utf-8")
    assert bench.check_seal(folder) == "sealed"
    write_set(folder, [row(1, "compliant", "en", "Refunds take 5 days, tuned.")])
    with pytest.raises(SystemExit, match="set.jsonl: differs"):
        bench.check_seal(folder)


def test_the_committed_sealed_set_is_unchanged_and_its_policies_load(bench):
    assert bench.check_seal(bench.SEALED) == "sealed"
    library = bench.load_policies(bench.SEALED)
    assert not library.problems
    rows = bench.load_rows(bench.SEALED)
    assert len(rows) >= 300
    assert {r["language"] for r in rows} == {"en", "zh", "es", "es-en", "id", "ar"}
    assert all(library.policy(r["policy"]) is not None for r in rows)


def test_the_v2_policies_of_the_sealed_set_are_unchanged_and_cover_its_replies(bench):
    folder = bench.ROOT / "benchmarks" / "policy_eval_v2"
    assert bench.check_seal(folder) == "sealed"
    library = bench.load_policies(folder)
    assert not library.problems
    rows = bench.load_rows(bench.SEALED)
    assert all(library.policy(r["policy"]) is not None for r in rows)
    # Written in format v2: every policy uses typed rules beyond v1's phrase lists.
    for versions in library.policies.values():
        for policy in versions:
            assert any(s.lists or any(f.unit for f in s.facts) for s in policy.sections)


@pytest.mark.parametrize("name", ["policy_holdout", "policy_facts_sealed"])
def test_the_other_sealed_sets_are_unchanged_and_their_policies_load(bench, name):
    folder = bench.ROOT / "benchmarks" / name
    assert bench.check_seal(folder) == "sealed"
    library = bench.load_policies(folder)
    assert not library.problems
    rows = bench.load_rows(folder)
    assert len(rows) >= 200
    assert {r["language"] for r in rows} == {"en", "zh", "es", "es-en", "id", "ar"}
    assert all(library.policy(r["policy"]) is not None for r in rows)
