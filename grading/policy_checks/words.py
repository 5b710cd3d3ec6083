"""Trainer-written words and lexicon concepts found in a Reading, in original-text offsets.

A policy names what it talks about with concept ids (the lexicons know the words in every
language) and, where no concept fits, with its own words. Both are looked for in the normalised
text (so an invisible character or a tatweel inside a word hides nothing) and by lemma (so
"cancelled", "reembolsé" and "dikembalikan" meet "cancel", "reembolsar", "kembali"), with up to
two inserted words ("I absolutely, personally guarantee").

All the words of one policy are compiled into one phrase set, and a reply is scanned once per
policy: a `Lookup` then answers "where do these words stand" from that one scan.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from curricula.policy import Policy
from grading.policy_checks.phrase_variants import variants
from grading.reading import Reading
from grading.reading.concepts import BORROWS, PerLanguage, scan, words_of
from grading.reading.lexicon import lexicon
from grading.reading.normalise import normalise
from grading.reading.phrases import PhraseSet

Hit = tuple[int, int]  # (start, end) in the original text


_VOCABULARY: dict[int, tuple[Policy, tuple[str, ...]]] = {}


def vocabulary(policy: Policy) -> tuple[str, ...]:
    """Every word a trainer wrote into the policy's rules, gathered once per policy object."""
    cached = _VOCABULARY.get(id(policy))
    if cached is not None and cached[0] is policy:
        return cached[1]
    if len(_VOCABULARY) > 256:
        _VOCABULARY.clear()
    words = _gather(policy)
    _VOCABULARY[id(policy)] = (policy, words)
    return words


def _gather(policy: Policy) -> tuple[str, ...]:
    words: list[str] = []
    for section in policy.sections:
        for fact in section.facts:
            words += [*fact.about, *fact.cues]
        for rule in section.lists:
            words += rule.about
            for item in (*rule.allowed, *rule.not_allowed, *rule.unless):
                words += item.words
        for promise in section.forbidden_promises:
            words += [*promise.phrases, *promise.about]
        for remedy in section.forbidden_remedies:
            words += remedy.phrases
            for item in remedy.unless:
                words += item.words
        for step in section.required_steps:
            words += [*step.before, *step.done_by]
            for alternative in step.any_of:
                for item in alternative:
                    words += item.words
    return tuple(dict.fromkeys(w for w in words if isinstance(w, str) and w.strip()))


@lru_cache(maxsize=64)
def _phrase_sets(words: tuple[str, ...]) -> dict[str, PhraseSet]:
    """The words compiled for sentences of every language, keyed by the word itself."""

    def items(langs):
        return [(w, form, lang) for lang in langs for w in words for form in (w, *variants(w))]

    return PerLanguage(lambda lang: PhraseSet(items(BORROWS[lang] if lang != "zh" else ["zh"])))


