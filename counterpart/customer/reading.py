"""What the trainee did in a reply, as the customer perceives it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from grading.score import ReplyGrade
from grading.text import find_phrase
from personas.model import Persona

RUDE_KINDS = {"dismissive", "blame"}
WRONG_FACT_KINDS = {"wrong_number"}
EMPATHETIC_AT = 60
# An offer preceded by one of these in the same clause is a refusal, not an offer.
NEGATION = re.compile(
    r"(\b(no|not|can't|cannot|can’t|won't|won’t|unable|don't|don’t|never)\b|不能|无法|不可以|没法|不会)",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[.!?。！？;；,，\n]")


@dataclass(frozen=True)
class ReplyReading:
    asked: tuple[str, ...] = ()  # keys of the persona's facts the trainee asked for
    offered_outcome: str | None = None  # the words of an acceptable outcome, if one was offered
    wrong_fact: bool = False
    rude: bool = False
    empathetic: bool = False


def _offered(reply: str, persona: Persona) -> str | None:
    found = find_phrase(reply, persona.accepts)
    if not found:
        return None
    phrase, start, _ = found
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(reply, 0, start)), default=0)
    return None if NEGATION.search(reply[clause_start:start]) else phrase


def read_reply(reply: str, persona: Persona, grade: ReplyGrade) -> ReplyReading:
    kinds = {r.kind for score in (grade.empathy, grade.policy) for r in score.findings}
    empathy = grade.empathy.value or 0
    return ReplyReading(
        asked=tuple(f.key for f in persona.facts if find_phrase(reply, f.asked_by)),
        offered_outcome=_offered(reply, persona),
        wrong_fact=bool(kinds & WRONG_FACT_KINDS),
        rude=bool(kinds & RUDE_KINDS),
        empathetic=empathy >= EMPATHETIC_AT and not kinds & RUDE_KINDS,
    )
