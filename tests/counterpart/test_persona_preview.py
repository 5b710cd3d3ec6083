import hostile_yaml as hostile
import pytest

from counterpart.customer.llm_customer import LLMCustomer
from counterpart.customer.scripted import ScriptedCustomer
from counterpart.llm_gateway import LLMError, LLMGateway
from counterpart.llm_settings import LLMSettings
from counterpart.persona_preview import PersonaPreview, PreviewError
from curricula.library import PERSONA_LIBRARY, check_persona, load_library
from personas.source import ContentProblem

LIBRARY = load_library()
PERSONA = LIBRARY.personas["rude-late-refund"]
POLICY = LIBRARY.policy("returns-refunds")


def test_a_preview_moves_the_hidden_state_and_answers_from_the_persona():
    preview = PersonaPreview(PERSONA, POLICY, ScriptedCustomer(), seed=2)
    assert preview.history[0][1] in PERSONA.lines.opening
    grade = preview.reply("I am so sorry, that must be frustrating. What is your order number?", 10)
    assert grade.empathy.value >= 60
    assert preview.awaiting_customer
    said = "".join(preview.customer_turn())
    assert "A-10492" in said and preview.history[-1] == ("customer", said)
    assert preview.step.state.revealed == ["order_number"]
    assert preview.curve[-1] > preview.curve[0]


def test_a_preview_refuses_empty_replies_and_replies_out_of_turn():
    preview = PersonaPreview(PERSONA, POLICY, ScriptedCustomer())
    with pytest.raises(PreviewError):
        preview.reply("  ")
    preview.reply("Hello, how can I help?")
    with pytest.raises(PreviewError):
        preview.reply("Hello again?")


def test_a_preview_ends_like_a_session(fake_openai):
    settings = LLMSettings(fake_openai.base_url, "k", "fake-model", 5.0, 1)
    preview = PersonaPreview(PERSONA, POLICY, LLMCustomer(LLMGateway(settings)))
    fake_openai.replies.append("Fine, that works. <<RESOLVED>>")
    preview.reply("I'm sorry. Your refund is issued within 5 days; I'll add a 10 USD voucher.")
    assert "".join(preview.customer_turn()) == "Fine, that works."
    assert preview.ended == "resolved"
    with pytest.raises(PreviewError):
        preview.reply("Anything else?")


def test_a_failing_llm_keeps_the_reply_for_a_retry(fake_openai):
    settings = LLMSettings(fake_openai.base_url, "k", "fake-model", 5.0, 1)
    preview = PersonaPreview(PERSONA, POLICY, LLMCustomer(LLMGateway(settings)))
    preview.reply("Could you share the order number?")
    fake_openai.fail_with_status = [500]
    with pytest.raises(LLMError):
        "".join(preview.customer_turn())
    assert preview.awaiting_customer
    preview.engine = ScriptedCustomer()
    assert "A-10492" in "".join(preview.customer_turn())


@pytest.mark.parametrize(("name", "text", "line", "message"), hostile.CASES, ids=hostile.NAMES)
def test_a_pasted_persona_that_would_hurt_the_loader_is_one_problem(name, text, line, message):
    # What "Try a persona" does with the text in its box before anything can be previewed.
    path = PERSONA_LIBRARY / "rude-late-refund.yaml"
    assert check_persona(LIBRARY, path, text) == (None, [ContentProblem(path, line, message)])
