"""Which rule a number is about, before it is called wrong (issue 11).

A number the policy's own text states without making it a fact ("the 2-hour window"), an amount
the reply points at as already in the chat ("that 18 EUR charge"), and a number that is exactly
the figure of a rule named beside it are not misstatements of another rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "appliance-service",
        "title": "Appliance repairs",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "visits",
                "title": "Technician visits",
                "text": (
                    "We confirm the 2-hour arrival window 24 hours before the visit. A visit "
                    "costs 60 EUR."
                ),
                "facts": [
                    {
                        "key": "window_notice_hours",
                        "unit": "hours",
                        "value": 24,
                        "about": [
                            "arrival window",
                            "window",
                            "时段",
                            "franja",
                            "jendela waktu",
                            "موعد الوصول",
                        ],  # fmt: skip
                        "statement": "We confirm the arrival window 24 hours before the visit.",
                    },
                    {
                        "key": "visit_fee_eur",
                        "unit": "currency",
                        "currency": "EUR",
                        "value": 60,
                        "compare": "exact",
                        "about": [
                            "visit fee",
                            "call-out fee",
                            "上门费",
                            "tarifa de visita",
                            "biaya kunjungan",
                            "رسوم الزيارة",
                        ],  # fmt: skip
                        "statement": "A visit costs 60 EUR.",
                    },
                ],
            },
            {
                "id": "complaints",
                "title": "Complaints about a bill",
                "text": (
                    "A bill can be contested within 30 days. The accounts team answers within 3 "
                    "business days."
                ),
                "facts": [
                    {
                        "key": "contest_days",
                        "unit": "days",
                        "value": 30,
                        "about": [
                            "contest",
                            "complaint",
                            "complain",
                            "投诉",
                            "reclamar",
                            "komplain",
                            "الشكوى",
                        ],  # fmt: skip
                        "cues": ["within", "以内", "plazo", "paling lambat", "خلال"],
                        "statement": "A bill can be contested within 30 days.",
                    },
                    {
                        "key": "accounts_answer_business_days",
                        "unit": "business_days",
                        "value": 3,
                        "about": [
                            "accounts team",
                            "answers",
                            "answer",
                            "财务",
                            "回复",
                            "responde",
                            "respuesta",
                            "tim akun",
                            "menjawab",
                        ],  # fmt: skip
                        "statement": "The accounts team answers within 3 business days.",
                    },
                ],
            },
            {
                "id": "returns",
                "title": "Returns",
                "text": (
                    "Items can be returned within 30 days of delivery. The refund reaches the "
                    "original payment within 14 days of the item arriving back."
                ),
                "facts": [
                    {
                        "key": "return_window_days",
                        "unit": "days",
                        "value": 30,
                        "concepts": ["return"],
                        "statement": "Items can be returned within 30 days of delivery.",
                    },
                    {
                        "key": "refund_days",
                        "unit": "days",
                        "value": 14,
                        "concepts": ["refund"],
                        "statement": "The refund arrives within 14 days of the item arriving.",
                    },
                ],
            },
        ],
    }
)


def numbers(reply: str) -> list[str]:
    return [f.text for f in grade_policy(reply, POLICY).findings if f.kind == "wrong_number"]


@pytest.mark.parametrize(
    "reply",
    [
        "You'll get your 2-hour arrival window by text 24 hours before the visit.",
        "Te mandamos la franja de 2 horas 24 horas antes de la visita.",
        "我们会在上门前24小时通知您2小时的时段。",
        "Jendela waktu 2 jam dikirim 24 jam sebelum kunjungan ya Kak.",
    ],
)
def test_a_number_the_policy_text_states_is_not_a_misstated_fact(reply):
    assert numbers(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "You'll get your arrival window by text 2 hours before the visit.",
        "Te mandamos la franja 2 horas antes de la visita.",
        "我们会在上门前2小时通知您时段。",
    ],
)
def test_the_same_number_said_as_the_rule_is_still_wrong(reply):
    assert numbers(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "The accounts team answers complaints within 3 business days.",
        "El equipo responde las reclamaciones en un plazo de 3 días hábiles.",
    ],
)
def test_a_number_that_is_exactly_the_named_rule_is_not_another_rules_miss(reply):
    assert numbers(reply) == []


def test_a_cue_still_says_which_rule_a_wrong_number_is_about():
    assert numbers("You can complain within 10 days of the bill.")


@pytest.mark.parametrize(
    "reply",
    [
        "I can see that 18 EUR visit fee on your bill.",
        "Veo ese cargo de 18 euros por la tarifa de visita.",
        "这笔18欧元的上门费我已经看到了。",
        "Biaya kunjungan 18 euro itu sudah saya cek ya Kak.",
        "رأيت هذه الـ18 يورو رسوم الزيارة في فاتورتك.",
    ],
)
def test_an_amount_pointed_at_is_not_a_term_of_the_policy(reply):
    assert numbers(reply) == []


def test_the_fee_itself_misstated_is_still_wrong():
    assert numbers("The visit fee is 18 EUR.")


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund will be back on your card within 30 days of the parcel reaching us.",
        "退款会在三十天内退回到您的原支付方式。",
        "El reembolso le llegará en un plazo de 30 días.",
    ],
)
def test_the_figure_of_an_unnamed_sibling_misstates_the_rule_the_clause_names(reply):
    assert numbers(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "You can send it back within 30 days of delivery.",
        "If the courier asks, the refund takes up to 14 days once it's back.",
    ],
)
def test_the_rules_own_figure_is_right(reply):
    assert numbers(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund usually takes two or three days once the item is back.",
        "退款大概两三天就到账了。",
        "El reembolso tarda unos 40 a 50 días.",
    ],
)
def test_a_vague_range_that_misses_the_rule_entirely_is_wrong(reply):
    assert numbers(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund takes about ten to fourteen days once the item is back.",
        "退款大概十到十四天到账。",
    ],
)
def test_a_vague_range_that_reaches_the_rule_is_not_held_to_a_figure(reply):
    assert numbers(reply) == []
