from __future__ import annotations

import pytest

from grading.numbers import find_numbers


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
def test_ranges_yield_both_ends_with_the_shared_unit(text, expected):
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
        "I have 3 months",  # months vary; only "a/one month" is read as 30 days
        "11月12日收到的",  # a date, not twelve days
        "5 hats",
        "Call me at 5",
        "第三天",  # an ordinal
    ],
)
def test_numbers_without_a_reliable_unit_have_no_kind(text):
    found = find_numbers(text)
    assert found, "the number itself is still found"
    assert all(m.kind is None for m in found)


def test_rates_are_not_durations():
    assert mentions("We answer 24 hours a day") == [(24, "hours", "24 hours")]


def test_english_number_words_do_not_match_inside_words():
    assert mentions("Someone often goes") == []


def test_english_words_and_chinese_numerals_that_are_not_numbers():
    assert [m.kind for m in find_numbers("一定会")] == [None]
    assert find_numbers("二〇二六年") == []  # digit by digit is a year, not a quantity


def test_huge_digit_runs_are_ignored_instead_of_overflowing():
    assert find_numbers("1" * 5000) == []
    assert [m.value for m in find_numbers("1" * 15 + " days")] == [111111111111111.0]


def test_no_numbers():
    assert find_numbers("") == []
    assert find_numbers("Sorry about that!") == []


def test_offsets_point_into_the_text():
    text = "退款需要七天，优惠券最多二十美元。Refund in 5 days."
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
    assert [text[m.start : m.end] for m in find_numbers(text)] == ["七天", "二十美元", "5 days"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3-5 days", "3", "5 days"),
        ("3 to 5 days", "3", "5 days"),
        ("between 3 and 5 business days", "3", "5 business days"),
        ("三到五天", "三", "五天"),
        ("3~5个工作日", "3", "5个工作日"),
        ("$10-$20", "$10", "$20"),
    ],
)
def test_a_range_marks_its_ends(text, low, high):
    first, second = find_numbers(text)
    assert (text[first.start : first.end], first.opens_range, first.range_start) == (
        low,
        True,
        None,
    )
    assert (text[second.start : second.end], second.opens_range) == (high, False)
    assert second.range_start == first.start


@pytest.mark.parametrize(
    "text", ["30 or 90 days", "5-5 days", "3 and 5 days", "退货30天或者质量问题90天", "3天到5月"]
)
def test_alternatives_and_equal_ends_are_not_ranges(text):
    assert not any(m.opens_range or m.range_start is not None for m in find_numbers(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("满200减30", [(200, True), (30, True)]),
        ("每满二百减三十", [(200, True), (30, True)]),
        ("满200元立减30", [(200, False), (30, True)]),
        ("满3件减10", [(3, None), (10, True)]),  # three items, not three yuan
        ("满18岁", [(18, None)]),
        ("200减30", [(200, None), (30, True)]),
    ],
)
def test_chinese_promotion_amounts_without_a_unit_are_implied(text, expected):
    found = [(m.value, m.implied if m.kind else None) for m in find_numbers(text)]
    assert found == expected
    assert all(m.kind == "amount" and m.currency is None for m in find_numbers(text) if m.implied)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Puede devolverlo en 30 días.", 30, "days"),
        ("dentro de 5 dias hábiles", 5, "days"),
        ("Dalam 10 hari kerja", 10, "days"),
        ("paket tertahan 24 jam", 24, "hours"),
        ("خلال 7 أيام", 7, "days"),
        ("خلال ٧ أيام", 7, "days"),
        ("خلال 48 ساعة", 48, "hours"),
    ],
)
def test_spanish_indonesian_and_arabic_units(text, value, kind):
    (mention,) = find_numbers(text)
    assert (mention.value, mention.kind) == (value, kind)


def test_a_spanish_return_window_is_checked_against_the_policy():
    from curricula.library import load_library
    from grading.policy_grader import grade_policy

    policy = load_library().policy("returns-refunds")
    assert grade_policy("Puede devolverlo en 30 días.", policy).value == 100
    wrong = grade_policy("Puede devolverlo en 10 días.", policy)
    assert [r.kind for r in wrong.findings] == ["wrong_number"]
