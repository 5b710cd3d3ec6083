"""Where a trainee stands: which lessons they passed, their best and latest scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from counterpart.storage.records import PracticeSession, User
from counterpart.storage.store import Store
from counterpart.summary import DIMENSIONS, summarize
from curricula.certification import resolution_score, session_passed
from curricula.library import Library


@dataclass
class LessonRecord:
    attempts: int = 0
    passed: bool = False
    best: dict[str, int | None] = field(default_factory=dict)
    latest: dict[str, int | None] = field(default_factory=dict)


def _record(records: dict, session: PracticeSession, library: Library) -> None:
    curriculum = library.curricula.get(session.curriculum_id)
    lesson = curriculum.lesson(session.lesson_id) if curriculum else None
    if lesson is None:
        return  # a lesson since removed from the curriculum
    summary = summarize(session, lesson, library.policy(session.policy_ref))
    final = session.turns[-1].satisfaction if session.turns else None
    scores = {**summary.averages, "resolution": resolution_score(summary.end_reason, final)}
    record = records.setdefault((session.curriculum_id, session.lesson_id), LessonRecord())
    record.attempts += 1
    if not record.latest:
        record.latest = scores  # sessions come newest first
    for name in (*DIMENSIONS, "resolution"):
        value, best = scores.get(name), record.best.get(name)
        if value is not None and (best is None or value > best):
            record.best[name] = value
    record.passed |= session_passed(summary.averages, scores["resolution"], lesson.pass_marks)


def lesson_records(
    store: Store, library: Library, user: User, since: dt.datetime | None = None
) -> dict[tuple[str, str], LessonRecord]:
    """(curriculum id, lesson id) -> the trainee's record, from their finished sessions (those
    started at or after `since`, when given)."""
    records: dict[tuple[str, str], LessonRecord] = {}
    for brief in store.sessions_of(user.id):
        recent = since is None or brief.started_at >= since
        if brief.status == "ended" and brief.exam_attempt_id is None and recent:
            _record(records, store.session(brief.id), library)
    for curriculum_id, exercise_id, share, passed in store.exercise_results_of(user.id):
        record = records.setdefault((curriculum_id, exercise_id), LessonRecord())
        record.attempts += 1
        record.latest = record.latest or {"agreement": round(share * 100)}
        best = record.best.get("agreement")
        record.best["agreement"] = max(best or 0, round(share * 100))
        record.passed |= passed
    return records


def passed_in(records: dict[tuple[str, str], LessonRecord], curriculum_id: str) -> set[str]:
    return {
        lesson for (course, lesson), r in records.items() if course == curriculum_id and r.passed
    }
