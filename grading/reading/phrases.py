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
# Negation words and word endings ("-n't") that no phrase may skip over between its words.
Barrier = tuple[frozenset[str], tuple[str, ...]]
_AFFIX_CACHE = 50_000  # words whose affixes are remembered, per cue set
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

    @property
    def size(self) -> int:
        """Characters of the phrase's own parts (a longer match has others inside it)."""
        return sum(map(len, self.parts))


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
        self.literal_of: dict[str, list[CharPattern]] = {}  # Chinese phrase -> its patterns
        self.gapped: list[CharPattern] = []  # Chinese phrases with room for other characters
        seen: set[tuple] = set()
        for key, phrase, lang in items:
            pattern = compile_pattern(key, phrase, lang)
            if pattern is None:
                continue
            if isinstance(pattern, CharPattern):
                ident = (key, pattern.parts, pattern.gaps)
                if ident not in seen:
                    seen.add(ident)
                    if pattern.regex is None:
                        self.literal_of.setdefault(pattern.parts[0], []).append(pattern)
                    else:
                        self.gapped.append(pattern)
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
        # Every plain Chinese phrase in one regex shaped as a trie: the regex engine follows one
        # branch per character, about twice as fast as a dictionary probe per character.
        self.literals = _trie(self.literal_of) if self.literal_of else None
        self.first_words = frozenset(self.by_first)
        for patterns in self.by_first.values():  # longest first: "full refund" before "refund"
            patterns.sort(key=lambda p: -len(p.words))
        # Per first word: the one-word phrases, and the longer ones with every form or lemma
        # their last words may have, so one set test skips them all in most sentences.
        self.groups: dict[str, tuple[tuple[Pattern, ...], frozenset[str], tuple[Pattern, ...]]] = {}
        for key, patterns in self.by_first.items():
            singles = tuple(p for p in patterns if len(p.words) == 1)
            longer = tuple(p for p in patterns if len(p.words) > 1)
            needs = frozenset().union(*(p.needs for p in longer)) if longer else frozenset()
            if any(not p.needs for p in longer):
                needs = frozenset(("",))  # a pattern ending in a word start: always look
            self.groups[key] = (singles, needs, longer)

    def scan_words(
        self, forms: list[str], lemmas: list[str], barrier: Barrier | None = None
    ) -> list[tuple[Pattern, int, int]]:
        """Every phrase found in the words, as (pattern, first word, last word + 1); a word of
        the `barrier` (a negation) may not stand inside a phrase between its words."""
        found: list[tuple[Pattern, int, int]] = []
        on_lemmas, affix_first = self.on_lemmas, self.affix_first
        present = {*forms, *lemmas} if on_lemmas else set(forms)
        starts = self.first_words & present  # one set operation rules most words out
        if not starts and not affix_first:
            return found
        n = len(forms)
        if affix_first:
            positions = range(n)
        else:
            positions = [i for i in range(n) if forms[i] in starts or lemmas[i] in starts]
        groups = self.groups
        present.add("")
        for i in positions:
            form = forms[i]
            lem = lemmas[i]
            keys = (form, lem) if on_lemmas and lem != form else (form,)
            for key in keys:
                group = groups.get(key)
                if group is None:
                    continue
                singles, needs, longer = group
                for pattern in singles:
                    found.append((pattern, i, i + 1))
                if longer and not needs.isdisjoint(present):
                    for pattern in longer:
                        if pattern.needs and pattern.needs.isdisjoint(present):
                            continue
                        end = _match_rest(pattern, forms, lemmas, i, n, on_lemmas, barrier)
                        if end:
                            found.append((pattern, i, end))
            if affix_first:
                for pattern in affix_first:
                    if not pattern.words[0].matches(form, lem, on_lemmas):
                        continue
                    if len(pattern.words) == 1:
                        found.append((pattern, i, i + 1))
                        continue
                    end = _match_rest(pattern, forms, lemmas, i, n, on_lemmas, barrier)
                    if end:
                        found.append((pattern, i, end))
        return found

    def scan_chars(self, norm: str, lo: int, hi: int) -> list[tuple[CharPattern, int, int]]:
        """Chinese phrases in norm[lo:hi], as (pattern, start, end) in norm offsets: at each
        place the longest plain phrase (a shorter one inside it is not reported), and every
        phrase with room for other characters."""
        found: list[tuple[CharPattern, int, int]] = []
        if self.literals is not None:
            literal_of = self.literal_of
            for m in self.literals.finditer(norm, lo, hi):
                start, end = m.span()
                for pattern in literal_of[m.group()]:
                    found.append((pattern, start, end))
        if self.gapped:
            segment = norm[lo:hi]
            for pattern in self.gapped:
                if pattern.parts[0] in segment and pattern.parts[-1] in segment:
                    for m in pattern.regex.finditer(norm, lo, hi):
                        found.append((pattern, m.start(), m.end()))
        return found


def _trie(words: Iterable[str]) -> re.Pattern:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in node.items() if ch]
        if "" in node:  # a phrase ends here; the longer ones above are tried first
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return re.compile(render(root))


