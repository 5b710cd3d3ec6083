"""One practice session written from several places at once: two tabs, a double click on send,
app replicas behind a load balancer. Each writer is a thread with a Store of its own (its own
engine and connections, as a replica has), on a SQLite file and on PostgreSQL; the customer model
is the fake OpenAI-compatible server, which counts the calls it is paid for."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from counterpart.accounts import create_user
from counterpart.llm_gateway import LLMGateway
from counterpart.llm_settings import LLMSettings
from counterpart.session_loop import PracticeError, SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library

COURSE, LESSON = "after-sales-basics", "late-refund"
ASK = "I'm so sorry for the wait. Could you tell me your order number so I can check it?"
WRITERS = 20
JOIN_SECONDS = 60


@pytest.fixture(scope="module")
def library():
    return load_library()


def replica(url: str, library, fake=None) -> SessionLoop:
    """A SessionLoop as one app replica has it: its own engine, pool and LLM client."""
    gateway = None
    if fake is not None:
        settings = LLMSettings(
            base_url=fake.base_url, api_key="test", model="fake", timeout_seconds=10
        )
        gateway = LLMGateway(settings)
    return SessionLoop(Store(url), library, gateway)


def run_together(actions: list[Callable[[], object]]) -> tuple[list, Counter, list[str]]:
    """Run the actions on threads released at the same instant; returns what succeeded, the
    codes of the PracticeErrors and anything else raised (which should never happen)."""
    barrier = threading.Barrier(len(actions))
    done, refused, crashed = [], Counter(), []
    lock = threading.Lock()

    def run(action):
        try:
            barrier.wait(timeout=30)
            result = action()
        except PracticeError as exc:
            with lock:
                refused[exc.code] += 1
        except Exception as exc:  # collected and asserted by the tests
            with lock:
                crashed.append(f"{type(exc).__name__}: {exc}")
        else:
            with lock:
                done.append(result)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(t.is_alive() for t in threads), "a writer is still running"
    return done, refused, crashed


def roles(store: Store, session_id: int) -> list[str]:
    return [t.role for t in store.session(session_id).turns]


def close_all(loops: list[SessionLoop]) -> None:
    for loop in loops:
        loop.store.engine.dispose()
        if loop.gateway is not None:
            loop.gateway.close()


def test_a_reply_sent_from_many_tabs_at_once_is_saved_once(database_url, library):
    first = replica(database_url, library)
    trainee = create_user(first.store, "tess", "password1", "trainee")
    session = first.start(trainee, COURSE, LESSON, seed=3)
    loops = [replica(database_url, library) for _ in range(WRITERS)]
    try:
        done, refused, crashed = run_together(
            [
                lambda loop=loop: loop.submit(trainee, session.id, ASK)
                for loop in loops  # a double click: the same text from every tab
            ]
        )
        assert crashed == []
        assert len(done) == 1
        assert set(refused) == {"already_sent"} and sum(refused.values()) == WRITERS - 1
        saved = first.store.session(session.id)
        assert [t.role for t in saved.turns] == ["customer", "trainee"]
        assert set(saved.turns[1].grades) == {"empathy", "policy", "speed"}
    finally:
        close_all([first, *loops])


def test_the_customer_answers_once_when_many_tabs_ask_for_it(database_url, library, fake_openai):
    fake_openai.latency_seconds = 0.5  # a slow model: every tab asks while it is answering
    fake_openai.responder = lambda body: "It's A-10492. Now where is my money?"
    first = replica(database_url, library, fake_openai)
    trainee = create_user(first.store, "tess", "password1", "trainee")
    session = first.start(trainee, COURSE, LESSON, seed=3)
    assert session.engine == "llm"
    first.submit(trainee, session.id, ASK)
    loops = [replica(database_url, library, fake_openai) for _ in range(WRITERS)]
    try:
        done, refused, crashed = run_together(
            [lambda loop=loop: "".join(loop.customer_reply(trainee, session.id)) for loop in loops]
        )
        assert crashed == []
        assert len(fake_openai.requests) == 1, "one paid call to the customer model"
        assert done == ["It's A-10492. Now where is my money?"]
        # Asked while it answered, or (a slow thread) after it had answered.
        assert set(refused) <= {"customer_answering", "nothing_pending", "already_sent"}
        assert sum(refused.values()) == WRITERS - 1
        assert roles(first.store, session.id) == ["customer", "trainee", "customer"]
    finally:
        close_all([first, *loops])


def test_many_writers_on_one_session_keep_the_chat_in_turns(database_url, library, fake_openai):
    fake_openai.latency_seconds = 0.05
    fake_openai.responder = lambda body: "Fine. It's A-10492, and I want my refund."
    first = replica(database_url, library, fake_openai)
    trainee = create_user(first.store, "tess", "password1", "trainee")
    session = first.start(trainee, COURSE, LESSON, seed=3)
    loops = [replica(database_url, library, fake_openai) for _ in range(WRITERS)]

    def tab(loop: SessionLoop, number: int) -> int:
        # Three rounds of a reply then the customer's answer, as a tab would (bounded).
        refusals = 0
        for round_ in range(3):
            text = f"Tab {number}, round {round_}: sorry!"
            for step in (
                lambda text=text: loop.submit(trainee, session.id, text),
                lambda: "".join(loop.customer_reply(trainee, session.id)),
            ):
                try:
                    step()
                except PracticeError:
                    refusals += 1
        return refusals

    try:
        done, refused, crashed = run_together(
            [lambda loop=loop, n=n: tab(loop, n) for n, loop in enumerate(loops)]
        )
        assert crashed == [] and not refused and len(done) == WRITERS
        saved = first.store.session(session.id)
        said = [t.role for t in saved.turns]
        assert all(a != b for a, b in zip(said, said[1:], strict=False)), said
        assert [t.seq for t in saved.turns] == list(range(1, len(said) + 1))
        answers = sum(t.role == "customer" and t.engine == "llm" for t in saved.turns)
        assert len(fake_openai.requests) == answers, "every paid call became one saved answer"
        replies = [t for t in saved.turns if t.role == "trainee"]
        assert replies and all(len(t.grades) == 3 for t in replies)
    finally:
        close_all([first, *loops])
