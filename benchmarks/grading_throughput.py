"""How fast `counterpart grade` grades a QA export: replies per second and peak memory.

    python benchmarks/grading_throughput.py [--replies 10000] [--seed 7]

Writes that many varied replies (English and Chinese; with and without numbers, forbidden
promises, context, reply times and per-line policies; the same file for the same seed) to a
temporary JSONL file, then grades it in-process the way the command does: read and decode each
line, parse the JSON, grade, serialise the record to a sink that discards it. Only that loop is
timed (wall clock; its CPU time is printed too, which is steadier on a busy machine); loading
the policies and a short warm-up (the graders compile their phrase lists on first use, a few
seconds once per process) are not. A second, untimed pass runs under tracemalloc
for the Python heap peak, because tracing slows Python down several times.

Last line: {"replies": 10000, "replies_per_s": ..., "peak_mb": ...}, where peak_mb is the
process's maximum resident set size (getrusage ru_maxrss) in MB, not the tracemalloc peak.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from counterpart import transcript_grading as tg

OPENERS = {
    "en": [
        "I'm so sorry about the wait.",
        "I understand how frustrating this is.",
        "Thanks for reaching out.",
        "Calm down, please.",
        "Hi there.",
        "",
    ],
    "zh": [
        "非常抱歉让您久等了。",
        "我理解您的心情。",
        "感谢您的耐心。",
        "请您冷静一下。",
        "您好。",
        "",
    ],
}
BODIES = {
    "en": [
        "Could you share your order number?",
        "Refunds are issued within {n} days of us receiving the item.",
        "You can return the item within {n} days of delivery.",
        "I can offer a {n} USD voucher for the trouble.",
        "I'll check with the warehouse and get back to you today.",
        "I can refund you right now, even if you used it.",
        "That's not our fault, the courier lost it.",
        "When did the parcel arrive, and is the box damaged?",
    ],
    "zh": [
        "请问您的订单号是多少？",
        "退款会在收到商品后{n}天内到账。",
        "您可以在签收后{n}天内申请退货。",
        "我可以为您申请{n}元的优惠券作为补偿。",
        "我马上联系仓库，今天给您回复。",
        "我马上退款给您，用过也能退。",
        "这不是我们的问题，是快递弄丢的。",
        "请问包裹是哪天收到的？外箱有破损吗？",
    ],
}
CUSTOMER = {
    "en": ["Where is my refund?!", "My parcel never arrived.", "The blender is broken."],
    "zh": ["我的退款呢？！", "包裹一直没到。", "搅拌机坏了。"],
}
POLICIES = [None, None, "returns-refunds", "returns-refunds@2026.10", "payments"]


def make_reply(rng: random.Random, i: int) -> dict:
    language = "zh" if rng.random() < 0.4 else "en"
    parts = [rng.choice(OPENERS[language])]
    for _ in range(rng.randint(1, 3)):
        parts.append(rng.choice(BODIES[language]).format(n=rng.choice([2, 5, 7, 14, 30, 90])))
    joiner = "" if language == "zh" else " "
    line: dict = {"id": f"chat-{i:05d}", "reply": joiner.join(p for p in parts if p)}
    if rng.random() < 0.6:
        turns = [{"role": "customer", "text": rng.choice(CUSTOMER[language])}]
        if rng.random() < 0.5:
            turns += [
                {"role": "agent", "text": rng.choice(OPENERS[language]) or "OK"},
                {"role": "customer", "text": rng.choice(CUSTOMER[language])},
            ]
        line["context"] = turns
    if rng.random() < 0.7:
        line["reply_seconds"] = round(rng.uniform(1, 200), 1)
    if policy := rng.choice(POLICIES):
        line["policy"] = policy
    if rng.random() < 0.3:
        line["language"] = language
    return line


def write_replies(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps(make_reply(rng, i), ensure_ascii=False) + "\n")


class Discard:
    """A sink that keeps only the byte count, so writing costs what serialising costs."""

    def __init__(self) -> None:
        self.bytes = 0

    def write(self, data: bytes) -> None:
        self.bytes += len(data)


def grade_file(path: Path, catalog: tg.PolicyCatalog, default_policy) -> tg.Tally:
    tally, sink = tg.Tally(), Discard()
    with path.open("rb") as source:
        for record in tg.grade_stream(
            tg.read_lines(source), catalog, default_policy, 60.0, tally=tally
        ):
            sink.write(tg.to_json_line(record))
    return tally


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    catalog = tg.PolicyCatalog(tg.policy_library())
    default_policy = catalog.resolve("returns-refunds")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "replies.jsonl"
        write_replies(path, args.replies, args.seed)
        warm = Path(folder) / "warm.jsonl"
        write_replies(warm, 50, args.seed + 1)
        started = time.perf_counter()
        grade_file(warm, catalog, default_policy)
        warmup_s = time.perf_counter() - started

        started, cpu_started = time.perf_counter(), time.process_time()
        tally = grade_file(path, catalog, default_policy)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started

        tracemalloc.start()
        grade_file(path, catalog, default_policy)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    if tally.errors:
        sys.exit(f"{tally.errors} generated lines could not be graded")
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    figures = {
        "replies": tally.graded,
        "replies_per_s": round(tally.graded / seconds),
        "peak_mb": round(rss_mb, 1),
    }
    print(
        f"graded {tally.graded} replies in {seconds:.2f} s ({figures['replies_per_s']}/s; "
        f"CPU {cpu_seconds:.2f} s, {tally.graded / cpu_seconds:.0f}/CPU-s); "
        f"warm-up {warmup_s:.2f} s; tracemalloc peak {traced_peak / 1024:.0f} KiB; "
        f"max RSS {figures['peak_mb']} MB (peak_mb)"
    )
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
