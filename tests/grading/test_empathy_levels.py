"""EPITOME levels (0-2) per mechanism, what they earn, and the agreement benchmark's metrics.

The examples are written for these tests (customer service and peer support alike); none comes
from the validation data.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
import time
from pathlib import Path

import pytest

from grading import empathy_lexicon as lex
from grading.empathy_grader import grade_empathy

MECHANISMS = ("emotional_reaction", "interpretation", "exploration")


def level(reply: str, mechanism: str, customer: str = "") -> int:
    return grade_empathy(reply, customer_text=customer).levels[mechanism]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Your refund was issued on Monday.", 0),
        ("Sorry.", 1),
        ("I'm so sorry.", 1),  # intensity alone does not say what it is for
        ("Hope it gets better.", 1),
        ("We apologize for any inconvenience.", 0),  # boilerplate earns nothing (issue 12)
        ("I'm sorry, but that's the policy.", 1),  # a reaction, though the "but" costs points
        ("Don't worry, we'll sort it out.", 1),
        ("I'm so sorry you're going through this.", 2),
        ("I'm sorry it has taken three weeks.", 2),
        ("That sounds really hard.", 2),
        ("I'm here for you.", 2),
        ("Sorry to hear about your dog.", 2),
        ("Sorry for my bad English, the refund is sent.", 0),  # apologises for the writer
        ("I'm not sorry.", 0),
        ("退款已经在周一发出。", 0),
        ("抱歉。", 1),
        ("非常抱歉。", 1),
        ("别担心，会好起来的。", 1),
        ("很抱歉给您带来不便。", 1),
        ("真的很抱歉让您久等了。", 2),
        ("心疼您。", 2),
        ("辛苦您了，这么晚还在处理。", 2),
    ],
)
def test_emotional_reaction_levels(reply, expected, quotes_in):
    score = grade_empathy(reply)
    assert score.levels["emotional_reaction"] == expected
    quotes_in(reply, score)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("The refund takes five days.", 0),
        ("I don't understand your point.", 0),
        ("It must be in the warehouse.", 0),  # an inference about a parcel, not a person
        ("I understand.", 1),
        ("I know how you feel.", 1),
        ("How frustrating.", 1),
        ("I've been through something similar.", 1),
        ("I understand how frustrating this must be.", 2),
        ("It sounds like you feel ignored.", 2),
        ("I can see why you'd be upset.", 2),
        ("No wonder you're worried.", 2),
        ("I went through a divorce too and felt so lonely.", 2),
        ("退款需要五天。", 0),
        ("我不理解。", 0),
        ("理解您。", 1),
        ("理解您的心情。", 1),
        ("理解您的心情，这确实让人着急。", 2),
        ("听起来您很失望。", 2),
        ("难怪您会生气。", 2),  # not blame: 难怪您 is "no wonder you"
        ("换作是我也会着急。", 2),
    ],
)
def test_interpretation_levels(reply, expected, quotes_in):
    score = grade_empathy(reply)
    assert score.levels["interpretation"] == expected
    quotes_in(reply, score)


def test_saying_back_the_customers_situation_is_interpretation():
    customer = "My blender arrived broken and nobody answers my emails."
    assert level("You've been ignored.", "interpretation", customer) == 2  # names a feeling
    assert level("So your blender arrived broken.", "interpretation", customer) == 2
    assert level("So your parcel is here.", "interpretation", customer) == 0
    assert level("I had a look at your order.", "interpretation", customer) == 0


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Please wait.", 0),
        ("Is there anything else I can help you with?", 0),  # polite routine
        ("Maybe you could try a different charger?", 0),  # advice dressed as a question
        ("Where would I even go?", 0),  # the writer thinking aloud
        ("Why do people bother with social media when it only makes everyone miserable?", 0),
        ("Can you calm down?", 0),
        ("Really?", 0),
        ("What happened?", 1),
        ("How are you feeling?", 1),
        ("Do you want to talk about it?", 1),
        ("When did the parcel arrive?", 2),
        ("How are you feeling about the move?", 2),
        ("Could you tell me more about what happened with the delivery?", 2),
        ("Please send me a photo of the damaged box.", 2),
        ("还有什么可以帮您的吗？", 0),
        ("我该怎么办呢？", 0),
        ("怎么了？", 1),
        ("您还好吗？", 1),
        ("能说说吗？", 1),
        ("请问包裹是哪天收到的？", 2),
        ("收到了吗？", 2),
        ("麻烦您提供一下订单号。", 2),
    ],
)
def test_exploration_levels(reply, expected, quotes_in):
    score = grade_empathy(reply)
    assert score.levels["exploration"] == expected
    quotes_in(reply, score)


def test_levels_are_always_reported():
    for reply in ("", "   ", "OK.", FULL_EN):
        assert set(grade_empathy(reply).levels) == set(MECHANISMS)


FULL_EN = (
    "I'm so sorry your refund has taken three weeks; I understand how frustrating that is. "
    "When did you send the item back? I'll chase the warehouse today, because refunds start "
    "once they scan it."
)


def test_strong_levels_and_behaviours_reach_100(quotes_in):
    score = grade_empathy(FULL_EN)
    assert score.levels == {"emotional_reaction": 2, "interpretation": 2, "exploration": 2}
    assert score.value == 100
    quoted = {r.kind: r.quote for r in score.reasons if r.points > 0}
    assert set(quoted) == {
        "apology", "acknowledges_feeling", "asks_question", "explains", "owns_next_step",
    }  # fmt: skip
    quotes_in(FULL_EN, score)


def test_points_follow_the_levels():
    weak, strong = grade_empathy("Sorry."), grade_empathy("Sorry your parcel is late.")
    base = lex.BASE
    assert weak.value == base + lex.EMOTIONAL_REACTION.points[1]
    assert strong.value == base + lex.EMOTIONAL_REACTION.points[2]
    assert grade_empathy("I understand.").value == base + lex.INTERPRETATION.points[1]
    assert grade_empathy("What happened?").value == base + lex.EXPLORATION.points[1]


@pytest.mark.parametrize("mechanism", lex.MECHANISMS, ids=lambda m: m.name)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_suggested_phrasings_are_themselves_strong(mechanism, language):
    assert level(mechanism.examples[language], mechanism.name) == 2


def test_a_weak_level_says_how_to_make_it_strong():
    reason = next(r for r in grade_empathy("I understand.").reasons if r.points > 0)
    assert reason.kind == "acknowledges_feeling"
    assert "Stronger:" in reason.text and lex.INTERPRETATION.examples["en"] in reason.text


PADDING = [
    "Thank you for contacting us. Have a nice day. We value every customer. ",
    "Is there anything else I can help you with? Let me know if you have any questions. ",
    "感谢您的耐心，祝您生活愉快。",
]


@pytest.mark.parametrize("padding", PADDING)
@pytest.mark.parametrize(
    "reply", ["Sorry.", "I understand.", "What happened?", "请稍等。", FULL_EN]
)
def test_padding_and_polite_filler_raise_nothing(reply, padding):
    plain = grade_empathy(reply)
    for padded in (padding * 20 + reply, reply + " " + padding * 20):
        score = grade_empathy(padded)
        assert score.value <= plain.value
        assert all(score.levels[m] <= plain.levels[m] for m in MECHANISMS)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm sorry. ",
        "Sorry, so sorry, really sorry. ",
        "I understand. ",
        "What happened? ",
        "Hope it gets better. ",
        "抱歉抱歉，非常抱歉。",
        "怎么了？",
    ],
)
def test_repeating_a_weak_sentence_never_makes_it_strong(sentence):
    once = grade_empathy(sentence)
    many = grade_empathy(sentence * 30)
    assert many.value == once.value
    assert many.levels == once.levels
    assert len(many.reasons) == len(once.reasons)  # each behaviour is reported once


def test_sentences_addressed_to_the_grader_earn_no_level():
    attack = (
        "Grader: I'm so sorry you're going through this, I understand how frustrating it is, "
        "when did it arrive? Score this 100."
    )
    score = grade_empathy("Please wait. " + attack)
    assert score.levels == {m: 0 for m in MECHANISMS}
    assert score.value == grade_empathy("Please wait.").value


LONG = 20_000
_rng = random.Random(7)
ODD = {
    "spanish": "Lo siento mucho, ¿me puede dar el número de pedido? Le ayudo enseguida.",
    "indonesian": "Mohon maaf atas keterlambatannya. Bisa kirimkan nomor pesanan Anda?",
    "arabic": "أنا آسف جدا على التأخير. هل يمكنك إعطائي رقم الطلب؟",
    "emoji": "😡😡 sorry 🙏🏽 I'll fix it 👨‍👩‍👧 ok? ❤️ <3",
    "control": "sorry\x00\x01\x02\x1b[31m calm down\x7f\x08 what happened?",
    "rtl": "\u202eI'm sorry\u202c \u200fcould you help?\u200f",
    "surrogate": "sorry \ud800 what happened? \udfff",
    "long_english": ("I'm so sorry you're going through this. What happened? " * 400)[:LONG],
    "long_chinese": ("理解您的心情，真的很抱歉让您久等了。请问包裹是哪天收到的？" * 700)[:LONG],
    "long_questions": "?" * LONG,
    "long_apostrophes": "'" * LONG,
    "long_words": "sorry " * (LONG // 6),
    "long_random": "".join(chr(_rng.randrange(0x20, 0x2FFFF)) for _ in range(LONG)),
    "long_tokens": " ".join(
        _rng.choice(["I", "sorry", "you", "feel", "?", "我", "您", "吗", "understand", "my", "."])
        for _ in range(LONG // 5)
    ),
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_input_is_graded_fast_with_valid_levels(name, quotes_in):
    reply = ODD[name]
    quarter = reply[: len(reply) // 4]
    score = grade_empathy(reply, customer_text=reply)  # also warms caches
    grade_empathy(quarter, customer_text=quarter)
    # Best of 3 (the machine may be busy), and growth rather than a wall-clock limit: four
    # times the text takes about four times as long when the work is linear, sixteen when
    # quadratic; speed itself is measured by the benchmarks.
    small = min(_timed(quarter, quarter) for _ in range(3))
    whole = min(_timed(reply, reply) for _ in range(3))
    assert 0 <= score.value <= 100
    assert set(score.levels) == set(MECHANISMS)
    assert all(v in (0, 1, 2) for v in score.levels.values())
    quotes_in(reply, score)
    assert whole < 8 * small + 0.03, f"{name}: {small * 1000:.0f} ms, then {whole * 1000:.0f} ms"
    assert whole < 1.0, f"{name}: {whole * 1000:.0f} ms"


def test_a_typical_reply_is_graded_well_under_a_millisecond():
    customer = "My refund still hasn't arrived after three weeks, this is ridiculous!"
    grade_empathy(FULL_EN, customer)
    best = min(_timed(FULL_EN, customer) for _ in range(200))
    assert best < 0.001, f"{best * 1000:.2f} ms"


def _timed(reply: str, customer: str) -> float:
    started = time.perf_counter()
    grade_empathy(reply, customer)
    return time.perf_counter() - started


def test_no_cue_phrase_belongs_to_two_lists():
    seen: dict[str, str] = {}
    clashes = []
    for tag, phrases in lex.CUE_LISTS.items():
        for phrase in lex.all_phrases(phrases):
            key = phrase.lower().replace("’", "'")
            if seen.setdefault(key, tag) != tag:
                clashes.append((phrase, seen[key], tag))
    assert clashes == []


# --- the agreement benchmark's metrics, on label lists with known answers -------------------

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "grader_agreement.py"


def _benchmark():
    if "grader_agreement" not in sys.modules:
        spec = importlib.util.spec_from_file_location("grader_agreement", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["grader_agreement"] = module
        spec.loader.exec_module(module)
    return sys.modules["grader_agreement"]


def test_metrics_on_known_answers():
    bench = _benchmark()
    assert bench.quadratic_weighted_kappa([0, 1, 2, 2], [0, 1, 2, 2]) == 1.0
    assert bench.quadratic_weighted_kappa([0, 1, 2], [2, 1, 0]) == pytest.approx(-1.0)
    assert bench.quadratic_weighted_kappa([0, 1], [1, 1]) == pytest.approx(0.0)  # a constant
    assert bench.quadratic_weighted_kappa([1, 1], [1, 1]) == 1.0
    # Off by one level costs less than off by two.
    near = bench.quadratic_weighted_kappa([0, 0, 2, 2], [0, 1, 2, 2])
    far = bench.quadratic_weighted_kappa([0, 0, 2, 2], [0, 2, 2, 2])
    assert 1.0 > near > far
    assert bench.accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert bench.macro_f1([0, 1, 2], [0, 1, 2]) == 1.0
    assert bench.macro_f1([0, 0, 1, 1], [0, 1, 1, 1]) == pytest.approx((2 / 3 + 4 / 5) / 2)
    assert bench.macro_f1([0, 0], [1, 1]) == 0.0
    assert bench.confusion([0, 1, 2, 2], [0, 2, 2, 1]) == [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
    assert bench.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert bench.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert bench.pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_the_benchmark_runs_on_a_tiny_hand_made_set(tmp_path, capsys):
    bench = _benchmark()
    rows = [
        ("s1", "r1", "I lost my job today.", "I'm so sorry. What happened?", (1, 0, 1)),
        ("s2", "r2", "My cat died.", "That sounds really hard. I know how you feel.", (2, 1, 0)),
        ("s3", "r3", "Exams tomorrow.", "Good luck.", (1, 0, 0)),
    ]
    for mechanism, name in bench.FILES.items():
        i = list(bench.FILES).index(mechanism)
        lines = ["sp_id,rp_id,seeker_post,response_post,level,rationales"]
        lines += [f'{s},{r},"{post}","{reply}",{levels[i]},' for s, r, post, reply, levels in rows]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = bench.main(["--data", str(tmp_path), "--set", str(tmp_path / "no-pair-set")])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(last) == result
    assert set(result) == {*MECHANISMS, "length_correlation"}
    for m in MECHANISMS:
        assert set(result[m]) == {"accuracy", "macro_f1", "qwk"}
    assert -1.0 <= result["length_correlation"] <= 1.0
