"""A negation in the promised content is not a denial of the promise (issue 11).

"The price won't go up, I guarantee it" guarantees a price; the "won't" belongs to what is
promised, in another clause, not to the guarantee.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "gym-membership",
        "title": "Membership prices",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "prices",
                "title": "Prices",
                "text": "Prices may change once a year. Never guarantee a price.",
                "forbidden_promises": [
                    {
                        "concepts": ["guarantee"],
                        "about": ["price", "precio", "价格", "harga", "السعر"],
                        "reason": "Prices may change once a year.",
                    }
                ],
            }
        ],
    }
)


def kinds(reply: str) -> set[str]:
    return {f.kind for f in grade_policy(reply, POLICY).findings}


@pytest.mark.parametrize(
    "reply",
    [
        "Tranqui, el precio no sube, te lo garantizo.",
        "Tranqui, el precio no sube, te lo guarantee todo el año.",
        "The price won't go up, I guarantee it.",
        "Harganya tidak akan naik, saya jamin.",
    ],
)
def test_a_negated_content_of_a_guarantee_is_still_a_promise(reply):
    assert "forbidden_promise" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I can't guarantee the price will stay the same.",
        "No le puedo garantizar el precio.",
        "价格我没办法保证哦。",
    ],
)
def test_a_guarantee_refused_is_not_a_promise(reply):
    assert "forbidden_promise" not in kinds(reply)
