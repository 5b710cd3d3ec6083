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

The patterns come from quantity_patterns.py, the worth of a numeral or number word from
quantity_values.py (cn2an for Chinese, text2num for English and Spanish, tables for Indonesian
and Arabic); this module finds the numbers, their units and ranges, and reads the cues around
them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from grading.reading.model import Quantity
from grading.reading.quantity_patterns import (
    CJK,
    LETTER,
    NONWORD,
    ZH_NUMERAL,
    Tables,
    find,
    folded,
    tables,
    words_of,
)
from grading.reading.quantity_values import (
    ZH_DIGITS,
    digits_value,
    table_value,
    text2num_value,
    zh_or_digits,
    zh_value,
)

if TYPE_CHECKING:
    from grading.reading.model import Reading

_MAX_DIGITS = 6  # a run of 7 digits or more is an order, phone or account number
_LOOKBACK = 48  # how far before a number its cue words may start
_INTEGER = re.compile(r"\d+")
_DECIMAL_COMMA = re.compile(r",\d{1,2}(?![\d.,]\d)")
_QUOTES = re.compile('["“”«»「」『』]')
_HALVED = frozenset(("hours", "days", "business_days", "weeks", "months"))


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
    return _scan(norm, spans, None, True)


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
    return _scan(reading.norm, spans, offsets, reading.in_place)


# A sentence's quantities by its text, relative to its start, and the indexes of its past
# events: replies reuse sentences. Only where positions move with the sentence (norm offsets,
# or a reading whose offsets are the norm's own). Keyed also by what the reading of a sentence
# takes from the rest of the text: whether number words are looked for, whether it is the
# only sentence (then its words are the text's) and whether it opens the text (a number word
# right at the start is tried there, elsewhere after the character before it).
_MEMO: dict[tuple, tuple[list[Quantity], set[int]]] = {}
_MEMO_SIZE = 4096
_MEMO_SENTENCE = 400
_FIXED_READS = [0]  # counts _fixed's calls: its rate check looks past the sentence's end


def _scan(
    norm: str, spans: list[tuple[int, int, str]], offsets: list[int] | None, shiftable: bool
) -> list[Quantity]:
    t = tables()
    found: list[Quantity] = []
    past_events: set[int] = set()
    # Most sentences hold no number: one pass over the whole text finds the places a number
    # may begin, and only their sentences are read.
    numerals = list(t.numerals.finditer(norm))
    starts = [m.start() for m in numerals]
    candidates = list(starts)
    arabic = any(lang == "ar" for _, _, lang in spans)
    everywhere = words_of(norm, 0, len(norm), "ar" if arabic else "")
    spelled_somewhere = not t.spelled_triggers.isdisjoint(everywhere)
    gates: list[int] = []  # where a number word may begin, after a non-word character
    if spelled_somewhere:
        gates = [m.end() for m in t.spelled_gate.finditer(norm)]
        candidates += gates
        if t.spelled.match(norm):
            candidates.append(0)
    sentence_starts = [start for start, _, _ in spans]
    chosen = sorted({bisect_right(sentence_starts, c) - 1 for c in candidates} - {-1})
    for index in chosen:
        start, end, lang = spans[index]
        end = min(end, len(norm))  # a sentence that runs past a text cut for length
        words = everywhere if len(spans) == 1 else words_of(norm, start, end, lang)
        spelled = spelled_somewhere and not t.spelled_triggers.isdisjoint(words)
        i = bisect_left(starts, start)
        j = bisect_left(starts, end, i)
        key = None
        if shiftable and end - start <= _MEMO_SENTENCE:
            key = (norm[start:end], lang, spelled, len(spans) == 1, start == 0)
            memo = _MEMO.get(key)
            if memo is not None:
                remembered, past = memo
                past_events.update(len(found) + k for k in past)
                found += [
                    Quantity(
                        q.low,
                        q.high,
                        q.unit,
                        q.start + start,
                        q.end + start,
                        index,
                        q.currency,
                        q.stance,
                        q.approximate,
                        q.limit,
                    )
                    for q in remembered
                ]
                continue
        fixed_reads = _FIXED_READS[0]
        quantities: list[Quantity] = []
        past = set()
        atoms = _atoms(t, norm, start, end, lang, spelled, numerals[i:j], gates)
        if atoms:
            atoms = _join(t, norm, atoms, start)
            quantities = _quantities(
                t, norm, atoms, (index, start, end, lang), words, offsets, past
            )
            past_events.update(len(found) + k for k in past)
            found.extend(quantities)
        if key is not None and _FIXED_READS[0] == fixed_reads:
            if len(_MEMO) >= _MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = (
                [
                    replace(q, start=q.start - start, end=q.end - start, sentence=0)
                    for q in quantities
                ],
                past,
            )
    return _corrections(found, past_events)


