import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reading_speed.py"


def _load():
    if "reading_speed" not in sys.modules:
        spec = importlib.util.spec_from_file_location("reading_speed", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["reading_speed"] = module
        spec.loader.exec_module(module)
    return sys.modules["reading_speed"]


bench = _load()


def test_replies_are_about_two_hundred_characters_in_every_language():
    replies = bench.make_replies(100, seed=3)
    assert replies == bench.make_replies(100, seed=3)
    assert len(set(replies)) == 100
    assert 150 <= sum(map(len, replies)) / len(replies) <= 260
    assert any("您" in r for r in replies) and any("ال" in r for r in replies)


def test_main_prints_figures_and_the_json_last(capsys, monkeypatch):
    monkeypatch.setattr(bench, "real_english", lambda limit=4000: None)
    figures = bench.main(["--replies", "60"])
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("read(): ")
    assert '"language_accuracy"' in out[-1]
    assert figures["core"]["replies_per_s"] > 0
    assert set(figures["language_accuracy"]) >= {"en", "es", "id", "zh", "ar", "mixed"}
