from __future__ import annotations

import pytest

from curricula.library import load_library
from grading.policy_checks.steps import SKIPPED_STEP
from grading.policy_grader import grade_policy

REFUND = "returns-refunds#refund-timing@2026.10"
WINDOW = "returns-refunds#return-window@2026.10"
COMPENSATION = "returns-refunds#compensation@2026.10"
PROMISES = "returns-refunds#promises@2026.10"
VERIFY_ORDER = "returns-refunds#verify-order@2026.10"
# The agent asked for the order number and the customer gave it: the order is verified. An
# identifier the customer typed on their own is not (see the skipped-step tests).
ORDER_GIVEN = [
    ("agent", "Could you tell me your order number, please?"),
    ("customer", "Hi, my order number is 20261101-1234."),
]


def kinds(score):
    return [r.kind for r in score.reasons]


@pytest.mark.parametrize(
    "reply",
    [
        "Once we receive the item, your refund is issued within 5 days.",
        "You can return the item within 30 days of delivery.",
        "Defective items can be returned within 90 days, so you're covered.",
        "I can offer you a voucher of up to 20 USD for the trouble.",
        "退款会在5个工作日内到账。",
        "三十天内都可以退货。",
        "商品有质量问题的话，九十天内都可以退回。",
    ],
)
def test_correct_statements_keep_100_and_are_noted(returns_policy, quotes_in, reply):
    score = grade_policy(reply, returns_policy)
    assert score.value == 100
    assert score.findings == []
    assert "states_fact" in kinds(score)
    quotes_in(reply, score)


def test_wrong_refund_days_in_english(returns_policy, quotes_in):
    reply = "Don't worry. Your refund will arrive within 10 days."
    score = grade_policy(reply, returns_policy)
    assert score.value == 60
    (finding,) = score.findings
    assert finding.kind == "wrong_number"
    assert finding.points == -40
    assert finding.section == REFUND
    assert "10 days" in finding.quote
    assert "within 5 days" in finding.text  # names the correct statement
    quotes_in(reply, score)


def test_wrong_refund_days_in_chinese(returns_policy, quotes_in):
    reply = "您的退款需要七天才能到账。"
    score = grade_policy(reply, returns_policy)
    assert score.value == 60
    (finding,) = score.findings
    assert (finding.kind, finding.section) == ("wrong_number", REFUND)
    assert "七天" in finding.quote
    quotes_in(reply, score)


def test_number_words_are_checked(returns_policy):
    score = grade_policy("You can return it within two weeks.", returns_policy)
    assert [(r.kind, r.section) for r in score.findings] == [("wrong_number", WINDOW)]


def test_each_wrong_number_costs_points_and_score_never_goes_below_zero(returns_policy):
    reply = "Refund in 7 days. Return within 14 days. Refund in 9 days. Return within 60 days."
    score = grade_policy(reply, returns_policy)
    assert [r.kind for r in score.findings] == ["wrong_number"] * 4
    assert score.value == 0


def test_numbers_without_a_matching_topic_are_not_judged(returns_policy):
    # No refund, return, defect or voucher word in the sentence: nothing to compare with.
    score = grade_policy(
        "Our team replies within 2 days. The courier comes in 3 days.", returns_policy
    )
    assert score.value == 100
    assert [r.kind for r in score.reasons] == ["no_policy_claims"]


def test_a_number_is_judged_only_against_facts_in_its_own_sentence(returns_policy):
    reply = "I will look into your refund. It has been 12 days since you wrote."
    assert grade_policy(reply, returns_policy).value == 100


def test_any_fact_in_the_sentence_can_make_a_number_right(returns_policy):
    reply = "Return it within 30 days and the refund comes within 5 days."
    score = grade_policy(reply, returns_policy)
    assert score.value == 100
    assert sorted(r.section for r in score.reasons) == [REFUND, WINDOW]


