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


def test_a_reply_faster_than_anyone_types_is_flagged_not_rewarded():
    from grading.speed_grader import PASTED_SCORE

    pasted = grade_speed(4, 60, "x" * 400)
    assert pasted.value == PASTED_SCORE
    assert [r.kind for r in pasted.findings] == ["pasted"]
    typed = grade_speed(40, 60, "I'm sorry about the delay, let me check that for you.")
    assert typed.value == 100 and not typed.findings


def test_chinese_counts_its_pinyin_keystrokes():
    # 60 characters in 8 s: 450 characters a minute is pasted in Chinese, not in English.
    assert grade_speed(8, 60, "好" * 60).value == 50
    assert grade_speed(8, 60, "a" * 60).value == 100


def test_a_late_pasted_reply_keeps_its_lateness():
    assert grade_speed(150, 60, "x" * 20000).value < 50
