"""Acting despite a rule: the rule meant is the one named before the act (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "food",
        "title": "Food orders",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "report-window",
                "title": "Report within 48 hours",
                "text": "Problems are reported within 48 hours; later ones are not refunded.",
                "facts": [
                    {
                        "key": "report_window_hours",
                        "unit": "hours",
                        "value": 48,
                        "about": ["report"],
                        "statement": "Report a problem within 48 hours.",
                    }
                ],
                "forbidden_remedies": [
                    {
                        "phrases": ["refund it even though it's past the 48 hours"],
                        "reason": "After 48 hours an item is not refunded.",
                    }
                ],
            },
            {
                "id": "refunds",
                "title": "Refunds",
                "text": "Refunds go to the card in 3 to 5 business days, never in cash.",
                "facts": [
                    {
                        "key": "card_refund_business_days",
                        "unit": "business_days",
                        "range": [3, 5],
                        "concepts": ["refund"],
                        "cues": ["card", "tarjeta"],
                        "statement": "A card refund takes 3 to 5 business days.",
                    }
                ],
                "lists": [
                    {
                        "key": "refund_destination",
                        "concepts": ["refund"],
                        "allowed": [{"concept": "original-payment"}],
                        "not_allowed": [{"concept": "cash"}],
                        "statement": "Refunds go back to the original payment method.",
                    }
                ],
            },
        ],
    }
)


@pytest.mark.parametrize(
    "reply",
    [
        "Ya pasaron las 48 horas pero te hago la excepción: ya te reembolsé 5 USD a tu tarjeta.",
        "Aunque ya pasaron más de 48 horas, le hago una excepción: ya le reembolsé a su tarjeta.",
        "It's past the 48 hours, but I'll make an exception: I've refunded it to your card.",
    ],
)
def test_the_rule_named_before_the_act_is_the_one_broken(reply):
    findings = [f for f in grade_policy(reply, POLICY).findings if f.kind == "forbidden_remedy"]
    assert findings and all("report-window" in (f.section or "") for f in findings)


def test_an_exception_with_no_rule_named_takes_the_rule_the_customer_named():
    context = [("customer", "I only reported it now, I know the report is late.")]
    reply = "I'll make an exception this once: I've refunded it to your card."
    findings = grade_policy(reply, POLICY, context=context).findings
    remedies = [f for f in findings if f.kind == "forbidden_remedy"]
    assert remedies and "report-window" in (remedies[0].section or "")
    # without the customer's words nothing tells which rule the exception breaks
    alone = grade_policy(reply, POLICY).findings
    assert not [f for f in alone if f.kind == "forbidden_remedy"]
