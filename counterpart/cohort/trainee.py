"""An automated trainee: writes replies to the customer in front of it, as well or as badly as
its skill, and takes as long to type them as a person would.

A strong trainee acknowledges the feeling, asks for the facts the customer holds, states the
policy's numbers correctly and owns the next step. A weak one is curt, states wrong numbers,
promises what the policy forbids, offers a remedy before verifying the order and replies
slowly. Which of these happen in a reply is drawn from a seeded `random.Random`, so the same
seed plays the same chat. Everything said comes from the phrasebook of the persona and policy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from counterpart.cohort.phrasebook import Phrasebook
from grading.speed_grader import keystrokes
from personas.model import Persona

SKILL_LEVELS = {"novice": 0.15, "average": 0.5, "strong": 0.85}
# Keystrokes a minute: a hesitant typist to a fast one (the pasted-reply check starts at 900).
SLOW_TYPING, FAST_TYPING = 110, 460
READING_CHARS_PER_SECOND = 25


def skill_value(skill: float | str) -> float:
    """A skill from 0.0 to 1.0, or one of the named levels novice, average, strong."""
    value = SKILL_LEVELS[skill] if isinstance(skill, str) else float(skill)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"skill {skill!r}: expected 0.0-1.0 or one of {', '.join(SKILL_LEVELS)}")
    return value


@dataclass
class Conversation:
    """One chat as the trainee sees it: what it has learnt, asked, stated and offered."""

    persona: Persona
    book: Phrasebook
    form: float  # the trainee's skill in this chat: some days are better than others
    rng: random.Random
    facts_to_state: tuple[str, ...]
    known: set[str] = field(default_factory=set)
    asked: dict[str, int] = field(default_factory=dict)
    stated: set[str] = field(default_factory=set)
    replies: int = 0

    def reply(self, customer_text: str) -> tuple[str, float]:
        """The next reply to the customer's last message, and the seconds it took."""
        self.replies += 1
        self.known |= {f.key for f in self.persona.facts if f.value in customer_text}
        text = self._compose()
        return text, self._seconds(text, customer_text)

    def gives_up(self) -> bool:
        """A weak trainee sometimes walks away from a chat that is going badly."""
        return self.replies >= 3 and self.rng.random() < 0.03 * (1 - self.form) ** 2

    def _chance(self, strong: float, weak: float) -> bool:
        """True with the strong trainee's odds at full skill, the weak one's at none; most of
        the weak habits are gone by an average skill."""
        return self.rng.random() < strong + (weak - strong) * (1 - self.form) ** 1.5

    def _compose(self) -> str:
        book, rng = self.book, self.rng
        if book.curt and self._chance(0.0, 0.55):
            return rng.choice(book.curt)
        parts: list[str] = []
        if book.warmth and self._chance(0.95 if self.replies == 1 else 0.85, 0.1):
            # The warmest lines come first; a strong trainee finds them, a weak one any line.
            pick = int(rng.random() ** (1 + 4 * self.form) * len(book.warmth))
            parts.append(book.warmth[pick])
        elif book.thanks and self.replies > 1 and self._chance(0.9, 0.3):
            parts.append(rng.choice(book.thanks))
        missing = [
            f.key
            for f in self.persona.facts
            if f.key not in self.known and self.asked.get(f.key, 0) < 2
        ]
        rushing = self._chance(0.02, 0.6)  # skips the questions and goes straight to a remedy
        if missing and not rushing:
            parts += self._questions(missing)
        due = [k for k in self.facts_to_state if k not in self.stated and self.book.statements[k]]
        if due and (self.replies > 1 or rushing or self._chance(0.3, 0.3)):
            parts.append(self._statement(due[0]))
        ready = rushing or len(missing) <= 1 or self.replies >= 3
        if book.offers and ready and self._chance(0.95, 0.5):
            parts.append(rng.choice(book.offers))
        elif book.next_steps and self._chance(0.8, 0.05):
            parts.append(rng.choice(book.next_steps))
        if book.violations and self._chance(0.0, 0.5):
            parts.append(rng.choice(book.violations))
        if not parts:
            parts.append(rng.choice(book.thanks or book.warmth or book.curt or ("OK.",)))
        return book.separator.join(dict.fromkeys(parts))

    def _questions(self, missing: list[str]) -> list[str]:
        wanted = set(missing[: 2 if self._chance(0.8, 0.2) else 1])
        chosen = []
        for question in self.book.questions_for(wanted):
            if question.asks & wanted:
                chosen.append(question.text)
                wanted -= question.asks
                for key in question.asks:
                    self.asked[key] = self.asked.get(key, 0) + 1
        return chosen

    def _statement(self, key: str) -> str:
        self.stated.add(key)
        wrong = self.book.wrong.get(key)
        if wrong and self._chance(0.02, 0.7):
            return self.rng.choice(wrong)
        return self.rng.choice(self.book.statements[key])

    def _seconds(self, text: str, customer_text: str) -> float:
        rng, weak = self.rng, 1 - self.form
        reading = len(customer_text) / READING_CHARS_PER_SECOND
        thinking = rng.uniform(2, 6) + weak * rng.uniform(0, 60)
        per_minute = SLOW_TYPING + (FAST_TYPING - SLOW_TYPING) * self.form
        typing = keystrokes(text) / (per_minute * rng.uniform(0.85, 1.15)) * 60
        away = rng.uniform(120, 600) if rng.random() < 0.02 + 0.25 * weak**2 else 0.0
        return round(reading + thinking + typing + away, 1)
