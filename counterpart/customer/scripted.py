"""The offline customer: deterministic per seed, answering from the persona's own lines.

It reacts to what the trainee did, in this order of what a person notices first: an insult, a
wrong fact or an empty promise, an offer it will not take, a question about what it hides; then
it answers what was asked, warms to empathy, complains about waiting, and threatens to escalate
when its patience is nearly gone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from counterpart.customer.engine import CustomerContext, CustomerReply
from personas.model import Persona

LOW_SATISFACTION = 35
CLOSING = {"resolved": "satisfied", "abandoned": "give_up", "escalated": "escalated"}


def _pick(lines: list[str], seed: int, salt: str, avoid: set[str]) -> str:
    """A line chosen by seed, preferring one the customer has not said yet."""
    fresh = [line for line in lines if line not in avoid] or lines
    return random.Random(f"{seed}:{salt}").choice(fresh)


def _chunks(text: str) -> Iterator[str]:
    # Word-sized pieces so the offline customer streams on screen like the LLM one.
    yield from re.findall(r"\S+\s*|\s+", text)


def opening_line(persona: Persona, seed: int) -> str:
    return persona.say(_pick(persona.lines.opening, seed, "opening", set()))


class ScriptedCustomer:
    name = "scripted"

    def respond(self, context: CustomerContext) -> CustomerReply:
        return CustomerReply(_chunks(self.line(context)))

    def line(self, context: CustomerContext) -> str:
        persona, lines = context.persona, context.persona.lines
        said = {text for role, text in context.history if role == "customer"}

        def pick(state: str) -> str:
            options = getattr(lines, state)
            return persona.say(_pick(options, context.seed, f"{context.turn}:{state}", said))

        if context.outcome:
            return pick(CLOSING[context.outcome])
        parts = self._reaction(context, pick)
        if context.threaten:
            parts.append(pick("escalate"))
        separator = "" if persona.language in ("zh", "ja") else " "
        return separator.join(parts)

    @staticmethod
    def _reaction(context: CustomerContext, pick) -> list[str]:
        persona, reading = context.persona, context.reading
        if reading.rude:
            # An insulted customer answers the insult and holds back what was asked.
            return [pick("rude_reply")]
        if reading.wrong_fact or reading.empty_promise:
            return [pick("pushback")]
        if reading.refused_outcome and not reading.offered_outcome:
            return [pick("refuse_offer")]
        parts = []
        if reading.late:
            parts.append(pick("waiting"))
        if reading.empathetic:
            parts.append(pick("calmer"))
        facts = [f for f in persona.facts if f.key in reading.asked]
        parts.extend(persona.say(f.line.replace("{value}", f.value)) for f in facts)
        if reading.probed_hidden and persona.hidden_fact:
            deflect = persona.hidden_fact.deflect
            parts.append(persona.say(_pick(deflect, context.seed, f"{context.turn}:hidden", set())))
        if not facts and not reading.probed_hidden and not reading.empathetic:
            # An offer that does not satisfy yet still moves the talk on: no more shouting.
            low = context.state.satisfaction < LOW_SATISFACTION and not reading.offered_outcome
            parts.append(pick("angry" if low else "neutral"))
        return parts
