"""YAML written to hurt the loader, shared by the tests of every path that reads content: each
text, the line the loader must point at, and the message it must give there."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERSONA = (ROOT / "personas" / "library" / "rude-late-refund.yaml").read_text(encoding="utf-8")

# 9 lines of 9 aliases each: 9**9 (about 387 million) strings once expanded, from 3.4 KB.
LAUGHS = ["lol1: &lol1 [" + ", ".join(['"lol"'] * 9) + "]"] + [
    f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]" for n in range(2, 10)
]
BILLION_LAUGHS = PERSONA + "\n".join(LAUGHS) + "\n"
# Counting each value once per alias, the 10,000th is met on lol5's line.
BILLION_LAUGHS_LINE = PERSONA.count("\n") + 5
TOO_MANY_VALUES = (
    "more than 10,000 values once aliases are expanded (a content file needs far fewer); "
    "write repeated values out instead of nesting aliases"
)

RECURSIVE_ALIAS = "name: Loop\nangers: &angers [waiting, *angers]\n"
RECURSIVE_ALIAS_MESSAGE = (
    "alias *angers stands inside the value it names, so that value would never end"
)

# 10,000 deep breaks a recursive reader (RecursionError); 100,000 crashes libyaml's composer.
DEEP = "name: Deep\nangers: " + "[" * 10_000 + "]" * 10_000 + "\n"
TOO_DEEP = "nested more than 40 levels deep (a content file needs far fewer)"

HUGE_INTEGER = "name: Big\npatience: " + "9" * 100_000 + "\n"
HUGE_NUMBER = "a number of 100,000 characters (at most 50); write it shorter"

# A valid persona followed by a comment: nothing wrong with it but its size.
OVERSIZED = PERSONA + "# " + "padding " * 140_000 + "\n"
OVERSIZED_MESSAGE = f"file too large: {len(OVERSIZED.encode('utf-8')):,} bytes (at most 1,048,576)"

# `patience: 4` stays where it is; a second one is written at the end.
DUPLICATE_KEY = PERSONA + "patience: 9\n"
FIRST_PATIENCE = PERSONA.splitlines().index("patience: 4") + 1
SECOND_PATIENCE = PERSONA.count("\n") + 1
DUPLICATE_MESSAGE = (
    f"patience: written twice in one mapping, on lines {FIRST_PATIENCE} and {SECOND_PATIENCE}; "
    "keep one"
)

# (file name, text, line, message) for each way of hurting the loader.
CASES = [
    ("laughs", BILLION_LAUGHS, BILLION_LAUGHS_LINE, TOO_MANY_VALUES),
    ("loop", RECURSIVE_ALIAS, 2, RECURSIVE_ALIAS_MESSAGE),
    ("deep", DEEP, 2, TOO_DEEP),
    ("big-number", HUGE_INTEGER, 2, HUGE_NUMBER),
    ("oversized", OVERSIZED, 1, OVERSIZED_MESSAGE),
    ("twice", DUPLICATE_KEY, SECOND_PATIENCE, DUPLICATE_MESSAGE),
]
NAMES = [case[0] for case in CASES]
