"""A trainer's preview chat with a persona: no lesson, nothing stored, the hidden state shown.

It takes replies exactly as a practice session does (the same customer step), so what a trainer
sees here is what a trainee will meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from counterpart.customer.engine import CustomerEngine
from counterpart.customer.scripted import opening_line
from counterpart.customer.state import opening_state
from counterpart.customer.turn import CustomerAnswer, CustomerStep, context_for, take_reply
from curricula.policy import Policy
from grading.score import ReplyGrade
from personas.model import Persona


class PreviewError(ValueError):
    """Raised when a preview reply is refused: empty, or the chat has ended."""


@dataclass
class PersonaPreview:
    persona: Persona
    policy: Policy | None
    engine: CustomerEngine
    seed: int = 0
    sla_seconds: float = 60
    turn_limit: int = 20
    history: list[tuple[str, str]] = field(default_factory=list)
    grades: list[ReplyGrade] = field(default_factory=list)
    steps: list[CustomerStep] = field(default_factory=list)
    ended: str | None = None

    def __post_init__(self) -> None:
        self.steps.append(CustomerStep(opening_state(self.persona, self.seed)))
        self.history.append(("customer", opening_line(self.persona, self.seed)))

    @property
    def step(self) -> CustomerStep:
        return self.steps[-1]

    @property
    def curve(self) -> list[int]:
        return [s.state.satisfaction for s in self.steps]

    @property
    def awaiting_customer(self) -> bool:
        return self.ended is None and self.history[-1][0] == "trainee"

    def reply(self, text: str, reply_seconds: float | None = None) -> ReplyGrade:
        if self.ended:
            raise PreviewError("the preview chat has ended; start a new one")
        if self.awaiting_customer:
            raise PreviewError("the customer has not answered yet")
        if not text.strip():
            raise PreviewError("write a reply before sending")
        grade, step = take_reply(
            self.persona,
            self.policy,
            self.step.state,
            text,
            sla_seconds=self.sla_seconds,
            reply_seconds=reply_seconds,
            history=list(self.history),
        )
        self.history.append(("trainee", text))
        self.grades.append(grade)
        self.steps.append(step)
        return grade

    def customer_turn(self) -> Iterator[str]:
        """Stream the customer's answer; it joins the history once whole. Raises LLMError when
        the LLM customer fails (the reply stays; the turn can be retried)."""
        context = context_for(self.persona, self.policy, self.seed, list(self.history), self.step)
        answer = CustomerAnswer(self.engine, context, self.turn_limit)
        yield from answer
        self.history.append(("customer", answer.text))
        self.ended = answer.end
