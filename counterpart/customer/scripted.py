"""The offline customer: deterministic per seed, answering from the persona's own lines and,
where those run out or lack a reaction, from the common voice of its language.

It reacts in the order a person notices things: a message it cannot read (gibberish, another
language), an insult, a wrong fact or an empty promise (saying what it believes instead), an
offer it will not take, being asked again for what it said, the same message again, talk about
something else, a bare apology; then it answers what was asked, warms to empathy, weighs an
outcome it was offered, complains about waiting, deflects questions at what it hides, follows
up on what is still open, and threatens to escalate when its patience is nearly gone.

It never sends the same message twice in a chat: a line it has said is used again only inside
a message that differs (another line joined to it).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from counterpart.customer.engine import CustomerContext, CustomerReply
from counterpart.customer.state import satisfied_at
from counterpart.customer.truth import believed
from personas.model import Persona
from personas.voice import voice

LOW_SATISFACTION = 35
CLOSING = {"resolved": "satisfied", "abandoned": "give_up", "escalated": "escalated"}
# Reactions that speak for the whole message: the customer answers them and nothing else.
FILLERS = ("follow_up", "neutral", "angry")


def _pick(lines: list[str], seed: int, salt: str, avoid: set[str]) -> str:
    """A line chosen by seed, preferring one the customer has not said yet."""
    fresh = [line for line in lines if line not in avoid] or lines
    return random.Random(f"{seed}:{salt}").choice(fresh)


def _chunks(text: str) -> Iterator[str]:
    # Word-sized pieces so the offline customer streams on screen like the LLM one.
    yield from re.findall(r"\S+\s*|\s+", text)


def opening_line(persona: Persona, seed: int) -> str:
    return persona.say(_pick(persona.lines.opening, seed, "opening", set()))


def _separator(persona: Persona) -> str:
    return "" if persona.language in ("zh", "ja") else " "


class Voice:
    """The lines one customer can say in one turn: its own first, then its language's, never
    one it has already said while a fresh one remains."""

    def __init__(self, context: CustomerContext):
        self.persona = context.persona
        self.context = context
        self.said = [text for role, text in context.history if role == "customer"]
        self.common = voice(self.persona.language)
        self.slots = {"language": self.common["name"]}

    def used(self, line: str) -> bool:
        return any(line in text for text in self.said)

    def line(self, kind: str, **slots: str) -> str:
        own = list(getattr(self.persona.lines, kind, []) or [])
        common = list(self.common["lines"].get(kind, []))
        fill = {**self.slots, **slots}
        options = [self.persona.say(line, **fill) for line in own + common]
        fresh_own = [line for line in options[: len(own)] if not self.used(line)]
        fresh = fresh_own or [line for line in options if not self.used(line)] or options
        salt = f"{self.context.turn}:{kind}:{len(self.said)}"
        return random.Random(f"{self.context.seed}:{salt}").choice(fresh)

    def message(self, parts: list[str]) -> str:
        """The parts as one message, made to differ from every message said before."""
        text = _separator(self.persona).join(p for p in parts if p)
        tries = 0
        while text in self.said and tries < len(FILLERS) * 4:
            kind = FILLERS[tries % len(FILLERS)]
            extra = self.line(kind)
            tries += 1
            if extra not in text:
                text = _separator(self.persona).join([text, extra])
        return text


class ScriptedCustomer:
    name = "scripted"

    def respond(self, context: CustomerContext) -> CustomerReply:
        return CustomerReply(_chunks(self.line(context)))

    def line(self, context: CustomerContext) -> str:
        speaker = Voice(context)
        if context.outcome:
            return speaker.line(CLOSING[context.outcome])
        parts = self._reaction(context, speaker)
        if context.threaten:
            parts.append(speaker.line("escalate"))
        return speaker.message(parts)

    @staticmethod
    def _reaction(context: CustomerContext, speaker: Voice) -> list[str]:
        persona, reading, state = context.persona, context.reading, context.state
        if reading.gibberish:
            return [speaker.line("confused")]
        if reading.foreign:
            return [speaker.line("wrong_language")]
        if reading.rude:
            # An insulted customer answers the insult and holds back what was asked.
            return [speaker.line("rude_reply")]
        if reading.wrong_fact or reading.empty_promise:
            parts = [speaker.line("pushback")]
            truth = believed(context.policy, reading, persona.language)
            if truth:
                parts.append(speaker.line("truth", truth=truth))
            return parts
        if reading.refused_outcome and not reading.offered_outcome:
            return [speaker.line("refuse_offer")]
        values = persona.fact_values()
        facts = [f for f in persona.facts if f.key in reading.asked]
        if reading.asked_again and not facts:
            return [speaker.line("already_told", value=values[reading.asked_again[0]])]
        if reading.same_again:
            return [speaker.line("repeated")]
        if reading.off_topic:
            return [speaker.line("off_topic")]
        if reading.apology_only:
            return [speaker.line("apology_loop")]
        parts = []
        if reading.late:
            parts.append(speaker.line("waiting"))
        if reading.empathetic:
            parts.append(speaker.line("calmer"))
        parts.extend(persona.say(f.line.replace("{value}", f.value)) for f in facts)
        for key in reading.asked_again:
            parts.append(speaker.line("already_told", value=values[key]))
        if reading.probed_hidden and persona.hidden_fact:
            deflect = persona.hidden_fact.deflect
            parts.append(persona.say(_pick(deflect, context.seed, f"{context.turn}:hidden", set())))
        offered_now = bool(reading.offered or reading.offered_outcome)
        if offered_now and state.satisfaction < satisfied_at(state, persona):
            parts.append(speaker.line("considering"))
        elif not facts and not reading.probed_hidden and not reading.empathetic:
            low = state.satisfaction < LOW_SATISFACTION
            parts.append(
                speaker.line("angry" if low else "follow_up" if not state.offered else "neutral")
            )
        return parts
