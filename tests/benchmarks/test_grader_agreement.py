"""The pair-order figures of the agreement benchmark count as they say, and a sealed set keeps
its misses to itself (a smoke test of the counting; figures come from running the script)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "grader_agreement.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("grader_agreement_pairs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def item(setting: str, *labelled: tuple[str, int]) -> dict:
    return {
        "id": f"{setting}-x",
        "setting": setting,
        "customer": "Where is my parcel?",
        "replies": [{"text": text, "label": label, "reason": ""} for text, label in labelled],
        "where": "x.jsonl:1",
    }


def test_pairs_score_one_in_order_half_when_tied_and_nothing_reversed(bench):
    scores = {"best": 90, "good": 60, "tied": 60, "bad": 10}
    items = [
        item("en", ("best", 3), ("good", 2), ("bad", 0)),  # three pairs, all in order
        item("ar", ("good", 2), ("tied", 1), ("best", 0)),  # tie .5, reversed 0, reversed 0
    ]
    result, misses, values, lengths = bench.pair_order(items, lambda text, _c: scores[text])
    assert result["language"] == {"en": 1.0, "ar": pytest.approx(0.5 / 3, abs=1e-3)}
    assert result["pairs"] == 6
    assert result["overall"] == pytest.approx(3.5 / 6, abs=1e-3)
    assert len(misses) == 3 and all("ar-x" in m for m in misses)
    assert values == [90, 60, 10, 60, 60, 90] and lengths == [4, 4, 3, 4, 4, 4]


def test_replies_with_the_same_label_make_no_pair(bench):
    items = [item("es", ("a", 2), ("b", 2), ("c", 2))]
    result, misses, _, _ = bench.pair_order(items, lambda text, _c: 50)
    assert result["pairs"] == 0 and result["overall"] is None and misses == []


def write(folder: Path, items: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for it in items:
        path = folder / f"{it['setting']}.jsonl"
        row = {k: v for k, v in it.items() if k != "where"}
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def test_a_sealed_set_refuses_to_list_its_misses_and_stops_when_changed(bench, tmp_path):
    sealing = sys.modules["sealing"]
    folder = tmp_path / "set"
    write(folder, [item("id", ("Mohon maaf, Kak", 3), ("ok", 0))])
    sealing.write_manifest(folder)
    assert bench.report_pair_order(folder, show_misses=False)["seal"] == "sealed"
    with pytest.raises(SystemExit, match="sealed"):
        bench.report_pair_order(folder, show_misses=True)
    (folder / "id.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="changed"):
        bench.report_pair_order(folder, show_misses=False)


def test_an_open_set_lists_its_misses(bench, tmp_path, capsys):
    folder = tmp_path / "dev"
    write(folder, [item("zh", ("好的", 0), ("亲，非常抱歉让您久等了，我马上帮您查物流。", 3))])
    result = bench.report_pair_order(folder, show_misses=True)
    assert result["seal"] == "open" and set(result["language"]) == {"zh"}
    printed = capsys.readouterr().out
    assert ("zh-x" in printed) == (result["overall"] < 1)
