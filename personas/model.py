"""The persona: who the customer is, what they want, and how they talk."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from personas.strict import Strict

Temperament = Literal["rude", "confused", "anxious", "demanding", "calm", "suspicious"]


class Style(Strict):
    """How the customer writes; the engines imitate it."""

    terse: bool = Field(False, description="Short messages, few words.")
    rambling: bool = Field(False, description="Long messages with side stories.")
    typos: bool = Field(False, description="Leaves spelling mistakes in.")
    caps: bool = Field(False, description="Shouts in capitals when upset.")
    emoji: bool = Field(False, description="Uses emoji.")


class Fact(Strict):
    """Something the customer knows and shares only when the agent asks for it."""

    key: str = Field(description="Short name, e.g. order_number.")
    value: str = Field(description="The fact itself, e.g. A-10492.")
    asked_by: list[str] = Field(
        min_length=1,
        description="Words or phrases in an agent's question that ask for this fact "
        "(any language the persona speaks), e.g. ['order number', '订单号'].",
    )
    line: str = Field(description="How the customer gives the fact; may use {value}.")


class Lines(Strict):
    """Lines the offline (scripted) engine says, by the customer's state."""

    opening: list[str] = Field(min_length=1, description="First message; one is picked per seed.")
    angry: list[str] = Field(min_length=1, description="Said when satisfaction is low.")
    neutral: list[str] = Field(
        min_length=1, description="Said when nothing in particular happened."
    )
    calmer: list[str] = Field(min_length=1, description="Said when the agent showed empathy.")
    pushback: list[str] = Field(
        min_length=1, description="Said when the agent states a wrong fact or an evasive answer."
    )
    rude_reply: list[str] = Field(
        min_length=1, description="Said when the agent is dismissive or blames the customer."
    )
    satisfied: list[str] = Field(min_length=1, description="Closing line when the issue is solved.")
    give_up: list[str] = Field(min_length=1, description="Closing line when patience runs out.")


class ExampleReplies(Strict):
    good: list[str] = Field(
        default_factory=list, description="Agent replies a trainer would praise."
    )
    bad: list[str] = Field(
        default_factory=list, description="Agent replies that go wrong, and why."
    )


class Persona(Strict):
    """One customer. The file stem is the id."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    name: str = Field(description="What the customer is called.")
    language: str = Field(description="Main language as a BCP 47 code, e.g. en, zh.")
    second_language: str | None = Field(
        None, description="A language mixed into messages, e.g. en for Spanglish."
    )
    temperament: Temperament = Field(description="The customer's mood going in.")
    patience: int = Field(
        ge=1, le=10, description="How many poor replies the customer bears (1 short, 10 long)."
    )
    style: Style = Field(default_factory=Style)
    reason: str = Field(description="Why the customer writes in, in a sentence.")
    facts: list[Fact] = Field(default_factory=list, description="Shared only when asked.")
    hidden_fact: str | None = Field(
        None, description="Never volunteered; the LLM customer admits it only if cornered."
    )
    desired_outcome: str = Field(description="The outcome that would satisfy the customer.")
    accepts: list[str] = Field(
        min_length=1,
        description="Words that mean the agent offered an acceptable outcome, e.g. "
        "['replacement', 'refund', '换货'].",
    )
    angers: list[str] = Field(default_factory=list, description="What makes the customer angrier.")
    calms: list[str] = Field(default_factory=list, description="What calms the customer down.")
    start_satisfaction: int = Field(
        40, ge=0, le=100, description="Hidden satisfaction (0-100) at the start of the chat."
    )
    satisfied_at: int = Field(
        70,
        ge=1,
        le=100,
        description="Satisfaction at which an acceptable outcome closes the chat as resolved.",
    )
    lines: Lines
    examples: ExampleReplies = Field(default_factory=ExampleReplies)
    policy_sections: list[str] = Field(
        default_factory=list, description="Policy sections this customer tests, as POLICY#SECTION."
    )
