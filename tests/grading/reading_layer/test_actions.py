"""Actions: what the writer does with each action (mode), who acts, negation and conditions;
and what the questions ask for. Six or more mode cases per language, written for this test."""

from __future__ import annotations

import pytest

from grading.reading import read
from grading.reading.actions import asks_for, find_actions


def act(text: str, concept: str) -> tuple[str, str, bool, bool]:
    found = [a for a in read(text).actions if a.concept == concept]
    assert found, f"no {concept} action in {text!r}: {read(text).actions}"
    a = found[0]
    return a.mode, a.actor, a.negated, a.conditional


CASES = [
    # en
    ("I've refunded your order.", "refund", ("done", "agent", False, False)),
    ("Your refund has been processed.", "refund", ("done", "agent", False, False)),
    ("I can refund the full amount today.", "refund", ("offered", "agent", False, False)),
    ("I'll cancel the order for you.", "cancel", ("promised", "agent", False, False)),
    ("Shall I go ahead with the refund?", "refund", ("asking", "agent", False, False)),
    ("Would you like me to send a replacement?", "reship", ("asking", "agent", False, False)),
    ("I can't refund to another card.", "refund", ("refused", "agent", True, False)),
    ("Once you send me the code, I'll refund you.", "refund", ("offered", "agent", False, True)),
    ("Refunds take 5 business days.", "refund", ("mentioned", "other", False, False)),
    ("You can cancel it in the app.", "cancel", ("mentioned", "customer", False, False)),
    ("I'll check the status of your refund.", "refund", ("mentioned", "agent", False, False)),
    ("The bank will refund the hold.", "refund", ("promised", "other", False, False)),
    ("You will be refunded within 5 days.", "refund", ("promised", "agent", False, False)),
    ("I haven't refunded it yet.", "refund", ("mentioned", "agent", True, False)),
    ("I absolutely, personally guarantee it.", "guarantee", ("promised", "agent", False, False)),
    ("I can't guarantee that.", "guarantee", ("refused", "agent", True, False)),
    ("I can't promise anything.", "guarantee", ("refused", "agent", True, False)),
    ("I promise you'll have it by Friday.", "guarantee", ("promised", "agent", False, False)),
    ("I can give you a 10 USD voucher.", "voucher", ("offered", "agent", False, False)),
    ("Feel free to keep the item.", "keep-the-item", ("offered", "agent", False, False)),
    ("You'll get your money back in 3 days.", "refund", ("promised", "agent", False, False)),
    ("If you'd like, I can cancel the order.", "cancel", ("asking", "agent", False, False)),
    ("Would you like to cancel it yourself?", "cancel", ("asking", "customer", False, False)),
    ("I'm going to escalate this.", "escalate", ("promised", "agent", False, False)),
    ("Your ban has been lifted.", "lift-ban", ("done", "agent", False, False)),
    ("Did you already cancel the order?", "cancel", ("mentioned", "customer", False, False)),
    ("Once the return arrives we refund you.", "refund", ("offered", "agent", False, True)),
    (
        "We refund within 5 days of receiving the item.",
        "refund",
        ("mentioned", "agent", False, False),
    ),
    ("I'll refund you within 5 days.", "refund", ("promised", "agent", False, False)),
    (
        "We'd need the item back before any refund can be issued.",
        "refund",
        ("offered", "agent", False, True),
    ),
    (
        "You sent it back 12 days ago, so it should have been refunded by now - I'll check.",
        "refund",
        ("mentioned", "other", False, False),
    ),
    ("I'll get a new one sent out to you.", "reship", ("promised", "agent", False, False)),
    (
        "I'll refund the second charge right after this chat.",
        "refund",
        ("promised", "agent", False, False),
    ),
    # zh
    ("退款这边已经给您操作好了", "refund", ("done", "agent", False, False)),
    ("我们已经为您办理退款了", "refund", ("done", "agent", False, False)),
    ("我可以帮您申请退款", "refund", ("offered", "agent", False, False)),
    ("我们会为您补发一件新的", "reship", ("promised", "agent", False, False)),
    ("需要我帮您取消订单吗？", "cancel", ("asking", "agent", False, False)),
    ("抱歉，这个订单无法退款到其他银行卡。", "refund", ("refused", "agent", True, False)),
    ("等您寄回商品后，我们会为您退款。", "refund", ("offered", "agent", False, True)),
    ("退款一般3-5个工作日到账。", "refund", ("mentioned", "other", False, False)),
    ("您可以在App里自己取消订单。", "cancel", ("mentioned", "customer", False, False)),
    ("我保证明天一定到。", "guarantee", ("promised", "agent", False, False)),
    ("亲，您的订单已经帮您取消了哦", "cancel", ("done", "agent", False, False)),
    ("可以给您申请一张10元无门槛优惠券", "voucher", ("offered", "agent", False, False)),
    ("我给您退款吧？", "refund", ("asking", "agent", False, False)),
    ("我们不会给您退到其他账户", "refund", ("refused", "agent", True, False)),
    ("我把退款打到您另一张卡上。", "refund", ("offered", "agent", False, False)),
    ("您这个情况我们一定赔偿，您放心。", "compensate", ("promised", "agent", False, False)),
    ("不好意思，多扣的钱我马上帮您申请退回。", "refund", ("offered", "agent", False, False)),
    # es
    ("Ya te hice el reembolso a tu tarjeta.", "refund", ("done", "agent", False, False)),
    ("Ya te hice el refund.", "refund", ("done", "agent", False, False)),
    ("Te devolví el dinero ayer.", "refund", ("done", "agent", False, False)),
    ("Su pedido fue cancelado.", "cancel", ("done", "agent", False, False)),
    ("Se ha procesado el reembolso.", "refund", ("done", "agent", False, False)),
    ("Puedo ofrecerle un cupón de descuento.", "voucher", ("offered", "agent", False, False)),
    ("Reembolsaremos el importe en 5 días.", "refund", ("promised", "agent", False, False)),
    ("¿Quiere que le haga el reembolso?", "refund", ("asking", "agent", False, False)),
    ("No puedo reembolsar a otra tarjeta.", "refund", ("refused", "agent", True, False)),
    (
        "Cuando recibamos el producto, le haremos el reembolso.",
        "refund",
        ("offered", "agent", False, True),
    ),
    ("El reembolso tarda de 5 a 7 días hábiles.", "refund", ("mentioned", "other", False, False)),
    ("Puede cancelar el pedido desde la app.", "cancel", ("mentioned", "customer", False, False)),
    (
        "Te mando la guía de devolución por correo.",
        "send-return-label",
        ("offered", "agent", False, False),
    ),
    ("Usted puede quedarse con el producto.", "keep-the-item", ("offered", "agent", False, False)),
    ("Le devuelvo el dinero en efectivo.", "refund", ("offered", "agent", False, False)),
    # id
    ("Dananya sudah dikembalikan ya kak.", "refund", ("done", "agent", False, False)),
    ("Udah direfund ya kak.", "refund", ("done", "agent", False, False)),
    ("Pesanan kakak sudah dibatalkan.", "cancel", ("done", "agent", False, False)),
    ("Refund sudah saya proses kak.", "refund", ("done", "agent", False, False)),
    ("Saya bisa bantu ajukan pengembalian dana.", "refund", ("offered", "agent", False, False)),
    # A date is a commitment, not putting it off.
    ("Kami akan kirim ulang barangnya besok pagi.", "reship", ("promised", "agent", False, False)),
    (
        "So sorry! We'll send you a replacement tomorrow.",
        "reship",
        ("promised", "agent", False, False),
    ),
    ("Let me get a refund started for you.", "refund", ("offered", "agent", False, False)),
    ("我们会在5天内给您退款。", "refund", ("promised", "agent", False, False)),
    ("退款不一定会马上到。", "refund", ("mentioned", "other", True, False)),
    ("Kami akan kirim ulang barangnya.", "reship", ("promised", "agent", False, False)),
    ("Mau saya bantu proses refund sekarang kak?", "refund", ("asking", "agent", False, False)),
    (
        "Mohon maaf kak, kami tidak bisa refund ke rekening lain.",
        "refund",
        ("refused", "agent", True, False),
    ),
    (
        "Kalau barangnya sudah kami terima, refund akan kami proses.",
        "refund",
        ("offered", "agent", False, True),
    ),
    (
        "Refund biasanya membutuhkan waktu 3-5 hari kerja.",
        "refund",
        ("mentioned", "other", False, False),
    ),
    (
        "Kakak bisa cancel pesanan sendiri di aplikasi.",
        "cancel",
        ("mentioned", "customer", False, False),
    ),
    ("Akun kakak sudah kami pulihkan.", "lift-ban", ("done", "agent", False, False)),
    ("Kak, pesanannya udah aku cancel ya.", "cancel", ("done", "agent", False, False)),
    ("Nanti saya follow up ke kurir ya kak.", "chase-courier", ("deferred", "agent", False, False)),
    ("Hari ini saya hubungi kurirnya.", "chase-courier", ("offered", "agent", False, False)),
    ("Uangnya akan kembali ke kartu kakak segera.", "refund", ("promised", "agent", False, False)),
    # ar
    ("تم استرداد المبلغ إلى بطاقتك.", "refund", ("done", "agent", False, False)),
    ("تم إلغاء الطلب بنجاح.", "cancel", ("done", "agent", False, False)),
    ("اتلغى الطلب خلاص.", "cancel", ("done", "agent", False, False)),
    ("سنقوم بإلغاء الطلب الآن.", "cancel", ("promised", "agent", False, False)),
    ("أقدر أرسل لك بديل.", "reship", ("offered", "agent", False, False)),
    ("هل تحب أن ألغي الطلب؟", "cancel", ("asking", "agent", False, False)),
    ("ما أقدر أرجع المبلغ لبطاقة ثانية.", "refund", ("refused", "agent", True, False)),
    ("مش هينفع نرجع الفلوس كاش.", "refund", ("refused", "agent", True, False)),
    (
        "بمجرد ما توصلنا الشحنة، راح نرجع لك الفلوس.",
        "refund",
        ("offered", "agent", False, True),
    ),
    (
        "الاسترداد يستغرق عادة من 5 إلى 7 أيام عمل.",
        "refund",
        ("mentioned", "other", False, False),
    ),
    ("تقدر تلغي الطلب من التطبيق.", "cancel", ("mentioned", "customer", False, False)),
    ("راح أتواصل مع شركة الشحن وأرد عليك.", "chase-courier", ("promised", "agent", False, False)),
    ("حاضر، تم تحويل طلبك للقسم المختص.", "escalate", ("done", "agent", False, False)),
    ("خليه عندك، ما تحتاج ترجعه.", "keep-the-item", ("offered", "agent", False, False)),
    ("سنرسل لك ملصق الإرجاع عبر البريد.", "send-return-label", ("promised", "agent", False, False)),
]


