"""Sentence language: script first, then the function-word scorer among en, es and id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grading.reading import language
from grading.reading.language import sentence_language
from grading.reading.normalise import normalise

SENTENCES = Path(__file__).with_name("language_sentences.yaml")


def lang(text: str, prior=None):
    return sentence_language(normalise(text)[0], prior)


def labelled() -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    groups = {g: [(text, g) for text in data[g]] for g in ("en", "es", "id", "zh", "ar")}
    groups["mixed"] = [(text, g) for g, text in data["mixed"]]
    groups["short"] = [(text, g) for g, text in data["short"]]
    groups["hard"] = [(text, g) for g, text in data["hard"]]
    return groups


@pytest.mark.parametrize(
    "text, expected",
    [
        ("您好，您的订单已经退款了", "zh"),
        ("您的 iPhone 15 Pro Max 订单已经发货", "zh"),
        ("نعتذر عن التأخير", "ar"),
        ("We will refund you within 5 days", "en"),
        ("Le devolvemos el dinero en 5 días hábiles", "es"),
        ("Mohon maaf, dana akan dikembalikan dalam 3 hari kerja", "id"),
    ],
)
def test_language_of_a_sentence(text, expected):
    assert lang(text) == expected


def test_the_labelled_set_has_thirty_sentences_per_language():
    groups = labelled()
    for g in ("en", "es", "id", "zh", "ar", "mixed"):
        assert len(groups[g]) >= 30, g


@pytest.mark.parametrize(
    "group, floor",
    [
        ("en", 1.0),
        ("es", 1.0),
        ("id", 1.0),
        ("zh", 1.0),
        ("ar", 1.0),
        ("mixed", 0.9),
        ("short", 0.85),
    ],
)
def test_accuracy_on_the_labelled_set(group, floor):
    items = labelled()[group]
    wrong = [(text, want, lang(text)) for text, want in items if lang(text) != want]
    assert 1 - len(wrong) / len(items) >= floor, wrong


def test_no_letters_gives_none():
    assert lang("12345 🙂") is None
    assert lang("") is None


def test_a_fragment_without_listed_words_keeps_the_neighbours_language():
    # py3langid is unsure about "hmm..." (about 0.45 among three); the prior wins.
    assert lang("hmm...", prior="es") == "es"
    assert lang("hmm...", prior="en") == "en"


def test_a_confident_model_beats_the_prior_on_a_fragment():
    assert lang("sounds good", prior="es") == "en"


def test_without_the_model_a_tie_goes_to_the_prior(monkeypatch):
    monkeypatch.setattr(language, "_identifier", lambda: None)
    assert lang("sip aman", prior="id") == "id"
    assert lang("sip aman") is None


def test_a_word_shared_by_two_languages_counts_for_neither():
    scorer = language._Scorer({"en": ["me", "refund"], "es": ["me", "reembolso"]})
    assert scorer.scores("me me me") == {"en": 0, "es": 0, "id": 0}


def test_a_yaml_boolean_in_the_word_list_is_an_error():
    with pytest.raises(ValueError, match="quote it"):
        language._Scorer({"en": [True]})
