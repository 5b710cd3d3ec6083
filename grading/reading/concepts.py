"""Which lexicon concepts a message names, and where: `find_concepts` and `match_words`.

Each sentence is searched with the lexicon of its own language, plus English in every sentence
(code-switching: "ya te hice el refund", "请问refund什么时候到") and Chinese wherever ideographs
stand. A trainer's own words (`match_words`) are matched the same way in every language.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from grading.reading.lexicon import LANGUAGES, Lexicon, lexicon
from grading.reading.model import ConceptHit, Reading
from grading.reading.normalise import normalise, original_end
from grading.reading.phrases import PhraseSet

# The lexicons looked for in a sentence of each language, besides Chinese where ideographs stand.
BORROWS = {"en": ("en",), "es": ("es", "en"), "id": ("id", "en"), "ar": ("ar", "en"), "zh": ("en",)}


@dataclass
class SentenceWords:
    """One sentence's words as the matchers see them."""

    index: int
    lang: str
    first: int  # token indexes [first, last) in Reading.tokens
    last: int
    forms: list[str]
    token_langs: list[str]
    token_lemmas: list[str]
    norm_lo: int
    norm_hi: int
    has_cjk: bool
    has_latin: bool


@dataclass
class Words:
    """A reading's sentences as matcher input, plus token positions for span look-ups."""

    reading: Reading
    sentences: list[SentenceWords]
    token_starts: list[int]
    token_ends: list[int]

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
    tokens = reading.tokens
    sentences = []
    for i, s in enumerate(reading.sentences):
        first, last = s.tokens
        toks = tokens[first:last]
        langs = [t.lang for t in toks]
        norm_lo = bisect_left(reading.offsets, s.start, 0, len(reading.norm))
        norm_hi = bisect_left(reading.offsets, s.end, norm_lo, len(reading.norm))
        sentences.append(
            SentenceWords(
                index=i,
                lang=s.lang,
                first=first,
                last=last,
                forms=[t.form for t in toks],
                token_langs=langs,
                token_lemmas=[t.lemma for t in toks],
                norm_lo=norm_lo,
                norm_hi=max(norm_lo, norm_hi),
                has_cjk=s.lang == "zh" or "zh" in langs,
                has_latin=s.lang != "zh" or "en" in langs,
            )
        )
    found = Words(reading, sentences, [t.start for t in tokens], [t.end for t in tokens])
    _WORDS[:] = [found]
    return found


@dataclass(frozen=True)
class _Compiled:
    lexicon: Lexicon
    sets: dict[str, PhraseSet]
    barriers: dict[str, tuple[frozenset[str], tuple[str, ...]]]


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

    sets = {lang: PhraseSet(items(BORROWS[lang])) for lang in LANGUAGES if lang != "zh"}
    sets["zh"] = PhraseSet(items(["zh"]))
    _COMPILED[:] = [_Compiled(lex, sets, _barriers(lex))]
    return sets


def _barriers(lex: Lexicon) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
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


def _blocked(sw: SentenceWords) -> list[bool]:
    concept_sets()  # compiles the barriers with the lexicon's phrases
    words, endings = _COMPILED[0].barriers.get(sw.lang, (frozenset(), ()))
    return [f in words or (bool(endings) and f.endswith(endings)) for f in sw.forms]


@dataclass(frozen=True, slots=True)
class Span:
    key: str
    lang: str
    sentence: int
    first: int  # token indexes [first, last)
    last: int
    start: int  # original offsets
    end: int


def scan(words: Words, sets: dict[str, PhraseSet]) -> list[Span]:
    """Every phrase of `sets` in every sentence, overlapping ones included."""
    reading = words.reading
    found: list[Span] = []
    tokens = reading.tokens
    for sw in words.sentences:
        phrase_set = sets.get(sw.lang if sw.lang != "zh" else "en")
        if phrase_set is not None and sw.has_latin:
            blocked = _blocked(sw)
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


def _prune(spans: list[Span]) -> list[Span]:
    """One hit per stretch of words: the same concept found twice over the same words is kept
    once (the longest), and a hit inside a longer hit of another concept is dropped ("return"
    inside "return shipping", "credit" inside "store credit")."""
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if any(
            k.start <= span.start
            and span.end <= k.end
            and (k.key == span.key or (k.end - k.start) > (span.end - span.start))
            for k in kept
        ):
            continue
        if any(k.key == span.key and k.start < span.end and span.start < k.end for k in kept):
            continue
        kept.append(span)
    return kept


_SPANS: list[tuple[Reading, list[Span]]] = []  # the last reading's, for actions and asks_for


def concept_spans(reading: Reading) -> list[Span]:
    """The concepts of a reading with their token spans; worked out once per reading."""
    if _SPANS and _SPANS[0][0] is reading:
        return _SPANS[0][1]
    spans = _prune(scan(words_of(reading), concept_sets()))
    _SPANS[:] = [(reading, spans)]
    return spans


def find_concepts(reading: Reading) -> list[ConceptHit]:
    """Every lexicon concept named in the message, in text order."""
    return [
        ConceptHit(concept=s.key, start=s.start, end=s.end, sentence=s.sentence, lang=s.lang)
        for s in concept_spans(reading)
    ]


@lru_cache(maxsize=256)
def _word_sets(words: tuple[str, ...]) -> dict[str, PhraseSet]:
    def items(langs):
        return [("word", w, lang) for lang in langs for w in words]

    sets = {lang: PhraseSet(items(BORROWS[lang])) for lang in LANGUAGES if lang != "zh"}
    sets["zh"] = PhraseSet(items(["zh"]))
    return sets


def match_words(reading: Reading, words: list[str]) -> list[tuple[int, int, int]]:
    """Where a trainer's words stand in the message, as (start, end, sentence) in original
    offsets: matched like lexicon phrases (lemmas, inserted words, Chinese substrings)."""
    cleaned = tuple(w for w in dict.fromkeys(words or ()) if isinstance(w, str) and w.strip())
    if not cleaned:
        return []
    spans = _prune(scan(words_of(reading), _word_sets(cleaned)))
    return [(s.start, s.end, s.sentence) for s in spans]
