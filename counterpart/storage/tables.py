"""The tables: users and teams, practice sessions, turns, grades and the reviews of grades."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 6

# Statements that bring a database from the version before to the key's version. A new
# database gets every table as declared below and starts at SCHEMA_VERSION.
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE turns ADD COLUMN suggestion TEXT",
        "ALTER TABLE turns ADD COLUMN judge_note TEXT",
        "ALTER TABLE grades ADD COLUMN policy_ref VARCHAR(100)",
    ],
    # Exam attempts and certificates are new tables (made by create_all); sessions learn
    # which exam attempt they belong to.
    3: ["ALTER TABLE practice_sessions ADD COLUMN exam_attempt_id INTEGER"],
    # Teams, team managers, grade overrides and session scores are new tables; trainees join a
    # team. Session scores of sessions ended before this version are filled in by the core
    # (counterpart/session_scores.py), which knows the lessons' pass marks.
    4: [
        "ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams(id)",
        "CREATE INDEX IF NOT EXISTS ix_users_team_id ON users (team_id)",
    ],
    # Claims on the customer's answer are a new table (made by create_all); the version says
    # that a replica of an older Counterpart, which would not look at them, may not open it.
    5: [],
    # Rows written before issue 10 said passed without looking at how the chat ended or at the
    # required facts; the stricter rule can only take a pass away, so only passed rows can be
    # wrong. They are dropped here and written again under today's rule by the core
    # (counterpart/session_scores.py), when the app starts.
    6: ["DELETE FROM session_scores WHERE passed = TRUE"],
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator):
    """Moments kept in UTC on every backend: SQLite would store an aware time's local wall
    clock and hand it back without its zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return dt.datetime

    def process_bind_param(self, value, dialect):
        return value.astimezone(dt.UTC) if value is not None and value.tzinfo else value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: UtcDateTime}


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)


class TeamRow(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TeamManagerRow(Base):
    """A manager sees the trainees of the teams they manage, and no others."""

    __tablename__ = "team_managers"
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class SessionRow(Base):
    __tablename__ = "practice_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    curriculum_id: Mapped[str] = mapped_column(String(100))
    lesson_id: Mapped[str] = mapped_column(String(100))
    persona_id: Mapped[str] = mapped_column(String(100))
    policy_ref: Mapped[str] = mapped_column(String(100))
    engine: Mapped[str] = mapped_column(String(20))
    seed: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    end_reason: Mapped[str | None] = mapped_column(String(20))
    customer_state: Mapped[dict] = mapped_column(JSON)
    exam_attempt_id: Mapped[int | None] = mapped_column(ForeignKey("exam_attempts.id"))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column()
    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="session", order_by="TurnRow.seq", cascade="all, delete-orphan"
    )


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))  # customer | trainee
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reply_seconds: Mapped[float | None] = mapped_column()
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    engine: Mapped[str | None] = mapped_column(String(20))
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    suggestion: Mapped[str | None] = mapped_column(Text)
    judge_note: Mapped[str | None] = mapped_column(Text)
    session: Mapped[SessionRow] = relationship(back_populates="turns")
    grades: Mapped[list[GradeRow]] = relationship(
        back_populates="turn", order_by="GradeRow.id", cascade="all, delete-orphan"
    )
    overrides: Mapped[list[GradeOverrideRow]] = relationship(
        order_by="GradeOverrideRow.id", cascade="all, delete-orphan"
    )


class AnswerClaimRow(Base):
    """Who is fetching the customer's answer to a reply, and until when: one writer at a time
    per session, across tabs and app replicas. Removed when the answer is saved or fails; a
    claim whose holder died is taken over once it expires."""

    __tablename__ = "answer_claims"
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(40))
    after_seq: Mapped[int] = mapped_column(Integer)  # the reply being answered
    expires_at: Mapped[dt.datetime] = mapped_column()


