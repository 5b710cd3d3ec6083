"""Quantities: numbers with unit, range, limit, approximation and stance, in five languages.

Each case is written as a short description of every quantity found, in order:
"5-7 business_days at_most ~ negated" = low 5, high 7, unit business_days, limit at_most,
approximate, stance negated (exact and asserted are left out; a currency follows its unit).
"""

from __future__ import annotations

import pytest

from grading.reading.model import Quantity, Reading, Sentence
from grading.reading.normalise import normalise
from grading.reading.quantities import find_quantities, scan


def quantities(text: str, lang: str = "en") -> list[Quantity]:
    norm, _ = normalise(text)
    return scan(norm, [(0, len(norm), lang)])


def number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def brief(q: Quantity) -> str:
    out = number(q.low) + (f"-{number(q.high)}" if q.is_range else "") + f" {q.unit}"
    if q.currency:
        out += f" {q.currency}"
    if q.limit != "exact":
        out += f" {q.limit}"
    if q.approximate:
        out += " ~"
    if q.stance != "asserted":
        out += f" {q.stance}"
    return out


def briefs(text: str, lang: str = "en") -> list[str]:
    return [brief(q) for q in quantities(text, lang)]


EN = [
    ("Your refund will arrive within 5 business days.", ["5 business_days at_most"]),
    ("It usually takes 5 to 7 days.", ["5-7 days"]),
    ("Delivery takes 5-7 working days", ["5-7 business_days"]),
    ("anywhere between 5 and 7 days", ["5-7 days"]),
    ("You can return it in 30 or 90 days", ["30 days", "90 days"]),
    ("We will call you back in half an hour.", ["0.5 hours"]),
    ("Please allow 10 calendar days", ["10 days"]),
    ("You have at least 14 days to decide", ["14 days at_least"]),
    ("It takes about three weeks", ["3 weeks ~"]),
    ("a refund of $1,250.50 has been issued", ["1250.5 currency USD"]),
    ("We can offer 20% off or 15 euros", ["20 percent", "15 currency EUR"]),
    ("We refund no more than 200 USD", ["200 currency USD at_most"]),
    ("It is not more than 48 hours", ["48 hours at_most"]),
    ("It will be ready in a few days", ["2-5 days ~"]),
    ("one hundred and fifty dollars will be credited", ["150 currency USD"]),
    ("We process refunds within 24h", ["24 hours at_most"]),
    ("A 3-day grace period applies", ["3 days"]),
    ("Shipping costs 5k rupiah", ["5000 currency IDR"]),
    ("We have a 7-day return window", ["7 days"]),
    ("£20 or 20€ or 20 €", ["20 currency GBP", "20 currency EUR", "20 currency EUR"]),
    ("It costs US$ 20", ["20 currency USD"]),
    ("a refund of 150 yuan", ["150 currency CNY"]),
    ("Call me in 5 minutes", ["5 None"]),
    ("from 5 to 7 days after delivery", ["5-7 days"]),
    ("free shipping above $50", ["50 currency USD at_least"]),
    ("Allow 2 weeks, or 14 calendar days", ["2 weeks", "14 days"]),
]

EN_STANCE = [
    ("The window is not 30 days.", ["30 days negated"]),
    ("It's not 30 days — it's 60.", ["30 days corrected", "60 days"]),
    ("The window is 60 days, not 30.", ["60 days", "30 days corrected"]),
    ("You said 30 days, but the policy is 60 days.", ["30 days quoting", "60 days"]),
    ('The ad said "30 days" but the policy says 60 days.', ["30 days quoting", "60 days"]),
    ("If the item arrives damaged, you have 7 days to report it.", ["7 days conditional"]),
    ("You ordered it 3 weeks ago.", ["3 None"]),
    ("Our team works 24 hours a day", ["24 hours"]),
    ("Meals are covered up to 40 EUR a day", ["40 currency EUR at_most"]),
    ("Parking costs $12 a day", ["12 currency USD"]),
    ("We check it twice a week", []),
    ("on a day-to-day basis", []),
    ("Your parcel is 2 days late, sorry!", ["2 None"]),
    ("You have been waiting for 3 days, I know.", ["3 None"]),
    # a negation about something else does not deny the number
    ("We do not refund after 30 days.", ["30 days"]),
    ("It doesn't take 30 days.", ["30 days negated"]),
    ("It won't be more than 48 hours.", ["48 hours at_most"]),
    ("We'll get back to you in a day or two.", ["1-2 days ~"]),
    ("Please allow 2 or 3 business days", ["2-3 business_days ~"]),
]

