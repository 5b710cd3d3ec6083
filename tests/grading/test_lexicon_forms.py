"""The concept lexicons know the ways agents write actions, values and modes in every customer
language: colloquial verbs, Spanglish hybrids, Indonesian affixes, Arabic dialect tenses,
Chinese synonyms. Sentences written for this test; each names what the Reading must find."""

from __future__ import annotations

import pytest

from grading.reading import read


def action(text: str, concept: str) -> tuple[str, str]:
    found = [a for a in read(text).actions if a.concept == concept]
    assert found, f"no {concept} action in {text!r}: {read(text).actions}"
    return found[0].mode, found[0].actor


def concepts(text: str) -> set[str]:
    return {c.concept for c in read(text).concepts}


ACTIONS = [
    # en
    ("I've unfrozen your card.", "lift-ban", ("done", "agent")),
    ("I put the refund through this morning.", "refund", ("done", "agent")),
    ("I'm processing your refund now.", "refund", ("offered", "agent")),
    ("I'll have the fee waived.", "waive-fee", ("promised", "agent")),
    ("I've knocked the fee off.", "waive-fee", ("done", "agent")),
    ("I'll put it back on your card.", "refund", ("promised", "agent")),
    ("I've passed this on to the relevant team.", "escalate", ("done", "agent")),
    ("Your post has been reinstated.", "restore-content", ("done", "agent")),
    ("I'll get a replacement out to you.", "reship", ("promised", "agent")),
    ("I'll add a 10 USD credit to your account.", "credit", ("promised", "agent")),
    ("I can't refund it in cash.", "refund", ("refused", "agent")),
    # es, Spanglish included
    ("Te waiveé el fee.", "waive-fee", ("done", "agent")),
    ("Ya te lo refundeé a tu tarjeta.", "refund", ("done", "agent")),
    ("Te refundeé el dinero.", "refund", ("done", "agent")),
    ("Ya te regresé tu dinero.", "refund", ("done", "agent")),
    ("Te liberé el dinero.", "refund", ("done", "agent")),
    ("Ya te hice la devolución a tu tarjeta.", "refund", ("done", "agent")),
    ("Te puse un cupón de 10 dólares.", "voucher", ("done", "agent")),
    ("Te di de baja la suscripción.", "cancel", ("done", "agent")),
    ("En un momento te proceso el reembolso.", "refund", ("offered", "agent")),
    ("No te vamos a cobrar la comisión.", "waive-fee", ("promised", "agent")),
    ("No le puedo reembolsar en efectivo.", "refund", ("refused", "agent")),
    ("Te transfiero con mi supervisor.", "escalate", ("offered", "agent")),
    # id
    ("Dananya sudah saya refund ke kartu Kakak.", "refund", ("done", "agent")),
    ("Dananya sudah dicairkan ke rekening Kakak.", "refund", ("done", "agent")),
    ("Saya ganti uangnya ya kak.", "refund", ("offered", "agent")),
    ("Pesanan sudah saya cancelin ya kak.", "cancel", ("done", "agent")),
    ("Laporan Kakak sudah saya teruskan ke tim terkait.", "escalate", ("done", "agent")),
    ("Refund gabisa ke rekening orang lain kak.", "refund", ("refused", "agent")),
    ("Kakak akan dapat kompensasi 50 ribu.", "compensate", ("promised", "agent")),
    # ar
    ("رجعت لك المبلغ على البطاقة.", "refund", ("done", "agent")),
    ("أعدنا لك المبلغ إلى بطاقتك.", "refund", ("done", "agent")),
    ("لغيت الطلب.", "cancel", ("done", "agent")),
    ("عوضتك بمبلغ 50 ريال.", "compensate", ("done", "agent")),
    ("حرجع لك الفلوس بكرة.", "refund", ("promised", "agent")),
    ("رح رجعلك المصاري.", "refund", ("promised", "agent")),
    ("بعوضك بقسيمة.", "compensate", ("promised", "agent")),
    ("عملتلك ريفند.", "refund", ("done", "agent")),
    ("فكيت تجميد البطاقة.", "lift-ban", ("done", "agent")),
    ("بدلت لك المنتج.", "exchange", ("done", "agent")),
    ("صعدت الموضوع للمشرف.", "escalate", ("done", "agent")),
    ("تواصلت مع شركة الشحن.", "chase-courier", ("done", "agent")),
    ("أضفت لك رصيد 20 ريال.", "credit", ("done", "agent")),
    ("شلت عنك الرسوم.", "waive-fee", ("done", "agent")),
    ("غيرت لك موعد الحجز.", "rebook", ("done", "agent")),
    ("تحققت من هويتك.", "verify", ("done", "agent")),
    ("يمكنني إرجاع المبلغ إلى بطاقتك.", "refund", ("offered", "agent")),
    ("لا يمكنني استرداد المبلغ نقدا.", "refund", ("refused", "agent")),
    # zh
    ("已经转账给您了。", "refund", ("done", "agent")),
    ("已经给您补了20元。", "compensate", ("done", "agent")),
    ("已经帮您换了一个新的。", "exchange", ("done", "agent")),
    ("要不我帮您退款？", "refund", ("asking", "agent")),
    ("没办法退到您老公的卡上。", "refund", ("refused", "agent")),
]


