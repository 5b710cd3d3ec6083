import datetime as dt

import pytest

from counterpart.accounts import create_user
from counterpart.customer.state import MOOD_SPREAD, opening_state
from counterpart.customer.turn import CustomerStep
from counterpart.llm_gateway import LLMGateway
from counterpart.llm_settings import LLMSettings
from counterpart.session_loop import CustomerUnavailable, PracticeError, SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library

COURSE = "after-sales-basics"
LESSON = "late-refund"  # rude-late-refund, returns-refunds policy, SLA 60 s, 8 turns
GOOD = [
    "I'm so sorry you've waited three weeks for your money, that's really frustrating. "
    "Could you tell me your order number so I can check it right now?",
    "Thank you. I understand, and I apologise. Your refund is issued within 5 days of us "
    "receiving the item; I'll escalate it today and add a 10 USD voucher for the wait.",
    "I've escalated it and I'll email you the confirmation. Is there anything else?",
]


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'loop.db'}")


@pytest.fixture
def trainee(store):
    return create_user(store, "tess", "password1", "trainee")


@pytest.fixture
def loop(store, clock):
    return SessionLoop(store, load_library(), clock=clock)


def reply(loop, user, session_id, text, clock, seconds=30, engine=None):
    clock.wait(seconds)
    turn = loop.submit(user, session_id, text)
    customer = "".join(loop.customer_reply(user, session_id, engine=engine))
    return turn, customer


def test_a_session_opens_with_the_customer_and_the_offline_engine(loop, trainee):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    assert session.engine == "scripted"
    assert [t.role for t in session.turns] == ["customer"]
    persona = loop.library.personas["rude-late-refund"]
    assert session.turns[0].text in persona.lines.opening
    # The seed draws this customer's temper within the persona's bounds, and keeps it.
    assert CustomerStep.from_dict(session.customer_state).state == opening_state(persona, 3)
    mood = session.customer_state["satisfaction"] - persona.start_satisfaction
    assert abs(mood) <= MOOD_SPREAD


def test_the_reply_is_saved_graded_and_timed(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    clock.wait(42)
    turn = loop.submit(trainee, session.id, GOOD[0])
    assert turn.role == "trainee" and turn.text == GOOD[0]
    assert turn.reply_seconds == pytest.approx(42)
    assert set(turn.grades) == {"empathy", "policy", "speed"}
    assert turn.grades["speed"].score == 100
    assert turn.grades["empathy"].score >= 60
    assert all(g.reasons for g in turn.grades.values())
    assert loop.session(trainee, session.id).awaiting_customer


@pytest.mark.parametrize("empty", ["", "   ", "\n\t  \n"])
def test_empty_replies_are_refused_and_nothing_is_stored(loop, trainee, empty):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    with pytest.raises(PracticeError) as caught:
        loop.submit(trainee, session.id, empty)
    assert caught.value.code == "empty_reply"
    assert len(loop.session(trainee, session.id).turns) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I am sorry. " * 1666 + "ok",  # about 20,000 characters
        "نعتذر عن التأخير، هل يمكنك إرسال رقم الطلب؟",
        "Sorry!! 🙏🙏 could you share the order number? 📦",
        "sorry\x00\x07\x1b[31m order number?\u202e",
    ],
)
def test_unusual_replies_are_stored_intact_and_graded(loop, trainee, clock, text):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    turn, customer = reply(loop, trainee, session.id, text, clock)
    stored = loop.session(trainee, session.id).turns[1]
    # NUL is the one character kept as U+FFFD: PostgreSQL text cannot hold it.
    assert stored.text == text.replace("\x00", "\ufffd")
    assert all(0 <= g.score <= 100 for g in turn.grades.values())
    assert customer


