"""QA review in the core: overruling grades, transcripts and a trainee's sessions, and who may
see or change what, whatever page or URL asks."""

import dataclasses
import datetime as dt

import pytest

from counterpart import exams as exams_module
from counterpart import session_loop
from counterpart.accounts import create_user
from counterpart.exams import ExamResult, ExamService
from counterpart.progress import LessonRecord, lesson_records
from counterpart.reviews import (
    NOTE_LIMIT,
    MayNotOverrule,
    OverrideRejected,
    overrule,
    review_queue,
    trainee_sessions,
    transcript,
)
from counterpart.session_loop import SessionLoop
from counterpart.storage.store import Store, UnknownRecord
from counterpart.visibility import NotVisible
from curricula.library import load_library

COURSE, LESSON = "after-sales-basics", "late-refund"
GOOD = [
    "I'm so sorry you've waited three weeks for your money, that's really frustrating. "
    "Could you tell me your order number so I can check it right now?",
    "Thank you. I understand, and I apologise. Your refund is issued within 5 days of us "
    "receiving the item; I'll escalate it today and add a 10 USD voucher for the wait.",
    # The customer says it is sorted: a lesson passes only when the chat is resolved.
    "I've escalated it and I'll email you the confirmation. Is there anything else?",
]


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def store(database_url):
    return Store(database_url)


@pytest.fixture
def loop(store, library):
    return SessionLoop(store, library, clock=Clock())


@pytest.fixture
def people(store):
    north, south = store.add_team("north"), store.add_team("south")
    made = {}
    for name, role, team in [
        ("ana", "trainee", north),
        ("bo", "trainee", south),
        ("mia", "manager", None),
        ("quinn", "qa", None),
        ("ada", "admin", None),
        ("tom", "trainer", None),
    ]:
        user = create_user(store, name, "password1", role, name.title())
        if team:
            store.set_team(user.id, team.id)
        made[name] = store.user(user.id)
    store.add_team_manager(north.id, made["mia"].id)
    return made


def play(loop, user, replies, seconds=30, end=True):
    session = loop.start(user, COURSE, LESSON)
    for text in replies:
        loop.clock.now += dt.timedelta(seconds=seconds)
        loop.submit(user, session.id, text)
        "".join(loop.customer_reply(user, session.id))
        if loop.store.session(session.id).status == "ended":
            break
    if end:
        loop.end(user, session.id)
    return loop.store.session(session.id)


def replies_of(session):
    return [t for t in session.turns if t.role == "trainee"]


def overrides_saved(store, session_id):
    return [o for t in store.session(session_id).turns for o in t.overrides.values()]


# Overruling


def test_an_override_is_kept_beside_the_automatic_grade_and_rescores_the_session(
    store, loop, library, people
):
    session = play(loop, people["ana"], GOOD)
    reply = replies_of(session)[0]
    automatic = reply.grades["empathy"].score
    at = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)
    saved = overrule(
        store, library, people["quinn"], reply.id, "empathy", 12, "  cold opening  ", now=at
    )
    assert (saved.score, saved.automatic_score, saved.note) == (12, automatic, "cold opening")
    assert (saved.reviewer_id, saved.created_at) == (people["quinn"].id, at)
    again = store.session(session.id).turns[reply.seq - 1]
    assert again.grades["empathy"].score == automatic  # never replaced
    assert again.score("empathy") == 12
    [row] = store.session_scores_of(people["ana"].id)
    others = [t.grades["empathy"].score for t in replies_of(session)[1:]]
    assert row.overridden
    assert row.empathy == round((12 + sum(others)) / (1 + len(others)))


def test_the_newest_override_counts(store, loop, library, people):
    session = play(loop, people["ana"], GOOD[:1])
    reply = replies_of(session)[0]
    overrule(store, library, people["quinn"], reply.id, "policy", 10, "first look")
    overrule(store, library, people["ada"], reply.id, "policy", 70, "second look")
    view = transcript(store, library, people["mia"], session.id)
    shown = next(e for e in view.turns if e.turn.id == reply.id)
    assert shown.turn.score("policy") == 70
    assert (shown.overrides["policy"].note, shown.overrides["policy"].reviewer) == (
        "second look",
        "Ada",
    )
    assert store.session_scores_of(people["ana"].id)[0].policy == 70


