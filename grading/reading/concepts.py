"""Which lexicon concepts a message names, and where: `find_concepts` and `match_words`.

Each sentence is searched with the lexicon of its own language, plus English in every sentence
(code-switching: "ya te hice el refund", "请问refund什么时候到") and Chinese wherever ideographs
stand. A trainer's own words (`match_words`) are matched the same way in every language.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from grading.reading.identifiers import identifier_spans
from grading.reading.lexicon import LANGUAGES, Lexicon, lexicon
from grading.reading.model import ConceptHit, Reading
from grading.reading.normalise import normalise, original_end
from grading.reading.phrases import Barrier, PhraseSet

# The lexicons looked for in a sentence of each language, besides Chinese where ideographs stand.
BORROWS = {"en": ("en",), "es": ("es", "en"), "id": ("id", "en"), "ar": ("ar", "en"), "zh": ("en",)}
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[a-z\u00c0-\u024f]")


class SentenceWords:
    """One sentence's words as the matchers see them; the word lists are made on first use, so
    a Chinese sentence, matched on its characters, never needs them."""

    def __init__(self, reading: Reading, index: int, norm_lo: int, norm_hi: int):
        sentence = reading.sentences[index]
        self.reading = reading
        self.index = index
        self.lang: str = sentence.lang
        self.first, self.last = sentence.tokens  # token indexes [first, last)
        self.norm_lo, self.norm_hi = norm_lo, norm_hi
        self._forms: list[str] | None = None
        self._lemmas: list[str] | None = None
        norm = reading.norm
        if self.lang == "zh":
            self.has_cjk = True
            self.has_latin = _LATIN.search(norm, norm_lo, norm_hi) is not None
        else:
            self.has_cjk = _CJK.search(norm, norm_lo, norm_hi) is not None
            self.has_latin = True

    @property
    def forms(self) -> list[str]:
        if self._forms is None:
            self._forms = [t.form for t in self.reading.tokens[self.first : self.last]]
        return self._forms

    @property
    def token_lemmas(self) -> list[str]:
        if self._lemmas is None:
            self._lemmas = [t.lemma for t in self.reading.tokens[self.first : self.last]]
        return self._lemmas

    @property
    def token_langs(self) -> list[str]:
        return [t.lang for t in self.reading.tokens[self.first : self.last]]


class Words:
    """A reading's sentences as matcher input, plus token positions for span look-ups."""

    def __init__(self, reading: Reading, sentences: list[SentenceWords]):
        self.reading = reading
        self.sentences = sentences
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    @property
    def token_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [t.start for t in self.reading.tokens]
        return self._starts

    @property
    def token_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [t.end for t in self.reading.tokens]
        return self._ends

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Token indexes [first, last) covering the original span [start, end)."""
        first = bisect_right(self.token_ends, start)
        last = bisect_left(self.token_starts, end)
        return first, max(first + 1, last)

    def char_to_tokens(self, lo: int, hi: int) -> tuple[int, int]:
        offsets = self.reading.offsets
        return self.token_span(offsets[lo], offsets[hi - 1] + 1)


_WORDS: list[Words] = []  # the last reading's, reused by actions and asks_for


def words_of(reading: Reading) -> Words:
    if _WORDS and _WORDS[0].reading is reading:
        return _WORDS[0]
    offsets, size = reading.offsets, len(reading.norm)
    sentences = []
    for i, s in enumerate(reading.sentences):
        norm_lo = bisect_left(offsets, s.start, 0, size)
        norm_hi = bisect_left(offsets, s.end, norm_lo, size)
        sentences.append(SentenceWords(reading, i, norm_lo, max(norm_lo, norm_hi)))
    found = Words(reading, sentences)
    _WORDS[:] = [found]
    return found


class PerLanguage(dict):
    """Phrase sets by sentence language, each compiled on first use: a process that reads only
    English never compiles (nor lemmatises, nor loads the dictionaries of) the other four."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, lang: str) -> PhraseSet:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        made = self[lang] = self._make(lang)
        return made

    def get(self, lang, default=None):
        try:
            return self[lang]
        except KeyError:
            return default

    def __contains__(self, lang) -> bool:
        return lang in LANGUAGES


@dataclass(frozen=True)
class _Compiled:
    lexicon: Lexicon
    sets: dict[str, PhraseSet]
    barriers: dict[str, Barrier]


_COMPILED: list[_Compiled] = []


def concept_sets() -> dict[str, PhraseSet]:
    """The concept phrases of every language, compiled once per lexicon."""
    lex = lexicon()
    if _COMPILED and _COMPILED[0].lexicon is lex:
        return _COMPILED[0].sets

    def items(langs):
        for lang in langs:
            for cid, phrases in lex.languages[lang].concepts.items():
                for phrase in phrases:
                    yield cid, phrase, lang

    sets = PerLanguage(lambda lang: PhraseSet(items(BORROWS[lang] if lang != "zh" else ["zh"])))
    _COMPILED[:] = [_Compiled(lex, sets, _barriers(lex))]
    _MEMO.clear()  # found with the barriers of the lexicon before
    return sets


