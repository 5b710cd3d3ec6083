"""What a finished session adds up to: scores per dimension and the satisfaction curve."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from counterpart.storage.records import PracticeSession
from curricula.curriculum import Lesson
from curricula.policy import Policy
from grading.policy_grader import grade_policy

DIMENSIONS = ("empathy", "policy", "speed")


@dataclass(frozen=True)
class SessionSummary:
    end_reason: str | None
    replies: int
    averages: dict[str, int | None]  # dimension -> mean score of the graded replies
    passed: dict[str, bool | None]  # dimension -> average at or above the lesson's pass mark
    curve: list[int]  # satisfaction at the start and after each trainee reply
    handling_seconds: float  # from the customer's first message to the last message
    missing_facts: list[str]  # statements of required facts the trainee never made


def missing_facts(session: PracticeSession, lesson: Lesson, policy: Policy | None) -> list[str]:
    """The lesson's required facts that no reply in the session stated correctly."""
    if policy is None or not lesson.required_facts:
        return []
    said = [("agent", t.text) for t in session.turns if t.role == "trainee"]
    score = grade_policy("", policy, context=said, required_facts=lesson.required_facts)
    return [r.text for r in score.reasons if r.kind == "missing_fact"]


def summarize(
    session: PracticeSession, lesson: Lesson, policy: Policy | None = None
) -> SessionSummary:
    marks = lesson.pass_marks
    replies = [t for t in session.turns if t.role == "trainee"]
    averages: dict[str, int | None] = {}
    for dimension in DIMENSIONS:
        # A reviewer's override counts in place of the grader's score.
        values = [t.score(dimension) for t in replies if t.score(dimension) is not None]
        averages[dimension] = round(mean(values)) if values else None
    passed = {d: None if v is None else v >= getattr(marks, d) for d, v in averages.items()}
    opening = session.turns[0].satisfaction if session.turns else None
    curve = [s for s in [opening, *(t.satisfaction for t in replies)] if s is not None]
    handling = (
        (session.turns[-1].created_at - session.turns[0].created_at).total_seconds()
        if session.turns
        else 0.0
    )
    return SessionSummary(
        session.end_reason,
        len(replies),
        averages,
        passed,
        curve,
        handling,
        missing_facts(session, lesson, policy),
    )
