"""Empathy in every customer language (issue 12): Spanish, Indonesian and Arabic replies are
graded by what they do for the customer, like English and Chinese ones, and words that help
nobody (keyword salad, boilerplate, an "I understand, but…") earn nothing."""

from __future__ import annotations

import pytest

from grading.empathy_grader import grade_empathy

# (customer, an excellent reply, a cold one) per language
CASES = {
    "es": (
        "¡Mi reembolso no llega y ya llevo tres semanas esperando!",
        "Lamento mucho la espera con tu reembolso, entiendo lo frustrante que es. "
        "Voy a revisar el estado ahora mismo y te escribo hoy.",
        "Los reembolsos tardan lo que tardan.",
    ),
    "es-en": (
        "Mi order no ha llegado and I'm honestly so annoyed.",
        "Ay, perdón por la espera, entiendo tu frustración. Let me check tu order ahorita.",
        "Tienes que esperar.",
    ),
    "id": (
        "Pesanan saya belum sampai juga, sudah seminggu!",
        "Mohon maaf atas keterlambatannya ya Kak, saya paham Kakak pasti kesal sudah menunggu "
        "seminggu. "
        "Saya cek status pesanannya sekarang ya.",
        "Silakan tunggu saja.",
    ),
    "ar": (
        "طلبي لم يصل بعد وأنا أنتظر منذ أسبوع!",
        "أعتذر جداً عن هذا التأخير، أفهم تماماً انزعاجك. سأتحقق من حالة طلبك الآن.",
        "انتظر.",
    ),
    "ar-gulf": (
        "وش صار على طلبي؟ لي أسبوع أنتظر",
        "آسفين على التأخير، أفهم انزعاجك. أبشر، بتابع طلبك الحين وأرد عليك.",
        "انتظر.",
    ),
}


@pytest.mark.parametrize("language", list(CASES))
def test_an_empathetic_reply_outscores_a_cold_one(language):
    customer, warm, cold = CASES[language]
    good, bad = grade_empathy(warm, customer), grade_empathy(cold, customer)
    assert good.value >= bad.value + 40, (good.value, bad.value)
    assert good.levels["emotional_reaction"] == 2
    assert good.levels["interpretation"] == 2
    assert "owns_next_step" in {r.kind for r in good.reasons if r.points > 0}


@pytest.mark.parametrize(
    "salad",
    [
        "sorry frustrating understand.",
        "perdón frustrante entiendo.",
        "maaf kesal paham.",
        "آسف محبط أفهم.",
        "抱歉 沮丧 理解。",
    ],
)
def test_keyword_salad_earns_nothing(salad):
    score = grade_empathy(salad, "My refund has not arrived!")
    assert score.value == grade_empathy("ok.", "My refund has not arrived!").value
    assert "keyword_salad" in {r.kind for r in score.reasons}


@pytest.mark.parametrize(
    "sentence",
    ["Lo siento, entiendo tu frustración.", "آسف، أفهم انزعاجك.", "Maaf, saya paham Kakak kesal."],
)
def test_a_short_real_sentence_is_not_salad(sentence):
    score = grade_empathy(sentence, "x")
    assert "keyword_salad" not in {r.kind for r in score.reasons}
    assert score.levels["interpretation"] == 2


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We truly value you as a customer.",
        "Mohon maaf atas ketidaknyamanannya.",
        "Lamentamos las molestias ocasionadas.",
    ],
)
def test_boilerplate_earns_nothing(boilerplate):
    customer = "Where is my parcel?"
    assert grade_empathy(boilerplate, customer).value <= grade_empathy("Hello.", customer).value


@pytest.mark.parametrize(
    ("undercut", "plain"),
    [
        ("I understand, but that is our policy.", "That is our policy."),
        ("Entiendo, pero esa es la política.", "Esa es la política."),
        ("Saya paham, tapi itu sudah kebijakan kami.", "Itu sudah kebijakan kami."),
    ],
)
def test_i_understand_but_counts_against(undercut, plain):
    score = grade_empathy(undercut, "I want my money back!")
    assert score.value < grade_empathy(plain, "I want my money back!").value
    assert "empathy_but" in {r.kind for r in score.reasons}


@pytest.mark.parametrize(
    ("owned", "handed_over"),
    [
        ("Voy a revisar tu pedido ahora mismo.", "Puedes revisar tu pedido en la app."),
        ("Saya cek pesanannya sekarang ya.", "Kakak bisa cek pesanannya di aplikasi."),
        ("سأتابع طلبك الآن.", "يمكنك متابعة طلبك من التطبيق."),
    ],
)
def test_a_step_the_agent_takes_is_owned_and_one_handed_to_the_customer_is_not(owned, handed_over):
    def owns(text):
        return "owns_next_step" in {r.kind for r in grade_empathy(text, "x").reasons}

    assert owns(owned) and not owns(handed_over)


def test_a_yes_no_question_about_the_case_and_an_offer_asking_leave_are_credited():
    asked = grade_empathy("Has the returned item arrived back at our warehouse yet?", "x")
    assert asked.levels["exploration"] >= 1
    offered = grade_empathy("I'm happy to send a replacement right away. Shall I do that?", "x")
    assert "owns_next_step" in {r.kind for r in offered.reasons if r.points > 0}


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "My refund has said 'processing' for three weeks now.",
            "Three weeks stuck in processing is too long.",
        ),
        ("衣柜的螺丝没有，我装了一整个周末！", "装了一整个周末还卡着，太闹心了。"),
        ("Llevo tres semanas esperando el reembolso.", "Tres semanas esperando es demasiado."),
        ("Refund saya sudah seminggu belum masuk.", "Seminggu nunggu refund itu kelamaan, Kak."),
        ("المبلغ محجوز منذ أسبوعين والمستشفى ينتظر.", "أسبوعين والمستشفى ينتظر، هذا صعب."),
    ],
)
def test_saying_how_hard_their_own_case_is_acknowledges_it(customer, reply):
    assert grade_empathy(reply, customer).levels["interpretation"] == 2
    # The same words about nothing the customer said acknowledge nothing of theirs.
    assert (
        grade_empathy(reply, "Hello, a question about my invoice address.").levels["interpretation"]
        < 2
    )


@pytest.mark.parametrize(
    "warm",
    ["Mi más sentido pésame, señora.", "Turut berduka cita, Bu.", "ألف سلامة على والدك."],
)
def test_warmth_that_is_no_apology_is_an_emotional_reaction(warm):
    assert grade_empathy(warm, "x").levels["emotional_reaction"] == 2


HONEST = [
    "The tracking link is on our website under Orders; I've also emailed it to you just now.",
    "If you don't like the replacement, you can return it free within 30 days.",
    "Please check your inbox carefully, I've just sent the label again.",
    "Revisa bien tu correo, te lo acabo de mandar otra vez.",
    "Antes de comprar el repuesto, dime el modelo y te confirmo que es el correcto.",
    "Lain kali kalau ada kendala langsung chat kami ya Kak, kami bantu.",
    "您应该先收到一条短信，我现在帮您重新发送。",
    "تأكد قبل الدفع من العنوان، وأنا بتابع طلبك الحين.",
    "Sorry for the delay: the courier lost a day in Madrid. I've rebooked it for tomorrow.",
]


@pytest.mark.parametrize("reply", HONEST)
def test_helpful_advice_is_not_read_as_blame_or_dismissal(reply):
    kinds = {r.kind for r in grade_empathy(reply, "Where is my parcel?").reasons if r.points < 0}
    assert kinds == set()