def test_an_override_feeds_lesson_progress(store, loop, library, people):
    session = play(loop, people["ana"], GOOD)
    assert lesson_records(store, library, people["ana"])[(COURSE, LESSON)].passed
    for reply in replies_of(session):
        overrule(store, library, people["quinn"], reply.id, "policy", 5, "wrong voucher")
    assert not lesson_records(store, library, people["ana"])[(COURSE, LESSON)].passed


@pytest.fixture
def exam_ready(monkeypatch, library):
    curriculum = library.curricula["onboarding-en"]
    records = {("onboarding-en", a.id): LessonRecord(1, True) for a in curriculum.activities()}
    monkeypatch.setattr(exams_module, "lesson_records", lambda *args: records)
    monkeypatch.setattr(session_loop, "lesson_records", lambda *args: records)
    judged = []

    def session_passed(lesson, end_reason, averages, resolution, missing_facts):
        judged.append(dict(averages))
        return True

    monkeypatch.setattr(exams_module, "session_passed", session_passed)
    return judged


def sit_exam(loop, user, overrule_first=None):
    """Reply once in the first exam chat, end every chat; the attempt, result and reply."""
    exams = ExamService(loop, clock=loop.clock)
    attempt = exams.start(user, "onboarding-en", "onboarding")
    first = loop.current(user)
    loop.submit(user, first.id, GOOD[0])
    "".join(loop.customer_reply(user, first.id))
    reply = replies_of(loop.store.session(first.id))[0]
    if overrule_first:
        overrule_first(reply)
    step = exams.advance(user, attempt.id)
    while not isinstance(step, ExamResult):
        loop.end(user, step.id)
        step = exams.advance(user, attempt.id)
    return attempt, step, reply


def test_an_override_counts_in_an_exam_not_finished_yet(store, loop, library, people, exam_ready):
    def low(reply):
        overrule(store, library, people["quinn"], reply.id, "empathy", 3, "no empathy at all")

    sit_exam(loop, people["ana"], overrule_first=low)
    assert exam_ready[0]["empathy"] == 3  # the exam was judged on the override


def test_an_issued_certificate_never_changes_when_a_grade_is_overruled(
    store, loop, library, people, exam_ready
):
    attempt, result, reply = sit_exam(loop, people["ana"])
    assert result.outcome.passed and result.certificate
    before = store.certificates_of(people["ana"].id)
    for dimension in ("empathy", "policy", "speed"):
        overrule(store, library, people["quinn"], reply.id, dimension, 0, "nothing right")
    assert store.certificates_of(people["ana"].id) == before
    assert store.exam_attempt(attempt.id).passed is True
    assert ExamService(loop, clock=loop.clock).result(people["ana"], attempt.id).outcome.passed
    [rescored] = [s for s in store.session_scores_of(people["ana"].id) if s.overridden]
    assert (rescored.empathy, rescored.policy, rescored.speed) == (0, 0, 0)


@pytest.mark.parametrize(
    ("reviewer", "trainee"),
    [("quinn", "ana"), ("quinn", "bo"), ("ada", "bo"), ("mia", "ana")],
)
def test_qa_leads_admins_and_the_teams_manager_may_overrule(
    store, loop, library, people, reviewer, trainee
):
    session = play(loop, people[trainee], GOOD[:1])
    reply = replies_of(session)[0]
    overrule(store, library, people[reviewer], reply.id, "speed", 40, "slow")
    assert [o.score for o in overrides_saved(store, session.id)] == [40]


@pytest.mark.parametrize(
    ("reviewer", "trainee", "error"),
    [
        ("mia", "bo", NotVisible),  # another team's trainee, by turn id
        ("ana", "ana", MayNotOverrule),  # a trainee, even on their own reply
        ("ana", "bo", MayNotOverrule),
        ("tom", "ana", MayNotOverrule),  # trainers do not overrule
    ],
)
def test_others_may_not_overrule_and_nothing_is_saved(
    store, loop, library, people, reviewer, trainee, error
):
    session = play(loop, people[trainee], GOOD[:1])
    reply = replies_of(session)[0]
    with pytest.raises(error):
        overrule(store, library, people[reviewer], reply.id, "empathy", 90, "generous")
    assert overrides_saved(store, session.id) == []
    assert not store.session_scores_of(people[trainee].id)[0].overridden


def test_nobody_overrules_their_own_replies(store, loop, library, people):
    session = play(loop, people["quinn"], GOOD[:1])
    with pytest.raises(MayNotOverrule):
        overrule(store, library, people["quinn"], replies_of(session)[0].id, "empathy", 99, "me")
    assert overrides_saved(store, session.id) == []


