"""Sentence spans of the normalised text and whether each one asks something."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from grading.text import sentences as _sentence_spans

DATA = Path(__file__).parent / "data" / "questions.yaml"

_QUESTION_MARKS = frozenset("?؟")
_MARKS = ("?", "؟")
# Closing characters that may follow the last word of a question: punctuation, quotes, emoji.
_TAIL = re.compile(r"[\W_]+$")


def spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `norm`, closing punctuation included, trimmed."""
    return _sentence_spans(norm)


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    """One pattern per language: opener at the start, a cue anywhere, or an ending."""
    with DATA.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    # Imported here to keep this module's imports light; cues are normalised the way replies
    # are, which is what lets "¿" or "اين" meet the text.
    from grading.reading.normalise import normalise

    def alternatives(kind: str, lang: str) -> list[str]:
        cues = (raw.get(kind) or {}).get(lang) or ()
        forms = sorted({normalise(str(cue))[0] for cue in cues}, key=len, reverse=True)
        return [re.escape(form) for form in forms if form]

    patterns = {}
    for lang in {lang for kind in raw.values() for lang in (kind or {})}:
        parts = []
        if openers := alternatives("openers", lang):
            # A word opener must end at a word boundary: "is it" does not open "is items".
            parts.append(rf"^(?:{'|'.join(openers)})(?!\w)")
        if contains := alternatives("contains", lang):
            parts.append(f"(?:{'|'.join(contains)})")
        if endings := alternatives("endings", lang):
            parts.append(rf"(?:{'|'.join(endings)})[\W_]*$")
        if parts:
            patterns[lang] = re.compile("|".join(parts))
    return patterns


def is_question(sentence: str, lang: str) -> bool:
    """True when a normalised sentence asks something (?, ؟, ¿, 吗, "apakah", "could you…")."""
    if sentence.endswith(_MARKS):
        return True
    tail = _TAIL.search(sentence)
    if tail and not _QUESTION_MARKS.isdisjoint(tail.group()):
        return True
    pattern = _cues().get(lang)
    return pattern is not None and pattern.search(sentence) is not None