# Identifiers, dates and times are not quantities of a policy.
EN_IDENTIFIERS = [
    ("Your order ORD-123 is on its way", []),
    ("Call 13800138000 or write to us", []),
    ("Order #4521 ships today", []),
    ("Tracking number AB12345CD", []),
    ("Delivery on 2026-12-03 at 10:30", []),
    ("It arrives at 5pm", []),
    ("There are 3 items in your order", ["3 None"]),
    ("No one will charge you", []),
]

ZH = [
    ("运费一百五元", ["150 currency CNY"]),
    ("我们补偿您两万五元", ["25000 currency CNY"]),
    ("退您一千二元", ["1200 currency CNY"]),
    ("三千五块钱", ["3500 currency CNY"]),
    ("这个七块五", ["7.5 currency CNY"]),
    ("十分抱歉给您带来不便", []),
    ("请稍等一下，我们一起看看", []),
    ("半小时内回复您", ["0.5 hours at_most"]),
    ("三到五个工作日内退款", ["3-5 business_days at_most"]),
    ("5至7天送达", ["5-7 days"]),
    ("5~7天", ["5-7 days"]),
    ("两三天就到", ["2-3 days ~"]),
    ("大概十几天", ["11-19 days ~"]),
    ("7天无理由退货", ["7 days"]),
    ("48小时内发货", ["48 hours at_most"]),
    ("7个自然日", ["7 days"]),
    ("至少3天", ["3 days at_least"]),
    ("最多不超过30天", ["30 days at_most"]),
    ("大约3天左右", ["3 days ~"]),
    ("预计约3天", ["3 days ~"]),
    ("约3天", ["3 days ~"]),
    ("预约3天后", ["3 days"]),
    ("优惠百分之二十", ["20 percent"]),
    ("打个折，减20%", ["20 percent"]),
    ("一个半小时", ["1.5 hours"]),
    ("半个月", ["0.5 months ~"]),
    ("两个星期", ["2 weeks"]),
    ("第三天", []),
    ("第3天就到了", []),
    ("下午3点签收", []),
    ("5月3日发货", []),
    ("十多天", ["10 days ~"]),
    ("10余天", ["10 days ~"]),
    ("七八天", ["7-8 days ~"]),
    ("几个工作日", ["2-9 business_days ~"]),
    ("两天半", ["2.5 days"]),
    ("退3万元", ["30000 currency CNY"]),
    ("¥150", ["150 currency CNY"]),
    ("100美元", ["100 currency USD"]),
    ("周一到周五", []),
    ("11月12日发货", []),
    ("一块手表", []),
    ("万一有问题", []),
    # a promotion's bare amounts stay bare: the policy grader reads 满/减 before them itself
    ("跨店满减是满300减30哦", ["300 None", "30 None"]),
    ("满3件减10元", ["3 None", "10 currency CNY"]),
    ("我这边最多可以为您申请20美元的代金券", ["20 currency USD at_most"]),
    ("至少需要3天", ["3 days at_least"]),
]

ZH_STANCE = [
    ("不是30天，是60天", ["30 days corrected", "60 days"]),
    ("退款期限不是30天", ["30 days negated"]),
    ("您说的30天不对", ["30 days quoting"]),
    ("如果商品有质量问题，7天内可以退", ["7 days at_most conditional"]),
    ("您3天前下的单", ["3 None"]),
    ("您已经等了3天了", ["3 None"]),
    ("不会超过30天", ["30 days at_most"]),
    ("不需要30天", ["30 days negated"]),
]

