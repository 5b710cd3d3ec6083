"""The customer's hidden state: satisfaction and patience, moved by each graded reply.

Patience runs out with poor or slow replies. When it does and the customer is still below the
persona's escalation threshold, the customer escalates (supervisor, complaint, public review)
instead of leaving quietly, and it always threatens once before it goes: a trainee gets one
last chance, as with a real customer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from counterpart.customer.reading import ReplyReading
from grading.score import ReplyGrade
from personas.model import Persona

# How far one reply moves satisfaction. Empathy matters most to a customer; a wrong fact or
# rudeness costs more than a polite reply earns, as it does with people.
EMPATHY_WEIGHT = 0.3
WRONG_FACT_COST = 10
EMPTY_PROMISE_COST = 5
RUDE_COST = 15
REFUSED_OFFER_COST = 8
MAX_WAITING_COST = 15  # at three times the reply-time target or slower
PROGRESS_GAIN = 2
OUTCOME_GAIN = 10


@dataclass(frozen=True)
class CustomerState:
    satisfaction: int
    patience: int
    revealed: list[str] = field(default_factory=list)
    threatened: bool = False  # has warned that it will escalate

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CustomerState:
        return cls(
            int(data["satisfaction"]),
            int(data["patience"]),
            list(data.get("revealed", [])),
            bool(data.get("threatened", False)),
        )


def opening_state(persona: Persona) -> CustomerState:
    return CustomerState(persona.start_satisfaction, persona.patience)


def _delta(grade: ReplyGrade, reading: ReplyReading, new_facts: list[str]) -> float:
    delta = 0.0
    if grade.empathy.value is not None:
        delta += (grade.empathy.value - 50) * EMPATHY_WEIGHT
    if grade.speed.value is not None:
        delta -= (100 - grade.speed.value) / 100 * MAX_WAITING_COST
    delta -= WRONG_FACT_COST * reading.wrong_fact + EMPTY_PROMISE_COST * reading.empty_promise
    delta -= RUDE_COST * reading.rude + REFUSED_OFFER_COST * bool(reading.refused_outcome)
    delta += PROGRESS_GAIN * bool(new_facts) + OUTCOME_GAIN * bool(reading.offered_outcome)
    return delta


def after_reply(
    state: CustomerState, grade: ReplyGrade, reading: ReplyReading, persona: Persona
) -> tuple[CustomerState, str | None]:
    """The state once the customer has read a graded reply, and how the chat ends, if it
    does: 'resolved', 'escalated' or 'abandoned'."""
    new_facts = [k for k in reading.asked if k not in state.revealed]
    satisfaction = max(0, min(100, round(state.satisfaction + _delta(grade, reading, new_facts))))
    empathy = grade.empathy.value
    slow = grade.speed.value is not None and grade.speed.value < 50
    poor = (
        reading.rude
        or reading.wrong_fact
        or bool(reading.refused_outcome)
        or slow
        or (empathy is not None and empathy < 40)
    )
    patience = max(0, state.patience - (2 if reading.rude else 1 if poor else 0))
    new = replace(
        state,
        satisfaction=satisfaction,
        patience=patience,
        revealed=[*state.revealed, *new_facts],
    )
    if reading.offered_outcome and satisfaction >= persona.satisfied_at:
        return new, "resolved"
    if patience > 0:
        return new, None
    if satisfaction >= persona.escalation_threshold:
        return new, "abandoned"
    if not state.threatened:
        return replace(new, patience=1, threatened=True), None
    return new, "escalated"
