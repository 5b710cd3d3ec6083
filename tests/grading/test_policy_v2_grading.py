"""The policy grader on the Reading, against a policy written in format v2 (issue 11).

The policy is written here, in the test, the way the README tells a trainer to write one:
facts with units and ranges, a list of what a rule allows, promises and remedies by concept,
a required step as actions before any-of all-of items.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "shop",
        "title": "Shop after-sales",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "verify",
                "title": "Verify first",
                "text": "Check the order (order number) or the e-mail code before any refund.",
                "required_steps": [
                    {
                        "id": "verify-order",
                        "actions": ["refund", "cancel"],
                        "any_of": [
                            [{"concept": "order-number"}],
                            [{"concept": "email-code"}],
                        ],
                        "reason": "Check the order before refunding or cancelling.",
                    }
                ],
            },
            {
                "id": "refund-timing",
                "title": "Refund timing",
                "text": "Refunds reach the original payment method in 5 to 7 business days.",
                "facts": [
                    {
                        "key": "refund_business_days",
                        "concepts": ["refund"],
                        "unit": "business_days",
                        "range": [5, 7],
                        "statement": "The refund arrives in 5 to 7 business days.",
                    }
                ],
                "lists": [
                    {
                        "key": "refund_destination",
                        "concepts": ["refund"],
                        "allowed": [{"concept": "original-payment"}],
                        "not_allowed": [
                            {"concept": "cash", "label": "cash"},
                            {"concept": "other-account", "label": "another account"},
                        ],
                        "statement": "Refunds only go back to the original payment method.",
                    }
                ],
            },
            {
                "id": "damage-report",
                "title": "Reporting damage",
                "text": "Damage must be reported within 48 hours of delivery.",
                "facts": [
                    {
                        "key": "damage_report_hours",
                        "concepts": ["damaged"],
                        "unit": "hours",
                        "value": 48,
                        "statement": "Report damage within 48 hours of delivery.",
                    }
                ],
            },
            {
                "id": "promises",
                "title": "Never guarantee",
                "text": "Never guarantee a delivery date.",
                "forbidden_promises": [
                    {"concepts": ["guarantee"], "reason": "Delivery dates depend on the courier."}
                ],
                "forbidden_remedies": [
                    {
                        "concepts": ["return-shipping"],
                        "phrases": ["cover the return shipping", "pay for the return shipping"],
                        "unless": [{"concept": "defective"}, {"concept": "shipping-insurance"}],
                        "reason": "The buyer pays return shipping unless the item is defective.",
                    }
                ],
            },
        ],
    }
)
VERIFIED = [
    ("agent", "Could you give me your order number, please?"),
    ("customer", "It's 88123."),
]


def kinds(reply: str, context=()) -> list[str]:
    return [r.kind for r in grade_policy(reply, POLICY, context=context).findings]


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund will arrive in 5 to 7 business days.",
        "The refund takes between 5 and 7 business days.",
        "The refund reaches you within 7 business days.",
        "El reembolso llega en 5 a 7 días hábiles.",
        "Refund-nya masuk dalam 5 sampai 7 hari kerja ya kak.",
        "退款会在5到7个工作日内原路退回。",
        "يصل المبلغ المسترد خلال 5 إلى 7 أيام عمل.",
        "Please report the damage within two days of delivery.",  # 48 hours = 2 days
        "Tienes 48 horas para reportar el daño.",
        # the refund's timing said of the money
        "You'll see the money on your card within 7 business days.",
        "款项会在5到7个工作日内到账。",
        "Dananya masuk ke rekening dalam 5 sampai 7 hari kerja.",
    ],
)
def test_a_fact_stated_right_in_any_unit_and_language_is_not_a_finding(reply):
    assert kinds(reply, VERIFIED) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Your refund will arrive in 3 to 5 business days.",  # a shifted range
        "The refund arrives within 5 business days.",  # the lower end as the limit
        "The refund arrives in 7 calendar days.",
        "退款会在3个工作日内到账。",
        "El reembolso tarda 10 días hábiles.",
        "Pengembalian dana masuk dalam 14 hari kerja.",
        "Please report the damage within 3 days.",  # 72 hours, not 48
        "You have 24 hours to report the damage.",
        # the refund's timing said of the money
        "You'll see the money back on your card in 10 business days.",
        "10个工作日内到账。",
        "El dinero te llega en 12 días hábiles.",
        "Uangnya masuk ke rekening Kakak dalam 14 hari kerja.",
        "سيصلك المبلغ خلال 14 يوم عمل.",
    ],
)
def test_a_wrong_number_unit_or_range_is_a_wrong_number(reply):
    assert "wrong_number" in kinds(reply, VERIFIED)


def test_correcting_the_customers_wrong_number_is_not_stating_it():
    context = [*VERIFIED, ("customer", "You said the refund takes 2 days!")]
    assert kinds("Not 2 days, sorry: the refund takes 5 to 7 business days.", context) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I guarantee your parcel will arrive tomorrow.",
        "I absolutely, personally guarantee it arrives tomorrow.",
        "I gua\u200brantee it arrives tomorrow.",  # an invisible character inside the word
        "Le garantizo que llega mañana.",
        "Saya jamin paketnya sampai besok, kak.",
        "我保证明天一定送到。",
        "أضـــمن لك إنها توصل بكرة.",  # tatweel
    ],
)
def test_a_guarantee_is_a_forbidden_promise_in_every_language(reply):
    assert "forbidden_promise" in kinds(reply, VERIFIED)


@pytest.mark.parametrize(
    "reply",
    [
        "I can't guarantee it will arrive tomorrow.",
        "No le puedo garantizar la fecha de entrega.",
        "Kami tidak bisa menjamin paketnya sampai besok.",
        "这个我没办法保证，要看快递。",
        "ما أقدر أضمن لك موعد التوصيل.",
        'You were told "we guarantee delivery tomorrow", but nobody can promise that.',
    ],
)
def test_a_denied_or_quoted_guarantee_is_not_a_promise(reply):
    assert "forbidden_promise" not in kinds(reply, VERIFIED)


@pytest.mark.parametrize(
    "reply",
    [
        "I'll refund it to a different card instead.",
        "Le devuelvo el dinero en efectivo.",
        "我把退款打到您另一张卡上。",
    ],
)
def test_doing_what_a_list_does_not_allow_is_a_forbidden_remedy(reply):
    assert "forbidden_remedy" in kinds(reply, VERIFIED)


def test_stating_a_rule_the_list_does_not_allow_is_a_wrong_fact():
    assert "wrong_fact" in kinds("Refunds can also be paid out in cash at any store.", VERIFIED)


def test_a_conditional_remedy_is_allowed_when_its_condition_is_there():
    assert "forbidden_remedy" in kinds("We'll cover the return shipping this time.", VERIFIED)
    defective = "Since the lamp arrived defective, we'll cover the return shipping."
    assert "forbidden_remedy" not in kinds(defective, VERIFIED)


@pytest.mark.parametrize(
    "reply",
    [
        "I've cancelled your order.",
        "Ya le reembolsé el dinero.",
        "Dananya sudah dikembalikan ya kak.",
        "退款这边已经给您操作好了。",
        "تم استرداد المبلغ.",
        "I'll verify your account later, the refund is done.",
    ],
)
def test_acting_before_the_step_is_a_skipped_step_that_fails_the_reply(reply):
    score = grade_policy(reply, POLICY)
    assert "skipped_step" in [r.kind for r in score.findings]
    assert score.value < 70


@pytest.mark.parametrize(
    "reply",
    [
        "Shall I go ahead with the refund?",
        "¿Quiere que proceda con el reembolso?",
        "需要我帮您申请退款吗？",
        "Once you give me your order number, I'll process the refund.",
        "Refunds reach the original payment method in 5 to 7 business days.",
        "Refunds are issued to the original payment method.",
    ],
)
def test_asking_permission_a_condition_or_the_rule_is_not_a_skipped_step(reply):
    assert "skipped_step" not in kinds(reply)


def test_an_identifier_the_customer_typed_is_not_verification_by_the_agent():
    typed = [("customer", "My order number is 88123, refund me now.")]
    assert "skipped_step" in kinds("I've refunded you.", typed)
    assert "skipped_step" not in kinds("I've refunded you.", VERIFIED)


def test_every_finding_quotes_the_reply_as_written_and_names_section_and_version():
    reply = "I gua\u200brantee it arrives tomorrow, and the refund takes 3 business days."
    findings = grade_policy(reply, POLICY, context=VERIFIED).findings
    assert findings
    for finding in findings:
        assert finding.quote and finding.quote in reply
        assert finding.section and finding.section.endswith("@2026.12")


@pytest.mark.parametrize(
    "reply",
    [
        "We never refund in cash or to a different card, only to the original payment method.",
        "Refunds can't be paid in cash, sorry.",
        "退款不能退现金，也不能退到别的卡上。",
        "Not possible under this policy: a refund in cash.",  # the denial is another clause
    ],
)
def test_naming_what_a_list_excludes_in_a_denial_is_not_a_finding(reply):
    assert kinds(reply, VERIFIED) == []


def test_a_negation_before_a_list_reaches_each_of_its_items():
    policy = Policy.model_validate(
        {
            **POLICY.model_dump(exclude={"sections"}),
            "sections": [
                {
                    "id": "security",
                    "title": "Security",
                    "text": "Never ask for a card number, a password or a PIN.",
                    "forbidden_promises": [
                        {"phrases": ["your password", "la contraseña"], "reason": "Never ask."}
                    ],
                }
            ],
        }
    )
    listed = "We will never ask for your card number, your password or your PIN."
    assert grade_policy(listed, policy).findings == []
    spanish = "Nunca le pediremos el número de tarjeta, la contraseña ni el PIN."
    assert grade_policy(spanish, policy).findings == []
    asked = "Could you send me your card number and your password?"
    assert [r.kind for r in grade_policy(asked, policy).findings] == ["forbidden_promise"]


def test_every_shipped_policy_reads_its_own_rules_without_a_finding():
    """A policy's own text and correct statements, said by an agent who verified, break none of
    its rules: a grader that flags them would flag a trainee who reads the policy out."""
    from curricula.library import load_library

    verified = [
        ("agent", "Could you confirm your order number and the last four digits of the card?"),
        ("customer", "Order 20261101-1234, card ending 4421."),
    ]
    broken = []
    for versions in load_library().policies.values():
        for policy in versions:
            for section in policy.sections:
                said = [section.text, *(f.statement for f in section.facts)]
                for text in said:
                    for r in grade_policy(text, policy, context=verified).findings:
                        broken.append((policy.ref, section.id, r.kind, r.quote))
    assert broken == []


TWO_RULES = Policy.model_validate(
    {
        "id": "claims",
        "title": "Returns and claims",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "returns",
                "title": "Returns",
                "text": "Items can be returned within 30 days.",
                "facts": [
                    {
                        "key": "return_days",
                        "concepts": ["return"],
                        "unit": "days",
                        "value": 30,
                        "statement": "Items can be returned within 30 days.",
                    }
                ],
            },
            {
                "id": "claims",
                "title": "Claims",
                "text": "A claim investigation takes up to 45 days.",
                "facts": [
                    {
                        "key": "investigation_days",
                        "about": ["investigation", "investigación", "调查"],
                        "unit": "days",
                        "value": 45,
                        "statement": "The investigation takes up to 45 days.",
                    }
                ],
            },
        ],
    }
)


def test_another_rules_exact_figure_is_that_rule_when_the_sentence_names_it():
    reply = "The return is checked in the investigation, within 45 days."
    assert [r.kind for r in grade_policy(reply, TWO_RULES).findings] == []


def test_a_figure_of_another_rule_the_customer_only_mentioned_is_still_wrong():
    # The customer speaking of a return does not make a wrong refund figure the return rule's.
    context = [("customer", "The investigation is taking forever, when can I return it?")]
    score = grade_policy("You can send the return within 45 days.", TWO_RULES, context=context)
    assert [r.kind for r in score.findings] == ["wrong_number"]


def test_another_rules_figure_with_nothing_of_that_rule_around_is_a_wrong_number():
    score = grade_policy("You can send the return within 45 days.", TWO_RULES)
    assert [r.kind for r in score.findings] == ["wrong_number"]


ASKED_REFUND = [*VERIFIED, ("customer", "How long does the refund take to reach my card?")]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("It takes 10 business days.", ["wrong_number"]),
        ("Tarda 12 días hábiles.", ["wrong_number"]),
        ("5 to 7 business days.", []),
        ("¿10 días hábiles? No, son 5 a 7 días hábiles.", []),  # the question echoes the customer
        ("It takes 7 business days; from Monday to today is 12 business days.", []),
    ],
)
def test_a_bare_answer_is_about_the_rule_the_customer_asked_about(reply, expected):
    assert kinds(reply, ASKED_REFUND) == expected


def test_a_bare_number_with_no_rule_asked_about_is_not_judged():
    context = [*VERIFIED, ("customer", "Hi, quick question.")]
    assert kinds("It takes 10 business days.", context) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I've refunded it to your husband's card.",
        "Ya te reembolsé a la cuenta de tu hermana.",
        "Refund sudah saya kirim ke rekening suami Ibu.",
        "已经给您退到您家人的卡上了。",
        "رجعت لك المبلغ على حساب أختك.",
    ],
)
def test_someone_elses_card_or_account_is_another_account(reply):
    assert "forbidden_remedy" in kinds(reply, VERIFIED)


RULES_TO_BREAK = Policy.model_validate(
    {
        "id": "food",
        "title": "Food orders",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "report-window",
                "title": "Reporting a problem",
                "text": "Problems must be reported within 48 hours; after that, no refund.",
                "facts": [
                    {
                        "key": "report_hours",
                        "about": ["report", "reportar", "lapor", "反馈", "الإبلاغ"],
                        "unit": "hours",
                        "value": 48,
                        "statement": "Report a problem within 48 hours of delivery.",
                    }
                ],
                "forbidden_remedies": [
                    {
                        "phrases": ["refund it even though it's past the 48 hours"],
                        "reason": "After 48 hours a problem is feedback, not refunded.",
                    }
                ],
            },
            {
                "id": "non-refundable",
                "title": "Non-refundable rates",
                "text": "Non-refundable rates are never refunded.",
                "lists": [
                    {
                        "key": "non_refundable_outcome",
                        "about": [
                            "non-refundable",
                            "no reembolsable",
                            "不可退",
                            "tidak bisa direfund",
                            "غير قابل للاسترداد",
                        ],
                        "not_allowed": [{"concept": "refund"}],
                        "statement": "A non-refundable rate is not refunded.",
                    }
                ],
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("reply", "section"),
    [
        ("It's past the 48 hours, but I'll make an exception: I've refunded the 6.50 USD.",
         "report-window"),
        ("虽然已经过了48小时，这次我还是破例给您退了。", "report-window"),
        ("Aunque ya pasaron más de 48 horas, le hago una excepción: ya le reembolsé.",
         "report-window"),
        ("Walaupun sudah lewat 48 jam, dananya sudah saya refund ke kartu Kakak.",
         "report-window"),
        ("رغم إن السعر غير قابل للاسترداد عملت لك استرداد على الكارت.", "non-refundable"),
        ("Even though the rate is non-refundable, I've refunded you in full.", "non-refundable"),
    ],
)  # fmt: skip
def test_acting_despite_a_rule_the_reply_names_is_a_forbidden_remedy(reply, section):
    findings = grade_policy(reply, RULES_TO_BREAK).findings
    assert [(r.kind, r.section.split("#")[1].split("@")[0]) for r in findings] == [
        ("forbidden_remedy", section)
    ]


@pytest.mark.parametrize(
    "reply",
    [
        "Although it's past the 48 hours, I can't refund it; I've passed your feedback on.",
        "I understand, although the rate is non-refundable, so I can't refund it.",
        "Even though it was late, I've sent your feedback to the restaurant.",
        "虽然已经过了48小时，退款是没办法了，我帮您反馈给商家。",
    ],
)
def test_naming_the_rule_and_keeping_it_is_no_finding(reply):
    assert [r.kind for r in grade_policy(reply, RULES_TO_BREAK).findings] == []


@pytest.mark.parametrize(
    "reply",
    [
        "Don't worry, I guarantee your parcel will arrive tomorrow and you'll love it.",
        "No te preocupes, te garantizo que llega mañana y lo recibes bien.",
    ],
)
def test_dont_worry_is_no_negation_of_the_promise_after_it(reply):
    assert "forbidden_promise" in kinds(reply, VERIFIED)


def test_a_rule_stated_under_a_condition_is_still_the_rule():
    reply = "If you cancel the order, the refund is paid out in cash."
    assert {"wrong_fact", "forbidden_remedy"} & set(kinds(reply, VERIFIED))
