"""The words around a number, compiled: quantities_*.yaml as the patterns the quantity reader
scans with (grading/reading/quantities.py).

The data of all five languages is merged into one set of patterns, since a sentence may mix
languages. Each list of phrases becomes a trie-shaped regex (see `_alternation`), so that a scan
costs microseconds; the phrases are folded the way the text is (lower case, NFKC, Arabic letter
variants), and a phrase that begins or ends with a letter only matches whole words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).with_name("data")
_LANGUAGES = ("en", "es", "id", "ar", "zh")

ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿几"
LETTER = re.compile(r"[^\W\d_]")
NONWORD = re.compile(r"\W")
ARABIC = re.compile(r"[\u0600-\u06ff]")
CJK = re.compile(r"[\u3400-\u9fff]")
# How people type the same Arabic letter: hamza on alef, alef maqsura, ta marbuta.
AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_AR_CLASS = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def fold(text: str) -> str:
    """The key a phrase is looked up by: Arabic letter variants and whitespace made one."""
    text = _AR_MARKS.sub("", unicodedata.normalize("NFKC", text).lower())
    return " ".join(text.translate(AR_FOLD).split())


folded = lru_cache(maxsize=4096)(fold)  # the same, for looking up matched text while scanning


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    return _AR_CLASS.get(ch) or re.escape(ch)


def _is_letter(ch: str) -> bool:
    """A letter of a script that writes spaces between words (so a phrase needs a boundary)."""
    return bool(LETTER.match(ch)) and not CJK.match(ch)


def _alternation(
    phrases: Any, bounded: bool = True, reverse: bool = False, start: str = r"(?<![^\W\d_])"
) -> str:
    """One regex for many phrases, as a trie: the regex engine tries a handful of first letters
    at each position instead of every phrase, which keeps a scan at microseconds.

    Phrases are folded like the text (see `fold`); the longest wins. `bounded` keeps a phrase
    that begins or ends with a letter from matching inside a word. `reverse` builds the regex of
    the phrases written backwards, to match the words just before a number in the reversed
    text, anchored, instead of searching forwards for words that end where the number begins.
    Entries "re:…" are regexes, kept as written (forwards only). `start` is what must stand
    before a phrase that begins with a letter: by default no letter; `_searched` puts a
    non-word character there instead, so that a search skips the letters inside words fast.
    """
    trie: dict[str, Any] = {}
    regexes = []
    for p in phrases:
        if not isinstance(p, str) or not p:
            # YAML reads a bare no, on or off as a boolean: such a word must be quoted
            raise ValueError(f"quantities data: {p!r} is not a phrase")
        if p.startswith("re:"):
            regexes.append(p[3:])
            continue
        folded = fold(p)
        node = trie
        for ch in folded[::-1] if reverse else folded:
            node = node.setdefault(ch, {})
        # the boundary the phrase needs where the match ends: after its last letter forwards,
        # before its first letter backwards
        end_char = folded[0] if reverse else folded[-1]
        node[""] = (
            (r"(?![^\W\d_])" if reverse else r"(?![^\W_])")
            if bounded and _is_letter(end_char)
            else ""
        )

    def emit(node: dict[str, Any]) -> str:
        alts = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    parts = list(regexes)
    if bounded and not reverse:
        letters = {ch: sub for ch, sub in trie.items() if _is_letter(ch)}
        others = {ch: sub for ch, sub in trie.items() if not _is_letter(ch)}
        if letters:
            parts.append(start + emit(letters))
        if others:
            parts.append(emit(others))
    elif trie:
        parts.append(emit(trie))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _split(phrases: Any) -> tuple[list[str], list[str]]:
    """Phrases that begin with a letter of a spaced script, and the others (CJK, symbols)."""
    phrases = list(phrases)
    letters = [p for p in phrases if isinstance(p, str) and p and _is_letter(fold(p)[:1])]
    return letters, [p for p in phrases if p not in letters]


@dataclass(frozen=True, slots=True)
class Searched:
    """Phrases to find anywhere in a sentence, cheaply.

    Python's regex search jumps fast only to a character that can begin a match; a pattern that
    starts with a look-behind (a word boundary) makes it try every position, some fifty times
    slower. So a phrase that begins with a letter is searched as a non-word character followed
    by the phrase (`body`, from s - 1; an Arabic clitic و ف ب ل may stand between) and tried
    anchored at the very start of the sentence (`head`); CJK phrases need no boundary (`cjk`).
    """

    triggers: frozenset[str]  # words of which one must be in a sentence for `head` or `body`
    head: re.Pattern[str]
    body: re.Pattern[str]
    cjk: re.Pattern[str] | None


def _triggers(phrases: Any) -> frozenset[str]:
    """The first word of each phrase; after an article, the word after it ("a day": day)."""
    out = set()
    for p in phrases:
        words = fold(p).split()
        word = words[1] if len(words) > 1 and words[0] in ("a", "an") else words[0]
        out.add(word)
        if ARABIC.match(word):  # as typed: ta marbuta, alef maqsura, hamza on alef
            forms = {word}
            if word.endswith(("ه", "ي")):
                forms.add(word[:-1] + {"ه": "ة", "ي": "ى"}[word[-1]])
            if word.startswith("ا"):
                forms |= {hamza + w[1:] for w in forms for hamza in "أإآ"}
            out |= forms
    return frozenset(out)


def words_of(norm: str, s: int, e: int, lang: str) -> set[str]:
    """A sentence's words as the triggers see them (an Arabic clitic also taken off)."""
    text = norm[s:e]
    for mark in ",.;:!?،؛؟":
        if mark in text:
            text = text.replace(mark, " ")
    words = set(text.split())
    if "-" in text:  # twenty-one: "twenty" is the word a trigger looks for
        words.update([part for w in words if "-" in w for part in w.split("-") if part])
    if lang == "ar":
        words.update([w[1:] for w in words if w[0] in "وفبل"])
    return words


