from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from curricula.library import load_library
from curricula.policy import Policy
from grading.feedback import (
    LANGUAGES,
    better_phrasing,
    concept_name,
    phrases,
    quantity,
    reply_language,
    say_fact,
    say_list,
)
from grading.reading import read
from grading.score import Reason, ReplyGrade, Score

POLICY = load_library().policy("returns-refunds")


def grade(empathy=80, policy=100, speed=100, policy_reasons=()):
    return ReplyGrade(
        empathy=Score(dimension="empathy", value=empathy),
        policy=Score(dimension="policy", value=policy, reasons=list(policy_reasons)),
        speed=Score(dimension="speed", value=speed),
    )


WRONG_REFUND = Reason(
    kind="wrong_number",
    text="30 days is wrong: The refund is issued within 5 days of us receiving the item.",
    quote="30 days",
    points=-40,
    section="returns-refunds#refund-timing@2026.10",
)
PROMISE = Reason(
    kind="forbidden_promise",
    text="Refunds are only issued after the returned item is received.",
    quote="refund right now",
    points=-35,
    section="returns-refunds#refund-timing@2026.10",
)

# A policy written in English only, as a trainer writes it: two sections with facts, a list,
# a forbidden promise and remedy, and a required step with two ways to do it.
SHOP = Policy.model_validate(
    {
        "id": "shop",
        "title": "Shop rules",
        "version": "3",
        "effective": dt.date(2026, 1, 1),
        "sections": [
            {
                "id": "refunds",
                "title": "Refunds",
                "text": "Refunds reach the original payment method within 5 to 7 business days.",
                "facts": [
                    {
                        "key": "refund_days",
                        "unit": "business_days",
                        "range": [5, 7],
                        "concepts": ["refund"],
                        "statement": "Your refund arrives within 5 to 7 business days.",
                    }
                ],
                "lists": [
                    {
                        "key": "refund_destinations",
                        "concepts": ["refund"],
                        "allowed": [{"concept": "original-payment"}],
                        "not_allowed": [{"concept": "cash"}],
                        "statement": "The refund goes back to the original payment method.",
                    }
                ],
                "forbidden_promises": [
                    {"concepts": ["guarantee"], "reason": "Bank timing cannot be guaranteed."}
                ],
                "forbidden_remedies": [
                    {"concepts": ["refund", "cash"], "reason": "No cash refunds."}
                ],
                "required_steps": [
                    {
                        "id": "verify-buyer",
                        "actions": ["refund"],
                        "any_of": [
                            [{"concept": "order-number"}],
                            [{"concept": "full-name"}, {"concept": "zip-code"}],
                        ],
                        "reason": "Check the order is the customer's first.",
                    }
                ],
            },
            {
                "id": "compensation",
                "title": "Compensation",
                "text": "A delayed order earns a voucher of at most 250 CNY.",
                "facts": [
                    {
                        "key": "max_voucher",
                        "unit": "currency",
                        "currency": "CNY",
                        "value": 250,
                        "concepts": ["compensate"],
                        "statement": "I can offer you a voucher of up to 250 CNY.",
                    }
                ],
            },
        ],
    }
)
REFUND_DAYS = SHOP.section("refunds").facts[0]
VOUCHER = SHOP.section("compensation").facts[0]


def edited(policy: Policy, section_id: str, change) -> Policy:
    """A copy of `policy` with `change` applied to one section's data, validated again."""
    data = policy.model_dump(exclude_unset=True)
    change(next(s for s in data["sections"] if s["id"] == section_id))
    return Policy.model_validate(data)


def finding(kind: str, text: str, section: str = "refunds", quote: str = "x") -> Reason:
    return Reason(kind=kind, text=text, quote=quote, points=-40, section=f"shop#{section}@3")


