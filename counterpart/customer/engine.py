"""What every customer engine is given and what it gives back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from counterpart.customer.reading import ReplyReading
from counterpart.customer.state import CustomerState
from curricula.policy import Policy
from personas.model import Persona


@dataclass(frozen=True)
class CustomerContext:
    persona: Persona
    policy: Policy | None
    seed: int
    history: list[tuple[str, str]]  # (role, text), role "customer" or "trainee", oldest first
    state: CustomerState
    reading: ReplyReading
    outcome: str | None  # what the state decided: resolved, escalated, abandoned, or None
    threaten: bool = False  # the customer has just come to threatening to escalate

    @property
    def turn(self) -> int:
        return sum(1 for role, _ in self.history if role == "trainee")


class CustomerReply:
    """A customer message arriving in chunks; text, tokens and end are known once consumed."""

    def __init__(self, chunks: Iterator[str]):
        self._chunks = chunks
        self.text = ""
        self.prompt_tokens: int | None = None
        self.completion_tokens: int | None = None
        self.end_reason: str | None = None

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            self.text += chunk
            yield chunk

    def consume(self) -> CustomerReply:
        for _ in self:
            pass
        return self


class CustomerEngine(Protocol):
    name: str

    def respond(self, context: CustomerContext) -> CustomerReply: ...