ES = [
    ("El reembolso tarda de 5 a 7 días hábiles", ["5-7 business_days"]),
    ("entre 5 y 7 días", ["5-7 days"]),
    ("Tiene 30 días naturales para devolverlo", ["30 days"]),
    ("Le devolvemos el dinero en 10 días corridos", ["10 days"]),
    ("dentro de 3 días laborables", ["3 business_days at_most"]),
    ("hasta 50 euros de compensación", ["50 currency EUR at_most"]),
    ("al menos quince días", ["15 days at_least"]),
    ("aproximadamente 2 semanas", ["2 weeks ~"]),
    ("unos 3 días", ["3 days ~"]),
    ("el envío cuesta 1.500 pesos", ["1500 None"]),
    ("te devolvemos 1.000,50 €", ["1000.5 currency EUR"]),
    ("en media hora le llamo", ["0.5 hours"]),
    ("treinta y cinco dólares", ["35 currency USD"]),
    ("un 10 por ciento de descuento", ["10 percent"]),
    ("uno de los productos", []),
    ("envío gratis en compras mayores a 50 dólares", ["50 currency USD at_least"]),
    # Spanish-English mixed
    ("El refund tarda 5 business days", ["5 business_days"]),
    ("te lo mandamos within 48 horas", ["48 hours at_most"]),
]

ES_STANCE = [
    ("No son 30 días sino 60", ["30 days corrected", "60 days"]),
    ("no son 30 días", ["30 days negated"]),
    ("Usted dijo 30 días, pero son 60 días", ["30 days quoting", "60 days"]),
    ("Si el producto llega dañado, tiene 7 días", ["7 days conditional"]),
    ("Lo compró hace 3 días", ["3 None"]),
    ("Lleva 3 días procesar el reembolso", ["3 days"]),
    ("llevas esperando 5 días, lo siento", ["5 None"]),
    ("No es de 30 días, son 15.", ["30 days corrected", "15 days"]),
    ("no reembolsamos después de 30 días", ["30 days"]),
    ("le llega en 2 o 3 días", ["2-3 days ~"]),
]

ID = [
    ("Dana akan kembali dalam 3 hari kerja", ["3 business_days at_most"]),
    ("Pengiriman 5 sampai 7 hari", ["5-7 days"]),
    ("Pengiriman 5 hingga 7 hari kerja", ["5-7 business_days"]),
    ("sekitar 5-7 hari", ["5-7 days ~"]),
    ("antara 2 dan 4 minggu", ["2-4 weeks"]),
    ("maksimal 14 hari kalender", ["14 days at_most"]),
    ("paling lambat dua puluh empat jam", ["24 hours at_most"]),
    ("minimal tiga hari", ["3 days at_least"]),
    ("setengah jam lagi", ["0.5 hours"]),
    ("kami kembalikan Rp 50.000", ["50000 currency IDR"]),
    ("ongkirnya 20rb rupiah", ["20000 currency IDR"]),
    ("seratus lima puluh ribu rupiah", ["150000 currency IDR"]),
    ("diskon 10 persen", ["10 percent"]),
    ("sebelas hari", ["11 days"]),
    ("kira-kira seminggu", ["1 weeks ~"]),
    ("Rp50.000 sudah kami refund", ["50000 currency IDR"]),
    ("IDR 1,500,000", ["1500000 currency IDR"]),
    ("ongkir 15 ribu", ["15000 None"]),
    ("gratis ongkir di atas 50 ribu rupiah", ["50000 currency IDR at_least"]),
    ("beberapa hari", ["2-5 days ~"]),
    ("untuk kebutuhan sehari-hari", []),
    ("dicek seminggu sekali", []),
    ("dalam sehari", ["1 days at_most"]),
]

ID_STANCE = [
    ("Bukan 30 hari tapi 60 hari", ["30 days corrected", "60 days"]),
    ("bukan 30 hari", ["30 days negated"]),
    ("Anda bilang 30 hari, tapi kebijakannya 60 hari", ["30 days quoting", "60 days"]),
    ("Kalau barangnya rusak, Anda punya 7 hari", ["7 days conditional"]),
    ("Pesanan dibuat 3 hari yang lalu", ["3 None"]),
    ("Mohon ditunggu 2x24 jam ya kak", ["48 hours"]),
    ("garansi selama 7 hari", ["7 days"]),
    ("paket kakak terlambat 2 hari", ["2 None"]),
]