@pytest.mark.parametrize(("text", "concept", "expected"), CASES)
def test_mode_actor_negation_condition(text, concept, expected):
    assert act(text, concept) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The refund can't go to another card.",
        "退款这边没办法退到其他卡。",
        "El reembolso no se puede hacer a otra tarjeta.",
        "Sorry kak, refundnya ga bisa ke rekening lain ya.",
    ],
)
def test_a_refusal_after_a_topic_first_action(text):
    assert act(text, "refund")[:3] == ("refused", "agent", True)


def test_two_clauses_two_modes():
    modes = {
        a.concept: a.mode for a in read("I can refund you, but I can't cancel the order.").actions
    }
    assert modes == {"refund": "offered", "cancel": "refused"}


def test_every_language_has_at_least_six_mode_cases():
    langs = [read(text).language for text, _, _ in CASES]
    for lang in ("en", "zh", "es", "id", "ar"):
        assert langs.count(lang) >= 6, lang


@pytest.mark.parametrize(
    "text",
    [
        "I'll verify your account later, the refund is done.",
        "我稍后再帮您核实身份，退款已经处理好了。",
        "Voy a verificar su cuenta más tarde, el reembolso ya está hecho.",
        "Saya akan verifikasi akun kakak nanti, refundnya sudah beres.",
        "سأتحقق من حسابك لاحقا، تم استرداد المبلغ.",
    ],
)
def test_a_step_put_off_is_not_done_while_the_other_clause_is(text):
    modes = {a.concept: a.mode for a in read(text).actions}
    assert modes == {"verify": "deferred", "refund": "done"}


