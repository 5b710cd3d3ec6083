"""One trainee reply through the customer's eyes: graded, read, and the state moved.

The practice session and the trainer's persona preview both take replies this way, so a
persona behaves the same in a preview as in a lesson.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from counterpart.customer.reading import ReplyReading, read_reply
from counterpart.customer.state import CustomerState, after_reply
from curricula.policy import Policy
from grading.rubric import grade_reply
from grading.score import ReplyGrade
from personas.model import Persona


@dataclass(frozen=True)
class CustomerStep:
    state: CustomerState
    reading: ReplyReading = ReplyReading()
    outcome: str | None = None  # resolved, escalated, abandoned, or None while it goes on
    threaten: bool = False  # the customer now threatens to escalate

    def as_dict(self) -> dict:
        return {
            **self.state.as_dict(),
            "reading": asdict(self.reading),
            "outcome": self.outcome,
            "threaten": self.threaten,
        }

    @classmethod
    def from_dict(cls, data: dict) -> CustomerStep:
        reading = {k: tuple(v) if k == "asked" else v for k, v in data.get("reading", {}).items()}
        return cls(
            CustomerState.from_dict(data),
            ReplyReading(**reading),
            data.get("outcome"),
            bool(data.get("threaten", False)),
        )


def take_reply(
    persona: Persona,
    policy: Policy | None,
    state: CustomerState,
    reply: str,
    *,
    sla_seconds: float,
    reply_seconds: float | None,
    customer_text: str = "",
) -> tuple[ReplyGrade, CustomerStep]:
    grade = grade_reply(
        reply,
        policy=policy,
        sla_seconds=sla_seconds,
        reply_seconds=reply_seconds,
        customer_text=customer_text,
    )
    reading = read_reply(reply, persona, grade)
    new, outcome = after_reply(state, grade, reading, persona)
    threaten = new.threatened and not state.threatened
    return grade, CustomerStep(new, reading, outcome, threaten)
