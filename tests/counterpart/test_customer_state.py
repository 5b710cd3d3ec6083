from counterpart.customer.reading import ReplyReading
from counterpart.customer.state import CustomerState, after_reply, opening_state
from curricula.library import load_library
from grading.score import ReplyGrade, Score

PERSONA = load_library().personas["rude-late-refund"]


def grade(empathy=50, speed=100):
    return ReplyGrade(
        empathy=Score(dimension="empathy", value=empathy, reasons=[]),
        policy=Score(dimension="policy", value=100, reasons=[]),
        speed=Score(dimension="speed", value=speed, reasons=[]),
    )


def test_empathy_raises_satisfaction_and_rudeness_costs_more_than_it_earns():
    start = opening_state(PERSONA)
    warm, _ = after_reply(start, grade(empathy=100), ReplyReading(empathetic=True), PERSONA)
    rude, _ = after_reply(start, grade(empathy=0), ReplyReading(rude=True), PERSONA)
    assert warm.satisfaction > start.satisfaction > rude.satisfaction
    assert start.satisfaction - rude.satisfaction > warm.satisfaction - start.satisfaction
    assert warm.patience == start.patience and rude.patience == start.patience - 2


def test_waiting_costs_satisfaction_and_patience():
    start = CustomerState(60, 5)
    on_time, _ = after_reply(start, grade(speed=100), ReplyReading(), PERSONA)
    slow, _ = after_reply(start, grade(speed=0), ReplyReading(late=True), PERSONA)
    assert slow.satisfaction < on_time.satisfaction
    assert slow.patience < on_time.patience


def test_an_acceptable_offer_resolves_only_once_satisfied_enough():
    offer = ReplyReading(offered_outcome="refund", empathetic=True)
    low, outcome = after_reply(CustomerState(20, 4), grade(80), offer, PERSONA)
    assert outcome is None
    high, outcome = after_reply(CustomerState(PERSONA.satisfied_at, 4), grade(80), offer, PERSONA)
    assert outcome == "resolved"


def test_the_customer_threatens_once_then_escalates():
    state = CustomerState(10, 1)
    rude = ReplyReading(rude=True)
    state, outcome = after_reply(state, grade(0), rude, PERSONA)
    assert outcome is None and state.threatened and state.patience == 1
    state, outcome = after_reply(state, grade(0), rude, PERSONA)
    assert outcome == "escalated"


def test_above_the_threshold_an_exhausted_customer_leaves_quietly():
    calm = PERSONA.model_copy(update={"escalation_threshold": 5})
    state, outcome = after_reply(CustomerState(40, 1), grade(0), ReplyReading(rude=True), calm)
    assert outcome == "abandoned"


def test_facts_are_counted_as_revealed_once():
    asked = ReplyReading(asked=("order_number",))
    plain = grade(empathy=40)  # a businesslike reply: neither warm nor cold
    once, _ = after_reply(CustomerState(40, 4), plain, asked, PERSONA)
    twice, _ = after_reply(once, plain, asked, PERSONA)
    assert once.revealed == ["order_number"] == twice.revealed
    assert once.satisfaction > 40 and twice.satisfaction == once.satisfaction


def test_state_survives_a_round_trip_through_storage():
    state = CustomerState(33, 2, ["order_number"], True)
    assert CustomerState.from_dict(state.as_dict()) == state
