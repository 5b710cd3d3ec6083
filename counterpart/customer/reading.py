"""What the trainee did in a reply, as the customer perceives it.

The customer reads the reply through the same Reading the graders use: a persona's words are
found by lemma and in any of the five languages' spellings, with invisible characters ignored,
and an offer the reply denies ("we can't refund it") offers nothing. So what the grader
understands and what the customer reacts to never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from grading.policy_checks import stance
from grading.reading import Reading, read
from grading.reading.concepts import match_words
from grading.score import ReplyGrade
from personas.model import Outcome, Persona

RUDE_KINDS = {"dismissive", "blame"}
WRONG_FACT_KINDS = {"wrong_number", "wrong_fact"}
EMPTY_PROMISE_KINDS = {"forbidden_promise"}
EMPATHETIC_AT = 60
LATE_BELOW = 100  # any speed score under full marks means the customer waited too long


@dataclass(frozen=True)
class ReplyReading:
    asked: tuple[str, ...] = ()  # keys of the persona's facts the trainee asked for
    probed_hidden: bool = False  # asked straight at the hidden fact
    offered_outcome: str | None = None  # words of an acceptable outcome that was offered
    refused_outcome: str | None = None  # words of an outcome the customer will not accept
    wrong_fact: bool = False
    empty_promise: bool = False
    rude: bool = False
    empathetic: bool = False
    late: bool = False


def _offered(reading: Reading, outcomes: list[Outcome]) -> str | None:
    """The words of the first outcome offered in earnest, as written: "we can't refund" offers
    nothing."""
    words = [w for outcome in outcomes for w in outcome.words]
    if not words:
        return None
    for start, end, _ in match_words(reading, words):
        if not stance.of(reading, start, end) & {"negated", "quoting"}:
            return reading.text[start:end]
    return None


def _names(reading: Reading, words: list[str]) -> bool:
    return bool(words) and bool(match_words(reading, words))


def read_reply(
    reply: str, persona: Persona, grade: ReplyGrade, reading: Reading | None = None
) -> ReplyReading:
    kinds = {r.kind for score in (grade.empathy, grade.policy) for r in score.findings}
    empathy = grade.empathy.value or 0
    rude = bool(kinds & RUDE_KINDS)
    hidden = persona.hidden_fact
    speed = grade.speed.value
    reading = reading if reading is not None and reading.text == reply else read(reply)
    return ReplyReading(
        asked=tuple(f.key for f in persona.facts if _names(reading, f.asked_by)),
        probed_hidden=bool(hidden and _names(reading, hidden.probed_by)),
        offered_outcome=_offered(reading, persona.acceptable_outcomes),
        refused_outcome=_offered(reading, persona.unacceptable_outcomes),
        wrong_fact=bool(kinds & WRONG_FACT_KINDS),
        empty_promise=bool(kinds & EMPTY_PROMISE_KINDS),
        rude=rude,
        empathetic=empathy >= EMPATHETIC_AT and not rude,
        late=speed is not None and speed < LATE_BELOW,
    )
