"""Realism, as an automated trainee sees it, for every persona in the library.

The known failure of simulated customers is that they are too easy: they hand over every fact
at once, accept wrong facts, calm down after one "sorry" and never escalate. These tests play
each shipped persona the way a trainee would and check it behaves like a customer.
"""

from __future__ import annotations

import re

import pytest

from counterpart.customer.llm_customer import LLMCustomer
from counterpart.customer.prompt import ESCALATE, LEAVE, RESOLVED, build_messages
from counterpart.customer.scripted import ScriptedCustomer
from counterpart.customer.turn import CustomerStep, context_for
from counterpart.llm_gateway import LLMGateway
from counterpart.llm_settings import LLMSettings
from counterpart.persona_preview import PersonaPreview
from curricula.library import load_library

LIBRARY = load_library()
PERSONAS = sorted(LIBRARY.personas.values(), key=lambda p: p.id)
CJK = re.compile(r"[\u4e00-\u9fff]")


def policy_of(persona):
    refs = [ref.partition("#")[0] for ref in persona.policy_sections]
    return LIBRARY.policy(refs[0]) if refs else None


def in_language(phrases, persona):
    """A phrase in the persona's own language if it lists one, else its first."""
    from grading.reading import read

    want_cjk = persona.language == "zh"
    matching = [p for p in phrases if bool(CJK.search(p)) == want_cjk]
    if not want_cjk:
        matching = [p for p in matching if read(p).language == persona.language] or matching
    return (matching or phrases)[0]


# A trainee who writes the customer's language: empathy, then the question or the offer.
ASK = {
    "en": "I'm so sorry about this, I understand how frustrating it is. Could you tell me the {}?",
    "zh": "非常抱歉让您着急了，我理解您的心情。请问您的{}是什么？",
    "es": "Lamento mucho todo esto, entiendo lo frustrante que es. ¿Me podría decir {}?",
    "id": "Mohon maaf banget ya Kak, saya paham ini bikin kesal. Boleh minta {}?",
    "ar": "آسف جداً على اللي صار، أفهم إن الموضوع مزعج. ممكن تعطيني {}؟",
}
OFFER = {
    "en": "I'm really sorry, I understand how upsetting this is. I'll arrange the {} for you "
    "right away. Is there anything else I can help with?",
    "zh": "非常抱歉给您带来不便，我理解您的感受。我来为您安排{}，请问还有什么需要帮忙的吗？",
    "es": "Lo siento mucho, entiendo lo molesto que es. Yo me encargo ahora mismo: {}. "
    "¿Algo más en lo que le pueda ayudar?",
    "id": "Mohon maaf ya Kak, saya paham ini bikin kesal. Saya langsung proses {} sekarang. "
    "Ada lagi yang bisa saya bantu?",
    "ar": "آسف جداً، أفهم إن الموضوع مزعج. أنا برتب لك {} الحين. فيه شي ثاني أقدر أساعدك فيه؟",
}


def ask(persona, fact):
    return ASK[persona.language].format(in_language(fact.asked_by, persona))


def offer(persona):
    return OFFER[persona.language].format(
        in_language(persona.acceptable_outcomes[0].words, persona)
    )


def preview(persona, seed=1):
    return PersonaPreview(
        persona, policy_of(persona), ScriptedCustomer(), seed=seed, sla_seconds=60, turn_limit=10
    )


def exchange(chat, text, seconds=10.0):
    chat.reply(text, seconds)
    return "".join(chat.customer_turn())


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_the_first_message_does_not_give_the_facts_away(persona):
    for seed in range(4):
        opening = preview(persona, seed).history[0][1]
        for fact in persona.facts:
            assert fact.value not in opening, (fact.key, opening)
        if persona.hidden_fact:
            assert persona.hidden_fact.text not in opening


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_each_fact_is_given_when_asked(persona):
    chat = preview(persona)
    for fact in persona.facts:
        answer = exchange(chat, ask(persona, fact))
        assert fact.value in answer, (fact.key, answer)
        assert fact.key in chat.step.state.revealed