FINDINGS = {
    "wrong_number": finding(
        "wrong_number", f"Says 30 days, but the policy says: {REFUND_DAYS.statement}", quote="30"
    ),
    "missing_fact": finding("missing_fact", f"Does not tell the customer: {REFUND_DAYS.statement}"),
    "wrong_fact": finding(
        "wrong_fact",
        "States “cash”, which the policy does not allow: "
        "The refund goes back to the original payment method.",
    ),
    "forbidden_promise": finding(
        "forbidden_promise", "Promises “guarantee”: Bank timing cannot be guaranteed."
    ),
    "forbidden_remedy": finding("forbidden_remedy", "Offers “cash refund”: No cash refunds."),
    "skipped_step": finding(
        "skipped_step",
        "“I'll refund you” comes before the step “verify-buyer”: Check the order is the "
        "customer's first.",
    ),
}
ORDER_NUMBER = {
    "en": "order number",
    "zh": "订单号",
    "es": "número de pedido",
    "id": "nomor pesanan",
    "ar": "رقم الطلب",
}
REFUND_WINDOW = {
    "zh": "5–7个工作日",
    "es": "de 5 a 7 días hábiles",
    "id": "5–7 hari kerja",
    "ar": "من 5 إلى 7 أيام عمل",
}
ISO_CODE = re.compile(r"^[A-Z]{3}$")


def suggest(*reasons: Reason, language="en", context=(), policy=SHOP, **scores) -> str:
    text = better_phrasing(
        grade(policy=40, policy_reasons=reasons, **scores),
        policy=policy,
        language=language,
        context=context,
    )
    assert text is not None
    return text


def assert_reads_as(text: str, language: str) -> None:
    """The whole suggestion is in `language`: every sentence the Reading sees, and for the
    scripts of Chinese and Arabic, no Latin word but a currency code."""
    reading = read(text)
    assert reading.language == language, (language, text)
    assert reading.languages() == {language}, (language, reading.languages(), text)
    if language in ("zh", "ar"):
        latin = re.findall(r"[A-Za-z]+", text)
        assert all(ISO_CODE.match(word) for word in latin), (language, latin, text)


# --- behaviour kept from before ---


def test_nothing_is_suggested_when_every_dimension_passes():
    assert better_phrasing(grade()) is None
    assert better_phrasing(grade(empathy=None, policy=None, speed=None)) is None
    context = [("customer", "Mi número de pedido es 48213377.")]
    for language in LANGUAGES:
        assert better_phrasing(grade(), policy=SHOP, language=language, context=context) is None


def test_a_wrong_number_is_corrected_with_the_policy_statement():
    text = better_phrasing(grade(policy=60, policy_reasons=[WRONG_REFUND]), policy=POLICY)
    statement = POLICY.section("refund-timing").facts[0].statement
    assert statement in text
    assert "30" not in text


def test_a_forbidden_promise_is_replaced_by_what_the_agent_can_do():
    text = better_phrasing(grade(policy=65, policy_reasons=[PROMISE]), policy=POLICY)
    assert text.startswith("I'm so sorry") and "can't promise" in text
    assert POLICY.section("refund-timing").facts[0].statement in text


def test_weak_empathy_uses_the_persona_example_when_there_is_one():
    example = "I'm sorry you've waited three weeks. Could you give me the order number?"
    assert better_phrasing(grade(empathy=20), examples=[example]) == example
    generic = better_phrasing(grade(empathy=20))
    assert "sorry" in generic and "?" in generic


def test_the_pass_marks_decide_what_fails():
    assert better_phrasing(grade(empathy=70), {"empathy": 80}) is not None
    assert better_phrasing(grade(empathy=70), {"empathy": 60}) is None


def test_chinese_replies_get_chinese_phrasing():
    text = better_phrasing(grade(empathy=10), language="zh")
    assert "抱歉" in text and "？" in text


def test_a_slow_reply_gets_a_holding_message():
    text = better_phrasing(grade(speed=20))
    assert "checking" in text
    for language in LANGUAGES:
        held = better_phrasing(grade(speed=20), language=language)
        assert held == phrases()[language].frames.holding
        assert_reads_as(held, language)


def test_the_generic_phrasing_itself_grades_well():
    from grading.rubric import grade_reply

    for language in ("en", "zh"):
        text = better_phrasing(grade(empathy=10), language=language)
        graded = grade_reply(text, policy=None, sla_seconds=60, reply_seconds=45)
        assert graded.empathy.value >= 85, (language, graded.empathy.levels)


