"""What a person notices about a message before its content: that it is gibberish, about
something else, in a language they do not read, only an apology, or the same thing again.

Pure functions on the shared Reading, for the offline customer; they work the same in the five
customer languages (keyboard rows and repeated letters in Latin and Arabic script, a case's
vocabulary in whatever language the persona and its policy are written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from grading.reading import Reading, read
from grading.reading.actions import ACTIONS

# Rows of the keyboards people mash: QWERTY (and AZERTY's a/z/q/w swaps are covered by the
# rows' reversals and substrings) and the Arabic layout.
KEY_ROWS = (
    "qwertyuiop",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "1234567890",
    "ضصثقفغعهخحجد",
    "شسيبلاتنمكط",
    "ئءؤرلاىةوزظ",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
)
MASH_RUN = 4  # this many keys in a row along a keyboard row is mashing, not a word
# A placeholder a macro left unfilled: {{name}}, [[name]], [customer_name], <name>, %NAME%.
_PLACEHOLDER = re.compile(r"^(\{\{.*\}\}|\[\[.*\]\]|\[[\w.\-]+\]|<[\w.\-]+>|%[\w.\-]+%)$")
_LETTER = re.compile(r"\w", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
MIN_WORDS_FOR_LANGUAGE = 3  # shorter messages ("ok", "gracias") do not tell a language


def _along_a_row(chunk: str) -> bool:
    """Most of the chunk runs along one keyboard row: 'asdfg', 'lkjh', 'qwertyuiop'; a word
    that only contains such a run ('property' holds 'erty') does not."""
    letters = chunk.casefold()
    if len(letters) < MASH_RUN:
        return False
    longest = 0
    for row in KEY_ROWS:
        for text in (row, row[::-1]):
            run = 0
            for a, b in zip(letters, letters[1:], strict=False):
                i = text.find(a)
                run = run + 1 if i != -1 and text[i + 1 : i + 2] == b else 0
                longest = max(longest, run + 1)
    return longest >= MASH_RUN and longest * 3 >= len(letters) * 2


def _repeated_letters(chunk: str) -> bool:
    """'hhhhhh', 'kkkkk', 'ههههه', '啊啊啊啊', '..,,..,,', 'lkjhlkjh': few distinct characters
    for the length."""
    if len(chunk) < 4:
        return False
    distinct = len(set(chunk.casefold()))
    return distinct == 1 or (len(chunk) >= 6 and distinct <= len(chunk) // 3)


def _noise(chunk: str) -> bool:
    if not _LETTER.search(chunk):
        return True  # punctuation, emoji only
    if _PLACEHOLDER.match(chunk):
        return True
    core = re.sub(r"[^\w]", "", chunk)
    if len(core) >= 5 and core.isascii() and core.isalpha() and not _VOWEL.search(core):
        return True  # 'sdfsdf', 'jkjkjk': no vowel in five letters
    return _repeated_letters(core) or _along_a_row(chunk)


def gibberish(text: str) -> bool:
    """No clause a person would say: keyboard mashing, letters repeated, an unfilled macro
    placeholder, one word said over and over, or nothing but punctuation."""
    chunks = text.split()
    if not chunks:
        return True
    noise = sum(_noise(c) for c in chunks)
    words = [re.sub(r"[^\w+]", "", c.casefold()) for c in chunks if not _noise(c)]
    distinct = set(words)
    noise += len(words) - len(distinct)  # a word said again adds nothing
    if len(distinct) >= 3 and not _CJK.search(text):
        return noise >= 2 * len(distinct)
    return noise * 2 >= len(chunks) or (not distinct)


def _content(reading: Reading, function_words: frozenset[str]) -> set[str]:
    """The words of a message that carry its subject: lemmas of 4+ Latin or 3+ other letters
    that are not function words; for Chinese, pairs of characters."""
    found = set()
    zh = []
    for token in reading.tokens:
        if token.lang == "zh":
            zh.append(token.form)
            continue
        lemma = token.lemma.casefold()
        shortest = 4 if lemma.isascii() else 3  # "off", "day" tell nothing; طلب does
        if len(lemma) >= shortest and lemma not in function_words and not lemma.isdigit():
            found.add(lemma)
    found.update(a + b for a, b in zip(zh, zh[1:], strict=False))
    return found


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """The shared list of function words (grading/reading/data/function_words.yaml)."""
    import yaml

    from grading.reading.language import DATA

    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    words = {str(w).casefold() for lang in ("en", "es", "id") for w in data.get(lang) or []}
    return frozenset(words) | COMMON


# Chat words that say nothing about a case: greetings, thanks, politeness.
COMMON = frozenset(
    ["hello", "thanks", "thank", "please", "today", "sorry", "apologies", "welcome", "happy",
     "great", "lovely", "dear", "hola", "gracias", "favor", "saludos", "perdón", "disculpa",
     "buenas", "halo", "terima", "kasih", "mohon", "maaf", "kak", "kakak", "bapak", "ibu",
     "selamat", "شكرا", "مرحبا", "اهلا", "السلام", "عليكم", "لو", "سمحت"]
)  # fmt: skip


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The content words of a case: what its texts are about, in every language they use."""
    words: set[str] = set()
    for text in texts:
        if text:
            words |= content_of(text)
    return frozenset(words)


