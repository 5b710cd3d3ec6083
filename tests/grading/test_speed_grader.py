from __future__ import annotations

import math

import pytest

from grading.speed_grader import grade_speed


@pytest.mark.parametrize("seconds", [0, 1.5, 59.9, 60])
def test_within_the_sla_is_100(seconds):
    score = grade_speed(seconds, 60)
    assert score.value == 100
    assert [r.kind for r in score.reasons] == ["on_time"]
    assert score.findings == []


@pytest.mark.parametrize(
    ("seconds", "value"),
    [(61, 99), (90, 75), (95, 71), (120, 50), (150, 25), (180, 0), (600, 0)],
)
def test_late_falls_linearly_to_zero_at_three_times_the_sla(seconds, value):
    score = grade_speed(seconds, 60)
    assert score.value == value
    (reason,) = score.reasons
    assert reason.kind == "late"
    assert reason.quote is None
    assert reason.points == value - 100


def test_late_reason_says_how_late():
    (reason,) = grade_speed(95, 60).reasons
    assert reason.text == "Replied in 95 s; the target is 60 s."


def test_fractional_seconds_are_shown_with_one_decimal():
    (reason,) = grade_speed(60.4, 60).reasons
    assert reason.text == "Replied in 60.4 s; the target is 60 s."


@pytest.mark.parametrize("seconds", [None, math.nan, "fast", True])
def test_no_timing_cannot_be_graded(seconds):
    score = grade_speed(seconds, 60)
    assert score.value is None
    assert [r.kind for r in score.reasons] == ["no_timing"]


@pytest.mark.parametrize("sla", [0, -5, math.nan, math.inf, None])
def test_no_usable_target_cannot_be_graded(sla):
    score = grade_speed(30, sla)
    assert score.value is None
    assert [r.kind for r in score.reasons] == ["no_target"]


def test_clock_skew_is_not_late():
    assert grade_speed(-3, 60).value == 100


def test_infinitely_late_is_zero():
    assert grade_speed(math.inf, 60).value == 0