def _searched(phrases: Any) -> Searched:
    letters, others = _split(phrases)
    words = _alternation(letters, start="") if letters else "(?!)"
    return Searched(
        triggers=_triggers(letters),
        head=re.compile(words),
        body=re.compile(rf"\W[وفبل]?{words}"),
        cjk=re.compile(_alternation(others)) if others else None,
    )


def find(
    phrases: Searched, norm: str, s: int, e: int, words: set[str], cjk: bool
) -> list[re.Match[str]]:
    """Where the phrases are in norm[s:e]: `words` are the sentence's (see `words_of`), `cjk`
    whether it is written in Chinese."""
    found: list[re.Match[str]] = []
    if not phrases.triggers.isdisjoint(words):
        if s == 0 or not NONWORD.match(norm, s - 1):
            m = phrases.head.match(norm, s, e)
            if m is not None:
                found.append(m)
        found.extend(phrases.body.finditer(norm, s - 1 if s > 0 else s, e))
    if cjk and phrases.cjk is not None:
        found.extend(phrases.cjk.finditer(norm, s, e))
    return found


@dataclass(frozen=True, slots=True)
class Tables:
    numerals: re.Pattern[str]  # digits and Chinese numerals
    spelled_triggers: frozenset[str]
    spelled_gate: re.Pattern[str]  # where a number word or phrase may begin
    spelled: re.Pattern[str]  # number words and phrases ("five", "a few", "half an hour", يومين)
    unit_after: re.Pattern[str]
    units: dict[str, tuple[str, str | None]]  # folded phrase -> (unit, currency)
    currency_before: re.Pattern[str]
    currency_codes: dict[str, str]
    scale_after: re.Pattern[str]
    scales: dict[str, float]
    words: dict[str, tuple[float, str, str]]  # folded word -> (value, language, kind)
    few: dict[str, tuple[float, float]]
    fixed: dict[str, dict[str, Any]]
    lead: re.Pattern[str]
    limits: dict[str, str]  # folded cue -> at_most | at_least | more | less
    not_after: dict[str, str]  # a one-character cue -> characters that make it part of a word
    tail: re.Pattern[str]
    half_before: re.Pattern[str]  # "and a half" between a number and its unit
    half_after: re.Pattern[str]  # "and a half", "y media" after a number and its unit
    range_between: re.Pattern[str]
    pair_between: re.Pattern[str]
    pair_opener: re.Pattern[str]
    alternative_between: re.Pattern[str]
    rate_before: re.Pattern[str]
    rate_after: re.Pattern[str]
    quote_cue: Searched
    conditional: Searched
    clause_break: re.Pattern[str]


