"""Calibration: how far overrides agree with the automatic grades, on figures counted by hand."""

import dataclasses

import pytest

from counterpart.accounts import create_user
from counterpart.calibration import band, calibration, calibration_rows
from counterpart.reviews import overrule
from counterpart.session_scores import record_session_score
from counterpart.storage.records import GradeRecord
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible
from curricula.library import load_library

EN, ZH = "rude-late-refund", "double-charge-zh"


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def store(database_url):
    return Store(database_url)


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
        user = create_user(store, name, "password1", role)
        if team:
            store.set_team(user.id, team.id)
        made[name] = store.user(user.id)
    store.add_team_manager(north.id, made["mia"].id)
    return made


def graded_reply(store, trainee, persona_id, scores, judge_points=None):
    """A trainee reply with the given automatic scores; with `judge_points`, its empathy was
    moved that many points by the LLM judge. Returns (turn id, session id)."""
    session_id = store.create_session(
        user_id=trainee.id,
        curriculum_id="after-sales-basics",
        lesson_id="late-refund",
        persona_id=persona_id,
        policy_ref="returns-refunds@2026.10",
        engine="scripted",
        seed=1,
        customer_state={},
    )
    store.add_turn(session_id, "customer", "Where is my refund?", satisfaction=40)
    turn = store.add_turn(session_id, "trainee", "Let me check.", reply_seconds=20)
    records = []
    for dimension, score in scores.items():
        reasons = [{"kind": "apology", "text": "apologised", "points": 10}]
        if dimension == "empathy" and judge_points is not None:
            reasons.append({"kind": "judge", "text": "the judge", "points": judge_points})
        records.append(GradeRecord(dimension, score, reasons, "test"))
    store.save_grades(turn.id, records, satisfaction=50)
    return turn.id, session_id


@pytest.fixture
def overruled(store, library, people):
    """ana (north, English customer): empathy 60 overruled 10 then 80, policy 70 -> 30, a speed
    the grader could not give (None) -> 50; another reply, empathy 60 -> 55.
    bo (south, Chinese customer): empathy 88 (offline 82, the judge added 6) -> 90."""
    first, _ = graded_reply(store, people["ana"], EN, {"empathy": 60, "policy": 70, "speed": None})
    second, session = graded_reply(store, people["ana"], EN, {"empathy": 60})
    judged, _ = graded_reply(store, people["bo"], ZH, {"empathy": 88}, judge_points=6)
    quinn, ada = people["quinn"], people["ada"]
    overrule(store, library, quinn, first, "empathy", 10, "too harsh a first look")
    overrule(store, library, ada, first, "empathy", 80, "warm enough")
    overrule(store, library, quinn, first, "policy", 30, "wrong window")
    overrule(store, library, quinn, first, "speed", 50, "no grade to compare")
    overrule(store, library, quinn, second, "empathy", 55, "a little cold")
    overrule(store, library, quinn, judged, "empathy", 90, "kind")
    return session


def test_bands_split_at_50_70_and_85():
    assert [band(s) for s in (0, 49, 50, 69, 70, 84, 85, 100)] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_agreement_per_dimension_counts_the_newest_override_only(store, library, people, overruled):
    result = calibration(store, library, people["quinn"])
    empathy = result.by_dimension["empathy"]  # (80, 60), (55, 60), (90, 88)
    assert empathy.count == 3
    assert empathy.mean_absolute == pytest.approx((20 + 5 + 2) / 3)
    assert empathy.within == pytest.approx(2 / 3)
    assert empathy.mean_signed == pytest.approx((20 - 5 + 2) / 3)  # the grader is too harsh
    assert empathy.same_band == pytest.approx(2 / 3)  # 80 good vs 60 fair disagree
    policy = result.by_dimension["policy"]  # (30, 70)
    assert (policy.count, policy.mean_absolute, policy.within) == (1, 40, 0)
    assert (policy.mean_signed, policy.same_band) == (-40, 0)  # too lenient
    speed = result.by_dimension["speed"]  # the only override has no automatic score
    assert (speed.count, speed.mean_absolute, speed.within) == (0, None, None)


