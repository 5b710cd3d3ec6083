"""The customer-realism benchmark plays and counts as it says, keeps its sealed set sealed, and
the open strategies (written by people who never read the engine) hold the customer to the
issue's rules: no message twice, no wrong fact accepted, the hidden fact never volunteered, bad
agents see the customer leave, and seeds vary the customer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "customer_realism.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("customer_realism", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["customer_realism"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def strategies(bench, good: list[str], bad: list[str]) -> dict:
    every = {name: {"replies": good} for name in bench.GOOD}
    every |= {name: {"replies": bad} for name in bench.BAD + bench.OTHER}
    every["other_language"] = {"language": "zh", "replies": ["请问您的订单号是多少？"]}
    return every


def test_a_set_is_played_and_counted(bench, tmp_path, monkeypatch, capsys):
    good = [
        "I'm so sorry your blender died after 40 days. Could you give me the order number?",
        "Thank you. A motor fault is a defect, covered for 90 days. I'll send you a "
        "replacement blender today, and the return label will be in your email.",
        "It's all arranged. Is there anything else I can help with?",
    ]
    data = {"persona": "defective-blender-dispute", "strategies": strategies(bench, good, ["asdf"])}
    (tmp_path / "defective-blender-dispute.yaml").write_text(yaml.safe_dump(data), "utf-8")
    monkeypatch.setattr("sys.argv", ["customer_realism.py", "--set", str(tmp_path), "--seeds", "2"])
    bench.main()
    out = capsys.readouterr().out
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["seal"] == "open" and figures["sessions"] == 2 * 12
    assert figures["good_resolved"] == 1.0  # the good script resolves in both seeds
    assert figures["bad_ended"] == 1.0  # keyboard mashing drives the customer away
    assert figures["repeat_sessions"] == 0.0
    assert figures["language"]["en"]["good_resolved"] == 1.0
    assert "defective-blender-dispute" in out  # the open table


def test_a_script_missing_a_strategy_is_refused(bench, tmp_path):
    data = {"persona": "defective-blender-dispute", "strategies": {"excellent": {"replies": ["x"]}}}
    (tmp_path / "defective-blender-dispute.yaml").write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(SystemExit, match="strategies missing"):
        bench.load_set(tmp_path)


def test_the_sealed_set_is_intact_and_shows_no_sessions(bench, monkeypatch):
    sealing = __import__("sealing")
    folder = SCRIPT.parent / "customer_realism_sealed"
    assert sealing.check_seal(folder) == "sealed"
    monkeypatch.setattr("sys.argv", ["customer_realism.py", "--set", str(folder), "--sessions"])
    with pytest.raises(SystemExit, match="sealed"):
        bench.main()


def test_the_open_strategies_meet_the_customer_rules(bench):
    sessions = bench.run(SCRIPT.parent / "customer_strategies", seeds=2)
    figures = bench.figures(sessions)
    assert figures["repeat_sessions"] == 0.0
    assert figures["wrong_fact_resolved"] == 0
    assert figures["hidden_volunteered"] == 0
    assert figures["bad_ended"] >= 0.9
    assert figures["good_resolved"] >= 0.75
    # Two seeds already give two different hidden-state paths in most cells.
    cells = {}
    for s in sessions:
        cells.setdefault((s.persona, s.strategy), set()).add(tuple(s.path))
    assert sum(len(p) == 2 for p in cells.values()) >= 0.8 * len(cells)