def _barriers(lex: Lexicon) -> dict[str, Barrier]:
    """Per sentence language, the negation words (and word endings, "-n't") that no phrase may
    skip over between its words."""
    found = {}
    for lang in LANGUAGES:
        words: set[str] = set()
        endings: set[str] = set()
        for source in BORROWS[lang]:
            for cue in (*lex.cues(source, "negation"), *lex.cues(source, "refused")):
                cue = normalise(cue)[0].strip()
                if cue.startswith("-") and len(cue) > 1:
                    endings.add(cue[1:])
                elif " " not in cue:
                    words.add(cue)
        found[lang] = (frozenset(words), tuple(endings))
    return found


def barrier(lang: str) -> Barrier:
    concept_sets()  # compiles the barriers with the lexicon's phrases
    return _COMPILED[0].barriers.get(lang, (frozenset(), ()))


class Span(NamedTuple):
    """A phrase found in a reading (a tuple: a reading makes many, and cheaply)."""

    key: str
    lang: str
    sentence: int
    first: int  # token indexes [first, last)
    last: int
    start: int  # original offsets
    end: int


# A sentence's phrases, relative to its first token and first character, by the sentence's
# text and the phrase sets searched: replies reuse sentences. Only for readings whose offsets
# are the norm's own (Reading.in_place), where one text gives the same positions anywhere.
# The value holds the sets it was found with, so their id cannot be reused while it is kept.
_MEMO: dict[tuple, tuple[dict, list[tuple]]] = {}
_MEMO_SIZE = 4096
_MEMO_SENTENCE = 400  # characters; longer sentences are rarely repeated


def scan(words: Words, sets: dict[str, PhraseSet]) -> list[Span]:
    """Every phrase of `sets` in every sentence, overlapping ones included."""
    reading = words.reading
    if not reading.in_place:
        return _scan(words, sets, words.sentences)
    found: list[Span] = []
    norm = reading.norm
    for sw in words.sentences:
        lo = sw.norm_lo
        if sw.norm_hi - lo > _MEMO_SENTENCE:
            found += _scan(words, sets, [sw])
            continue
        key = (norm[lo : sw.norm_hi], sw.lang, id(sets))
        memo = _MEMO.get(key)
        if memo is None or memo[0] is not sets:
            spans = _scan(words, sets, [sw])
            first = sw.first
            relative = [
                (*sp[:3], sp.first - first, sp.last - first, sp.start - lo, sp.end - lo)
                for sp in spans
            ]
            if len(_MEMO) >= _MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = (sets, relative)
            found += spans
            continue
        first, index = sw.first, sw.index
        for k, lang, _, a, b, start, end in memo[1]:
            found.append(Span(k, lang, index, a + first, b + first, start + lo, end + lo))
    return found


def _scan(words: Words, sets: dict[str, PhraseSet], sentences: list[SentenceWords]) -> list[Span]:
    reading = words.reading
    found: list[Span] = []
    tokens = reading.tokens
    concept_sets()  # the negation barriers come with the lexicon's phrases
    barriers = _COMPILED[0].barriers
    for sw in sentences:
        phrase_set = sets.get(sw.lang if sw.lang != "zh" else "en")
        if phrase_set is not None and sw.has_latin:
            blocked = barriers.get(sw.lang)
            for pattern, i, j in phrase_set.scan_words(sw.forms, sw.token_lemmas, blocked):
                a, b = sw.first + i, sw.first + j
                start, end = tokens[a].start, tokens[b - 1].end
                found.append(Span(pattern.key, pattern.lang, sw.index, a, b, start, end))
        if sw.has_cjk and "zh" in sets:
            for pattern, lo, hi in sets["zh"].scan_chars(reading.norm, sw.norm_lo, sw.norm_hi):
                a, b = words.char_to_tokens(lo, hi)
                start = reading.offsets[lo]
                end = original_end(reading.text, reading.offsets, hi)
                found.append(Span(pattern.key, "zh", sw.index, a, b, start, end))
    return found


# Concepts that only name what the rest is about ("the amount", "到账"): they hide no other
# concept and give way to any they overlap ("the refund amount" is a refund).
BACKGROUND = frozenset({"money"})


