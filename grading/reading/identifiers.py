"""Identifiers written out: "order BX-40917" names the order number as surely as the words
"order number" do; "reserva RMY-77410", the booking reference.

The words are data (data/identifiers.yaml). An identifier is four or more letters, digits and
dashes holding at least one digit, right after the word (a number word such as "#", "no.",
"号" or "رقم" and a colon may stand between).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "identifiers.yaml"
_ID = r"(?:[a-z]{0,6}[-_]?)?\d[a-z0-9_-]{2,}(?![a-z0-9_-])"


def _word(w: str) -> str:
    w = re.escape(w.lower())
    return w if re.match(r"[\u3400-\u9fff]", w) else rf"(?<!\w){w}(?!\w)"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    number = "|".join(re.escape(w.lower()) for w in data["number_words"])
    found = []
    for concept in ("order-number", "booking-reference"):
        words = "|".join(_word(w) for w in sorted(data[concept], key=len, reverse=True))
        found.append(
            (
                concept,
                re.compile(rf"(?:{words})\s*(?:(?:{number})\s*)?[:：#]?\s*({_ID})"),
            )
        )
    return tuple(found)


def identifier_spans(norm: str) -> list[tuple[str, int, int]]:
    """(concept, start, end) in `norm` of each identifier written out."""
    found = []
    for concept, pattern in patterns():
        for m in pattern.finditer(norm):
            found.append((concept, m.start(), m.end()))
    return found
