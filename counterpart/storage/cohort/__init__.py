"""Reads for the manager dashboard: counts, rates and averages over a cohort, added up by the
database from one score row per ended session (session_scores), the people, their teams,
certificates, exam attempts and QA exercise results. Turns and grades are never read here:
at a few thousand trainees they are millions of rows.

Every read takes the Store and a CohortSlice (scope): the teams the viewer may see (already
narrowed by a team filter), the tracks in view, the date range and the moment "now". The
definitions of the figures are the core's (counterpart/dashboard/); this package only counts.
"""

from counterpart.storage.cohort.certificates import (
    CertificateStanding,
    certificate_kinds,
    certificate_standings,
)
from counterpart.storage.cohort.exams import exam_results
from counterpart.storage.cohort.groups import Group
from counterpart.storage.cohort.headcounts import FAILED_TRIES, IDLE_AFTER, OVERVIEW, overview
from counterpart.storage.cohort.people import (
    SessionLine,
    TraineeLine,
    sessions_of,
    trainee_team,
    trainees,
)
from counterpart.storage.cohort.scope import CertificateKind, CohortSlice, TrackSpan
from counterpart.storage.cohort.scores import (
    ScoreGroup,
    lesson_scores,
    persona_scores,
    team_scores,
    week_scores,
    weekly_certificates,
)
from counterpart.storage.cohort.standing import EXPIRING_WITHIN, HOLDS
from counterpart.storage.cohort.time_to_certify import TimeToCertify, times_to_certify
from counterpart.storage.cohort.track_funnel import FunnelStep, funnel

__all__ = [
    "EXPIRING_WITHIN",
    "FAILED_TRIES",
    "HOLDS",
    "IDLE_AFTER",
    "OVERVIEW",
    "CertificateKind",
    "CertificateStanding",
    "CohortSlice",
    "FunnelStep",
    "Group",
    "ScoreGroup",
    "SessionLine",
    "TimeToCertify",
    "TraineeLine",
    "TrackSpan",
    "certificate_kinds",
    "certificate_standings",
    "exam_results",
    "funnel",
    "lesson_scores",
    "overview",
    "persona_scores",
    "sessions_of",
    "team_scores",
    "times_to_certify",
    "trainee_team",
    "trainees",
    "week_scores",
    "weekly_certificates",
]
