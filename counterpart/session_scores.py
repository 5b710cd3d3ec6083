"""One score row per ended session, so progress and dashboards never re-read every turn.

`passed` is the lesson's pass rule (curricula.certification.lesson_verdict, through the
session's summary): ended as the lesson requires, every required fact stated, every pass mark
met. Rows written before that rule counted the marks alone, so a chat the trainee left could
say passed; such rows are rescored the next time the trainee's progress is read.
"""

from __future__ import annotations

from counterpart.storage.records import PracticeSession, SessionScore
from counterpart.storage.store import Store
from counterpart.summary import summarize
from curricula.certification import resolution_score
from curricula.curriculum import EXAM_KEY, Curriculum, Lesson
from curricula.library import Library


def _place(curriculum: Curriculum | None, lesson_id: str) -> tuple[str | None, str | None]:
    """(track id, module id) of a lesson; an exam scenario belongs to its track only."""
    if curriculum is None:
        return None, None
    if lesson_id.startswith(EXAM_KEY):
        return lesson_id.split(":")[1] or None, None
    found = curriculum.locate(lesson_id)
    if found is None:
        return None, None
    track = curriculum.tracks[found[0]]
    return track.id, track.modules[found[1]].id


def _lesson(library: Library, session: PracticeSession) -> tuple[Curriculum | None, Lesson | None]:
    curriculum = library.curricula.get(session.curriculum_id)
    return curriculum, curriculum.lesson(session.lesson_id) if curriculum else None


def session_score(session: PracticeSession, library: Library) -> SessionScore:
    """The score row of an ended session. Overrides count in place of the grader's score.
    A lesson since removed from its curriculum keeps its averages but `passed` is None."""
    curriculum, lesson = _lesson(library, session)
    replies = [t for t in session.turns if t.role == "trainee"]
    final = session.turns[-1].satisfaction if session.turns else None
    resolution = resolution_score(session.end_reason, final)
    if lesson is not None:
        summary = summarize(session, lesson, library.policy(session.policy_ref))
        averages, handling = summary.averages, summary.handling_seconds
        passed = summary.lesson_passed
    else:
        averages = {d: _mean([t.score(d) for t in replies]) for d in ("empathy", "policy", "speed")}
        handling = (
            (session.turns[-1].created_at - session.turns[0].created_at).total_seconds()
            if session.turns
            else 0.0
        )
        passed = None
    persona = library.personas.get(session.persona_id)
    track_id, module_id = _place(curriculum, session.lesson_id)
    return SessionScore(
        session_id=session.id,
        user_id=session.user_id,
        curriculum_id=session.curriculum_id,
        track_id=track_id,
        module_id=module_id,
        lesson_id=session.lesson_id,
        persona_id=session.persona_id,
        language=persona.language if persona else (curriculum.language if curriculum else ""),
        exam_attempt_id=session.exam_attempt_id,
        started_at=session.started_at,
        ended_at=session.ended_at or session.started_at,
        end_reason=session.end_reason,
        replies=len(replies),
        empathy=averages.get("empathy"),
        policy=averages.get("policy"),
        speed=averages.get("speed"),
        resolution=resolution,
        passed=passed,
        handling_seconds=handling,
        overridden=any(t.overrides for t in replies),
    )


def _mean(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known)) if known else None


def record_session_score(store: Store, library: Library, session_id: int) -> SessionScore | None:
    """Write (or rewrite) the score row of a session; None while it is still active."""
    session = store.session(session_id)
    if session.status != "ended":
        return None
    score = session_score(session, library)
    store.save_session_score(score)
    return score


def record_missing_scores(store: Store, library: Library, user_id: int | None = None) -> int:
    """Score the ended sessions that have no row yet and, for one user, rescore the rows that
    say passed for an ending their lesson does not accept (written before the pass rule
    looked at how a chat ended); returns how many rows were written."""
    written = 0
    while batch := store.unscored_sessions(user_id):
        for session_id in batch:
            record_session_score(store, library, session_id)
            written += 1
    if user_id is not None:
        for score in store.session_scores_of(user_id):
            if _passed_by_an_ending_not_accepted(score, library):
                record_session_score(store, library, score.session_id)
                written += 1
    return written


def _passed_by_an_ending_not_accepted(score: SessionScore, library: Library) -> bool:
    # Read from the row alone, so checking every row of a trainee costs no turn reads.
    if not score.passed:
        return False
    curriculum = library.curricula.get(score.curriculum_id)
    lesson = curriculum.lesson(score.lesson_id) if curriculum else None
    return lesson is not None and score.end_reason not in lesson.passing_endings
