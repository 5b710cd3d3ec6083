"""Shared fixtures for the offline graders: the shipped policy and a small inline one."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.library import load_library
from curricula.policy import Policy
from grading.score import Score


@pytest.fixture(scope="session")
def returns_policy() -> Policy:
    policy = load_library().policy("returns-refunds")
    assert policy is not None, "the shipped returns-refunds policy must load"
    return policy


@pytest.fixture(scope="session")
def hotel_policy() -> Policy:
    """A policy unrelated to the shipped one, with hours, percent and EUR amounts."""
    return Policy.model_validate(
        {
            "id": "hotel",
            "title": "Hotel bookings",
            "version": "1",
            "effective": dt.date(2026, 1, 1),
            "sections": [
                {
                    "id": "cancellation",
                    "title": "Free cancellation",
                    "text": "Bookings can be cancelled free of charge up to 48 hours before.",
                    "facts": [
                        {
                            "key": "free_cancel_hours",
                            "kind": "hours",
                            "value": 48,
                            "about": ["cancel", "cancellation", "取消"],
                            "statement": "You can cancel for free up to 48 hours before check-in.",
                        }
                    ],
                    "forbidden_promises": [
                        {
                            "phrases": ["upgrade for free", "免费升级"],
                            "reason": "Upgrades depend on availability at check-in.",
                        }
                    ],
                },
                {
                    "id": "discounts",
                    "title": "Loyalty discount",
                    "text": "Members get 10 percent off and at most a 30 EUR credit.",
                    "facts": [
                        {
                            "key": "member_discount",
                            "kind": "percent",
                            "value": 10,
                            "about": ["discount", "off", "折扣", "优惠"],
                            "statement": "Members get a 10% discount.",
                        },
                        {
                            "key": "max_credit",
                            "kind": "amount",
                            "value": 30,
                            "currency": "EUR",
                            "about": ["credit", "补偿"],
                            "statement": "I can offer a credit of up to 30 EUR.",
                        },
                    ],
                },
            ],
        }
    )


def _assert_quotes_are_substrings(reply: str, *scores: Score) -> None:
    for score in scores:
        for reason in score.reasons:
            if reason.quote is not None:
                assert reason.quote in reply, (reason.kind, reason.quote)
                assert 0 < len(reason.quote) <= 120, (reason.kind, reason.quote)


@pytest.fixture
def quotes_in():
    """Check that every quote is evidence: a short, exact substring of the reply."""
    return _assert_quotes_are_substrings
