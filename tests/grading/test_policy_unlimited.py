"""A time limit stated as none is a wrong fact (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "credit",
        "title": "Credit and returns",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "credit",
                "title": "Store credit",
                "text": "Store credit is valid for 6 months.",
                "facts": [
                    {
                        "key": "credit_validity_months",
                        "unit": "months",
                        "value": 6,
                        "concepts": ["store-credit"],
                        "cues": ["valid", "expire", "有效", "过期", "vence", "berlaku", "صالح"],
                        "statement": "Store credit is valid for 6 months.",
                    }
                ],
            },
            {
                "id": "returns",
                "title": "Returns",
                "text": "Items can be returned within 30 days.",
                "facts": [
                    {
                        "key": "return_window_days",
                        "unit": "days",
                        "value": 30,
                        "concepts": ["return"],
                        "statement": "You can return an item within 30 days.",
                    }
                ],
            },
        ],
    }
)


def kinds(reply: str) -> set[str]:
    return {f.kind for f in grade_policy(reply, POLICY).findings}


@pytest.mark.parametrize(
    "reply",
    [
        "Your store credit never expires, use it whenever you like!",
        "You can return it anytime, no rush.",
        "Puedes devolverlo cuando quieras.",
        "Barangnya bisa dikembalikan kapan saja ya Kak.",
        "商品随时都可以退货。",
        "تقدر ترجع المنتج في أي وقت.",
    ],
)
def test_no_limit_for_a_limited_thing_is_a_wrong_fact(reply):
    assert "wrong_fact" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Store credit is valid for 6 months.",
        "Feel free to contact us anytime.",  # no fact named
        "You can't return it anytime: the window is 30 days.",
        "Can I return it anytime?",
        "有问题随时联系我们。",
    ],
)
def test_no_finding_when_the_limit_is_not_denied(reply):
    assert "wrong_fact" not in kinds(reply)
