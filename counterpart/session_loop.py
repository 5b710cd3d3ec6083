"""One practice session, turn by turn: save the reply, grade it, move the customer, answer.

The order matters: the trainee's reply is written before anything that can fail (grading, the
LLM), and the customer's turn is written only once it has arrived whole, so a crash or a failing
endpoint never loses a reply and a reload resumes where the chat stood. Each write names the
turn its writer saw (storage/turn_taking.py), so two tabs, a double click or two replicas give
one reply and one customer answer, and the other gets a refusal, never a duplicate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace

from counterpart.customer.engine import CustomerEngine
from counterpart.customer.llm_customer import LLMCustomer
from counterpart.customer.scripted import ScriptedCustomer, opening_line
from counterpart.customer.state import opening_state
from counterpart.customer.turn import CustomerAnswer, CustomerStep, context_for, take_reply
from counterpart.customer.waiting import waiting_turn
from counterpart.llm_gateway import LLMError, LLMGateway
from counterpart.llm_judge import LLMJudge
from counterpart.progress import lesson_records, passed_in
from counterpart.session_scores import record_session_score
from counterpart.storage.records import GradeRecord, NewTurn, PracticeSession, Turn, User
from counterpart.storage.store import Store
from counterpart.storage.tables import utcnow
from counterpart.storage.turn_taking import StaleChat, append_turn, claim_answer, release_answer
from curricula.certification import module_states, track_open
from curricula.curriculum import EXAM_KEY, Curriculum, Lesson
from curricula.library import Library
from grading.score import ReplyGrade

MAX_REPLY_CHARS = 50_000
# How long one tab may take to fetch the customer's answer before another may take over: with
# the gateway's defaults (30 s timeout, 3 attempts) the slowest answer it still waits for fits,
# and a tab or replica that died while fetching holds the session no longer than this. Past it a
# second tab may ask the model again, but only one answer is ever saved.
CLAIM_SECONDS = 120.0
# Show nothing, besides whitespace, controls and format characters (zero-width space and
# joiners, word joiner, BOM, soft hyphen, direction marks: category Cf): the other
# default-ignorable code points and the blank braille pattern, which fonts draw as a space.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


class PracticeError(Exception):
    """Raised when a practice action is refused; `code` names the reason for the interface:
    empty_reply, reply_too_long, not_yours, session_ended, customer_pending, nothing_pending,
    already_sent (another tab or a second click did it first), customer_answering (another tab
    is fetching the customer's answer), unknown_lesson, broken_lesson, locked."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class CustomerUnavailable(Exception):
    """Raised while streaming when the LLM customer fails; the trainee's reply is kept and the
    turn can be retried or continued with the offline customer."""

    def __init__(self, error: LLMError):
        self.error = error
        super().__init__(str(error))


def _blank(text: str) -> bool:
    """True when the text shows nothing: only whitespace and invisible characters."""
    return all(
        c.isspace() or c in _INVISIBLE or unicodedata.category(c) in ("Cc", "Cf") for c in text
    )


def _grade_records(grade: ReplyGrade) -> list[GradeRecord]:
    return [
        GradeRecord(
            score.dimension,
            score.value,
            [r.model_dump() for r in score.reasons],
            grade.grader_version,
            grade.policy_ref,
        )
        for score in (grade.empathy, grade.policy, grade.speed)
    ]


class SessionLoop:
    def __init__(
        self,
        store: Store,
        library: Library,
        gateway: LLMGateway | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        claim_seconds: float = CLAIM_SECONDS,
    ):
        self.store, self.library, self.gateway, self.clock = store, library, gateway, clock
        self.claim_seconds = claim_seconds
        self.engines: dict[str, CustomerEngine] = {"scripted": ScriptedCustomer()}
        self.judge: LLMJudge | None = None
        if gateway is not None:
            self.engines["llm"] = LLMCustomer(gateway)
            self.judge = LLMJudge(gateway)

    # reading
    def lesson(self, curriculum_id: str, lesson_id: str) -> tuple[Curriculum, Lesson]:
        curriculum = self.library.curricula.get(curriculum_id)
        lesson = curriculum.lesson(lesson_id) if curriculum else None
        if lesson is None:
            raise PracticeError("unknown_lesson", f"no lesson {curriculum_id}/{lesson_id}")
        if lesson.persona not in self.library.personas:
            raise PracticeError(
                "broken_lesson",
                f"lesson {lesson_id}: persona "
                f"{lesson.persona!r} is not loaded; run counterpart validate",
            )
        return curriculum, lesson

    def held_certificates(self, user: User) -> set[str]:
        """Ids of the certificates the user holds and that have not expired."""
        now = self.clock()
        return {c.certificate_id for c in self.store.certificates_of(user.id) if c.expires_at > now}

    def check_unlocked(self, user: User, curriculum: Curriculum, lesson_id: str) -> None:
        """Modules unlock in order and tracks need their certificates, whatever the page shows."""
        track = next(
            t for t in curriculum.tracks for m in t.modules for a in m.lessons if a.id == lesson_id
        )
        is_open, missing = track_open(track, held=self.held_certificates(user))
        if not is_open:
            raise PracticeError("locked", f"track {track.id} needs {', '.join(missing)}")
        passed = passed_in(lesson_records(self.store, self.library, user), curriculum.id)
        for state, module in zip(module_states(track, passed), track.modules, strict=True):
            if any(a.id == lesson_id for a in module.lessons) and not state.unlocked:
                raise PracticeError(
                    "locked",
                    f"module {module.id} is locked: first pass {', '.join(state.blocking)}",
                )

    def session(self, user: User, session_id: int) -> PracticeSession:
        session = self.store.session(session_id)
        if session.user_id != user.id:
            raise PracticeError("not_yours", "this practice session belongs to someone else")
        if session.status == "active" and not session.turns:
            session = self._open_again(session)
        return session

    def _open_again(self, session: PracticeSession) -> PracticeSession:
        """Give its opening line to a session left without one (written by a version that
        could crash between the two), so that the trainee has something to answer."""
        persona = self.library.personas.get(session.persona_id)
        if persona is None:
            return session
        line = NewTurn(
            "customer",
            opening_line(persona, session.seed),
            created_at=self.clock(),
            satisfaction=CustomerStep.from_dict(session.customer_state).state.satisfaction,
            engine="persona",
        )
        with contextlib.suppress(StaleChat):  # another tab gave it one, or ended it, first
            append_turn(self.store, session.id, line, after_seq=0)
        return self.store.session(session.id)

    def _refusal(self, session_id: int, code: str, message: str) -> PracticeError:
        """The refusal for a write that found the chat moved on: ended, or done elsewhere."""
        if self.store.session(session_id).status != "active":
            return PracticeError("session_ended", "this practice session has ended")
        return PracticeError(code, message)

    def current(self, user: User) -> PracticeSession | None:
        session_id = self.store.active_session_id(user.id)
        return self.session(user, session_id) if session_id else None

    # writing
    def start(
        self,
        user: User,
        curriculum_id: str,
        lesson_id: str,
        seed: int | None = None,
        exam_attempt_id: int | None = None,
    ) -> PracticeSession:
        curriculum, lesson = self.lesson(curriculum_id, lesson_id)
        if lesson_id.startswith(EXAM_KEY):
            if exam_attempt_id is None:  # only the exam service starts exam chats
                raise PracticeError("locked", "exam chats start from the exam, not as lessons")
        else:
            self.check_unlocked(user, curriculum, lesson_id)
        persona = self.library.personas[lesson.persona]
        policy = self.library.policy(lesson.policy)
        engine = lesson.engine
        if engine == "auto" or (engine == "llm" and "llm" not in self.engines):
            engine = "llm" if "llm" in self.engines else "scripted"
        seed = secrets.randbelow(2**31) if seed is None else seed
        state = opening_state(persona, seed)
        now = self.clock()
        opening = NewTurn(
            "customer",
            opening_line(persona, seed),
            created_at=now,
            satisfaction=state.satisfaction,
            engine="persona",
        )
        session_id = self.store.create_session(
            user_id=user.id,
            curriculum_id=curriculum_id,
            lesson_id=lesson_id,
            persona_id=persona.id,
            policy_ref=policy.ref if policy else lesson.policy,
            engine=engine,
            seed=seed,
            customer_state=CustomerStep(state).as_dict(),
            exam_attempt_id=exam_attempt_id,
            at=now,
            opening=opening,
        )
        return self.store.session(session_id)

    def submit(
        self,
        user: User,
        session_id: int,
        text: str,
        *,
        use_judge: bool = False,
        after: int | None = None,
    ) -> Turn:
        """Save the trainee's reply, then grade it and move the customer's state. With
        `use_judge`, the LLM judge (when one is configured) refines the empathy grade. `after`
        is the seq of the last turn the trainee saw: a reply to a chat that has moved on since
        (in another tab) is refused as already_sent, as is the same reply sent twice."""
        session = self.session(user, session_id)
        if session.status != "active":
            raise PracticeError("session_ended", "this practice session has ended")
        last = session.turns[-1] if session.turns else None
        if session.awaiting_customer:
            if last.text == text:
                raise PracticeError("already_sent", "this reply has been sent already")
            raise PracticeError("customer_pending", "the customer has not answered yet")
        if _blank(text):
            raise PracticeError("empty_reply", "write a reply before sending")
        if len(text) > MAX_REPLY_CHARS:
            raise PracticeError("reply_too_long", f"a reply can hold {MAX_REPLY_CHARS} characters")
        seen = last.seq if last else 0
        if after is not None and after != seen:
            raise PracticeError(
                "already_sent", "the chat has moved on since this reply was written"
            )
        now = self.clock()
        waited = (now - _waiting_since(session)).total_seconds()
        reply = NewTurn("trainee", text, created_at=now, reply_seconds=max(0.0, waited))
        try:
            turn = append_turn(self.store, session_id, reply, after_seq=seen)
        except StaleChat:
            raise self._refusal(
                session_id, "already_sent", "another tab or a second click sent a reply first"
            ) from None
        return self._grade(replace(session, turns=[*session.turns, turn]), turn, use_judge)

    def _grade(self, session: PracticeSession, turn: Turn, use_judge: bool = False) -> Turn:
        """Grade a saved reply and move the customer; return the reply with its grades."""
        _, lesson = self.lesson(session.curriculum_id, session.lesson_id)
        persona = self.library.personas[session.persona_id]
        policy = self.library.policy(session.policy_ref)
        grade, step = take_reply(
            persona,
            policy,
            CustomerStep.from_dict(session.customer_state).state,
            turn.text,
            sla_seconds=lesson.sla_seconds,
            reply_seconds=turn.reply_seconds,
            history=[(t.role, t.text) for t in session.turns if t.seq < turn.seq],
            pass_marks=lesson.pass_marks.model_dump(),
            judge=self.judge if use_judge else None,
        )
        records = _grade_records(grade)
        self.store.save_grades(
            turn.id,
            records,
            satisfaction=step.state.satisfaction,
            customer_state=step.as_dict(),
            suggestion=grade.suggestion,
            judge_note=grade.judge_note,
        )
        return replace(
            turn,
            satisfaction=step.state.satisfaction,
            suggestion=grade.suggestion,
            judge_note=grade.judge_note,
            grades={r.dimension: r for r in records},
        )

    def customer_reply(
        self, user: User, session_id: int, engine: str | None = None
    ) -> Iterator[str]:
        """Stream the customer's answer; it is saved once whole. `engine` switches engines,
        e.g. to 'scripted' to continue offline after the LLM failed. One tab at a time fetches
        it: another is refused (customer_answering) until the answer is saved or has failed,
        or the claim of a tab that died has expired."""
        session = self.session(user, session_id)
        if not session.awaiting_customer:
            raise PracticeError("nothing_pending", "there is no reply waiting for the customer")
        last = session.turns[-1]
        holder, now = secrets.token_hex(16), self.clock()
        until = now + dt.timedelta(seconds=self.claim_seconds)
        try:
            claimed = claim_answer(
                self.store, session_id, after_seq=last.seq, holder=holder, now=now, until=until
            )
        except StaleChat:
            raise self._refusal(
                session_id, "already_sent", "the customer has answered in another tab"
            ) from None
        if not claimed:
            raise PracticeError("customer_answering", "the customer is answering in another tab")
        try:
            if not last.grades:  # the process stopped between saving and grading
                self._grade(session, last)
                session = self.store.session(session_id)
            if engine and engine != session.engine:
                self.store.update_session(session_id, engine=engine)
            name = engine or session.engine
            customer = self.engines.get(name, self.engines["scripted"])
        except BaseException:
            release_answer(self.store, session_id, holder)
            raise
        return self._stream(session, customer, holder)

    def _stream(
        self, session: PracticeSession, customer: CustomerEngine, holder: str
    ) -> Iterator[str]:
        saved = False
        try:
            _, lesson = self.lesson(session.curriculum_id, session.lesson_id)
            persona = self.library.personas[session.persona_id]
            step = CustomerStep.from_dict(session.customer_state)
            history = [(t.role, t.text) for t in session.turns]
            context = context_for(
                persona, self.library.policy(session.policy_ref), session.seed, history, step
            )
            answer = CustomerAnswer(customer, context, lesson.turn_limit)
            try:
                yield from answer
            except LLMError as exc:
                raise CustomerUnavailable(exc) from exc
            said = NewTurn(
                "customer",
                answer.text,
                created_at=self.clock(),
                satisfaction=step.state.satisfaction,
                engine=customer.name,
                prompt_tokens=answer.prompt_tokens,
                completion_tokens=answer.completion_tokens,
            )
            try:
                # The final message and the end of the session are one write.
                append_turn(
                    self.store,
                    session.id,
                    said,
                    after_seq=session.turns[-1].seq,
                    claim=holder,
                    end_reason=answer.end,
                )
            except StaleChat:
                raise self._refusal(
                    session.id, "already_sent", "another tab saved the customer's answer first"
                ) from None
            saved = True
        finally:
            if not saved:  # failed, refused or abandoned: another try may start at once
                release_answer(self.store, session.id, holder)
        if answer.end:
            record_session_score(self.store, self.library, session.id)

    def nudge(self, user: User, session_id: int) -> Turn | None:
        """Let a customer left waiting speak: past its patience window without a reply it
        nudges (saved as its turn, costing satisfaction and patience), and ignored long enough
        it leaves, ending the chat as abandoned. None while it waits quietly, or when the chat
        is not waiting on the trainee. Safe to call from every tab: one nudge is saved."""
        session = self.session(user, session_id)
        if session.status != "active" or session.awaiting_customer or not session.turns:
            return None
        _, lesson = self.lesson(session.curriculum_id, session.lesson_id)
        persona = self.library.personas.get(session.persona_id)
        if persona is None:
            return None
        last = session.turns[-1]
        now = self.clock()
        found = waiting_turn(
            persona,
            self.library.policy(session.policy_ref),
            session.seed,
            [(t.role, t.text) for t in session.turns],
            CustomerStep.from_dict(session.customer_state),
            (now - last.created_at).total_seconds(),
            lesson.sla_seconds,
        )
        if found is None:
            return None
        said = NewTurn(
            "customer",
            found.text,
            created_at=now,
            satisfaction=found.step.state.satisfaction,
            engine="scripted",
        )
        try:
            turn = append_turn(
                self.store,
                session.id,
                said,
                after_seq=last.seq,
                customer_state=found.step.as_dict(),
                nudge=True,
                end_reason=found.end,
            )
        except StaleChat:
            return None  # another tab nudged, or the trainee replied, first
        if found.end:
            record_session_score(self.store, self.library, session.id)
        return turn

    def end(self, user: User, session_id: int) -> None:
        session = self.session(user, session_id)
        if session.status == "active":
            self.close(session_id, "ended_by_trainee")

    def close(self, session_id: int, reason: str) -> None:
        """End a session now and write its score row for progress and the dashboards."""
        self.store.update_session(session_id, end_reason=reason, at=self.clock())
        record_session_score(self.store, self.library, session_id)


def _waiting_since(session: PracticeSession) -> dt.datetime:
    """When the customer started waiting: its first message since the trainee's last reply (a
    nudge while waiting does not restart the clock)."""
    since = session.started_at
    for turn in reversed(session.turns):
        if turn.role != "customer":
            break
        since = turn.created_at
    return since
