"""Where money goes, and durations in other units than the policy's (issue 11).

A list of destinations is closed: a destination no allowed member names (an e-wallet the
trainer never listed) is as wrong as one the list forbids. Money sent somewhere in a sentence
that never says "refund" is still judged. Two weeks are ten business days; a business-day rule
stated in hours is wrong when the clause names the rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy
from grading.reading import read

POLICY = Policy.model_validate(
    {
        "id": "wallet-shop",
        "title": "Refunds",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "refunds",
                "title": "Where refunds go",
                "text": "Refunds go back to the original payment method, never in cash.",
                "facts": [
                    {
                        "key": "refund_business_days",
                        "concepts": ["refund"],
                        "unit": "business_days",
                        "range": [5, 7],
                        "statement": "The refund arrives in 5 to 7 business days.",
                    }
                ],
                "lists": [
                    {
                        "key": "refund_destination",
                        "concepts": ["refund"],
                        "allowed": [{"concept": "original-payment"}],
                        "not_allowed": [{"concept": "cash"}],
                        "statement": "Refunds only go back to the original payment method.",
                    }
                ],
            },
            {
                "id": "new-card",
                "title": "Replacement cards",
                "text": "A replacement card arrives in 5 to 7 business days.",
                "facts": [
                    {
                        "key": "replacement_card_business_days",
                        "about": ["new card", "replacement card", "tarjeta nueva"],
                        "unit": "business_days",
                        "range": [5, 7],
                        "statement": "A replacement card arrives in 5 to 7 business days.",
                    }
                ],
            },
        ],
    }
)


def kinds(reply: str, context=()) -> set[str]:
    return {f.kind for f in grade_policy(reply, POLICY, context=context).findings}


@pytest.mark.parametrize(
    "reply",
    [
        "I've sent the refund to your PayPal.",  # never listed, and not allowed
        "Ya te mandé el reembolso a tu Venmo.",
        "退款已经转到您的支付宝了。",
        "I've refunded it to your husband's card.",
    ],
)
def test_a_destination_the_list_never_names_is_not_allowed(reply):
    assert "forbidden_remedy" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I've refunded it to your original payment method.",
        "The refund goes back to the card you paid with, not to PayPal.",
        "I can't send the refund to your PayPal; it goes back to the card you paid with.",
    ],
)
def test_an_allowed_or_denied_destination_is_no_finding(reply):
    assert not {"forbidden_remedy", "wrong_fact"} & kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Ya te mandé los 16 USD a tu Venmo.",
        "No problem at all, I've sent the 18.20 USD to your PayPal.",
    ],
)
def test_money_sent_to_a_destination_no_list_allows_is_judged_without_the_word_refund(reply):
    assert "forbidden_remedy" in kinds(reply)


def test_money_sent_to_an_allowed_destination_without_the_word_refund_is_fine():
    assert not kinds("Done, the 18.20 USD are on their way back to your original payment method.")


def test_a_word_that_only_holds_a_negation_denies_nothing():
    # "No problem" is not a denial of the cash refund that follows it.
    assert "forbidden_remedy" in kinds("No problem at all, I've refunded you in cash.")
    assert not {"forbidden_remedy", "wrong_fact"} & kinds("No, we never refund in cash.")


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("Your refund will take about 2 weeks.", True),  # ten business days, not 5 to 7
        ("Your refund will take one week.", False),  # five business days: within the range
        ("Tu reembolso tarda como 2 weeks.", True),
        ("La tarjeta nueva llega en 24 horas.", True),  # the clause names the card
        ("Your new card arrives in 7 business days.", False),
    ],
)
def test_weeks_and_hours_compare_with_business_days(reply, wrong):
    assert ("wrong_number" in kinds(reply)) is wrong


def test_hours_in_another_clause_are_not_the_business_day_rule():
    reply = "Your order is more than 48 hours old, and the refund arrives in 5 to 7 business days."
    assert "wrong_number" not in kinds(reply)


def test_an_arabic_comma_ends_a_clause():
    # The 48 hours belong to the first clause, not to the refund of the last one.
    reply = "باقي أكثر من ٤٨ ساعة على الدخول، والمبلغ يرجع لبطاقتك خلال ٥ إلى ٧ أيام عمل."
    assert "wrong_number" not in kinds(reply)


@pytest.mark.parametrize(
    ("text", "value", "unit", "currency"),
    [
        ("入住前24小时之前取消都是免费的", 24, "hours", None),  # a deadline, not "24 hours ago"
        ("最多可以补偿一百欧的代金券", 100, "currency", "EUR"),
        ("不可退的订单取消后可以退一半的房费", 50, "percent", None),
        ("قدامك أسبوع كامل من يوم التوصيل", 1, "weeks", None),
    ],
)
def test_quantities_people_write(text, value, unit, currency):
    found = [(q.high, q.unit, q.currency) for q in read(text).quantities]
    assert (value, unit, currency) in found


def test_a_chinese_past_event_still_has_no_unit():
    assert [q.unit for q in read("我3天前下的单").quantities] == [None]


@pytest.mark.parametrize(
    "text", ["It has been 12 days since you wrote.", "It's been 3 weeks.", "مرت ١٢ يوم"]
)
def test_time_gone_by_is_no_term(text):
    assert [q.unit for q in read(text).quantities] == [None]


LATE = Policy.model_validate(
    {
        "id": "late-food",
        "title": "Late orders",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "late",
                "title": "Late orders",
                "text": "For a late order, credit of at most 10 USD.",
                "facts": [
                    {
                        "key": "late_credit_max_usd",
                        "unit": "currency",
                        "currency": "USD",
                        "value": 10,
                        "compare": "at_most",
                        "about": ["late", "超时", "tarde"],
                        "statement": "Credit for a late order is at most 10 USD.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("It was late, so I've added 6 USD credit, 20% of your 30 USD food subtotal.", False),
        ("这单超时了，已经给您补偿了五美元，差不多是您25美元餐费的两成。", False),
        ("Llegó tarde, te doy 6 USD, el 20% de tu 30 USD de comida.", False),
        ("It was late, so I've added 30 USD credit to your account.", True),
    ],
)
def test_the_customers_own_amount_is_not_an_offer(reply, wrong):
    found = {f.kind for f in grade_policy(reply, LATE).findings}
    assert ("wrong_number" in found) is wrong


@pytest.mark.parametrize(
    "reply",
    [
        "Como pagaste cash on delivery, el refund va a tu original payment method.",
        "You paid by PayPal, so I've refunded it to your original payment method.",
        "您是用支付宝付的款，退款会原路退回。",
    ],
)
def test_how_the_customer_paid_is_not_where_the_money_goes(reply):
    assert not {"forbidden_remedy", "wrong_fact"} & kinds(reply)


def test_money_paid_out_to_the_customer_is_a_destination():
    assert "forbidden_remedy" in kinds("I've arranged for the refund to be paid to you in cash.")


DISPUTES = Policy.model_validate(
    {
        "id": "disputes",
        "title": "Disputes",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "window",
                "title": "Dispute window",
                "text": "A transaction can be disputed within 60 days.",
                "facts": [
                    {
                        "key": "dispute_window_days",
                        "unit": "days",
                        "value": 60,
                        "concepts": ["open-dispute"],
                        "statement": "You can dispute within 60 days.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("You'll hear from the disputes team within 45 days.", False),  # a team's name
        ("El equipo de disputas te responde en 45 días.", False),
        ("You can open a dispute within 45 days.", True),
    ],
)
def test_a_teams_name_is_not_the_act(reply, wrong):
    found = {f.kind for f in grade_policy(reply, DISPUTES).findings}
    assert ("wrong_number" in found) is wrong


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("I refunded it to your card.", "original-payment"),
        ("Le reembolsé a su tarjeta.", "original-payment"),
        ("Sudah saya refund ke kartu Kakak.", "original-payment"),
        ("رجعت لك المبلغ على بطاقتك", "original-payment"),
        ("已经退回您卡上了", "original-payment"),
        ("Le devuelvo hoy mismo el cargo a su tarjeta.", "refund"),
        ("I refunded it to your husband's card.", "other-account"),  # not "to your … card"
        ("I refunded it to your other card.", "other-account"),
        ("Te lo reembolsé a tu otra tarjeta.", "other-account"),
    ],
)
def test_the_customers_card_and_someone_elses(text, concept):
    found = {c.concept for c in read(text).concepts}
    assert concept in found
    if concept == "other-account":
        assert "original-payment" not in found


def test_sin_problema_denies_nothing():
    reply = "Sin problema, ya le he enviado el reembolso por Bizum."
    assert "forbidden_remedy" in kinds(reply)


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("I have processed your refund. It will arrive within 30 business days.", True),
        ("Ya procesé su reembolso. Le llegará en 20 días hábiles.", True),
        ("退款已经处理好了。大概10个工作日到账。", True),
        ("I have processed your refund. It will arrive within 7 business days.", False),
        # the sentence before has its own number: the rule was stated there
        ("Your refund takes 5 to 7 business days. Reply within 30 days if not.", False),
    ],
)
def test_a_sentence_naming_no_rule_carries_on_the_one_before(reply, wrong):
    assert ("wrong_number" in kinds(reply)) is wrong
