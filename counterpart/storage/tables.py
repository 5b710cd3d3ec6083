"""The tables: users, practice sessions, turns and grades."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 3

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
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: DateTime(timezone=True)}


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
