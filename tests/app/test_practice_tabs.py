"""One practice session open in two tabs (two browser sessions of one trainee): the page never
shows a traceback, never saves a reply twice, and never drops a reply it could not send."""

from __future__ import annotations

import datetime as dt

from test_pages import database, signed_in  # noqa: F401  (fixture and helper)

from counterpart.config import database_url
from counterpart.services import build_services
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.storage.turn_taking import claim_answer, release_answer

FIRST = "Sorry for the wait! What is your order number?"
STALE = "I can see the parcel was delayed; let me check the refund for you."


def two_tabs():
    first = signed_in("trainee", "practise-now")
    first.button(key="start-after-sales-basics-late-refund").click().run()
    second = signed_in("trainee", "practise-now")
    next(b for b in second.button if b.label == "Resume").click().run()
    assert not first.exception and not second.exception
    return first, second


def trainee() -> User:
    return next(u for u in Store(database_url()).users() if u.username == "trainee")


def the_session(store: Store):
    return store.session(store.sessions_of(trainee().id)[0].id)


def trainee_turns(url: str) -> list[str]:
    return [t.text for t in the_session(Store(url)).turns if t.role == "trainee"]


def test_a_reply_from_a_tab_that_fell_behind_is_given_back_not_lost(database):  # noqa: F811
    first, second = two_tabs()
    first.chat_input[0].set_value(FIRST).run()
    assert not first.exception
    assert len(first.chat_message) == 3  # opening, reply, the customer's answer
    # The second tab still shows only the opening line when its trainee sends.
    second.chat_input[0].set_value(STALE).run()
    assert not second.exception
    assert "Not sent" in second.warning[0].value
    assert STALE in second.code[0].value
    assert len(second.chat_message) == 3  # it now shows the chat as saved
    assert trainee_turns(database) == [FIRST]


def test_the_same_reply_sent_twice_is_kept_once(database):  # noqa: F811
    first, second = two_tabs()
    first.chat_input[0].set_value(FIRST).run()
    second.chat_input[0].set_value(FIRST).run()
    assert not second.exception
    assert len(second.warning) == 0  # it was sent: nothing to give back
    assert trainee_turns(database) == [FIRST]


def test_a_tab_waits_while_another_fetches_the_customers_answer(database):  # noqa: F811
    first, second = two_tabs()
    store = Store(database)
    session = the_session(store)
    now = dt.datetime.now(dt.UTC)
    # The first tab has sent its reply and is fetching the customer's answer: it holds the claim.
    build_services(database).loop.submit(trainee(), session.id, FIRST)
    last = store.session(session.id).turns[-1].seq
    assert claim_answer(
        store,
        session.id,
        after_seq=last,
        holder="tab-1",
        now=now,
        until=now + dt.timedelta(minutes=2),
    )
    second.run()
    assert not second.exception
    assert "already answering in another tab" in second.info[0].value
    assert len(second.chat_message) >= 2
    assert [t.role for t in store.session(session.id).turns] == ["customer", "trainee"]
    # Once the first tab lets go (answer saved or failed), the second tab gets the answer.
    release_answer(store, session.id, "tab-1")
    second.run()
    assert not second.exception
    assert [t.role for t in store.session(session.id).turns] == ["customer", "trainee", "customer"]


def test_a_reply_refused_while_the_customer_is_due_is_given_back(database):  # noqa: F811
    first, second = two_tabs()
    store = Store(database)
    session = the_session(store)
    # The first tab sent a reply; the customer has not answered it yet when the second sends.
    build_services(database).loop.submit(trainee(), session.id, FIRST)
    second.chat_input[0].set_value(STALE).run()
    assert not second.exception
    assert "Wait for the customer's answer first." in second.error[0].value
    assert STALE in second.code[0].value
    # The page then fetched the customer's answer, and the reply is still there to send again.
    assert [t.role for t in store.session(session.id).turns] == ["customer", "trainee", "customer"]
    second.run()
    assert STALE in second.code[0].value
    assert trainee_turns(database) == [FIRST]


def test_a_customer_left_waiting_nudges_on_the_page_without_the_trainee_acting(database):  # noqa: F811
    from sqlalchemy import update

    from counterpart.storage.tables import TurnRow

    page, _ = two_tabs()
    store = Store(database)
    session = the_session(store)
    # Ten minutes of silence since the opening line: well past the customer's patience window.
    with store.db.begin() as db:
        db.execute(
            update(TurnRow)
            .where(TurnRow.session_id == session.id)
            .values(created_at=session.turns[-1].created_at - dt.timedelta(minutes=10))
        )
    page.run()
    assert not page.exception
    customer = [t for t in the_session(store).turns if t.role == "customer"]
    assert len(customer) == 2 and customer[1].engine == "scripted"
    assert len(page.chat_message) == 2  # the nudge is on screen
    assert page.chat_input  # and the trainee can still answer
