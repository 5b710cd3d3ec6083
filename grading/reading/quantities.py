"""Quantities in a message: numbers with their unit, range, limit, approximation and stance.

Read from normalised text (lower case, NFKC, invisibles removed, Arabic-Indic digits already
ASCII), in English, Chinese, Spanish (also mixed with English), Indonesian and Arabic. The words
that carry units and cues are data (data/quantities_*.yaml); every language's words are looked
for in every sentence, since code-switching is normal ("el reembolso tarda 5 business days").

Precision comes before recall: a misread number becomes a "wrong fact" finding against a correct
agent. So a number word or a Chinese numeral counts only with a unit after it (一下, 十分抱歉,
"one of them" are words), long digit runs and digits glued to letters (ORD-123, 13800138000) are
identifiers, dates and times are skipped, and vague amounts ("a few days", 两三天, 十几天) are
marked approximate.

A past event ("3 weeks ago", "hace 3 días", "3 hari yang lalu", 3天前, "قبل 3 أيام") states no
policy term, so its number is returned with unit None (and stance "asserted"): a grader never
compares it with a fact.

Chinese numerals are read span by span with cn2an's "smart" mode, never `cn2an.transform`, which
rewrites 十分抱歉 as 10分抱歉; compound English and Spanish number words with text2num. Both are
imported only when a span needs them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from grading.reading.model import Quantity

if TYPE_CHECKING:
    from grading.reading.model import Reading

_DATA = Path(__file__).with_name("data")
_LANGUAGES = ("en", "es", "id", "ar", "zh")
_MAX_DIGITS = 6  # a run of 7 digits or more is an order, phone or account number
_LOOKBACK = 48  # how far before a number its cue words may start

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿几"
_LETTER = re.compile(r"[^\W\d_]")
_NONWORD = re.compile(r"\W")
_INTEGER = re.compile(r"\d+")
_QUOTES = re.compile('["“”«»「」『』]')
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# How people type the same Arabic letter: hamza on alef, alef maqsura, ta marbuta.
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_AR_CLASS = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _fold(text: str) -> str:
    """The key a phrase is looked up by: Arabic letter variants and whitespace made one."""
    text = _AR_MARKS.sub("", unicodedata.normalize("NFKC", text).lower())
    return " ".join(text.translate(_AR_FOLD).split())


_key = lru_cache(maxsize=4096)(_fold)  # the same, for looking up matched text while scanning


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    return _AR_CLASS.get(ch) or re.escape(ch)


def _is_letter(ch: str) -> bool:
    """A letter of a script that writes spaces between words (so a phrase needs a boundary)."""
    return bool(_LETTER.match(ch)) and not _CJK.match(ch)


def _alternation(
    phrases: Any, bounded: bool = True, reverse: bool = False, start: str = r"(?<![^\W\d_])"
) -> str:
    """One regex for many phrases, as a trie: the regex engine tries a handful of first letters
    at each position instead of every phrase, which keeps a scan at microseconds.

    Phrases are folded like the text (see `_fold`); the longest wins. `bounded` keeps a phrase
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
        folded = _fold(p)
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
    letters = [p for p in phrases if isinstance(p, str) and p and _is_letter(_fold(p)[:1])]
    return letters, [p for p in phrases if p not in letters]


@dataclass(frozen=True, slots=True)
class _Searched:
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
        words = _fold(p).split()
        word = words[1] if len(words) > 1 and words[0] in ("a", "an") else words[0]
        out.add(word)
        if _ARABIC.match(word):  # as typed: ta marbuta, alef maqsura, hamza on alef
            forms = {word}
            if word.endswith(("ه", "ي")):
                forms.add(word[:-1] + {"ه": "ة", "ي": "ى"}[word[-1]])
            if word.startswith("ا"):
                forms |= {hamza + w[1:] for w in forms for hamza in "أإآ"}
            out |= forms
    return frozenset(out)


def _words_of(norm: str, s: int, e: int, lang: str) -> set[str]:
    """A sentence's words as the triggers see them (an Arabic clitic also taken off)."""
    text = norm[s:e]
    for mark in ",.;:!?،؛؟":
        if mark in text:
            text = text.replace(mark, " ")
    words = set(text.split())
    if lang == "ar":
        words.update([w[1:] for w in words if w[0] in "وفبل"])
    return words


