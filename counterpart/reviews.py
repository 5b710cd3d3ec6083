"""QA review: overruling a grade, and reading a trainee's sessions and a transcript with every
reply's scores. Who may see and change what is checked here, whatever page or URL asks.

Overrides are kept beside the automatic grade, which is never changed. Where an override counts
(the certification rules): in place of the grader's score for lesson progress and for exam
attempts not finished yet, because both are worked out from the session's turns
(`Turn.score`) when they are read or when the attempt ends. A certificate already issued never
changes: overruling a grade of a passed exam's session rescores the session, but the
certificate, and the attempt's recorded result, stay as issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from counterpart.session_scores import record_missing_scores, record_session_score
from counterpart.storage.records import GradeOverride, PracticeSession, SessionScore, Turn, User
from counterpart.storage.review_queries import reply_under_review, sessions_to_review
from counterpart.storage.store import Store
from counterpart.summary import DIMENSIONS, SessionSummary, summarize
from counterpart.visibility import check_session, check_user, live_account, visible_teams
from curricula.library import Library

SCORED = (*DIMENSIONS, "resolution")
# Managers overrule within the teams they manage (visibility decides); QA leads and admins
# anywhere. Trainers calibrate the grader through content, not by overruling trainees.
REVIEWER_ROLES = frozenset({"qa", "manager", "admin"})
NOTE_LIMIT = 2000


class MayNotOverrule(PermissionError):
    """Raised when the reviewer's role may not overrule grades, or the reply is their own."""


