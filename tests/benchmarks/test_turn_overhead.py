"""The turn-overhead benchmark still runs against the shipped content (a smoke test, not a
timing assertion: figures come from running the script)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "turn_overhead.py"


def test_the_benchmark_plays_turns_on_open_lessons():
    spec = importlib.util.spec_from_file_location("turn_overhead", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    timings = module.run(6)
    assert len(timings) == 6 and all(t > 0 for t in timings)
