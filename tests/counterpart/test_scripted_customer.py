from counterpart.customer.engine import CustomerContext
from counterpart.customer.reading import ReplyReading
from counterpart.customer.scripted import ScriptedCustomer, opening_line
from counterpart.customer.state import CustomerState
from curricula.library import load_library
from personas.voice import voice

LIBRARY = load_library()


def say(persona_id, reading, satisfaction=30, outcome=None, seed=5, history=None):
    persona = LIBRARY.personas[persona_id]
    context = CustomerContext(
        persona=persona,
        policy=None,
        seed=seed,
        history=history or [("customer", persona.lines.opening[0]), ("trainee", "...")],
        state=CustomerState(satisfaction, 3),
        reading=reading,
        outcome=outcome,
    )
    return persona, ScriptedCustomer().respond(context).consume().text


def test_an_acceptable_offer_stops_the_shouting_even_before_it_satisfies():
    persona, text = say("rude-late-refund", ReplyReading(offered_outcome="refund", offered=(0,)))
    # Not won over yet, it weighs the offer (asks when, wants it confirmed) instead of shouting.
    assert text in persona.lines.considering + voice("en")["lines"]["considering"]
    assert text not in persona.lines.angry


def test_low_satisfaction_without_progress_stays_angry():
    persona, text = say("rude-late-refund", ReplyReading())
    assert text in persona.lines.angry


def test_empathy_and_a_question_get_a_calmer_line_and_the_fact():
    persona, text = say(
        "confused-first-order-zh", ReplyReading(asked=("order_number",), empathetic=True)
    )
    calmer = next(line for line in persona.lines.calmer if text.startswith(line))
    assert "20261105-7731" in text[len(calmer) :]


def test_rudeness_is_answered_and_asked_facts_are_held_back():
    persona, text = say("rude-late-refund", ReplyReading(asked=("order_number",), rude=True))
    assert text in persona.lines.rude_reply and "A-10492" not in text


def test_the_closing_lines_follow_the_outcome():
    persona, text = say("defective-blender-dispute", ReplyReading(), outcome="resolved")
    assert text in persona.lines.satisfied
    persona, text = say("defective-blender-dispute", ReplyReading(), outcome="abandoned")
    assert text in persona.lines.give_up


def test_lines_are_not_repeated_while_fresh_ones_remain():
    persona = LIBRARY.personas["rude-late-refund"]
    first = say("rude-late-refund", ReplyReading())[1]
    history = [
        ("customer", persona.lines.opening[0]),
        ("trainee", "x"),
        ("customer", first),
        ("trainee", "y"),
    ]
    second = say("rude-late-refund", ReplyReading(), history=history)[1]
    assert first != second and second in persona.lines.angry


def test_the_opening_is_deterministic_per_seed_and_varies_across_seeds():
    persona = LIBRARY.personas["rude-late-refund"]
    assert opening_line(persona, 1) == opening_line(persona, 1)
    assert len({opening_line(persona, seed) for seed in range(20)}) == len(persona.lines.opening)


def test_the_customer_reads_the_reply_through_the_shared_reading():
    from counterpart.customer.reading import read_reply
    from grading.score import ReplyGrade, Score

    persona = LIBRARY.personas["delivered-not-received"]
    grade = ReplyGrade(
        empathy=Score(dimension="empathy", value=50),
        policy=Score(dimension="policy", value=100),
        speed=Score(dimension="speed", value=100),
    )
    # An invisible character inside a word hides nothing from the customer either.
    asked = read_reply(
        "Which or\u200bder is it, and what's the order num\u200bber?", persona, grade
    )
    assert "order_number" in asked.asked
    # A refund the agent refuses is no offer; one it makes, in any inflection, is.
    assert read_reply("We can't refund it, sorry.", persona, grade).offered_outcome is None
    assert read_reply("I've refunded it just now.", persona, grade).offered_outcome == "refunded"
