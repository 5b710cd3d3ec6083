from __future__ import annotations

from grading.rubric import grade_reply


def test_grades_all_three_dimensions(returns_policy, quotes_in):
    reply = (
        "I'm sorry about the wait, I understand how frustrating that is. Your refund is issued "
        "within 5 days of us receiving the item. Could you tell me the order number? "
        "I'll check it now."
    )
    grade = grade_reply(reply, policy=returns_policy, sla_seconds=60, reply_seconds=30)
    scores = grade.scores()
    assert scores["empathy"] >= 85
    assert scores["policy"] == 100
    assert scores["speed"] == 100
    quotes_in(reply, grade.empathy, grade.policy, grade.speed)


def test_poor_reply_in_chinese(returns_policy):
    reply = "请冷静，退款需要十天，我保证。"
    grade = grade_reply(reply, policy=returns_policy, sla_seconds=60, reply_seconds=150)
    assert grade.empathy.value < 30
    assert grade.policy.value == 25  # one wrong number (-40) and one forbidden promise (-35)
    assert grade.speed.value == 25


def test_without_a_policy_the_policy_score_is_none(returns_policy):
    grade = grade_reply("Sorry!", policy=None, sla_seconds=60, reply_seconds=10)
    assert grade.policy.value is None
    assert [r.kind for r in grade.policy.reasons] == ["no_policy"]
    assert grade.empathy.value is not None


def test_without_timing_the_speed_score_is_none(returns_policy):
    grade = grade_reply("Sorry!", policy=returns_policy, sla_seconds=60, reply_seconds=None)
    assert grade.speed.value is None
    assert grade.scores()["speed"] is None


def test_customer_text_and_language_reach_the_empathy_grader(returns_policy):
    grade = grade_reply(
        "好的。",
        policy=returns_policy,
        sla_seconds=60,
        reply_seconds=10,
        customer_text="太过分了！！",
        language="zh",
    )
    missing = next(r for r in grade.empathy.reasons if r.kind == "no_acknowledgement")
    assert "upset" in missing.text and "理解" in missing.text


def test_a_grader_crash_leaves_that_dimension_ungraded(returns_policy, monkeypatch):
    import grading.rubric as rubric

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(rubric, "grade_empathy", broken)
    grade = grade_reply("Sorry!", policy=returns_policy, sla_seconds=60, reply_seconds=10)
    assert grade.empathy.value is None
    assert [r.kind for r in grade.empathy.reasons] == ["grader_error"]
    assert grade.policy.value == 100
