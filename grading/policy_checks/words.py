"""Trainer-written words and lexicon concepts found in a Reading, in original-text offsets.

A policy names what it talks about with concept ids (the lexicons know the words in every
language) and, where no concept fits, with its own words. Both are looked for here, in the
normalised text (so an invisible character or a tatweel inside a word hides nothing) and by
lemma (so "cancelled", "reembolsé" and "dikembalikan" meet "cancel", "reembolsar", "kembali").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from grading.reading import Reading, read
from grading.reading import concepts as concept_finder
from grading.text import find_phrases

Hit = tuple[int, int]  # (start, end) in the original text


def word_hits(reading: Reading, words: Sequence[str], *, inflections: bool = True) -> list[Hit]:
    """Where any of `words` occurs: as written (inflection-tolerant) or by lemma, with up to
    two inserted words ("I absolutely, personally guarantee")."""
    words = [w for w in words if w and w.strip()]
    if not words:
        return []
    hits: set[Hit] = set()
    for _phrase, start, end in find_phrases(reading.norm, words, inflections=inflections):
        hits.add(reading.orig_span(start, end))
    for start, end, _sentence in concept_finder.match_words(reading, list(words)):
        hits.add((start, end))
    return _outermost(hits)


def concept_hits(reading: Reading, concepts: Iterable[str]) -> list[Hit]:
    wanted = set(concepts)
    if not wanted:
        return []
    return _outermost({(h.start, h.end) for h in reading.concepts if h.concept in wanted})


def topic_hits(reading: Reading, words: Sequence[str], concepts: Iterable[str]) -> list[Hit]:
    return _outermost({*word_hits(reading, words), *concept_hits(reading, concepts)})


def _outermost(hits: Iterable[Hit]) -> list[Hit]:
    """Sorted, with a hit inside a longer one dropped (one finding per place)."""
    kept: list[Hit] = []
    for start, end in sorted(hits, key=lambda h: (h[0], -h[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


@lru_cache(maxsize=4096)
def concepts_of(phrase: str) -> tuple[frozenset[str], bool]:
    """The lexicon concepts a trainer's phrase expresses, and whether they cover all of it.

    A v1 policy lists words ("refund", "cancel the line"); the concepts they express bring the
    same meaning in every language. Covered means every word of the phrase belongs to one of
    the concepts' hits, so "reembolso" stands for the concept refund, while "refund to your
    brother's account" only adds refund to words that still have to be there.
    """
    reading = read(phrase)
    if not reading.tokens:
        return frozenset(), False
    found = {h.concept for h in reading.concepts}
    covered = all(
        any(h.start <= t.start and t.end <= h.end for h in reading.concepts) for t in reading.tokens
    )
    return frozenset(found), covered and bool(found)


def sentence_of(reading: Reading, pos: int) -> int:
    """Index of the sentence holding original offset `pos` (the last starting before it)."""
    best = -1
    for i, s in enumerate(reading.sentences):
        if s.start <= pos:
            best = i
        else:
            break
    return best
