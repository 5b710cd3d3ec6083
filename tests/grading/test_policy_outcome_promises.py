"""A promised outcome without the word "guarantee" is still the promise (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "waivers",
        "title": "Waivers",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "waiver",
                "title": "Waiver requests",
                "text": "The property decides a waiver request; never say it will be accepted.",
                "forbidden_promises": [
                    {"concepts": ["guarantee", "approved"], "reason": "The property decides."},
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
        "您的申请会通过的。",
        "Su solicitud será aprobada.",
        "Permohonan Kakak akan disetujui.",  # the customer's request, the agent's promise
        "I guarantee it will be approved.",
    ],
)
def test_the_outcome_stated_as_what_will_happen_is_a_promise(reply):
    assert "forbidden_promise" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Permohonan Kakak mungkin disetujui.",  # a guess
        "Su solicitud podría ser aprobada, pero decide el hotel.",
        "I can't promise it will be approved; the property decides.",
        "If it is approved, the refund goes to your card.",
    ],
)
def test_a_guess_a_denial_or_a_condition_is_not(reply):
    assert "forbidden_promise" not in kinds(reply)
