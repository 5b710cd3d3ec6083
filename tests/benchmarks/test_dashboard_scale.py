"""The dashboard scale benchmark still runs end to end, at a tiny size on SQLite (a smoke test,
not a timing assertion: figures come from running the script)."""

import importlib.util
import json
import sys
from pathlib import Path

from sqlalchemy import text

from counterpart.storage.store import Store

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "dashboard_scale.py"


def _load():
    if "dashboard_scale" not in sys.modules:
        spec = importlib.util.spec_from_file_location("dashboard_scale", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["dashboard_scale"] = module
        spec.loader.exec_module(module)
    return sys.modules["dashboard_scale"]


bench = _load()


def test_the_benchmark_times_every_view_and_ends_with_the_json_line(capsys):
    figures = bench.main(["--trainees", "40", "--runs", "1", "--sqlite-only"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1]) == figures
    assert set(figures) == {"sqlite", "postgresql"} and figures["postgresql"] is None
    assert set(figures["sqlite"]) == set(bench.ALL_VIEWS)
    assert {"overview", "funnel", "certificates", "trainees_behind"} <= set(figures["sqlite"])
    assert all(ms > 0 for ms in figures["sqlite"].values())
    made = json.loads(next(x for x in lines if x.startswith("sqlite generated:")).split(": ", 1)[1])
    assert made["session_scores"] == made["practice_sessions"] == 40 * 40
    assert made["trainee_turns"] == 40 * 40 * 10 and made["grades"] == 3 * made["trainee_turns"]
    assert made["certificates"] > 0 and made["exam_attempts"] > 0
    assert any(x.startswith("sqlite generation seconds:") for x in lines)


def test_the_cohort_is_the_same_for_a_seed_and_adds_up_to_its_size():
    library = bench.load_library()
    now = bench.dt.datetime(2026, 11, 22, tzinfo=bench.dt.UTC)
    size = bench.Size.of(25)
    first = bench.Simulation(library, size, now, seed=3).build()
    again = bench.Simulation(library, size, now, seed=3).build()
    assert len(first.sessions) == len(first.scores) == size.sessions
    assert [s["ended_at"] for s in first.scores] == [s["ended_at"] for s in again.scores]
    assert all(s["ended_at"] < now for s in first.scores)
    stuck_or_failing = [s for s in first.scores if s["passed"] is False]
    assert stuck_or_failing and len(stuck_or_failing) < size.sessions


def test_the_guard_catches_a_read_of_turns(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'guard.db'}")
    with bench.no_turns_read(store.engine) as seen, store.engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM session_scores"))
        assert seen == []
        conn.execute(text("SELECT count(*) FROM turns"))
    assert len(seen) == 1