class Lookup:
    """Where a policy's words and the lexicon's concepts stand in one reading."""

    def __init__(self, reading: Reading, words: tuple[str, ...]):
        self.reading = reading
        self._vocabulary = frozenset(words)
        self._words: dict[str, list[Hit]] = defaultdict(list)  # only the words found
        if words and reading.tokens:
            for span in scan(words_of(reading), _phrase_sets(words)):
                if not _splits_compound(reading.text[span.start : span.end], span.key):
                    self._words[span.key].append((span.start, span.end))
        self._concepts: dict[str, list[Hit]] = defaultdict(list)
        for hit in reading.concepts:
            self._concepts[hit.concept].append((hit.start, hit.end))
        self._starts = [s.start for s in reading.sentences]
        self._asked: dict[tuple[str, ...], list[Hit]] = {}
        # Nothing of the policy's words and no concept at all: every rule check can stop here.
        self.quiet = not self._words and not self._concepts
        self.found_words = frozenset(self._words)
        self.found_concepts = frozenset(self._concepts)

    def may_hold(self, phrases: frozenset[str], concepts: frozenset[str]) -> bool:
        """False when none of `phrases` was found and not all of `concepts` were: the rule
        they express is not in this reading, without looking any further."""
        if phrases and not phrases.isdisjoint(self.found_words):
            return True
        return bool(concepts) and concepts <= self.found_concepts

    def words(self, words: Iterable[str]) -> list[Hit]:
        key = words if isinstance(words, tuple) else tuple(words)
        cached = self._asked.get(key)
        if cached is None:
            cached = self._asked[key] = self._find(key)
        return cached

    def _find(self, words: tuple[str, ...]) -> list[Hit]:
        wanted = _as_set(words)
        # Most replies hold few of a policy's words: go by the words found, not the words asked.
        found = {h for word, hits in self._words.items() if word in wanted for h in hits}
        extra = wanted - self._vocabulary
        if extra:  # words that are not the policy's own: scanned on their own
            extra_words = tuple(sorted(w for w in extra if w and w.strip()))
            if extra_words:
                found.update(Lookup(self.reading, extra_words).words(extra_words))
        return outermost(found) if found else []

    def concepts(self, concepts: Iterable[str]) -> list[Hit]:
        if not self._concepts:
            return []
        found = {h for c in concepts for h in self._concepts.get(c, ())}
        return outermost(found) if found else []

    def topic(self, words: Iterable[str], concepts: Iterable[str]) -> list[Hit]:
        return outermost({*self.words(words), *self.concepts(concepts)})

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding original offset `pos` (the last starting before it)."""
        return bisect_right(self._starts, pos) - 1


def _splits_compound(found: str, phrase: str) -> bool:
    """True when the words found skip part of a hyphenated word: "no charge" is not in
    "no-show charge", though "money back" is in "money-back"."""
    if "-" not in found or "-" in phrase:
        return False
    pieces = len(found.replace("-", " ").split())
    return pieces > len(found.split()) and pieces > len(phrase.split())


@lru_cache(maxsize=4096)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


_LOOKUPS: dict[tuple[int, int], tuple[Reading, Policy, Lookup]] = {}


def lookup(reading: Reading, policy: Policy) -> Lookup:
    """The lookup of a policy's words in a reading, made once per reading and policy."""
    key = (id(reading), id(policy))
    cached = _LOOKUPS.get(key)
    if cached is not None and cached[0] is reading and cached[1] is policy:
        return cached[2]
    if len(_LOOKUPS) > 256:
        _LOOKUPS.clear()
    made = Lookup(reading, vocabulary(policy))
    _LOOKUPS[key] = (reading, policy, made)
    return made


def outermost(hits: Iterable[Hit]) -> list[Hit]:
    """Sorted, with a hit inside a longer one dropped (one finding per place)."""
    kept: list[Hit] = []
    for start, end in sorted(hits, key=lambda h: (h[0], -h[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


_PHRASE_CONCEPTS: list[tuple[object, dict[str, frozenset[str]]]] = []


def _phrase_concepts() -> dict[str, frozenset[str]]:
    """Every lexicon phrase, normalised, and the concepts it belongs to (in any language)."""
    lex = lexicon()
    if _PHRASE_CONCEPTS and _PHRASE_CONCEPTS[0][0] is lex:
        return _PHRASE_CONCEPTS[0][1]
    found: dict[str, set[str]] = defaultdict(set)
    for entry in lex.languages.values():
        for concept, phrases in entry.concepts.items():
            for phrase in phrases:
                found[" ".join(normalise(phrase)[0].split())].add(concept)
    table = {phrase: frozenset(concepts) for phrase, concepts in found.items()}
    _PHRASE_CONCEPTS[:] = [(lex, table)]
    return table


def concepts_of(phrase: str) -> tuple[frozenset[str], bool]:
    """The lexicon concepts a trainer's phrase is, in any language: ("refund" -> refund).

    A v1 required step lists words ("refund", "reembolso", "退款"); when a word is itself a phrase
    of the lexicons, it stands for that concept, and the concept brings the same meaning in every
    language and every inflection. The second value says whether the phrase is one (a phrase
    the lexicons do not have, "cancel the line", stays a word to find as written).
    """
    key = " ".join(normalise(phrase)[0].split()) if isinstance(phrase, str) else ""
    concepts = _phrase_concepts().get(key, frozenset())
    return concepts, bool(concepts)
