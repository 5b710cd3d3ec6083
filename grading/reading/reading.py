"""read(text): the one Reading of a message that graders, feedback and the customer share."""

from __future__ import annotations

import importlib
import logging
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from grading.reading.language import sentence_language
from grading.reading.model import Language, Reading, Sentence, Token
from grading.reading.normalise import normalise_mapped, original_end
from grading.reading.sentences import is_question, spans
from grading.reading.words import TOKEN, lemma
from grading.text import shared_sentences

log = logging.getLogger(__name__)

# Beyond this many normalised characters nothing is read: a 20,000-character paste is already
# far longer than any reply, and every later step is linear in what is kept. The original is
# cut at four times that before normalising, so a wall of invisible characters cannot make
# normalisation itself slow.
MAX_CHARS = 20_000
_MAX_ORIGINAL = 4 * MAX_CHARS

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# The later steps, each owned by its own module; a step whose module is missing is skipped,
# so the reading works while the layer is being built.
_STEPS = (
    ("quantities", "find_quantities", "quantities"),
    ("concepts", "find_concepts", "concepts"),
    ("actions", "find_actions", "actions"),
)


@lru_cache(maxsize=256)
def read(text: str) -> Reading:
    """The Reading of `text`; never raises. Cached: treat the result as read-only."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        reading = _read_words(text)
    except Exception:  # a reading must never take a grader down with it
        log.exception("reading failed; returning an empty reading")
        norm, offsets = _plain(text)
        return Reading(text=text, norm=norm, offsets=offsets, language="en")
    _enrich(reading)
    return reading


def _plain(text: str) -> tuple[str, list[int]]:
    cut = text[:MAX_CHARS]
    return cut, list(range(len(cut) + 1))


def _read_words(text: str) -> Reading:
    norm, offsets, in_place = normalise_mapped(text[:_MAX_ORIGINAL])
    if len(norm) > MAX_CHARS:
        norm, offsets = norm[:MAX_CHARS], offsets[: MAX_CHARS + 1]
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    if len(norm) == len(text) and text.isascii():
        # ASCII is only lower-cased (and ` made '), which moves no sentence boundary: the
        # graders split the reply as written too, so it is split once for all of them.
        sentence_spans = shared_sentences(text)
    else:
        sentence_spans = spans(norm)
    for (start, end), lang in _languages(norm, sentence_spans):
        first = len(tokens)
        if in_place and end - start <= _MEMO_SENTENCE:
            # Where norm and original offsets agree, a sentence's words depend on its text
            # alone: a reused sentence is read once ("Could you share your order number?").
            key = (norm[start:end], lang)
            memo = _WORDS_MEMO.get(key)
            if memo is None:
                found: list[Token] = []
                _words(text, norm, offsets, True, start, end, lang, found.append)
                memo = (
                    tuple(
                        Token(t.form, t.lemma, t.start - start, t.end - start, t.lang)
                        for t in found
                    ),
                    is_question(norm[start:end], lang),
                )
                if len(_WORDS_MEMO) >= _MEMO_SIZE:
                    _WORDS_MEMO.clear()
                _WORDS_MEMO[key] = memo
            words, question = memo
            if start:
                tokens += [
                    Token(t.form, t.lemma, t.start + start, t.end + start, t.lang) for t in words
                ]
            else:
                tokens += words  # read-only tokens, shared
            sentences.append(Sentence(start, end, lang, (first, len(tokens)), question))
            continue
        _words(text, norm, offsets, in_place, start, end, lang, tokens.append)
        sentences.append(
            Sentence(
                offsets[start],
                end if in_place else original_end(text, offsets, end),
                lang,
                (first, len(tokens)),
                is_question(norm[start:end], lang),
            )
        )
    return Reading(
        text=text,
        norm=norm,
        offsets=offsets,
        language=_dominant(sentences),
        sentences=sentences,
        tokens=tokens,
        in_place=in_place,
    )


# Per-sentence memos of the reading: (sentence norm, language) -> its tokens relative to the
# sentence's start and whether it asks something; (sentence norm, prior) -> its language.
_WORDS_MEMO: dict[tuple[str, str], tuple[tuple[Token, ...], bool]] = {}
_LANGUAGE_MEMO: dict[tuple[str, str | None], Language | None] = {}
_MEMO_SIZE = 4096
_MEMO_SENTENCE = 400  # characters; longer sentences are rarely repeated


def _words(text, norm, offsets, in_place, start, end, lang, append) -> None:
    """The tokens of norm[start:end], handed to `append` in order."""
    # The loop below runs once per word of every reply graded; it avoids calls it can skip.
    foreign: Language = "en" if lang in ("zh", "ar") else lang
    for m in TOKEN.finditer(norm, start, end):
        form = m.group()
        s = m.start()
        c = form[0]
        if c >= "\u3400" and _CJK.match(c):
            # One token per ideograph, its own lemma (see words.py for why not jieba).
            if in_place:
                for k, ch in enumerate(form, s):
                    append(Token(ch, ch, k, k + 1, "zh"))
            else:
                for k, ch in enumerate(form, s):
                    append(Token(ch, ch, offsets[k], original_end(text, offsets, k + 1), "zh"))
            continue
        if c.isdigit():
            tlang: Language = lang
        elif c >= "\u0600" and _ARABIC.match(c):
            tlang = "ar"
        else:
            tlang = foreign  # an English word in a Chinese or Arabic sentence
        word = lemma(form, tlang)
        if in_place:
            append(Token(form, word, s, m.end(), tlang))
        else:
            append(Token(form, word, offsets[s], original_end(text, offsets, m.end()), tlang))


def _languages(
    norm: str, sentence_spans: list[tuple[int, int]]
) -> list[tuple[tuple[int, int], Language]]:
    """Each sentence with its language; one that shows none takes its neighbour's."""
    found: list[Language | None] = []
    prior: Language | None = None
    memo = _LANGUAGE_MEMO
    for start, end in sentence_spans:
        sentence = norm[start:end]
        if len(sentence) <= _MEMO_SENTENCE:
            key = (sentence, prior)
            if key in memo:
                lang = memo[key]
            else:
                lang = sentence_language(sentence, prior)
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = lang
        else:
            lang = sentence_language(sentence, prior)
        found.append(lang)
        if lang is not None:
            prior = lang
    fallback: Language = next((lang for lang in found if lang is not None), "en")
    resolved: list[Language] = []
    for lang in found:
        fallback = lang or fallback
        resolved.append(fallback)
    return list(zip(sentence_spans, resolved, strict=True))