class OverrideRejected(ValueError):
    """Raised when an override's dimension, score or note, or the reply it is about, is not
    acceptable; `field` names which (dimension, score, note or turn)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class ShownOverride:
    score: int
    automatic_score: int | None  # as graded when overruled
    note: str
    reviewer: str  # display name
    at: dt.datetime


@dataclass(frozen=True)
class TranscriptTurn:
    turn: Turn  # its text, reply time, satisfaction, grades (with reasons), suggestion, note
    overrides: dict[str, ShownOverride]  # the one that counts per dimension

    def automatic(self, dimension: str) -> int | None:
        grade = self.turn.grades.get(dimension)
        return grade.score if grade else None


@dataclass(frozen=True)
class Transcript:
    session: PracticeSession
    trainee: User
    lesson_title: str
    persona_name: str
    persona_language: str | None
    turns: list[TranscriptTurn]
    summary: SessionSummary | None  # None while the session is open or its lesson is gone
    held: bool  # an exam still under way: its own trainee sees no grades yet
    may_overrule: bool


@dataclass(frozen=True)
class SessionLine:
    session_id: int
    lesson_title: str
    persona_name: str
    started_at: dt.datetime
    status: str  # active | ended
    end_reason: str | None
    exam: bool
    scores: dict[str, int | None]  # empathy, policy, speed, resolution (overrides counted)
    passed: bool | None
    overridden: bool
    handling_seconds: float | None
    trainee: User | None = None  # given where lines of several trainees are listed


@dataclass(frozen=True)
class TraineeSessions:
    trainee: User
    team: str | None
    sessions: list[SessionLine]  # newest first


def _lesson_title(library: Library, curriculum_id: str, lesson_id: str) -> str:
    curriculum = library.curricula.get(curriculum_id)
    lesson = curriculum.lesson(lesson_id) if curriculum else None
    return lesson.title if lesson else lesson_id


def _persona_name(library: Library, persona_id: str) -> str:
    persona = library.personas.get(persona_id)
    return persona.name if persona else persona_id


def _feedback_held(store: Store, viewer: User, session: PracticeSession) -> bool:
    """A trainee sees no grades of an exam attempt still under way; reviewers always do."""
    if viewer.id != session.user_id or session.exam_attempt_id is None:
        return False
    return store.exam_attempt(session.exam_attempt_id).finished_at is None


def may_overrule(store: Store, reviewer: User, session_id: int) -> bool:
    try:
        _check_reviewer(store, reviewer, session_id)
    except PermissionError:
        return False
    return True


def _check_reviewer(store: Store, reviewer: User, session_id: int) -> None:
    reviewer = live_account(store, reviewer)
    if reviewer.role not in REVIEWER_ROLES:
        raise MayNotOverrule(f"a {reviewer.role} may not overrule grades")
    check_session(store, reviewer, session_id)
    if store.session_owner(session_id) == reviewer.id:
        raise MayNotOverrule("nobody overrules the grades of their own replies")


def _checked_note(note: object) -> str:
    if not isinstance(note, str) or not note.strip():
        raise OverrideRejected("note", "say why the grade is overruled")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise OverrideRejected("note", f"at most {NOTE_LIMIT} characters, not {len(note)}")
    return note


def overrule(
    store: Store,
    library: Library,
    reviewer: User,
    turn_id: int,
    dimension: str,
    score: int,
    note: str,
    now: dt.datetime | None = None,
) -> GradeOverride:
    """Keep a reviewer's score and note for one dimension of a trainee's reply, beside the
    automatic grade, and rescore the session when it has ended. Raises UnknownRecord for an
    unknown reply, NotVisible or MayNotOverrule (both PermissionError) for a reviewer who may
    not, and OverrideRejected (a ValueError naming the field) for bad input; nothing is saved
    then. See the module docstring for where the override counts."""
    reply = reply_under_review(store, turn_id)
    _check_reviewer(store, reviewer, reply.session_id)
    if dimension not in DIMENSIONS:
        raise OverrideRejected("dimension", f"one of {', '.join(DIMENSIONS)}, not {dimension!r}")
    if reply.role != "trainee":
        raise OverrideRejected("turn", "only a trainee's reply is graded")
    if dimension not in reply.graded:
        raise OverrideRejected("dimension", f"this reply has no {dimension} grade to overrule")
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise OverrideRejected("score", f"a whole number from 0 to 100, not {score!r}")
    override, session_id = store.add_override(
        turn_id, dimension, score, _checked_note(note), reviewer.id, at=now
    )
    record_session_score(store, library, session_id)
    return override


def transcript(store: Store, library: Library, viewer: User, session_id: int) -> Transcript:
    """A session with every reply's automatic scores, reasons, suggestion, judge note, reply
    time and satisfaction, the override that counts beside each grade, and the summary.
    Raises UnknownRecord for an unknown session and NotVisible for one the viewer may not
    read."""
    check_session(store, viewer, session_id)
    session = store.session(session_id)
    held = _feedback_held(store, viewer, session)
    names: dict[int, str] = {}

    def shown(override: GradeOverride) -> ShownOverride:
        if override.reviewer_id not in names:
            names[override.reviewer_id] = store.user(override.reviewer_id).display_name
        return ShownOverride(
            override.score,
            override.automatic_score,
            override.note,
            names[override.reviewer_id],
            override.created_at,
        )

    turns = []
    for turn in session.turns:
        if held:
            turn = replace(turn, grades={}, overrides={}, suggestion=None, judge_note=None)
        turns.append(TranscriptTurn(turn, {d: shown(o) for d, o in turn.overrides.items()}))
    curriculum = library.curricula.get(session.curriculum_id)
    lesson = curriculum.lesson(session.lesson_id) if curriculum else None
    summary = None
    if lesson is not None and session.status == "ended" and not held:
        summary = summarize(session, lesson, library.policy(session.policy_ref))
    persona = library.personas.get(session.persona_id)
    return Transcript(
        session=session,
        trainee=store.user(session.user_id),
        lesson_title=lesson.title if lesson else session.lesson_id,
        persona_name=persona.name if persona else session.persona_id,
        persona_language=persona.language if persona else None,
        turns=turns,
        summary=summary,
        held=held,
        may_overrule=not held and may_overrule(store, viewer, session_id),
    )


def _line(
    library: Library, score: SessionScore, hide: bool = False, trainee: User | None = None
) -> SessionLine:
    return SessionLine(
        session_id=score.session_id,
        lesson_title=_lesson_title(library, score.curriculum_id, score.lesson_id),
        persona_name=_persona_name(library, score.persona_id),
        started_at=score.started_at,
        status="ended",
        end_reason=score.end_reason,
        exam=score.exam_attempt_id is not None,
        scores={d: None if hide else getattr(score, d) for d in SCORED},
        passed=None if hide else score.passed,
        overridden=score.overridden,
        handling_seconds=score.handling_seconds,
        trainee=trainee,
    )


def _open_line(library: Library, session: PracticeSession) -> SessionLine:
    return SessionLine(
        session_id=session.id,
        lesson_title=_lesson_title(library, session.curriculum_id, session.lesson_id),
        persona_name=_persona_name(library, session.persona_id),
        started_at=session.started_at,
        status=session.status,
        end_reason=session.end_reason,
        exam=session.exam_attempt_id is not None,
        scores=dict.fromkeys(SCORED),
        passed=None,
        overridden=False,
        handling_seconds=None,
    )


def trainee_sessions(store: Store, library: Library, viewer: User, user_id: int) -> TraineeSessions:
    """A trainee and their sessions, newest first, with the scores of their score rows (one
    per ended session, overrides counted; an open session has none). Raises UnknownRecord for
    an unknown user and NotVisible for a trainee the viewer may not see."""
    check_user(store, viewer, user_id)
    trainee = store.user(user_id)
    record_missing_scores(store, library, user_id)
    scores = {s.session_id: s for s in store.session_scores_of(user_id)}
    exam_open: dict[int, bool] = {}
    lines = []
    for session in store.sessions_of(user_id):
        score = scores.get(session.id)
        if score is None:
            lines.append(_open_line(library, session))
            continue
        attempt = session.exam_attempt_id
        hide = False
        if attempt is not None and viewer.id == user_id:
            if attempt not in exam_open:
                exam_open[attempt] = store.exam_attempt(attempt).finished_at is None
            hide = exam_open[attempt]
        lines.append(_line(library, score, hide))
    teams = {t.id: t.name for t in store.teams()}
    return TraineeSessions(trainee, teams.get(trainee.team_id), lines)


def review_queue(
    store: Store, library: Library, viewer: User, limit: int = 50
) -> list[SessionLine]:
    """Recent ended sessions that went badly (below a pass mark, escalated or abandoned) and
    that no one has overruled, in the teams the viewer may see, newest first. Raises
    NotVisible for roles that see no one else's practice."""
    scores = sessions_to_review(store, visible_teams(store, viewer), limit)
    people = {i: store.user(i) for i in {s.user_id for s in scores}}
    return [_line(library, s, trainee=people[s.user_id]) for s in scores]
