"""Language-aware text matching shared by the graders and the scripted customer.

Every offset returned points into the text the trainee actually wrote, so quotes stay exact
substrings: we never normalise the text, and search a lower-cased copy only when lower-casing
keeps every offset. Quantifiers that can see runs of whitespace are bounded, because a
20,000-character reply of spaces must not turn a failed match into quadratic backtracking.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

# CJK Unified Ideographs, extension A and compatibility ideographs: enough to tell Chinese
# apart; kana and hangul are left out on purpose (they would make Japanese and Korean "zh").
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CHARS}]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")

# One ideograph carries roughly a word; a word is about five Latin letters. Weighting keeps a
# Chinese reply with an English product name or order number "zh".
_CJK_WEIGHT = 3

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
# A character that, next to a Latin phrase, means we are inside a longer word. CJK is excluded
# so "请问refund" still finds "refund". An apostrophe followed by a letter continues the word,
# so "I can" does not match inside "I can't", while 'sorry' in quotes still matches.
_WORDCHAR = f"[^\\W{CJK_CHARS}]"
_WORD_END = f"(?!{_WORDCHAR}|[{APOSTROPHES}]{_WORDCHAR})"

# A sentence ends at . ! ? ; (ASCII or full width), an ellipsis or a line break. A dot between
# digits is a decimal point ("20.5 USD"), not an end.
_BOUNDARY = re.compile(r"(?:[!?;。！？；؟…]|\.(?!\d))+|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def detect_language(text: str) -> str:
    """'zh' when CJK ideographs dominate, 'ar' for Arabic script, else 'en'."""
    if not text or text.isascii():
        return "en"  # no ideograph and no Arabic letter to count
    sample = text[:4000]  # the opening is enough, and keeps this O(1) for huge replies
    cjk = len(_CJK.findall(sample))
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cjk and cjk * _CJK_WEIGHT >= max(latin, arabic):
        return "zh"
    if arabic and arabic >= latin:
        return "ar"
    return "en"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_WORDCHAR_RE = re.compile(_WORDCHAR)
_CANON = {**{a: "'" for a in APOSTROPHES}, "？": "?", "！": "!", "，": ","}
_ATOMS = {"'": f"[{APOSTROPHES}]", " ": r"\s{1,4}", "?": "[?？]", "!": "[!！]", ",": "[,，]"}


def _norm(s: str) -> str:
    """The form phrases are keyed by: lower case, one apostrophe, one space, ASCII ? ! ,."""
    out: list[str] = []
    for ch in s:
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            out.append(" ")
        else:
            out.append(_CANON.get(ch) or ch.lower())
    return "".join(out)


class _Matcher:
    """All phrases of one list compiled into a single trie-shaped regex.

    A plain alternation of a hundred phrases tries every phrase at every position and costs
    tens of milliseconds on a long reply; the trie follows one branch per character. Whole-word
    starts are checked on the hits rather than with a look-behind in every branch, which keeps
    the scan fast. Matching runs on the lower-cased text whenever lower-casing keeps offsets.
    """

    def __init__(self, phrases: tuple[str, ...], inflections: bool = False):
        self.inflections = inflections
        self.phrase_of: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        self.word_start: dict[str, bool] = {}
        root: dict = {}
        for phrase in (p.strip() for p in phrases if p and p.strip()):
            key = _norm(phrase)
            if key in self.phrase_of:
                continue
            self.phrase_of[key] = phrase
            self.loose.setdefault(key.casefold(), phrase)
            latin = not has_cjk(phrase)  # Chinese has no spaces; substrings are the only unit
            self.word_start[phrase] = latin and re.match(r"\w", phrase[0]) is not None
            node = root
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = latin and re.match(r"\w", phrase[-1]) is not None
        self.pattern = _render(root, _INFLECTION if inflections else "") if root else None
        self.lower = re.compile(self.pattern) if self.pattern else None
        self._any_case: re.Pattern | None = None

    @property
    def any_case(self) -> re.Pattern:
        # Compiled on first use: it costs as much as the lower-case one and only text whose
        # length changes when lower-cased needs it.
        if self._any_case is None:
            self._any_case = re.compile(self.pattern, re.IGNORECASE)
        return self._any_case

    def finditer(self, text: str):
        if self.lower is None or not text:
            return
        lowered = _lowered(text)
        # Lower-casing can lengthen a few characters (İ); then offsets would drift.
        regex, haystack = (
            (self.lower, lowered) if len(lowered) == len(text) else (self.any_case, text)
        )
        pos = 0
        while True:
            m = regex.search(haystack, pos)
            if m is None:
                return
            start, end = m.span()
            matched = haystack[start:end]
            phrase = self.phrase_of.get(matched) or self._lookup(matched)
            if self.word_start.get(phrase) and start and _WORDCHAR_RE.match(text, start - 1):
                pos = start + 1  # inside a longer word ("someone" is not "one")
                continue
            yield phrase, start, end
            pos = end if end > start else start + 1

    def _lookup(self, matched: str) -> str:
        key = _norm(matched)
        found = self.phrase_of.get(key) or self.loose.get(key.casefold())
        if found is None and self.inflections:
            found = next(
                (
                    self.phrase_of[key[: -len(suffix)]]
                    for suffix in _SUFFIXES
                    if key.endswith(suffix) and key[: -len(suffix)] in self.phrase_of
                ),
                None,
            )
        return found or matched


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    # The graders scan one reply with a dozen phrase lists; lower-case it once, not each time.
    return text.lower()


# Regular English endings, so a topic word like "refund" also finds "refunds" and "refunded".
_SUFFIXES = ("ing", "es", "ed", "s", "d")
_INFLECTION = f"(?:{'|'.join(_SUFFIXES)})?"


def _render(node: dict, inflection: str = "") -> str:
    alternatives = [
        (_ATOMS.get(ch) or re.escape(ch)) + _render(child, inflection)
        for ch, child in node.items()
        if ch
    ]
    if "" in node:  # a phrase ends here; longer ones were tried first
        alternatives.append(inflection + _WORD_END if node[""] else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=512)
def _compile(phrases: tuple[str, ...], inflections: bool = False) -> _Matcher:
    return _Matcher(phrases, inflections)


def phrase_matcher(phrases: Iterable[str], *, inflections: bool = False) -> _Matcher:
    """The compiled matcher of a phrase list, for a caller that searches with it on every
    reply: `.finditer(text)` yields what find_phrases returns, without looking the list up."""
    return _compile(tuple(phrases), inflections)


def find_phrases(
    text: str, phrases: Iterable[str], *, inflections: bool = False
) -> list[tuple[str, int, int]]:
    """Every non-overlapping match, left to right, as (phrase as listed, start, end)."""
    return list(_compile(tuple(phrases), inflections).finditer(text))


def find_phrase(
    text: str, phrases: Iterable[str], *, inflections: bool = False
) -> tuple[str, int, int] | None:
    """The first match of any phrase, as (phrase as listed, start, end), or None.

    Case-insensitive; CJK phrases match as substrings, Latin ones only as whole words; the
    apostrophe variants ' ’ ‘ ʼ are interchangeable, and so are ? and ？. With `inflections`,
    a Latin phrase may also end in -s, -es, -ed, -d or -ing ("refund" finds "refunds").
    """
    return next(_compile(tuple(phrases), inflections).finditer(text), None)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each with its closing punctuation, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        _add_span(text, pos, m.end(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@lru_cache(maxsize=16)
def _sentence_parts(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    # The reading, the rubric and the empathy grader each map the same reply (and the reading
    # the context's turns too); split each once. Read-only.
    spans = sentences(text)
    return spans, [s for s, _ in spans]


def shared_sentences(text: str) -> list[tuple[int, int]]:
    """sentences(text), shared with the other callers that split the same text: read-only."""
    return _sentence_parts(text)[0]


class SentenceMap:
    """A text's sentences with fast position look-up, for graders that ask many times."""

    def __init__(self, text: str):
        self.spans, self._starts = _sentence_parts(text)

    def index(self, pos: int) -> int:
        """The sentence holding `pos` (or the last one starting before it); -1 if there is none."""
        if not self.spans:
            return -1
        return max(0, bisect_right(self._starts, pos) - 1)

    def span(self, pos: int) -> tuple[int, int]:
        i = self.index(pos)
        return self.spans[i] if i >= 0 else (0, 0)