def test_a_skipped_step_is_fixed_by_asking_for_it_first():
    from grading.rubric import grade_reply

    for reply, language, asks in (
        ("Sorry about that, I'll refund you.", "en", "order number"),
        ("抱歉，我给您退款。", "zh", "订单号"),
        ("Lo siento, le voy a reembolsar el dinero.", "es", "número de pedido"),
    ):
        graded = grade_reply(
            reply, policy=POLICY, sla_seconds=60, reply_seconds=20, pass_marks={"policy": 80}
        )
        assert [f.kind for f in graded.policy.findings] == ["skipped_step"], language
        assert asks in graded.suggestion, (language, graded.suggestion)


# --- entirely in the reply's language ---


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(FINDINGS))
def test_every_finding_gets_a_suggestion_in_the_reply_language(kind, language):
    text = suggest(FINDINGS[kind], language=language)
    assert_reads_as(text, language)
    if kind == "skipped_step":
        assert ORDER_NUMBER[language] in text
    if kind in ("wrong_number", "missing_fact") and language != "en":
        assert REFUND_WINDOW[language] in text
        assert REFUND_DAYS.statement not in text


def test_a_statement_is_used_as_written_only_in_its_own_language():
    assert REFUND_DAYS.statement in suggest(FINDINGS["wrong_number"], language="en")
    for language in ("zh", "es", "id", "ar"):
        text = suggest(FINDINGS["wrong_number"], language=language)
        assert "business" not in text and "refund" not in text.lower(), (language, text)
    said = "收到退货后5天内为您退款。"
    chinese = edited(POLICY, "refund-timing", lambda s: s["facts"][0].update(statement=said))
    fact = chinese.section("refund-timing").facts[0]
    assert fact.statement == said
    wrong = WRONG_REFUND.model_copy(update={"text": f"说了30天，但政策是：{fact.statement}"})
    assert fact.statement in suggest(wrong, language="zh", policy=chinese)
    english = suggest(wrong, language="en", policy=chinese)
    assert fact.statement not in english and "5 days" in english
    assert_reads_as(english, "en")


def test_numbers_are_written_with_their_unit_in_each_language():
    assert quantity(REFUND_DAYS, "zh") == "为5–7个工作日"
    assert quantity(REFUND_DAYS, "es") == "de 5 a 7 días hábiles"
    assert quantity(REFUND_DAYS, "id") == "5–7 hari kerja"
    assert quantity(REFUND_DAYS, "ar") == "من 5 إلى 7 أيام عمل"
    assert quantity(VOUCHER, "en") == "up to 250 CNY"
    assert quantity(VOUCHER, "es") == "de hasta 250 CNY"
    one_day = REFUND_DAYS.model_copy(update={"range": None, "value": 1, "unit": "days"})
    assert quantity(one_day, "en") == "1 day" and quantity(one_day, "es") == "1 día"
    assert quantity(one_day, "ar") == "يوم واحد"


def test_a_spanish_english_reply_gets_spanish():
    reading = read("Hola, lo siento mucho. Let me check your order, un momento por favor.")
    assert reply_language(None, reading) == "es"
    text = better_phrasing(
        grade(policy=40, policy_reasons=[FINDINGS["skipped_step"]]), policy=SHOP, reading=reading
    )
    assert "número de pedido" in text and "order" not in text


def test_a_language_the_caller_was_told_wins_over_the_reading():
    reading = read("好的，我马上为您处理。")
    assert reply_language(None, reading) == "zh"
    assert reply_language("en", reading) == "en"
    assert reply_language("zh-CN", None) == "zh" and reply_language("es-en", None) == "es"
    assert reply_language("fr", reading) == "en" and reply_language(None, None) == "en"
    told = better_phrasing(grade(empathy=10), language="en", reading=reading)
    assert told == better_phrasing(grade(empathy=10), language="en")
    assert_reads_as(better_phrasing(grade(empathy=10), reading=reading), "zh")


def test_a_persona_example_in_another_language_is_not_suggested():
    example = "I'm sorry you've waited three weeks. Could you give me the order number?"
    text = better_phrasing(grade(empathy=20), examples=[example], language="zh")
    assert text != example
    assert_reads_as(text, "zh")