def test_the_scripted_customer_gives_the_order_number_when_asked(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    assert "A-10492" not in session.turns[0].text
    _, customer = reply(loop, trainee, session.id, GOOD[0], clock)
    assert "A-10492" in customer


def test_the_scripted_customer_pushes_back_on_a_wrong_fact(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    turn, customer = reply(
        loop, trainee, session.id, "Refunds are issued within 30 days, nothing I can do.", clock
    )
    persona = loop.library.personas["rude-late-refund"]
    assert turn.grades["policy"].score < 70
    assert customer in persona.lines.pushback + persona.lines.rude_reply


def test_good_handling_resolves_the_chat(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    curve = [session.customer_state["satisfaction"]]
    for text in GOOD:
        reply(loop, trainee, session.id, text, clock)
        session = loop.session(trainee, session.id)
        curve.append(session.customer_state["satisfaction"])
        if session.status == "ended":
            break
    assert session.end_reason == "resolved"
    assert curve[-1] > curve[0]
    assert session.turns[-1].text in loop.library.personas["rude-late-refund"].lines.satisfied


def test_rude_slow_replies_make_the_customer_threaten_then_escalate(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    persona = loop.library.personas["rude-late-refund"]
    said = []
    for _ in range(8):
        said.append(
            reply(loop, trainee, session.id, "Calm down. That is not our problem.", clock, 200)[1]
        )
        session = loop.session(trainee, session.id)
        if session.status == "ended":
            break
    assert session.end_reason == "escalated"
    assert session.customer_state["satisfaction"] < persona.escalation_threshold
    threats = [i for i, text in enumerate(said) if any(t in text for t in persona.lines.escalate)]
    assert threats and threats[0] < len(said) - 1, "the customer threatens before it escalates"
    assert said[-1] in persona.lines.escalated
    with pytest.raises(PracticeError) as caught:
        loop.submit(trainee, session.id, "hello?")
    assert caught.value.code == "session_ended"


def test_the_turn_limit_ends_a_chat_that_never_gets_an_offer(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    limit = loop.lesson(COURSE, LESSON)[1].turn_limit
    # Patient, polite and never the same twice (the same message again would wear the
    # customer's patience), but no offer: the chat runs until the lesson's limit.
    holding = [
        "I'm so sorry, I understand. Could you tell me more?",
        "That sounds really stressful, thank you for explaining it to me.",
        "I hear you, and I appreciate your patience with this.",
        "Thanks for bearing with me while I look at what happened.",
        "I completely understand why you're upset about the wait.",
        "You're right to expect better, and I'm sorry it went this way.",
        "Let me make sure I have the whole picture before anything else.",
        "I'm still here with you, and I'm reading everything carefully.",
        "It's frustrating to chase this, I know, and I'm grateful you told us.",
        "I want to get this right for you, so thank you for the details.",
    ]
    for text in holding[:limit]:
        reply(loop, trainee, session.id, text, clock, 5)
        session = loop.session(trainee, session.id)
        if session.status == "ended":
            break
    assert session.end_reason == "turn_limit"
    assert sum(t.role == "trainee" for t in session.turns) == limit


def test_the_same_seed_gives_the_same_customer(store, clock):
    lines = []
    for name in ("ann", "ben"):
        user = create_user(store, name, "password1", "trainee")
        loop = SessionLoop(store, load_library(), clock=clock)
        session = loop.start(user, COURSE, LESSON, seed=11)
        said = [session.turns[0].text]
        for text in ["ok", "Could you give me the order number?", "fine"]:
            said.append(reply(loop, user, session.id, text, clock)[1])
        lines.append(said)
    assert lines[0] == lines[1]


def test_someone_else_cannot_read_or_write_the_session(loop, store, trainee, clock):
    other = create_user(store, "otto", "password1", "trainee")
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    for action in (
        lambda: loop.session(other, session.id),
        lambda: loop.submit(other, session.id, "hi"),
        lambda: loop.customer_reply(other, session.id),
        lambda: loop.end(other, session.id),
    ):
        with pytest.raises(PracticeError) as caught:
            action()
        assert caught.value.code == "not_yours"


def test_a_crash_before_grading_is_resumed_by_grading_first(loop, store, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    # The reply was written, then the process died before grading.
    store.add_turn(session.id, "trainee", GOOD[0], reply_seconds=20)
    resumed = SessionLoop(store, load_library(), clock=clock)
    assert resumed.current(trainee).awaiting_customer
    customer = "".join(resumed.customer_reply(trainee, session.id))
    session = resumed.session(trainee, session.id)
    assert "A-10492" in customer
    assert set(session.turns[1].grades) == {"empathy", "policy", "speed"}


def test_the_trainee_can_end_the_session(loop, trainee):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    loop.end(trainee, session.id)
    ended = loop.session(trainee, session.id)
    assert (ended.status, ended.end_reason) == ("ended", "ended_by_trainee")
    assert loop.current(trainee) is None


def llm_loop(store, clock, fake, timeout=5.0):
    settings = LLMSettings(
        base_url=fake.base_url,
        api_key="test",
        model="fake-model",
        timeout_seconds=timeout,
        max_attempts=2,
    )
    return SessionLoop(store, load_library(), LLMGateway(settings), clock=clock)


def test_an_llm_failure_keeps_the_reply_and_the_offline_customer_can_continue(
    store, trainee, clock, fake_openai
):
    loop = llm_loop(store, clock, fake_openai)
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    assert session.engine == "llm"
    fake_openai.fail_with_status = [500, 500]
    clock.wait(10)
    loop.submit(trainee, session.id, GOOD[0])
    with pytest.raises(CustomerUnavailable) as caught:
        "".join(loop.customer_reply(trainee, session.id))
    assert caught.value.error.kind == "server"
    session = loop.session(trainee, session.id)
    assert session.awaiting_customer and session.turns[-1].text == GOOD[0]
    customer = "".join(loop.customer_reply(trainee, session.id, engine="scripted"))
    assert "A-10492" in customer
    session = loop.session(trainee, session.id)
    assert session.engine == "scripted" and session.turns[-1].engine == "scripted"


def test_an_llm_timeout_can_be_retried(store, trainee, clock, fake_openai):
    loop = llm_loop(store, clock, fake_openai, timeout=0.3)
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    fake_openai.latency_seconds = 1.0
    loop.submit(trainee, session.id, GOOD[0])
    with pytest.raises(CustomerUnavailable) as caught:
        "".join(loop.customer_reply(trainee, session.id))
    assert caught.value.error.kind == "timeout"
    fake_openai.latency_seconds = 0
    # A responder, not the reply queue: the timed-out requests may still be answered late.
    fake_openai.responder = lambda body: "It's A-10492."
    assert "".join(loop.customer_reply(trainee, session.id)) == "It's A-10492."


def test_a_lesson_in_a_locked_module_cannot_be_started_even_by_calling_the_core(
    loop, store, trainee, clock
):
    onboarding = loop.library.curricula["onboarding-en"]
    first, second = onboarding.tracks[0].modules[:2]
    with pytest.raises(PracticeError) as caught:
        loop.start(trainee, "onboarding-en", second.lessons[0].id)
    assert caught.value.code == "locked"
    assert first.lessons[0].id in str(caught.value)
    loop.start(trainee, "onboarding-en", first.lessons[0].id)  # the first module is open


def test_a_track_needing_a_certificate_cannot_be_started(loop, trainee):
    mentor = loop.library.curricula["mentor"]
    with pytest.raises(PracticeError) as caught:
        loop.start(trainee, "mentor", mentor.tracks[0].modules[0].lessons[0].id)
    assert caught.value.code == "locked" and "agent-en" in str(caught.value)


def test_passing_the_first_module_unlocks_the_second(loop, store, trainee, monkeypatch):
    from counterpart import session_loop
    from counterpart.progress import LessonRecord, lesson_records

    onboarding = loop.library.curricula["onboarding-en"]
    first, second = onboarding.tracks[0].modules[:2]
    for lesson in first.lessons:
        session = loop.start(trainee, "onboarding-en", lesson.id)
        store.update_session(session.id, end_reason="resolved")
    # Ended sessions with no graded replies do not pass: the second module stays locked.
    assert not any(r.passed for r in lesson_records(store, loop.library, trainee).values())
    with pytest.raises(PracticeError):
        loop.start(trainee, "onboarding-en", second.lessons[0].id)
    passed = {("onboarding-en", x.id): LessonRecord(1, True) for x in first.lessons}
    monkeypatch.setattr(session_loop, "lesson_records", lambda *args: passed)
    assert loop.start(trainee, "onboarding-en", second.lessons[0].id).lesson_id == (
        second.lessons[0].id
    )


def test_progress_records_attempts_best_scores_and_passes(loop, store, trainee, clock):
    from counterpart.progress import lesson_records, passed_in

    session = loop.start(trainee, COURSE, LESSON, seed=3)
    for text in GOOD:
        reply(loop, trainee, session.id, text, clock)
        if loop.session(trainee, session.id).status == "ended":
            break
    failed = loop.start(trainee, COURSE, LESSON, seed=4)
    reply(loop, trainee, failed.id, "Calm down. Refunds take 30 days.", clock, 200)
    loop.end(trainee, failed.id)
    record = lesson_records(store, loop.library, trainee)[(COURSE, LESSON)]
    assert record.attempts == 2 and record.passed
    assert record.best["empathy"] >= 60 and record.best["resolution"] == 100
    assert record.latest["policy"] < 70  # the newest session is the failed one
    assert passed_in({(COURSE, LESSON): record}, COURSE) == {LESSON}


# Issue 10, item 3: a double click or a second tab sends once.
def test_the_same_reply_sent_twice_is_refused_as_already_sent(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    clock.wait(10)
    loop.submit(trainee, session.id, GOOD[0])
    with pytest.raises(PracticeError) as caught:
        loop.submit(trainee, session.id, GOOD[0])
    assert caught.value.code == "already_sent"
    assert [t.role for t in loop.session(trainee, session.id).turns] == ["customer", "trainee"]


def test_a_reply_to_a_chat_that_moved_on_in_another_tab_is_refused(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    seen = session.turns[-1].seq  # both tabs show the opening line
    reply(loop, trainee, session.id, GOOD[0], clock)  # the first tab
    with pytest.raises(PracticeError) as caught:
        loop.submit(trainee, session.id, "Hello? Can I help?", after=seen)  # the second tab
    assert caught.value.code == "already_sent"
    assert len(loop.session(trainee, session.id).turns) == 3


def test_a_second_tab_does_not_start_a_second_customer_answer(loop, store, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    loop.submit(trainee, session.id, GOOD[0])
    first_tab = loop.customer_reply(trainee, session.id)  # answering, not finished yet
    other = SessionLoop(store, load_library(), clock=clock)
    with pytest.raises(PracticeError) as caught:
        other.customer_reply(trainee, session.id)
    assert caught.value.code == "customer_answering"
    assert "A-10492" in "".join(first_tab)
    with pytest.raises(PracticeError) as caught:
        other.customer_reply(trainee, session.id)
    assert caught.value.code == "nothing_pending"
    assert [t.role for t in store.session(session.id).turns] == ["customer", "trainee", "customer"]


def test_a_customer_answer_whose_tab_crashed_is_taken_over_after_its_claim_expires(
    loop, store, trainee, clock
):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    loop.submit(trainee, session.id, GOOD[0])
    crashed = loop.customer_reply(trainee, session.id)  # claimed, then the process died
    other = SessionLoop(store, load_library(), clock=clock)
    clock.wait(other.claim_seconds - 1)
    with pytest.raises(PracticeError) as caught:
        other.customer_reply(trainee, session.id)
    assert caught.value.code == "customer_answering"
    clock.wait(2)
    assert "A-10492" in "".join(other.customer_reply(trainee, session.id))
    # The first holder comes back late: its answer is not kept beside the one saved.
    with pytest.raises(PracticeError) as caught:
        "".join(crashed)
    assert caught.value.code == "already_sent"
    assert [t.role for t in store.session(session.id).turns] == ["customer", "trainee", "customer"]


def test_a_failed_customer_answer_frees_the_session_at_once(store, trainee, clock, fake_openai):
    loop = llm_loop(store, clock, fake_openai)
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    fake_openai.fail_with_status = [500, 500]
    loop.submit(trainee, session.id, GOOD[0])
    with pytest.raises(CustomerUnavailable):
        "".join(loop.customer_reply(trainee, session.id))
    fake_openai.responder = lambda body: "It's A-10492."
    other = llm_loop(store, clock, fake_openai)  # another tab retries straight away
    assert "".join(other.customer_reply(trainee, session.id)) == "It's A-10492."


# Issue 10, item 4: a crash never leaves a session half written.
class Crash(RuntimeError):
    pass


@pytest.fixture
def crash_when():
    """Make the database write of one kind of row fail, as a process dying there would."""
    from sqlalchemy import event

    installed = []

    def install(row_class, kind, condition=lambda target: True):
        def fail(mapper, connection, target):
            if condition(target):
                raise Crash(f"the process stopped while writing {row_class.__name__}")

        event.listen(row_class, kind, fail)
        installed.append((row_class, kind, fail))

    def heal():
        while installed:
            event.remove(*installed.pop())

    install.heal = heal
    yield install
    heal()


def test_a_crash_while_opening_a_session_leaves_no_session(loop, trainee, crash_when):
    from counterpart.storage.tables import TurnRow

    crash_when(TurnRow, "before_insert")
    with pytest.raises(Crash):
        loop.start(trainee, COURSE, LESSON, seed=3)
    assert loop.current(trainee) is None
    assert loop.store.sessions_of(trainee.id) == []


def test_a_crash_while_ending_keeps_the_final_answer_and_the_end_together(
    loop, store, trainee, clock, crash_when
):
    from counterpart.storage.tables import SessionRow

    session = loop.start(trainee, COURSE, LESSON, seed=3)
    reply(loop, trainee, session.id, GOOD[0], clock)
    clock.wait(20)
    loop.submit(trainee, session.id, GOOD[1])  # the customer will be satisfied and leave
    crash_when(SessionRow, "before_update", lambda row: row.status == "ended")
    with pytest.raises(Crash):
        "".join(loop.customer_reply(trainee, session.id))
    after_crash = loop.session(trainee, session.id)
    assert after_crash.status == "active" and after_crash.awaiting_customer
    assert after_crash.turns[-1].text == GOOD[1]
    crash_when.heal()  # the page is reloaded: the customer answers again, and leaves
    resumed = SessionLoop(store, load_library(), clock=clock)
    final = "".join(resumed.customer_reply(trainee, session.id))
    ended = resumed.session(trainee, session.id)
    assert (ended.status, ended.end_reason) == ("ended", "resolved")
    assert [t.text for t in ended.turns[-2:]] == [GOOD[1], final]


def test_a_session_left_without_its_opening_line_can_still_be_practised(loop, store, trainee):
    # Written by a version that crashed between the session and its opening line.
    session_id = store.create_session(
        user_id=trainee.id,
        curriculum_id=COURSE,
        lesson_id=LESSON,
        persona_id="rude-late-refund",
        policy_ref="returns-refunds@1",
        engine="scripted",
        seed=3,
        customer_state=loop.start(trainee, COURSE, LESSON, seed=3).customer_state,
    )
    assert loop.current(trainee).id == session_id
    turn = loop.submit(trainee, session_id, GOOD[0])
    assert set(turn.grades) == {"empathy", "policy", "speed"}
    assert "A-10492" in "".join(loop.customer_reply(trainee, session_id))
    said = loop.session(trainee, session_id).turns
    assert [t.role for t in said] == ["customer", "trainee", "customer"]
    assert said[0].text in loop.library.personas["rude-late-refund"].lines.opening


# Issue 10, item 7: text the database cannot hold, and replies that show nothing.
@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",
        "\u200b\u200c\u200d",
        " \u2060\ufeff \n",
        "\u034f",
        "\u00ad\u00ad",
        "\u200e\u200f\u202a\u202c",
        "\u3164\u115f\u2800",
        "\ufe0f\u180e\u2061\t",
    ],
)
def test_a_reply_of_only_invisible_characters_is_refused_as_empty(loop, trainee, clock, invisible):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    with pytest.raises(PracticeError) as caught:
        loop.submit(trainee, session.id, invisible)
    assert caught.value.code == "empty_reply"
    assert len(loop.session(trainee, session.id).turns) == 1


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("Sorry \ud800 could you share the order number?", "Sorry \ufffd could you share"),
        ("order number?\udfff", "order number?\ufffd"),
        ("thanks \ud83d\ude4f order number?", "thanks 🙏 order number?"),  # a pair, split
    ],
)
def test_a_reply_with_a_lone_surrogate_is_saved_with_the_bad_code_point_replaced(
    loop, trainee, clock, sent, kept
):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    turn, customer = reply(loop, trainee, session.id, sent, clock)
    stored = loop.session(trainee, session.id).turns[1]
    assert stored.text.startswith(kept) and stored.text == turn.text
    assert not any("\ud800" <= c <= "\udfff" for c in stored.text)
    assert set(turn.grades) == {"empathy", "policy", "speed"} and customer


def test_every_refusal_of_the_loop_has_interface_text_in_english_and_chinese():
    import inspect
    import re

    from counterpart import session_loop
    from counterpart.i18n import TEXT

    codes = set(re.findall(r'PracticeError\(\s*"(\w+)"', inspect.getsource(session_loop)))
    codes |= set(re.findall(r'_refusal\(\s*[\w.]+,\s*"(\w+)"', inspect.getsource(session_loop)))
    assert {"already_sent", "customer_answering", "empty_reply"} <= codes
    missing = [c for c in sorted(codes) if set(TEXT.get(f"error.{c}", {})) != {"en", "zh"}]
    assert missing == []


def test_a_customer_left_waiting_nudges_then_leaves_and_the_wait_keeps_counting(
    loop, store, trainee, clock
):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    persona = loop.library.personas["rude-late-refund"]
    sla = loop.lesson(COURSE, LESSON)[1].sla_seconds
    clock.wait(sla)  # late, but still within its patience window: it waits quietly
    assert loop.nudge(trainee, session.id) is None
    before = CustomerStep.from_dict(loop.session(trainee, session.id).customer_state).state
    clock.wait(sla)
    first = loop.nudge(trainee, session.id)
    assert first is not None and first.role == "customer"
    assert loop.nudge(trainee, session.id) is None  # a new window starts from the nudge
    after = CustomerStep.from_dict(loop.session(trainee, session.id).customer_state).state
    assert after.patience == before.patience - 1 and after.satisfaction < before.satisfaction
    # Answered now, the reply counts as waited since the customer's first unanswered message.
    clock.wait(10)
    turn = loop.submit(trainee, session.id, GOOD[0])
    assert turn.reply_seconds == pytest.approx(2 * sla + 10)
    "".join(loop.customer_reply(trainee, session.id))
    # Ignored again: it nudges, each time in new words, until it gives up (after two nudges
    # at most, sooner when its patience runs out).
    said = []
    while loop.session(trainee, session.id).status == "active" and len(said) < 5:
        clock.wait(2 * sla)
        said.append(loop.nudge(trainee, session.id))
    assert all(t is not None for t in said) and 1 <= len(said) <= 3
    ended = loop.session(trainee, session.id)
    assert (ended.status, ended.end_reason) == ("ended", "abandoned")
    assert said[-1].text in [persona.say(line) for line in persona.lines.give_up]
    texts = [t.text for t in ended.turns if t.role == "customer"]
    assert len(texts) == len(set(texts))
    assert loop.nudge(trainee, session.id) is None  # an ended chat says nothing more


def test_no_nudge_while_the_customer_is_answering(loop, trainee, clock):
    session = loop.start(trainee, COURSE, LESSON, seed=3)
    loop.submit(trainee, session.id, GOOD[0])
    clock.wait(1_000)
    assert loop.nudge(trainee, session.id) is None