@lru_cache(maxsize=4096)
def content_of(text: str) -> frozenset[str]:
    """One text's content words, remembered: a chat's earlier messages and a persona's lines
    come back on every reply."""
    return frozenset(_content(read(text), _function_words()))


# Service acts that address the customer in front of the agent, whatever words they use.
ADDRESSING = frozenset(
    {"acknowledge_feeling", "acknowledge_situation", "apologise", "validate", "explain",
     "own_next_step"}
)  # fmt: skip


def on_topic(reading: Reading, case: frozenset[str]) -> bool:
    """The message touches the case: it names an action or an item of the case's kind (refund,
    order number…), asks for something, speaks to the customer's feeling or situation, or
    shares a content word with the case."""
    if reading.asks_for or any(a.concept in ACTIONS for a in reading.actions):
        return True
    if any(hit.concept in ACTIONS for hit in reading.concepts):
        return True
    if {act.kind for act in reading.service_acts} & ADDRESSING:
        return True  # it speaks to this customer's feeling or situation
    mine = _content(reading, _function_words())
    return not mine or bool(mine & case)


def apology_only(reading: Reading) -> bool:
    """It apologises and does nothing else: no question, explanation, offer or next step."""
    kinds = {act.kind for act in reading.service_acts}
    if "apologise" not in kinds:
        return False
    doing = {"ask_situation", "explain", "own_next_step", "validate", "acknowledge_situation"}
    return not (kinds & doing) and not reading.asks_for and not reading.actions


def foreign(reading: Reading, languages: set[str]) -> bool:
    """Written in a language the customer does not write in."""
    if len(reading.tokens) < MIN_WORDS_FOR_LANGUAGE:
        return False
    return not (reading.languages() & languages)


def same_as(text: str, earlier: Iterable[str], at: float = 0.8) -> bool:
    """Says what an earlier message said: the same words, give or take a few."""
    mine = _shingles(text)
    if len(mine) < 2:
        return False
    for other in earlier:
        theirs = _shingles(other)
        if theirs and len(mine & theirs) / len(mine | theirs) >= at:
            return True
    return False


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.casefold())
    if _CJK.search(text):
        chars = [c for c in text if _LETTER.match(c)]
        return {a + b for a, b in zip(chars, chars[1:], strict=False)}
    return set(words)


SIGNALS = Path(__file__).parent / "data" / "signals.yaml"
TIME_UNITS = {"hours", "days", "business_days", "weeks", "months"}


@lru_cache(maxsize=1)
def _signals() -> dict[str, re.Pattern]:
    """Per kind of signal, one pattern over its phrases in every language; Latin-script
    phrases match whole words, Chinese and Arabic ones anywhere (Arabic joins prefixes)."""
    import yaml

    data = yaml.safe_load(SIGNALS.read_text(encoding="utf-8")) or {}
    patterns = {}
    for kind, by_language in data.items():
        parts = []
        for phrases in by_language.values():
            for phrase in phrases:
                text = re.escape(str(phrase).casefold())
                latin = str(phrase).isascii() or re.search(r"[a-záéíóúñü]", str(phrase))
                parts.append(rf"(?<!\w){text}(?!\w)" if latin else text)
        patterns[kind] = re.compile("|".join(sorted(parts, key=len, reverse=True)))
    return patterns


def says(text: str, kind: str) -> bool:
    """The text holds one of the phrases of a kind of signal (signals.yaml)."""
    return bool(_signals()[kind].search(text.casefold()))


def committed(reading: Reading) -> bool:
    """The agent speaks for itself and names a time in that sentence or the next ("I'll email
    you within 48 hours", "48小时内我给您回复", "I've checked: it arrives within 3 days"): a
    next step the customer can hold on to."""
    timed = {q.sentence for q in reading.quantities if q.unit in TIME_UNITS}
    for index in timed | {i - 1 for i in timed if i > 0}:  # the time may follow in the next
        if index < len(reading.sentences):
            s = reading.sentences[index]
            if says(reading.text[s.start : s.end], "commitment"):
                return True
    return False