def _atoms(
    t: Tables,
    norm: str,
    s: int,
    e: int,
    lang: str,
    spelled: bool,
    numerals: list[re.Match[str]],
    gates: list[int],
) -> list[_Atom]:
    atoms: list[_Atom] = []
    following = iter(numerals)  # found by one pass over the whole text
    numeral = next(following, None)
    word = _spelled(t, norm, s, s, e, gates) if spelled else None
    pos = s
    while True:
        # the next numeral or spelled number at or after pos, whichever comes first
        while numeral is not None and numeral.start() < pos:
            numeral = next(following, None)
        if numeral is not None and numeral.end() > e:
            numeral = t.numerals.search(norm, numeral.start(), e)  # cut at the sentence end
        if word is not None and word.start() < pos:
            word = _spelled(t, norm, pos, s, e, gates)
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
            value = zh_or_digits(m.group()[3:])
            atom = None if value is None else _Atom(value, value, start, pos, pos, "zh", "percent")
        elif kind == "zh":
            atom = _zh(t, norm, m.group(kind), start, s, e)
        elif kind in ("fixed", "zhfixed"):
            atom = _fixed(t, norm, m.group(kind), start, s)
        elif kind == "few":
            low, high = t.few[folded(m.group(kind))]
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


def _spelled(
    t: Tables, norm: str, pos: int, s: int, e: int, gates: list[int]
) -> re.Match[str] | None:
    """The next number word or phrase at or after pos: at the sentence start, or at one of the
    `gates` found by one pass over the whole text."""
    if pos == s and (s == 0 or not NONWORD.match(norm, s - 1)):
        m = t.spelled.match(norm, s, e)
        if m is not None:
            return m
    i = bisect_left(gates, max(pos, s, 1))
    while i < len(gates) and gates[i] < e:
        m = t.spelled.match(norm, gates[i], e)
        if m is not None:
            return m
        i += 1
    return None


def _before(norm: str, s: int, start: int, width: int) -> str:
    """The text just before `start` (not before `s`), reversed, for the reversed cue patterns."""
    return norm[max(s, start - width) : start][::-1]


