"""A demo cohort of automated trainees, played through the real engines and graders."""

from counterpart.cohort.cohort import (
    DEFAULT_TEAMS,
    DEFAULT_TRAINEES,
    CohortExists,
    CohortSummary,
    TraineeResult,
    generate_cohort,
    has_cohort,
)
from counterpart.cohort.trainee import SKILL_LEVELS, skill_value

__all__ = [
    "DEFAULT_TEAMS",
    "DEFAULT_TRAINEES",
    "SKILL_LEVELS",
    "CohortExists",
    "CohortSummary",
    "TraineeResult",
    "generate_cohort",
    "has_cohort",
    "skill_value",
]
