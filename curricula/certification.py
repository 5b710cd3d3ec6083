"""The certification rules: when a session passes its lesson, what is unlocked, when an exam
may be sat and when it is passed.

Pure functions over the curriculum models and plain values: the application core stores
attempts and certificates and calls these. Time is always passed in (timezone-aware), never read
from the clock here, so a rule gives the same answer in a test and on the floor. Certificates
and QA grading agreement live in their own modules and are re-exported here, so callers have
one place to import the rules from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from curricula.certificates import Certificate, Status, certificate_status, issue_certificate
from curricula.curriculum import Exam, ExamScenario, Lesson, Track
from curricula.grading_agreement import Agreement, GradeCheck, grading_agreement

__all__ = [
    "Agreement",
    "Certificate",
    "Eligibility",
    "ExamAttempt",
    "ExamOutcome",
    "GradeCheck",
    "ModuleState",
    "Status",
    "Verdict",
    "certificate_status",
    "exam_eligibility",
    "exam_passed",
    "grading_agreement",
    "issue_certificate",
    "lesson_verdict",
    "module_states",
    "resolution_score",
    "session_passed",
    "track_open",
]

# A customer who never said "resolved" can at best have been left fairly content.
UNRESOLVED_CAP = 60


def resolution_score(end_reason: str | None, final_satisfaction: int | None) -> int:
    """100 when the customer ended the chat satisfied, else the final satisfaction capped at 60."""
    if end_reason == "resolved":
        return 100
    return min(final_satisfaction or 0, UNRESOLVED_CAP)


@dataclass(frozen=True)
class Verdict:
    """Whether a session passes its lesson, and each condition on its own."""

    ending: bool  # the chat ended in a way the lesson accepts (resolved, unless it says otherwise)
    marks: dict[str, bool | None]  # empathy, policy, speed, resolution -> its pass mark met
    missing_facts: tuple[str, ...]  # required facts never stated

    @property
    def passed(self) -> bool:
        marks = all(met is not False for met in self.marks.values())
        return self.ending and marks and not self.missing_facts


def lesson_verdict(
    lesson: Lesson | ExamScenario,
    end_reason: str | None,
    averages: Mapping[str, int | None],
    resolution: int,
    missing_facts: Sequence[str],
) -> Verdict:
    """The one rule for "this session passes its lesson": it ended as the lesson requires,
    every required fact was stated and every pass mark was met.

    A dimension with no grades (None) fails a non-zero mark, except speed: transcripts imported
    from some help desks carry no timestamps, so there is nothing to time, and a trainee must not
    fail for what the export left out (its mark shows as None: not judged). A mark of 0 means
    the dimension is not required.
    """
    marks = lesson.pass_marks
    met: dict[str, bool | None] = {}
    for dimension in ("empathy", "policy", "speed"):
        mark, average = getattr(marks, dimension), averages.get(dimension)
        if average is None:
            met[dimension] = None if mark == 0 or dimension == "speed" else False
        else:
            met[dimension] = average >= mark
    met["resolution"] = resolution >= marks.resolution
    return Verdict(end_reason in lesson.passing_endings, met, tuple(missing_facts))


def session_passed(
    lesson: Lesson | ExamScenario,
    end_reason: str | None,
    averages: Mapping[str, int | None],
    resolution: int,
    missing_facts: Sequence[str],
) -> bool:
    """lesson_verdict(...).passed: what score rows, progress, summaries and exams record."""
    return lesson_verdict(lesson, end_reason, averages, resolution, missing_facts).passed


@dataclass(frozen=True)
class ModuleState:
    module_id: str
    unlocked: bool
    done: bool  # every activity of this module is passed
    blocking: list[str]  # activity ids still needed before the next module unlocks


def module_states(track: Track, passed: set[str]) -> list[ModuleState]:
    """Modules unlock in order: a module opens when every activity before it is passed.

    `blocking` of module i lists every activity of modules 0..i not yet passed (in order): what
    stands between the trainee and module i+1 (or the exam, after the last module). For the open
    module that is its own unpassed activities.
    """
    states = []
    missing: list[str] = []
    for module in track.modules:
        unlocked = not missing
        own = [a.id for a in module.lessons if a.id not in passed]
        missing = [*missing, *own]
        states.append(ModuleState(module.id, unlocked, not own, missing))
    return states


def track_open(track: Track, held: set[str]) -> tuple[bool, list[str]]:
    """Whether the trainee may start the track, and the required certificates they lack."""
    lacking = [c for c in track.requires if c not in held]
    return not lacking, lacking


@dataclass(frozen=True)
class ExamAttempt:
    started_at: dt.datetime
    finished_at: dt.datetime | None  # None while the attempt is under way (or was abandoned)
    passed: bool | None  # None when not (yet) graded


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: list[str] = field(default_factory=list)  # sentences for the trainee
    next_try_at: dt.datetime | None = None  # when the cooling-off ends, if that is what blocks


def _aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC), got naive {moment.isoformat()}")


def _ended_at(attempt: ExamAttempt, exam: Exam) -> dt.datetime:
    # An attempt never finished (closed tab, crash) is over when its time limit runs out.
    limit = attempt.started_at + dt.timedelta(minutes=exam.time_limit_minutes)
    return attempt.finished_at or limit


def exam_eligibility(
    track: Track,
    passed: set[str],
    held: set[str],
    attempts: Sequence[ExamAttempt],
    now: dt.datetime,
) -> Eligibility:
    """Whether the trainee may start the track's exam now, and every reason why not.

    Every started attempt counts against the allowance, finished or not. An unfinished attempt
    is in progress until its time limit runs out; after that it counts as ended then. Cooling-off
    runs from the end of the latest attempt. Raises ValueError when `now` or an attempt time is
    naive (no timezone), since comparing it with stored UTC times would be wrong by hours.
    """
    _aware(now, "now")
    for attempt in attempts:
        _aware(attempt.started_at, "started_at")
        if attempt.finished_at is not None:
            _aware(attempt.finished_at, "finished_at")
    exam = track.exam
    if exam is None:
        return Eligibility(False, [f"Track {track.title!r} has no exam."])
    if any(a.passed for a in attempts):
        return Eligibility(False, ["You have already passed this exam."])
    reasons = []
    if missing := ", ".join(module_states(track, passed)[-1].blocking):
        reasons.append(f"Pass every lesson of the track first; still to pass: {missing}.")
    _, lacking = track_open(track, held)
    if lacking:
        reasons.append(f"You need these certificates first: {', '.join(lacking)}.")
    running = [a for a in attempts if a.finished_at is None and now < _ended_at(a, exam)]
    if running:
        reasons.append("An attempt is already in progress; finish it first.")
    next_try_at = None
    if len(attempts) >= exam.attempts:
        reasons.append(f"No attempts left: all {exam.attempts} allowed attempts are used.")
    elif attempts and not running:
        last_end = max(_ended_at(a, exam) for a in attempts)
        ready = last_end + dt.timedelta(hours=exam.cooling_off_hours)
        if now < ready:
            next_try_at = ready
            when = ready.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            reasons.append(f"Cooling-off after your last attempt: you can try again at {when}.")
    return Eligibility(not reasons, reasons, next_try_at)


@dataclass(frozen=True)
class ExamOutcome:
    passed: bool
    per_scenario: dict[str, bool]
    missing: list[tuple[str, int]]  # (scenario id, seed) with no result; counted as failed


def exam_passed(exam: Exam, results: Mapping[tuple[str, int], bool]) -> ExamOutcome:
    """An exam passes when every scenario passes; with pass_every_variant a scenario passes only
    when every seed passed (pass^k), else when any seed passed. Results for scenarios or seeds
    the exam does not have are ignored."""
    per_scenario = {}
    missing = []
    for scenario in exam.scenarios:
        outcomes = []
        for seed in scenario.seeds:
            if (scenario.id, seed) not in results:
                missing.append((scenario.id, seed))
            outcomes.append(bool(results.get((scenario.id, seed), False)))
        per_scenario[scenario.id] = all(outcomes) if exam.pass_every_variant else any(outcomes)
    return ExamOutcome(all(per_scenario.values()), per_scenario, missing)
