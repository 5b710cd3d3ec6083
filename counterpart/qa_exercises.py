"""QA practice: a trainee grades a gold transcript and is scored on agreement with the key."""

from __future__ import annotations

from collections.abc import Mapping

from counterpart.session_loop import PracticeError, SessionLoop
from counterpart.storage.records import User
from curricula.certification import Agreement, grading_agreement
from curricula.curriculum import GradingExercise


class QAExercises:
    def __init__(self, loop: SessionLoop):
        self.loop = loop

    def exercise(self, curriculum_id: str, exercise_id: str) -> GradingExercise:
        curriculum = self.loop.library.curricula.get(curriculum_id)
        found = next(
            (
                a
                for a in (curriculum.activities() if curriculum else [])
                if isinstance(a, GradingExercise) and a.id == exercise_id
            ),
            None,
        )
        if found is None:
            raise PracticeError("unknown_lesson", f"no grading exercise {exercise_id!r}")
        return found

    def submit(
        self,
        user: User,
        curriculum_id: str,
        exercise_id: str,
        grades: Mapping[int, Mapping[str, int]],
    ) -> Agreement:
        """Score the trainee's grades against the gold key and record the try. Refused while
        the exercise's module is locked, as for a chat lesson."""
        exercise = self.exercise(curriculum_id, exercise_id)
        self.loop.check_unlocked(user, self.loop.library.curricula[curriculum_id], exercise_id)
        agreement = grading_agreement(exercise, grades)
        self.loop.store.add_exercise_result(
            user.id,
            curriculum_id,
            exercise_id,
            {str(turn): dict(marks) for turn, marks in grades.items()},
            agreement.share,
            agreement.passed,
            at=self.loop.clock(),
        )
        return agreement
