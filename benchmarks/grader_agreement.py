"""How well the offline empathy grader agrees with people: EPITOME's three mechanisms, and the
order a QA lead puts customer-service replies in, per customer language.

EPITOME: each seeker post is graded as the customer's turn and its response as the reply; the
grader's levels (0-2) are compared with the human levels per mechanism. The data stays in
../shared/data (non-commercial licence: measure only, never copied into the repository).

Pair order: a set is a folder of `<setting>.jsonl` files (en, zh, es, es-en, id, ar), one
customer message a line with 3-4 agent replies a QA lead labelled 0-3:
{"id", "setting", "customer", "replies": [{"text", "label", "reason"}, ...]}. For every two
replies to the same message with different labels, the grader scores 1 when its empathy scores
order them as the labels do, 0.5 when it scores them the same, 0 otherwise. The default set,
benchmarks/empathy_eval, is sealed (written blind, never tuned against; see sealing.py);
benchmarks/empathy_dev is open for tuning, and only an open set lists its misses.

    python benchmarks/grader_agreement.py [--data PATH] [--set FOLDER] [--misses]

Last line: {"emotional_reaction": {"accuracy": .., "macro_f1": .., "qwk": ..}, ...,
"length_correlation": .., "pair_order": {"set": .., "seal": .., "overall": ..,
"language": {"en": .., ...}, "length_correlation": ..}}, where each length_correlation is
Pearson's r between the 0-100 empathy score and the reply's length in characters.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from grading.empathy_grader import grade_empathy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sealing import check_seal, read_jsonl  # noqa: E402  (a sibling script, not a package)

ROOT = Path(__file__).resolve().parents[1]
SEALED_SET = ROOT / "benchmarks" / "empathy_eval"
SETTINGS = ("en", "zh", "es", "es-en", "id", "ar")
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "empathy-epitome-dev"
FILES = {
    "emotional_reaction": "emotional-reactions.csv",
    "interpretation": "interpretations.csv",
    "exploration": "explorations.csv",
}
LEVELS = (0, 1, 2)


def accuracy(truth: Sequence[int], predicted: Sequence[int]) -> float:
    if not truth:
        return 0.0
    return sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)


def macro_f1(truth: Sequence[int], predicted: Sequence[int]) -> float:
    """Unweighted mean of per-class F1 over the classes present in either list (as sklearn)."""
    classes = sorted(set(truth) | set(predicted))
    if not classes:
        return 0.0
    scores = []
    for c in classes:
        tp = sum(t == c and p == c for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != c and p == c for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == c and p != c for t, p in zip(truth, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def confusion(
    truth: Sequence[int], predicted: Sequence[int], labels: Sequence[int] = LEVELS
) -> list[list[int]]:
    """Rows are the human level, columns the grader's."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t]][index[p]] += 1
    return matrix


