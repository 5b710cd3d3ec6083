"""Where a trainee stands: which lessons they passed, their best and latest scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from counterpart.session_scores import record_missing_scores
from counterpart.storage.records import SessionScore, User
from counterpart.storage.store import Store
from curricula.library import Library


@dataclass
class LessonRecord:
    attempts: int = 0
    passed: bool = False
    best: dict[str, int | None] = field(default_factory=dict)
    latest: dict[str, int | None] = field(default_factory=dict)


def _add(records: dict, score: SessionScore) -> None:
    record = records.setdefault((score.curriculum_id, score.lesson_id), LessonRecord())
    values = {
        "empathy": score.empathy,
        "policy": score.policy,
        "speed": score.speed,
        "resolution": score.resolution,
    }
    record.attempts += 1
    if not record.latest:
        record.latest = values  # scores come newest first
    for name, value in values.items():
        best = record.best.get(name)
        if value is not None and (best is None or value > best):
            record.best[name] = value
    record.passed |= bool(score.passed)


def lesson_records(
    store: Store, library: Library, user: User, since: dt.datetime | None = None
) -> dict[tuple[str, str], LessonRecord]:
    """(curriculum id, lesson id) -> the trainee's record, from their finished practice
    sessions (those started at or after `since`, when given). Reads one score row per session;
    sessions that ended without one (a crash before it was written), and rows that say passed
    for an ending the lesson does not accept (the rule before it looked at endings), are
    scored first."""
    record_missing_scores(store, library, user.id)
    records: dict[tuple[str, str], LessonRecord] = {}
    for score in store.session_scores_of(user.id):
        recent = since is None or score.started_at >= since
        if score.exam_attempt_id is None and recent and score.passed is not None:
            _add(records, score)
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
