"""How long a fresh process takes to grade its first reply: the app's first reply after start-up.

    python benchmarks/first_reply.py [--runs 5]

Each run starts a new Python process that loads the shipped library and grades one reply (with
a policy, so the Reading, its dictionaries and the lexicons are all loaded on the way), in each
of the five customer languages in turn, and reports the seconds from the process's start to the
first grade. Nothing is loaded ahead: this is the cold path a trainee's first reply takes.
Last line: {"runs": N, "median_s": ..., "max_s": ..., "by_language": {...}}.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

REPLIES = {
    "en": "I'm sorry for the wait. Your refund arrives within 5 days of the item reaching us.",
    "zh": "非常抱歉让您久等了，退款会在仓库收到商品后5天内原路退回。",
    "es": "Disculpe la espera, el reembolso llega en 5 días después de recibir el artículo.",
    "id": "Mohon maaf menunggu kak, dananya kembali dalam 5 hari setelah barang kami terima.",
    "ar": "نعتذر عن التأخير، المبلغ يرجع خلال ٥ أيام بعد ما نستلم المنتج.",
}

CHILD = """
import time
start = time.perf_counter()
import json, sys
from curricula.library import load_library
from grading.rubric import grade_reply
policy = load_library().policy("returns-refunds")
grade = grade_reply(sys.argv[1], policy=policy, sla_seconds=60, reply_seconds=20)
print(json.dumps({"seconds": time.perf_counter() - start, "policy": grade.policy.value}))
"""


def one_run(reply: str) -> float:
    # The interpreter's own start-up (before `start`) is measured from outside.
    import time

    begun = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, reply], capture_output=True, text=True, check=True
    )
    json.loads(out.stdout.strip().splitlines()[-1])
    return time.perf_counter() - begun


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per language")
    args = parser.parse_args(argv)
    by_language = {}
    every = []
    for language, reply in REPLIES.items():
        times = [one_run(reply) for _ in range(args.runs)]
        every += times
        by_language[language] = round(statistics.median(times), 3)
        print(f"{language}: median {by_language[language]:.2f} s, max {max(times):.2f} s")
    result = {
        "runs": len(every),
        "median_s": round(statistics.median(every), 3),
        "max_s": round(max(every), 3),
        "by_language": by_language,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