def test_item_words_are_taken_in_the_reply_language_or_replaced_by_a_generic_phrase():
    policy = edited(
        SHOP,
        "refunds",
        lambda s: s["required_steps"][0].update(any_of=[[{"words": ["member card", "会员卡"]}]]),
    )
    zh = suggest(FINDINGS["skipped_step"], language="zh", policy=policy)
    assert "会员卡" in zh and "member" not in zh
    assert "member card" in suggest(FINDINGS["skipped_step"], language="en", policy=policy)
    for language in ("es", "id", "ar"):
        text = suggest(FINDINGS["skipped_step"], language=language, policy=policy)
        assert phrases()[language].details in text, text
        assert "member" not in text and "会员卡" not in text


# --- never asks for what the customer already gave ---

GAVE_ORDER = {
    "en": [("customer", "My order number is 48213377 and the blender arrived broken.")],
    "zh": [("customer", "我的订单号是20261103558，东西到了就坏了。")],
    "es": [("customer", "Mi número de pedido es 48213377, la licuadora llegó rota.")],
}


@pytest.mark.parametrize("language", sorted(GAVE_ORDER))
def test_an_order_number_already_given_is_not_asked_again(language):
    context = GAVE_ORDER[language]
    code = re.search(r"\d{8,}", context[0][1]).group()
    frames = phrases()[language].frames
    asked = suggest(FINDINGS["skipped_step"], language=language)
    assert frames.first_step.split("{")[0] in asked and ORDER_NUMBER[language] in asked
    text = suggest(FINDINGS["skipped_step"], language=language, context=context)
    assert text != asked and code in text, text
    assert frames.first_step.split("{")[0] not in text  # no "could you confirm your …"
    assert_reads_as(text, language)


@pytest.mark.parametrize("language", sorted(GAVE_ORDER))
def test_the_generic_ask_thanks_for_a_given_order_number_instead(language):
    frames = phrases()[language].frames
    assert frames.ask in better_phrasing(grade(empathy=10), language=language)
    text = better_phrasing(grade(empathy=10), language=language, context=GAVE_ORDER[language])
    assert frames.ask not in text and frames.ask_details in text
    assert re.search(r"\d{8,}", GAVE_ORDER[language][0][1]).group() in text


def test_a_code_typed_after_the_agent_asked_for_it_counts_as_given():
    context = [
        ("trainee", "¿Me podría dar su número de pedido?"),
        ("customer", "Claro: 48213377."),
    ]
    text = suggest(FINDINGS["skipped_step"], language="es", context=context)
    assert "48213377" in text and "confirmarme" not in text


def test_an_order_number_the_customer_does_not_have_is_still_asked_for():
    for context in (
        [("customer", "I don't have the order number with me.")],
        [("customer", "Which order number do you mean?")],
        [("trainee", "My order number for the test is 12345678.")],
        [("customer", "I paid Rp150000 on 2026-11-03 and nothing came.")],
        [("customer", "我付了15000元，到现在都没收到。")],
    ):
        text = suggest(FINDINGS["skipped_step"], language="en", context=context)
        assert "could you confirm your order number" in text, (context, text)


def test_only_the_missing_items_of_a_step_are_asked_for():
    context = [("customer", "My full name is Ana Ruiz.")]
    text = suggest(FINDINGS["skipped_step"], language="en", context=context)
    assert "zip code" in text and "Thank you for your full name" in text
    assert "confirm your full name" not in text


def test_malformed_turns_are_ignored_not_raised():
    context = [("customer",), None, ("customer", None), ("customer", "Order 48213377, please.")]
    text = suggest(FINDINGS["skipped_step"], context=context)
    assert "48213377" in text


def test_a_persona_example_asking_for_a_given_order_number_is_skipped():
    example = "I'm sorry you've waited three weeks. Could you give me the order number?"
    text = better_phrasing(grade(empathy=20), examples=[example], context=GAVE_ORDER["en"])
    assert text != example and "48213377" in text


# --- never corrects toward the wrong section ---