class GradeRow(Base):
    __tablename__ = "grades"
    __table_args__ = (UniqueConstraint("turn_id", "dimension"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(20))
    score: Mapped[int | None] = mapped_column(Integer)
    reasons: Mapped[list] = mapped_column(JSON)
    grader_version: Mapped[str] = mapped_column(String(20))
    policy_ref: Mapped[str | None] = mapped_column(String(100))
    turn: Mapped[TurnRow] = relationship(back_populates="grades")


class ExamAttemptRow(Base):
    __tablename__ = "exam_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    curriculum_id: Mapped[str] = mapped_column(String(100))
    track_id: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    passed: Mapped[bool | None] = mapped_column()


class CertificateRow(Base):
    """Written once when issued; never updated."""

    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    verification_id: Mapped[str] = mapped_column(String(40), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    holder: Mapped[str] = mapped_column(String(200))
    certificate_id: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[dt.datetime] = mapped_column()
    expires_at: Mapped[dt.datetime] = mapped_column()
    policy_versions: Mapped[dict] = mapped_column(JSON)
    policy_sections: Mapped[list] = mapped_column(JSON)
    grader_version: Mapped[str] = mapped_column(String(20))


class ExerciseResultRow(Base):
    """One try at a QA grading exercise: the trainee's grades and their agreement with gold."""

    __tablename__ = "exercise_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    curriculum_id: Mapped[str] = mapped_column(String(100))
    exercise_id: Mapped[str] = mapped_column(String(100))
    grades: Mapped[dict] = mapped_column(JSON)
    share: Mapped[float] = mapped_column()
    passed: Mapped[bool] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class GradeOverrideRow(Base):
    """A reviewer's score for one dimension of one reply, kept beside the automatic grade (which
    is never changed). The newest override of a dimension is the one that counts."""

    __tablename__ = "grade_overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    automatic_score: Mapped[int | None] = mapped_column(Integer)  # as graded when overruled
    note: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SessionScoreRow(Base):
    """What an ended session adds up to, written when it ends (and again when a grade of it is
    overruled), so dashboards and progress read one row per session instead of every turn."""

    __tablename__ = "session_scores"
    __table_args__ = (
        Index("ix_session_scores_user_lesson", "user_id", "curriculum_id", "lesson_id"),
        Index("ix_session_scores_lesson", "curriculum_id", "lesson_id"),
        # The dashboard's (counterpart/storage/cohort/): each covers its queries, so
        # that at 200,000 sessions they read the index alone. By date range: the score tables;
        # by trainee: where each one is now; by track: the funnel.
        Index(
            "ix_session_scores_ended_scores",
            "ended_at",
            "curriculum_id",
            "track_id",
            "user_id",
            "lesson_id",
            "persona_id",
            "exam_attempt_id",
            "passed",
            "empathy",
            "policy",
            "speed",
            "resolution",
        ),
        Index(
            "ix_session_scores_user_ended",
            "user_id",
            "ended_at",
            "curriculum_id",
            "track_id",
            "lesson_id",
            "exam_attempt_id",
            "passed",
        ),
        Index(
            "ix_session_scores_track_user",
            "curriculum_id",
            "track_id",
            "user_id",
            "lesson_id",
            "passed",
            "exam_attempt_id",
            "started_at",
        ),
    )
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    curriculum_id: Mapped[str] = mapped_column(String(100))
    track_id: Mapped[str | None] = mapped_column(String(100))
    module_id: Mapped[str | None] = mapped_column(String(100))
    lesson_id: Mapped[str] = mapped_column(String(100))
    persona_id: Mapped[str] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(20))
    exam_attempt_id: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column()
    ended_at: Mapped[dt.datetime] = mapped_column()
    end_reason: Mapped[str | None] = mapped_column(String(20))
    replies: Mapped[int] = mapped_column(Integer)
    empathy: Mapped[int | None] = mapped_column(Integer)
    policy: Mapped[int | None] = mapped_column(Integer)
    speed: Mapped[int | None] = mapped_column(Integer)
    resolution: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)  # None: the lesson no longer exists
    handling_seconds: Mapped[float] = mapped_column(Float)
    overridden: Mapped[bool] = mapped_column(Boolean, default=False)
