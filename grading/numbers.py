"""Numbers an agent states, with their unit, in English and Chinese.

The policy grader compares these against typed facts, so precision matters more than recall: a
number we misread becomes a -40 "wrong number" finding against a correct agent. Anything vague
("a few days", "two months", "半个月") is left without a kind and is therefore never judged.

A range ("3-5 days", "三到五天", "between 3 and 5 days") is one claim: both ends get the shared
unit, the lower end is marked `opens_range` and the upper end carries `range_start`, so the
grader can judge the range once, by the end a customer holds us to. Alternatives ("30 or 90
days") are not a range: each number stands for itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NumberKind = Literal["days", "hours", "amount", "percent"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: float
    kind: NumberKind | None
    start: int
    end: int
    currency: str | None = None  # ISO code when the reply names one, for kind "amount"
    opens_range: bool = False  # the lower end of a range, which is judged at its upper end
    range_start: int | None = None  # on the upper end of a range: where the range starts
    implied: bool = False  # an amount known only from a promotion word before it (满200, 减30)


_MAX_DIGITS = 15  # longer digit runs are order or phone numbers, and overflow floats

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNIT_WORDS = "day|days|week|weeks|month|hour|business day|working day"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万"

_below_100 = (
    f"(?:(?:{'|'.join(_TENS)})(?:[\\s-]{{1,3}}(?:{'|'.join(k for k in _ONES if _ONES[k] < 10)}))?"
    f"|{'|'.join(sorted(_ONES, key=len, reverse=True))})"
)
# Look-behinds sit after the first consumed character, and English words start at \b, so the
# regex engine can skip most positions of a long reply cheaply.
_ATOM = re.compile(
    rf"""
    (?P<cnpct>百分之(?:[{_CN_CHARS}]+|\d+(?:\.\d+)?))
  | (?P<digits>\d(?<![A-Za-z\d.]\d)\d*(?:,\d{{3}})*(?:\.\d+)?)(?!\d)
  | (?P<cn>[{_CN_CHARS}]+)
  | \b(?<![A-Za-z'\u2019])(?P<word>
        (?:(?:{_below_100}|a)[\s-]{{1,3}}hundred(?:[\s-]{{1,3}}(?:and[\s-]{{1,3}})?{_below_100})?)
      | {_below_100}
      | an?(?=\s{{1,3}}(?:{_UNIT_WORDS})(?![A-Za-z]))
    )(?![A-Za-z])
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Units written after a number. Latin units need a word end so "5 hats" is not 5 hours.
_LATIN_UNIT = re.compile(
    r"""[ \t]{0,3}-?[ \t]{0,3}(?:
        (?P<days>(?:(?:business|working|work|calendar)[\s-]{1,3})?days?
                 |d[ií]as?(?:[ ]h[aá]biles)?|hari(?:[ ]kerja)?)
      | (?P<weeks>weeks?|semanas?|minggu)
      | (?P<month>months?|mes(?:es)?|bulan)
      | (?P<hours>hours?|hrs?|h|horas?|jam)
      | (?P<percent>%|percent|per[ ]cent|por[ ]ciento|persen)
      | (?P<usd>USD|US[ ]?dollars?|dollars?|bucks)
      | (?P<eur>EUR|euros?)
      | (?P<gbp>GBP)
      | (?P<cny>RMB|CNY|yuan)
    )(?![A-Za-z])""",
    re.IGNORECASE | re.VERBOSE,
)
# Chinese units, and Arabic ones, which likewise need no word end.
_CJK_UNIT = re.compile(
    r"""[ \t]{0,2}(?:
        (?P<days>个?工作日|个?工作天|天|日|أيام|ايام|يومًا|يوما|يوم)
      | (?P<weeks>个?星期|个?礼拜|周|أسابيع|اسابيع|أسبوع|اسبوع)
      | (?P<month>个月|أشهر|شهور|شهر)
      | (?P<hours>个?小时|个?钟头|ساعات|ساعة)
      | (?P<percent>％)
      | (?P<usd>美元|美金)
      | (?P<eur>欧元)
      | (?P<gbp>英镑)
      | (?P<cny>人民币|块钱|块|元)
    )""",
    re.VERBOSE,
)
# A symbol after the number ("20€", "20 €") must follow it directly; "$10-$20" is two prefixes.
_SYMBOL_SUFFIX = re.compile(r"(?P<usd>\$)|(?P<eur>[ ]?€)|(?P<gbp>£)|(?P<cny>¥|￥)")
_CURRENCY_PREFIX = re.compile(
    r"(?:(?P<usd>US\$|\$|USD)|(?P<eur>EUR|€)|(?P<gbp>GBP|£)|(?P<cny>RMB|CNY|¥|￥))[ \t]?$"
)
_CURRENCIES = {"usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY"}
# "3-5 days", "3 to 5 days", "三到五天", "between 3 and 5 days": both ends share the unit.
_RANGE = re.compile(r"[ \t]{0,3}(?:-|–|—|~|～|〜|to|or|and|至|到|或)[ \t]{0,3}$", re.IGNORECASE)
# Of those, the ones that make a span rather than alternatives; "and" only after "between".
_SPAN = re.compile(r"[ \t]{0,3}(?:-|–|—|~|～|〜|to|至|到)[ \t]{0,3}$", re.IGNORECASE)
_AND = re.compile(r"[ \t]{0,3}and[ \t]{0,3}$", re.IGNORECASE)
_BETWEEN = re.compile(r"between[ \t]{1,3}$", re.IGNORECASE)
# In Chinese promotions the unit is often left out: 满200减30 is "30 off for every 200 spent".
_PROMO_BEFORE = re.compile(r"[满减][ \t]?$")
# ...but 满3件, 满18岁 count things, not money.
_COUNTED_AFTER = re.compile(r"[ \t]?[件个份单次天日周月年岁人号位张台积分]")
# "11月12日" is a date and "第三天" an ordinal, not a duration.
_NOT_DURATION_BEFORE = re.compile(r"(?:月[ \t]?|第)$")
# "5月" is May and "5号" the 5th: a date, so such a number borrows no unit from its neighbour.
_DATE_AFTER = re.compile(r"[月号]")
# "24 hours a day", "twice a week": a rate, not a duration.
_RATE_BEFORE = re.compile(
    r"(?:times|twice|once|hours?|hrs|days?|minutes?|mins|per|\d)[ \t]{1,3}$", re.IGNORECASE
)


@dataclass(slots=True)
class _Atom:
    value: float
    start: int
    end: int  # end of the number itself
    unit_end: int  # end including any unit
    kind: NumberKind | None = None
    currency: str | None = None
    scale: float = 1.0  # weeks are 7 days, a month is 30
    opens_range: bool = False
    range_start: int | None = None
    implied: bool = False


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in `text`, left to right, with the unit it is stated in when we know it."""
    atoms: list[_Atom] = []
    for m in _ATOM.finditer(text):
        atom = _read_atom(text, m)
        if atom is not None:
            atoms.append(atom)
    for a, b in zip(atoms, atoms[1:], strict=False):
        # Only a bare number borrows a unit: "到5月" names May, it is not "to 5 days".
        unitless = a if a.kind is None else b
        bare = unitless.unit_end == unitless.end and not _DATE_AFTER.match(text, unitless.end)
        if (
            (a.kind is None) != (b.kind is None)
            and bare
            and _RANGE.match(text, a.unit_end, b.start)
        ):
            src, dst = (b, a) if a.kind is None else (a, b)
            dst.kind, dst.currency, dst.scale = src.kind, src.currency, src.scale
        if _is_span(text, a, b):
            a.opens_range, b.range_start = True, a.start
    for a in atoms:
        if (
            a.kind is None
            and a.unit_end == a.end
            and _PROMO_BEFORE.search(text, max(0, a.start - 2), a.start)
            and not _COUNTED_AFTER.match(text, a.end)
        ):
            a.kind, a.implied = "amount", True
    return [
        NumberMention(
            a.value * a.scale,
            a.kind,
            a.start,
            a.unit_end,
            a.currency,
            opens_range=a.opens_range,
            range_start=a.range_start,
            implied=a.implied,
        )
        for a in atoms
    ]


def _is_span(text: str, a: _Atom, b: _Atom) -> bool:
    if a.kind is None or (a.kind, a.currency) != (b.kind, b.currency) or a.opens_range:
        return False
    if a.range_start is not None or a.value * a.scale >= b.value * b.scale:
        return False  # "5-5 days" is just 5 days; "3-5-7" is not one range
    if _SPAN.match(text, a.unit_end, b.start):
        return True
    return bool(
        _AND.match(text, a.unit_end, b.start)
        and _BETWEEN.search(text, max(0, a.start - 12), a.start)
    )


def _read_atom(text: str, m: re.Match[str]) -> _Atom | None:
    group = m.lastgroup
    raw = m.group(group)
    if group == "cnpct":
        value = _parse_cn_or_digits(raw[3:])
        if value is None:
            return None
        return _Atom(value, m.start(), m.end(), m.end(), "percent")
    if group == "digits":
        if len(raw.replace(",", "").split(".")[0]) > _MAX_DIGITS:
            return None
        value = float(raw.replace(",", ""))
    elif group == "cn":
        value = _parse_cn(raw)
    else:
        start = m.start()
        if raw.lower() in ("a", "an") and _RATE_BEFORE.search(text, max(0, start - 12), start):
            return None
        value = _parse_words(raw)
    if value is None:
        return None
    atom = _Atom(value, m.start(), m.end(), m.end())
    _attach_unit(text, atom, value)
    return atom


def _attach_unit(text: str, atom: _Atom, value: float) -> None:
    unit = (
        _LATIN_UNIT.match(text, atom.end)
        or _CJK_UNIT.match(text, atom.end)
        or _SYMBOL_SUFFIX.match(text, atom.end)
    )
    if unit is not None:
        name = unit.lastgroup
        atom.unit_end = unit.end()  # even a unit we do not judge (5月, May) is not borrowed
        if name == "days":
            if _NOT_DURATION_BEFORE.search(text, max(0, atom.start - 2), atom.start):
                return
            atom.kind = "days"
        elif name == "weeks":
            atom.kind, atom.scale = "days", 7
        elif name == "month":
            # Only "a/one month" is 30 days; months vary, so "3 months" is not judged as 90.
            if value != 1:
                return
            atom.kind, atom.scale = "days", 30
        elif name == "hours":
            atom.kind = "hours"
        elif name == "percent":
            atom.kind = "percent"
        else:
            atom.kind, atom.currency = "amount", _CURRENCIES[name]
        return
    prefix = _CURRENCY_PREFIX.search(text, max(0, atom.start - 4), atom.start)
    if prefix is not None:
        atom.kind, atom.currency = "amount", _CURRENCIES[prefix.lastgroup]
        atom.start = prefix.start()


def _parse_cn_or_digits(raw: str) -> float | None:
    if raw and raw[0].isdigit():
        return float(raw) if len(raw) <= _MAX_DIGITS else None
    return _parse_cn(raw)


def _parse_cn(raw: str) -> float | None:
    """Chinese numerals as written in service chats: 七, 三十, 二十五, 一百二十, 两, 一万.

    Two digits in a row (二〇二六, 三五天) are a year or a vague range, so we decline them.
    """
    total = section = 0
    digit: int | None = None
    for ch in raw:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if digit is None:
                if section:
                    return None
                digit = 1  # 十五 is fifteen, 百分之百 is a hundred percent
            section += digit * unit
            digit = None
        else:  # 万
            section += digit or 0
            if not section:
                return None
            total += section * 10000
            section = 0
            digit = None
    return float(total + section + (digit or 0))


def _parse_words(raw: str) -> float | None:
    words = [w.lower() for w in re.split(r"[\s-]+", raw) if w and w.lower() != "and"]
    if words in (["a"], ["an"]):
        return 1.0
    total = current = 0
    for w in words:
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "a":
            current = 1
        else:
            return None
    return float(total + current)