def test_the_wrong_number_names_the_nearest_fact(returns_policy):
    reply = "Return it within 30 days and the refund comes within 10 days."
    (finding,) = grade_policy(reply, returns_policy).findings
    assert finding.section == REFUND


def test_past_events_are_not_policy_claims(returns_policy):
    assert grade_policy("You returned it 3 weeks ago, I see.", returns_policy).value == 100
    assert grade_policy("您10天前就退货了。", returns_policy).value == 100


def test_a_range_is_one_claim_judged_by_its_upper_end(returns_policy, quotes_in):
    # "Within 5 days" is a deadline: a range ending there keeps it, one ending elsewhere breaks it.
    for right in (
        "Your refund is issued within 5-5 days.",
        "Your refund takes 3-5 days.",
        "Refunds take between 3 and 5 business days.",
        "退款需要三到五天。",
        "退款3~5个工作日到账。",
        "I can add a voucher of $10-20.",
    ):
        score = grade_policy(right, returns_policy)
        assert score.findings == [], right
        assert "states_fact" in kinds(score), right
    for wrong, said in (
        ("Your refund takes 5-7 days.", "5-7 days"),
        ("退款需要七到十天。", "七到十天"),
        ("I can add a voucher of $20-$30.", "$20-$30"),
    ):
        score = grade_policy(wrong, returns_policy)
        (finding,) = score.findings  # one claim, one finding
        assert finding.kind == "wrong_number" and said in finding.quote and said in finding.text
        assert score.value == 60
        quotes_in(wrong, score)


def test_alternatives_are_not_a_range(returns_policy):
    reply = "You can return it within 30 or 90 days if it's defective."
    assert grade_policy(reply, returns_policy).findings == []


def test_amount_above_the_limit_is_wrong_and_below_is_fine(returns_policy):
    over = grade_policy("I'll add a $50 voucher to your account.", returns_policy)
    assert [(r.kind, r.section) for r in over.findings] == [("wrong_number", COMPENSATION)]
    assert "20 USD" in over.findings[0].text
    assert grade_policy("I'll add a $10 voucher to your account.", returns_policy).value == 100
    assert grade_policy("I'll add a $20 voucher to your account.", returns_policy).value == 100
    assert grade_policy("我给您发一张五十美元的优惠券。", returns_policy).value == 60
    assert grade_policy("我给您发一张二十美元的优惠券。", returns_policy).value == 100


def test_amount_in_another_currency_is_not_judged(returns_policy):
    # No exchange rates offline: staying silent beats a false finding.
    assert grade_policy("我给您发一张50元的优惠券。", returns_policy).value == 100


def test_forbidden_promise_english(returns_policy, quotes_in):
    reply = "I guarantee the courier will pick it up tomorrow."
    score = grade_policy(reply, returns_policy)
    (finding,) = score.findings
    assert (finding.kind, finding.points, finding.section) == ("forbidden_promise", -35, PROMISES)
    assert "guarantee" in finding.quote
    assert "cannot be guaranteed" in finding.text
    assert score.value == 65
    quotes_in(reply, score)


def test_forbidden_promise_chinese(returns_policy, quotes_in):
    reply = "我保证明天就给您马上退款。"
    score = grade_policy(reply, returns_policy, context=ORDER_GIVEN)
    assert sorted(r.section for r in score.findings) == [PROMISES, REFUND]
    assert score.value == 30
    quotes_in(reply, score)


def test_every_broken_promise_counts(returns_policy):
    reply = "I promise you will be compensated. And I can refund you right now."
    score = grade_policy(reply, returns_policy, context=ORDER_GIVEN)
    assert len(score.findings) == 3
    assert score.value == 0


def test_repeating_a_promise_in_one_sentence_counts_once(returns_policy):
    score = grade_policy("I guarantee it, guaranteed!", returns_policy)
    assert len(score.findings) == 1