AR = [
    ("سيصلك المبلغ خلال 3 أيام", ["3 days at_most"]),
    ("من 5 إلى 7 أيام", ["5-7 days"]),
    ("5 الى 7 ايام عمل", ["5-7 business_days"]),
    ("التوصيل يستغرق يومين", ["2 days"]),
    ("سنرد عليك خلال ساعتين", ["2 hours at_most"]),
    ("الاسترجاع خلال أسبوعين", ["2 weeks at_most"]),
    ("نص ساعة وبيوصلك", ["0.5 hours"]),
    ("ثلاثة أيام عمل", ["3 business_days"]),
    ("عشرة أيام", ["10 days"]),
    ("يوم واحد فقط", ["1 days"]),
    ("خلال أسبوع", ["1 weeks at_most"]),
    ("حوالي 10 أيام", ["10 days ~"]),
    ("على الأقل 14 يوم", ["14 days at_least"]),
    ("تعويض 100 ريال", ["100 currency SAR"]),
    ("خصم 20 بالمئة", ["20 percent"]),
    ("خصم ٢٠٪", ["20 percent"]),
    ("الشحن مجاني للطلبات فوق ٥٠ دولارا", ["50 currency USD at_least"]),
    ("بضعة أيام", ["2-5 days ~"]),
    ("شهرين", ["2 months"]),
    ("يوم الاثنين", []),
    ("مية ريال", ["100 currency SAR"]),
    ("خمسة وعشرين درهم", ["25 currency AED"]),
    # Arabic-Indic digits, as the customer's keyboard writes them
    ("خلال ٣ أيام", ["3 days at_most"]),
    ("من ٥ إلى ٧ أيام", ["5-7 days"]),
]

AR_STANCE = [
    ("مش 30 يوم، 60 يوم", ["30 days corrected", "60 days"]),
    ("ليس 30 يوم", ["30 days negated"]),
    ("قلت 30 يوم لكن السياسة 60 يوم", ["30 days quoting", "60 days"]),
    ("إذا وصل المنتج تالفا لديك 7 أيام", ["7 days conditional"]),
    ("طلبت المنتج قبل 3 أيام", ["3 None"]),
    ("منذ يومين", ["2 None"]),
    ("لا يستغرق 30 يوما", ["30 days negated"]),
    ("قالوا لك 30 يوم بس الصح 14 يوم", ["30 days quoting", "14 days"]),
    ("المبلغ سيصل بعد يومين إلى ثلاثة أيام", ["2-3 days"]),
    # the far end says which days: "two days to five working days" is one range of working days
    ("تصلك خلال يومين إلى خمسة أيام عمل", ["2-5 business_days at_most"]),
    ("سيتم الرد عليك خلال ثلاثة أيام عمل", ["3 business_days at_most"]),
    ("يمكنك إرجاع المنتج خلال ثلاثين يوما", ["30 days at_most"]),
    ("الطلب رقم ٤٥٦٧٨٩١٢ قيد المعالجة", []),
]


@pytest.mark.parametrize(("text", "expected"), EN + EN_STANCE + EN_IDENTIFIERS)
def test_english(text: str, expected: list[str]) -> None:
    assert briefs(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), ZH + ZH_STANCE)
def test_chinese(text: str, expected: list[str]) -> None:
    assert briefs(text, "zh") == expected


@pytest.mark.parametrize(("text", "expected"), ES + ES_STANCE)
def test_spanish(text: str, expected: list[str]) -> None:
    assert briefs(text, "es") == expected


@pytest.mark.parametrize(("text", "expected"), ID + ID_STANCE)
def test_indonesian(text: str, expected: list[str]) -> None:
    assert briefs(text, "id") == expected


@pytest.mark.parametrize(("text", "expected"), AR + AR_STANCE)
def test_arabic(text: str, expected: list[str]) -> None:
    assert briefs(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Your refund of $45.90 arrives within 5-7 business days. "
            "If it hasn't arrived after 10 days, reply here.",
            "en",
            ["45.9 currency USD", "5-7 business_days at_most", "10 days conditional"],
        ),
        ("We refund within 7 days if the item is defective", "en", ["7 days at_most conditional"]),
        (
            "退款一百五元会在三到五个工作日内原路退回，如果7天内没有到账请再联系我们",
            "zh",
            ["150 currency CNY", "3-5 business_days at_most", "7 days at_most conditional"],
        ),
        (
            "سيتم استرداد 150 ريال خلال 5 إلى 7 أيام عمل، "
            "وإذا لم يصلك المبلغ خلال أسبوعين تواصل معنا",
            "ar",
            ["150 currency SAR", "5-7 business_days at_most", "2 weeks at_most conditional"],
        ),
    ],
)
def test_a_condition_covers_its_own_clause_and_the_next(
    text: str, lang: str, expected: list[str]
) -> None:
    # the sentence splitter keeps these as one sentence; scan sees them whole
    assert briefs(text, lang) == expected


