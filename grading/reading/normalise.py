"""The normalised text every matcher reads, with a map back to what the person wrote.

Invisible characters (format characters such as U+200B, U+2060, the soft hyphen, U+034F,
variation selectors, Hangul fillers), the Arabic tatweel and Arabic diacritics are removed, so
a word with a zero-width space or a tatweel inside reads as the plain word; the rest is
NFKC-folded (full-width letters and digits become ASCII), lower-cased, Arabic-Indic digits
become ASCII, apostrophe variants become "'", and the hamza forms of alef become a bare alef.

`offsets[i]` is the original index of `norm[i]`, plus one final entry `len(text)`. A character
that NFKC expands ("ﬁ" -> "fi") gives every output character the same original index; a base
letter and the combining marks after it are folded together, so "e" + U+0301 is one "é".
"""

from __future__ import annotations

import re
import unicodedata

# Every format character (category Cf) of Unicode 14 (Python 3.11), plus invisible letters and
# marks that are not Cf: U+034F combining grapheme joiner, Mongolian free variation selectors,
# variation selectors, Hangul fillers, Khmer inherent vowels; the Arabic tatweel and harakat
# (U+064B-U+065F, U+0670 superscript alef) are dropped too, they only decorate a word.
# tests/grading/reading_layer/test_normalise.py checks this list against the running Python.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef"
)
_ARABIC_MARKS = "\u0640\u064b-\u065f\u0670"
DROPPED = re.compile(f"[{_FORMAT}{_INVISIBLE}{_ARABIC_MARKS}]")
# Characters that need the slow, character-by-character path: the dropped ones and lone
# surrogates (which become U+FFFD so nothing downstream trips over them).
_SLOW = re.compile(f"[{_FORMAT}{_INVISIBLE}{_ARABIC_MARKS}\ud800-\udfff]")
# What may be trimmed off the end of a quote: invisible, never a mark that belongs to a letter.
_TRIMMED = re.compile(f"[{_FORMAT}{_INVISIBLE}]")

# One-to-one replacements applied after NFKC and lower-casing.
_APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u2032`\u00b4"
_FOLD_MAP = {
    **{a: "'" for a in _APOSTROPHES},
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic (Persian, Urdu)
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ alef wasla
}
_FOLD_RE = re.compile(f"[{re.escape(''.join(_FOLD_MAP))}]")
# The acute accent and the modifier prime decompose under NFKC into a space and a combining
# mark; as apostrophes they are folded before NFKC sees them.
_PRE = str.maketrans({"\u00b4": "'", "`": "'"})

_CHAR_CACHE: dict[str, str] = {}


def normalise(text: str) -> tuple[str, list[int]]:
    """(norm, offsets) for `text`; `offsets` has len(norm) + 1 entries, the last len(text)."""
    norm, offsets, _ = normalise_mapped(text)
    return norm, offsets


def normalise_mapped(text: str) -> tuple[str, list[int], bool]:
    """normalise(), plus whether each normalised character stands where its original does."""
    n = len(text)
    if text.isascii():
        norm = text.lower()
        if "`" in norm:
            norm = norm.replace("`", "'")
        return norm, list(range(n + 1)), True
    if _SLOW.search(text) is None and unicodedata.is_normalized("NFC", text):
        pre = text.translate(_PRE) if "\u00b4" in text or "`" in text else text
        folded = unicodedata.normalize("NFKC", pre).lower()
        # Same length after NFKC and lower-casing: each character maps to one character.
        if len(folded) == n:
            return _fold_some(folded), list(range(n + 1)), True
    norm, offsets = _slow(text)
    return norm, offsets, False


def _slow(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    cluster_start = -1
    cluster: list[str] = []

    def flush() -> None:
        if not cluster:
            return
        folded = _fold_char(cluster[0]) if len(cluster) == 1 else _fold("".join(cluster))
        out.append(folded)
        offsets.extend([cluster_start] * len(folded))

    for i, ch in enumerate(text):
        if _dropped(ch):
            continue
        if cluster and unicodedata.category(ch)[0] == "M":
            cluster.append(ch)  # a combining mark joins the letter before it
            continue
        flush()
        cluster = [ch]
        cluster_start = i
    flush()
    offsets.append(len(text))
    return "".join(out), offsets


def _dropped(ch: str) -> bool:
    return DROPPED.match(ch) is not None or unicodedata.category(ch) == "Cf"


def _fold_char(ch: str) -> str:
    folded = _CHAR_CACHE.get(ch)
    if folded is None:
        folded = _fold(ch)
        if len(_CHAR_CACHE) < 65536:
            _CHAR_CACHE[ch] = folded
    return folded


def _fold(s: str) -> str:
    if "\ud800" <= s[0] <= "\udfff":
        return "\ufffd"
    return _fold_some(unicodedata.normalize("NFKC", s.translate(_PRE)).lower())


def _fold_some(s: str) -> str:
    # str.translate with a dict is slow on non-ASCII text; most replies hold none or one or
    # two of these characters, and replacing those few is several times faster.
    for ch in set(_FOLD_RE.findall(s)):
        s = s.replace(ch, _FOLD_MAP[ch])
    return s


def original_end(text: str, offsets: list[int], end: int) -> int:
    """The original end of a norm span ending at `end`, without the invisibles that follow it.

    `offsets[end]` is where the next kept character starts; a zero-width space right after a
    word would otherwise be part of the word's quote. A span that ends inside the expansion of
    one character ("½" is "1⁄2") ends after that character.
    """
    if end <= 0:
        return offsets[0] if offsets else 0
    last = offsets[end - 1]
    lo = last + 1
    hi = offsets[end]
    if hi < lo:
        j = end
        while j < len(offsets) - 1 and offsets[j] == last:
            j += 1
        hi = max(lo, offsets[j])
    while hi > lo and (_TRIMMED.match(text[hi - 1]) or unicodedata.category(text[hi - 1]) == "Cf"):
        hi -= 1
    return hi
