"""One trainee reply through the customer's eyes: graded, read, and the state moved.

The practice session and the trainer's persona preview both take replies this way, so a
persona behaves the same in a preview as in a lesson.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass

from counterpart.customer.engine import CustomerContext, CustomerEngine
from counterpart.customer.reading import ReplyReading, read_reply
from counterpart.customer.scripted import CLOSING
from counterpart.customer.state import CustomerState, after_reply
from counterpart.llm_gateway import LLMError
from curricula.policy import Policy
from grading.judge import Judge
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
        return cls(
            CustomerState.from_dict(data),
            ReplyReading.from_dict(data.get("reading", {})),
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
    history: Sequence[tuple[str, str]] = (),
    pass_marks: Mapping[str, int] | None = None,
    judge: Judge | None = None,
) -> tuple[ReplyGrade, CustomerStep]:
    """Grade a reply in the light of the chat so far, then move the customer's state."""
    customer_text = next((text for role, text in reversed(history) if role == "customer"), "")
    grade = grade_reply(
        reply,
        policy=policy,
        sla_seconds=sla_seconds,
        reply_seconds=reply_seconds,
        customer_text=customer_text,
        context=history,
        pass_marks=pass_marks,
        examples=persona.examples.good,
        judge=judge,
    )
    reading = read_reply(
        reply,
        persona,
        grade,
        history=history,
        revealed=state.revealed,
        sla_seconds=sla_seconds,
        reply_seconds=reply_seconds,
    )
    new, outcome = after_reply(state, grade, reading, persona)
    threaten = new.threatened and not state.threatened
    return grade, CustomerStep(new, reading, outcome, threaten)


def context_for(
    persona: Persona,
    policy: Policy | None,
    seed: int,
    history: list[tuple[str, str]],
    step: CustomerStep,
) -> CustomerContext:
    return CustomerContext(
        persona=persona,
        policy=policy,
        seed=seed,
        history=history,
        state=step.state,
        reading=step.reading,
        outcome=step.outcome,
        threaten=step.threaten,
    )


class CustomerAnswer:
    """The customer's answer to the last reply, streamed; once consumed it holds the whole
    text, the tokens and how the chat ends (None while it goes on)."""

    def __init__(self, engine: CustomerEngine, context: CustomerContext, turn_limit: int):
        self.engine, self.context, self.turn_limit = engine, context, turn_limit
        self.text = ""
        self.end: str | None = None
        self.prompt_tokens: int | None = None
        self.completion_tokens: int | None = None

    def __iter__(self) -> Iterator[str]:
        context = self.context
        reply = self.engine.respond(context)
        yield from reply
        end = reply.end_reason or context.outcome
        text = reply.text.strip()
        if not text:
            if end is None:
                raise LLMError("malformed", "the customer model sent an empty message")
            # The model sent only the control token: close with the persona's own line.
            text = context.persona.say(getattr(context.persona.lines, CLOSING[end])[0])
            yield text
        if end is None and context.turn >= self.turn_limit:
            end = "turn_limit"
        self.text, self.end = text, end
        self.prompt_tokens, self.completion_tokens = reply.prompt_tokens, reply.completion_tokens
