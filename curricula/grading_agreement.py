"""QA practice: how closely a trainee's grades of a gold transcript agree with the gold key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from curricula.curriculum import GradingExercise


@dataclass(frozen=True)
class GradeCheck:
    dimension: str
    gold: int
    given: int | None  # None when the trainee gave no grade for it
    agreed: bool


@dataclass(frozen=True)
class Agreement:
    share: float  # agreed gold grades / all gold grades
    passed: bool
    per_turn: dict[int, list[GradeCheck]]  # transcript index -> one check per gold dimension


def grading_agreement(
    exercise: GradingExercise, grades: Mapping[int, Mapping[str, int]]
) -> Agreement:
    """Each gold grade of an agent turn agrees when the trainee's grade is within the exercise's
    tolerance (inclusive); a grade not given disagrees. Grades for dimensions or turns without
    gold are ignored. An exercise without any gold grade has nothing to agree with and is not
    passed: it is a content error, and must never certify anyone by accident."""
    per_turn: dict[int, list[GradeCheck]] = {}
    for index, turn in enumerate(exercise.transcript):
        if turn.role != "agent" or not turn.gold:
            continue
        given = grades.get(index, {})
        per_turn[index] = [
            GradeCheck(
                dimension,
                gold,
                given.get(dimension),
                given.get(dimension) is not None
                and abs(given[dimension] - gold) <= exercise.tolerance,
            )
            for dimension, gold in turn.gold.items()
        ]
    checks = [check for turn_checks in per_turn.values() for check in turn_checks]
    share = sum(c.agreed for c in checks) / len(checks) if checks else 0.0
    return Agreement(share, bool(checks) and share >= exercise.pass_agreement, per_turn)