@pytest.mark.parametrize(
    "reply",
    [
        "I can't guarantee when the courier arrives.",
        "I cannot guarantee the bank's timing.",
        "I'm not able to promise anything about the courier.",
        "Unfortunately I won't guarantee a date.",
        "我不能保证快递什么时候到。",
        "我们无法保证银行的处理时间。",
        "我不敢保证，但我会尽力。",
        "这个我没法保证。",
        "退款不一定会马上到。",
    ],
)
def test_negated_promises_are_not_findings(returns_policy, reply):
    score = grade_policy(reply, returns_policy)
    assert score.findings == []
    assert score.value == 100


def test_negation_before_a_clause_break_does_not_cancel_the_promise(returns_policy):
    score = grade_policy("I don't know why, but I guarantee it will come.", returns_policy)
    assert [r.kind for r in score.findings] == ["forbidden_promise"]


def test_wrong_number_and_promise_together(returns_policy):
    reply = "I guarantee you'll get an instant refund within 10 days and a $50 voucher."
    score = grade_policy(reply, returns_policy, context=ORDER_GIVEN)
    assert sorted(r.kind for r in score.findings) == [
        "forbidden_promise",
        "forbidden_promise",
        "wrong_number",
        "wrong_number",
    ]
    assert score.value == 0


def test_persona_examples_are_graded_as_their_authors_meant(returns_policy):
    good = (
        "I'm sorry the blender failed so soon, that's really frustrating. Defective items can "
        "be returned within 90 days, so you're covered. Could you tell me the order number?"
    )
    assert grade_policy(good, returns_policy).value == 100
    refund_check = (
        "Could you give me the order number so I can check where the refund is right now?"
    )
    assert grade_policy(refund_check, returns_policy).value == 100


def test_inline_policy_hours_percent_and_eur(hotel_policy, quotes_in):
    assert grade_policy("You can cancel for free up to 48 hours before.", hotel_policy).value == 100
    late = grade_policy("Free cancellation up to 24 hours before check-in.", hotel_policy)
    assert [(r.kind, r.section) for r in late.findings] == [
        ("wrong_number", "hotel#cancellation@1")
    ]
    assert grade_policy("取消订单需要提前48小时。", hotel_policy).value == 100
    assert grade_policy("提前24小时取消就可以。", hotel_policy).value == 60
    assert grade_policy("Members get 10% off.", hotel_policy).value == 100
    assert grade_policy("Members get a 15 percent discount.", hotel_policy).value == 60
    assert grade_policy("会员享受百分之十的折扣。", hotel_policy).value == 100
    assert grade_policy("I'll add a €25 credit.", hotel_policy).value == 100
    over = "I'll add a 40 EUR credit."
    score = grade_policy(over, hotel_policy)
    assert score.value == 60
    quotes_in(over, score)
    assert grade_policy("We can upgrade for free.", hotel_policy).value == 65
    assert grade_policy("我们可以免费升级。", hotel_policy).value == 65


def test_days_and_hours_convert(hotel_policy, returns_policy):
    # A 48-hour rule is naturally said as "2 days", so days can confirm or break it.
    right = grade_policy("You can cancel up to 2 days before.", hotel_policy)
    assert right.value == 100 and "states_fact" in kinds(right)
    wrong = grade_policy("You can cancel up to 3 days before.", hotel_policy)
    assert kinds(wrong) == ["wrong_number"]
    # Nobody says a 5-day refund in hours: "24 hours" is when the agent writes back.
    reply = "I'll get back to you about your refund within 24 hours."
    assert grade_policy(reply, returns_policy, context=ORDER_GIVEN).findings == []