@pytest.mark.parametrize(
    ("field", "dimension", "score", "note"),
    [
        ("score", "empathy", -1, "why"),
        ("score", "empathy", 101, "why"),
        ("score", "empathy", 50.5, "why"),
        ("score", "empathy", "80", "why"),
        ("score", "empathy", True, "why"),
        ("score", "empathy", None, "why"),
        ("dimension", "resolution", 50, "why"),
        ("dimension", "Empathy", 50, "why"),
        ("note", "empathy", 50, ""),
        ("note", "empathy", 50, " \n\t "),
        ("note", "empathy", 50, None),
        ("note", "empathy", 50, "x" * (NOTE_LIMIT + 1)),
    ],
)
def test_bad_input_is_rejected_by_field_and_nothing_is_saved(
    store, loop, library, people, field, dimension, score, note
):
    session = play(loop, people["ana"], GOOD[:1])
    reply = replies_of(session)[0]
    with pytest.raises(OverrideRejected) as caught:
        overrule(store, library, people["quinn"], reply.id, dimension, score, note)
    assert caught.value.field == field and field in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert overrides_saved(store, session.id) == []


def test_the_longest_note_allowed_is_kept_whole(store, loop, library, people):
    session = play(loop, people["ana"], GOOD[:1])
    note = "n" * NOTE_LIMIT
    saved = overrule(store, library, people["quinn"], replies_of(session)[0].id, "policy", 0, note)
    assert saved.note == note


def test_only_a_graded_trainee_reply_can_be_overruled(store, loop, library, people):
    session = play(loop, people["ana"], GOOD[:1], end=False)
    customer = next(t for t in session.turns if t.role == "customer")
    with pytest.raises(OverrideRejected) as caught:
        overrule(store, library, people["quinn"], customer.id, "empathy", 50, "why")
    assert caught.value.field == "turn"
    ungraded = store.add_turn(session.id, "trainee", "saved, then the process stopped")
    with pytest.raises(OverrideRejected) as caught:
        overrule(store, library, people["quinn"], ungraded.id, "empathy", 50, "why")
    assert caught.value.field == "dimension"
    with pytest.raises(UnknownRecord):
        overrule(store, library, people["quinn"], 10_000, "empathy", 50, "why")
    assert overrides_saved(store, session.id) == []


def test_an_override_of_an_open_session_counts_once_it_ends(store, loop, library, people):
    session = play(loop, people["ana"], GOOD[:1], end=False)
    overrule(store, library, people["quinn"], replies_of(session)[0].id, "empathy", 1, "cold")
    assert store.session_scores_of(people["ana"].id) == []  # no row while it is open
    loop.end(people["ana"], session.id)
    assert store.session_scores_of(people["ana"].id)[0].empathy == 1


# Reading transcripts


def test_a_transcript_has_each_replys_scores_findings_time_and_the_summary(
    store, loop, library, people
):
    session = play(loop, people["ana"], GOOD, seconds=42)
    reply = replies_of(session)[0]
    overrule(store, library, people["quinn"], reply.id, "speed", 33, "too slow")
    view = transcript(store, library, people["mia"], session.id)
    assert view.lesson_title == library.curricula[COURSE].lesson(LESSON).title
    assert view.persona_name == library.personas[session.persona_id].name
    assert view.trainee.id == people["ana"].id
    assert [e.turn.text for e in view.turns] == [t.text for t in session.turns]
    first = next(e for e in view.turns if e.turn.id == reply.id)
    assert first.turn.reply_seconds == pytest.approx(42)
    assert first.turn.satisfaction == reply.satisfaction is not None
    assert first.automatic("speed") == reply.grades["speed"].score
    assert first.turn.score("speed") == 33
    assert first.overrides["speed"].reviewer == "Quinn"
    assert first.overrides["speed"].automatic_score == reply.grades["speed"].score
    assert first.turn.grades["empathy"].reasons == reply.grades["empathy"].reasons
    assert view.summary.end_reason == session.end_reason
    assert view.summary.curve == [session.turns[0].satisfaction] + [
        t.satisfaction for t in replies_of(session)
    ]
    last, opening = session.turns[-1].created_at, session.turns[0].created_at
    assert view.summary.handling_seconds == (last - opening).total_seconds()
    assert view.may_overrule and not view.held


