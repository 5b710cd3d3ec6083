"""The offline customer listens (issue 13): it notices the form of a reply before its content,
remembers what it said and what it was offered, never sends a message twice, and each seed
draws a different temper within the persona's bounds."""

from __future__ import annotations

import pytest

from counterpart.customer import notice
from counterpart.customer.scripted import ScriptedCustomer
from counterpart.customer.state import MOOD_SPREAD, opening_state
from counterpart.persona_preview import PersonaPreview
from curricula.library import load_library
from personas.voice import REACTIONS, languages, voice

LIBRARY = load_library()
PERSONAS = sorted(LIBRARY.personas.values(), key=lambda p: p.id)


def policy_of(persona):
    refs = [ref.partition("#")[0] for ref in persona.policy_sections]
    return LIBRARY.policy(refs[0]) if refs else None


def chat(persona_id, seed=1):
    persona = LIBRARY.personas[persona_id]
    return PersonaPreview(
        persona, policy_of(persona), ScriptedCustomer(), seed=seed, sla_seconds=60, turn_limit=10
    )


def exchange(preview, text, seconds=20.0):
    preview.reply(text, seconds)
    return "".join(preview.customer_turn())


@pytest.mark.parametrize(
    "text",
    [
        "asdf jkl;",
        "qwertyuiop",
        "hhhhhhhhhh",
        "ok ok ok ok ok",
        "{{TEMPLATE_CLOSING_v3}} [customer_name]",
        "..,,..,,..",
        "啊啊啊啊啊",
        "شسيبلاتن ضصثق",
        "ñlkjh asdfg",
        "sdfsdf",
        "",
    ],
)
def test_gibberish_is_noticed_in_any_script(text):
    assert notice.gibberish(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ok.",
        "Could you share your order number?",
        "请问您的订单号是多少？",
        "¿Me das tu número de pedido, por favor?",
        "Boleh minta nomor pesanannya, Kak?",
        "ممكن رقم الطلب لو سمحت؟",
        "I understand the property was damaged; I'll check the liberty of it.",
        "A-10492",
    ],
)
def test_a_real_message_is_not_gibberish(text):
    assert not notice.gibberish(text)


def test_gibberish_gets_a_confused_answer_and_costs_patience():
    preview = chat("defective-blender-dispute")
    before = preview.step.state.patience
    answer = exchange(preview, "asdf jkl; qwer")
    assert answer in voice("en")["lines"]["confused"] + preview.persona.lines.confused
    assert preview.step.state.patience < before
    assert "Hold on" not in answer  # not taken as an instruction


def test_a_language_the_customer_cannot_read_is_asked_away_in_its_own_language():
    preview = chat("confused-first-order-zh")  # writes and reads Chinese only
    answer = exchange(preview, "Hello, could you please tell me your order number so I can help?")
    assert preview.step.reading.foreign and "中文" in answer
    assert preview.step.state.revealed == []  # it could not read the question
    # A customer who reads English as well takes the same question.
    reads_english = chat("video-removed-zh")
    assert "en" in reads_english.persona.reads
    exchange(reads_english, "Hello, could you tell me your account ID so I can check the video?")
    assert not reads_english.step.reading.foreign


def test_asked_again_for_a_fact_it_gave_it_says_so_with_the_value():
    preview = chat("rude-late-refund")
    ask = "I'm sorry about the wait. Could you tell me the order number?"
    first = exchange(preview, ask)
    assert "A-10492" in first
    patience = preview.step.state.patience
    again = exchange(preview, "Thanks. And what is your order number, please?")
    assert preview.step.reading.asked_again == ("order_number",)
    assert "A-10492" in again and again != first
    assert preview.step.state.patience < patience