def test_agreement_per_language_takes_the_personas_language_of_an_open_session(
    store, library, people, overruled
):
    result = calibration(store, library, people["ada"])
    assert set(result.by_language) == {("empathy", "en"), ("empathy", "zh"), ("policy", "en")}
    english = result.by_language[("empathy", "en")]
    assert (english.count, english.mean_absolute, english.mean_signed) == (2, 12.5, 7.5)
    assert (english.within, english.same_band) == (0.5, 0.5)
    chinese = result.by_language[("empathy", "zh")]
    assert (chinese.count, chinese.mean_absolute, chinese.within) == (1, 2, 1)


def test_an_ended_sessions_language_comes_from_its_score_row(store, library, people, overruled):
    store.update_session(overruled, end_reason="ended_by_trainee")
    row = record_session_score(store, library, overruled)
    store.save_session_score(dataclasses.replace(row, language="es"))
    result = calibration(store, library, people["quinn"])
    assert result.by_language[("empathy", "es")].count == 1  # (55, 60)
    assert result.by_language[("empathy", "en")].count == 1  # (80, 60)


def test_judged_empathy_is_compared_with_its_offline_score_too(store, library, people, overruled):
    judge = calibration(store, library, people["quinn"]).judge
    assert (judge.judged.count, judge.judged.mean_absolute) == (1, 2)  # (90, 88)
    offline = judge.offline_of_judged  # (90, 82): the judge brought the grade nearer
    assert (offline.count, offline.mean_absolute, offline.mean_signed) == (1, 8, 8)
    assert offline.same_band == 0  # 90 excellent, 82 good
    assert (judge.unjudged.count, judge.unjudged.mean_absolute) == (2, 12.5)


def test_a_manager_sees_the_calibration_of_their_teams_only(store, library, people, overruled):
    result = calibration(store, library, people["mia"])
    assert result.by_dimension["empathy"].count == 2  # ana's two replies, not bo's
    assert result.by_dimension["policy"].count == 1
    assert set(result.by_language) == {("empathy", "en"), ("policy", "en")}
    assert result.judge is None  # the judged reply is bo's


@pytest.mark.parametrize("viewer", ["ana", "tom"])
def test_trainees_and_trainers_see_no_calibration(store, library, people, overruled, viewer):
    with pytest.raises(NotVisible):
        calibration(store, library, people[viewer])


def test_with_no_override_every_count_is_zero(store, library, people):
    graded_reply(store, people["ana"], EN, {"empathy": 60})
    result = calibration(store, library, people["quinn"])
    assert [a.count for a in result.by_dimension.values()] == [0, 0, 0]
    assert result.by_language == {} and result.judge is None


def test_the_csv_rows_hold_every_figure(store, library, people, overruled):
    rows = calibration_rows(calibration(store, library, people["quinn"]))
    by_key = {(r["dimension"], r["language"]): r for r in rows}
    assert set(by_key) == {
        ("empathy", ""),
        ("policy", ""),
        ("speed", ""),
        ("empathy", "en"),
        ("empathy", "zh"),
        ("policy", "en"),
    }
    assert by_key[("empathy", "")] == {
        "dimension": "empathy",
        "language": "",
        "count": 3,
        "mean_absolute_difference": 9.0,
        "within_10": 0.667,
        "mean_signed_difference": 5.667,
        "same_band": 0.667,
    }
    assert by_key[("speed", "")]["mean_absolute_difference"] is None


def test_a_manager_of_no_team_sees_no_override(store, library, people, overruled):
    lone = create_user(store, "max", "password1", "manager")
    result = calibration(store, library, lone)
    assert [a.count for a in result.by_dimension.values()] == [0, 0, 0]
