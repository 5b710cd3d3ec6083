"""Sentence spans of the normalised text and whether each one asks something."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from grading.text import sentences as _sentence_spans

DATA = Path(__file__).parent / "data" / "questions.yaml"

_QUESTION_MARKS = frozenset("?؟")


def spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `norm`, closing punctuation included, trimmed."""
    return _sentence_spans(norm)


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[re.Pattern | None, tuple[str, ...]]]:
    """Per language: one pattern for the openers and the cues found anywhere, and the endings."""
    with DATA.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f) or {}
    # Imported here to keep this module's imports light; cues are normalised the way replies
    # are, which is what lets "¿" or "اين" meet the text.
    from grading.reading.normalise import normalise

    def forms(kind: str, lang: str) -> list[str]:
        cues = (raw.get(kind) or {}).get(lang) or ()
        found = {normalise(str(cue))[0].strip() for cue in cues}
        return sorted((form for form in found if form), key=len, reverse=True)

    cues = {}
    for lang in {lang for kind in raw.values() for lang in (kind or {})}:
        parts = []
        if openers := forms("openers", lang):
            # An opener that ends in a letter must end a word: "is it" does not open "is items".
            words = [re.escape(o) + (r"(?!\w)" if o[-1].isalnum() else "") for o in openers]
            parts.append(f"^(?:{'|'.join(words)})")
        if contains := forms("contains", lang):
            parts.append(f"(?:{'|'.join(map(re.escape, contains))})")
        pattern = re.compile("|".join(parts)) if parts else None
        cues[lang] = (pattern, tuple(forms("endings", lang)))
    return cues


def is_question(sentence: str, lang: str) -> bool:
    """True when a normalised sentence asks something (?, ؟, ¿, 吗, "apakah", "could you…")."""
    # The closing run after the last letter or digit: punctuation, quotes, emoji. Walked back
    # by hand: a regex anchored at the end retries from every position of a long run.
    end = len(sentence)
    while end and not sentence[end - 1].isalnum():
        end -= 1
    if not _QUESTION_MARKS.isdisjoint(sentence[end:]):
        return True
    pattern, endings = _cues().get(lang, (None, ()))
    if endings and sentence.endswith(endings, 0, end):
        return True
    return pattern is not None and pattern.search(sentence) is not None