def _searched(phrases: Any) -> _Searched:
    letters, others = _split(phrases)
    words = _alternation(letters, start="") if letters else "(?!)"
    return _Searched(
        triggers=_triggers(letters),
        head=re.compile(words),
        body=re.compile(rf"\W[وفبل]?{words}"),
        cjk=re.compile(_alternation(others)) if others else None,
    )


def _find(
    phrases: _Searched, norm: str, s: int, e: int, words: set[str], first: bool = False
) -> list[re.Match[str]]:
    """Where the phrases are in norm[s:e] (with `first`, only whether there is one)."""
    found: list[re.Match[str]] = []
    if phrases.triggers.isdisjoint(words):
        if phrases.cjk is None:
            return found
        if first:
            m = phrases.cjk.search(norm, s, e)
            return [m] if m is not None else found
        return list(phrases.cjk.finditer(norm, s, e))
    if s == 0 or not _NONWORD.match(norm, s - 1):
        m = phrases.head.match(norm, s, e)
        if m is not None:
            if first:
                return [m]
            found.append(m)
    for rx, pos in ((phrases.body, s - 1 if s > 0 else s), (phrases.cjk, s)):
        if rx is None:
            continue
        if first:
            m = rx.search(norm, pos, e)
            if m is not None:
                return [m]
        else:
            found.extend(rx.finditer(norm, pos, e))
    return found


@dataclass(frozen=True, slots=True)
class _Tables:
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
    range_between: re.Pattern[str]
    pair_between: re.Pattern[str]
    pair_opener: re.Pattern[str]
    alternative_between: re.Pattern[str]
    rate_before: re.Pattern[str]
    quote_cue: _Searched
    conditional: _Searched
    clause_break: re.Pattern[str]