QUOTE_LIMIT = 120


def quote(
    text: str,
    start: int,
    end: int,
    limit: int = QUOTE_LIMIT,
    *,
    sentence: tuple[int, int] | None = None,
) -> str:
    """Evidence for a match: an exact substring of `text` around [start, end).

    It stays inside the match's sentence and is at most `limit` characters, so a quote never
    drags in a neighbouring sentence or a whole 20,000-character paste. Pass the `sentence`
    span when it is already known; finding it again costs a scan per quote.
    """
    n = len(text)
    start, end = sorted((max(0, min(start, n)), max(0, min(end, n))))
    if end - start >= limit:
        return _strip(text, start, start + limit)
    if sentence is not None:
        lo_bound, hi_bound = min(sentence[0], start), min(n, max(sentence[1], end))
    else:
        lo_bound = _sentence_start(text, start, limit)
        hi_bound = _sentence_end(text, end, limit)
    budget = limit - (end - start)
    lo = max(lo_bound, start - budget // 2)
    hi = min(hi_bound, end + (budget - (start - lo)))
    lo = max(lo_bound, lo - (budget - (start - lo) - (hi - end)))
    # Do not cut a word in half at either edge when a nearby space lets us avoid it.
    if lo > lo_bound and text[lo - 1].isalnum() and text[lo].isalnum():
        space = text.find(" ", lo, start)
        if space != -1:
            lo = space + 1
    if hi < hi_bound and text[hi - 1].isalnum() and text[hi].isalnum():
        space = text.rfind(" ", end, hi)
        if space != -1:
            hi = space
    return _strip(text, lo, hi) or text[start:end]


def _sentence_start(text: str, pos: int, limit: int) -> int:
    window_start = max(0, pos - limit)
    last = window_start
    for m in _BOUNDARY.finditer(text, window_start, pos):
        last = m.end()
    return last


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = _BOUNDARY.search(text, pos, min(len(text), pos + limit))
    return m.end() if m else min(len(text), pos + limit)


def _strip(text: str, lo: int, hi: int) -> str:
    return text[lo:hi].strip()


# Words that flip a phrase's meaning when they come shortly before it ("I can't guarantee").
_NEGATION_LATIN = re.compile(
    f"(?:(?<![a-z])(?:not|no|never|cannot|unable|nor)|n[{APOSTROPHES}]t)(?![a-z])", re.IGNORECASE
)
_NEGATION_CJK = (
    "不能",
    "无法",
    "不敢",
    "没法",
    "没办法",
    "不是",
    "并非",
    "不需要",
    "无需",
    "不必",
    "不用",
    "不支持",
    "不可以",
    "不予",
    "不提供",
    "不会",
    "不可能",
    "请勿",
    "切勿",
    "不要",
    "绝不",
    "从不",
    "永远不",
    "别",
)
# "never ask for your password or your card number": the negation reaches across a list.
_COORDINATION = re.compile(r"(?<![a-z])(?:or|and|nor)(?![a-z])", re.IGNORECASE)
# A clause break ends the reach of a negation: "I don't know why, but I guarantee it".
_CLAUSE_BREAK = re.compile(r"[,，、:：;；—]|\bbut\b|\bhowever\b|但是|但|不过|可是", re.IGNORECASE)
_NEGATION_WORDS = 4
_NEGATION_CHARS = 40


def is_negated(text: str, start: int, sentence_start: int = 0) -> bool:
    """True when a negation word sits in the few words before `start`, in the same clause."""
    window = text[max(sentence_start, start - _NEGATION_CHARS) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    if not window:
        return False
    if has_cjk(window[-6:]):
        # A prohibition may stand a verb and an object away (请勿向任何人透露密码), further
        # across a list (密码或验证码); bare 不 only counts right before the phrase (不保证,
        # 不一定会), not in 不好意思我保证.
        reach = 14 if any(c in window[-14:] for c in "或和及、") else 10
        tail = window[-reach:]
        return any(w in tail for w in _NEGATION_CJK) or tail.endswith("不")
    words = window.split()[-_NEGATION_WORDS:]
    if _COORDINATION.search(" ".join(words)):
        words = window.split()[-2 * _NEGATION_WORDS :]
    return _NEGATION_LATIN.search(" ".join(words)) is not None
