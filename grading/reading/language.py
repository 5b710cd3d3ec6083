"""The language of one sentence: zh and ar by script, en / es / id by the words they use.

Script decides first, weighted like grading.text.detect_language (an ideograph carries about a
word, a word is about five Latin letters), so a Chinese sentence with an English product name
stays "zh". Among Latin sentences a scorer counts function and everyday service words listed per
language in data/function_words.yaml (5.8 µs a sentence). A sentence where no listed word occurs
("ok noted", "sip, aman") or where two languages tie goes to py3langid restricted to en/es/id
(unrestricted, it calls short Indonesian Malay): 23 µs, and right on 34 of 36 such fragments
where the word lists alone get 21. Its model loads on first use (~0.5 s). lingua was as good on
fragments but slower (51 µs) and worse on Spanish-English sentences (.80 against .97);
benchmarks/reading_speed.py --compare measures them all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from grading.reading.model import Language
from grading.text import detect_language

DATA = Path(__file__).parent / "data" / "function_words.yaml"
LATIN_LANGUAGES: tuple[Language, ...] = ("en", "es", "id")

_LATIN = re.compile("[a-z\u00c0-\u024f]")
_LATIN_WORD = re.compile("[a-z\u00c0-\u024f]+(?:'[a-z\u00c0-\u024f]+)*")


class _Scorer:
    def __init__(self, data: dict):
        seen: dict[str, set[str]] = {}
        for lang in LATIN_LANGUAGES:
            for word in data.get(lang) or ():
                if not isinstance(word, str):  # YAML reads a bare yes / on / no as a boolean
                    raise ValueError(f"{DATA}: {lang}: {word!r} is not a word; quote it")
                seen.setdefault(word, set()).add(lang)
        # A word two languages share tells nothing.
        self.words = {w: langs.pop() for w, langs in seen.items() if len(langs) == 1}
        self.letter_weight = int(data.get("letter_weight", 2))
        letters = data.get("letters") or {}
        self.letters = {ch: lang for lang, chars in letters.items() for ch in str(chars)}
        self.letters_re = re.compile(f"[{re.escape(''.join(self.letters))}]") if letters else None

    def scores(self, text: str) -> dict[str, int]:
        score = dict.fromkeys(LATIN_LANGUAGES, 0)
        words = self.words
        for word in _LATIN_WORD.findall(text):
            lang = words.get(word)
            if lang is not None:
                score[lang] += 1
            elif word.endswith("nya") and len(word) > 5:
                score["id"] += 1  # Indonesian possessive / definite clitic
        if self.letters_re is not None:
            for ch in self.letters_re.findall(text):
                score[self.letters[ch]] += self.letter_weight
        return score


@lru_cache(maxsize=1)
def _scorer() -> _Scorer:
    with DATA.open(encoding="utf-8") as f:
        return _Scorer(yaml.safe_load(f) or {})


def script_language(text: str) -> Language | None:
    """'zh' or 'ar' when that script dominates `text`, else None (Latin or no letters): the
    shared script count of `grading.text.detect_language`."""
    found = detect_language(text)
    return None if found == "en" else found


def latin_scores(text: str) -> dict[str, int]:
    """Evidence per Latin-script language in lower-cased `text` (word and letter hits)."""
    return _scorer().scores(text)


def sentence_language(text: str, prior: Language | None = None) -> Language | None:
    """The language of one lower-cased sentence, or None when nothing tells (digits, emoji).

    On a tie between Latin languages `prior` (the neighbouring sentence's language) wins, then
    English.
    """
    by_script = script_language(text)
    if by_script is not None:
        return by_script
    if _LATIN.search(text) is None:
        return None
    score = latin_scores(text)
    best = max(score.values())
    leaders = [lang for lang in LATIN_LANGUAGES if score[lang] == best]
    if len(leaders) == 1:
        return leaders[0]
    guess = model_language(text, tuple(leaders))
    if guess is None:
        return prior if prior in leaders else (leaders[0] if best else None)
    lang, probability = guess
    # With no listed word at all the model sees only a fragment ("hmm...", "link?"); a weak
    # guess there loses to the language of the sentence before.
    if best == 0 and probability < _SURE and prior in LATIN_LANGUAGES:
        return prior
    return lang


_SURE = 0.6


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid import langid
    except ImportError:
        return None
    identifier = langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


def model_language(
    text: str, candidates: tuple[str, ...] = LATIN_LANGUAGES
) -> tuple[Language, float] | None:
    """py3langid's choice among `candidates` and its probability; None without the model."""
    identifier = _identifier()
    if identifier is None:
        return None
    try:
        ranked = identifier.rank(text)
    except Exception:  # the tie-break is optional; a model hiccup leaves the prior in charge
        return None
    return next(((lang, float(p)) for lang, p in ranked if lang in candidates), None)