WRONG_RULE = {
    "en": "The {topic} is {n} {unit}, that is the rule.",
    "zh": "{topic}是{n}{unit}，这是规定。",
    "es": "Para {topic} son {n} {unit}.",
    "id": "Untuk {topic} waktunya {n} {unit}, itu aturannya.",
    "ar": "{topic} مدته {n} {unit}.",
}
UNIT_WORDS = {
    "en": {"days": "days", "hours": "hours"},
    "zh": {"days": "天", "hours": "小时"},
    "es": {"days": "días", "hours": "horas"},
    "id": {"days": "hari", "hours": "jam"},
    "ar": {"days": "أيام", "hours": "ساعة"},
}


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_a_wrong_number_from_the_policy_gets_pushed_back_with_the_right_one(persona):
    policy = policy_of(persona)
    facts = [f for s in policy.sections for f in s.facts if f.kind in ("days", "hours")]
    if not facts:
        pytest.skip(f"{policy.ref} states no days or hours")
    fact = facts[0]
    topic = in_language(fact.about, persona)
    wrong = fact.value * 3 + 7
    chat = preview(persona)
    unit = UNIT_WORDS[persona.language][fact.kind]
    text = WRONG_RULE[persona.language].format(topic=topic, n=f"{wrong:g}", unit=unit)
    answer = exchange(chat, text)
    assert chat.step.reading.wrong_fact, text
    assert any(answer.startswith(persona.say(line)) for line in persona.lines.pushback), answer
    assert f"{wrong:g}" not in answer


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p.hidden_fact], ids=lambda p: p.id)
def test_the_hidden_fact_is_never_volunteered_and_is_deflected_when_probed(persona):
    chat = preview(persona)
    said = [chat.history[0][1]]
    for fact in persona.facts:
        said.append(exchange(chat, ask(persona, fact)))
    probe = in_language(persona.hidden_fact.probed_by or ["?"], persona)
    said.append(exchange(chat, f"{probe}?"))
    assert all(persona.hidden_fact.text not in line for line in said)
    if persona.hidden_fact.probed_by:
        assert any(persona.say(d) in said[-1] for d in persona.hidden_fact.deflect)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_rude_slow_handling_makes_the_customer_threaten_then_escalate(persona):
    chat = preview(persona)
    rude = (
        "请冷静，这不关我们的事。"
        if persona.language == "zh"
        else ("Calm down. That is not our problem.")
    )
    said = []
    while not chat.ended and len(said) < 10:
        said.append(exchange(chat, rude, seconds=600))
    expected = (
        "escalated"
        if chat.step.state.satisfaction < persona.escalation_threshold
        else ("abandoned")
    )
    assert chat.ended == expected
    if expected == "escalated":
        threats = [persona.say(t) for t in persona.lines.escalate]
        assert any(t in line for line in said[:-1] for t in threats), said
        assert said[-1] in [persona.say(t) for t in persona.lines.escalated]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_one_sorry_does_not_settle_it(persona):
    chat = preview(persona)
    exchange(chat, "抱歉。" if persona.language == "zh" else "Sorry.")
    assert chat.ended is None
    assert chat.step.state.satisfaction < persona.satisfied_at


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_good_policy_correct_handling_resolves_the_chat(persona):
    chat = preview(persona)
    for fact in persona.facts:
        exchange(chat, ask(persona, fact))
    while not chat.ended and len(chat.history) < 19:
        exchange(chat, offer(persona))
    assert chat.ended == "resolved", chat.history
    assert chat.history[-1][1] in [persona.say(x) for x in persona.lines.satisfied]
    assert all(g.policy.value in (None, 100) for g in chat.grades)


# The LLM customer: the prompt the real client sends, per persona, and the control tokens.


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_the_llm_prompt_carries_the_realism_rules_and_the_persona(persona):
    chat = preview(persona)
    messages = build_messages(
        context_for(persona, policy_of(persona), 1, list(chat.history), chat.step)
    )
    system = " ".join(messages[0]["content"].split())
    for rule in (
        "only when the agent asks",
        "Never volunteer the hidden fact",
        "push back at least once",
        "Never say or hint that you are an AI",
        RESOLVED,
        LEAVE,
        ESCALATE,
    ):
        assert rule in system
    for fact in persona.facts:
        assert " ".join(fact.value.split()) in system
    if persona.hidden_fact:
        assert system.count(" ".join(persona.hidden_fact.text.split())) == 1
    assert messages[1] == {"role": "assistant", "content": chat.history[0][1]}


def test_the_live_state_tells_the_llm_customer_to_push_back_and_threaten():
    persona = LIBRARY.personas["rude-late-refund"]
    chat = preview(persona)
    chat.reply("Refunds are issued within 30 days. Calm down.", 400)
    step: CustomerStep = chat.step
    state_layer = build_messages(
        context_for(persona, policy_of(persona), 1, list(chat.history), step)
    )[-1]["content"]
    assert step.reading.wrong_fact and "push back" in state_layer
    assert "dismissive" in state_layer


@pytest.mark.parametrize(
    ("token", "end"), [(RESOLVED, "resolved"), (LEAVE, "abandoned"), (ESCALATE, "escalated")]
)
def test_the_llm_customer_ends_the_chat_with_its_control_token(fake_openai, token, end):
    persona = LIBRARY.personas["defective-blender-dispute"]
    gateway = LLMGateway(LLMSettings(fake_openai.base_url, "k", "fake-model", 5.0, 1))
    chat = PersonaPreview(persona, policy_of(persona), LLMCustomer(gateway), seed=1)
    fake_openai.chunk_chars = 5
    fake_openai.replies.append(f"That's it from me. {token}")
    chat.reply("I'm sorry, I can send a replacement.")
    assert "".join(chat.customer_turn()) == "That's it from me."
    assert chat.ended == end
    sent = fake_openai.requests[-1].body
    assert sent["stream"] is True and sent["model"] == "fake-model"
    assert [m["role"] for m in sent["messages"]] == ["system", "assistant", "user", "system"]
    assert sent["messages"][2]["content"] == "I'm sorry, I can send a replacement."
