from __future__ import annotations

from curricula.library import load_library
from grading.feedback import better_phrasing
from grading.score import Reason, ReplyGrade, Score

POLICY = load_library().policy("returns-refunds")


def grade(empathy=80, policy=100, speed=100, policy_reasons=()):
    return ReplyGrade(
        empathy=Score(dimension="empathy", value=empathy),
        policy=Score(dimension="policy", value=policy, reasons=list(policy_reasons)),
        speed=Score(dimension="speed", value=speed),
    )


WRONG_REFUND = Reason(
    kind="wrong_number",
    text="30 days is wrong: The refund is issued within 5 days of us receiving the item.",
    quote="30 days",
    points=-40,
    section="returns-refunds#refund-timing@2026.10",
)
PROMISE = Reason(
    kind="forbidden_promise",
    text="Refunds are only issued after the returned item is received.",
    quote="refund right now",
    points=-35,
    section="returns-refunds#refund-timing@2026.10",
)


def test_nothing_is_suggested_when_every_dimension_passes():
    assert better_phrasing(grade()) is None
    assert better_phrasing(grade(empathy=None, policy=None, speed=None)) is None


def test_a_wrong_number_is_corrected_with_the_policy_statement():
    text = better_phrasing(grade(policy=60, policy_reasons=[WRONG_REFUND]), policy=POLICY)
    statement = POLICY.section("refund-timing").facts[0].statement
    assert statement in text
    assert "30" not in text


def test_a_forbidden_promise_is_replaced_by_what_the_agent_can_do():
    text = better_phrasing(grade(policy=65, policy_reasons=[PROMISE]), policy=POLICY)
    assert text.startswith("I'm so sorry") and "can't promise" in text
    assert POLICY.section("refund-timing").facts[0].statement in text


def test_weak_empathy_uses_the_persona_example_when_there_is_one():
    example = "I'm sorry you've waited three weeks. Could you give me the order number?"
    assert better_phrasing(grade(empathy=20), examples=[example]) == example
    generic = better_phrasing(grade(empathy=20))
    assert "sorry" in generic and "?" in generic


def test_the_pass_marks_decide_what_fails():
    assert better_phrasing(grade(empathy=70), {"empathy": 80}) is not None
    assert better_phrasing(grade(empathy=70), {"empathy": 60}) is None


def test_chinese_replies_get_chinese_phrasing():
    text = better_phrasing(grade(empathy=10), language="zh")
    assert "抱歉" in text and "？" in text


def test_a_slow_reply_gets_a_holding_message():
    text = better_phrasing(grade(speed=20))
    assert "checking" in text


def test_the_generic_phrasing_itself_grades_well():
    from grading.rubric import grade_reply

    for language in ("en", "zh"):
        text = better_phrasing(grade(empathy=10), language=language)
        graded = grade_reply(text, policy=None, sla_seconds=60, reply_seconds=45)
        assert graded.empathy.value >= 85, (language, graded.empathy.levels)


def test_a_skipped_step_is_fixed_by_asking_for_it_first():
    from grading.rubric import grade_reply

    for reply, language, asks in (
        ("I'll refund you right away, sorry!", "en", "order number"),
        ("我马上给您退款，抱歉。", "zh", "订单号"),
    ):
        graded = grade_reply(
            reply, policy=POLICY, sla_seconds=60, reply_seconds=20, pass_marks={"policy": 80}
        )
        assert [f.kind for f in graded.policy.findings] == ["skipped_step"]
        assert asks in graded.suggestion, (language, graded.suggestion)