def _dominant(sentences: list[Sentence]) -> Language:
    if not sentences:
        return "en"
    weight: Counter[str] = Counter()
    for sentence in sentences:
        first, last = sentence.tokens
        weight[sentence.lang] += max(1, last - first)
    best = max(weight.values())
    # On a tie the language the message opens with wins.
    return next(s.lang for s in sentences if weight[s.lang] == best)


def _enrich(reading: Reading) -> None:
    for module_name, function, attribute in _STEPS:
        try:
            step = _step_function(module_name, function)
            if step is None:
                continue
            setattr(reading, attribute, list(step(reading)))
        except Exception as error:
            _report(f"{module_name}.{function}", error)


_FUNCTIONS: dict[tuple, object] = {}


def _step_function(module_name: str, function: str):
    # Looked up once per process: an import_module call per step per reply showed in profiles.
    # A missing module or function is looked for again next time (the layer may be in the
    # making); a module that fails to import raises, and is reported, every time.
    # Keyed by the finder too, so that a test replacing `_step_module` is heard.
    key = (_step_module, module_name, function)
    found = _FUNCTIONS.get(key)
    if found is None:
        module = _step_module(module_name)
        found = getattr(module, function, None) if module is not None else None
        if found is not None:
            _FUNCTIONS[key] = found
    return found


_reported: set[tuple[str, str]] = set()


def _report(step: str, error: Exception) -> None:
    # A broken step (a lexicon typo, a bug) fails on every reply; its traceback is logged
    # once per kind of error, not thousands of times a second.
    key = (step, f"{type(error).__name__}: {error}"[:200])
    if key in _reported:
        log.debug("reading step %s failed again: %s", step, key[1])
        return
    if len(_reported) < 1000:
        _reported.add(key)
    log.error("reading step %s failed; its part of the reading is left empty", step, exc_info=error)


def _step_module(name: str):
    qualified = f"grading.reading.{name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as error:
        if error.name == qualified:
            return None
        raise


# One short line per language, with a tie for the language model and a Spanglish sentence
# that loads the English and Spanish dictionaries together.
_WARM_UP = (
    "We refunded your order. ok noted",
    "Ya te hice el refund, te llega en 5 días.",
    "Pesanannya sudah dibatalkan ya kak.",
    "您好，退款已经处理好了，3到5个工作日到账。",
    "تم إلغاء طلبك وسنعيد المبلغ خلال ٣ أيام.",
)


def warm_up() -> None:
    """Load every dictionary and model the reading uses (a few seconds), e.g. in a thread.

    Everything loads lazily on first use anyway; this only moves the wait off the first reply.
    """
    for text in _WARM_UP:
        read.__wrapped__(text)


def forget() -> None:
    """Drop every per-sentence memo of the reading (and read()'s cache), so that a benchmark
    measures sentences read from scratch, as the first time they are met."""
    read.cache_clear()
    _WORDS_MEMO.clear()
    _LANGUAGE_MEMO.clear()
    for name in ("quantities", "concepts", "actions", "service_acts"):
        module = _step_module(name)
        for memo in ("_MEMO", "_CLASSIFIED", "_OWN"):
            if module is not None and hasattr(module, memo):
                getattr(module, memo).clear()


def norm_index(reading: Reading, original: int) -> int:
    """The first position of `reading.norm` at or after original index `original`."""
    return bisect_left(reading.offsets, original, 0, len(reading.norm))
