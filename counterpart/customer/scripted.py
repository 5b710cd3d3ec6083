"""The offline customer: deterministic per seed, answering from the persona's own lines."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from counterpart.customer.engine import CustomerContext, CustomerReply
from personas.model import Persona

LOW_SATISFACTION = 35


def _pick(lines: list[str], seed: int, salt: str, avoid: set[str]) -> str:
    """A line chosen by seed, preferring one the customer has not said yet."""
    fresh = [line for line in lines if line not in avoid] or lines
    return random.Random(f"{seed}:{salt}").choice(fresh)


def _chunks(text: str) -> Iterator[str]:
    # Word-sized pieces so the offline customer streams on screen like the LLM one.
    yield from re.findall(r"\S+\s*|\s+", text)


def opening_line(persona: Persona, seed: int) -> str:
    return _pick(persona.lines.opening, seed, "opening", set())


class ScriptedCustomer:
    name = "scripted"

    def respond(self, context: CustomerContext) -> CustomerReply:
        return CustomerReply(_chunks(self.line(context)))

    def line(self, context: CustomerContext) -> str:
        persona, reading, lines = context.persona, context.reading, context.persona.lines
        said = {text for role, text in context.history if role == "customer"}
        salt = str(context.turn)

        def pick(options: list[str], name: str) -> str:
            return _pick(options, context.seed, f"{salt}:{name}", said)

        if context.outcome == "resolved":
            return pick(lines.satisfied, "satisfied")
        if context.outcome == "abandoned":
            return pick(lines.give_up, "give_up")
        if reading.rude:
            # An insulted customer answers the insult and holds back what was asked.
            return pick(lines.rude_reply, "rude")
        if reading.wrong_fact:
            return pick(lines.pushback, "pushback")
        parts = []
        if reading.empathetic:
            parts.append(pick(lines.calmer, "calmer"))
        facts = [f for f in persona.facts if f.key in reading.asked]
        parts.extend(f.line.format(value=f.value) for f in facts)
        if not parts:
            # An offer that does not yet satisfy still moves the talk on: no more shouting.
            low = context.state.satisfaction < LOW_SATISFACTION and not reading.offered_outcome
            mood = lines.angry if low else lines.neutral
            parts.append(pick(mood, "mood"))
        separator = "" if persona.language == "zh" else " "
        return separator.join(parts)