def test_decimal_separators_follow_the_language() -> None:
    assert briefs("1.500 dollars", "en") == ["1.5 currency USD"]
    assert briefs("1.500 dólares", "es") == ["1500 currency USD"]
    assert briefs("Rp 1.500", "en") == ["1500 currency IDR"]
    assert briefs("1,5 horas", "es") == ["1.5 hours"]


def test_quote_spans_the_number_and_its_unit() -> None:
    text = "Refunds take about 5-7 business days."
    (q,) = quantities(text)
    assert text[q.start : q.end] == "5-7 business days"


def test_sentence_index_and_offsets_in_norm() -> None:
    norm = "we ship today. it takes 3 days. 运费一百五元"
    spans = [(0, 14, "en"), (15, 31, "en"), (32, len(norm), "zh")]
    found = scan(norm, spans)
    assert [(q.sentence, norm[q.start : q.end]) for q in found] == [(1, "3 days"), (2, "一百五元")]


def test_a_past_event_takes_no_part_in_a_correction() -> None:
    norm = "it is not 30. you ordered it 3 days ago."
    found = scan(norm, [(0, 13, "en"), (14, len(norm), "en")])
    assert [brief(q) for q in found] == ["30 None negated", "3 None"]


def test_a_span_past_the_end_of_the_text_is_cut() -> None:
    (q,) = scan("within 5 days", [(0, 40, "en")])
    assert (q.start, q.end, q.unit) == (7, 13, "days")


def test_correction_reaches_into_the_next_sentence() -> None:
    norm = "it is not 30 days. it is 60."
    found = scan(norm, [(0, 18, "en"), (19, len(norm), "en")])
    assert [brief(q) for q in found] == ["30 days corrected", "60 days"]


def test_find_quantities_returns_original_offsets() -> None:
    text = "Ｒｅｆｕｎｄ\u200b within ５ business days"
    norm, offsets = normalise(text)
    reading = Reading(
        text=text,
        norm=norm,
        offsets=offsets,
        language="en",
        sentences=[Sentence(0, len(text), "en", (0, 0))],
    )
    (q,) = find_quantities(reading)
    assert text[q.start : q.end] == "５ business days"
    assert (q.low, q.unit, q.limit) == (5, "business_days", "at_most")


def test_numbers_with_no_unit_are_bare() -> None:
    (q,) = quantities("I see 3 parcels")
    assert q.unit is None and q.currency is None


def test_read_quotes_the_original_text() -> None:
    from grading.reading import read

    text = "退款¥１５０，\u200b３个工作日内到账。 It takes 5\u2060 business days."
    found = read.__wrapped__(text).quantities
    quotes = [text[q.start : q.end] for q in found]
    assert quotes == ["¥１５０", "３个工作日", "5\u2060 business days"]
    assert [q.sentence for q in found] == [0, 0, 1]


@pytest.mark.parametrize("text", ["七块五", "运费七块五毛", "7天", "half an hour", "يومين"])
def test_a_quantity_at_the_very_end_quotes_to_the_end(text: str) -> None:
    from grading.reading import read

    (q,) = read.__wrapped__(text).quantities
    assert q.end <= len(text) and text[q.start : q.end] == text[len(text) - (q.end - q.start) :]


def test_a_bare_no_in_the_data_is_refused() -> None:
    from grading.reading.quantity_patterns import _alternation

    with pytest.raises(ValueError, match="not a phrase"):
        _alternation(["not", False])


def test_cn2an_is_imported_only_for_a_chinese_numeral() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grading.reading.quantities import scan\n"
        "t = 'refund within 5 days, 运费150元'\n"
        "scan(t, [(0, len(t), 'en')])\n"
        "assert 'cn2an' not in sys.modules\n"
        "t = '运费一百五元'\n"
        "assert scan(t, [(0, len(t), 'zh')])[0].low == 150\n"
        "assert 'cn2an' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# Compound number words, ranges written with a currency on both ends, halves, and the unit