@pytest.mark.parametrize("text,concept,expected", ACTIONS)
def test_an_agents_way_of_writing_an_action_is_read(text, concept, expected):
    assert action(text, concept) == expected


VALUES = [
    ("We can refund to your Zelle or Cash App.", "e-wallet", "cash"),
    ("I can refund it to your mum's card.", "other-account", None),
    ("I can send the refund to an account at another bank.", "other-account", None),
    ("Puedo hacer el reembolso a la tarjeta de su mamá.", "other-account", None),
    ("¿Quieres que te haga el refund a tu Zelle?", "e-wallet", None),
    ("Refund bisa ke rekening suami Kakak.", "other-account", None),
    ("Saya bisa refund ke DANA Kakak.", "e-wallet", None),
    ("ما نقدر نرجع المبلغ على حساب أختك.", "other-account", "lift-ban"),
    ("ممكن أرجع لك المبلغ على STC Pay.", "e-wallet", None),
    ("可以退到您妈妈的卡。", "other-account", None),
    ("可以退到您的微信零钱通。", "e-wallet", None),
]


@pytest.mark.parametrize("text,concept,not_this", VALUES)
def test_a_destination_is_named(text, concept, not_this):
    found = concepts(text)
    assert concept in found
    if not_this:
        assert not_this not in found  # "Cash App" is a wallet, not cash


NOT_DONE_BY_THE_AGENT = [
    # rules and explanations are not the agent doing it
    ("Refunds are issued to the original payment method.", "refund"),
    ("Los reembolsos tardan de 5 a 10 días hábiles.", "refund"),
    ("Refund biasanya diproses 3-5 hari kerja.", "refund"),
    ("يتم استرداد المبلغ خلال 5 أيام عمل.", "refund"),
    ("退款一般在3到5个工作日内到账。", "refund"),
    # a question about a refund is not a refund made
    ("عندي استفسار حول الاسترداد.", "refund"),
    # Gulf "I wanted to cancel" is not "I cancelled"
    ("بغيت ألغي الطلب.", "cancel"),
]


@pytest.mark.parametrize("text,concept", NOT_DONE_BY_THE_AGENT)
def test_a_rule_or_a_mention_is_not_done_by_the_agent(text, concept):
    for a in read(text).actions:
        if a.concept == concept:
            assert (a.mode, a.actor) != ("done", "agent"), text


ORDINARY_WORDS = [
    # a card paid by credit is no account credit
    ("I've refunded it to your credit card.", "credit"),
    ("Te cobramos con tarjeta de crédito.", "credit"),
    ("Pembayaran pakai kartu kredit.", "credit"),
    # "dana" is funds, "Kakak" the customer, "terus" and "kembali ke" everyday words
    ("Dana darurat.", "e-wallet"),
    ("Dananya sudah saya refund ke kartu Kakak.", "e-wallet"),
    ("Bisa saya refund ke rekening BCA Kakak.", "other-account"),
    ("Terus terang saya juga bingung.", "escalate"),
    ("Silakan kembali ke menu utama.", "refund"),
    ("Tiket pesawat sudah saya kirim ke email.", "escalate"),
    # Spanish "transferir el dinero" and "elevado" are not an escalation
    ("Te puedo transferir el dinero.", "escalate"),
    ("El precio es elevado.", "escalate"),
    # Egyptian "I'll get back to you" is no refund; "the amount returns to your account" no unban
    ("هرجعلك بخبر بكرة.", "refund"),
    ("راح أرجعلك بالرد.", "refund"),
    ("المبلغ يرجع لحسابك خلال 5 أيام عمل.", "lift-ban"),
]


@pytest.mark.parametrize("text,concept", ORDINARY_WORDS)
def test_an_ordinary_word_is_not_a_concept(text, concept):
    assert concept not in concepts(text)


@pytest.mark.parametrize(
    "text",
    ["أضمن لك أن اعتراضك سيُقبل", "سيقبلون طلبك", "سيوافقون على طلبك", "الشركة توافق على الطلب"],
)
def test_an_arabic_verb_of_approval_names_the_approval(text):
    assert "approved" in concepts(text)


@pytest.mark.parametrize("text", ["شلت غرامة التأخير من الفاتورة", "ألغيت الغرامة عنك"])
def test_an_arabic_fine_taken_off_is_a_waived_fee(text):
    assert action(text, "waive-fee") == ("done", "agent")
