"""Sitting an exam: eligibility, the scenario chats one after another, the result, and the
certificate issued with it.

Every candidate meets the same customers: each scenario is played once per fixed seed with the
scripted engine. Feedback is held back until the attempt is over (the practice page asks
`feedback_held`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from counterpart.progress import LessonRecord, lesson_records, passed_in
from counterpart.session_loop import PracticeError, SessionLoop
from counterpart.storage.records import ExamAttemptRecord, PracticeSession, User
from counterpart.storage.tables import utcnow
from counterpart.summary import summarize
from curricula.certificates import Certificate, issue_certificate
from curricula.certification import (
    Eligibility,
    ExamAttempt,
    ExamOutcome,
    exam_eligibility,
    exam_passed,
    session_passed,
)
from curricula.curriculum import Curriculum, Track, exam_key
from grading.rubric import GRADER_VERSION


@dataclass(frozen=True)
class ExamResult:
    outcome: ExamOutcome
    certificate: Certificate | None


class ExamService:
    def __init__(self, loop: SessionLoop, clock: Callable[[], dt.datetime] = utcnow):
        self.loop, self.store, self.library, self.clock = loop, loop.store, loop.library, clock

    def track(self, curriculum_id: str, track_id: str) -> tuple[Curriculum, Track]:
        curriculum = self.library.curricula.get(curriculum_id)
        track = (
            next((t for t in curriculum.tracks if t.id == track_id), None) if curriculum else None
        )
        if track is None or track.exam is None:
            raise PracticeError("unknown_lesson", f"no exam in {curriculum_id}/{track_id}")
        return curriculum, track

    def eligibility(
        self,
        user: User,
        curriculum_id: str,
        track_id: str,
        records: dict[tuple[str, str], LessonRecord] | None = None,
    ) -> Eligibility:
        """`records`, when the caller already has them, saves reading every session again."""
        curriculum, track = self.track(curriculum_id, track_id)
        attempts = [
            ExamAttempt(a.started_at, a.finished_at, a.passed)
            for a in self.store.exam_attempts(user.id, curriculum_id, track_id)
        ]
        if records is None:
            records = lesson_records(self.store, self.library, user)
        passed = passed_in(records, curriculum.id)
        held = self.loop.held_certificates(user)
        return exam_eligibility(track, passed, held, attempts, self.clock())

    def start(self, user: User, curriculum_id: str, track_id: str) -> ExamAttemptRecord:
        """Open an attempt and its first scenario chat; refused unless eligible."""
        if self.loop.current(user) is not None:
            raise PracticeError("customer_pending", "finish or end the open session first")
        eligibility = self.eligibility(user, curriculum_id, track_id)
        if not eligibility.ok:
            raise PracticeError("not_eligible", "; ".join(eligibility.reasons))
        attempt = self.store.add_exam_attempt(user.id, curriculum_id, track_id, self.clock())
        self.advance(user, attempt.id)
        return attempt

    def attempt(self, user: User, attempt_id: int) -> ExamAttemptRecord:
        attempt = self.store.exam_attempt(attempt_id)
        if attempt.user_id != user.id:
            raise PracticeError("not_yours", "this exam attempt belongs to someone else")
        return attempt

    def open_attempt(self, user: User) -> ExamAttemptRecord | None:
        for curriculum in self.library.curricula.values():
            for track in curriculum.tracks:
                for attempt in self.store.exam_attempts(user.id, curriculum.id, track.id):
                    if attempt.finished_at is None:
                        return attempt
        return None

    def advance(self, user: User, attempt_id: int) -> PracticeSession | ExamResult:
        """The next scenario chat of the attempt, or the result once every chat has ended."""
        attempt = self.attempt(user, attempt_id)
        if attempt.finished_at is not None:
            return self.result(user, attempt_id)
        sessions = self.store.attempt_sessions(attempt.id)
        _, track = self.track(attempt.curriculum_id, attempt.track_id)
        limit = attempt.started_at + dt.timedelta(minutes=track.exam.time_limit_minutes)
        if self.clock() >= limit:
            # Time is up: an open chat ends here, chats not played count as failed.
            for session in sessions:
                if session.status == "active":
                    self.loop.close(session.id, "time_limit")
            return self._finish(user, attempt, track, self.store.attempt_sessions(attempt.id))
        active = next((s for s in sessions if s.status == "active"), None)
        if active:
            return active
        played = {(s.lesson_id, s.seed) for s in sessions}
        for scenario in track.exam.scenarios:
            key = exam_key(track.id, scenario.id)
            for seed in scenario.seeds:
                if (key, seed) not in played:
                    return self.loop.start(
                        user, attempt.curriculum_id, key, seed=seed, exam_attempt_id=attempt.id
                    )
        return self._finish(user, attempt, track, sessions)

    def _finish(
        self, user: User, attempt: ExamAttemptRecord, track: Track, sessions: list[PracticeSession]
    ) -> ExamResult:
        outcome = exam_passed(track.exam, self._results(attempt, sessions))
        certificate = None
        if outcome.passed and track.certificate:
            certificate = issue_certificate(
                track.certificate,
                user.display_name,
                self.clock(),
                self.library.policy,
                GRADER_VERSION,
            )
        self.store.finish_exam_attempt(
            attempt.id, outcome.passed, self.clock(), certificate, user.id
        )
        return ExamResult(outcome, certificate)

    def _results(
        self, attempt: ExamAttemptRecord, sessions: list[PracticeSession]
    ) -> dict[tuple[str, int], bool]:
        results = {}
        for session in sessions:
            _, lesson = self.loop.lesson(attempt.curriculum_id, session.lesson_id)
            summary = summarize(session, lesson, self.library.policy(session.policy_ref))
            scenario = session.lesson_id.rsplit(":", 1)[-1]
            # The lesson's pass rule, as the session's score row and summary apply it.
            results[(scenario, session.seed)] = session_passed(
                lesson,
                summary.end_reason,
                summary.averages,
                summary.resolution,
                summary.missing_facts,
            )
        return results

    def result(self, user: User, attempt_id: int) -> ExamResult:
        attempt = self.attempt(user, attempt_id)
        if attempt.finished_at is None:
            raise PracticeError("exam_open", "the exam is still in progress")
        _, track = self.track(attempt.curriculum_id, attempt.track_id)
        outcome = exam_passed(
            track.exam, self._results(attempt, self.store.attempt_sessions(attempt.id))
        )
        # The verdict is the one recorded when the attempt finished: a grade overruled later
        # shows in the scenario details but never turns a passed exam into a failed one.
        outcome = replace(outcome, passed=bool(attempt.passed))
        issued = [
            c
            for c in self.store.certificates_of(user.id)
            if track.certificate
            and c.certificate_id == track.certificate.id
            and c.issued_at >= attempt.started_at
        ]
        return ExamResult(outcome, issued[0] if issued else None)

    def feedback_held(self, session: PracticeSession) -> bool:
        """An exam chat shows no grades until its attempt is over."""
        if session.exam_attempt_id is None:
            return False
        return self.store.exam_attempt(session.exam_attempt_id).finished_at is None
