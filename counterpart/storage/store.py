"""All reads and writes of the database; the rest of the code never sees SQL."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from counterpart.storage.database import open_engine, session_factory
from counterpart.storage.records import (
    ExamAttemptRecord,
    GradeOverride,
    GradeRecord,
    NewTurn,
    PracticeSession,
    SessionScore,
    Team,
    Turn,
    User,
)
from counterpart.storage.tables import (
    CertificateRow,
    ExamAttemptRow,
    ExerciseResultRow,
    GradeOverrideRow,
    GradeRow,
    SessionRow,
    SessionScoreRow,
    TeamManagerRow,
    TeamRow,
    TurnRow,
    UserRow,
    utcnow,
)
from curricula.certificates import Certificate


class UnknownRecord(LookupError):
    """Raised when a user or session id does not exist."""


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored as UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL (SQLite can), and UTF-8, so neither database, can hold a
    # lone surrogate (a paste or a browser can send one); U+FFFD marks where either was, so a
    # reply that contains one is still saved. A pair split in two is joined back.
    if text is None:
        return None
    text = text.replace("\x00", "\ufffd")
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def lock_session(db: Session, session_id: int) -> SessionRow | None:
    """Take a session for writing, first thing in a transaction: writers of one session (tabs,
    replicas) then queue up, and each reads what the one before it wrote. On SQLite that is the
    database's write lock, taken before anything is read (pysqlite would begin the transaction
    only at the first write, after the reads); on PostgreSQL the session's row, FOR UPDATE."""
    if db.get_bind().dialect.name == "sqlite":
        db.connection().exec_driver_sql("BEGIN IMMEDIATE")
    return db.scalar(select(SessionRow).where(SessionRow.id == session_id).with_for_update())


def last_turn(db: Session, session_id: int) -> TurnRow | None:
    return db.scalar(
        select(TurnRow)
        .where(TurnRow.session_id == session_id)
        .order_by(TurnRow.seq.desc())
        .limit(1)
    )


def insert_turn(db: Session, session_id: int, seq: int, turn: NewTurn) -> TurnRow:
    row = TurnRow(
        session_id=session_id,
        seq=seq,
        role=turn.role,
        text=_storable(turn.text),
        created_at=turn.created_at or utcnow(),
        reply_seconds=turn.reply_seconds,
        satisfaction=turn.satisfaction,
        engine=turn.engine,
        prompt_tokens=turn.prompt_tokens,
        completion_tokens=turn.completion_tokens,
    )
    db.add(row)
    db.flush()
    return row


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.role, row.team_id)


def _override(row: GradeOverrideRow) -> GradeOverride:
    return GradeOverride(
        id=row.id,
        turn_id=row.turn_id,
        dimension=row.dimension,
        score=row.score,
        automatic_score=row.automatic_score,
        note=row.note,
        reviewer_id=row.reviewer_id,
        created_at=_aware(row.created_at),
    )


def _turn(row: TurnRow) -> Turn:
    return Turn(
        id=row.id,
        seq=row.seq,
        role=row.role,
        text=row.text,
        created_at=_aware(row.created_at),
        reply_seconds=row.reply_seconds,
        satisfaction=row.satisfaction,
        engine=row.engine,
        prompt_tokens=row.prompt_tokens,
        completion_tokens=row.completion_tokens,
        suggestion=row.suggestion,
        judge_note=row.judge_note,
        grades={
            g.dimension: GradeRecord(
                g.dimension, g.score, g.reasons, g.grader_version, g.policy_ref
            )
            for g in row.grades
        },
        # Ordered by id, so the newest override of a dimension is the one kept.
        overrides={o.dimension: _override(o) for o in row.overrides},
    )