@pytest.mark.parametrize(
    ("viewer", "owner", "visible"),
    [
        ("ana", "ana", True),
        ("ana", "bo", False),  # a trainee, another trainee's session id
        ("bo", "ana", False),
        ("tom", "ana", False),
        ("mia", "ana", True),
        ("mia", "bo", False),  # a manager, another team's session id
        ("quinn", "bo", True),
        ("ada", "ana", True),
    ],
)
def test_who_may_read_a_transcript(store, loop, library, people, viewer, owner, visible):
    session = play(loop, people[owner], GOOD[:1])
    if visible:
        view = transcript(store, library, people[viewer], session.id)
        assert view.session.id == session.id
        assert view.may_overrule == (people[viewer].role in ("manager", "qa", "admin"))
    else:
        with pytest.raises(NotVisible):
            transcript(store, library, people[viewer], session.id)


def test_an_unknown_session_is_unknown(store, library, people):
    with pytest.raises(UnknownRecord):
        transcript(store, library, people["quinn"], 4242)


def test_a_trainee_sees_no_grades_of_an_exam_under_way_but_a_reviewer_does(
    store, loop, library, people, exam_ready
):
    exams = ExamService(loop, clock=loop.clock)
    exams.start(people["ana"], "onboarding-en", "onboarding")
    first = loop.current(people["ana"])
    loop.submit(people["ana"], first.id, GOOD[0])
    own = transcript(store, library, people["ana"], first.id)
    assert own.held and not own.may_overrule
    assert all(not e.turn.grades and e.turn.suggestion is None for e in own.turns)
    reviewed = transcript(store, library, people["quinn"], first.id)
    assert not reviewed.held and any(e.turn.grades for e in reviewed.turns)


# A trainee's sessions


def test_a_trainees_sessions_come_from_their_score_rows(store, loop, library, people):
    ended = play(loop, people["ana"], GOOD[:1])
    [row] = store.session_scores_of(people["ana"].id)
    # A row that differs from the turns shows the list reads the rows.
    store.save_session_score(dataclasses.replace(row, empathy=7, passed=False))
    active = play(loop, people["ana"], GOOD[:1], end=False)
    view = trainee_sessions(store, library, people["mia"], people["ana"].id)
    assert (view.trainee.username, view.team) == ("ana", "north")
    assert [line.session_id for line in view.sessions] == [active.id, ended.id]
    open_line, done = view.sessions
    assert open_line.status == "active" and set(open_line.scores.values()) == {None}
    assert done.scores["empathy"] == 7 and done.passed is False
    assert done.scores["resolution"] == row.resolution
    assert done.lesson_title == library.curricula[COURSE].lesson(LESSON).title


@pytest.mark.parametrize(
    ("viewer", "trainee", "visible"),
    [
        ("ana", "ana", True),
        ("ana", "bo", False),
        ("tom", "ana", False),
        ("mia", "ana", True),
        ("mia", "bo", False),
        ("quinn", "bo", True),
        ("ada", "bo", True),
    ],
)
def test_who_may_list_a_trainees_sessions(store, library, people, viewer, trainee, visible):
    if visible:
        assert trainee_sessions(store, library, people[viewer], people[trainee].id).sessions == []
    else:
        with pytest.raises(NotVisible):
            trainee_sessions(store, library, people[viewer], people[trainee].id)


# The review queue


def test_the_review_queue_lists_unreviewed_failures_of_visible_teams(store, loop, library, people):
    weak = "ok"
    ana_weak = play(loop, people["ana"], [weak])
    play(loop, people["ana"], GOOD)  # passed: not queued
    bo_weak = play(loop, people["bo"], [weak])
    assert store.session_scores_of(people["ana"].id)[-1].passed is False
    queued = review_queue(store, library, people["quinn"])
    assert [line.session_id for line in queued] == [bo_weak.id, ana_weak.id]
    assert queued[0].trainee.username == "bo"
    assert [line.session_id for line in review_queue(store, library, people["mia"])] == [
        ana_weak.id
    ]
    overrule(store, library, people["quinn"], replies_of(ana_weak)[0].id, "empathy", 5, "cold")
    assert [line.session_id for line in review_queue(store, library, people["quinn"])] == [
        bo_weak.id
    ]
    with pytest.raises(NotVisible):
        review_queue(store, library, people["ana"])
