"""The customer's hidden state: satisfaction and patience, moved by each graded reply, and what
it remembers of the chat (the facts it gave, the outcomes the agent offered).

Satisfaction follows what a customer values: being understood (the empathy grade), progress it
can see (a question that moves things on, an explanation, a concrete next step) and above all an
outcome it can accept. It falls with what it resents: rudeness, a wrong fact, an empty promise,
an offer it refuses, being asked again for what it already said, the same message twice,
gibberish, a language it does not read, talk about something else, bare apologies, and waiting.

Patience runs out with poor replies, faster when they come one after another. When it does and
the customer is still below its escalation threshold, the customer escalates (supervisor,
complaint, public review) instead of leaving quietly, and it always threatens once before it
goes: a trainee gets one last chance, as with a real customer.

The seed draws this customer's temper within the persona's bounds (its starting mood, patience,
how easily it is won over and how much a poor reply stings), so two sessions with one persona
differ in more than words; a fixed seed (exams) replays identically.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace

from counterpart.customer.reading import ReplyReading
from grading.score import ReplyGrade
from personas.model import Persona

# How far one reply moves satisfaction. A customer is won over by progress and an outcome more
# than by warm words, and a wrong fact or rudeness costs more than a polite reply earns.
EMPATHY_WEIGHT = 0.25
NEUTRAL_EMPATHY = 40  # what the empathy grader gives a plain, businesslike reply
COOL_FACTOR = 0.4  # a reply cooler than that costs less than a warm one earns
FACT_GAIN = 4  # a question that moves the case on
EXPLAIN_GAIN = 5
NEXT_STEP_GAIN = 8
OUTCOME_GAIN = 15  # an acceptable outcome offered for the first time
OTHER_OUTCOME_GAIN = 5  # a further outcome offered after the first
DESIRED_GAIN = 5  # more when it is the outcome the customer wants (the first one listed)
WRONG_FACT_COST = 12
EMPTY_PROMISE_COST = 5
RUDE_COST = 15
REFUSED_OFFER_COST = 8
ASKED_AGAIN_COST = 6
SAME_AGAIN_COST = 5
UNREAD_COST = 8  # gibberish, or a language the customer does not read
OFF_TOPIC_COST = 8
APOLOGY_ONLY_COST = 4
MAX_WAITING_COST = 15  # at three times the reply-time target or slower
DOUBT_MARGIN = 8  # satisfaction more needed to settle, per wrong fact the agent stated
CLOSING_SLACK = 10  # how much less it takes to settle when the agent asks "anything else?"
COLD_EMPATHY = 15  # below this, a reply that moves nothing on is a poor one
# The bounds a seed draws a customer's temper from, around the persona's own values.
MOOD_SPREAD = 6
SPREAD = (-5, 5)  # on the levels that resolve and escalate
TOLERANCE = (0.8, 1.2)


@dataclass(frozen=True)
class CustomerState:
    satisfaction: int
    patience: int
    revealed: list[str] = field(default_factory=list)
    threatened: bool = False  # has warned that it will escalate
    offered: list[int] = field(default_factory=list)  # acceptable outcomes offered so far
    committed: bool = False  # the agent has owned a concrete next step
    doubts: int = 0  # wrong facts the agent stated: each makes the customer harder to win
    streak: int = 0  # poor replies in a row
    # This customer's temper, drawn from the seed; None: the persona's own value.
    satisfied_at: int | None = None
    escalate_below: int | None = None
    tolerance: float = 1.0  # how much a poor reply stings, as a factor on its cost

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CustomerState:
        """A stored state; one saved before a field existed takes that field's default."""
        return cls(
            int(data["satisfaction"]),
            int(data["patience"]),
            list(data.get("revealed", [])),
            bool(data.get("threatened", False)),
            [int(i) for i in data.get("offered", [])],
            bool(data.get("committed", False)),
            int(data.get("doubts", 0)),
            int(data.get("streak", 0)),
            data.get("satisfied_at"),
            data.get("escalate_below"),
            float(data.get("tolerance", 1.0)),
        )


def opening_state(persona: Persona, seed: int | None = None) -> CustomerState:
    """The customer as the chat opens. With a seed, its temper is drawn within the persona's
    bounds; without one it is exactly the persona's."""
    if seed is None:
        return CustomerState(persona.start_satisfaction, persona.patience)
    draw = random.Random(f"{persona.id}:{seed}:temper")
    start = persona.start_satisfaction + draw.randint(-MOOD_SPREAD, MOOD_SPREAD)
    return CustomerState(
        satisfaction=max(0, min(100, start)),
        patience=max(1, min(10, persona.patience + draw.choice((-1, 0, 0, 1)))),
        satisfied_at=max(1, min(100, persona.satisfied_at + draw.randint(*SPREAD))),
        escalate_below=max(0, min(100, persona.escalation_threshold + draw.randint(*SPREAD))),
        tolerance=round(draw.uniform(*TOLERANCE), 2),
    )


def satisfied_at(state: CustomerState, persona: Persona) -> int:
    return state.satisfied_at if state.satisfied_at is not None else persona.satisfied_at


