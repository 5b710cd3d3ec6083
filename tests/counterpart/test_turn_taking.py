"""Storage's side of turn-taking, on SQLite and PostgreSQL: a turn is written only where its
writer saw the chat, claims on the customer's answer, and writes that happen once."""

from __future__ import annotations

import datetime as dt

import pytest

from counterpart.storage.records import GradeRecord, NewTurn
from counterpart.storage.store import Store, UnknownRecord
from counterpart.storage.turn_taking import StaleChat, append_turn, claim_answer, release_answer

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    yield store
    store.engine.dispose()


def new_session(store: Store, opening: NewTurn | None = None) -> int:
    user = store.add_user(f"u{len(store.users())}", "U", "trainee", "hash")
    return store.create_session(
        user_id=user.id,
        curriculum_id="c",
        lesson_id="l",
        persona_id="p",
        policy_ref="pol@1",
        engine="scripted",
        seed=7,
        customer_state={"satisfaction": 40},
        opening=opening,
    )


def later(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_a_session_is_written_with_its_opening_line(store):
    session_id = new_session(
        store, NewTurn("customer", "Where is my refund?", T0, engine="persona")
    )
    [opening] = store.session(session_id).turns
    assert (opening.seq, opening.role, opening.text, opening.engine) == (
        1,
        "customer",
        "Where is my refund?",
        "persona",
    )


def test_a_turn_is_written_only_right_after_the_turn_its_writer_saw(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    reply = append_turn(store, session_id, NewTurn("trainee", "Hi!"), after_seq=1)
    assert (reply.seq, reply.role) == (2, "trainee")
    for stale in (
        (NewTurn("trainee", "Hi again"), 1),  # the other tab saw turn 1 too
        (NewTurn("trainee", "Hi twice"), 2),  # two replies in a row
        (NewTurn("customer", "Skipped"), 3),  # a turn nobody wrote yet
    ):
        with pytest.raises(StaleChat):
            append_turn(store, session_id, stale[0], after_seq=stale[1])
    assert [t.text for t in store.session(session_id).turns] == ["Hello?", "Hi!"]


def test_a_final_answer_and_the_end_are_written_together(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    append_turn(store, session_id, NewTurn("trainee", "Done."), after_seq=1)
    append_turn(
        store,
        session_id,
        NewTurn("customer", "Thanks!", later(5)),
        after_seq=2,
        end_reason="resolved",
    )
    ended = store.session(session_id)
    assert (ended.status, ended.end_reason, ended.ended_at) == ("ended", "resolved", later(5))
    with pytest.raises(StaleChat):
        append_turn(store, session_id, NewTurn("trainee", "Bye"), after_seq=3)


def test_the_first_ending_of_a_session_is_the_one_kept(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    store.update_session(session_id, end_reason="resolved")
    store.update_session(session_id, end_reason="ended_by_trainee")
    assert store.session(session_id).end_reason == "resolved"
    with pytest.raises(UnknownRecord):
        store.update_session(12345, end_reason="resolved")


def test_one_claim_at_a_time_on_the_customer_answer_until_it_expires(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    append_turn(store, session_id, NewTurn("trainee", "Hi!"), after_seq=1)

    def claim(holder, now):
        return claim_answer(
            store,
            session_id,
            after_seq=2,
            holder=holder,
            now=now,
            until=now + dt.timedelta(seconds=60),
        )

    assert claim("a", T0)
    assert not claim("b", later(59))
    release_answer(store, session_id, "b")  # not b's to give up
    assert not claim("b", later(59))
    assert claim("b", later(61))  # a's holder died; its claim expired
    with pytest.raises(StaleChat):  # a comes back: its claim was taken over
        append_turn(store, session_id, NewTurn("customer", "A's"), after_seq=2, claim="a")
    append_turn(store, session_id, NewTurn("customer", "B's"), after_seq=2, claim="b")
    with pytest.raises(StaleChat):  # nothing left to answer
        claim("c", later(62))
    assert [t.text for t in store.session(session_id).turns] == ["Hello?", "Hi!", "B's"]


def test_a_claim_given_up_is_free_at_once(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    append_turn(store, session_id, NewTurn("trainee", "Hi!"), after_seq=1)
    kwargs = {"after_seq": 2, "now": T0, "until": later(60)}
    assert claim_answer(store, session_id, holder="a", **kwargs)
    release_answer(store, session_id, "a")
    assert claim_answer(store, session_id, holder="b", **kwargs)


def test_a_reply_is_graded_once(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    reply = append_turn(store, session_id, NewTurn("trainee", "Hi!"), after_seq=1)
    first = [GradeRecord("empathy", 80, []), GradeRecord("speed", 100, [])]
    assert store.save_grades(reply.id, first, customer_state={"satisfaction": 50})
    assert not store.save_grades(reply.id, [GradeRecord("empathy", 10, [])])
    saved = store.session(session_id)
    assert {d: g.score for d, g in saved.turns[1].grades.items()} == {"empathy": 80, "speed": 100}
    assert saved.customer_state == {"satisfaction": 50}


def test_only_a_nudge_may_follow_the_customers_own_message_and_it_carries_the_state(store):
    session_id = new_session(store, NewTurn("customer", "Hello?"))
    with pytest.raises(StaleChat):
        append_turn(store, session_id, NewTurn("customer", "Anyone?"), after_seq=1)
    nudge = append_turn(
        store,
        session_id,
        NewTurn("customer", "Still there?"),
        after_seq=1,
        nudge=True,
        customer_state={"satisfaction": 35},
    )
    assert (nudge.seq, nudge.role) == (2, "customer")
    assert store.session(session_id).customer_state == {"satisfaction": 35}
    with pytest.raises(StaleChat):  # written against a chat that has moved on
        append_turn(store, session_id, NewTurn("customer", "Hello??"), after_seq=1, nudge=True)
    append_turn(store, session_id, NewTurn("trainee", "Sorry, here!"), after_seq=2)
    with pytest.raises(StaleChat):  # a trainee never follows itself, nudge or not
        append_turn(store, session_id, NewTurn("trainee", "Hi again"), after_seq=3, nudge=True)
