"""The content-bounds benchmark still builds its cases and measures them (a smoke test, not a
timing assertion: figures come from running the script)."""

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "content_bounds.py"


def _load():
    spec = importlib.util.spec_from_file_location("content_bounds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_the_laughs_are_the_size_of_the_report_and_expand_to_a_billion():
    text = bench.cases()["billion-laughs"]
    # A shipped persona (4.7 KB since personas carry their own reaction lines) and the aliases.
    assert 4 * 1024 < len(text.encode()) < 5 * 1024
    assert text.count("*lol8") == 9 and "lol9: &lol9" in text


def test_one_case_is_measured_in_this_process(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(bench.cases()["billion-laughs"], encoding="utf-8")
    row = bench.measure_one(path, "python", repeats=1)
    assert row["answer"].endswith("write repeated values out instead of nesting aliases")
    assert row["load_ms"] > 0 and row["py_peak_mib"] > 0


def test_main_prints_a_row_per_parser_and_a_json_last_line(capsys):
    figures = bench.main(["--repeats", "1", "--case", "duplicate-key"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1]) == figures
    assert [line.split()[2] for line in lines[2:-1]] == ["libyaml", "python"]
