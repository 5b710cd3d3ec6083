from __future__ import annotations

import pytest

from grading.empathy_grader import grade_empathy

FULL_EN = (
    "I understand how frustrating this is, and I'm sorry it has taken three weeks. "
    "Could you tell me the order number? I'll check the refund right away."
)
FULL_ZH = "理解您的心情，真的很抱歉让您久等了。请问您的订单号是多少？我来帮您查一下退款进度。"


def found(score):
    return {r.kind for r in score.reasons if r.points > 0}


def test_acknowledge_apologise_ask_and_own_reaches_85_in_english(quotes_in):
    score = grade_empathy(FULL_EN)
    assert score.value >= 85
    assert found(score) >= {"acknowledges_feeling", "apology", "asks_question", "owns_next_step"}
    assert score.findings == []
    quotes_in(FULL_EN, score)


def test_acknowledge_apologise_ask_and_own_reaches_85_in_chinese(quotes_in):
    score = grade_empathy(FULL_ZH)
    assert score.value >= 85
    assert found(score) >= {"acknowledges_feeling", "apology", "asks_question", "owns_next_step"}
    quotes_in(FULL_ZH, score)


def test_dismissive_reply_scores_below_30(quotes_in):
    reply = "Please calm down. Refunds take time."
    score = grade_empathy(reply)
    assert score.value < 30
    (finding,) = score.findings
    assert finding.kind == "dismissive"
    assert finding.points == -30
    assert "calm down" in finding.quote
    quotes_in(reply, score)


def test_bare_please_wait_is_about_20():
    score = grade_empathy("Please wait.")
    assert 20 <= score.value <= 30
    assert found(score) == set()


def test_missing_behaviours_are_explained():
    score = grade_empathy("Please wait.")
    missing = {r.kind: r for r in score.reasons}
    assert {"no_acknowledgement", "no_apology", "no_question", "no_next_step"} <= set(missing)
    assert missing["no_acknowledgement"].text.startswith(
        "Nothing acknowledges how the customer feels."
    )
    assert all(r.points == 0 and r.quote is None for r in missing.values())


def test_missing_reason_mentions_an_upset_customer_and_suggests_in_their_language():
    score = grade_empathy("请稍等。", customer_text="到底怎么回事？我的退款呢！！")
    reason = next(r for r in score.reasons if r.kind == "no_acknowledgement")
    assert "upset" in reason.text
    assert "理解您的心情" in reason.text


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("I can see why you're upset.", "acknowledges_feeling"),
        ("That must be so annoying.", "acknowledges_feeling"),
        ("让您着急了。", "acknowledges_feeling"),
        ("理解您的心情。", "acknowledges_feeling"),
        ("I apologize for the delay.", "apology"),
        ("对不起。", "apology"),
        ("不好意思。", "apology"),
        ("This happens when the courier scans late.", "explains"),
        ("It is late because the warehouse was closed.", "explains"),
        ("因为仓库还没收到货。", "explains"),
        ("原因是银行处理需要时间。", "explains"),
        ("Can you tell me the order number.", "asks_question"),
        ("When did it arrive?", "asks_question"),
        ("请问是哪天收到的。", "asks_question"),
        ("麻烦您提供一下订单号。", "asks_question"),
        ("收到了吗？", "asks_question"),
        ("Let me check that for you.", "owns_next_step"),
        ("I've escalated it.", "owns_next_step"),
        ("我来处理。", "owns_next_step"),
        ("我会跟进的。", "owns_next_step"),
    ],
)
def test_each_behaviour_is_recognised_in_english_and_chinese(reply, kind, quotes_in):
    score = grade_empathy(reply)
    assert kind in found(score)
    assert score.value > 20
    quotes_in(reply, score)


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("As I already said, it is not possible.", "dismissive"),
        ("That is not our problem.", "dismissive"),
        ("There's nothing we can do.", "dismissive"),
        ("请冷静一下。", "dismissive"),
        ("我已经说过了。", "dismissive"),
        ("这不关我们的事。", "dismissive"),
        ("没办法。", "dismissive"),
        ("You should have read the terms.", "blame"),
        ("That's your fault.", "blame"),
        ("You didn't read the email.", "blame"),
        ("你自己看规则。", "blame"),
        ("是您自己弄坏的。", "blame"),
    ],
)
def test_dismissive_and_blaming_language_costs_30(reply, kind, quotes_in):
    score = grade_empathy(reply)
    assert kind in {r.kind for r in score.findings}
    assert all(r.points == -30 for r in score.findings)
    assert score.value < 20  # below the base a neutral reply gets
    quotes_in(reply, score)


def test_each_negative_phrase_counts():
    # A specific apology, so that the first finding does not already clamp the score to 0 (a
    # bare "I'm sorry, but" is a weak apology now, and 20 + 10 - 30 would hide the second).
    one = grade_empathy("I'm sorry it took so long, but calm down.")
    two = grade_empathy(
        "I'm sorry it took so long, but calm down. As I already said, that's your fault."
    )
    assert len(one.findings) == 1
    assert len(two.findings) == 3
    assert two.value < one.value


def test_repeating_a_behaviour_does_not_raise_the_score():
    once = grade_empathy("I'm sorry.")
    many = grade_empathy("I'm sorry. " * 5 + "So sorry! My apologies. 抱歉，对不起。")
    assert many.value == once.value
    assert [r.kind for r in many.reasons].count("apology") == 1


def test_padding_does_not_raise_the_score():
    short = grade_empathy("I'm sorry.")
    padded = grade_empathy("I'm sorry. " + "Our company values every single customer. " * 40)
    assert padded.value == short.value


def test_negated_blame_is_not_blame():
    score = grade_empathy("It's not your fault at all. 这不是您的错。")
    assert score.findings == []


def test_negated_acknowledgement_is_not_acknowledgement():
    assert "acknowledges_feeling" not in found(grade_empathy("I don't understand your point."))


def test_let_me_know_is_a_question_not_owning_the_next_step():
    score = grade_empathy("Let me know your order number.")
    assert found(score) == {"asks_question"}


def test_positive_words_inside_a_dismissive_phrase_earn_nothing():
    score = grade_empathy("I'm sorry you feel that way. I've already told you.")
    assert found(score) == set()
    assert len(score.findings) == 2
    assert score.value == 0


def test_a_question_that_brushes_off_is_not_interest():
    score = grade_empathy("Can you calm down?")
    assert "asks_question" not in found(score)


def test_mixed_language_reply():
    score = grade_empathy("Sorry! 请问您的订单号是多少？ I'll check.")
    assert found(score) >= {"apology", "asks_question", "owns_next_step"}


def test_persona_examples_rank_good_above_bad():
    good_zh = (
        "阿姨您别着急，收到的东西和图片不一样确实让人烦心。"
        "麻烦您告诉我订单号，我帮您一步一步办理退换。"
    )
    bad_zh = "规则页面上都写了，您自己看一下。"
    assert grade_empathy(good_zh).value >= 85
    assert grade_empathy(bad_zh).value < 30
    bad_en = "The 30-day window has passed, so there's nothing we can do."
    assert grade_empathy(bad_en).value < 30


@pytest.mark.parametrize("reply", ["", "   ", "\n\t", "\x00\x01\x02"])
def test_empty_reply_scores_zero(reply):
    score = grade_empathy(reply)
    assert score.value == 0
    assert [r.kind for r in score.findings] == ["empty_reply"]


def test_language_argument_only_changes_suggestions():
    en = grade_empathy("OK.", language="en")
    zh = grade_empathy("OK.", language="zh")
    assert en.value == zh.value
    assert en.reasons != zh.reasons
