"""A trainer's phrase is found with other pronouns, articles and clitics in it (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_checks.phrase_variants import variants
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "cards",
        "title": "Cards",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "card-block",
                "title": "Stolen cards",
                "text": "A stolen card is replaced, never unfrozen.",
                "forbidden_remedies": [
                    {
                        "phrases": [
                            "unfreeze it for you",
                            "ya no lo quieres",
                            "transfer yang kamu kirim",
                            "给您解冻了",
                        ],
                        "reason": "A stolen card is replaced, never unfrozen.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    "reply",
    [
        "I've unfrozen the card for you, it's good to use again.",
        "Ok, abrí el caso por los sneakers que ya no quieres.",
        "Sanggahan untuk transfer yang Kakak kirim sendiri sudah saya ajukan.",
        "好的，已经给您的卡解冻了。",
    ],
)
def test_the_phrase_is_found_with_other_pronouns_and_articles(reply):
    kinds = {f.kind for f in grade_policy(reply, POLICY).findings}
    assert "forbidden_remedy" in kinds


def test_a_denial_still_denies_the_looser_phrase():
    reply = "I can't unfreeze the card for you, a stolen card is replaced."
    assert "forbidden_remedy" not in {f.kind for f in grade_policy(reply, POLICY).findings}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("unfreeze it for you", ["unfreeze for"]),
        ("ya no lo quieres", ["ya no quieres"]),
        ("不想要了", ["不想要"]),
        ("给您退款", ["给 退款"]),
        ("refund it", []),  # one word left: too common to stand alone
        ("refund", []),
        ("给 退款", []),  # the trainer already marked the gap
        ("了吧", []),
    ],
)
def test_variants(phrase, expected):
    assert variants(phrase) == expected
