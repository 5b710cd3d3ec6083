"""Time and memory the content loader spends on YAML written to hurt it (issue 10, item 6), with
libyaml's parser and with PyYAML's own, and what `counterpart validate` spends on each file.

    python benchmarks/content_bounds.py [--repeats 5] [--case NAME ...]

Cases: the billion laughs (nine lines of aliases after a shipped persona, 4.7 KB), a recursive
alias, nesting 10,000 and 100,000 deep, a 100,000-digit integer, a 1.1 MiB file, a key written
twice; then the heaviest documents the bounds let through, to show that what is accepted is
cheap too: aliases expanding to 8,500 values, a list of 9,700 values (both refused afterwards
by the persona model as unknown fields), and a valid persona padded to just under 1 MiB.

Each case runs in a fresh process per parser, so that its figures are its own:
- load ms: median wall time of `load_persona(path)` (read, parse, check the model, report);
- py peak MiB: peak of Python allocations during one load (tracemalloc);
- rss +MiB: growth of the process's peak resident size over all the loads (imports done);
- cli ms, cli +MiB: `python -m counterpart.cli validate FILE` (libyaml, the default): median
  wall time, start-up included, and peak resident size (from wait4) beyond that of validating
  a copy of a shipped persona (the CLI loads and checks the whole shipped library either way;
  the baseline's time is printed first, to compare with).
- answer: the first problem reported (file name and line stripped).

Target: every case answered in under a second within a few megabytes.
Last line: {"max_load_ms": ..., "max_py_peak_mib": ..., "max_rss_growth_mib": ...,
            "max_cli_ms": ..., "cli_baseline_ms": ..., "max_cli_extra_rss_mib": ...}
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERSONA = (ROOT / "personas" / "library" / "rude-late-refund.yaml").read_text(encoding="utf-8")
MIB = 1024 * 1024


def laughs(levels: int) -> str:
    lines = ["lol1: &lol1 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [
        f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]" for n in range(2, levels + 1)
    ]
    return PERSONA + "\n".join(lines) + "\n"


def cases() -> dict[str, str]:
    return {
        "billion-laughs": laughs(9),
        "recursive-alias": PERSONA + "loop: &loop [waiting, *loop]\n",
        "nested-10k": PERSONA + "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "nested-100k": PERSONA + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "integer-100k-digits": PERSONA.replace("patience: 4", "patience: " + "9" * 100_000),
        "file-1.1MiB": PERSONA + "# " + "padding " * 140_000 + "\n",
        "duplicate-key": PERSONA + "patience: 9\n",
        "accepted-aliases-8.5k": laughs(4),
        "accepted-9.7k-values": PERSONA + "extra: [" + ", ".join(["1"] * 9_700) + "]\n",
        "accepted-1MiB": PERSONA + "# " + "x" * (MIB - len(PERSONA) - 100) + "\n",
    }


def measure_one(path: Path, parser: str, repeats: int) -> dict:
    """In this process: load `path` `repeats` times with `parser`, then once under tracemalloc."""
    from personas import bounded_yaml
    from personas.library_loader import load_persona
    from personas.source import ContentError

    if parser == "libyaml" and bounded_yaml.CBoundedLoader is None:
        return {"skipped": "PyYAML was built without libyaml"}
    chosen = bounded_yaml.LOADER
    bounded_yaml.LOADER = (
        bounded_yaml.CBoundedLoader if parser == "libyaml" else bounded_yaml.PythonBoundedLoader
    )

    def load() -> str:
        try:
            load_persona(path)
        except ContentError as exc:
            return str(exc.problems[0]).removeprefix(f"{path}:")
        return "loads"

    try:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        load()  # warm up: lazy imports, caches
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            answer = load()
            timings.append(time.perf_counter() - started)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        load()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        bounded_yaml.LOADER = chosen
    return {
        "load_ms": statistics.median(timings) * 1000,
        "py_peak_mib": peak / MIB,
        "rss_growth_mib": (rss_after - rss_before) / 1024,  # ru_maxrss is in KiB on Linux
        "answer": answer,
    }


def run_cli(path: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of `counterpart validate PATH`."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "counterpart.cli", "validate", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--case", action="append", help="only these cases (default: all)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: one file, one parser
    parser.add_argument("--parser", default="libyaml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(Path(args.one), args.parser, args.repeats)))
        return {}

    chosen = {k: v for k, v in cases().items() if not args.case or k in args.case}
    rows = []
    with tempfile.TemporaryDirectory(prefix="content-bounds-") as folder:
        baseline = Path(folder) / "shipped.yaml"
        baseline.write_text(PERSONA, encoding="utf-8")
        base = [run_cli(baseline) for _ in range(args.repeats)]
        base_ms = statistics.median(seconds for seconds, _ in base) * 1000
        base_rss = statistics.median(rss for _, rss in base)
        print(
            f"counterpart validate on a copy of a shipped persona: {base_ms:.0f} ms, "
            f"peak RSS {base_rss:.1f} MiB"
        )
        header = (
            f"{'case':24} {'KB':>7} {'parser':8} {'load ms':>8} {'py peak MiB':>11} "
            f"{'rss +MiB':>8} {'cli ms':>7} {'cli +MiB':>8}  answer"
        )
        print(header)
        for name, text in chosen.items():
            path = Path(folder) / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            runs = [run_cli(path) for _ in range(args.repeats)]
            cli_ms = statistics.median(seconds for seconds, _ in runs) * 1000
            cli_extra = statistics.median(rss for _, rss in runs) - base_rss
            for which in ("libyaml", "python"):
                done = subprocess.run(
                    [sys.executable, __file__, "--one", str(path), "--parser", which]
                    + ["--repeats", str(args.repeats)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(done.stdout.strip().splitlines()[-1])
                if "skipped" in row:
                    print(f"{name:24} {'':7} {which:8} skipped: {row['skipped']}")
                    continue
                row.update(case=name, parser=which, cli_ms=cli_ms, cli_extra_rss_mib=cli_extra)
                rows.append(row)
                answer = row["answer"] if len(row["answer"]) < 70 else row["answer"][:67] + "..."
                print(
                    f"{name:24} {len(text.encode()) / 1024:7.1f} {which:8} "
                    f"{row['load_ms']:8.1f} {row['py_peak_mib']:11.2f} "
                    f"{row['rss_growth_mib']:8.1f} {cli_ms:7.0f} {cli_extra:8.1f}  {answer}"
                )
    figures = {
        "max_load_ms": round(max(r["load_ms"] for r in rows), 1),
        "max_py_peak_mib": round(max(r["py_peak_mib"] for r in rows), 2),
        "max_rss_growth_mib": round(max(r["rss_growth_mib"] for r in rows), 1),
        "max_cli_ms": round(max(r["cli_ms"] for r in rows)),
        "cli_baseline_ms": round(base_ms),
        "max_cli_extra_rss_mib": round(max(r["cli_extra_rss_mib"] for r in rows), 1),
    }
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
