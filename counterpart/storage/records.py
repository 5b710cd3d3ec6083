"""What storage hands to the rest of the core: plain records, detached from the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: str  # trainee | trainer | manager | qa | admin
    team_id: int | None = None


@dataclass(frozen=True)
class Team:
    id: int
    name: str


@dataclass(frozen=True)
class GradeRecord:
    dimension: str
    score: int | None
    reasons: list[dict]
    grader_version: str = ""
    policy_ref: str | None = None  # ID@VERSION the grade was given against


@dataclass(frozen=True)
class GradeOverride:
    """A reviewer's score for one dimension of a reply, beside the automatic grade."""

    id: int
    turn_id: int
    dimension: str
    score: int
    automatic_score: int | None
    note: str
    reviewer_id: int
    created_at: dt.datetime


@dataclass(frozen=True)
class Turn:
    id: int
    seq: int
    role: str  # customer | trainee
    text: str
    created_at: dt.datetime
    reply_seconds: float | None = None
    satisfaction: int | None = None
    engine: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    suggestion: str | None = None  # a better phrasing, when a dimension fell short
    judge_note: str | None = None  # what the optional LLM judge added, or why it failed
    grades: dict[str, GradeRecord] = field(default_factory=dict)
    overrides: dict[str, GradeOverride] = field(default_factory=dict)  # newest per dimension

    def score(self, dimension: str) -> int | None:
        """The score that counts: a reviewer's override when there is one, else the grader's."""
        if dimension in self.overrides:
            return self.overrides[dimension].score
        grade = self.grades.get(dimension)
        return grade.score if grade else None


@dataclass(frozen=True)
class NewTurn:
    """A turn about to be written; storage gives it its place in the chat (seq) and its id."""

    role: str  # customer | trainee
    text: str
    created_at: dt.datetime | None = None  # now, when not given
    reply_seconds: float | None = None
    satisfaction: int | None = None
    engine: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass(frozen=True)
class PracticeSession:
    id: int
    user_id: int
    curriculum_id: str
    lesson_id: str
    persona_id: str
    policy_ref: str
    engine: str
    seed: int
    status: str  # active | ended
    end_reason: str | None
    customer_state: dict
    started_at: dt.datetime
    ended_at: dt.datetime | None
    turns: list[Turn] = field(default_factory=list)
    exam_attempt_id: int | None = None  # set when the session is a scenario of an exam

    @property
    def awaiting_customer(self) -> bool:
        """The trainee's last reply has no customer answer yet (a failure or a crash)."""
        return self.status == "active" and bool(self.turns) and self.turns[-1].role == "trainee"


@dataclass(frozen=True)
class ExamAttemptRecord:
    id: int
    user_id: int
    curriculum_id: str
    track_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    passed: bool | None


@dataclass(frozen=True)
class SessionScore:
    """What an ended session adds up to (see tables.SessionScoreRow)."""

    session_id: int
    user_id: int
    curriculum_id: str
    track_id: str | None
    module_id: str | None
    lesson_id: str
    persona_id: str
    language: str
    exam_attempt_id: int | None
    started_at: dt.datetime
    ended_at: dt.datetime
    end_reason: str | None
    replies: int
    empathy: int | None
    policy: int | None
    speed: int | None
    resolution: int
    passed: bool | None
    handling_seconds: float
    overridden: bool = False
