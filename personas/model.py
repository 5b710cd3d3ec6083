"""The persona: who the customer is, what they want, and how they talk."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field, model_validator

from personas.strict import Strict

Temperament = Literal[
    "rude",
    "abusive",
    "confused",
    "anxious",
    "demanding",
    "calm",
    "suspicious",
    "polite",
    "manipulative",
]
KEY = r"^[a-z][a-z0-9_]*$"
# Placeholders a kind of line may use besides the persona's fact keys.
LINE_SLOTS = {"already_told": {"value"}, "truth": {"truth"}, "wrong_language": {"language"}}


class Style(Strict):
    """How the customer writes; the engines imitate it."""

    terse: bool = Field(False, description="Short messages, few words.")
    rambling: bool = Field(False, description="Long messages with side stories.")
    typos: bool = Field(False, description="Leaves spelling mistakes in.")
    caps: bool = Field(False, description="Shouts in capitals when upset.")
    emoji: bool = Field(False, description="Uses emoji.")


class Fact(Strict):
    """Something the customer knows and shares only when the agent asks for it."""

    key: str = Field(pattern=KEY, description="Short name, e.g. order_number.")
    value: str = Field(description="The fact itself, e.g. A-10492.")
    asked_by: list[str] = Field(
        min_length=1,
        description="Words or phrases in an agent's question that ask for this fact "
        "(in every language the persona speaks), e.g. ['order number', '订单号'].",
    )
    line: str = Field(description="How the customer gives the fact; {value} is the fact.")


class HiddenFact(Strict):
    """What the customer never volunteers and deflects when asked."""

    text: str = Field(description="The fact, e.g. 'used the item daily for five weeks'.")
    probed_by: list[str] = Field(
        default_factory=list,
        description="Words of an agent's question that probe it, e.g. ['used it', 'worn'].",
    )
    deflect: list[str] = Field(
        min_length=1, description="What the customer says when probed (without admitting it)."
    )


class Outcome(Strict):
    """A way the chat could end, and the words that mean an agent offered it."""

    description: str = Field(description="The outcome in a sentence.")
    words: list[str] = Field(
        min_length=1,
        description="Words that mean the agent offered it, e.g. ['replacement', '换货'].",
    )


class Lines(Strict):
    """What the offline (scripted) engine says, by state. Lines may name facts as {fact_key}."""

    opening: list[str] = Field(min_length=1, description="First message; one is picked per seed.")
    angry: list[str] = Field(min_length=1, description="When satisfaction is low.")
    neutral: list[str] = Field(min_length=1, description="When nothing in particular happened.")
    calmer: list[str] = Field(min_length=1, description="When the agent showed empathy.")
    pushback: list[str] = Field(
        min_length=1, description="When the agent states a wrong fact or makes an empty promise."
    )
    rude_reply: list[str] = Field(
        min_length=1, description="When the agent is dismissive or blames the customer."
    )
    refuse_offer: list[str] = Field(
        min_length=1, description="When the agent offers an outcome the customer will not accept."
    )
    waiting: list[str] = Field(min_length=1, description="When the agent took too long.")
    escalate: list[str] = Field(
        min_length=1,
        description="A threat: asks for a supervisor, a complaint or a public review.",
    )
    satisfied: list[str] = Field(min_length=1, description="Closing line when the issue is solved.")
    give_up: list[str] = Field(min_length=1, description="Closing line when leaving quietly.")
    escalated: list[str] = Field(
        min_length=1, description="Closing line when leaving to complain or review."
    )
    # Optional: when one of these is missing or used up, the customer speaks from the common
    # pool of its language (personas/voices/), so it never says a message twice.
    already_told: list[str] = Field(
        default_factory=list,
        description="When asked again for a fact it gave; {value} is that fact.",
    )
    repeated: list[str] = Field(
        default_factory=list, description="When the agent says the same thing again."
    )
    confused: list[str] = Field(
        default_factory=list, description="When the agent's message is gibberish or empty."
    )
    off_topic: list[str] = Field(
        default_factory=list, description="When the agent writes about something else."
    )
    apology_loop: list[str] = Field(
        default_factory=list, description="When the agent only apologises, again."
    )
    wrong_language: list[str] = Field(
        default_factory=list,
        description="When the agent writes in a language the customer does not; {language} "
        "is the customer's own language.",
    )
    follow_up: list[str] = Field(
        default_factory=list,
        description="When nothing new happened and the problem is still open.",
    )
    considering: list[str] = Field(
        default_factory=list,
        description="When an acceptable outcome is offered but the customer is not won over yet.",
    )
    truth: list[str] = Field(
        default_factory=list,
        description="Added to a pushback: what the customer believes; {truth} is the rule.",
    )


class ExampleReplies(Strict):
    good: list[str] = Field(default_factory=list, description="Replies a trainer would praise.")
    bad: list[str] = Field(default_factory=list, description="Replies that go wrong.")


class Persona(Strict):
    """One customer. The file stem is the id."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    name: str = Field(description="What the customer is called.")
    language: str = Field(description="Main language as a BCP 47 code, e.g. en, zh, es, id, ar.")
    second_language: str | None = Field(
        None, description="A language mixed into messages, e.g. en for Spanish with English."
    )
    reads: list[str] = Field(
        default_factory=list,
        description="Languages the customer reads besides the ones it writes, e.g. [en] for a "
        "cross-border shopper who writes Chinese but reads English replies. A reply in any "
        "other language is one it cannot read: it asks for its own and loses patience.",
    )
    temperament: Temperament = Field(description="The customer's mood going in.")
    difficulty: int = Field(3, ge=1, le=5, description="1 easy to 5 hardest, for trainers.")
    patience: int = Field(
        ge=1, le=10, description="How many poor or slow replies the customer bears."
    )
    style: Style = Field(default_factory=Style)
    reason: str = Field(description="Why the customer writes in, in a sentence.")
    facts: list[Fact] = Field(default_factory=list, description="Shared only when asked.")
    hidden_fact: HiddenFact | None = Field(None, description="Never volunteered.")
    desired_outcome: str = Field(description="The outcome the customer hopes for.")
    acceptable_outcomes: list[Outcome] = Field(
        min_length=1, description="Outcomes the customer settles for (including the desired one)."
    )
    unacceptable_outcomes: list[Outcome] = Field(
        default_factory=list, description="Remedies the customer refuses, e.g. store credit."
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
    escalation_threshold: int = Field(
        85,
        ge=0,
        le=100,
        description="When patience runs out below this satisfaction, the customer escalates "
        "(supervisor, complaint, review) instead of leaving quietly; it threatens first.",
    )
    lines: Lines
    examples: ExampleReplies = Field(default_factory=ExampleReplies)
    policy_sections: list[str] = Field(
        default_factory=list,
        description="Policy sections this customer tests, as POLICY#SECTION.",
    )

    @model_validator(mode="after")
    def _unique_facts(self) -> Persona:
        keys = [f.key for f in self.facts]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"facts: each key once; repeated: {', '.join(repeated)}")
        return self

    def read_languages(self) -> set[str]:
        """Every language the customer can read: the ones it writes and `reads`."""
        return {
            self.language,
            *([self.second_language] if self.second_language else []),
            *self.reads,
        }

    def fact_values(self) -> dict[str, str]:
        return {f.key: f.value for f in self.facts}

    def say(self, line: str, **slots: str) -> str:
        """A line with the facts it names (and any extra `slots`) filled in."""
        return line.format(**self.fact_values(), **slots)


def placeholder_problems(persona: Persona) -> list[tuple[tuple, str]]:
    """Lines naming a {fact} the persona does not define, as (field path, message)."""
    known = set(persona.fact_values())
    found = []

    def check(loc: tuple, text: str, allowed: set[str]) -> None:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            found.append((loc, f"{'.'.join(map(str, loc))}: broken {{placeholder}}: {exc}"))
            return
        for name in sorted(names - allowed):
            defined = ", ".join(sorted(allowed)) or "none"
            found.append(
                (
                    loc,
                    f"{'.'.join(map(str, loc))}: refers to {{{name}}}, which no fact "
                    f"defines (add a fact with key {name!r} or use one of: {defined})",
                )
            )

    for state, lines in persona.lines.model_dump().items():
        for i, text in enumerate(lines):
            check(("lines", state, i), text, known | LINE_SLOTS.get(state, set()))
    for i, fact in enumerate(persona.facts):
        check(("facts", i, "line"), fact.line, known | {"value"})
    if persona.hidden_fact:
        for i, text in enumerate(persona.hidden_fact.deflect):
            check(("hidden_fact", "deflect", i), text, known)
    return found