def _load(lang: str) -> dict[str, Any]:
    with (_DATA / f"quantities_{lang}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = {lang: _load(lang) for lang in _LANGUAGES}
    cue: dict[str, list[str]] = {}
    units: dict[str, tuple[str, str | None]] = {}
    codes: dict[str, str] = {}
    words: dict[str, tuple[float, str, str]] = {}
    few: dict[str, tuple[float, float]] = {}
    scales: dict[str, float] = {"万": 10000.0, "千": 1000.0}
    fixed: dict[str, dict[str, Any]] = {}
    pairs: dict[str, list[str]] = {}
    not_after: dict[str, str] = {}
    negation: dict[str, list[str]] = {"latin": [], "ar": [], "zh": []}
    for lang, d in data.items():
        for unit, phrases in (d.get("units") or {}).items():
            for p in phrases:
                units[_fold(p)] = (unit, None)
        for code, where in (d.get("currencies") or {}).items():
            for p in where.get("after", []):
                units[_fold(p)] = ("currency", code)
            for p in where.get("before", []):
                codes[_fold(p)] = code
        numbers = d.get("numbers") or {}
        for w, v in (numbers.get("words") or {}).items():
            words[_fold(w)] = (float(v), lang, "word")
        for w, v in (numbers.get("multipliers") or {}).items():
            words[_fold(w)] = (float(v), lang, "multiplier")
        for w, (low, high) in (numbers.get("few") or {}).items():
            few[_fold(w)] = (float(low), float(high))
        for w, v in (numbers.get("scales") or {}).items():
            scales[_fold(w)] = float(v)
        for entry in d.get("fixed") or []:
            fixed[_fold(entry["phrase"])] = entry
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
    latin_joiners = [j for j in joiners if not _ARABIC.match(j)]
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
    firsts = "".join(sorted({_fold(p)[0] for p in fixed_others} - set("\\]^-")))
    numerals = re.compile(
        rf"""
        (?=[\d{_ZH_NUMERAL}{firsts}])  # a class first: the search skips to where it may match
        (?:(?P<times>\d{{1,2}}[ ]?[x×][ ]?\d{{1,3}}(?![\d.,]\d))  # 2x24 jam: 48 hours
      | (?P<money>\d(?<![\d.,]\d)\d{{0,2}}(?:(?P<sep>[.,٬])\d{{3}})(?:(?P=sep)\d{{3}})*
          (?:[.,٫]\d{{1,2}})?(?!\d))
      | (?P<skip>\d+(?:[-/.:]\d+){{2,}}|\d{{1,2}}:\d{{2}}|\d+/\d+)
      | (?P<digits>\d+(?:[.,٫]\d+)?)
      | (?P<zhpct>百分之(?:\d+(?:\.\d+)?|[{_ZH_NUMERAL}点]+))
      | (?P<zhfixed>{_alternation(fixed_others)})
      | (?P<zh>[{_ZH_NUMERAL}]+(?:点[零〇一二两三四五六七八九]+)?))
        """,
        re.VERBOSE,
    )
    # A search for the first words alone finds the few places worth trying the whole pattern.
    firsts = {_fold(p).split()[0] for p in [*fixed_letters, *few, *words]}
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
            limit_cues[_fold(p)] = kind
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
    lead = re.compile(
        rf"\s*(?:(?P<apx>{_alternation(cue.get('approx_before', []), reverse=True)})\s*)?"
        rf"(?:(?P<past>{_alternation(cue.get('past_before', []), reverse=True)})\s*)?"
        rf"(?:(?P<lim>{_alternation(limit_cues, reverse=True)})\s*)?"
        rf"(?P<neg>{neg})?"
    )
    tail = re.compile(
        rf"[ \t,]*(?:(?P<most>{_alternation(cue.get('at_most_after', []))})"
        rf"|(?P<least>{_alternation(cue.get('at_least_after', []))})"
        rf"|(?P<past>{_alternation(cue.get('past_after', []))})"
        rf"|(?P<apx>{_alternation(cue.get('approx_after', []))}))"
    )
    closers = [c for cs in pairs.values() for c in cs]
    return _Tables(
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
        range_between=re.compile(rf"\s*{_alternation(cue.get('range', []))}\s*"),
        pair_between=re.compile(rf"\s*{_alternation(closers)}\s*"),
        pair_opener=re.compile(rf"\s*{_alternation(pairs, reverse=True)}"),
        alternative_between=re.compile(rf"\s*{_alternation(cue.get('alternative', []))}\s*"),
        rate_before=re.compile(rf"\s*{_alternation(cue.get('rate_before', []), reverse=True)}"),
        quote_cue=_searched(cue.get("quote", [])),
        conditional=_searched(cue.get("conditional", [])),
        clause_break=re.compile(
            rf"[;:，；：、!?。！？—–]|[.,،](?!\d)|{_alternation(cue.get('contrast', []))}"
        ),
    )


@dataclass(slots=True)
class _Atom:
    """A number found in a sentence, before its cues are read."""

    low: float
    high: float
    start: int
    end: int  # end of the number itself
    unit_end: int  # end of the number and its unit
    kind: str  # digits | word | zh | fixed | few
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    ambiguous_dot: bool = False  # "1.500" outside es/id: 1.5, unless a currency says 1500


def scan(norm: str, spans: list[tuple[int, int, str]]) -> list[Quantity]:
    """Every quantity in `norm`, in norm offsets; `sentence` is the index into `spans`."""
    return _scan(norm, spans, None)


def find_quantities(reading: Reading) -> list[Quantity]:
    """The quantities of a Reading, in offsets of the original text."""
    offsets = reading.offsets
    if reading.sentences:
        spans = [
            (bisect_left(offsets, s.start), bisect_left(offsets, s.end), s.lang)
            for s in reading.sentences
        ]
    else:
        spans = [(0, len(reading.norm), reading.language)]
    return _scan(reading.norm, spans, offsets)


def _scan(
    norm: str, spans: list[tuple[int, int, str]], offsets: list[int] | None
) -> list[Quantity]:
    tables = _tables()
    found: list[Quantity] = []
    # Most sentences hold no number: one pass over the whole text finds those that may.
    numerals = list(tables.numerals.finditer(norm))
    starts = [m.start() for m in numerals]
    arabic = any(lang == "ar" for _, _, lang in spans)
    spelled_somewhere = not tables.spelled_triggers.isdisjoint(
        _words_of(norm, 0, len(norm), "ar" if arabic else "")
    )
    for index, (start, end, lang) in enumerate(spans):
        i = bisect_left(starts, start)
        numeral = i < len(starts) and starts[i] < end
        words = _words_of(norm, start, end, lang) if spelled_somewhere or numeral else set()
        spelled = spelled_somewhere and not tables.spelled_triggers.isdisjoint(words)
        if not numeral and not spelled:
            continue
        j = bisect_left(starts, end, i)
        atoms = _atoms(tables, norm, start, end, lang, spelled, numerals[i:j])
        if atoms:
            atoms = _join(tables, norm, atoms, start)
            found.extend(_quantities(tables, norm, atoms, index, start, end, words, offsets))
    return _corrections(found)


def _atoms(
    t: _Tables,
    norm: str,
    s: int,
    e: int,
    lang: str,
    spelled: bool,
    numerals: list[re.Match[str]],
) -> list[_Atom]:
    atoms: list[_Atom] = []
    following = iter(numerals)  # found by one pass over the whole text
    numeral = next(following, None)
    word = _spelled(t, norm, s, s, e) if spelled else None
    pos = s
    while True:
        # the next numeral or spelled number at or after pos, whichever comes first
        while numeral is not None and numeral.start() < pos:
            numeral = next(following, None)
        if numeral is not None and numeral.end() > e:
            numeral = t.numerals.search(norm, numeral.start(), e)  # cut at the sentence end
        if word is not None and word.start() < pos:
            word = _spelled(t, norm, pos, s, e)
        if numeral is not None and (word is None or numeral.start() <= word.start()):
            m = numeral
        elif word is not None:
            m = word
        else:
            break
        kind = m.lastgroup or ""
        start, pos = m.start(kind), m.end()
        if kind in ("money", "digits"):
            atom = _digits(t, norm, m.group(kind), start, s, e, lang)
        elif kind == "times":
            factors = re.split(r"[ ]?[x×][ ]?", m.group(kind))
            value = float(factors[0]) * float(factors[1])
            atom = _Atom(value, value, start, pos, pos, "digits")
            _attach(t, norm, atom, e)
            if atom.unit is None:
                atom = None  # 3x5 cm, 2x a day: not a duration
        elif kind == "zhpct":
            value = _zh_or_digits(m.group()[3:])
            atom = None if value is None else _Atom(value, value, start, pos, pos, "zh", "percent")
        elif kind == "zh":
            atom = _zh(t, norm, m.group(kind), start, s, e)
        elif kind in ("fixed", "zhfixed"):
            atom = _fixed(t, norm, m.group(kind), start, s)
        elif kind == "few":
            low, high = t.few[_key(m.group(kind))]
            atom = _Atom(low, high, start, pos, pos, "few", approximate=True)
            _attach(t, norm, atom, e)
            if atom.unit is None:
                atom = None  # "unos 3 días": the word is a cue of the number after it
        elif kind == "word":
            atom, pos = _words(t, norm, m.group(kind), start, e)
        else:  # a date, a time, a phone number: skipped
            atom = None
        if atom is not None:
            atoms.append(atom)
            pos = max(pos, atom.unit_end)
    return atoms


def _spelled(t: _Tables, norm: str, pos: int, s: int, e: int) -> re.Match[str] | None:
    """The next number word or phrase at or after pos."""
    if pos == s and (s == 0 or not _NONWORD.match(norm, s - 1)):
        m = t.spelled.match(norm, s, e)
        if m is not None:
            return m
    pos = max(pos - 1, s - 1, 0)
    while (gate := t.spelled_gate.search(norm, pos, e)) is not None:
        m = t.spelled.match(norm, gate.end(), e)
        if m is not None:
            return m
        pos = gate.end()
    return None


def _before(norm: str, s: int, start: int, width: int) -> str:
    """The text just before `start` (not before `s`), reversed, for the reversed cue patterns."""
    return norm[max(s, start - width) : start][::-1]


def _digits(t: _Tables, norm: str, raw: str, start: int, s: int, e: int, lang: str) -> _Atom | None:
    end = start + len(raw)
    if _INTEGER.match(raw).end() > _MAX_DIGITS:  # type: ignore[union-attr]
        return None
    before = norm[start - 1] if start > s else " "
    prefix = None
    if _ascii_letter(before):
        prefix = t.currency_before.match(_before(norm, s, start, 6))
        if prefix is None:  # ORD123, v2, x5: part of an identifier
            return None
    elif before in "#_+" or (before in "-/" and start - 2 >= s and _ascii_letter(norm[start - 2])):
        return None  # ORD-123, #12345, +62 812
    value, ambiguous = _digits_value(raw, lang)
    scale = t.scale_after.match(norm, end, e)
    if scale is not None:
        value *= t.scales[_key(scale.group("scale"))]
        end, ambiguous = scale.end(), False
    atom = _Atom(value, value, start, end, end, "digits", ambiguous_dot=ambiguous)
    _attach(t, norm, atom, e)
    if (
        atom.unit_end == atom.end
        and end < e
        and _LETTER.match(norm[end])
        and not _CJK.match(norm[end])
    ):
        return None  # 5pm, 1st, 3x: glued to letters that are no unit
    if (
        (atom.unit_end == atom.end and norm.startswith(("月", "号", "年", "点", "时"), end, e))
        or (atom.unit is None and norm[start - 1 : start] == "月")
        or norm[start - 1 : start] == "第"
    ):
        return None  # 11月12日, 10点, 第3天: a date, a time, an ordinal
    if atom.unit is None and atom.unit_end == atom.end and start > s:
        prefix = prefix or t.currency_before.match(_before(norm, s, start, 6))
    if atom.unit is None and atom.unit_end == atom.end and prefix is not None:
        atom.unit, atom.currency = "currency", t.currency_codes[_key(prefix.group("cur")[::-1])]
        atom.start = start - prefix.end()
    if atom.currency == "IDR" and atom.ambiguous_dot:
        atom.low = atom.high = value * 1000
    return atom


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _digits_value(raw: str, lang: str) -> tuple[float, bool]:
    """1,000.50 and 1.000,50 alike; a lone ".ddd" is thousands only where that is the custom."""
    raw = raw.replace("٬", ",").replace("٫", ".")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return float(raw.replace(thousands, "").replace(decimal, ".")), False
    if not dots and not commas:
        return float(raw), False
    sep = "." if dots else ","
    if dots + commas > 1:
        return float(raw.replace(sep, "")), False
    if len(raw.rsplit(sep, 1)[1]) == 3:
        if sep == "," or lang in ("es", "id"):
            return float(raw.replace(sep, "")), False
        return float(raw), True
    return float(raw.replace(",", ".")), False


def _attach(t: _Tables, norm: str, atom: _Atom, e: int) -> None:
    """The unit written right after the number, if any (the atom keeps unit None otherwise)."""
    pos = atom.end
    if (
        pos < e
        and norm[pos] in "多余来"
        and atom.kind in ("digits", "zh")
        and t.unit_after.match(norm, pos + 1, e)
    ):
        atom.approximate, pos = True, pos + 1  # 十多天, 10余天
    half = 0.0
    if norm.startswith("个半", pos, e):
        half, pos = 0.5, pos + 2
        if norm.startswith("月", pos, e):
            atom.low, atom.high = atom.low + half, atom.high + half
            atom.unit, atom.unit_end = "months", pos + 1
            return
    um = t.unit_after.match(norm, pos, e)
    if um is None:
        return
    phrase = _key(um.group("unit"))
    unit, currency = t.units[phrase]
    end = um.end()
    nxt = norm[end] if end < e else ""
    if phrase == "日" and (
        nxt not in "内以之左后无起前" or not nxt or norm[atom.start - 1 : atom.start] == "月"
    ):
        atom.unit_end = end  # 5日 is the fifth of a month; only 7日内, 7日无理由 are durations
        return
    if phrase == "周" and nxt == "年":
        return
    if (
        phrase == "块"
        and _CJK.match(nxt)
        and nxt not in "钱毛的左右以之内上下多起" + "".join(_ZH_DIGITS)
    ):
        return  # 一块手表: a measure word, not money
    if unit == "currency" and phrase in ("块", "元") and nxt in _ZH_DIGITS and nxt not in "零〇":
        after = norm[end + 1] if end + 1 < e else ""
        if not after or after not in _ZH_NUMERAL + "个件天日周月年":
            half += _ZH_DIGITS[nxt] / 10  # 七块五 is 7.5
            end += 2 if after in "毛角" else 1
    if end < e and norm[end] == "半" and unit in ("days", "hours", "weeks", "business_days"):
        half, end = half + 0.5, end + 1  # 两天半
    atom.low, atom.high = atom.low + half, atom.high + half
    atom.unit, atom.currency, atom.unit_end = unit, currency, end


def _zh(t: _Tables, norm: str, raw: str, start: int, s: int, e: int) -> _Atom | None:
    if start > s and (norm[start - 1] in "第周初月号" or norm.endswith(("星期", "礼拜"), s, start)):
        return None  # 第三天, 周一, 星期五, 初五: an ordinal, a weekday or a date
    value = _zh_value(raw)
    if value is None:
        return None
    low, high, approximate = value
    end = start + len(raw)
    atom = _Atom(low, high, start, end, end, "zh", approximate=approximate)
    _attach(t, norm, atom, e)
    return atom


def _zh_value(raw: str) -> tuple[float, float, bool] | None:
    if raw[0] in "万亿":
        return None  # 万一 is "in case"
    if "几" in raw:
        if raw == "几":
            return 2.0, 9.0, True
        if raw == "十几":
            return 11.0, 19.0, True
        if len(raw) == 3 and raw[1:] == "十几" and raw[0] in _ZH_DIGITS:
            tens = _ZH_DIGITS[raw[0]] * 10
            return tens + 1.0, tens + 9.0, True
        return None
    if len(raw) == 2 and raw[0] in _ZH_DIGITS and raw[1] in _ZH_DIGITS:
        a, b = _ZH_DIGITS[raw[0]], _ZH_DIGITS[raw[1]]
        return (float(a), float(b), True) if a > 0 and 0 < b - a <= 2 else None  # 两三天, 三五天
    if len(raw) > 2 and all(ch in _ZH_DIGITS for ch in raw):
        return None  # 二〇二六: a year or a code
    value = _cn(raw)
    return None if value is None else (value, value, False)


def _zh_or_digits(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw)
    value = _zh_value(raw)
    return None if value is None or value[2] else value[0]


@lru_cache(maxsize=2048)
def _cn(raw: str) -> float | None:
    import cn2an  # ~80 ms: only when a Chinese numeral needs reading

    try:
        return float(cn2an.cn2an(raw, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _fixed(t: _Tables, norm: str, text: str, start: int, s: int) -> _Atom | None:
    entry = t.fixed[_key(text)]
    end = start + len(text)
    if text.startswith(("a ", "an ")) and t.rate_before.match(_before(norm, s, start, 12)):
        return None  # "24 hours a day", "once a week": a rate, not a term
    if entry.get("lead"):  # "خلال أسبوع": the number is the noun, the word before is a cue
        start += re.search(r"\s+", text).end()  # type: ignore[union-attr]
    value = float(entry["value"])
    atom = _Atom(value, value, start, end, end, "fixed", unit=entry["unit"])
    atom.approximate = bool(entry.get("approximate"))
    return atom


def _words(t: _Tables, norm: str, span: str, start: int, e: int) -> tuple[_Atom | None, int]:
    """Number words; a span that does not read as one number is cut back word by word."""
    tokens = list(re.finditer(r"[^\s-]+", span))
    while tokens:
        text = span[: tokens[-1].end()]
        value = _word_value(t, tuple(tok.group() for tok in tokens), text)
        if value is not None:
            end = start + tokens[-1].end()
            atom = _Atom(value, value, start, end, end, "word")
            _attach(t, norm, atom, e)
            return atom, end
        tokens.pop()
    return None, start + len(span)


def _word_value(t: _Tables, tokens: tuple[str, ...], text: str) -> float | None:
    known = []
    for i, token in enumerate(tokens):
        key = _key(token)
        if key not in t.words and key[:1] in "وبف" and key[1:] in t.words:
            key = key[1:]  # a clitic (بثلاثة) or the joiner و (وعشرين)
        if key not in t.words:
            if i and key in ("and", "y"):
                continue
            return None
        known.append((key, *t.words[key]))
    if not known or _key(tokens[-1]) in ("and", "y"):
        return None
    langs = {lang for _, _, lang, _ in known}
    if len(langs) > 1:
        return None
    lang = langs.pop()
    if len(known) == 1:
        return known[0][1]
    if lang in ("en", "es"):
        return _text2num(text, lang)
    return _table_value([(v, kind) for _, v, _, kind in known])


@lru_cache(maxsize=1024)
def _text2num(text: str, lang: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(" ".join(text.split()), lang))
    except ValueError:
        return None


def _table_value(values: list[tuple[float, str]]) -> float:
    """Indonesian and Arabic number words: dua puluh lima, seratus lima puluh, ثلاث مئة."""
    total = current = last = 0.0
    for value, kind in values:
        multiplies = kind == "multiplier" or (value in (100, 1000) and 0 < last < 10)
        if multiplies and value >= 1000:
            total += (current or 1) * value
            current = last = 0.0
        elif multiplies:
            current += (last or 1) * value - last
            last = 0.0
        else:
            current += value
            last = value
    return total + current


def _join(t: _Tables, norm: str, atoms: list[_Atom], s: int) -> list[_Atom]:
    """Ranges ("5-7 days", "entre 5 y 7 días", 三到五天) become one atom with the shared unit;
    alternatives ("30 or 90 days") stay two, the bare one borrowing the unit of the other."""
    out = [atoms[0]]
    for b in atoms[1:]:
        a = out[-1]
        gap_start = a.unit_end
        if (t.range_between.fullmatch(norm, gap_start, b.start) is not None) or (
            t.pair_between.fullmatch(norm, gap_start, b.start) is not None
            and t.pair_opener.match(_before(norm, s, a.start, 12)) is not None
        ):
            unit = _shared_unit(a, b)
            if unit is not None and a.high < b.low and a.kind != "range":
                out[-1] = _Atom(
                    a.low,
                    b.high,
                    a.start,
                    b.end,
                    b.unit_end,
                    "range",
                    unit[0],
                    unit[1],
                    a.approximate or b.approximate,
                )
                continue
        elif t.alternative_between.fullmatch(norm, gap_start, b.start) is not None:
            unit = _shared_unit(a, b)
            if unit is not None and a.low == a.high and b.low == b.high == a.high + 1:
                # "2 or 3 days", "a day or two": one vague span, not two terms
                out[-1] = _Atom(a.low, b.high, a.start, b.end, b.unit_end, "range", *unit, True)
                continue
            if unit is not None:
                for atom in (a, b):
                    if atom.unit is None:
                        atom.unit, atom.currency = unit
                        if atom.currency == "IDR" and atom.ambiguous_dot:
                            atom.low, atom.high = atom.low * 1000, atom.high * 1000
        out.append(b)
    return out


def _shared_unit(a: _Atom, b: _Atom) -> tuple[str, str | None] | None:
    """The unit both ends stand in: written on both, or on one with the other bare."""
    if a.unit is not None and b.unit is not None:
        return (a.unit, a.currency) if (a.unit, a.currency) == (b.unit, b.currency) else None
    for have, bare in ((a, b), (b, a)):
        if have.unit is not None and bare.unit_end == bare.end:
            return have.unit, have.currency
    return None


def _quantities(
    t: _Tables,
    norm: str,
    atoms: list[_Atom],
    index: int,
    s: int,
    e: int,
    words: set[str],
    offsets: list[int] | None,
) -> list[Quantity]:
    out: list[Quantity] = []
    quotes: list[int] | None = None
    marks = _QUOTES.search(norm, s, e) is not None
    conditions: list[tuple[int, int]] | None = None
    previous_end = s
    for atom in atoms:
        if atom.unit is None and atom.kind != "digits":
            continue  # a number word without a unit: "one of them", 一下, 十分抱歉
        lead = t.lead.match(_before(norm, max(s, previous_end), atom.start, _LOOKBACK))
        previous_end = atom.unit_end
        negated = past = False
        approximate = atom.approximate
        limit = "exact"
        if lead is not None:
            negated = lead.group("neg") is not None
            past = lead.group("past") is not None
            apx = lead.group("apx")
            if apx is not None and apx in t.not_after:
                before = atom.start - lead.end("apx")  # the reversed text ends at atom.start
                if before > 0 and norm[before - 1] in t.not_after[apx]:
                    apx = None  # 预约3天: an appointment, not "about"
            approximate = approximate or apx is not None
            if lead.group("lim") is not None:
                limit = t.limits[_key(lead.group("lim")[::-1])]
                if limit in ("more", "less"):
                    # "not more than 5" is at most 5, "no less than 5" at least 5
                    flip = {"more": "at_most", "less": "at_least"}
                    keep = {"more": "at_least", "less": "at_most"}
                    limit = flip[limit] if negated else keep[limit]
                    negated = False
        if atom.unit is None:  # a bare number: only a denial matters (for a correction)
            out.append(_quantity(atom, index, "negated" if negated else "asserted", offsets))
            continue
        pos = atom.unit_end
        for _ in range(2):
            tail = t.tail.match(norm, pos, e)
            if tail is None:
                break
            pos = tail.end()
            if tail.group("most") is not None:
                limit = "at_most"
            elif tail.group("least") is not None:
                limit = "at_least"
            elif tail.group("past") is not None:
                past = True
            else:
                approximate = True
        if past:
            atom.unit = atom.currency = None
        if quotes is None:
            quotes = sorted(m.end() for m in _find(t.quote_cue, norm, s, atoms[-1].start, words))
        if _quoted(t, norm, quotes, s, atom.start, e, marks):
            stance = "quoting"
        elif negated:
            stance = "negated"
        else:
            if conditions is None:
                conditions = [m.span() for m in _find(t.conditional, norm, s, e, words)]
            conditional = conditions and _conditional(t, norm, conditions, atom)
            stance = "conditional" if conditional else "asserted"
        out.append(_quantity(atom, index, stance, offsets, approximate, limit))
    return out


def _quantity(
    atom: _Atom,
    index: int,
    stance: str,
    offsets: list[int] | None,
    approximate: bool = False,
    limit: str = "exact",
) -> Quantity:
    start, end = atom.start, atom.unit_end
    if offsets is not None:
        start, end = offsets[start], offsets[end]
    return Quantity(
        atom.low,
        atom.high,
        atom.unit,  # type: ignore[arg-type]
        start,
        end,
        index,
        atom.currency,
        stance,  # type: ignore[arg-type]
        approximate,
        limit,  # type: ignore[arg-type]
    )


def _conditional(t: _Tables, norm: str, conditions: list[tuple[int, int]], atom: _Atom) -> bool:
    """In the clause of an "if" or the clause right after it ("if it arrives damaged, you have
    7 days"), or before an "if" in the same clause ("7 days if it is defective"); not in a
    clause before it ("150 SAR within 5-7 days, and if it has not arrived in 2 weeks…")."""
    for start, end in conditions:
        if end <= atom.start:
            breaks = t.clause_break.finditer(norm, end, atom.start)
            if next(breaks, None) is None or next(breaks, None) is None:
                return True
        elif start >= atom.unit_end and t.clause_break.search(norm, atom.unit_end, start) is None:
            return True
    return False


_OPENERS = '"“«「『'
_CLOSERS = '"”»」』'


def _quoted(
    t: _Tables, norm: str, cue_ends: list[int], s: int, start: int, e: int, marks: bool
) -> bool:
    """Inside quotation marks, or in the clause after "you said", "dijiste", 您说…"""
    i = bisect_right(cue_ends, start) - 1
    if i >= 0 and t.clause_break.search(norm, cue_ends[i], start) is None:
        return True
    if not marks:
        return False
    before = norm[s:start]
    if '"' in before and before.count('"') % 2 == 1 and '"' in norm[start:e]:
        return True
    opened = max(before.rfind(ch) for ch in _OPENERS[1:])
    closed = max(before.rfind(ch) for ch in _CLOSERS[1:])
    return opened > closed and any(ch in norm[start:e] for ch in _CLOSERS[1:])


def _corrections(found: list[Quantity]) -> list[Quantity]:
    """A denied number next to a stated one ("not 30 days — it's 60", "不是30天，是60天") is a
    correction: the denied one is `corrected`, the stated one asserted, and each lends the other
    its unit."""
    for i, q in enumerate(found):
        if q.stance != "negated":
            continue
        partners = [j for j in (i + 1, i - 1) if 0 <= j < len(found)]
        for j in partners:
            p = found[j]
            near = p.sentence == q.sentence or (j == i + 1 and p.sentence == q.sentence + 1)
            units = {(x.unit, x.currency) for x in (p, q) if x.unit is not None}
            if (
                p.stance != "asserted"
                or not near
                or len(units) > 1
                or (p.low, p.high)
                == (
                    q.low,
                    q.high,
                )
            ):
                continue
            unit, currency = units.pop() if units else (None, None)
            found[i] = replace(q, stance="corrected", unit=unit, currency=currency)
            found[j] = replace(p, unit=unit, currency=currency)
            break
    return found
