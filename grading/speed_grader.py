"""Speed: time to reply against the service-level target.

Full marks up to the target, then a straight line to zero at three times the target: a little
late is a little worse, and beyond 3x the customer has effectively been abandoned.
"""

from __future__ import annotations

import math
import re

from grading.score import Reason, Score, clamp

ZERO_AT = 3.0  # multiples of the SLA at which the score reaches 0
# Fast typists reach about 100 words a minute, some 600 keystrokes; allow a wide margin.
MAX_KEYSTROKES_PER_MINUTE = 900
# Chinese is typed through pinyin: about three keystrokes per character.
KEYSTROKES_PER_CJK = 3
# A pasted reply is neither rewarded for speed nor punished as late: it gets the middle.
PASTED_SCORE = 50


CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def keystrokes(text: str) -> int:
    """Roughly how many keys it takes to type `text`."""
    cjk = 0 if text.isascii() else len(CJK.findall(text))
    return len(text) - cjk + KEYSTROKES_PER_CJK * cjk


def grade_speed(
    reply_seconds: float | None, sla_seconds: float, reply_text: str | None = None
) -> Score:
    """Time to reply against the target; with `reply_text`, a reply that arrived faster than
    anyone types (pasted or macro) is flagged and earns no speed credit."""
    score = _timed(reply_seconds, sla_seconds)
    if reply_text is None or score.value is None or score.value < PASTED_SCORE:
        return score
    seconds = max(float(reply_seconds), 0.001)
    per_minute = keystrokes(reply_text) / seconds * 60
    if per_minute <= MAX_KEYSTROKES_PER_MINUTE:
        return score
    pasted = Reason(
        kind="pasted",
        text=f"{len(reply_text)} characters in {_fmt(seconds)} s is about "
        f"{per_minute:.0f} keystrokes a minute, faster than anyone types: a pasted reply "
        "earns no speed credit.",
        points=PASTED_SCORE - score.value,
    )
    return Score(dimension="speed", value=PASTED_SCORE, reasons=[*score.reasons, pasted])


def _timed(reply_seconds: float | None, sla_seconds: float) -> Score:
    """`_grade_time`, remembered: reply times recur (to the tenth of a second), and the same
    time against the same target reads the same, so its frozen Score is shared. The key holds
    the types, so that True is not taken for 1."""
    key = (type(reply_seconds), reply_seconds, type(sla_seconds), sla_seconds)
    try:
        score = _TIMED.get(key)
    except TypeError:  # an unhashable value: graded (as ungraded) every time
        return _grade_time(reply_seconds, sla_seconds)
    if score is None:
        score = _grade_time(reply_seconds, sla_seconds)
        if len(_TIMED) >= 4096:
            _TIMED.clear()
        _TIMED[key] = score
    return score


_TIMED: dict[tuple, Score] = {}


def _grade_time(reply_seconds: float | None, sla_seconds: float) -> Score:
    if not _finite(sla_seconds) or sla_seconds <= 0:
        return _ungraded("no_target", "No reply-time target is set, so speed is not graded.")
    if not _finite(reply_seconds, allow_inf=True):
        return _ungraded("no_timing", "No reply time was recorded, so speed is not graded.")
    # A negative time is clock skew between browser and server; it was not late.
    seconds = max(0.0, float(reply_seconds))
    said = f"Replied in {_fmt(seconds)} s; the target is {_fmt(sla_seconds)} s."
    if seconds <= sla_seconds:
        return Score(dimension="speed", value=100, reasons=[Reason(kind="on_time", text=said)])
    overshoot = (seconds - sla_seconds) / ((ZERO_AT - 1) * sla_seconds)
    value = 0 if math.isinf(seconds) else clamp(100 * (1 - overshoot))
    return Score(
        dimension="speed",
        value=value,
        reasons=[Reason(kind="late", text=said, points=value - 100)],
    )


def _finite(x: object, allow_inf: bool = False) -> bool:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    return not math.isnan(x) and (allow_inf or not math.isinf(x))


def _ungraded(kind: str, text: str) -> Score:
    return Score(dimension="speed", value=None, reasons=[Reason(kind=kind, text=text)])


def _fmt(seconds: float) -> str:
    if math.isinf(seconds):
        return "∞"
    return f"{seconds:.0f}" if abs(seconds - round(seconds)) < 0.05 else f"{seconds:.1f}"