def _digits(t: Tables, norm: str, raw: str, start: int, s: int, e: int, lang: str) -> _Atom | None:
    end = start + len(raw)
    if lang in ("es", "id") and "." not in raw:
        decimals = _DECIMAL_COMMA.match(norm, end, e)
        if decimals is not None:  # 1,5 horas; elsewhere "150,3个工作日" is two numbers
            raw, end = raw + decimals.group(), decimals.end()
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
    value, ambiguous = digits_value(raw, lang)
    scale = t.scale_after.match(norm, end, e)
    if scale is not None:
        value *= t.scales[folded(scale.group("scale"))]
        end, ambiguous = scale.end(), False
    atom = _Atom(value, value, start, end, end, "digits", ambiguous_dot=ambiguous)
    _attach(t, norm, atom, e)
    if (
        atom.unit_end == atom.end
        and end < e
        and LETTER.match(norm[end])
        and not CJK.match(norm[end])
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
        atom.unit, atom.currency = "currency", t.currency_codes[folded(prefix.group("cur")[::-1])]
        atom.start = start - prefix.end()
    if atom.currency == "IDR" and atom.ambiguous_dot:
        atom.low = atom.high = value * 1000
    return atom


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _attach(t: Tables, norm: str, atom: _Atom, e: int) -> None:
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
    if um is None and not half and (hm := t.half_before.match(norm, pos, e)) is not None:
        half, um = 0.5, t.unit_after.match(norm, hm.end(), e)  # one and a half hours
    if um is None:
        return
    phrase = folded(um.group("unit"))
    unit, currency = t.units[phrase]
    end = um.end()
    nxt = norm[end] if end < e else ""
    if unit == "currency" and nxt.isdigit() and not LETTER.match(phrase[-1]):
        return  # $20-$30: the $ is the sign of the next number, not the unit of this one
    if phrase == "日" and (
        nxt not in "内以之左后无起前" or not nxt or norm[atom.start - 1 : atom.start] == "月"
    ):
        atom.unit_end = end  # 5日 is the fifth of a month; only 7日内, 7日无理由 are durations
        return
    if phrase == "周" and nxt == "年":
        return
    if (
        phrase == "块"
        and CJK.match(nxt)
        and nxt not in "钱毛的左右以之内上下多起" + "".join(ZH_DIGITS)
    ):
        return  # 一块手表: a measure word, not money
    if unit == "currency" and phrase in ("块", "元") and nxt in ZH_DIGITS and nxt not in "零〇":
        after = norm[end + 1] if end + 1 < e else ""
        if not after or after not in ZH_NUMERAL + "个件天日周月年":
            half += ZH_DIGITS[nxt] / 10  # 七块五 is 7.5
            end += 2 if after and after in "毛角" else 1
    if end < e and norm[end] == "半" and unit in ("days", "hours", "weeks", "business_days"):
        half, end = half + 0.5, end + 1  # 两天半
    elif (
        unit in _HALVED
        and (hm := t.half_after.match(norm, end, e)) is not None
        and t.unit_after.match(norm, hm.end(), e) is None  # 3 días y media hora: two terms
    ):
        half, end = half + 0.5, hm.end()  # two hours and a half, dos horas y media
    atom.low, atom.high = atom.low + half, atom.high + half
    atom.unit, atom.currency, atom.unit_end = unit, currency, end


def _zh(t: Tables, norm: str, raw: str, start: int, s: int, e: int) -> _Atom | None:
    if start > s and (norm[start - 1] in "第周初月号" or norm.endswith(("星期", "礼拜"), s, start)):
        return None  # 第三天, 周一, 星期五, 初五: an ordinal, a weekday or a date
    value = zh_value(raw)
    if value is None:
        return None
    low, high, approximate = value
    end = start + len(raw)
    atom = _Atom(low, high, start, end, end, "zh", approximate=approximate)
    _attach(t, norm, atom, e)
    return atom


def _fixed(t: Tables, norm: str, text: str, start: int, s: int) -> _Atom | None:
    _FIXED_READS[0] += 1
    entry = t.fixed[folded(text)]
    end = start + len(text)
    if norm[end : end + 1] == "-" or t.rate_before.match(_before(norm, s, start, 12)):
        return None  # "a day-to-day basis", sehari-hari; "twice a week", "2 kali seminggu"
    if t.rate_after.match(norm, end):
        return None  # "seminggu sekali": once a week
    if entry.get("lead"):  # "خلال أسبوع": the number is the noun, the word before is a cue
        start += re.search(r"\s+", text).end()  # type: ignore[union-attr]
    value = float(entry["value"])
    atom = _Atom(value, value, start, end, end, "fixed", unit=entry["unit"])
    atom.approximate = bool(entry.get("approximate"))
    return atom


def _words(t: Tables, norm: str, span: str, start: int, e: int) -> tuple[_Atom | None, int]:
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


def _word_value(t: Tables, tokens: tuple[str, ...], text: str) -> float | None:
    known = []
    for i, token in enumerate(tokens):
        key = folded(token)
        if key not in t.words and key[:1] in "وبف" and key[1:] in t.words:
            key = key[1:]  # a clitic (بثلاثة) or the joiner و (وعشرين)
        if key not in t.words:
            if i and key in ("and", "y"):
                continue
            return None
        known.append((key, *t.words[key]))
    if not known or folded(tokens[-1]) in ("and", "y"):
        return None
    langs = {lang for _, _, lang, _ in known}
    if len(langs) > 1:
        return None
    lang = langs.pop()
    if len(known) == 1:
        return known[0][1]
    if lang in ("en", "es"):
        return text2num_value(text, lang)
    return table_value([(v, kind) for _, v, _, kind in known])


def _join(t: Tables, norm: str, atoms: list[_Atom], s: int) -> list[_Atom]:
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
        if (a.unit, b.unit) == ("days", "business_days"):
            # "يومين إلى خمسة أيام عمل": the dual names its days, the far end says which days
            return b.unit, b.currency
        return (a.unit, a.currency) if (a.unit, a.currency) == (b.unit, b.currency) else None
    for have, bare in ((a, b), (b, a)):
        if have.unit is not None and bare.unit_end == bare.end:
            return have.unit, have.currency
    return None


def _quantities(
    t: Tables,
    norm: str,
    atoms: list[_Atom],
    sentence: tuple[int, int, int, str],
    words: set[str],
    offsets: list[int] | None,
    past_events: set[int],
) -> list[Quantity]:
    """The atoms with their cues read. `past_events` gets the indexes (in the returned list) of
    the numbers of past events, which lend no unit and borrow none in a correction."""
    index, s, e, lang = sentence
    cjk = lang == "zh"
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
            lim = lead.group("lim") or lead.group("zlim")
            if lim is not None:
                limit = t.limits[folded(lim[::-1])]
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
                # 入住前24小时之前, 提前3天以前: counted back from an event, a deadline
                past = not (cjk and norm[max(s, atom.start - 1) : atom.start] == "前")
            else:
                approximate = True
        if past:  # "3 days ago": no term of the policy (see the module's docstring)
            atom.unit = atom.currency = None
            out.append(_quantity(atom, index, "asserted", offsets, approximate, limit))
            past_events.add(len(out) - 1)
            continue
        if quotes is None:
            quotes = sorted(
                m.end() for m in find(t.quote_cue, norm, s, atoms[-1].start, words, cjk)
            )
        if _quoted(t, norm, quotes, s, atom.start, e, marks):
            stance = "quoting"
        elif negated:
            stance = "negated"
        else:
            if conditions is None:
                conditions = [m.span() for m in find(t.conditional, norm, s, e, words, cjk)]
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


def _conditional(t: Tables, norm: str, conditions: list[tuple[int, int]], atom: _Atom) -> bool:
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
    t: Tables, norm: str, cue_ends: list[int], s: int, start: int, e: int, marks: bool
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


def _corrections(found: list[Quantity], past_events: set[int]) -> list[Quantity]:
    """A denied number next to a stated one ("not 30 days — it's 60", "不是30天，是60天") is a
    correction: the denied one is `corrected`, the stated one asserted, and each lends the other
    its unit."""
    for i, q in enumerate(found):
        if q.stance != "negated":
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(found) or j in past_events:
                continue
            p = found[j]
            near = p.sentence == q.sentence or (j == i + 1 and p.sentence == q.sentence + 1)
            units = {(x.unit, x.currency) for x in (p, q) if x.unit is not None}
            same = (p.low, p.high) == (q.low, q.high)
            if p.stance != "asserted" or not near or len(units) > 1 or same:
                continue
            unit, currency = units.pop() if units else (None, None)
            found[i] = replace(q, stance="corrected", unit=unit, currency=currency)
            found[j] = replace(p, unit=unit, currency=currency)
            break
    return found
