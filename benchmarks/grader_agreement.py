"""How well the offline empathy grader agrees with people on EPITOME's three mechanisms.

Each seeker post is graded as the customer's turn and its response as the reply; the grader's
levels (0-2) are compared with the human levels per mechanism. The data stays in
../shared/data (non-commercial licence: measure only, never copied into the repository).

    python benchmarks/grader_agreement.py [--data PATH]

Last line: {"emotional_reaction": {"accuracy": .., "macro_f1": .., "qwk": ..}, ...,
"length_correlation": ..}, where length_correlation is Pearson's r between the 0-100 empathy
score and the reply's length in characters.
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


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the three CSVs")
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
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
