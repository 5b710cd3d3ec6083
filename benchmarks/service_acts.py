"""How well the Reading's service acts agree with people's labels of support strategies.

    python benchmarks/service_acts.py [--data ../shared/data/support-strategies-esconv]

ESConv (Liu et al., ACL 2021; CC BY-NC 4.0, measure only: read in place from ../shared/data,
never copied here) labels each supporter utterance of emotional-support chats with the one
strategy it mainly uses. Five strategies are what a service act names:

    Question                       -> ask_situation
    Reflection of feelings         -> acknowledge_feeling
    Restatement or Paraphrasing    -> acknowledge_situation
    Affirmation and Reassurance    -> validate
    Information                    -> explain

Each line of the file is a window of a conversation whose last utterance is the labelled one;
every distinct (strategy, utterance) is read once with `read(text).service_acts`. Per mapped act:
an utterance labelled with its strategy is a positive; the act found in any other utterance is a
false positive. An utterance carries one label though it often does several things ("I
understand how hard that is. Have you talked to anyone?" is labelled Question only), so
precision is a lower bound; and these are peer supporters on a mental-health platform, not
customer-service agents, so the words differ from a shop's chat.

The word lists were written from how agents write, not tuned on this set. Last line: JSON with
the figures per act, the utterances read and the µs a reading's service acts cost.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grading.reading import read  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "support-strategies-esconv"
FILE = "devWithStrategy_short.tsv"
MAPPED = {
    "Question": "ask_situation",
    "Reflection of feelings": "acknowledge_feeling",
    "Restatement or Paraphrasing": "acknowledge_situation",
    "Affirmation and Reassurance": "validate",
    "Information": "explain",
}
# The file writes some strategy names unlike its strategy.json ("Questions", "Other").
_ALIASES = {"Questions": "Question", "Other": "Others"}
_UTTERANCE = re.compile(r"^\S+ (?P<speaker>\d) \d+ (?:\[(?P<strategy>[^\]]+)\] )?(?P<text>.*)$")


def utterances(path: Path) -> list[tuple[str, str]]:
    """(strategy, text) of every distinct labelled supporter utterance."""
    found: dict[tuple[str, str], None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        last = line.split(" EOS ")[-1].strip()
        m = _UTTERANCE.match(last)
        if m is None or m.group("speaker") != "1" or not m.group("strategy"):
            continue
        strategy = m.group("strategy").strip()
        text = m.group("text").strip()
        if text:
            found[(_ALIASES.get(strategy, strategy), text)] = None
    return list(found)


def measure(items: list[tuple[str, str]]) -> dict:
    counts = {act: {"tp": 0, "fp": 0, "fn": 0, "labelled": 0} for act in MAPPED.values()}
    spent = 0.0
    for strategy, text in items:
        reading = read(text)
        began = time.perf_counter()
        kinds = {a.kind for a in reading.service_acts}
        spent += time.perf_counter() - began
        gold = MAPPED.get(strategy)
        for act, c in counts.items():
            if gold == act:
                c["labelled"] += 1
                c["tp" if act in kinds else "fn"] += 1
            elif act in kinds:
                c["fp"] += 1
    result = {}
    for act, c in counts.items():
        found = c["tp"] + c["fp"]
        precision = c["tp"] / found if found else 0.0
        recall = c["tp"] / c["labelled"] if c["labelled"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[act] = {
            "labelled": c["labelled"],
            "found": found,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }
    return {"acts": result, "us_per_reading": round(spent / max(1, len(items)) * 1e6, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    path = args.data / FILE
    if not path.is_file():
        print(f"no labelled data at {path}; nothing measured", file=sys.stderr)
        print(json.dumps({"utterances": 0, "acts": None}))
        return 1
    items = utterances(path)
    figures = measure(items)
    strategies = {}
    for strategy, _ in items:
        strategies[strategy] = strategies.get(strategy, 0) + 1
    print(f"{len(items)} labelled supporter utterances from {path}")
    print("strategies: " + ", ".join(f"{k} {v}" for k, v in sorted(strategies.items())))
    print(f"{'strategy -> act':<52} {'labelled':>8} {'found':>6} {'prec':>6} {'recall':>6}")
    for strategy, act in MAPPED.items():
        f = figures["acts"][act]
        print(
            f"{strategy + ' -> ' + act:<52} {f['labelled']:>8} {f['found']:>6} "
            f"{f['precision']:>6.3f} {f['recall']:>6.3f}"
        )
    print(f"service acts: {figures['us_per_reading']} µs a reading (after read())")
    print(json.dumps({"utterances": len(items), **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
