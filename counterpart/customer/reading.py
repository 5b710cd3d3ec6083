"""What the trainee did in a reply, as the customer perceives it."""

from __future__ import annotations

from dataclasses import dataclass

from grading.score import ReplyGrade
from grading.text import SentenceMap, find_phrases, is_negated
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


def _offered(reply: str, outcomes: list[Outcome]) -> str | None:
    """The first outcome offered in earnest: "we can't refund" offers nothing."""
    words = [w for outcome in outcomes for w in outcome.words]
    if not words:
        return None
    sentences = SentenceMap(reply)
    for phrase, start, _ in find_phrases(reply, words, inflections=True):
        if not is_negated(reply, start, sentences.span(start)[0]):
            return phrase
    return None


def read_reply(reply: str, persona: Persona, grade: ReplyGrade) -> ReplyReading:
    kinds = {r.kind for score in (grade.empathy, grade.policy) for r in score.findings}
    empathy = grade.empathy.value or 0
    rude = bool(kinds & RUDE_KINDS)
    hidden = persona.hidden_fact
    speed = grade.speed.value
    return ReplyReading(
        asked=tuple(f.key for f in persona.facts if find_phrases(reply, f.asked_by)),
        probed_hidden=bool(hidden and hidden.probed_by and find_phrases(reply, hidden.probed_by)),
        offered_outcome=_offered(reply, persona.acceptable_outcomes),
        refused_outcome=_offered(reply, persona.unacceptable_outcomes),
        wrong_fact=bool(kinds & WRONG_FACT_KINDS),
        empty_promise=bool(kinds & EMPTY_PROMISE_KINDS),
        rude=rude,
        empathetic=empathy >= EMPATHETIC_AT and not rude,
        late=speed is not None and speed < LATE_BELOW,
    )
