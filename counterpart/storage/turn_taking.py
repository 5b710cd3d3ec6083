"""Whose turn it is in a chat, kept by the database, so that two tabs, a double click or two app
replicas cannot both take it: a turn is written only at the place in the chat where its writer
saw it, and one writer at a time fetches the customer's answer, under a claim that expires (a
holder that died frees the session)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from counterpart.storage.records import NewTurn, Turn
from counterpart.storage.store import (
    Store,
    UnknownRecord,
    _turn,
    insert_turn,
    last_turn,
    lock_session,
)
from counterpart.storage.tables import AnswerClaimRow, utcnow


class StaleChat(Exception):
    """Raised when a turn or a claim is written against a chat that has moved on since its
    writer read it: the session has ended, another turn came after the one the writer saw, or
    the writer's claim on the customer's answer was taken over. Nothing is written."""


def append_turn(
    store: Store,
    session_id: int,
    turn: NewTurn,
    *,
    after_seq: int,
    claim: str | None = None,
    end_reason: str | None = None,
    customer_state: dict | None = None,
    nudge: bool = False,
) -> Turn:
    """Write `turn` right after turn `after_seq` (0: the first), which must be the last and of
    the other role, in an active session. With `claim`, the writer's claim on the customer's
    answer must still be held, and is given up. With `end_reason`, the session ends in the same
    transaction, so a final message is never kept without its ending, nor the other way round.
    With `nudge`, a customer message may follow the customer's own (it was left waiting), and
    `customer_state` is written with it. Raises StaleChat, or UnknownRecord for a session that
    does not exist."""
    with store.db.begin() as db:
        session = lock_session(db, session_id)
        if session is None:
            raise UnknownRecord(f"no practice session {session_id}")
        if session.status != "active":
            raise StaleChat(f"session {session_id} has ended")
        last = last_turn(db, session_id)
        follows_itself = bool(last and last.role == turn.role)
        if follows_itself and not (nudge and turn.role == "customer"):
            raise StaleChat(f"session {session_id} has moved on from turn {after_seq}")
        if (last.seq if last else 0) != after_seq:
            raise StaleChat(f"session {session_id} has moved on from turn {after_seq}")
        if claim is not None:
            held = db.get(AnswerClaimRow, session_id)
            if held is None or held.holder != claim:
                raise StaleChat(f"the claim on session {session_id}'s answer was taken over")
            db.delete(held)
        row = insert_turn(db, session_id, after_seq + 1, turn)
        if customer_state is not None:
            session.customer_state = customer_state
        if end_reason is not None:
            session.status, session.end_reason = "ended", end_reason
            session.ended_at = turn.created_at or utcnow()
        db.flush()
        return _turn(row)


def claim_answer(
    store: Store,
    session_id: int,
    *,
    after_seq: int,
    holder: str,
    now: dt.datetime,
    until: dt.datetime,
) -> bool:
    """Claim the fetching of the customer's answer to reply `after_seq` for `holder` until
    `until`. False when someone else holds a claim on that reply that has not expired at `now`.
    Raises StaleChat when that reply is no longer the last turn of an active session."""
    with store.db.begin() as db:
        session = lock_session(db, session_id)
        if session is None:
            raise UnknownRecord(f"no practice session {session_id}")
        last = last_turn(db, session_id)
        if session.status != "active" or last is None or last.seq != after_seq:
            raise StaleChat(f"session {session_id} has moved on from turn {after_seq}")
        if last.role != "trainee":
            raise StaleChat(f"turn {after_seq} of session {session_id} is not a reply")
        held = db.get(AnswerClaimRow, session_id)
        if held is None:
            db.add(
                AnswerClaimRow(
                    session_id=session_id, holder=holder, after_seq=after_seq, expires_at=until
                )
            )
            return True
        if held.after_seq == after_seq and held.expires_at > now:
            return False
        held.holder, held.after_seq, held.expires_at = holder, after_seq, until
        return True


def release_answer(store: Store, session_id: int, holder: str) -> None:
    """Give up a claim (the answer failed or was abandoned); someone else's is left alone."""
    with store.db.begin() as db:
        db.execute(
            delete(AnswerClaimRow).where(
                AnswerClaimRow.session_id == session_id, AnswerClaimRow.holder == holder
            )
        )