def test_off_topic_text_and_bare_apologies_each_get_their_own_reaction():
    preview = chat("defective-blender-dispute")
    off = exchange(preview, "By the way, our air fryers are 25% off this weekend, great deal!")
    assert preview.step.reading.off_topic
    assert off in voice("en")["lines"]["off_topic"] + preview.persona.lines.off_topic
    sorry = exchange(preview, "I'm so sorry.")
    assert preview.step.reading.apology_only
    assert sorry in voice("en")["lines"]["apology_loop"] + preview.persona.lines.apology_loop


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_no_message_is_sent_twice_even_to_the_same_bad_reply(persona):
    preview = chat(persona.id)
    said = [preview.history[0][1]]
    for text in ["asdf jkl;", "Sorry.", "asdf jkl;", "Sorry.", "asdf jkl;"] * 2:
        if preview.ended:
            break
        said.append(exchange(preview, text))
    assert len(said) == len(set(said)), said


def test_a_wrong_number_is_answered_with_the_policys_own_in_the_customers_language():
    preview = chat("confused-first-order-zh")
    answer = exchange(preview, "退货的话，收到商品后7天内才可以退。")
    assert preview.step.reading.wrong_fact
    assert "30天" in answer  # returns-refunds: 30 days from delivery


def test_a_pasted_reply_is_not_late_for_the_customer_but_a_long_wait_is():
    fast = chat("rude-late-refund")
    exchange(fast, "I'm sorry for the wait. " * 30, seconds=2)
    assert not fast.step.reading.late
    slow = chat("rude-late-refund")
    exchange(slow, "I'm sorry for the wait. Could you tell me the order number?", seconds=400)
    assert slow.step.reading.late


def test_seeds_draw_the_temper_within_bounds_and_replay_identically():
    persona = LIBRARY.personas["rude-late-refund"]
    states = [opening_state(persona, seed) for seed in range(1, 21)]
    assert len({(s.satisfaction, s.patience, s.satisfied_at) for s in states}) >= 10
    for s in states:
        assert abs(s.satisfaction - persona.start_satisfaction) <= MOOD_SPREAD
        assert abs(s.patience - persona.patience) <= 1
    assert opening_state(persona, 7) == opening_state(persona, 7)
    assert opening_state(persona) == opening_state(persona.model_copy())  # no seed: as written

    def path(seed):
        preview = chat("rude-late-refund", seed)
        for text in ["Sorry.", "Could you give me the order number?", "asdf"]:
            exchange(preview, text)
        return [(s.state.satisfaction, s.state.patience) for s in preview.steps], preview.history

    assert path(4) == path(4)
    assert len({tuple(path(seed)[0]) for seed in range(1, 6)}) >= 3


def test_an_offer_is_remembered_and_closes_the_chat_once_the_customer_is_won_over():
    preview = chat("defective-blender-dispute")
    exchange(preview, "I'm so sorry your blender failed after 40 days. What's the order number?")
    exchange(
        preview,
        "Thank you. A motor fault is a defect, covered for 90 days. I'll send you a "
        "replacement blender today, and you'll get the return label by email.",
    )
    assert preview.step.state.offered
    if not preview.ended:
        exchange(preview, "It's all arranged. Is there anything else I can help with?")
    assert preview.ended == "resolved"


def test_every_voice_covers_every_reaction_and_fills_its_slots():
    assert set(languages()) >= {"en", "zh", "es", "id", "ar"}
    for language in languages():
        lines = voice(language)["lines"]
        assert set(lines) == set(REACTIONS)
        assert all("{value}" in line for line in lines["already_told"])
        assert all("{truth}" in line for line in lines["truth"])
        assert all("{language}" in line for line in lines["wrong_language"])


@pytest.mark.parametrize(
    "text",
    [
        "وش تبيني أسوي لك؟ هذي مشكلتك مع البنك مو معنا.",
        "خلاص يا أستاذة، ما عندي وقت لهالموضوع، غيرك ينتظر.",
        "يا أختي الدفع فشل يعني فشل، أكيد دخلتي بيانات غلط.",
    ],
)
def test_gulf_arabic_dismissal_and_blame_are_heard_as_rude(text):
    preview = chat("failed-payment-ar")
    answer = exchange(preview, text)
    assert preview.step.reading.rude
    assert answer in [preview.persona.say(line) for line in preview.persona.lines.rude_reply]
