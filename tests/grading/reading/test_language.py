"""Sentence language: script first, then the function-word scorer among en, es and id."""

from __future__ import annotations

import pytest

from grading.reading.language import sentence_language
from grading.reading.normalise import normalise


def lang(text: str, prior=None):
    return sentence_language(normalise(text)[0], prior)


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


def test_nothing_to_tell_gives_none_or_the_prior():
    assert lang("12345 🙂") is None
    assert lang("xyzzy", prior="es") == "es"
