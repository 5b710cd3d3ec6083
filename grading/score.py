"""What a grader hands back: a number per dimension and the evidence behind it.

Scores are shown to trainees and audited by QA, so every point that moves must be traceable to a
Reason that quotes the reply. The models are frozen so a grade cannot be edited after the fact.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Dimension = Literal["empathy", "policy", "speed"]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(Frozen):
    """One observation about a reply and how many points it moved."""

    kind: str = Field(description="Machine name, e.g. apology, wrong_number, late.")
    text: str = Field(description="The observation in plain words, for the trainee.")
    quote: str | None = Field(
        None, description="Evidence: an exact substring of the reply, at most ~120 characters."
    )
    points: int = Field(0, description="Points this observation added (+) or cost (-).")
    section: str | None = Field(
        None, description="Policy reference, e.g. returns-refunds#refund-timing@2026.10."
    )


class Score(Frozen):
    dimension: Dimension
    value: int | None = Field(
        description="0-100, or None when the reply cannot be graded on this dimension.",
        ge=0,
        le=100,
    )
    reasons: list[Reason] = Field(default_factory=list)
    levels: dict[str, int] = Field(
        default_factory=dict,
        description="Empathy only: EPITOME mechanism levels 0-2 for emotional_reaction, "
        "interpretation and exploration.",
    )

    @property
    def findings(self) -> list[Reason]:
        """The observations that cost points: what a trainee should fix first."""
        return [r for r in self.reasons if r.points < 0]


class ReplyGrade(Frozen):
    empathy: Score
    policy: Score
    speed: Score
    suggestion: str | None = Field(
        None, description="A better phrasing, when a dimension is below its pass mark."
    )
    grader_version: str = Field("", description="Version of the rules that gave this grade.")
    policy_ref: str | None = Field(None, description="ID@VERSION of the policy graded against.")
    judge_note: str | None = Field(
        None, description="What the optional LLM judge added, or why it could not."
    )
    # For calibration (see grading/judge.py): set when the LLM judge answered (offline_empathy
    # stays None if the offline grader could not grade empathy), None otherwise and in grades
    # made before these fields existed.
    offline_empathy: int | None = Field(
        None, ge=0, le=100, description="The offline empathy score the judge's refinement rests on."
    )
    judge_empathy: int | None = Field(
        None, ge=0, le=100, description="The LLM judge's own empathy rating, before any bound."
    )

    def scores(self) -> dict[str, int | None]:
        return {
            "empathy": self.empathy.value,
            "policy": self.policy.value,
            "speed": self.speed.value,
        }


def clamp(value: float) -> int:
    return int(max(0, min(100, round(value))))