def _prune(spans: list[Span]) -> list[Span]:
    """One hit per stretch of words: the same concept found twice over the same words is kept
    once (the longest), and a hit inside a longer hit of another concept is dropped ("return"
    inside "return shipping", "credit" inside "store credit"). One sweep, left to right; then
    the background concepts where nothing else stands."""
    background = [s for s in spans if s.key in BACKGROUND]
    if not background:
        return _sweep(spans)
    kept = _sweep([s for s in spans if s.key not in BACKGROUND])
    free = [
        s for s in _sweep(background) if not any(k.start < s.end and s.start < k.end for k in kept)
    ]
    return sorted([*kept, *free], key=lambda s: (s.start, -(s.end - s.start)))


def _sweep(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    reach_end, reach_start = -1, -1  # the kept hit reaching furthest right (longest on a tie)
    end_of: dict[str, int] = {}  # where the last kept hit of each concept ends
    for span in spans:
        if reach_end >= span.end and (reach_start < span.start or reach_end > span.end):
            continue  # inside a longer hit
        if end_of.get(span.key, -1) > span.start:
            continue  # the same concept again over the same words
        kept.append(span)
        end_of[span.key] = max(end_of.get(span.key, -1), span.end)
        if span.end > reach_end:
            reach_end, reach_start = span.end, span.start
    return kept


_SPANS: list[tuple[Reading, list[Span]]] = []  # the last reading's, for actions and asks_for


def concept_spans(reading: Reading, fresh: bool = False) -> list[Span]:
    """The concepts of a reading with their token spans, worked out once per reading: taken
    from `reading.concepts` when read() has filled them, searched for otherwise (or `fresh`)."""
    if _SPANS and _SPANS[0][0] is reading:
        return _SPANS[0][1]
    if reading.concepts and not fresh:  # only their words are looked up
        words = words_of(reading)
        spans = [
            Span(h.concept, h.lang, h.sentence, *words.token_span(h.start, h.end), h.start, h.end)
            for h in reading.concepts
        ]
    else:
        words = words_of(reading)
        found = [*scan(words, concept_sets()), *_identifiers(reading, words)]
        others = [(s.start, s.end) for s in found if s.key == "other-account"]
        spans = _prune([s for s in found if not _other_inside(reading, s, others)])
    _SPANS[:] = [(reading, spans)]
    return spans


# "to your other card", "a tu otra tarjeta": a word for "other" inserted into a phrase of the
# original payment method makes it another card, not the original.
_OTHER = re.compile(
    r"\b(?:other|another|different|otra|otro|distinta|distinto|lain|berbeda)\b|其他|别的|另一|أخرى|ثانية|ثاني",
    re.IGNORECASE,
)


def _other_inside(reading: Reading, span: Span, others: list[tuple[int, int]]) -> bool:
    """True for an original-payment phrase with another card inside it ("to your husband's
    card", "to your other card")."""
    if span.key != "original-payment":
        return False
    if any(span.start <= a and b <= span.end for a, b in others):
        return True
    return _OTHER.search(reading.text, span.start, span.end) is not None


_DIGIT = re.compile(r"\d")


def _identifiers(reading: Reading, words: Words) -> list[Span]:
    """Identifiers written out name their concept: "order BX-40917", "reserva RMY-77410"."""
    if _DIGIT.search(reading.norm) is None:
        return []
    found = []
    starts = [s.start for s in reading.sentences]
    for concept, lo, hi in identifier_spans(reading.norm):
        start, end = reading.offsets[lo], original_end(reading.text, reading.offsets, hi)
        index = max(0, bisect_right(starts, start) - 1)
        if not reading.sentences:
            continue
        first, last = words.token_span(start, end)
        lang = reading.sentences[index].lang
        found.append(Span(concept, lang, index, first, last, start, end))
    return found


def find_concepts(reading: Reading) -> list[ConceptHit]:
    """Every lexicon concept named in the message, in text order."""
    return [
        ConceptHit(concept=s.key, start=s.start, end=s.end, sentence=s.sentence, lang=s.lang)
        for s in concept_spans(reading, fresh=True)
    ]


@lru_cache(maxsize=256)
def _word_sets(words: tuple[str, ...]) -> dict[str, PhraseSet]:
    def items(langs):
        return [("word", w, lang) for lang in langs for w in words]

    return PerLanguage(lambda lang: PhraseSet(items(BORROWS[lang] if lang != "zh" else ["zh"])))


def match_words(reading: Reading, words: list[str]) -> list[tuple[int, int, int]]:
    """Where a trainer's words stand in the message, as (start, end, sentence) in original
    offsets: matched like lexicon phrases (lemmas, inserted words, Chinese substrings)."""
    cleaned = tuple(w for w in dict.fromkeys(words or ()) if isinstance(w, str) and w.strip())
    if not cleaned:
        return []
    spans = _prune(scan(words_of(reading), _word_sets(cleaned)))
    return [(s.start, s.end, s.sentence) for s in spans]
