"""How fast read() reads a reply, and how often it gets a sentence's language right.

    python benchmarks/reading_speed.py [--replies 3000] [--seed 7] [--compare]

Speed: builds that many replies of about 200 characters from the labelled sentences in
tests/grading/reading_layer/language_sentences.yaml (en, es, id, zh, ar and Spanish-English mixed,
each reply a few sentences of one language plus an order number, so no two are equal) and
times read() on each without its cache, after a warm-up that loads the dictionaries. "core" is
the reading this layer does itself (normalise, sentences, language, tokens, lemmas); "full"
adds the later steps (quantities, concepts, actions) whose modules exist.

Accuracy: the language read() gives every labelled sentence on its own, per language. With
--compare it also measures the alternatives on the same sentences, each restricted to en/es/id:
the function-word scorer alone, py3langid, and lingua (high and low accuracy mode) where they
are installed, and jieba's segmentation cost against one token per ideograph.

Last line: JSON with the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grading.reading import language as language_module  # noqa: E402
from grading.reading import reading as reading_module  # noqa: E402
from grading.reading.normalise import normalise  # noqa: E402

SENTENCES = ROOT / "tests" / "grading" / "reading_layer" / "language_sentences.yaml"
# English written by people who never saw this code (Wikipedia and StackExchange requests), for
# measuring only; absent on a machine without ../shared/data.
REAL_ENGLISH = ROOT.parent / "shared" / "data" / "politeness-stanford"
LANGUAGES = ("en", "es", "id", "zh", "ar")


def labelled() -> list[tuple[str, str, str]]:
    """(sentence, language, group): the language, "mixed", "short-<lang>" or "hard"."""
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    items = [(text, lang, lang) for lang in LANGUAGES for text in data[lang]]
    items += [(text, lang, "mixed") for lang, text in data["mixed"]]
    items += [(text, lang, f"short-{lang}") for lang, text in data["short"]]
    items += [(text, lang, "hard") for lang, text in data["hard"]]
    return items


def make_replies(count: int, seed: int, target: int = 200) -> list[str]:
    rng = random.Random(seed)
    by_group: dict[str, list[str]] = {}
    for text, _, group in labelled():
        if group != "hard":
            by_group.setdefault(group.removeprefix("short-"), []).append(text)
    groups = sorted(by_group)
    replies = []
    for i in range(count):
        pool = by_group[groups[i % len(groups)]]
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target - 40:
            parts.append(rng.choice(pool))
        parts.insert(rng.randrange(len(parts) + 1), f"#{rng.randrange(10**7):07d}")
        replies.append(" ".join(parts))
    return replies


def time_calls(function, replies: list[str]) -> dict:
    durations = []
    cpu_start = time.process_time()
    for text in replies:
        t0 = time.perf_counter()
        function(text)
        durations.append(time.perf_counter() - t0)
    cpu = time.process_time() - cpu_start
    total = sum(durations)
    durations.sort()
    return {
        "replies_per_s": round(len(replies) / total),
        "mean_us": round(total / len(replies) * 1e6, 1),
        "p95_us": round(durations[int(0.95 * (len(durations) - 1))] * 1e6, 1),
        # CPU time is steadier than the wall clock on a busy machine.
        "cpu_mean_us": round(cpu / len(replies) * 1e6, 1),
    }


def real_english(limit: int = 4000) -> dict | None:
    """Share of sentences read() calls "en" in real English requests (None: no data here)."""
    import csv

    files = sorted(REAL_ENGLISH.glob("*.annotated.csv")) if REAL_ENGLISH.is_dir() else []
    if not files:
        return None
    tally: dict[str, int] = {}
    for path in files:
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for sentence in reading_module.read.__wrapped__(row["Request"]).sentences:
                    tally[sentence.lang] = tally.get(sentence.lang, 0) + 1
                if sum(tally.values()) >= limit:
                    break
    total = sum(tally.values())
    return {"sentences": total, "en": round(tally.get("en", 0) / total, 3), "labels": tally}


def step_costs(replies: list[str]) -> dict[str, float]:
    """Mean µs per reply of each later step whose module exists, run in read()'s order."""
    costs = {}
    readings = [reading_module._read_words(text) for text in replies]
    for module_name, function, attribute in reading_module._STEPS:
        module = reading_module._step_module(module_name)
        if module is None or not hasattr(module, function):
            continue
        step = getattr(module, function)
        t0 = time.perf_counter()
        for reading in readings:
            with contextlib.suppress(Exception):  # read() logs a failing step and goes on
                setattr(reading, attribute, list(step(reading)))
        mean = (time.perf_counter() - t0) / len(readings) * 1e6
        costs[f"{module_name}.{function}"] = round(mean, 1)
    return costs


