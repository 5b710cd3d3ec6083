"""What one trainee turn costs beyond the LLM: saving, grading, customer state, the scripted
answer and its saving, over 200 turns on a SQLite file.

    python benchmarks/turn_overhead.py [--turns 200]

Last line: {"turns": 200, "p50_ms": ..., "p95_ms": ...}
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from counterpart.accounts import create_user
from counterpart.session_loop import SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library

REPLIES = [
    "I'm so sorry about the wait. Could you share your order number?",
    "Thanks. Your refund is issued within 5 days of us receiving the item.",
    "I understand how frustrating this is; I'll check with the warehouse now.",
    "Refunds take 30 days, please calm down.",
    "我理解您的心情，请问您的订单号是多少？",
    "I can offer a 10 USD voucher for the trouble. Anything else I can do?",
]


def run(turns: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        library = load_library()
        loop = SessionLoop(store, library)
        user = create_user(store, "bench", "password1", "trainee")
        # Lessons open to a new trainee: the first module of every track that needs no
        # certificate (later modules unlock only after passing the earlier ones).
        lessons = [
            (c.id, lesson.id)
            for c in library.curricula.values()
            for track in c.tracks
            if not track.requires
            for lesson in track.modules[0].lessons
            if lesson.kind == "chat"
        ]
        timings: list[float] = []
        session = None
        while len(timings) < turns:
            if session is None or loop.session(user, session).status != "active":
                course, lesson = lessons[len(timings) % len(lessons)]
                session = loop.start(user, course, lesson, seed=len(timings)).id
            text = REPLIES[len(timings) % len(REPLIES)]
            started = time.perf_counter()
            loop.submit(user, session, text)
            for _ in loop.customer_reply(user, session):
                pass
            timings.append((time.perf_counter() - started) * 1000)
        store.engine.dispose()
        return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()
    run(10)  # warm imports and caches
    timings = sorted(run(args.turns))
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    print(f"turns={len(timings)} min={timings[0]:.2f} ms max={timings[-1]:.2f} ms")
    print(
        json.dumps(
            {
                "turns": len(timings),
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(p95, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
