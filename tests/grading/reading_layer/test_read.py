"""read(): the shared Reading of a message, with exact original offsets."""

from __future__ import annotations

import logging

import pytest

from grading.reading import Reading, read
from grading.reading.reading import MAX_CHARS, norm_index


def quotes(reading: Reading) -> list[str]:
    return [reading.text[t.start : t.end] for t in reading.tokens]


def test_tokens_quote_the_original_words():
    text = "I’ve re\u200bfunded ＹＯＵＲ order."
    r = read(text)
    assert [t.form for t in r.tokens] == ["i've", "refunded", "your", "order"]
    assert quotes(r) == ["I’ve", "re\u200bfunded", "ＹＯＵＲ", "order"]
    assert r.tokens[1].lemma == "refund"
    assert r.language == "en"


def test_sentences_carry_language_and_question():
    r = read("Hola, ya procesé el reembolso. ¿Me confirma su correo? Thanks!")
    assert [(s.lang, s.question) for s in r.sentences] == [
        ("es", False),
        ("es", True),
        ("en", False),
    ]
    assert r.text[r.sentences[1].start : r.sentences[1].end] == "¿Me confirma su correo?"
    first, last = r.sentences[1].tokens
    assert [t.form for t in r.tokens[first:last]] == ["me", "confirma", "su", "correo"]


@pytest.mark.parametrize(
    "text, lang, question",
    [
        ("还有什么可以帮您的吗", "zh", True),
        ("您的退款已经处理好了。", "zh", False),
        ("هل تحتاج مساعدة؟", "ar", True),
        ("Apakah pesanannya sudah sampai", "id", True),
        ("Could you send me the order number", "en", True),
        ("When it arrives we refund you", "en", False),
        ("Is that ok?", "en", True),
    ],
)
def test_question_forms(text, lang, question):
    (sentence,) = read(text).sentences
    assert (sentence.lang, sentence.question) == (lang, question)


def test_dominant_language_and_token_languages_in_a_mixed_reply():
    r = read("您好，您的 refund 已经处理。预计3到5个工作日到账。")
    assert r.language == "zh"
    refund = next(t for t in r.tokens if t.form == "refund")
    assert refund.lang == "en"
    assert r.text[refund.start : refund.end] == "refund"


def test_arabic_reply_reads_with_stems_and_ascii_digits():
    r = read("سنقوم بإلغاء طلبك خلال ٣ أيام.")
    assert r.language == "ar"
    assert [t.lemma for t in r.tokens][:3] == ["نقوم", "الغاء", "طلب"]
    three = next(t for t in r.tokens if t.form == "3")
    assert r.text[three.start : three.end] == "٣"


def test_a_sentence_without_words_takes_its_neighbours_language():
    r = read("Terima kasih kak. 12345. 🙂")
    assert {s.lang for s in r.sentences} == {"id"}


@pytest.mark.parametrize(
    "text",
    ["", " ", "\u200b", "\ud800", "?" * 30, "a\ud800b. ¿\udfff?", "😀" * 100, "\x00\x01\x02"],
)
def test_read_never_raises(text, caplog):
    with caplog.at_level(logging.ERROR, logger="grading.reading"):
        r = read(text)
    assert r.text == text
    assert len(r.offsets) == len(r.norm) + 1
    assert not [rec for rec in caplog.records if rec.levelno >= logging.ERROR]


def test_a_very_long_text_is_capped_but_offsets_stay_valid():
    text = ("We refunded your order. " * 2000) + "THE END"
    r = read(text)
    assert len(r.norm) == MAX_CHARS
    assert len(r.offsets) == MAX_CHARS + 1
    assert all(0 <= t.start < t.end <= len(text) for t in r.tokens)
    assert r.tokens[-1].end <= len(text)
    padded = "\u200b" * 200_000 + "refund"
    assert read(padded).norm == ""


def test_read_is_cached():
    assert read("same text here") is read("same text here")


def test_norm_index_maps_an_original_position_back():
    r = read("re\u200bfund now")
    assert norm_index(r, r.tokens[1].start) == r.norm.index("now")


def test_a_failing_step_leaves_its_part_empty_and_is_logged_once(monkeypatch, caplog):
    import types

    from grading.reading import reading as reading_module

    def broken(reading):
        raise RuntimeError("lexicon typo")

    fake = types.SimpleNamespace(find_concepts=broken)
    real = reading_module._step_module
    monkeypatch.setattr(
        reading_module, "_step_module", lambda name: fake if name == "concepts" else real(name)
    )
    monkeypatch.setattr(reading_module, "_reported", set())
    with caplog.at_level(logging.DEBUG, logger="grading.reading"):
        first = reading_module.read.__wrapped__("We refunded you.")
        reading_module.read.__wrapped__("We refunded you again.")
    assert first.concepts == [] and first.tokens
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "concepts.find_concepts" in errors[0].getMessage()


def test_a_step_module_that_fails_to_import_does_not_stop_the_reading(monkeypatch):
    from grading.reading import reading as reading_module

    def explode(name):
        raise ImportError("bad import inside the step")

    monkeypatch.setattr(reading_module, "_step_module", explode)
    monkeypatch.setattr(reading_module, "_reported", set())
    r = reading_module.read.__wrapped__("Hola, ya está.")
    assert [t.form for t in r.tokens] == ["hola", "ya", "está"]


@pytest.mark.parametrize(
    "text, question",
    [
        ("Please share your order number", True),
        ("Please send the item back within 30 days.", False),
        ("Me confirma su correo por favor", True),
        ("Mohon info nomor pesanannya kak", True),
        ("麻烦提供一下订单号", True),
        ("ممكن رقم الطلب", True),
        ("Is itemised billing available", False),
    ],
)
def test_a_request_for_information_counts_as_a_question(text, question):
    (sentence,) = read(text).sentences
    assert sentence.question is question


def test_warm_up_reads_every_language_without_errors(caplog):
    from grading.reading import warm_up
    from grading.reading.reading import _WARM_UP

    with caplog.at_level(logging.ERROR, logger="grading.reading"):
        warm_up()
    assert {read(text).language for text in _WARM_UP} == {"en", "es", "id", "zh", "ar"}
    assert not [rec for rec in caplog.records if rec.levelno >= logging.ERROR]


@pytest.mark.parametrize("filler", [",", "-", " ,", "😀", "!?", "吗"])
def test_a_long_run_of_one_character_reads_in_linear_time(filler):
    import time

    from grading.reading.reading import _read_words

    def best_time(chars):
        text = filler * (chars // len(filler)) + "a"
        times = []
        for _ in range(3):
            started = time.perf_counter()
            _read_words(text)
            times.append(time.perf_counter() - started)
        return min(times)

    _read_words(filler + "a")  # loads the word lists, so neither timing pays for that
    quarter, whole = best_time(MAX_CHARS // 4), best_time(MAX_CHARS)
    # Four times the text: linear work takes about four times as long, quadratic sixteen.
    # The absolute slack keeps a busy machine from failing runs that take milliseconds.
    assert whole < 8 * quarter + 0.05, (quarter, whole)


def test_an_opener_that_is_a_mark_needs_no_word_boundary():
    (sentence,) = read("¿cómo puedo ayudarle").sentences
    assert sentence.question
