"""What a finished session adds up to: scores per dimension, whether it passes its lesson, and
the satisfaction curve."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from counterpart.storage.records import PracticeSession
from curricula.certification import Verdict, lesson_verdict, resolution_score
from curricula.curriculum import Lesson
from curricula.policy import Policy
from grading.policy_grader import grade_policy

DIMENSIONS = ("empathy", "policy", "speed")


@dataclass(frozen=True)
class SessionSummary:
    end_reason: str | None
    replies: int
    averages: dict[str, int | None]  # dimension -> mean score of the graded replies
    resolution: int  # 100 when resolved, else the final satisfaction capped
    curve: list[int]  # satisfaction at the start and after each trainee reply
    handling_seconds: float  # from the customer's first message to the last message
    missing_facts: list[str]  # statements of required facts the trainee never made
    verdict: Verdict  # the lesson's pass rule applied to all of the above

    @property
    def passed(self) -> dict[str, bool | None]:
        """Dimension (and resolution) -> its pass mark met; None when not judged."""
        return self.verdict.marks

    @property
    def lesson_passed(self) -> bool:
        """Ended as the lesson requires, every required fact stated, every pass mark met."""
        return self.verdict.passed


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
    replies = [t for t in session.turns if t.role == "trainee"]
    averages: dict[str, int | None] = {}
    for dimension in DIMENSIONS:
        # A reviewer's override counts in place of the grader's score.
        values = [t.score(dimension) for t in replies if t.score(dimension) is not None]
        averages[dimension] = round(mean(values)) if values else None
    final = session.turns[-1].satisfaction if session.turns else None
    resolution = resolution_score(session.end_reason, final)
    opening = session.turns[0].satisfaction if session.turns else None
    curve = [s for s in [opening, *(t.satisfaction for t in replies)] if s is not None]
    handling = (
        (session.turns[-1].created_at - session.turns[0].created_at).total_seconds()
        if session.turns
        else 0.0
    )
    missing = missing_facts(session, lesson, policy)
    return SessionSummary(
        session.end_reason,
        len(replies),
        averages,
        resolution,
        curve,
        handling,
        missing,
        lesson_verdict(lesson, session.end_reason, averages, resolution, missing),
    )
