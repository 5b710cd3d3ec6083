"""Money named the way people write it, in every customer language (issue 11).

A pound written "libras", "镑", "pound" or "جنيه إسترليني" is an amount in GBP; an amount whose
currency the reading cannot name is never compared with a fee, so a wrong fee said in those
words went unseen.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy
from grading.reading import read


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("The change costs 25 pounds.", 25, "GBP"),
        ("That's 40 quid.", 40, "GBP"),
        ("El cambio cuesta 25 libras.", 25, "GBP"),
        ("Son 30 libras esterlinas.", 30, "GBP"),
        ("改期费是二十五镑。", 25, "GBP"),
        ("取件费45英镑。", 45, "GBP"),
        ("Biaya perubahan 25 pound ya Kak.", 25, "GBP"),
        ("Biayanya 25 poundsterling.", 25, "GBP"),
        ("رسوم التغيير ٢٥ جنيه إسترليني.", 25, "GBP"),
        ("الرسوم 30 ريال قطري.", 30, "QAR"),
        ("Cuesta 300 yenes.", 300, "JPY"),
        ("手续费是200日元。", 200, "JPY"),
        ("总共100港币。", 100, "HKD"),
        ("Harganya 10 dolar singapura.", 10, "SGD"),
        ("It's 50 ringgit.", 50, "MYR"),
    ],
)
def test_an_amount_in_a_currency_word_has_its_currency(text, value, code):
    money = [q for q in read(text).quantities if q.unit == "currency"]
    assert [(q.low, q.currency) for q in money] == [(value, code)]


POLICY = Policy.model_validate(
    {
        "id": "delivery-fees",
        "title": "Delivery fees",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "rescheduling",
                "title": "Changing a delivery",
                "text": "A change within 72 hours of the slot costs 25 GBP.",
                "facts": [
                    {
                        "key": "late_change_fee_gbp",
                        "unit": "currency",
                        "currency": "GBP",
                        "value": 25,
                        "compare": "exact",
                        "about": [
                            "change fee",
                            "改期费",
                            "cargo por cambio",
                            "biaya perubahan",
                            "رسوم التغيير",
                        ],  # fmt: skip
                        "statement": "A late change costs 25 GBP.",
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
        "The change fee is 35 pounds.",
        "El cargo por cambio es de 35 libras.",
        "改期费是三十五镑。",
        "Biaya perubahan 35 pound ya Kak.",
        "رسوم التغيير ٣٥ جنيه إسترليني.",
        # "جنيه" alone is the pound of the country the policy is written for
        "رسوم التغيير 35 جنيهاً.",
    ],
)
def test_a_wrong_fee_in_the_local_name_of_the_currency_is_a_wrong_fact(reply):
    assert "wrong_number" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "The change fee is 25 pounds.",
        "El cargo por cambio es de 25 libras.",
        "改期费是二十五镑。",
        "رسوم التغيير 25 جنيهاً.",
        # another currency is never converted offline: left unjudged
        "The change fee is 35 USD.",
        "改期费是三十五元。",
    ],
)
def test_the_right_fee_or_another_currency_is_not_a_finding(reply):
    assert "wrong_number" not in kinds(reply)