def quadratic_weighted_kappa(
    truth: Sequence[int], predicted: Sequence[int], labels: Sequence[int] = LEVELS
) -> float:
    """Cohen's kappa with weights (i - j)^2 / (k - 1)^2; 1.0 when both agree on a constant."""
    n, k = len(truth), len(labels)
    if n == 0:
        return 0.0
    observed = confusion(truth, predicted, labels)
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    disagreement = sum(weight[i][j] * observed[i][j] for i in range(k) for j in range(k))
    expected = sum(weight[i][j] * rows[i] * cols[j] / n for i in range(k) for j in range(k))
    if expected == 0:
        return 1.0 if disagreement == 0 else 0.0
    return 1.0 - disagreement / expected


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; 0.0 when either side does not vary (r is undefined there)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def load(folder: Path) -> list[dict]:
    """One row per (seeker post, response) with the human level of each mechanism."""
    pairs: dict[tuple[str, str], dict] = {}
    for mechanism, name in FILES.items():
        with open(folder / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (row["sp_id"], row["rp_id"])
                pair = pairs.setdefault(
                    key, {"seeker": row["seeker_post"], "response": row["response_post"]}
                )
                pair[mechanism] = int(row["level"])
    return [p for p in pairs.values() if all(m in p for m in FILES)]


def evaluate(rows: list[dict]) -> tuple[dict, list[float], list[float]]:
    """The grader's levels per mechanism, its 0-100 scores, and milliseconds per reply."""
    predicted: dict[str, list[int]] = {m: [] for m in FILES}
    scores: list[float] = []
    timings: list[float] = []
    grade_empathy("warm-up", customer_text="warm-up")  # first use builds the phrase tries
    for row in rows:
        started = time.perf_counter()
        score = grade_empathy(row["response"], customer_text=row["seeker"], language="en")
        timings.append((time.perf_counter() - started) * 1000)
        for m in FILES:
            predicted[m].append(score.levels[m])
        scores.append(score.value)
    return predicted, scores, timings


def load_items(folder: Path) -> list[dict]:
    """The labelled items of a pair-order set, each with `where` (FILE:LINE)."""
    return read_jsonl(sorted(folder.glob("*.jsonl")))


def pair_order(items: list[dict], score=None) -> tuple[dict, list[str], list[float], list[int]]:
    """Pair-order accuracy overall and per setting, the misses as lines, and every reply's
    score and length. `score(reply, customer)` defaults to the offline empathy value."""
    score = score or (lambda reply, customer: grade_empathy(reply, customer).value)
    earned: dict[str, list[float]] = {}
    misses: list[str] = []
    scores: list[float] = []
    lengths: list[int] = []
    for item in items:
        replies = item["replies"]
        values = [score(r["text"], item["customer"]) for r in replies]
        scores += values
        lengths += [len(r["text"]) for r in replies]
        marks = earned.setdefault(item["setting"], [])
        for i, first in enumerate(replies):
            for j in range(i + 1, len(replies)):
                second = replies[j]
                if first["label"] == second["label"]:
                    continue
                better, worse = (i, j) if first["label"] > second["label"] else (j, i)
                mark = (
                    1.0
                    if values[better] > values[worse]
                    else (0.5 if values[better] == values[worse] else 0.0)
                )
                marks.append(mark)
                if mark < 1:
                    misses.append(
                        f"{item['where']} {item['id']}: label {replies[better]['label']} scored "
                        f"{values[better]}, label {replies[worse]['label']} scored "
                        f"{values[worse]}\n  customer: {item['customer']}\n"
                        f"  [{replies[better]['label']}] {replies[better]['text']}\n"
                        f"  [{replies[worse]['label']}] {replies[worse]['text']}"
                    )
    everything = [m for marks in earned.values() for m in marks]
    result = {
        "overall": round(sum(everything) / len(everything), 3) if everything else None,
        "pairs": len(everything),
        "language": {
            setting: round(sum(marks) / len(marks), 3)
            for setting, marks in sorted(earned.items(), key=lambda kv: _setting_order(kv[0]))
            if marks
        },
    }
    return result, misses, scores, lengths


def _setting_order(setting: str) -> int:
    return SETTINGS.index(setting) if setting in SETTINGS else len(SETTINGS)


def report_pair_order(folder: Path, show_misses: bool) -> dict:
    seal = check_seal(folder)
    if show_misses and seal == "sealed":
        sys.exit(f"{folder}: sealed; its misses are not shown (tune on benchmarks/empathy_dev)")
    items = load_items(folder)
    if not items:
        sys.exit(f"{folder}: no labelled items (*.jsonl)")
    result, misses, scores, lengths = pair_order(items)
    name = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(
        f"\nPair order on {name} ({seal}): {len(items)} customer messages, {result['pairs']} pairs"
    )
    print(f"{'overall':<10}{result['overall']:>8.3f}")
    for setting, value in result["language"].items():
        print(f"{setting:<10}{value:>8.3f}")
    result["length_correlation"] = round(pearson(scores, lengths), 3)
    print(f"Pearson r of the empathy score with reply length: {result['length_correlation']:.3f}")
    if show_misses:
        print("\n".join(["", *misses]))
    return {"set": str(name), "seal": seal, **result}


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the three CSVs")
    parser.add_argument(
        "--set", type=Path, default=SEALED_SET, help="folder of a pair-order set (*.jsonl)"
    )
    parser.add_argument(
        "--misses", action="store_true", help="list the pairs ordered wrongly (open sets only)"
    )
    args = parser.parse_args(argv)
    if not all((args.data / name).is_file() for name in FILES.values()):
        sys.exit(f"EPITOME CSVs not found in {args.data}")
    rows = load(args.data)
    predicted, scores, timings = evaluate(rows)
    lengths = [len(r["response"]) for r in rows]
    result: dict = {}
    timings.sort()
    print(
        f"{len(rows)} seeker/response pairs; ms per reply: mean {sum(timings) / len(rows):.3f}, "
        f"p50 {timings[len(rows) // 2]:.3f}, p95 {timings[int(len(rows) * 0.95)]:.3f}"
    )
    print(f"{'mechanism':<20}{'accuracy':>10}{'macro-F1':>10}{'QWK':>8}   human / grader 0-1-2")
    for m in FILES:
        truth = [r[m] for r in rows]
        pred = predicted[m]
        result[m] = {
            "accuracy": round(accuracy(truth, pred), 3),
            "macro_f1": round(macro_f1(truth, pred), 3),
            "qwk": round(quadratic_weighted_kappa(truth, pred), 3),
        }
        spread = "-".join(str(truth.count(v)) for v in LEVELS)
        mine = "-".join(str(pred.count(v)) for v in LEVELS)
        r = result[m]
        print(
            f"{m:<20}{r['accuracy']:>10.3f}{r['macro_f1']:>10.3f}{r['qwk']:>8.3f}"
            f"   {spread} / {mine}"
        )
    for m in FILES:
        print(f"\n{m}: confusion (rows human level, columns grader level)")
        print("        " + "".join(f"{v:>7}" for v in LEVELS))
        for level, counts in zip(
            LEVELS, confusion([r[m] for r in rows], predicted[m]), strict=True
        ):
            print(f"human {level}" + "".join(f"{c:>7}" for c in counts))
    result["length_correlation"] = round(pearson(scores, lengths), 3)
    # For context: how much the human labels themselves follow length.
    print(
        f"\nPearson r with reply length (characters): empathy score {pearson(scores, lengths):.3f}"
    )
    print(f"{'':<20}{'human level':>12}{'grader level':>14}")
    for m in FILES:
        human, mine = pearson([r[m] for r in rows], lengths), pearson(predicted[m], lengths)
        print(f"{m:<20}{human:>12.3f}{mine:>14.3f}")
    if args.set.is_dir():
        result["pair_order"] = report_pair_order(args.set.resolve(), args.misses)
    else:
        print(f"\nNo pair-order set at {args.set}")
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