def accuracy(detect, items) -> tuple[dict[str, float], float]:
    right: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    for text, lang, group in items:
        tally = right.setdefault(group, [0, 0])
        tally[1] += 1
        tally[0] += detect(text) == lang
    per_sentence_us = (time.perf_counter() - t0) / len(items) * 1e6
    return {g: round(a / n, 3) for g, (a, n) in sorted(right.items())}, round(per_sentence_us, 1)


def read_language(text: str) -> str:
    (sentence, *_) = reading_module.read.__wrapped__(text).sentences or [None]
    return sentence.lang if sentence else "en"


def alternatives() -> dict:
    """Other detectors for the Latin sentences, each restricted to en, es and id."""
    found = {}

    def function_words(text: str) -> str | None:
        score = language_module.latin_scores(normalise(text)[0])
        best = max(score.values())
        return next(lang for lang in score if score[lang] == best) if best else None

    found["function words alone"] = function_words
    try:
        from py3langid import langid

        identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE)
        identifier.set_languages(["en", "es", "id"])
        found["py3langid"] = lambda text: identifier.classify(text)[0]
    except ImportError:
        pass
    try:
        from lingua import Language, LanguageDetectorBuilder

        codes = {Language.ENGLISH: "en", Language.SPANISH: "es", Language.INDONESIAN: "id"}
        high = LanguageDetectorBuilder.from_languages(*codes).build()
        low = LanguageDetectorBuilder.from_languages(*codes).with_low_accuracy_mode().build()
        found["lingua"] = lambda text: codes.get(high.detect_language_of(text))
        found["lingua low accuracy"] = lambda text: codes.get(low.detect_language_of(text))
    except ImportError:
        pass
    return found


def chinese_segmentation(replies: list[str]) -> dict:
    """µs per Chinese reply: jieba's words against one token per ideograph (what read() does)."""
    from grading.reading.words import tokenize

    chinese = [normalise(r)[0] for r in replies if any("\u4e00" <= c <= "\u9fff" for c in r)]
    figures = {}
    t0 = time.perf_counter()
    for norm in chinese:
        tokenize(norm, 0, len(norm), "zh")
    figures["ideographs_us"] = round((time.perf_counter() - t0) / len(chinese) * 1e6, 1)
    try:
        import logging
        import tempfile

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = tempfile.gettempdir()
        t0 = time.perf_counter()
        jieba.initialize()
        figures["jieba_load_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        for norm in chinese:
            list(jieba.tokenize(norm, HMM=False))
        figures["jieba_us"] = round((time.perf_counter() - t0) / len(chinese) * 1e6, 1)
    except ImportError:
        pass
    return figures


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--compare", action="store_true", help="measure the alternatives too")
    args = parser.parse_args(argv)

    replies = make_replies(args.replies, args.seed)
    uncached = reading_module.read.__wrapped__
    for text in replies[:50]:  # loads simplemma, the language model and the later steps
        uncached(text)
    core = time_calls(reading_module._read_words, replies)
    full = time_calls(uncached, replies)
    mean_chars = round(statistics.mean(len(r) for r in replies))
    print(
        f"read(): {full['replies_per_s']} replies/s, mean {full['mean_us']} µs, "
        f"p95 {full['p95_us']} µs on {len(replies)} replies of ~{mean_chars} chars "
        f"(core reading alone: {core['replies_per_s']} replies/s, p95 {core['p95_us']} µs, "
        f"CPU {core['cpu_mean_us']} µs a reply)"
    )

    steps = step_costs(replies)
    if steps:
        print("later steps, mean µs per reply:", steps)

    items = labelled()
    by_group, us = accuracy(read_language, items)
    print("language accuracy of read():", ", ".join(f"{g} {a:.3f}" for g, a in by_group.items()))
    english = real_english()
    if english:
        print(
            f"real English requests (politeness corpus): {english['en']:.3f} of "
            f"{english['sentences']} sentences read as en; {english['labels']}"
        )
    figures: dict = {
        "replies": len(replies),
        "mean_chars": mean_chars,
        "read": full,
        "core": core,
        "steps_mean_us": steps,
        "language_accuracy": by_group,
        "real_english": english,
    }
    if args.compare:
        latin = [item for item in items if item[1] in ("en", "es", "id")]
        compared = {}
        for name, detect in alternatives().items():
            detect(latin[0][0])  # loads the model
            groups, per_sentence = accuracy(detect, latin)
            compared[name] = {"accuracy": groups, "us_per_sentence": per_sentence}
            print(f"  {name}: {per_sentence} µs/sentence;", groups)
        groups, per_sentence = accuracy(read_language, latin)
        compared["read() (function words, py3langid on ties)"] = {
            "accuracy": groups,
            "us_per_sentence": per_sentence,
        }
        figures["compare"] = compared
        figures["chinese"] = chinese_segmentation(replies)
        print("  Chinese segmentation per reply:", figures["chinese"])
    print(json.dumps(figures, ensure_ascii=False))
    return figures


if __name__ == "__main__":
    main()
