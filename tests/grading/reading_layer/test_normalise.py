"""normalise(): invisibles vanish, offsets map every normalised character back exactly."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from grading.reading.normalise import DROPPED, normalise, original_end


def span_of(text: str, word: str) -> str:
    """The original text of `word`'s span in the normalised text."""
    norm, offsets = normalise(text)
    start = norm.index(word)
    end = start + len(word)
    return text[offsets[start] : original_end(text, offsets, end)]


def assert_offsets_valid(text: str) -> None:
    norm, offsets = normalise(text)
    assert len(offsets) == len(norm) + 1
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)
    assert offsets == sorted(offsets)


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u034f", "\u2060", "\u00ad", "\ufeff", "\u200d", "\u180e", "\ufe0f", "\u2063"],
)
def test_an_invisible_character_inside_a_word_disappears(invisible):
    text = f"I will re{invisible}fund you"
    norm, _ = normalise(text)
    assert norm == "i will refund you"
    assert span_of(text, "refund") == f"re{invisible}fund"


def test_several_invisibles_and_a_trailing_one_stay_out_of_the_quote():
    text = "gu\u200b\u034far\u2060antee\u200b now"
    assert normalise(text)[0] == "guarantee now"
    assert span_of(text, "guarantee") == "gu\u200b\u034far\u2060antee"


def test_tatweel_and_harakat_are_removed_inside_an_arabic_word():
    text = "سـنـعـيـد المَبْلَغَ"
    norm, _ = normalise(text)
    assert norm == "سنعيد المبلغ"
    assert span_of(text, "سنعيد") == "سـنـعـيـد"
    assert span_of(text, "المبلغ") == "المَبْلَغَ"


def test_arabic_indic_digits_become_ascii():
    assert normalise("خلال ٣ أيام و ۱۴ يوما")[0] == "خلال 3 ايام و 14 يوما"
    assert normalise("٢٥٠٫٥")[0] == "250.5"


def test_alef_forms_are_folded_and_ta_marbuta_kept():
    assert normalise("إلغاء أو آخر استعادة")[0] == "الغاء او اخر استعادة"


def test_nfkc_expansions_keep_offsets_valid():
    text = "ﬁne ＡＢＣ１２３ ½ ㎏ done"
    norm, offsets = normalise(text)
    assert norm.startswith("fine abc123 1⁄2 kg done")
    assert_offsets_valid(text)
    # both letters of the ligature point at it
    assert offsets[0] == offsets[1] == 0
    assert span_of(text, "done") == "done"
    assert span_of(text, "abc123") == "ＡＢＣ１２３"


def test_combining_marks_fold_into_the_letter():
    text = "cafe\u0301 reembolse\u0301"
    norm, _ = normalise(text)
    assert norm == "café reembolsé"
    assert span_of(text, "reembolsé") == "reembolse\u0301"


def test_full_width_punctuation_and_apostrophes():
    assert normalise("退款！好吗？")[0] == "退款!好吗?"
    assert normalise("I don’t, can`t, won´t")[0] == "i don't, can't, won't"


def test_lower_case_that_lengthens_keeps_offsets():
    text = "İADE edildi"
    assert_offsets_valid(text)
    assert span_of(text, "edildi") == "edildi"


@pytest.mark.parametrize(
    "text",
    ["", "a", "\ud800", "ok \udfff then", "\ud83d\ude00", "\u200b" * 50, "x\u0301\u0301\u0301"],
)
def test_odd_input_does_not_crash(text):
    assert_offsets_valid(text)


def test_a_lone_surrogate_becomes_a_replacement_character():
    assert normalise("a\ud800b")[0] == "a\ufffdb"


def test_ascii_fast_path_matches_the_general_path():
    text = "Refund Of 30 Days"
    assert normalise(text) == ("refund of 30 days", list(range(len(text) + 1)))


def test_every_format_character_of_this_python_is_dropped():
    # The list in normalise.py is written out for speed; a newer Unicode adds characters.
    missing = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and not DROPPED.match(chr(c))
    ]
    assert missing == []


def test_a_span_ending_inside_an_expansion_ends_after_its_character():
    text = "½ kg"
    norm, offsets = normalise(text)
    assert norm.startswith("1⁄2")
    assert original_end(text, offsets, 1) == 1  # "1" quotes the whole "½"
