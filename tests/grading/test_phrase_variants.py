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


NO_SHOW = Policy.model_validate(
    {
        "id": "stays",
        "title": "Stays",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "no-show",
                "title": "No-shows",
                "text": "A no-show is charged the first night.",
                "lists": [
                    {
                        "key": "no_show_charge",
                        "about": ["no-show"],
                        "allowed": [{"words": ["first night"]}],
                        "not_allowed": [{"words": ["no charge"], "label": "no charge"}],
                        "statement": "A no-show is charged the first night.",
                    }
                ],
            },
            {
                "id": "disputes",
                "title": "Disputes",
                "text": "Change of mind is not a reason to dispute.",
                "lists": [
                    {
                        "key": "dispute_reasons",
                        "concepts": ["open-dispute"],
                        "not_allowed": [{"words": ["no longer want"], "label": "change of mind"}],
                        "statement": "A purchase you regret cannot be disputed.",
                    }
                ],
            },
        ],
    }
)


def test_words_are_not_found_across_part_of_a_hyphenated_word():
    reply = "You can contest a no-show charge within 14 days, with proof."
    assert not grade_policy(reply, NO_SHOW).findings or "wrong_fact" not in {
        f.kind for f in grade_policy(reply, NO_SHOW).findings
    }
    wrong = "For a no-show there is no charge at all."
    assert "wrong_fact" in {f.kind for f in grade_policy(wrong, NO_SHOW).findings}


def test_a_negation_inside_the_members_own_words_denies_nothing():
    reply = "Yes: a purchase you no longer want can be disputed."
    assert "wrong_fact" in {f.kind for f in grade_policy(reply, NO_SHOW).findings}
    denied = "A purchase you no longer want can't be disputed, I'm afraid."
    assert not {"wrong_fact", "forbidden_remedy"} & {
        f.kind for f in grade_policy(denied, NO_SHOW).findings
    }


LATE_CANCEL = Policy.model_validate(
    {
        "id": "stays-late",
        "title": "Stays",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "free-cancellation",
                "title": "Free cancellation",
                "text": "Free until 48 hours before check-in; later costs the first night.",
                "facts": [
                    {
                        "key": "free_cancel_hours",
                        "unit": "hours",
                        "value": 48,
                        "concepts": ["cancel"],
                        "statement": "Free cancellation until 48 hours before check-in.",
                    }
                ],
                "lists": [
                    {
                        "key": "late_cancel_charge",
                        "about": ["late cancellation", "cancelación tardía"],
                        "allowed": [{"words": ["first night", "primera noche"]}],
                        "not_allowed": [
                            {"words": ["whole stay", "todas las noches"], "label": "the whole stay"}
                        ],
                        "statement": "A late cancellation costs the first night.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("Si cancela fuera de plazo se le cobran todas las noches de la reserva.", True),
        ("If you cancel after that, we charge the whole stay.", True),
        ("If you cancel after that, we charge the first night only.", False),
        ("You can cancel now; the whole stay was great, I hope.", False),  # not the rule
    ],
)
def test_a_lists_member_with_the_sections_concept_is_on_topic(reply, wrong):
    found = {f.kind for f in grade_policy(reply, LATE_CANCEL).findings}
    assert ("wrong_fact" in found or "forbidden_remedy" in found) is wrong


def test_phrase_sets_are_compiled_per_language_on_first_use():
    from grading.reading.concepts import PerLanguage

    made = []
    sets = PerLanguage(lambda lang: made.append(lang) or lang.upper())
    assert made == [] and "es" in sets and "xx" not in sets
    assert sets.get("es") == "ES" and sets["es"] == "ES" and made == ["es"]
    assert sets.get("xx") is None
