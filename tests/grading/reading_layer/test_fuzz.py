"""read() on random mixtures of every kind of character the layer treats specially."""

from __future__ import annotations

import random

import pytest

from grading.reading import read
from grading.reading.normalise import normalise

ALPHABET = (
    list("abcXYZ éñü'’-.,!?¿؟。？！ 0123456789\n\t")
    + list("退款已经好了吗您")
    + list("استردادالطلب")
    + ["\u0640", "\u064e", "\u0651", "\u0623", "\u0663"]  # tatweel, harakat
    + ["\u200b", "\u034f", "\u2060", "\u00ad", "\ufeff", "\u200d", "\ufe0f", "\u180e"]
    + ["\u0301", "\u0308", "ﬁ", "½", "Ａ", "１", "İ", "ß", "㎏", "…"]
    + ["\ud800", "\udfff", "😀", "\x00", "\x1f"]
)


@pytest.mark.parametrize("seed", range(40))
def test_random_text_reads_with_exact_quotes(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 300)))
    r = read.__wrapped__(text)
    assert r.text == text
    assert len(r.offsets) == len(r.norm) + 1
    assert r.offsets == sorted(r.offsets) and r.offsets[-1] <= len(text)
    for token in r.tokens:
        assert 0 <= token.start < token.end <= len(text), token
        # The quote of a token normalises to text holding the token's form.
        assert token.form in normalise(text[token.start : token.end])[0], token
    for sentence in r.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        first, last = sentence.tokens
        assert all(
            sentence.start <= t.start and t.end <= sentence.end for t in r.tokens[first:last]
        )
    assert r.language in {"en", "es", "id", "zh", "ar"}
