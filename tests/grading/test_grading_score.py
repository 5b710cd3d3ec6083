from __future__ import annotations

import pydantic
import pytest

from grading.score import Reason, ReplyGrade, Score


def test_findings_are_the_reasons_that_cost_points():
    good = Reason(kind="apology", text="Apologises.", quote="sorry", points=15)
    neutral = Reason(kind="no_question", text="Asks nothing.")
    bad = Reason(kind="dismissive", text="Dismissive.", quote="calm down", points=-30)
    score = Score(dimension="empathy", value=5, reasons=[good, neutral, bad])
    assert score.findings == [bad]


def test_scores_maps_each_dimension_to_its_value():
    grade = ReplyGrade(
        empathy=Score(dimension="empathy", value=85, reasons=[]),
        policy=Score(dimension="policy", value=None, reasons=[]),
        speed=Score(dimension="speed", value=40, reasons=[]),
    )
    assert grade.scores() == {"empathy": 85, "policy": None, "speed": 40}


@pytest.mark.parametrize("value", [-1, 101])
def test_score_value_must_be_between_0_and_100(value):
    with pytest.raises(pydantic.ValidationError):
        Score(dimension="speed", value=value, reasons=[])


def test_unknown_dimension_is_rejected():
    with pytest.raises(pydantic.ValidationError):
        Score(dimension="tone", value=50, reasons=[])


def test_models_are_frozen():
    reason = Reason(kind="late", text="Replied late.", points=-10)
    with pytest.raises(pydantic.ValidationError):
        reason.points = 0
    score = Score(dimension="speed", value=90, reasons=[reason])
    with pytest.raises(pydantic.ValidationError):
        score.value = 100


def test_reason_defaults_and_section():
    reason = Reason(
        kind="wrong_number",
        text="Wrong.",
        quote="7 days",
        points=-40,
        section="returns-refunds#refund-timing@2026.10",
    )
    assert reason.section == "returns-refunds#refund-timing@2026.10"
    plain = Reason(kind="on_time", text="On time.")
    assert (plain.quote, plain.points, plain.section) == (None, 0, None)