# words of business days in every language.
COMPOUNDS_RANGES_HALVES = [
    ("within twenty-one days", "en", ["21 days at_most"]),
    ("within ninety-nine days", "en", ["99 days at_most"]),
    ("forty-five days to return it", "en", ["45 days"]),
    ("twenty-one", "en", []),  # a number word with no unit is a word
    ("veintiún días", "es", ["21 days"]),
    ("treinta y cinco días", "es", ["35 days"]),
    ("百分之百", "zh", ["100 percent"]),
    ("百分之百保证正品", "zh", ["100 percent"]),
    ("百分之百分之百分之", "zh", []),
    ("I can add a voucher of $20-$30.", "en", ["20-30 currency USD"]),
    ("a voucher of $20 - $30", "en", ["20-30 currency USD"]),
    ("a voucher of 20-$30", "en", ["20-30 currency USD"]),
    ("$10-20", "en", ["10-20 currency USD"]),
    ("€15–€25", "en", ["15-25 currency EUR"]),
    ("10%-20% off", "en", ["10-20 percent"]),
    ("20-30元", "zh", ["20-30 currency CNY"]),
    ("Rp50.000-Rp100.000", "id", ["50000-100000 currency IDR"]),
    ("it costs 20$ and the fee is 5$", "en", ["20 currency USD", "5 currency USD"]),
    ("2 business days", "en", ["2 business_days"]),
    ("dos días hábiles", "es", ["2 business_days"]),
    ("2 hari kerja", "id", ["2 business_days"]),
    ("2个工作日", "zh", ["2 business_days"]),
    ("يومين عمل", "ar", ["2 business_days"]),
    ("three weeks", "en", ["3 weeks"]),
    ("one and a half hours", "en", ["1.5 hours"]),
    ("within two and a half days", "en", ["2.5 days at_most"]),
    ("2 and a half hours", "en", ["2.5 hours"]),
    ("an hour and a half", "en", ["1.5 hours"]),
    ("a day and a half", "en", ["1.5 days"]),
    ("a week and a half", "en", ["1.5 weeks"]),
    ("two hours and a half", "en", ["2.5 hours"]),
    ("one and a half", "en", []),
    ("3 days and a half-hour call", "en", ["3 days"]),
    ("dos horas y media", "es", ["2.5 hours"]),
    ("una semana y media", "es", ["1.5 weeks"]),
    ("3 días y media hora", "es", ["3 days", "0.5 hours"]),
    ("satu setengah jam", "id", ["1.5 hours"]),
    ("un mes y medio", "es", ["1.5 months"]),
    ("a month and a half", "en", ["1.5 months"]),
    ("ثلاث ساعات ونص", "ar", ["3.5 hours"]),
    # a range of decimals is no date; a date, a phone number or a fraction stays skipped
    ("It takes 1-1.5 hours.", "en", ["1-1.5 hours"]),
    ("1.5-2 business days", "en", ["1.5-2 business_days"]),
    ("$5.50-$7.25", "en", ["5.5-7.25 currency USD"]),
    ("2.5-3.5% cashback", "en", ["2.5-3.5 percent"]),
    ("on 3.12.2026 or 12.03-15.03.2026", "en", []),
    ("call 555-123-4567", "en", []),
    ("1/2-1 day", "en", []),
    ("48 hrs", "en", ["48 hours"]),
    ("up to 25 USD", "en", ["25 currency USD at_most"]),
    # "pesos" is the currency of Mexico, Argentina, Colombia, Chile, the Philippines…: with no
    # country named, the amount stays without a currency (a bare number is compared with none)
    ("5 pesos", "es", ["5 None"]),
    ("5 pesos mexicanos", "es", ["5 currency MXN"]),
    ("MXN 250", "es", ["250 currency MXN"]),
    ("250 MXN", "en", ["250 currency MXN"]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), COMPOUNDS_RANGES_HALVES)
def test_compounds_ranges_and_halves(text: str, lang: str, expected: list[str]) -> None:
    assert briefs(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("I can add a voucher of $20-$30.", "$20-$30"),
        ("I can add a voucher of $10-20.", "$10-20"),
        ("Puedo darte €15–€25.", "€15–€25"),
        ("退您20-30元", "20-30元"),
        ("Kami refund Rp50.000-Rp100.000 ya", "Rp50.000-Rp100.000"),
        ("It is due within twenty-one days.", "twenty-one days"),
        ("We reply in one and a half hours.", "one and a half hours"),
    ],
)
def test_a_range_or_compound_is_quoted_whole(text: str, quote: str) -> None:
    from grading.reading import read

    (q,) = read.__wrapped__(text).quantities
    assert text[q.start : q.end] == quote
