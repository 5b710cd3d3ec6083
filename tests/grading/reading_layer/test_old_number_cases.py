"""The number cases of the old English/Chinese number reader (grading/numbers.py, replaced by the
Reading's quantities), kept as a regression suite: each old reading, in the old terms (days, hours,
amount, percent), must still come out of `read()`."""

from __future__ import annotations

import pytest

from grading.reading import read

_DAYS = {"days": 1, "business_days": 1, "weeks": 7, "months": 30}


def _old_terms(q):
    if q.unit in _DAYS:
        return "days", _DAYS[q.unit]
    if q.unit == "currency":
        return "amount", 1
    return q.unit, 1


class _Mention:
    def __init__(self, value, kind, start, end, currency):
        self.value, self.kind, self.start, self.end, self.currency = (
            value,
            kind,
            start,
            end,
            currency,
        )


def find_numbers(text):
    """The Reading's quantities as the old reader reported them: a range as its two ends."""
    found = []
    for q in read(text).quantities:
        kind, factor = _old_terms(q)
        if q.low != q.high:
            found.append(_Mention(q.low * factor, kind, q.start, q.end, q.currency))
        found.append(_Mention(q.high * factor, kind, q.start, q.end, q.currency))
    return found


def mentions(text):
    return [(m.value, m.kind, text[m.start : m.end]) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value", "kind", "span"),
    [
        ("Returns are accepted within 30 days.", 30, "days", "30 days"),
        ("We have a 30-day return window.", 30, "days", "30-day"),
        ("a 1,000 dollar limit", 1000, "amount", "1,000 dollar"),
        ("a credit of 20.5 USD", 20.5, "amount", "20.5 USD"),
        ("within thirty days", 30, "days", "thirty days"),
        ("within five business days", 5, "days", "five business days"),
        ("within 5 working days", 5, "days", "5 working days"),
        ("within twenty-one days", 21, "days", "twenty-one days"),
        ("within ninety-nine days", 99, "days", "ninety-nine days"),
        ("in a week", 7, "days", "a week"),
        ("in two weeks", 14, "days", "two weeks"),
        ("in a month", 30, "days", "a month"),
        ("in one month", 30, "days", "one month"),
        ("in 48 hours", 48, "hours", "48 hours"),
        ("in 48h", 48, "hours", "48h"),
        ("in an hour", 1, "hours", "an hour"),
        ("a $20 voucher", 20, "amount", "$20"),
        ("a US$20 voucher", 20, "amount", "US$20"),
        ("a USD 20 voucher", 20, "amount", "USD 20"),
        ("twenty dollars", 20, "amount", "twenty dollars"),
        ("a €15 credit", 15, "amount", "€15"),
        ("10% off", 10, "percent", "10%"),
        ("ten percent off", 10, "percent", "ten percent"),
        ("七天内退款", 7, "days", "七天"),
        ("三十天内可以退货", 30, "days", "三十天"),
        ("30天内可以退货", 30, "days", "30天"),
        ("5个工作日内到账", 5, "days", "5个工作日"),
        ("十五天", 15, "days", "十五天"),
        ("一个月内", 30, "days", "一个月"),
        ("两周内", 14, "days", "两周"),
        ("二十美元的优惠券", 20, "amount", "二十美元"),
        ("20元优惠券", 20, "amount", "20元"),
        ("¥20优惠券", 20, "amount", "¥20"),
        ("48小时内", 48, "hours", "48小时"),
        ("48个小时内", 48, "hours", "48个小时"),
        ("百分之十的折扣", 10, "percent", "百分之十"),
        ("百分之百", 100, "percent", "百分之百"),
        ("一百二十元", 120, "amount", "一百二十元"),
        ("３０天", 30, "days", "３０天"),  # full-width digits
    ],
)
def test_numbers_with_units(text, value, kind, span):
    assert (value, kind, span) in mentions(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-5 days", [(3, "days"), (5, "days")]),
        ("3–5 days", [(3, "days"), (5, "days")]),
        ("3 to 5 days", [(3, "days"), (5, "days")]),
        ("between 3 and 5 business days", [(3, "days"), (5, "days")]),
        ("one to two weeks", [(7, "days"), (14, "days")]),
        ("三到五天", [(3, "days"), (5, "days")]),
        ("3~5天", [(3, "days"), (5, "days")]),
        ("$10-20", [(10, "amount"), (20, "amount")]),
        ("$10-$20", [(10, "amount"), (20, "amount")]),
    ],
)
def test_ranges_yield_both_ends_with_the_shared_unit(text, expected):  # now one range
    assert [(m.value, m.kind) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "currency"),
    [("$20", "USD"), ("20 dollars", "USD"), ("二十美元", "USD"), ("20元", "CNY"), ("€20", "EUR")],
)
def test_currency_is_recorded_for_amounts(text, currency):
    (mention,) = find_numbers(text)
    assert mention.currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "Order A-10492",  # an order id is a number but not a duration or amount
        "11月12日收到的",  # a date, not twelve days
        "5 hats",
        "Call me at 5",
        "第三天",  # an ordinal
    ],
)
def test_numbers_without_a_reliable_unit_have_no_kind(text):
    assert all(m.kind is None for m in find_numbers(text))


def test_rates_are_not_durations():
    assert mentions("We answer 24 hours a day") == [(24, "hours", "24 hours")]


def test_english_number_words_do_not_match_inside_words():
    assert mentions("Someone often goes") == []


def test_english_words_and_chinese_numerals_that_are_not_numbers():
    assert find_numbers("一定会") == []
    assert find_numbers("二〇二六年") == []  # digit by digit is a year, not a quantity


def test_huge_digit_runs_are_ignored_instead_of_overflowing():
    assert find_numbers("1" * 5000) == []
    # Seven digits or more are an order or phone number, never a duration (a change from the
    # old reader, which read fifteen).
    assert all(m.kind is None for m in find_numbers("1" * 15 + " days"))


def test_no_numbers():
    assert find_numbers("") == []
    assert find_numbers("Sorry about that!") == []
