"""The manager dashboard page, run headless with AppTest against a small cohort."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from counterpart.accounts import create_user
from counterpart.demo import seed_demo
from counterpart.storage.records import SessionScore
from counterpart.storage.store import Store
from curricula.certificates import issue_certificate
from curricula.library import load_library

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
MARKUP = "**bold** <b>x</b>"


def practise(store, user, lesson, days, passed, empathy):
    ended = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    session_id = store.create_session(
        user_id=user.id,
        curriculum_id="onboarding-en",
        lesson_id=lesson,
        persona_id="elderly-app-tracking",
        policy_ref="returns-refunds",
        engine="scripted",
        seed=1,
        customer_state={},
    )
    store.update_session(session_id, end_reason="resolved", at=ended)
    store.save_session_score(
        SessionScore(
            session_id=session_id,
            user_id=user.id,
            curriculum_id="onboarding-en",
            track_id="onboarding",
            module_id="basics",
            lesson_id=lesson,
            persona_id="elderly-app-tracking",
            language="en",
            exam_attempt_id=None,
            started_at=ended - dt.timedelta(minutes=10),
            ended_at=ended,
            end_reason="resolved",
            replies=3,
            empathy=empathy,
            policy=80,
            speed=70,
            resolution=100 if passed else 30,
            passed=passed,
            handling_seconds=600.0,
        )
    )


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'dashboard.db'}"
    store = Store(url)
    seed_demo(store)
    manager = store.user_with_hash("manager")[0]
    mine, theirs = store.add_team("Returns desk"), store.add_team("=Other desk")
    store.add_team_manager(mine.id, manager.id)
    people = {}
    for username, name, team in [
        ("marked", MARKUP, mine),
        ("plain", "Pat Plain", mine),
        ("other", "Olga Other", theirs),
    ]:
        user = store.add_user(username, name, "trainee", "-")
        store.set_team(user.id, team.id)
        people[username] = user
    practise(store, people["marked"], "tracking-for-dorothy", 3, False, 40)
    practise(store, people["marked"], "tracking-for-dorothy", 2, True, 80)
    practise(store, people["plain"], "defective-blender", 1, True, 90)
    practise(store, people["other"], "defective-blender", 1, False, 20)
    store.engine.dispose()
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    monkeypatch.setenv("COUNTERPART_DEMO", "1")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()
    st.cache_data.clear()


def signed_in(username: str, password: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    app.button[0].click().run()
    return app


def markdown_shown(app: AppTest) -> str:
    parts = (*app.markdown, *app.caption, *app.title, *app.subheader, *app.info, *app.error)
    return "\n".join(str(e.value) for e in parts)


def frames(app: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in app.dataframe)


def test_the_manager_sees_the_figures_of_their_team_only(database):
    app = signed_in("manager", "watch-cohort")
    assert not app.exception
    figures = {m.label: m.value for m in app.metric}
    assert figures == {
        "Trainees": "2",
        "In progress": "2",
        "Certified": "0",
        "Needs refresh": "0",
        "Stuck": "0",
    }
    assert "Olga Other" not in frames(app)
    assert "=Other desk" not in [o for box in app.selectbox for o in box.options]
    subheaders = [s.value for s in app.subheader]
    for title in ("Through the track", "Pass rates", "Scores by lesson", "Week by week"):
        assert title in subheaders
    assert len(app.get("vega_lite_chart")) >= 3  # funnel, heatmaps, trends
    # A CSV under every table with rows (and the overview); the others say they are empty:
    # nobody certified, too few sessions for a weakest lesson or customer.
    shown = {b.key for b in app.get("download_button")}
    assert shown == {
        f"dashboard_{name}_csv"
        for name in ("overview", "funnel", "pass_rates", "lesson_heatmap", "team_heatmap", "trends")
    }
    assert [c.value for c in app.caption].count("Nothing in this range.") == 4


def test_the_trainees_behind_a_figure_show_typed_markup_as_text(database):
    app = signed_in("manager", "watch-cohort")
    app.selectbox(key="dashboard_overview_pick").set_value(0).run()  # Trainees
    assert not app.exception
    people = next(df.value for df in app.dataframe if "Last session" in df.value.columns)
    assert sorted(people.iloc[:, 0]) == sorted([MARKUP, "Pat Plain"])
    # Nowhere rendered as Markdown or HTML.
    assert "<b>x</b>" not in markdown_shown(app) and "**bold**" not in markdown_shown(app)
    trainee = app.selectbox(key="dashboard_overview_trainee")
    assert MARKUP in trainee.options  # option labels are plain text
    marked = Store(database).user_with_hash("marked")[0]
    trainee.set_value(marked.id).run()
    assert not app.exception
    sessions = next(df.value for df in app.dataframe if "Ended" in df.value.columns)
    assert len(sessions) == 2 and list(sessions["Passed"]) == [True, False]
    assert "<b>x</b>" not in markdown_shown(app)


def test_the_page_speaks_chinese(database):
    app = signed_in("manager", "watch-cohort")
    app.sidebar.selectbox[0].set_value("zh").run()
    assert not app.exception
    assert [m.label for m in app.metric][:2] == ["学员", "学习中"]


def test_a_manager_without_a_team_is_told_so(database):
    store = Store(database)
    create_user(store, "lonely", "watch-nothing", "manager")
    store.engine.dispose()
    app = signed_in("lonely", "watch-nothing")
    assert not app.exception
    assert "You manage no team yet" in app.info[0].value
    assert len(app.metric) == 0


def test_a_certificate_needing_a_refresh_is_listed_with_what_changed(database):
    store = Store(database)
    library = load_library()
    spec = library.curricula["onboarding-en"].tracks[0].certificate
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    certificate = issue_certificate(spec, "Pat Plain", issued, lambda ref: library.policy(ref), "t")
    old = dict(certificate.policy_versions, **{"returns-refunds": "2025.01"})
    plain = store.user_with_hash("plain")[0]
    store.add_certificate(dataclasses.replace(certificate, policy_versions=old), plain.id)
    store.engine.dispose()
    app = signed_in("manager", "watch-cohort")
    assert not app.exception
    assert {m.label: m.value for m in app.metric}["Needs refresh"] == "1"
    listed = next(df.value for df in app.dataframe if "Changed policy sections" in df.value.columns)
    assert list(listed["Trainee"]) == ["Pat Plain"]
    assert list(listed["State"]) == ["needs refresh"]
    assert "returns-refunds#refund-timing" in listed["Changed policy sections"][0]