def test_reply_without_numbers_or_promises_keeps_100_and_says_why(returns_policy):
    score = grade_policy("Please wait.", returns_policy)
    assert score.value == 100
    (reason,) = score.reasons
    assert (reason.kind, reason.points, reason.quote) == ("no_policy_claims", 0, None)


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds are issued within 30 days.",
        "You'll be refunded in 2 days.",
        "Returns are accepted for 60 days.",
        "Vouchers of $50 are available.",
    ],
)
def test_topic_words_match_their_inflections(returns_policy, reply):
    findings = grade_policy(reply, returns_policy, context=ORDER_GIVEN).findings
    assert [r.kind for r in findings] == ["wrong_number"]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("We will never ask for your password or your full card number.", 100),
        ("Don't share your full card number or CVV with anyone.", 100),
        ("请勿向任何人透露密码或验证码。", 100),
        ("Please send me your full card number and CVV.", 65),
        ("请告诉我您的密码。", 65),
        ("不好意思，您的密码是多少？", 65),
    ],
)
def test_a_warning_against_a_forbidden_request_is_not_the_request(reply, expected):
    payments = load_library().policy("payments")
    assert grade_policy(reply, payments).value == expected


# --- remedies the policy does not allow -------------------------------------------------------

PRICE_PROTECTION = "promotions#price-protection@2026.11"
COUPONS = "promotions#coupon-stacking@2026.11"
DOUBLE_CHARGE = "payments#double-charge@2026.11"
VERIFY_PAYMENT = "payments#verify-payment@2026.11"


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize(
    ("policy_id", "reply", "section"),
    [
        ("promotions", "I'll refund the difference in cash.", PRICE_PROTECTION),
        ("promotions", "差价我给您退现金吧。", PRICE_PROTECTION),
        ("returns-refunds", "You can keep the item and I'll refund you in full.", REFUND),
        ("returns-refunds", "不用寄回了，我直接给您退款。", REFUND),
        ("returns-refunds", "I can give you 10 dollars cash compensation.", COMPENSATION),
        ("returns-refunds", "给您部分退款作为补偿可以吗？", COMPENSATION),
        ("payments", "I'll refund the duplicate charge to a different card.", DOUBLE_CHARGE),
        ("payments", "多扣的钱我给您退到余额里。", DOUBLE_CHARGE),
    ],
)
def test_a_remedy_the_policy_does_not_allow_is_a_finding(
    library, quotes_in, policy_id, reply, section
):
    context = [
        ("agent", "Could you give me the order number and the card's last four digits?"),
        ("customer", "Order number 55120, the last four digits are 4421."),
    ]
    score = grade_policy(reply, library.policy(policy_id), context=context)
    (finding,) = score.findings
    assert (finding.kind, finding.points, finding.section) == ("forbidden_remedy", -35, section)
    assert finding.text.startswith("Offers “")
    assert score.value == 65
    quotes_in(reply, score)


@pytest.mark.parametrize(
    ("policy_id", "reply"),
    [
        ("promotions", "I'm afraid we can't refund the difference in cash; it comes as a voucher."),
        ("promotions", "差价不能退现金，会以优惠券的形式返还。"),
        (
            "returns-refunds",
            "We can't refund you before the item is back, so please don't keep it.",
        ),
        ("returns-refunds", "这个订单不支持仅退款，需要先寄回哦。"),
        ("payments", "The refund goes to your original card, never to another card."),
    ],
)
def test_declining_a_remedy_is_not_offering_it(library, policy_id, reply):
    score = grade_policy(reply, library.policy(policy_id), context=ORDER_GIVEN)
    assert score.findings == [], [(r.kind, r.quote) for r in score.findings]


# --- steps that must come first ---------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "I'll process a full refund for you.",
        "So sorry! We'll send you a replacement tomorrow.",
        "Let me get a refund started for you.",
        "I'll refund you now. What's your order number?",  # asked only after the offer
        "非常抱歉，我现在就给您办理退款。",
        "别着急，我帮您申请补发一个新的。",
        "我们会在5天内给您退款。",
    ],
)
def test_an_offer_before_the_order_is_verified_is_a_skipped_step(returns_policy, quotes_in, reply):
    score = grade_policy(reply, returns_policy, context=[("customer", "The kettle is broken.")])
    skipped = [r for r in score.findings if r.kind == "skipped_step"]
    assert [(r.section, r.points) for r in skipped] == [(VERIFY_ORDER, SKIPPED_STEP)]
    assert "verify-order" in skipped[0].text
    assert "order number" in skipped[0].text  # the reason says what to do first
    quotes_in(reply, score)


