"""Lexicon phrases compiled once per language and found in a sentence's words.

A phrase is normalised, split into words and lemmatised with the same functions as a reply
(grading.reading.words), which is what lets "cancel" meet "cancelled" and "reembolsar" meet
"reembolsé". Up to two other words may stand between the words of a phrase ("I absolutely,
personally guarantee"); a "…" in a phrase allows more. Chinese is not split into words: a
Chinese phrase is a substring of the normalised sentence, and a space in it marks where up to
four other characters may stand ("给您 退款" finds "给您办理退款").

A word written with a leading "-" is a word ending ("-n't", "-é"), one with a trailing "-" a word
start (the Indonesian passive "di-"). A phrase written "=arrived" matches those written forms
only, not every form of their lemma ("will arrive" is not "arrived"). Look-ups are dictionaries
from a first word to the phrases that start with it: one dictionary probe per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from grading.reading.normalise import normalise
from grading.reading.words import lemma, tokenize

WORD_GAP = 2  # other words allowed between two words of a phrase
WIDE_GAP = 6  # between the parts of a phrase written with "…"
CHAR_GAP = 4  # other characters allowed where a Chinese phrase has a space
WIDE_CHAR_GAP = 12
_ELLIPSIS = re.compile(r"\.\.\.|…")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_EXACT = "\x00"  # the lemma of a word written "=form": no lemma matches it


@dataclass(frozen=True, slots=True)
class Word:
    lemma: str
    form: str
    affix: str = ""  # "prefix" or "suffix": the form is a word start or ending

    def matches(self, form: str, lemma_: str, on_lemmas: bool) -> bool:
        if self.affix == "prefix":
            return len(form) > len(self.form) + 1 and form.startswith(self.form)
        if self.affix == "suffix":
            return len(form) > len(self.form) + 1 and form.endswith(self.form)
        return form == self.form or (on_lemmas and lemma_ == self.lemma)


@dataclass(frozen=True, slots=True)
class Pattern:
    key: str  # a concept id, or a mode cue list's name
    phrase: str  # as written in the lexicon
    lang: str  # the lexicon language the phrase comes from
    words: tuple[Word, ...]
    gaps: tuple[int, ...]  # words allowed before words[k] (gaps[0] is unused)
    # Forms and lemmas a sentence must hold for the phrase to be in it (one per word, none for
    # a word start or ending): one set test rules most candidates out before any matching.
    needs: frozenset[str] = frozenset()

    @property
    def affix_only(self) -> bool:
        """A single word ending or start ("-ed", "di-"): looked for on one word only."""
        return len(self.words) == 1 and bool(self.words[0].affix)


@dataclass(frozen=True, slots=True)
class CharPattern:
    key: str
    phrase: str
    lang: str
    parts: tuple[str, ...]
    gaps: tuple[int, ...]
    regex: re.Pattern | None  # None: one literal part


def _norm(text: str) -> str:
    return normalise(text)[0].strip()


def _words(part: str, lang: str, exact: bool = False) -> list[Word]:
    words: list[Word] = []
    for chunk in part.split():
        affix = ""
        if len(chunk) > 1 and chunk.startswith("-"):
            affix, chunk = "suffix", chunk[1:]
        elif len(chunk) > 1 and chunk.endswith("-"):
            affix, chunk = "prefix", chunk[:-1]
        tokens = tokenize(chunk, 0, len(chunk), lang)
        for k, (form, _, _) in enumerate(tokens):
            last = k == len(tokens) - 1
            kind = affix if (affix == "prefix" and last) or (affix == "suffix" and k == 0) else ""
            lem = form if kind else (_EXACT if exact else lemma(form, lang))
            words.append(Word(lem, form, kind))
    return words


def compile_pattern(key: str, phrase: str, lang: str) -> Pattern | CharPattern | None:
    norm = _norm(phrase)
    if not norm:
        return None
    if lang == "zh" or _CJK.search(norm):
        pieces: list[str] = []
        gaps: list[int] = [0]
        for k, part in enumerate(_ELLIPSIS.split(norm)):
            for j, piece in enumerate(part.split()):
                if pieces:
                    gaps.append(WIDE_CHAR_GAP if j == 0 and k > 0 else CHAR_GAP)
                pieces.append(piece)
        if not pieces:
            return None
        regex = None
        if len(pieces) > 1:
            body = re.escape(pieces[0]) + "".join(
                f".{{0,{gap}}}?{re.escape(p)}" for gap, p in zip(gaps[1:], pieces[1:], strict=True)
            )
            regex = re.compile(body, re.DOTALL)
        return CharPattern(key, phrase, "zh", tuple(pieces), tuple(gaps), regex)
    exact = norm.startswith("=")
    words: list[Word] = []
    word_gaps: list[int] = []
    for k, part in enumerate(_ELLIPSIS.split(norm.lstrip("="))):
        found = _words(part, lang, exact)
        for j, word in enumerate(found):
            word_gaps.append(WIDE_GAP if (j == 0 and k > 0 and words) else WORD_GAP)
            words.append(word)
    if not words:
        return None
    word_gaps[0] = 0
    tail = words[-1]
    needs = frozenset() if tail.affix else frozenset({tail.form, tail.lemma} - {_EXACT})
    return Pattern(key, phrase, lang, tuple(words), tuple(word_gaps), needs)


class PhraseSet:
    """Phrases keyed for fast look-up: (key, phrase, language) items, a sentence's language and
    the ones it borrows from in one set. `on_lemmas`: a word of a phrase matches a word of the
    text with the same lemma (concepts); otherwise only the same form (cues)."""

    def __init__(self, items: Iterable[tuple[str, str, str]], on_lemmas: bool = True):
        self.on_lemmas = on_lemmas
        self.by_first: dict[str, list[Pattern]] = {}
        self.affix_first: list[Pattern] = []
        self.by_char: dict[str, list[CharPattern]] = {}
        seen: set[tuple] = set()
        for key, phrase, lang in items:
            pattern = compile_pattern(key, phrase, lang)
            if pattern is None:
                continue
            if isinstance(pattern, CharPattern):
                ident = (key, pattern.parts, pattern.gaps)
                if ident not in seen:
                    seen.add(ident)
                    head = pattern.parts[0][:2]  # two characters narrow the candidates most
                    self.by_char.setdefault(head, []).append(pattern)
                continue
            ident = (key, pattern.words, pattern.gaps, lang)
            if ident in seen:
                continue
            seen.add(ident)
            first = pattern.words[0]
            if first.affix:
                self.affix_first.append(pattern)
                continue
            keys = (
                {first.form, first.lemma} if on_lemmas and first.lemma != _EXACT else {first.form}
            )
            for k in keys:
                self.by_first.setdefault(k, []).append(pattern)
        # The characters a Chinese phrase can start with: the scan jumps from one to the next.
        heads = sorted({head[0] for head in self.by_char})
        self.heads = re.compile("[" + "".join(re.escape(c) for c in heads) + "]") if heads else None
        for patterns in self.by_first.values():  # longest first: "full refund" before "refund"
            patterns.sort(key=lambda p: -len(p.words))

    def scan_words(self, forms: list[str], lemmas: list[str]) -> list[tuple[Pattern, int, int]]:
        """Every phrase found in the words, as (pattern, first word, last word + 1)."""
        found: list[tuple[Pattern, int, int]] = []
        by_first, on_lemmas, affix_first = self.by_first, self.on_lemmas, self.affix_first
        present = {*forms, *lemmas} if on_lemmas else set(forms)
        n = len(forms)
        for i in range(n):
            form = forms[i]
            lem = lemmas[i]
            candidates = by_first.get(form)
            if on_lemmas and lem != form:
                more = by_first.get(lem)
                if more:
                    candidates = [*candidates, *more] if candidates else more
            if affix_first:
                more = [p for p in affix_first if p.words[0].matches(form, lem, on_lemmas)]
                if more:
                    candidates = [*candidates, *more] if candidates else more
            if not candidates:
                continue
            for pattern in candidates:
                if len(pattern.words) == 1:
                    found.append((pattern, i, i + 1))
                    continue
                if pattern.needs and pattern.needs.isdisjoint(present):
                    continue
                end = _match_rest(pattern, forms, lemmas, i, n, on_lemmas)
                if end:
                    found.append((pattern, i, end))
        return found

    def scan_chars(self, norm: str, lo: int, hi: int) -> list[tuple[CharPattern, int, int]]:
        """Every Chinese phrase in norm[lo:hi], as (pattern, start, end) in norm offsets."""
        found: list[tuple[CharPattern, int, int]] = []
        by_char = self.by_char
        if self.heads is None:
            return found
        for m in self.heads.finditer(norm, lo, hi):
            pos = m.start()
            one = by_char.get(norm[pos])
            two = by_char.get(norm[pos : pos + 2])
            if one is None and two is None:
                continue
            for candidates in (one, two):
                for pattern in candidates or ():
                    if pattern.regex is None:
                        end = pos + len(pattern.parts[0])
                        if end <= hi and norm.startswith(pattern.parts[0], pos):
                            found.append((pattern, pos, end))
                    else:
                        m = pattern.regex.match(norm, pos, hi)
                        if m:
                            found.append((pattern, pos, m.end()))
        return found


def _match_rest(
    pattern: Pattern, forms: list[str], lemmas: list[str], i: int, n: int, on_lemmas: bool
) -> int:
    """The end (last word + 1) of `pattern` starting at word i, or 0."""
    pos = i + 1
    words, gaps = pattern.words, pattern.gaps
    for k in range(1, len(words)):
        word = words[k]
        limit = min(n, pos + gaps[k] + 1)
        if word.affix:
            while pos < limit and not word.matches(forms[pos], lemmas[pos], on_lemmas):
                pos += 1
        else:
            wf, wl = word.form, word.lemma
            while pos < limit and forms[pos] != wf and not (on_lemmas and lemmas[pos] == wl):
                pos += 1
        if pos >= limit:
            return 0
        pos += 1
    return pos