def _load(lang: str) -> dict[str, Any]:
    with (_DATA / f"quantities_{lang}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def tables() -> Tables:
    data = {lang: _load(lang) for lang in _LANGUAGES}
    cue: dict[str, list[str]] = {}
    units: dict[str, tuple[str, str | None]] = {}
    codes: dict[str, str] = {}
    words: dict[str, tuple[float, str, str]] = {}
    few: dict[str, tuple[float, float]] = {}
    scales: dict[str, float] = {"万": 10000.0, "千": 1000.0}
    fixed: dict[str, dict[str, Any]] = {}
    pairs: dict[str, list[str]] = {}
    halves: dict[str, list[str]] = {"before_unit": [], "after_unit": []}
    not_after: dict[str, str] = {}
    negation: dict[str, list[str]] = {"latin": [], "ar": [], "zh": []}
    for lang, d in data.items():
        for unit, phrases in (d.get("units") or {}).items():
            for p in phrases:
                units[fold(p)] = (unit, None)
        for code, where in (d.get("currencies") or {}).items():
            for p in where.get("after", []):
                units[fold(p)] = ("currency", code)
            for p in where.get("before", []):
                codes[fold(p)] = code
        numbers = d.get("numbers") or {}
        for w, v in (numbers.get("words") or {}).items():
            words[fold(w)] = (float(v), lang, "word")
        for w, v in (numbers.get("multipliers") or {}).items():
            words[fold(w)] = (float(v), lang, "multiplier")
        for w, (low, high) in (numbers.get("few") or {}).items():
            few[fold(w)] = (float(low), float(high))
        for w, v in (numbers.get("scales") or {}).items():
            scales[fold(w)] = float(v)
        for where, phrases in (numbers.get("halves") or {}).items():
            halves[where].extend(phrases)
        for entry in d.get("fixed") or []:
            fixed[fold(entry["phrase"])] = entry
        for key, phrases in (d.get("cues") or {}).items():
            if key == "range_pairs":
                for opener, closers in phrases.items():
                    pairs.setdefault(opener, []).extend(closers)
            elif key == "cue_not_after":
                not_after.update(phrases)
            elif key == "negation":
                negation["ar" if lang == "ar" else "zh" if lang == "zh" else "latin"] += phrases
            elif key == "negation_fillers":
                script = "ar" if lang == "ar" else "latin"
                cue.setdefault(f"negation_fillers_{script}", []).extend(phrases)
            else:
                cue.setdefault(key, []).extend(phrases)
    joiners = [j for d in data.values() for j in (d.get("numbers") or {}).get("joiners", [])]
    latin_joiners = [j for j in joiners if not ARABIC.match(j)]
    word_alt = _alternation(words, bounded=False)
    word_seq = (
        rf"(?:[وبف](?=[\u0600-\u06ff]))?{word_alt}"
        rf"(?:(?:[ \t]*-[ \t]*|[ \t]+)(?:{_alternation(latin_joiners)}[ \t]+|و[ \t]*)?"
        rf"{word_alt})*(?![^\W_])"
    )
    fixed_letters, fixed_others = _split(fixed)
    spelled = (
        rf"(?:(?P<fixed>{_alternation(fixed_letters, start='')})"
        rf"|(?P<few>{_alternation(few, start='')})|(?P<word>{word_seq}))"
    )
    firsts = "".join(sorted({fold(p)[0] for p in fixed_others} - set("\\]^-")))
    numerals = re.compile(
        rf"""
        (?=[\d{ZH_NUMERAL}{firsts}])  # a class first: the search skips to where it may match
        (?:(?P<times>\d{{1,2}}[ ]?[x×][ ]?\d{{1,3}}(?![\d.,]\d))  # 2x24 jam: 48 hours
      | (?P<money>\d(?<![\d.,]\d)\d{{0,2}}(?:(?P<sep>[.,٬])\d{{3}})(?:(?P=sep)\d{{3}})*
          (?:(?!(?P=sep))[.,٫]\d{{1,2}})?(?!\d))
      | (?P<skip>(?!\d+(?:\.\d+)?-\d+(?:\.\d+)?(?![-/:\d]|\.\d))  # 1.5-2 hours: a range
          \d+(?:[-/.:]\d+){{2,}}|\d{{1,2}}:\d{{2}}|\d+/\d+)
      | (?P<digits>\d+(?:[.٫]\d+)?)  # a decimal comma: see quantities._digits
      | (?P<zhpct>百分之(?>\d+(?:\.\d+)?|[{ZH_NUMERAL}点]+)(?!分之))  # 百分之百分之: garbled
      | (?P<zhfixed>{_alternation(fixed_others)})
      | (?P<zh>[{ZH_NUMERAL}]+(?:点[零〇一二两三四五六七八九]+)?))
        """,
        re.VERBOSE,
    )
    # A search for the first words alone finds the few places worth trying the whole pattern.
    firsts = {fold(p).split()[0] for p in [*fixed_letters, *few, *words]}
    gate = re.compile(rf"\W[وفبل]?(?={_alternation(firsts, start='')})")
    unit_after = re.compile(rf"[ \t]{{0,2}}(?:-[ \t]?)?(?P<unit>{_alternation(units)})")
    limit_cues: dict[str, str] = {}
    for key, kind in (
        ("at_most_before", "at_most"),
        ("at_least_before", "at_least"),
        ("comparative_more", "more"),
        ("comparative_less", "less"),
    ):
        for p in cue.get(key, []):
            limit_cues[fold(p)] = kind
    # Cues before a number are matched on the reversed text just before it, anchored: one
    # attempt per number instead of a search through the window.
    fillers = {script: cue.get(f"negation_fillers_{script}", []) for script in ("latin", "ar")}
    neg = "|".join(
        [
            rf"(?:{_alternation(fillers['latin'], reverse=True)}\s+){{0,2}}?"
            rf"{_alternation(negation['latin'], reverse=True)}",
            rf"(?:{_alternation(fillers['ar'], reverse=True)}\s+)??"
            rf"{_alternation(negation['ar'], reverse=True)}",
            rf"[\u3400-\u9fff]{{0,2}}?{_alternation(negation['zh'], reverse=True)}",
        ]
    )
    # Chinese puts a verb between a limit and its number: 最多可以申请20美元, 至少需要3天
    zh_limits = [p for p in limit_cues if CJK.match(p)]
    lead = re.compile(
        rf"\s*(?:(?P<apx>{_alternation(cue.get('approx_before', []), reverse=True)})\s*)?"
        rf"(?:(?P<past>{_alternation(cue.get('past_before', []), reverse=True)})\s*)?"
        rf"(?:(?P<lim>{_alternation(limit_cues, reverse=True)})\s*"
        rf"|[\u3400-\u9fff]{{1,6}}?(?P<zlim>{_alternation(zh_limits, reverse=True)}))?"
        rf"(?P<neg>{neg})?"
    )
    tail = re.compile(
        rf"[ \t,]*(?:(?P<most>{_alternation(cue.get('at_most_after', []))})"
        rf"|(?P<least>{_alternation(cue.get('at_least_after', []))})"
        rf"|(?P<past>{_alternation(cue.get('past_after', []))})"
        rf"|(?P<apx>{_alternation(cue.get('approx_after', []))}))"
    )
    closers = [c for cs in pairs.values() for c in cs]
    money = [u for u, (kind, _) in units.items() if kind == "currency"]
    return Tables(
        numerals=numerals,
        spelled_triggers=_triggers([*fixed_letters, *few, *words]),
        spelled_gate=gate,
        spelled=re.compile(spelled),
        unit_after=unit_after,
        units=units,
        currency_before=re.compile(rf"[ \t]?(?P<cur>{_alternation(codes, reverse=True)})"),
        currency_codes=codes,
        scale_after=re.compile(rf"[ \t]?(?P<scale>{_alternation(scales)})"),
        scales=scales,
        words=words,
        few=few,
        fixed=fixed,
        lead=lead,
        limits=limit_cues,
        not_after=not_after,
        tail=tail,
        half_before=re.compile(rf"[ \t]+{_alternation(halves['before_unit'])}"),
        half_after=re.compile(rf"[ \t]+{_alternation(halves['after_unit'])}(?![\w-])"),
        range_between=re.compile(rf"\s*{_alternation(cue.get('range', []))}\s*"),
        pair_between=re.compile(rf"\s*{_alternation(closers)}\s*"),
        pair_opener=re.compile(rf"\s*{_alternation(pairs, reverse=True)}"),
        alternative_between=re.compile(rf"\s*{_alternation(cue.get('alternative', []))}\s*"),
        rate_after=re.compile(rf"\s*{_alternation(cue.get('rate_after', []))}"),
        # "twice a day", and an amount per day: "40 EUR a day", "$30 a night", "50元一天"
        rate_before=re.compile(
            rf"\s*(?:{_alternation(cue.get('rate_before', []), reverse=True)}"
            rf"|{_alternation(money, reverse=True)}|\d)"
        ),
        quote_cue=_searched(cue.get("quote", [])),
        conditional=_searched(cue.get("conditional", [])),
        clause_break=re.compile(
            rf"[;:，；：、!?。！？—–]|[.,،](?!\d)|{_alternation(cue.get('contrast', []))}"
        ),
    )