def _session(row: SessionRow, with_turns: bool = True) -> PracticeSession:
    return PracticeSession(
        id=row.id,
        user_id=row.user_id,
        curriculum_id=row.curriculum_id,
        lesson_id=row.lesson_id,
        persona_id=row.persona_id,
        policy_ref=row.policy_ref,
        engine=row.engine,
        seed=row.seed,
        status=row.status,
        end_reason=row.end_reason,
        customer_state=dict(row.customer_state),
        started_at=_aware(row.started_at),
        ended_at=_aware(row.ended_at),
        turns=[_turn(t) for t in row.turns] if with_turns else [],
        exam_attempt_id=row.exam_attempt_id,
    )


def _session_score(row: SessionScoreRow) -> SessionScore:
    values = {name: getattr(row, name) for name in SessionScore.__dataclass_fields__}
    values["started_at"], values["ended_at"] = _aware(row.started_at), _aware(row.ended_at)
    return SessionScore(**values)


def _attempt(row: ExamAttemptRow) -> ExamAttemptRecord:
    return ExamAttemptRecord(
        row.id,
        row.user_id,
        row.curriculum_id,
        row.track_id,
        _aware(row.started_at),
        _aware(row.finished_at),
        row.passed,
    )


def _certificate(row: CertificateRow) -> Certificate:
    return Certificate(
        verification_id=row.verification_id,
        certificate_id=row.certificate_id,
        holder=row.holder,
        level=row.level,
        title=row.title,
        issued_at=_aware(row.issued_at),
        expires_at=_aware(row.expires_at),
        policy_versions=dict(row.policy_versions),
        policy_sections=tuple(row.policy_sections),
        grader_version=row.grader_version,
    )


def _certificate_row(certificate: Certificate, user_id: int | None) -> CertificateRow:
    return CertificateRow(
        verification_id=certificate.verification_id,
        user_id=user_id,
        holder=certificate.holder,
        certificate_id=certificate.certificate_id,
        level=certificate.level,
        title=certificate.title,
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        policy_versions=dict(certificate.policy_versions),
        policy_sections=list(certificate.policy_sections),
        grader_version=certificate.grader_version,
    )


