"""Sentence spans of the normalised text and whether each one asks something."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from grading.text import sentences as _sentence_spans

DATA = Path(__file__).parent / "data" / "questions.yaml"

_QUESTION_MARKS = frozenset("?؟")
# Closing characters that may follow the last word of a question: punctuation, quotes, emoji.
_TAIL = re.compile(r"[\W_]+$")


def spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `norm`, closing punctuation included, trimmed."""
    return _sentence_spans(norm)


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, tuple[str, ...]]]:
    with DATA.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    # Imported here: words imports nothing from this module, and normalising the cues the way
    # replies are normalised is what lets "¿" or "اين" meet the text.
    from grading.reading.normalise import normalise

    return {
        kind: {
            lang: tuple(normalise(str(cue))[0] for cue in cues or ())
            for lang, cues in (raw.get(kind) or {}).items()
        }
        for kind in ("openers", "contains", "endings")
    }


def is_question(sentence: str, lang: str) -> bool:
    """True when a normalised sentence asks something (?, ؟, ¿, 吗, "apakah", "could you…")."""
    tail = _TAIL.search(sentence)
    if tail and not _QUESTION_MARKS.isdisjoint(tail.group()):
        return True
    cues = _cues()
    body = sentence[: tail.start()] if tail else sentence
    if any(body.endswith(cue) for cue in cues["endings"].get(lang, ())):
        return True
    if any(cue in sentence for cue in cues["contains"].get(lang, ())):
        return True
    for cue in cues["openers"].get(lang, ()):
        if sentence.startswith(cue) and (
            len(sentence) == len(cue) or not sentence[len(cue)].isalnum() or not cue[-1].isalnum()
        ):
            return True
    return False