@pytest.mark.parametrize(
    "text",
    [
        "In order to process your refund, could you please provide your order number?",
        "Refunds are issued within 5 days of the item arriving at our warehouse.",
        "Your refund is issued within 5 days of us receiving the item.",
        "I'll get back to you about the refund tomorrow.",
        "为了给您办理退款，麻烦您提供一下订单号。",
        "Para poder hacer el reembolso, necesito su número de pedido.",
        "Untuk memproses refund, mohon infokan nomor pesanan kakak.",
        "لكي أتمكن من استرداد المبلغ، أحتاج رقم الطلب.",
        # a present passive states how things are done
        "Essentials are reimbursed up to 40 EUR a day while you wait.",
        "Refunds are issued to the original card.",
        "Meals are fully reimbursed.",
        "Los pedidos son reembolsados al método de pago original.",
        "يتم استرداد المبلغ إلى البطاقة الأصلية.",
    ],
)
def test_a_purpose_a_rule_or_a_follow_up_is_not_the_act(text):
    (refund,) = [a for a in read(text).actions if a.concept == "refund"]
    assert refund.mode == "mentioned"


def test_invisible_characters_do_not_change_the_reading():
    plain = act("I've refunded your order.", "refund")
    hidden = act("I've re\u034ffun\u200bded your order.", "refund")
    assert hidden == plain
    assert act("تـــم إلغـــاء الطلب", "cancel") == ("done", "agent", False, False)