def escalate_below(state: CustomerState, persona: Persona) -> int:
    return (
        state.escalate_below if state.escalate_below is not None else persona.escalation_threshold
    )


def progressed(reading: ReplyReading, new_facts: list[str], new_offer: bool) -> bool:
    return bool(new_facts) or new_offer or reading.explained or reading.next_step


def poor(reading: ReplyReading, grade: ReplyGrade, moved: bool) -> bool:
    """A reply that wears the customer's patience."""
    empathy = grade.empathy.value
    slow = reading.late and grade.speed.value is not None and grade.speed.value < 50
    return (
        reading.rude
        or reading.wrong_fact
        or bool(reading.refused_outcome)
        or reading.unread
        or reading.off_topic
        or reading.apology_only
        or bool(reading.asked_again)
        or reading.same_again
        or slow
        or (empathy is not None and empathy < COLD_EMPATHY and not moved)
    )


def _answers_when(state: CustomerState, reading: ReplyReading) -> bool:
    """Once an outcome is on the table, a reply that says when is a next step."""
    return bool(state.offered or state.committed) and reading.timed


def _delta(
    state: CustomerState,
    grade: ReplyGrade,
    reading: ReplyReading,
    new_facts: list[str],
    new_offers: list[int],
) -> float:
    gain = 0.0
    if not reading.unread:
        if grade.empathy.value is not None:
            warmth = (grade.empathy.value - NEUTRAL_EMPATHY) * EMPATHY_WEIGHT
            if warmth < 0 and not reading.rude:
                warmth *= COOL_FACTOR  # businesslike is not hostile
            gain += min(warmth, 0) if reading.apology_only or reading.same_again else warmth
        gain += FACT_GAIN * bool(new_facts) + EXPLAIN_GAIN * reading.explained
        gain += NEXT_STEP_GAIN * (reading.next_step or _answers_when(state, reading))
        if new_offers:
            # The first outcome on the table wins the customer over; another one adds a little.
            gain += (OUTCOME_GAIN if not state.offered else OTHER_OUTCOME_GAIN) + DESIRED_GAIN * (
                0 in new_offers
            )
    cost = 0.0
    if reading.late and grade.speed.value is not None:
        cost += (100 - grade.speed.value) / 100 * MAX_WAITING_COST
    cost += WRONG_FACT_COST * reading.wrong_fact + EMPTY_PROMISE_COST * reading.empty_promise
    cost += RUDE_COST * reading.rude + REFUSED_OFFER_COST * bool(reading.refused_outcome)
    cost += ASKED_AGAIN_COST * bool(reading.asked_again) + SAME_AGAIN_COST * reading.same_again
    cost += UNREAD_COST * reading.unread + OFF_TOPIC_COST * reading.off_topic
    cost += APOLOGY_ONLY_COST * reading.apology_only
    return gain - cost * state.tolerance


def after_reply(
    state: CustomerState, grade: ReplyGrade, reading: ReplyReading, persona: Persona
) -> tuple[CustomerState, str | None]:
    """The state once the customer has read a graded reply, and how the chat ends, if it
    does: 'resolved', 'escalated' or 'abandoned'."""
    new_facts = [k for k in reading.asked if k not in state.revealed]
    new_offers = [i for i in reading.offered if i not in state.offered]
    if reading.offered_outcome and not reading.offered and not state.offered:
        new_offers = [0]  # a reading from before outcomes were told apart
    if reading.wrong_fact or reading.rude or reading.refused_outcome:
        new_offers = []  # an offer wrapped in a wrong fact or an insult is not taken up
    delta = _delta(state, grade, reading, new_facts, new_offers)
    satisfaction = max(0, min(100, round(state.satisfaction + delta)))
    moved = progressed(reading, new_facts, bool(new_offers)) or _answers_when(state, reading)
    bad = poor(reading, grade, moved)
    streak = state.streak + 1 if bad else 0
    cost = (2 if reading.rude else 1 if bad else 0) + (1 if bad and streak >= 2 else 0)
    new = replace(
        state,
        satisfaction=satisfaction,
        patience=max(0, state.patience - cost),
        revealed=[*state.revealed, *new_facts],
        offered=[*state.offered, *new_offers],
        committed=state.committed or (reading.next_step and not bad),
        doubts=state.doubts + reading.wrong_fact,
        streak=streak,
    )
    # Won over: an outcome it accepts is on the table, or the agent has looked into the case
    # (asked for what it needed) and taken it on with a concrete next step; this reply kept
    # faith and asks nothing more (a question is answered before a chat is closed).
    looked_into = bool(new.revealed) or not persona.facts
    settled = bool(new.offered) or (new.committed and looked_into)
    won_at = satisfied_at(state, persona) + DOUBT_MARGIN * new.doubts
    if reading.closing:
        won_at -= CLOSING_SLACK  # "anything else?" with the problem handled: "no, that's all"
    if settled and not bad and not reading.asked and satisfaction >= won_at:
        return new, "resolved"
    if new.patience > 0:
        return new, None
    if satisfaction >= escalate_below(state, persona):
        return new, "abandoned"
    if not state.threatened:
        return replace(new, patience=1, threatened=True), None
    return new, "escalated"
