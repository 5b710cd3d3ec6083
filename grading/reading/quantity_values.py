"""What a written number is worth.

Digits with either decimal custom (1,000.50 and 1.000,50), Chinese numerals through cn2an's
"smart" mode one span at a time (一百五 = 150, 两万五 = 25000; never `cn2an.transform`, which
rewrites 十分抱歉 as 10分抱歉 and 两三天 as 23天), compound English and Spanish number words through
text2num, and Indonesian and Arabic number words by their tables. cn2an (~80 ms to import) and
text2num are imported only when a span needs them, and every reading is cached.
"""

from __future__ import annotations

from functools import lru_cache

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip


def digits_value(raw: str, lang: str) -> tuple[float, bool]:
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


def zh_value(raw: str) -> tuple[float, float, bool] | None:
    if raw[0] in "万亿":
        return None  # 万一 is "in case"
    if "几" in raw:
        if raw == "几":
            return 2.0, 9.0, True
        if raw == "十几":
            return 11.0, 19.0, True
        if len(raw) == 3 and raw[1:] == "十几" and raw[0] in ZH_DIGITS:
            tens = ZH_DIGITS[raw[0]] * 10
            return tens + 1.0, tens + 9.0, True
        return None
    if len(raw) == 2 and raw[0] in ZH_DIGITS and raw[1] in ZH_DIGITS:
        a, b = ZH_DIGITS[raw[0]], ZH_DIGITS[raw[1]]
        return (float(a), float(b), True) if a > 0 and 0 < b - a <= 2 else None  # 两三天, 三五天
    if len(raw) > 2 and all(ch in ZH_DIGITS for ch in raw):
        return None  # 二〇二六: a year or a code
    value = cn(raw)
    return None if value is None else (value, value, False)


def zh_or_digits(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw)
    if raw == "百":
        return 100.0  # 百分之百
    value = zh_value(raw)
    return None if value is None or value[2] else value[0]


@lru_cache(maxsize=2048)
def cn(raw: str) -> float | None:
    import cn2an  # ~80 ms: only when a Chinese numeral needs reading

    try:
        return float(cn2an.cn2an(raw, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


@lru_cache(maxsize=1024)
def text2num_value(text: str, lang: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(" ".join(text.split()), lang))
    except ValueError:
        return None


def table_value(values: list[tuple[float, str]]) -> float:
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
