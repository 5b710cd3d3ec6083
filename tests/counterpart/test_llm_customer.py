from counterpart.customer.engine import CustomerContext
from counterpart.customer.llm_customer import LLMCustomer
from counterpart.customer.prompt import LEAVE, RESOLVED, RULES, build_messages
from counterpart.customer.reading import ReplyReading
from counterpart.customer.state import CustomerState
from counterpart.llm_gateway import LLMGateway
from counterpart.llm_settings import LLMSettings
from curricula.library import load_library

LIBRARY = load_library()
PERSONA = LIBRARY.personas["rude-late-refund"]


def context(history, state=None, reading=None, outcome=None):
    return CustomerContext(
        persona=PERSONA,
        policy=LIBRARY.policy("returns-refunds"),
        seed=1,
        history=history,
        state=state or CustomerState(30, 4),
        reading=reading or ReplyReading(),
        outcome=outcome,
    )


def customer(fake):
    return LLMCustomer(LLMGateway(LLMSettings(fake.base_url, "k", "fake-model", 5.0, 1)))


def test_the_prompt_is_layered_rules_then_persona_then_live_state():
    messages = build_messages(
        context([("customer", "Where is my refund?"), ("trainee", "Sorry! Order number?")])
    )
    system = messages[0]["content"]
    assert messages[0]["role"] == "system" and system.startswith(RULES)
    assert PERSONA.reason in system and PERSONA.hidden_fact.text in system
    assert "A-10492" in system  # known to the customer, shared only when asked
    assert [m["role"] for m in messages[1:3]] == ["assistant", "user"]
    assert messages[-1]["role"] == "system" and "satisfaction 30/100" in messages[-1]["content"]


def test_the_prefix_is_stable_from_one_turn_to_the_next():
    first = build_messages(context([("customer", "a"), ("trainee", "b")]))
    second = build_messages(
        context(
            [("customer", "a"), ("trainee", "b"), ("customer", "c"), ("trainee", "d")],
            state=CustomerState(55, 3),
            reading=ReplyReading(wrong_fact=True),
        )
    )
    assert second[: len(first) - 1] == first[:-1]
    assert "push back" in second[-1]["content"]


def test_the_state_layer_tells_the_customer_to_close():
    resolved = build_messages(context([("customer", "a")], outcome="resolved"))[-1]["content"]
    abandoned = build_messages(context([("customer", "a")], outcome="abandoned"))[-1]["content"]
    assert RESOLVED in resolved and LEAVE in abandoned


def test_the_reply_streams_and_records_tokens(fake_openai):
    fake_openai.replies.append("Order A-10492. Now where is my money?")
    fake_openai.chunk_chars = 4
    reply = customer(fake_openai).respond(context([("customer", "hi"), ("trainee", "order?")]))
    chunks = list(reply)
    assert len(chunks) > 3
    assert reply.text == "Order A-10492. Now where is my money?"
    assert reply.prompt_tokens > 0 and reply.completion_tokens > 0
    assert reply.end_reason is None
    sent = fake_openai.requests[-1].body
    assert sent["stream"] is True and sent["messages"][-2]["content"] == "order?"


def test_a_control_token_split_across_chunks_is_hidden_and_ends_the_chat(fake_openai):
    fake_openai.replies.append(f"Fine, thanks for sorting it. {RESOLVED}")
    fake_openai.chunk_chars = 3
    reply = customer(fake_openai).respond(context([("customer", "hi")]))
    shown = "".join(reply)
    assert "<" not in shown and "RESOLVED" not in shown
    assert shown == "Fine, thanks for sorting it."
    assert reply.end_reason == "resolved"


def test_leaving_is_recognised(fake_openai):
    fake_openai.replies.append(f"Forget it. {LEAVE}")
    reply = customer(fake_openai).respond(context([("customer", "hi")])).consume()
    assert reply.end_reason == "abandoned" and reply.text == "Forget it."


def test_text_with_angle_brackets_is_not_swallowed(fake_openai):
    fake_openai.replies.append("I paid <50 USD> for this and 3 < 4, right?")
    fake_openai.chunk_chars = 2
    reply = customer(fake_openai).respond(context([("customer", "hi")])).consume()
    assert reply.text == "I paid <50 USD> for this and 3 < 4, right?"