def test_a_two_section_policy_never_gets_the_other_section_fact():
    voucher = finding(
        "wrong_number",
        f"Offers 500 CNY, above what the policy allows: {VOUCHER.statement}",
        section="compensation",
        quote="500 CNY",
    )
    for language in LANGUAGES:
        text = suggest(voucher, language=language)
        assert "250" in text and "5" not in text.replace("250", ""), (language, text)
        refund = suggest(FINDINGS["wrong_number"], language=language)
        assert "250" not in refund and "7" in refund, (language, refund)


def test_the_named_fact_of_the_section_is_used_not_its_first():
    defect = POLICY.section("return-window").facts[1]
    wrong = Reason(
        kind="wrong_number",
        text=f"Says 30 days, but the policy says: {defect.statement}",
        quote="30 days",
        points=-40,
        section="returns-refunds#return-window@2026.10",
    )
    text = suggest(wrong, policy=POLICY)
    assert defect.statement in text
    assert POLICY.section("return-window").facts[0].statement not in text
    zh = suggest(wrong, policy=POLICY, language="zh")
    assert "90天" in zh and "30" not in zh


def test_a_promise_fix_offers_only_what_its_own_section_offers():
    promise = finding(
        "forbidden_promise", "Promises “guarantee”: Bank timing cannot be guaranteed."
    )
    for language in LANGUAGES:
        text = suggest(promise, language=language)
        assert "250" not in text, (language, text)
    no_facts = edited(SHOP, "refunds", lambda s: s.update(facts=[], lists=[]))
    text = suggest(promise, policy=no_facts)
    assert "250" not in text and text.endswith(phrases()["en"].frames.cannot_promise_alone)


def test_a_forbidden_remedy_is_answered_with_what_the_list_allows():
    remedy = FINDINGS["forbidden_remedy"]
    assert "The refund goes back to the original payment method." in suggest(remedy)
    zh = suggest(remedy, language="zh")
    assert "原路退回" in zh and "工作日" not in zh
    assert "طريقة الدفع الأصلية" in suggest(remedy, language="ar")


def test_a_finding_of_another_policy_corrects_nothing_from_this_one():
    other = FINDINGS["wrong_number"].model_copy(update={"section": "hotel#refunds@1"})
    text = suggest(other)
    assert "5 to 7" not in text and "250" not in text


def test_every_shipped_policy_number_reads_in_every_language():
    library = load_library()
    policies = [library.policy(pid) for pid in library.policies]
    facts = [f for p in policies for s in p.sections for f in s.facts]
    lists = [x for p in policies for s in p.sections for x in s.lists]
    assert len(facts) >= 10
    for language in ("zh", "es", "id", "ar"):
        for fact in facts:
            text = say_fact(fact, language)
            assert_reads_as(text, language)
            assert fact.statement not in text
        for rule in lists:
            said = say_list(rule, language)
            if said is not None:
                assert_reads_as(said, language)


def test_an_english_about_word_is_not_taken_for_a_spanish_topic():
    fact = REFUND_DAYS.model_copy(update={"concepts": [], "about": ["decision", "skin test"]})
    assert say_fact(fact, "es") == "Según nuestra política, el plazo es de 5 a 7 días hábiles."
    assert "skin" not in say_fact(fact, "id")


def test_lexicon_markup_never_reaches_a_suggestion():
    for language in LANGUAGES:
        for concept in ("delivered", "shipped", "approved", "order-number", "refund"):
            name = concept_name(concept, language)
            assert name and not name.startswith(("=", "-")) and "…" not in name, name


# --- the phrase data ---


def test_every_language_has_every_frame_with_only_known_placeholders():
    allowed = {"what", "value", "topic", "items"}
    for language, data in phrases().items():
        for name, frame in data.frames.model_dump().items():
            fields = {f for _, f, _, _ in string.Formatter().parse(frame) if f}
            assert fields <= allowed, (language, name, fields)
            assert frame.strip(), (language, name)
        for unit in ("hours", "days", "business_days", "weeks", "months", "percent", "currency"):
            assert "other" in data.units[unit], (language, unit)
        for frame in (data.frames.opener, data.frames.ask, data.frames.holding):
            assert_reads_as(frame, language)