def test_offsets_quote_the_original():
    text = "Hello! I can\u200b re\u200bfund it."
    (action,) = find_actions(read(text))
    assert text[action.start : action.end] == "re\u200bfund"
    assert action.sentence == 1


def test_a_reported_successful_check_is_a_verification_by_the_agent():
    for text in (
        "Your email code matches, thank you.",
        "رقم الطلب مطابق، شكرا لك.",
        "Datanya sudah sesuai, nomor pesanan kakak terverifikasi.",
        "订单号核实无误。",
    ):
        verify = [a for a in read(text).actions if a.concept == "verify"]
        assert verify and verify[0].mode == "done" and verify[0].actor == "agent", text
    assert not [a for a in read("Does your order number match?").actions if a.mode == "done"]
    assert not [a for a in read("Your code doesn't match.").actions if a.concept == "verify"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("What's your order number?", ["order-number"]),
        ("What's the booking reference and your last name?", ["booking-reference", "last-name"]),
        ("¿Me pasas tu número de orden porfa?", ["order-number"]),
        ("请问您的手机号是多少？", ["phone-number"]),
        ("ممكن تعطيني الاسم الثلاثي؟", ["full-name"]),
        ("Could you share your full name and zip code?", ["full-name", "zip-code"]),
        ("Please send me the booking reference.", ["booking-reference"]),
        ("¿Me da su código postal?", ["zip-code"]),
        ("Boleh minta nomor pesanan dan kode pos kakak?", ["order-number", "zip-code"]),
        ("请提供一下您的订单号和邮编。", ["order-number", "zip-code"]),
        ("ممكن رقم الطلب؟", ["order-number"]),
        ("يرجى تزويدي بالرمز البريدي.", ["zip-code"]),
        ("يرجى تأكيد الرمز البريدي واسم العائلة.", ["zip-code", "last-name"]),
        ("Thanks, I have your order number.", []),
        ("We will never ask for your password.", []),
    ],
)
def test_asks_for(text, wanted):
    assert asks_for(read(text)) == wanted
    assert read(text).asks_for == wanted


def test_a_pasted_wall_of_text_gives_a_bounded_number_of_actions():
    from grading.reading.actions import MAX_PER_CONCEPT

    reading = read("I guarantee it. " * 1250)
    assert len(reading.actions) == MAX_PER_CONCEPT
    assert {a.mode for a in reading.actions} == {"promised"}
    one_sentence = read("退款百分之百" * 2000)
    per_concept: dict[str, int] = {}
    for a in one_sentence.actions:
        per_concept[a.concept] = per_concept.get(a.concept, 0) + 1
    assert per_concept and max(per_concept.values()) <= MAX_PER_CONCEPT


@pytest.mark.parametrize(
    "text, mode",
    [
        ("The items are already refunded.", "done"),
        ("Your order has been cancelled and the items are refunded.", "done"),
        ("We are refunding you today.", "offered"),
        ("I refunded the items that are damaged.", "done"),
        ("Su pedido fue reembolsado.", "done"),
        ("سيتم استرداد المبلغ.", "promised"),
        ("تم استرداد المبلغ.", "done"),
    ],
)
def test_a_report_or_a_commitment_is_not_read_as_a_general_statement(text, mode):
    (refund,) = [a for a in read(text).actions if a.concept == "refund"]
    assert refund.mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "Alright, just this once I've waived the fee for you.",
        "这次的手续费我直接帮您免掉了。",
        "Biaya pembatalannya sudah saya hapus ya Kak.",
        "ألغيت لك رسوم الإلغاء.",
    ],
)
def test_a_fee_waived_once_is_done_and_not_conditional(text):
    waived = [a for a in read(text).actions if a.concept == "waive-fee"]
    assert [(a.mode, a.conditional) for a in waived] == [("done", False)]
