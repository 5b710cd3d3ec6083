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


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The number words, and per concept the words that may stand before an identifier."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    number = tuple(sorted((w.lower() for w in data["number_words"]), key=len, reverse=True))
    concepts = tuple(
        (concept, tuple(sorted((w.lower() for w in data[concept]), key=len, reverse=True)))
        for concept in ("order-number", "booking-reference")
    )
    return number, concepts


def _named_by(before: str) -> tuple[str, int] | None:
    """The concept whose word ends `before` (a number word and a colon may follow it), and
    where that word starts."""
    number, concepts = _words()
    tail = before.rstrip(" \t:：#")
    for w in number:
        if tail.endswith(w) and (not w[-1].isalpha() or not tail[: -len(w)][-1:].isalpha()):
            tail = tail[: -len(w)].rstrip(" \t:：#")
            break
    for concept, words in concepts:
        for w in words:
            if tail.endswith(w):
                start = len(tail) - len(w)
                ahead = tail[start - 1 : start]
                if w[0].isalpha() and not "\u3400" <= w[0] <= "\u9fff" and ahead.isalpha():
                    continue  # inside a longer word
                return concept, start
    return None


_DIGITS = re.compile(r"\d[a-z0-9_-]{2,}(?![a-z0-9_-])")
_PREFIX = re.compile(r"[a-z]{1,6}[-_]?$")  # "bx-" in "bx-40917"
_LOOK_BACK = 24  # characters before an identifier where its word may stand


def identifier_spans(norm: str) -> list[tuple[str, int, int]]:
    """(concept, start, end) in `norm` of each identifier written out. The digits are found
    first (a search that skips fast to them), then a letter prefix and the words before."""
    found = []
    last = -1
    for m in _DIGITS.finditer(norm):
        start = m.start()
        if start <= last:
            continue
        prefix = _PREFIX.search(norm, max(0, start - 7), start)
        if prefix is not None:
            start = prefix.start()
        elif start and norm[start - 1].isdigit():
            continue  # the tail of a longer number
        if start and (norm[start - 1].isalpha() and norm[start - 1].isascii()):
            continue  # inside a word
        before = norm[max(0, start - _LOOK_BACK) : start]
        named = _named_by(before)
        if named is not None:
            concept, at = named
            found.append((concept, start - len(before) + at, m.end()))
            last = m.end()
    return found
