import importlib.util
import json
import random
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "grading_throughput.py"


def _load():
    if "grading_throughput" not in sys.modules:
        spec = importlib.util.spec_from_file_location("grading_throughput", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["grading_throughput"] = module
        spec.loader.exec_module(module)
    return sys.modules["grading_throughput"]


bench = _load()


def test_generated_replies_are_deterministic_and_varied(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    bench.write_replies(a, 300, seed=3)
    bench.write_replies(b, 300, seed=3)
    assert a.read_bytes() == b.read_bytes()
    lines = [json.loads(x) for x in a.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 300 and len({x["id"] for x in lines}) == 300
    assert any("退" in x["reply"] or "您" in x["reply"] for x in lines)
    assert any(x["reply"].isascii() for x in lines)
    assert any(any(c.isdigit() for c in x["reply"]) for x in lines)
    for key in ("context", "reply_seconds", "policy", "language"):
        assert any(key in x for x in lines) and any(key not in x for x in lines)
    other = [bench.make_reply(random.Random(4), i) for i in range(20)]
    assert other != lines[:20]


def test_main_prints_a_readable_line_then_the_json_figures(capsys):
    figures = bench.main(["--replies", "200"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1]) == figures
    assert set(figures) == {"replies", "replies_per_s", "peak_mb"}
    assert figures["replies"] == 200
    assert figures["replies_per_s"] > 0 and figures["peak_mb"] > 0
    assert "tracemalloc peak" in lines[-2] and "max RSS" in lines[-2]
