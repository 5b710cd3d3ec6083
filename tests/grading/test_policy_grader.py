from __future__ import annotations

import pytest

from curricula.library import load_library
from grading.policy_grader import grade_policy

REFUND = "returns-refunds#refund-timing@2026.10"
WINDOW = "returns-refunds#return-window@2026.10"
COMPENSATION = "returns-refunds#compensation@2026.10"
PROMISES = "returns-refunds#promises@2026.10"


def kinds(score):
    return [r.kind for r in score.reasons]


@pytest.mark.parametrize(
    "reply",
    [
        "Once we receive the item, your refund is issued within 5 days.",
        "You can return the item within 30 days of delivery.",
        "Defective items can be returned within 90 days, so you're covered.",
        "I can offer you a voucher of up to 20 USD for the trouble.",
        "退款会在5个工作日内到账。",
        "三十天内都可以退货。",
        "商品有质量问题的话，九十天内都可以退回。",
    ],
)
def test_correct_statements_keep_100_and_are_noted(returns_policy, quotes_in, reply):
    score = grade_policy(reply, returns_policy)
    assert score.value == 100
    assert score.findings == []
    assert "states_fact" in kinds(score)
    quotes_in(reply, score)


def test_wrong_refund_days_in_english(returns_policy, quotes_in):
    reply = "Don't worry. Your refund will arrive within 10 days."
    score = grade_policy(reply, returns_policy)
    assert score.value == 60
    (finding,) = score.findings
    assert finding.kind == "wrong_number"
    assert finding.points == -40
    assert finding.section == REFUND
    assert "10 days" in finding.quote
    assert "within 5 days" in finding.text  # names the correct statement
    quotes_in(reply, score)


def test_wrong_refund_days_in_chinese(returns_policy, quotes_in):
    reply = "您的退款需要七天才能到账。"
    score = grade_policy(reply, returns_policy)
    assert score.value == 60
    (finding,) = score.findings
    assert (finding.kind, finding.section) == ("wrong_number", REFUND)
    assert "七天" in finding.quote
    quotes_in(reply, score)


def test_number_words_are_checked(returns_policy):
    score = grade_policy("You can return it within two weeks.", returns_policy)
    assert [(r.kind, r.section) for r in score.findings] == [("wrong_number", WINDOW)]


def test_each_wrong_number_costs_points_and_score_never_goes_below_zero(returns_policy):
    reply = "Refund in 7 days. Return within 14 days. Refund in 9 days. Return within 60 days."
    score = grade_policy(reply, returns_policy)
    assert [r.kind for r in score.findings] == ["wrong_number"] * 4
    assert score.value == 0


def test_numbers_without_a_matching_topic_are_not_judged(returns_policy):
    # No refund, return, defect or voucher word in the sentence: nothing to compare with.
    score = grade_policy(
        "Our team replies within 2 days. The courier comes in 3 days.", returns_policy
    )
    assert score.value == 100
    assert [r.kind for r in score.reasons] == ["no_policy_claims"]


def test_a_number_is_judged_only_against_facts_in_its_own_sentence(returns_policy):
    reply = "I will look into your refund. It has been 12 days since you wrote."
    assert grade_policy(reply, returns_policy).value == 100


def test_any_fact_in_the_sentence_can_make_a_number_right(returns_policy):
    reply = "Return it within 30 days and the refund comes within 5 days."
    score = grade_policy(reply, returns_policy)
    assert score.value == 100
    assert sorted(r.section for r in score.reasons) == [REFUND, WINDOW]


def test_the_wrong_number_names_the_nearest_fact(returns_policy):
    reply = "Return it within 30 days and the refund comes within 10 days."
    (finding,) = grade_policy(reply, returns_policy).findings
    assert finding.section == REFUND


def test_past_events_are_not_policy_claims(returns_policy):
    assert grade_policy("You returned it 3 weeks ago, I see.", returns_policy).value == 100
    assert grade_policy("您10天前就退货了。", returns_policy).value == 100


def test_ranges_are_checked_end_by_end(returns_policy):
    assert grade_policy("Your refund is issued within 5-5 days.", returns_policy).value == 100
    score = grade_policy("Your refund takes 3-5 days.", returns_policy)
    assert [f.quote for f in score.findings] == ["Your refund takes 3-5 days."]
    assert score.value == 60
    assert grade_policy("退款需要七到十天。", returns_policy).value == 20


def test_amount_above_the_limit_is_wrong_and_below_is_fine(returns_policy):
    over = grade_policy("I'll add a $50 voucher to your account.", returns_policy)
    assert [(r.kind, r.section) for r in over.findings] == [("wrong_number", COMPENSATION)]
    assert "20 USD" in over.findings[0].text
    assert grade_policy("I'll add a $10 voucher to your account.", returns_policy).value == 100
    assert grade_policy("I'll add a $20 voucher to your account.", returns_policy).value == 100
    assert grade_policy("我给您发一张五十美元的优惠券。", returns_policy).value == 60
    assert grade_policy("我给您发一张二十美元的优惠券。", returns_policy).value == 100


def test_amount_in_another_currency_is_not_judged(returns_policy):
    # No exchange rates offline: staying silent beats a false finding.
    assert grade_policy("我给您发一张50元的优惠券。", returns_policy).value == 100