def _match_rest(
    pattern: Pattern,
    forms: list[str],
    lemmas: list[str],
    i: int,
    n: int,
    on_lemmas: bool,
    barrier: Barrier | None = None,
) -> int:
    """The end (last word + 1) of `pattern` starting at word i, or 0. A word of the `barrier`
    (a negation) is never skipped over: "money is not coming back" is not "money back"."""
    pos = i + 1
    words, gaps = pattern.words, pattern.gaps
    first = words[0]
    for k in range(1, len(words)):
        word = words[k]
        limit = min(n, pos + gaps[k] + 1)
        while pos < limit and not word.matches(forms[pos], lemmas[pos], on_lemmas):
            if barrier is not None and (
                forms[pos] in barrier[0] or (barrier[1] and forms[pos].endswith(barrier[1]))
            ):
                return 0
            if first.matches(forms[pos], lemmas[pos], on_lemmas):
                return 0  # the phrase starts again: the tighter match from there is the one
            pos += 1
        if pos >= limit:
            return 0
        pos += 1
    return pos


class CueSet:
    """Mode cues: short runs of function words ("would you like me to", "ya te", "sudah di-"),
    found as contiguous words, a dictionary probe per word and length. Words inside a cue are
    not skipped as they are in a concept phrase: "have … been" is no cue. A word start or ending
    on its own ("-ed", "di-") is looked for on every word; a cue written with "…" is matched
    like a phrase. Chinese cues go through a PhraseSet."""

    def __init__(
        self,
        items: Iterable[tuple[str, str, str]],
        on_lemmas: bool = False,
        apart: frozenset[str] = frozenset(),
    ):
        self.on_lemmas = on_lemmas
        self.runs: dict[str, dict[tuple[str, ...], list[str]]] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}
        self.endings: dict[str, list[str]] = {}  # "-ed" -> keys
        self.starts: dict[str, list[str]] = {}  # "di-" -> keys
        self.special: list[Pattern] = []
        chars: list[tuple[str, str, str]] = []
        for key, cue, lang in items:
            pattern = compile_pattern(key, cue, lang)
            if pattern is None:
                continue
            if isinstance(pattern, CharPattern):
                chars.append((key, cue, lang))
                continue
            words = pattern.words
            if len(words) == 1 and words[0].affix:
                table = self.endings if words[0].affix == "suffix" else self.starts
                table.setdefault(words[0].form, []).append(key)
            elif any(w.affix for w in words) or any(g > WORD_GAP for g in pattern.gaps):
                self.special.append(pattern)
            else:
                runs = {tuple(w.form for w in words)}
                if on_lemmas:
                    runs.add(tuple(w.lemma for w in words))
                for run in runs:
                    self.runs.setdefault(run[0], {}).setdefault(run, []).append(key)
        for first, table in self.runs.items():
            self.lengths[first] = tuple(sorted({len(run) for run in table}, reverse=True))
        self.first_words = frozenset(self.runs)
        self.ending_sizes = sorted({len(e) for e in self.endings}, reverse=True)
        self.start_sizes = sorted({len(s) for s in self.starts}, reverse=True)
        self.special_first = {p.words[0].form for p in self.special} | {
            p.words[0].lemma for p in self.special
        }
        # Chinese cues go through tries, which report the longest cue at each place; a kind
        # in `apart` gets a trie of its own, so 我 is still found inside 我把.
        groups = [[c for c in chars if c[0] in apart], [c for c in chars if c[0] not in apart]]
        self.chars = [PhraseSet(group, on_lemmas=False) for group in groups if group]
        self._affix_cache: dict[str, tuple[str, ...]] = {}

    def _affixes(self, form: str) -> tuple[str, ...]:
        """The cue lists whose word endings or starts `form` has."""
        keys: list[str] = []
        for size in self.ending_sizes:
            if len(form) > size + 1:
                keys += self.endings.get(form[-size:], ())
        for size in self.start_sizes:
            if len(form) > size + 1:
                keys += self.starts.get(form[:size], ())
        return tuple(keys)

    def scan_words(
        self, forms: list[str], lemmas: list[str]
    ) -> list[tuple[str, int, int, bool, bool]]:
        """Cues in the words as (key, first, last + 1, gapped, affix only)."""
        found: list[tuple[str, int, int, bool, bool]] = []
        runs, lengths, n = self.runs, self.lengths, len(forms)
        sources = (forms, lemmas) if self.on_lemmas else (forms,)
        for seq in sources:
            starts = self.first_words.intersection(seq)  # most words start no cue
            if not starts:
                continue
            for i in [i for i in range(n) if seq[i] in starts]:
                first = seq[i]
                if seq is lemmas and forms[i] == first:
                    continue  # already found by its form
                table = runs[first]
                for size in lengths[first]:
                    if i + size > n:
                        continue
                    keys = table.get(tuple(seq[i : i + size])) if size > 1 else table.get((first,))
                    if keys:
                        for key in keys:
                            found.append((key, i, i + size, False, False))
        if self.ending_sizes or self.start_sizes:
            affix_cache = self._affix_cache
            for i in range(n):
                form = forms[i]
                keys = affix_cache.get(form)
                if keys is None:
                    keys = self._affixes(form)
                    if len(affix_cache) > _AFFIX_CACHE:
                        affix_cache.clear()
                    affix_cache[form] = keys
                for key in keys:
                    found.append((key, i, i + 1, False, True))
        if self.special and not self.special_first.isdisjoint({*forms, *lemmas}):
            for i in range(n):
                form, lem = forms[i], lemmas[i]
                if form not in self.special_first and lem not in self.special_first:
                    continue
                for pattern in self.special:
                    if not pattern.words[0].matches(form, lem, self.on_lemmas):
                        continue
                    end = _match_rest(pattern, forms, lemmas, i, n, self.on_lemmas)
                    if end:
                        found.append((pattern.key, i, end, end - i > len(pattern.words), False))
        return found
