"""Concept hits: lemmas meet inflections, inserted words and invisible characters do not hide a
phrase, each sentence is read in its language (and English inside any of them)."""

from __future__ import annotations

import pytest

from grading.reading import read
from grading.reading.concepts import find_concepts, match_words


def concepts(text: str) -> list[tuple[str, str]]:
    r = read(text)
    return [(c.concept, text[c.start : c.end]) for c in r.concepts]


def ids(text: str) -> list[str]:
    return [c for c, _ in concepts(text)]


@pytest.mark.parametrize(
    ("text", "concept", "quote"),
    [
        ("Your order was cancelled yesterday.", "cancel", "cancelled"),
        ("We refunded the full amount.", "refund", "refunded"),
        ("Ya te reembolsé el importe.", "refund", "reembolsé"),
        ("Cancelamos el pedido duplicado.", "cancel", "Cancelamos"),
        ("Pesanannya sudah dibatalkan kak.", "cancel", "dibatalkan"),
        ("Udah direfund ya kak.", "refund", "direfund"),
        ("Dananya sudah dibalikin kak.", "refund", "dibalikin"),
        ("退款这边已经给您操作好了", "refund", "退款"),
        ("已经原路退回到您的支付宝", "original-payment", "原路退回"),
        ("تم الاسترداد بنجاح", "refund", "الاسترداد"),
        ("سنقوم بإلغاء الطلب", "cancel", "بإلغاء الطلب"),
        ("خلاص كنسلت الطلب", "cancel", "كنسلت"),
    ],
)
def test_inflected_and_colloquial_forms(text, concept, quote):
    assert (concept, quote) in concepts(text)


def test_inserted_words_do_not_hide_a_phrase():
    assert ("never-again", "won't ever happen again") in concepts("This won't ever happen again.")
    assert ("refund", "full refund") in concepts("I will issue you a full refund.")
    assert ("refund", "money is coming back") in concepts("Your money is coming back.")
    assert ids("Please send the prepaid return label.") == ["send-return-label"]
    assert ids("给您办理退款") == ["refund"]


def test_a_negation_never_stands_inside_a_phrase():
    assert "refund" not in ids("Your money is not coming back.")
    assert "guarantee" in ids("I can't promise anything.")
    assert match_words(read("the item is not defective"), ["item defective"]) == []


def test_words_further_apart_than_two_do_not_match():
    assert match_words(read("money you paid us back"), ["money back"]) == []
    assert match_words(read("money paid back"), ["money back"]) != []


def test_invisible_characters_inside_a_word():
    text = "I gua\u034frantee a re\u200bfund"
    found = concepts(text)
    assert ("guarantee", "gua\u034frantee") in found
    assert ("refund", "re\u200bfund") in found
    assert ids("退\u200b款") == ["refund"]
    assert ids("إلغـــاء الطلب") == ["cancel"]  # tatweel


def test_code_switching_finds_english_in_other_languages():
    assert ("refund", "refund") in concepts("Ya te hice el refund.")
    assert "refund" in ids("请问refund什么时候到账？")
    assert "cancel" in ids("Sudah saya cancel ya kak.")


def test_exact_forms_do_not_meet_other_tenses():
    assert "delivered" in ids("The parcel arrived yesterday.")
    assert "delivered" not in ids("The refund will arrive in 5 days.")
    assert "shipped" not in ids("Le enviaremos el reembolso.")


def test_a_phrase_inside_a_longer_concept_is_not_counted_twice():
    found = ids("The buyer pays the return shipping.")
    assert "return-shipping" in found
    assert "return" not in found
    assert ids("You'll get store credit.") == ["store-credit"]


def test_hits_carry_sentence_and_language():
    r = read("Hola. Ya te hice el reembolso. 退款已经到账了。")
    hits = find_concepts(r)
    assert [(h.concept, h.sentence, h.lang) for h in hits] == [
        ("refund", 1, "es"),
        ("refund", 2, "zh"),
        ("money", 2, "zh"),  # 到账: the money arrives
    ]


def test_match_words_for_a_trainers_words():
    r = read("Los artículos dañados no se pueden devolver. 使用过的商品不能退。")
    found = match_words(r, ["dañado", "使用过"])
    assert [r.text[s:e] for s, e, _ in found] == ["dañados", "使用过"]
    assert [sentence for _, _, sentence in found] == [0, 1]
    assert match_words(r, []) == []
    assert match_words(r, ["   "]) == []
    # zh words with a space allow a few characters between them.
    assert match_words(read("给您办理退款"), ["给您 退款"]) != []
    assert match_words(read("给您退款"), ["给您 退款"]) != []


def test_nothing_found_in_plain_text():
    assert ids("Hello, how are you today?") == []
    assert ids("") == []


@pytest.mark.parametrize(
    ("text", "concept", "quoted"),
    [
        ("I've pulled up order BX-40917 for you.", "order-number", "order BX-40917"),
        ("订单BX-40917已经查到了。", "order-number", "订单BX-40917"),
        ("Ya encontré tu pedido #INV-5521.", "order-number", "pedido #INV-5521"),
        ("Pesanan no. 88213 sudah saya cek.", "order-number", "Pesanan no. 88213"),
        ("الطلب رقم 5521 موجود عندي.", "order-number", "الطلب رقم 5521"),
        ("Your reservation RMY-77410 is on file.", "booking-reference", "reservation RMY-77410"),
        ("预订RMY77410已确认。", "booking-reference", "预订RMY77410"),
    ],
)
def test_an_identifier_written_out_names_its_concept(text, concept, quoted):
    hits = [h for h in read(text).concepts if h.concept == concept]
    assert [text[h.start : h.end] for h in hits] == [quoted]


@pytest.mark.parametrize(
    "text", ["Your order of 3 items is on its way.", "Order 12 more and save.", "My order, please."]
)
def test_an_order_word_without_an_identifier_is_not_an_order_number(text):
    assert "order-number" not in [h.concept for h in read(text).concepts]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Saya pastikan kejadian ini nggak akan terulang lagi.", "never-again"),
        ("以后绝对不会再出现这种情况了。", "never-again"),
        ("I've moved your stay to the 14th.", "rebook"),
        ("Ya le cambié las fechas de la reserva.", "rebook"),
        ("Tanggal menginap sudah saya ubah ke 14–17.", "rebook"),
        ("غيرت لك الإقامة إلى ١٤.", "rebook"),
    ],
)
def test_words_agents_use_for_never_again_and_rebooking(text, concept):
    assert concept in [h.concept for h in read(text).concepts]
