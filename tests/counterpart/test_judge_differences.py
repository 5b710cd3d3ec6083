"""The judge-minus-offline empathy difference per language, from grades as storage keeps them."""

from __future__ import annotations

import pytest

from counterpart.accounts import create_user
from counterpart.judge_differences import judge_differences, judge_differences_of, reply_language
from counterpart.storage.records import GradeRecord
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible
from grading.judge import JudgeVerdict, apply_verdict
from grading.score import ReplyGrade, Score


def empathy_record(offline: int, judged: int | None) -> GradeRecord:
    """The stored empathy grade of a reply the offline grader gave `offline`, refined by a
    judge answering `judged` (None: no judge answered)."""
    grade = ReplyGrade(
        empathy=Score(dimension="empathy", value=offline),
        policy=Score(dimension="policy", value=None),
        speed=Score(dimension="speed", value=90),
    )
    if judged is not None:
        grade = apply_verdict(grade, JudgeVerdict(empathy=judged, resolution=50))
    reasons = [r.model_dump() for r in grade.empathy.reasons]
    return GradeRecord("empathy", grade.empathy.value, reasons, "test")


def test_the_difference_is_judge_minus_offline_per_language():
    summary = judge_differences(
        [
            ("es", empathy_record(20, 80)),  # +60, moved 15 (the bound)
            ("es", empathy_record(40, 50)),  # +10, moved 5
            ("zh", empathy_record(70, 50)),  # -20, moved 0 (the floor)
            ("zh", empathy_record(70, None)),  # not judged: left out
            ("ar", empathy_record(30, None)),
        ]
    )
    assert set(summary) == {"es", "zh"}
    es, zh = summary["es"], summary["zh"]
    assert (es.count, es.mean_offline, es.mean_judge) == (2, 30, 65)
    assert (es.mean_signed, es.mean_absolute, es.judge_higher, es.mean_moved) == (35, 35, 1, 10)
    assert (zh.count, zh.mean_signed, zh.mean_absolute, zh.judge_higher, zh.mean_moved) == (
        1,
        -20,
        20,
        0,
        0,
    )


def test_an_ungraded_empathy_is_left_out():
    record = GradeRecord("empathy", None, [{"kind": "grader_error", "text": "x", "points": 0}])
    assert judge_differences([("en", record)]) == {}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'm so sorry the refund is late.", "en"),
        ("亲，非常抱歉让您久等了。", "zh"),
        ("Mohon maaf Kak, refundnya terlambat.", "id"),
        ("نأسف جدًا على تأخر الاسترداد.", "ar"),
        ("Lo siento mucho, I know the refund is late. Déjame revisar tu pedido.", "es-en"),
    ],
)
def test_the_language_is_the_replys(text, language):
    assert reply_language(text) == language


@pytest.fixture
def store(database_url):
    return Store(database_url)


def reply(store, trainee, text, record):
    session_id = store.create_session(
        user_id=trainee.id,
        curriculum_id="after-sales-basics",
        lesson_id="late-refund",
        persona_id="rude-late-refund",
        policy_ref="returns-refunds@2026.10",
        engine="scripted",
        seed=1,
        customer_state={},
    )
    store.add_turn(session_id, "customer", "Where is my refund?", satisfaction=40)
    turn = store.add_turn(session_id, "trainee", text, reply_seconds=20)
    store.save_grades(turn.id, [record, GradeRecord("speed", 90, [], "test")], satisfaction=50)


def test_the_summary_reads_stored_grades_of_the_people_the_viewer_may_see(store):
    north, south = store.add_team("north"), store.add_team("south")
    ana, bo = (
        create_user(store, "ana", "password1", "trainee"),
        create_user(store, "bo", "password1", "trainee"),
    )
    store.set_team(ana.id, north.id)
    store.set_team(bo.id, south.id)
    mia = create_user(store, "mia", "password1", "manager")
    store.add_team_manager(north.id, mia.id)
    quinn = create_user(store, "quinn", "password1", "qa")
    reply(
        store, ana, "I'm so sorry the refund is late, I will check it now.", empathy_record(50, 90)
    )
    reply(store, ana, "Please wait.", empathy_record(20, None))
    reply(store, bo, "亲，非常抱歉让您久等了，我马上帮您查一下退款。", empathy_record(60, 40))
    # A grade judged before the calibration fields existed: the same reason, as stored then.
    old = GradeRecord(
        "empathy",
        64,
        [{"kind": "judge", "text": "The LLM judge rated empathy 80/100 (kind).", "points": 8}],
        "offline-1",
    )
    reply(store, bo, "Sorry about the wait, I have asked the warehouse for your refund.", old)

    everyone = judge_differences_of(store, quinn)
    assert {k: (v.count, v.mean_signed) for k, v in everyone.items()} == {
        "en": (2, (40 + 24) / 2),
        "zh": (1, -20),
    }
    north_only = judge_differences_of(store, mia)
    assert {k: (v.count, v.mean_signed) for k, v in north_only.items()} == {"en": (1, 40)}
    with pytest.raises(NotVisible):
        judge_differences_of(store, ana)
