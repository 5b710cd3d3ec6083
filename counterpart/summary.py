"""What a finished session adds up to: scores per dimension and the satisfaction curve."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from counterpart.storage.records import PracticeSession
from curricula.curriculum import PassMarks

DIMENSIONS = ("empathy", "policy", "speed")


@dataclass(frozen=True)
class SessionSummary:
    end_reason: str | None
    replies: int
    averages: dict[str, int | None]  # dimension -> mean score of the graded replies
    passed: dict[str, bool | None]  # dimension -> average at or above the lesson's pass mark
    curve: list[int]  # satisfaction at the start and after each trainee reply
    handling_seconds: float  # from the customer's first message to the last message


def summarize(session: PracticeSession, marks: PassMarks) -> SessionSummary:
    replies = [t for t in session.turns if t.role == "trainee"]
    averages: dict[str, int | None] = {}
    for dimension in DIMENSIONS:
        values = [
            t.grades[dimension].score
            for t in replies
            if dimension in t.grades and t.grades[dimension].score is not None
        ]
        averages[dimension] = round(mean(values)) if values else None
    passed = {d: None if v is None else v >= getattr(marks, d) for d, v in averages.items()}
    opening = session.turns[0].satisfaction if session.turns else None
    curve = [s for s in [opening, *(t.satisfaction for t in replies)] if s is not None]
    handling = (
        (session.turns[-1].created_at - session.turns[0].created_at).total_seconds()
        if session.turns
        else 0.0
    )
    return SessionSummary(session.end_reason, len(replies), averages, passed, curve, handling)
