"""Speed: time to reply against the service-level target.

Full marks up to the target, then a straight line to zero at three times the target: a little
late is a little worse, and beyond 3x the customer has effectively been abandoned.
"""

from __future__ import annotations

import math

from grading.score import Reason, Score, clamp

ZERO_AT = 3.0  # multiples of the SLA at which the score reaches 0


def grade_speed(reply_seconds: float | None, sla_seconds: float) -> Score:
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
