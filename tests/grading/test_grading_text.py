from __future__ import annotations

import pytest

from grading.text import (
    SentenceMap,
    detect_language,
    find_phrase,
    find_phrases,
    is_negated,
    quote,
    sentences,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where is my refund?", "en"),
        ("你好，我的退款什么时候到账？", "zh"),
        ("您好，订单 A-10492 的 refund 还没到。", "zh"),  # an order id does not make it English
        ("مرحبا، أين استرداد أموالي؟", "ar"),
        ("¿Dónde está mi reembolso?", "en"),
        ("", "en"),
        ("😡😡😡", "en"),
        ("12345", "en"),
        ("I ordered a 电饭煲 last week and it is broken, please help me", "en"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_find_phrase_is_case_insensitive_and_returns_the_listed_phrase():
    assert find_phrase("PLEASE CALM DOWN", ["calm down"]) == ("calm down", 7, 16)


def test_latin_phrases_match_whole_words_only():
    assert find_phrase("Someone will call", ["one"]) is None
    assert find_phrase("I can't help", ["I can"]) is None
    assert find_phrase("I cannot help", ["I can"]) is None
    assert find_phrase("Yes, I can help", ["I can"]) == ("I can", 5, 10)


def test_apostrophe_variants_are_interchangeable():
    for text in ("I'll check", "I’ll check", "I‘ll check", "Iʼll check"):
        assert find_phrase(text, ["i'll"]) == ("i'll", 0, 4), text
    assert find_phrase("I'll check", ["I’ll"]) is not None


def test_quoted_word_still_matches():
    assert find_phrase("He said 'sorry' twice", ["sorry"]) == ("sorry", 9, 14)


def test_cjk_phrases_match_as_substrings():
    text = "非常抱歉让您久等了"
    assert find_phrase(text, ["抱歉"]) == ("抱歉", 2, 4)
    assert find_phrase("请问refund到了吗", ["refund"]) == ("refund", 2, 8)


def test_full_width_and_ascii_question_marks_match_each_other():
    assert find_phrase("收到了吗?", ["吗？"]) == ("吗？", 3, 5)
    assert find_phrase("收到了吗？", ["吗？"]) == ("吗？", 3, 5)


def test_longest_phrase_wins_and_matches_do_not_overlap():
    text = "We will refund you right now, refund later."
    found = find_phrases(text, ["refund", "refund you right now"])
    assert [p for p, _, _ in found] == ["refund you right now", "refund"]
    assert text[found[0][1] : found[0][2]] == "refund you right now"


def test_inflections_are_opt_in():
    assert find_phrase("Refunds are slow", ["refund"]) is None
    assert find_phrase("Refunds are slow", ["refund"], inflections=True) == ("refund", 0, 7)
    assert find_phrase("It was refunded", ["refund"], inflections=True) == ("refund", 7, 15)
    assert find_phrase("I'm returning it", ["return"], inflections=True) == ("return", 4, 13)
    assert find_phrase("refundable", ["refund"], inflections=True) is None
    assert find_phrase("退款了", ["退款"], inflections=True) == ("退款", 0, 2)


def test_phrases_tolerate_extra_spaces():
    assert find_phrase("calm   down", ["calm down"]) is not None


def test_find_phrase_with_nothing_to_find():
    assert find_phrase("", ["sorry"]) is None
    assert find_phrase("sorry", []) is None
    assert find_phrase("sorry", ["", "  "]) is None
    assert find_phrases("", ["sorry"]) == []


def test_sentences_split_on_latin_and_chinese_punctuation_and_newlines():
    text = "Hi there. Sorry!  Could you help?退款五天。好的！对吗？ a; b\nnext line"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == [
        "Hi there.",
        "Sorry!",
        "Could you help?",
        "退款五天。",
        "好的！",
        "对吗？",
        "a;",
        "b",
        "next line",
    ]


def test_decimal_point_does_not_end_a_sentence():
    text = "You get 20.5 USD. Thanks"
    assert [text[s:e] for s, e in sentences(text)] == ["You get 20.5 USD.", "Thanks"]


def test_sentences_of_empty_or_blank_text():
    assert sentences("") == []
    assert sentences("   \n\n  ") == []
    assert sentences("...!!!") == [(0, 6)]


def test_sentence_map_locates_positions():
    text = "One. Two. Three."
    smap = SentenceMap(text)
    assert smap.index(text.index("Two")) == 1
    assert smap.span(text.index("Three")) == (10, 16)
    assert SentenceMap("").index(0) == -1


def test_quote_is_a_short_substring_inside_the_sentence():
    text = "First sentence here. " + "word " * 60 + "I guarantee it. Last one."
    start = text.index("guarantee")
    q = quote(text, start, start + len("guarantee"))
    assert q in text
    assert "guarantee" in q
    assert len(q) <= 120
    assert "First" not in q and "Last" not in q  # stays inside its sentence


def test_quote_of_a_long_match_is_truncated():
    text = "x" * 500
    assert quote(text, 0, 500) == "x" * 120


def test_quote_clamps_bad_offsets():
    assert quote("hello", -5, 99) == "hello"
    assert quote("hello world", 9, 6) == "hello world"  # reversed offsets are swapped
    assert quote("", 0, 0) == ""


@pytest.mark.parametrize(
    ("text", "phrase", "negated"),
    [
        ("I can't guarantee that.", "guarantee", True),
        ("I cannot guarantee that.", "guarantee", True),
        ("I'm not able to guarantee that.", "guarantee", True),
        ("I am unable to guarantee it.", "guarantee", True),
        ("I won’t promise anything.", "promise", True),
        ("I guarantee it.", "guarantee", False),
        ("I don't know why, but I guarantee it.", "guarantee", False),
        ("It's not your fault.", "your fault", True),
        ("我不能保证", "保证", True),
        ("我们无法保证", "保证", True),
        ("不一定会到", "一定会", True),
        ("不好意思，我保证", "保证", False),
        ("我保证", "保证", False),
    ],
)
def test_is_negated(text, phrase, negated):
    start = text.index(phrase)
    assert is_negated(text, start) is negated