class Store:
    def __init__(self, url: str):
        self.url = url
        self.engine = open_engine(url)
        self.db = session_factory(self.engine)

    # users
    def add_user(self, username: str, display_name: str, role: str, password_hash: str) -> User:
        with self.db.begin() as db:
            row = UserRow(
                username=username, display_name=display_name, role=role, password_hash=password_hash
            )
            db.add(row)
            db.flush()
            return _user(row)

    def user_with_hash(self, username: str) -> tuple[User, str] | None:
        with self.db() as db:
            row = db.scalar(select(UserRow).where(UserRow.username == username))
            return (_user(row), row.password_hash) if row else None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        with self.db.begin() as db:
            db.get_one(UserRow, user_id).password_hash = password_hash

    def user(self, user_id: int) -> User:
        with self.db() as db:
            row = db.get(UserRow, user_id)
            if row is None:
                raise UnknownRecord(f"no user {user_id}")
            return _user(row)

    def users(self) -> list[User]:
        with self.db() as db:
            return [_user(r) for r in db.scalars(select(UserRow).order_by(UserRow.username))]

    # teams
    def add_team(self, name: str) -> Team:
        with self.db.begin() as db:
            row = TeamRow(name=name)
            db.add(row)
            db.flush()
            return Team(row.id, row.name)

    def teams(self) -> list[Team]:
        with self.db() as db:
            return [Team(r.id, r.name) for r in db.scalars(select(TeamRow).order_by(TeamRow.name))]

    def set_team(self, user_id: int, team_id: int | None) -> None:
        with self.db.begin() as db:
            db.get_one(UserRow, user_id).team_id = team_id

    def add_team_manager(self, team_id: int, user_id: int) -> None:
        with self.db.begin() as db:
            if db.get(TeamManagerRow, (team_id, user_id)) is None:
                db.add(TeamManagerRow(team_id=team_id, user_id=user_id))

    def managed_team_ids(self, user_id: int) -> frozenset[int]:
        with self.db() as db:
            return frozenset(
                db.scalars(select(TeamManagerRow.team_id).where(TeamManagerRow.user_id == user_id))
            )

    def session_owner(self, session_id: int) -> int:
        with self.db() as db:
            owner = db.scalar(select(SessionRow.user_id).where(SessionRow.id == session_id))
            if owner is None:
                raise UnknownRecord(f"no practice session {session_id}")
            return owner

    # sessions
    def create_session(
        self,
        *,
        user_id: int,
        curriculum_id: str,
        lesson_id: str,
        persona_id: str,
        policy_ref: str,
        engine: str,
        seed: int,
        customer_state: dict,
        exam_attempt_id: int | None = None,
        at: dt.datetime | None = None,
        opening: NewTurn | None = None,
    ) -> int:
        """A new session and, in the same transaction, its opening turn: a crash between the
        two would leave an active session with nothing to reply to."""
        with self.db.begin() as db:
            row = SessionRow(
                started_at=at or utcnow(),
                user_id=user_id,
                curriculum_id=curriculum_id,
                lesson_id=lesson_id,
                persona_id=persona_id,
                policy_ref=policy_ref,
                engine=engine,
                seed=seed,
                customer_state=customer_state,
                exam_attempt_id=exam_attempt_id,
            )
            db.add(row)
            db.flush()
            if opening is not None:
                insert_turn(db, row.id, 1, opening)
            return row.id

    def session(self, session_id: int) -> PracticeSession:
        with self.db() as db:
            row = db.scalar(
                select(SessionRow)
                .where(SessionRow.id == session_id)
                .options(
                    selectinload(SessionRow.turns).selectinload(TurnRow.grades),
                    selectinload(SessionRow.turns).selectinload(TurnRow.overrides),
                )
            )
            if row is None:
                raise UnknownRecord(f"no practice session {session_id}")
            return _session(row)

    def active_session_id(self, user_id: int) -> int | None:
        with self.db() as db:
            return db.scalar(
                select(SessionRow.id)
                .where(SessionRow.user_id == user_id, SessionRow.status == "active")
                .order_by(SessionRow.id.desc())
                .limit(1)
            )

    def sessions_of(self, user_id: int) -> list[PracticeSession]:
        with self.db() as db:
            rows = db.scalars(
                select(SessionRow)
                .where(SessionRow.user_id == user_id)
                .order_by(SessionRow.id.desc())
            )
            return [_session(r, with_turns=False) for r in rows]

    def add_turn(
        self,
        session_id: int,
        role: str,
        text: str,
        *,
        reply_seconds: float | None = None,
        satisfaction: int | None = None,
        engine: str | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        at: dt.datetime | None = None,
    ) -> Turn:
        """Write a turn after the last one, whatever it is (turn_taking.append_turn writes one
        only where its writer saw the chat)."""
        turn = NewTurn(
            role,
            text,
            created_at=at,
            reply_seconds=reply_seconds,
            satisfaction=satisfaction,
            engine=engine,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )
        with self.db.begin() as db:
            lock_session(db, session_id)
            last = last_turn(db, session_id)
            return _turn(insert_turn(db, session_id, last.seq + 1 if last else 1, turn))

    def save_grades(
        self,
        turn_id: int,
        grades: list[GradeRecord],
        *,
        satisfaction: int | None = None,
        customer_state: dict | None = None,
        suggestion: str | None = None,
        judge_note: str | None = None,
    ) -> bool:
        """Grades of a reply, with the customer's state after it, in one transaction. A reply
        is graded once: when it already has grades (another tab graded it first) nothing is
        written and False is returned."""
        with self.db.begin() as db:
            session_id = db.scalar(select(TurnRow.session_id).where(TurnRow.id == turn_id))
            lock_session(db, session_id)
            if db.scalar(select(GradeRow.id).where(GradeRow.turn_id == turn_id).limit(1)):
                return False
            for g in grades:
                db.add(
                    GradeRow(
                        turn_id=turn_id,
                        dimension=g.dimension,
                        score=g.score,
                        reasons=g.reasons,
                        grader_version=g.grader_version,
                        policy_ref=g.policy_ref,
                    )
                )
            turn = db.get_one(TurnRow, turn_id)
            turn.suggestion, turn.judge_note = _storable(suggestion), _storable(judge_note)
            if satisfaction is not None:
                turn.satisfaction = satisfaction
            if customer_state is not None:
                db.get_one(SessionRow, turn.session_id).customer_state = customer_state
            return True

    def update_session(
        self,
        session_id: int,
        *,
        customer_state: dict | None = None,
        engine: str | None = None,
        end_reason: str | None = None,
        at: dt.datetime | None = None,
    ) -> None:
        """Change a session; `end_reason` ends it, unless it has ended already (its first
        ending, say the customer leaving, is the one kept)."""
        with self.db.begin() as db:
            row = lock_session(db, session_id)
            if row is None:
                raise UnknownRecord(f"no practice session {session_id}")
            if customer_state is not None:
                row.customer_state = customer_state
            if engine is not None:
                row.engine = engine
            if end_reason is not None and row.status == "active":
                row.status, row.end_reason, row.ended_at = "ended", end_reason, at or utcnow()

    # reviews
    def add_override(
        self,
        turn_id: int,
        dimension: str,
        score: int,
        note: str,
        reviewer_id: int,
        at: dt.datetime | None = None,
    ) -> tuple[GradeOverride, int]:
        """Keep a reviewer's score beside the automatic grade (which is not touched); returns
        the override and the id of the session the reply belongs to."""
        with self.db.begin() as db:
            turn = db.get(TurnRow, turn_id)
            if turn is None:
                raise UnknownRecord(f"no turn {turn_id}")
            automatic = db.scalar(
                select(GradeRow.score).where(
                    GradeRow.turn_id == turn_id, GradeRow.dimension == dimension
                )
            )
            row = GradeOverrideRow(
                turn_id=turn_id,
                dimension=dimension,
                score=score,
                automatic_score=automatic,
                note=_storable(note),
                reviewer_id=reviewer_id,
                created_at=at or utcnow(),
            )
            db.add(row)
            db.flush()
            return _override(row), turn.session_id

    # session scores
    def save_session_score(self, score: SessionScore) -> None:
        """Write or replace the score row of an ended session."""
        values = vars(score)
        with self.db.begin() as db:
            # An upsert, so a session ending while one of its grades is overruled (two app
            # replicas at once) cannot collide on the key.
            insert = (postgresql.insert if db.bind.dialect.name == "postgresql" else sqlite.insert)(
                SessionScoreRow
            ).values(**values)
            db.execute(
                insert.on_conflict_do_update(
                    index_elements=["session_id"],
                    set_={k: insert.excluded[k] for k in values if k != "session_id"},
                )
            )

    def session_scores_of(self, user_id: int) -> list[SessionScore]:
        """The user's session scores, newest session first."""
        with self.db() as db:
            rows = db.scalars(
                select(SessionScoreRow)
                .where(SessionScoreRow.user_id == user_id)
                .order_by(SessionScoreRow.session_id.desc())
            )
            return [_session_score(r) for r in rows]

    def unscored_sessions(self, user_id: int | None = None, limit: int = 1000) -> list[int]:
        """Ended sessions that have no score row yet (ended before scores were kept, or by a
        process that stopped before writing it), oldest first."""
        with self.db() as db:
            query = (
                select(SessionRow.id)
                .outerjoin(SessionScoreRow, SessionScoreRow.session_id == SessionRow.id)
                .where(SessionRow.status == "ended", SessionScoreRow.session_id.is_(None))
                .order_by(SessionRow.id)
                .limit(limit)
            )
            if user_id is not None:
                query = query.where(SessionRow.user_id == user_id)
            return list(db.scalars(query))

    # exams and certificates
    def add_exam_attempt(
        self, user_id: int, curriculum_id: str, track_id: str, at: dt.datetime
    ) -> ExamAttemptRecord:
        with self.db.begin() as db:
            row = ExamAttemptRow(
                user_id=user_id, curriculum_id=curriculum_id, track_id=track_id, started_at=at
            )
            db.add(row)
            db.flush()
            return _attempt(row)

    def exam_attempts(
        self, user_id: int, curriculum_id: str, track_id: str
    ) -> list[ExamAttemptRecord]:
        with self.db() as db:
            rows = db.scalars(
                select(ExamAttemptRow)
                .where(
                    ExamAttemptRow.user_id == user_id,
                    ExamAttemptRow.curriculum_id == curriculum_id,
                    ExamAttemptRow.track_id == track_id,
                )
                .order_by(ExamAttemptRow.id)
            )
            return [_attempt(r) for r in rows]

    def exam_attempt(self, attempt_id: int) -> ExamAttemptRecord:
        with self.db() as db:
            row = db.get(ExamAttemptRow, attempt_id)
            if row is None:
                raise UnknownRecord(f"no exam attempt {attempt_id}")
            return _attempt(row)

    def attempt_sessions(self, attempt_id: int) -> list[PracticeSession]:
        with self.db() as db:
            rows = db.scalars(
                select(SessionRow)
                .where(SessionRow.exam_attempt_id == attempt_id)
                .options(
                    selectinload(SessionRow.turns).selectinload(TurnRow.grades),
                    selectinload(SessionRow.turns).selectinload(TurnRow.overrides),
                )
                .order_by(SessionRow.id)
            )
            return [_session(r) for r in rows]

    def finish_exam_attempt(
        self,
        attempt_id: int,
        passed: bool,
        at: dt.datetime,
        certificate: Certificate | None = None,
        user_id: int | None = None,
    ) -> None:
        """Close the attempt and, when passed, record the certificate in the same
        transaction: a passed exam never ends up without its certificate."""
        with self.db.begin() as db:
            row = db.get_one(ExamAttemptRow, attempt_id)
            row.finished_at, row.passed = at, passed
            if certificate is not None:
                db.add(_certificate_row(certificate, user_id))

    def add_certificate(self, certificate: Certificate, user_id: int) -> None:
        """A certificate issued outside an exam (a renewal after a policy change)."""
        with self.db.begin() as db:
            db.add(_certificate_row(certificate, user_id))

    def all_certificates(self) -> list[tuple[int, Certificate]]:
        """Every certificate with its holder's user id, for managers."""
        with self.db() as db:
            rows = db.scalars(select(CertificateRow).order_by(CertificateRow.issued_at))
            return [(r.user_id, _certificate(r)) for r in rows]

    def certificates_of(self, user_id: int) -> list[Certificate]:
        with self.db() as db:
            rows = db.scalars(
                select(CertificateRow)
                .where(CertificateRow.user_id == user_id)
                .order_by(CertificateRow.issued_at)
            )
            return [_certificate(r) for r in rows]

    # QA grading exercises
    def add_exercise_result(
        self,
        user_id: int,
        curriculum_id: str,
        exercise_id: str,
        grades: dict,
        share: float,
        passed: bool,
        at: dt.datetime | None = None,
    ) -> None:
        with self.db.begin() as db:
            db.add(
                ExerciseResultRow(
                    created_at=at or utcnow(),
                    user_id=user_id,
                    curriculum_id=curriculum_id,
                    exercise_id=exercise_id,
                    grades=grades,
                    share=share,
                    passed=passed,
                )
            )

    def exercise_results_of(self, user_id: int) -> list[tuple[str, str, float, bool]]:
        """(curriculum id, exercise id, agreement share, passed), newest first."""
        with self.db() as db:
            rows = db.scalars(
                select(ExerciseResultRow)
                .where(ExerciseResultRow.user_id == user_id)
                .order_by(ExerciseResultRow.id.desc())
            )
            return [(r.curriculum_id, r.exercise_id, r.share, r.passed) for r in rows]
