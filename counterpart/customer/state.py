"""The customer's hidden state: satisfaction and patience, moved by each graded reply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from counterpart.customer.reading import ReplyReading
from grading.score import ReplyGrade
from personas.model import Persona

# How far one reply moves satisfaction. Empathy matters most to a customer; a wrong fact or
# rudeness costs more than a polite reply earns, as it does with people.
EMPATHY_WEIGHT = 0.3
WRONG_FACT_COST = 10
RUDE_COST = 15
LATE_COST = 5
PROGRESS_GAIN = 2
OUTCOME_GAIN = 10


@dataclass(frozen=True)
class CustomerState:
    satisfaction: int
    patience: int
    revealed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CustomerState:
        return cls(int(data["satisfaction"]), int(data["patience"]), list(data.get("revealed", [])))


def opening_state(persona: Persona) -> CustomerState:
    return CustomerState(persona.start_satisfaction, persona.patience)


def after_reply(state: CustomerState, grade: ReplyGrade, reading: ReplyReading) -> CustomerState:
    """The state once the customer has read a graded reply."""
    delta = 0.0
    empathy = grade.empathy.value
    if empathy is not None:
        delta += (empathy - 50) * EMPATHY_WEIGHT
    if reading.wrong_fact:
        delta -= WRONG_FACT_COST
    if reading.rude:
        delta -= RUDE_COST
    speed = grade.speed.value
    late = speed is not None and speed < 100
    if late:
        delta -= LATE_COST
    new_facts = [k for k in reading.asked if k not in state.revealed]
    if new_facts:
        delta += PROGRESS_GAIN
    if reading.offered_outcome:
        delta += OUTCOME_GAIN
    poor = reading.rude or reading.wrong_fact or late or (empathy is not None and empathy < 40)
    patience = state.patience - (2 if reading.rude else 1 if poor else 0)
    return replace(
        state,
        satisfaction=max(0, min(100, round(state.satisfaction + delta))),
        patience=max(0, patience),
        revealed=[*state.revealed, *new_facts],
    )


def outcome(state: CustomerState, persona: Persona, reading: ReplyReading) -> str | None:
    """'resolved', 'abandoned', or None while the chat goes on."""
    if reading.offered_outcome and state.satisfaction >= persona.satisfied_at:
        return "resolved"
    if state.patience <= 0:
        return "abandoned"
    return None