@pytest.mark.parametrize(
    ("context", "reply"),
    [
        ([("agent", "Could you share your order number?")], "Thanks, I'll refund you today."),
        ([("trainee", "请问您的订单号是多少？")], "好的，我给您办理退款。"),
        ([], "Could you share your order number? Then I'll refund you."),
        ([], "To start your refund, could you share the order number?"),
        ([], "I'll start the refund as soon as you send me the order number."),
        ([], "为了给您办理退款，麻烦您提供一下订单号。"),
        # the identifier read back in an earlier turn names the order number
        ([("agent", "Thanks, I've pulled up order BX-40917.")], "I've refunded the kettle."),
        ([("agent", "好的，订单BX-40917已经查到了。")], "已经给您退款了。"),
        ([("agent", "Listo, ya encontré tu pedido #INV-5521.")], "Ya te hice el reembolso."),
        # the check reported as passed in an earlier turn
        ([("agent", "شكرًا، الرمز صحيح وتم التحقق من هويتك.")], "تم استرداد المبلغ."),
        # an offer, and the items asked for afterwards; a commitment, and asked for "first"
        ([], "I can send a replacement. Could you share your order number?"),
        ([], "I'll sort out the refund for you. First, what's your order number?"),
        ([], "Saya bantu refund ya Kak. Boleh minta nomor pesanannya dulu?"),
        ([], "I can arrange a refund for you. Would you like me to go ahead?"),
    ],
)
def test_a_step_done_earlier_or_alongside_the_offer_counts(returns_policy, context, reply):
    score = grade_policy(reply, returns_policy, context=context)
    assert "skipped_step" not in kinds(score)


@pytest.mark.parametrize(
    ("context", "reply"),
    [
        ([("customer", "My order number is 88213.")], "I'll arrange a replacement for you."),
        ([("customer", "订单号是20261103-5512，杯子裂了。")], "我马上为您申请补发。"),
    ],
)
def test_an_order_number_the_customer_typed_is_not_the_agent_checking_it(
    returns_policy, context, reply
):
    score = grade_policy(reply, returns_policy, context=context)
    assert "skipped_step" in kinds(score)


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds are issued within 5 days of the item arriving at our warehouse.",
        "退款会在仓库收到商品后5天内到账。",
        "I can't refund you before the item is back with us.",
        "我们暂时无法为您退款。",
        "Let me check the status of your refund.",
        "I'll get back to you about the refund tomorrow.",
        "我帮您查一下退款进度。",
        "I'm sorry your refund hasn't arrived yet.",
    ],
)
def test_explaining_declining_or_looking_into_an_action_is_not_offering_it(returns_policy, reply):
    assert "skipped_step" not in kinds(grade_policy(reply, returns_policy))


def test_one_skipped_step_is_one_finding(returns_policy):
    reply = "I'll refund you. I'll also send a replacement. And I'll refund the shipping."
    assert kinds(grade_policy(reply, returns_policy)).count("skipped_step") == 1


def test_payments_need_the_payment_verified_first(library):
    payments = library.policy("payments")
    score = grade_policy("Let me reverse the charge for you.", payments)
    assert [(r.kind, r.section) for r in score.findings] == [("skipped_step", VERIFY_PAYMENT)]
    verified = [
        ("agent", "Please share the order number and the last four digits of the card."),
        ("customer", "Order 44821, card ending 3321."),
    ]
    assert (
        grade_policy("Let me reverse the charge for you.", payments, context=verified).findings
        == []
    )
    asked = "请提供订单号和银行卡后四位，核实后我帮您退回多扣的钱。"
    assert grade_policy(asked, payments).findings == []
    assert kinds(grade_policy("我给您撤销这笔扣款吧。", payments)) == ["skipped_step"]


