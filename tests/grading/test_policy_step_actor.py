"""A required step waits only for the agent's own act, not a bank's or an app store's."""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "billing",
        "title": "Billing",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "verify",
                "title": "Verify first",
                "text": "Verify the account holder (e-mailed code) before any refund.",
                "required_steps": [
                    {
                        "id": "verify-holder",
                        "actions": ["refund"],
                        "any_of": [[{"concept": "email-code"}]],
                        "reason": "Verify the account holder first.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("reply", "skipped"),
    [
        ("El banco te reembolsa en 5 días.", False),
        ("Apple will refund you within 48 hours.", False),
        ("Since you paid through the App Store, the refund has to be requested from Apple.", False),
        ("I've refunded you.", True),
        ("Ya te reembolsé.", True),
    ],
)
def test_only_the_agents_own_act_needs_the_step(reply, skipped):
    kinds = {f.kind for f in grade_policy(reply, POLICY).findings}
    assert ("skipped_step" in kinds) is skipped


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("这笔未入住的费用一定会退还给您的。", False),  # 未 describes the fee
        ("没收到的包裹我们会给您退款。", False),
        ("我们不会给您退款的。", True),
        ("退款不一定会马上到。", True),
    ],
)
def test_a_chinese_negation_before_de_describes_a_thing(text, negated):
    from grading.reading import read

    refund = next(a for a in read(text).actions if a.concept == "refund")
    assert refund.negated is negated


ASKED = [
    ("customer", "Cancel it please."),
    ("agent", "Sure. Could you read me the code we just sent to your inbox?"),
    ("customer", "553201"),
]


@pytest.mark.parametrize(
    ("context", "reply", "skipped"),
    [
        (ASKED, "Thanks, the code matches. I've refunded you.", False),
        (ASKED, "Gracias, el código es correcto. Ya te reembolsé.", False),
        (ASKED, "Thanks! I've refunded you.", True),  # nothing checked
        (ASKED[:1], "That matches. I've refunded you.", True),  # nothing was asked
    ],
)
def test_an_answer_the_agent_asked_for_and_checked_is_the_step(context, reply, skipped):
    kinds = {f.kind for f in grade_policy(reply, POLICY, context=context).findings}
    assert ("skipped_step" in kinds) is skipped


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Your order is still processing, so it can still be cancelled.", "mentioned"),
        ("Pesanan masih bisa dibatalkan ya Kak.", "mentioned"),
        ("订单还可以取消。", "mentioned"),
        ("I can cancel it for you.", "offered"),
        ("我可以帮您取消。", "offered"),
        ("Saya bisa batalkan sekarang.", "offered"),
    ],
)
def test_what_may_be_done_said_of_the_thing_is_not_an_offer(text, mode):
    from grading.reading import read

    cancel = next(a for a in read(text).actions if a.concept == "cancel")
    assert cancel.mode == mode


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("I can ask the hotel to waive the fee.", "mentioned"),
        ("Puedo pedirle al hotel que le exonere el cargo.", "mentioned"),
        ("Saya bisa minta ke hotel untuk menghapus biayanya.", "mentioned"),
        ("我可以帮您向酒店申请免除费用。", "mentioned"),
        ("أقدر أطلب من الفندق إعفاءك", "mentioned"),
        ("I have waived the fee.", "done"),
        ("I can waive the fee for you.", "offered"),
    ],
)
def test_asking_someone_else_for_the_act_is_not_doing_it(text, mode):
    from grading.reading import read

    waive = next(a for a in read(text).actions if a.concept == "waive-fee")
    assert waive.mode == mode