def test_forbidden_promise_english(returns_policy, quotes_in):
    reply = "I guarantee the courier will pick it up tomorrow."
    score = grade_policy(reply, returns_policy)
    (finding,) = score.findings
    assert (finding.kind, finding.points, finding.section) == ("forbidden_promise", -35, PROMISES)
    assert "guarantee" in finding.quote
    assert "cannot be guaranteed" in finding.text
    assert score.value == 65
    quotes_in(reply, score)


def test_forbidden_promise_chinese(returns_policy, quotes_in):
    reply = "我保证明天就给您马上退款。"
    score = grade_policy(reply, returns_policy)
    assert sorted(r.section for r in score.findings) == [PROMISES, REFUND]
    assert score.value == 30
    quotes_in(reply, score)


def test_every_broken_promise_counts(returns_policy):
    reply = "I promise you will be compensated. And I can refund you right now."
    score = grade_policy(reply, returns_policy)
    assert len(score.findings) == 3
    assert score.value == 0


def test_repeating_a_promise_in_one_sentence_counts_once(returns_policy):
    score = grade_policy("I guarantee it, guaranteed!", returns_policy)
    assert len(score.findings) == 1


@pytest.mark.parametrize(
    "reply",
    [
        "I can't guarantee when the courier arrives.",
        "I cannot guarantee the bank's timing.",
        "I'm not able to promise anything about the courier.",
        "Unfortunately I won't guarantee a date.",
        "我不能保证快递什么时候到。",
        "我们无法保证银行的处理时间。",
        "我不敢保证，但我会尽力。",
        "这个我没法保证。",
        "退款不一定会马上到。",
    ],
)
def test_negated_promises_are_not_findings(returns_policy, reply):
    score = grade_policy(reply, returns_policy)
    assert score.findings == []
    assert score.value == 100


def test_negation_before_a_clause_break_does_not_cancel_the_promise(returns_policy):
    score = grade_policy("I don't know why, but I guarantee it will come.", returns_policy)
    assert [r.kind for r in score.findings] == ["forbidden_promise"]


def test_wrong_number_and_promise_together(returns_policy):
    reply = "I guarantee you'll get an instant refund within 10 days and a $50 voucher."
    score = grade_policy(reply, returns_policy)
    assert sorted(r.kind for r in score.findings) == [
        "forbidden_promise",
        "forbidden_promise",
        "wrong_number",
        "wrong_number",
    ]
    assert score.value == 0


def test_persona_examples_are_graded_as_their_authors_meant(returns_policy):
    good = (
        "I'm sorry the blender failed so soon, that's really frustrating. Defective items can "
        "be returned within 90 days, so you're covered. Could you tell me the order number?"
    )
    assert grade_policy(good, returns_policy).value == 100
    refund_check = (
        "Could you give me the order number so I can check where the refund is right now?"
    )
    assert grade_policy(refund_check, returns_policy).value == 100


def test_inline_policy_hours_percent_and_eur(hotel_policy, quotes_in):
    assert grade_policy("You can cancel for free up to 48 hours before.", hotel_policy).value == 100
    late = grade_policy("Free cancellation up to 24 hours before check-in.", hotel_policy)
    assert [(r.kind, r.section) for r in late.findings] == [
        ("wrong_number", "hotel#cancellation@1")
    ]
    assert grade_policy("取消订单需要提前48小时。", hotel_policy).value == 100
    assert grade_policy("提前24小时取消就可以。", hotel_policy).value == 60
    assert grade_policy("Members get 10% off.", hotel_policy).value == 100
    assert grade_policy("Members get a 15 percent discount.", hotel_policy).value == 60
    assert grade_policy("会员享受百分之十的折扣。", hotel_policy).value == 100
    assert grade_policy("I'll add a €25 credit.", hotel_policy).value == 100
    over = "I'll add a 40 EUR credit."
    score = grade_policy(over, hotel_policy)
    assert score.value == 60
    quotes_in(over, score)
    assert grade_policy("We can upgrade for free.", hotel_policy).value == 65
    assert grade_policy("我们可以免费升级。", hotel_policy).value == 65


def test_units_must_match_the_fact(hotel_policy):
    # 2 days is not compared with a 48-hour fact: the units differ and we stay silent.
    assert grade_policy("You can cancel up to 2 days before.", hotel_policy).value == 100


def test_reply_without_numbers_or_promises_keeps_100_and_says_why(returns_policy):
    score = grade_policy("Please wait.", returns_policy)
    assert score.value == 100
    (reason,) = score.reasons
    assert (reason.kind, reason.points, reason.quote) == ("no_policy_claims", 0, None)


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds are issued within 30 days.",
        "You'll be refunded in 2 days.",
        "Returns are accepted for 60 days.",
        "Vouchers of $50 are available.",
    ],
)
def test_topic_words_match_their_inflections(returns_policy, reply):
    assert [r.kind for r in grade_policy(reply, returns_policy).findings] == ["wrong_number"]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("We will never ask for your password or your full card number.", 100),
        ("Don't share your full card number or CVV with anyone.", 100),
        ("请勿向任何人透露密码或验证码。", 100),
        ("Please send me your full card number and CVV.", 65),
        ("请告诉我您的密码。", 65),
        ("不好意思，您的密码是多少？", 65),
    ],
)
def test_a_warning_against_a_forbidden_request_is_not_the_request(reply, expected):
    payments = load_library().policy("payments")
    assert grade_policy(reply, payments).value == expected