# --- facts the lesson requires ------------------------------------------------------------------


def test_a_required_fact_left_out_is_a_smaller_finding(returns_policy):
    score = grade_policy("Sorry for the wait!", returns_policy, required_facts=["refund_days"])
    (finding,) = score.findings
    assert (finding.kind, finding.points, finding.section) == ("missing_fact", -15, REFUND)
    assert "within 5 days" in finding.text  # the statement the trainee should have made
    assert finding.quote is None  # nothing in the reply to quote
    assert score.value == 85


@pytest.mark.parametrize(
    "reply", ["Your refund is issued within five days.", "退款会在5个工作日内到账。"]
)
def test_a_required_fact_stated_correctly_is_not_missing(returns_policy, reply):
    score = grade_policy(reply, returns_policy, required_facts=["refund_days"])
    assert score.findings == []


def test_a_required_fact_stated_wrongly_is_wrong_and_still_missing(returns_policy):
    score = grade_policy("Refunds take 10 days.", returns_policy, required_facts=["refund_days"])
    assert sorted(kinds(score)) == ["missing_fact", "wrong_number"]
    assert score.value == 45


def test_a_required_fact_stated_by_the_agent_earlier_counts_but_not_by_the_customer(
    returns_policy,
):
    said = [("agent", "The refund is issued within 5 days of us receiving the item.")]
    assert grade_policy("Anything else?", returns_policy, said, ["refund_days"]).findings == []
    heard = [("customer", "Your site says the refund is issued within 5 days.")]
    assert kinds(grade_policy("Anything else?", returns_policy, heard, ["refund_days"])) == [
        "missing_fact"
    ]


def test_required_facts_are_checked_only_when_asked_and_only_if_they_exist(returns_policy):
    assert grade_policy("Sorry for the wait!", returns_policy).value == 100
    several = ["refund_days", "return_window_days", "no_such_fact", "refund_days"]
    score = grade_policy("Refunds take 5 days.", returns_policy, required_facts=several)
    assert [(r.kind, r.section) for r in score.findings] == [("missing_fact", WINDOW)]


# --- facts that share words, units and cues -----------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("跨店满减是每满200元减30元。", []),
        ("跨店满减是每满二百减三十。", []),
        ("The cross-shop discount is 30 CNY off for every 200 CNY spent.", []),
        ("每个订单最多一张平台券，那张满300减20的店铺券没有用上。", []),  # not the cross-shop deal
        ("跨店满减是满300减30哦。", [("wrong_number", "every 200 CNY you spend")]),
        ("跨店满减每满200可以减50元。", [("wrong_number", "30 CNY off")]),
        (
            "The cross-shop deal is 20 CNY off for every 200 CNY you spend.",
            [("wrong_number", "30 CNY off")],
        ),
        (
            "跨店满减是满30减200。",  # swapped: each number is judged by the word beside it
            [("wrong_number", "every 200 CNY you spend"), ("wrong_number", "30 CNY off")],
        ),
    ],
)
def test_minimum_spend_and_discount_in_one_sentence(library, reply, expected):
    score = grade_policy(reply, library.policy("promotions"))
    found = [(r.kind, r.section) for r in score.findings]
    assert found == [(kind, COUPONS) for kind, _ in expected]
    for finding, (_, statement) in zip(score.findings, expected, strict=True):
        assert statement in finding.text


def test_a_word_two_facts_share_is_settled_by_the_words_around_it(library):
    appeals = library.policy("account-appeals")
    ban, video = "account-appeals#ban-appeal@2026.11", "account-appeals#content-moderation@2026.11"
    # "appeal" alone could be either: a 14-day answer fits the video rule, so no finding.
    assert grade_policy("You can appeal within 14 days.", appeals).findings == []
    banned = [("customer", "My account got banned yesterday!")]
    score = grade_policy("You can appeal within 14 days.", appeals, context=banned)
    assert [(r.kind, r.section) for r in score.findings] == [("wrong_number", ban)]
    score = grade_policy("Ban appeals are reviewed within 48 hours.", appeals)
    assert [(r.kind, r.section) for r in score.findings] == [("wrong_number", ban)]
    assert grade_policy("Video appeals are reviewed within 48 hours.", appeals).findings == []
    score = grade_policy(
        "删除后30天内都可以申诉。", appeals, context=[("customer", "我的作品被删除了")]
    )
    assert [(r.kind, r.section) for r in score.findings] == [("wrong_number", video)]
    # Both topics in play: unsure, so silent.
    both = [("customer", "我的账号被封了，视频也被删了")]
    reply = "账号申诉的期限是30天，视频申诉是14天。"
    assert grade_policy(reply, appeals, context=both).findings == []
    # A video mentioned in passing does not turn a ban reply into a video reply.
    reply = "I've noted the video on your appeal. You'll hear back within 72 hours."
    assert grade_policy(reply, appeals).findings == []


@pytest.mark.parametrize(
    ("reply", "context", "wrong"),
    [
        ("Domestic orders arrive within 3 days of dispatch.", [], False),
        ("Cross-border orders arrive within 15 days of dispatch.", [], False),
        ("Your international parcel should arrive within 3 days.", [], True),
        ("跨境包裹一般3天就能送到。", [], True),
        ("Your order should arrive within 3 days.", [], False),  # which one? unsure
        (
            "Your order should arrive within 3 days.",
            [("customer", "I ordered from overseas.")],
            True,
        ),
        ("Your overseas parcel counts as lost after 7 days without an update.", [], True),
        ("国内包裹7天没有更新就可以按丢件理赔。", [], False),
    ],
)
def test_cross_border_and_domestic_are_told_apart(library, reply, context, wrong):
    score = grade_policy(reply, library.policy("logistics-claims"), context=context)
    assert kinds(score).count("wrong_number") == int(wrong), [r.text for r in score.reasons]


@pytest.mark.parametrize(
    "reply",
    [
        "Faulty items have 90 days, non-faulty ones 30 days.",
        "您好，质量问题90天内都能退，非质量问题是30天。",
    ],
)
def test_a_denied_topic_word_does_not_claim_the_number(returns_policy, reply):
    assert grade_policy(reply, returns_policy).findings == []


def test_a_correct_fact_in_another_unit_is_right(library):
    appeals = library.policy("account-appeals")
    score = grade_policy("The review takes up to three days for a ban appeal.", appeals)
    assert score.findings == [] and "states_fact" in kinds(score)
    wrong = grade_policy("Video appeals are usually reviewed within three days.", appeals)
    (finding,) = wrong.findings
    assert "48 hours" in finding.text


def test_a_repeated_mistake_is_reported_a_few_times_not_a_thousand(returns_policy):
    score = grade_policy("Refund in 9 days. " * 500, returns_policy, context=ORDER_GIVEN)
    assert kinds(score) == ["wrong_number"] * 3
    assert score.value == 0
    score = grade_policy("I guarantee it. " * 500, returns_policy)
    assert kinds(score) == ["forbidden_promise"] * 3


def test_context_of_any_shape_is_tolerated(returns_policy):
    odd = [("customer",), ("agent", None), (None, "order number 5"), "text", ("agent", "")]
    assert grade_policy("I'll refund you.", returns_policy, context=odd).value == 100 + SKIPPED_STEP


def test_every_shipped_good_example_passes_the_policy_grader(library):
    # Graded as in a session: the persona's opening line is the earlier turn.
    for persona in library.personas.values():
        policies = {ref.partition("#")[0] for ref in persona.policy_sections}
        for policy_id in sorted(policies):
            policy = library.policy(policy_id)
            for opening in persona.lines.opening:
                context = [("customer", persona.say(opening))]
                for example in persona.examples.good:
                    score = grade_policy(example, policy, context=context)
                    assert score.findings == [], (persona.id, example, score.findings)
