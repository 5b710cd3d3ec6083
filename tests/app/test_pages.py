"""The pages, run headless with Streamlit's AppTest against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from counterpart.demo import seed_demo
from counterpart.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    seed_demo(Store(url))
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    monkeypatch.setenv("COUNTERPART_DEMO", "1")
    # Services are cached per process; each test has its own database.
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


def signed_in(username: str, password: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    app.button[0].click().run()
    return app


def texts(app: AppTest) -> str:
    parts = [e.value for e in (*app.markdown, *app.caption, *app.title, *app.info, *app.error)]
    return "\n".join(str(p) for p in parts)


def test_sign_in_page_lists_demo_accounts_in_demo_mode(database):
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    table = app.table[0].value
    assert "trainee" in table.to_string() and "practise-now" in table.to_string()


def test_demo_accounts_are_not_shown_outside_demo_mode(database, monkeypatch):
    monkeypatch.delenv("COUNTERPART_DEMO")
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert len(app.table) == 0
    assert "practise-now" not in texts(app)


def test_a_wrong_password_is_refused(database):
    app = signed_in("trainee", "not-the-password")
    assert [e.value for e in app.error] == ["Wrong username or password."]


def test_the_trainee_sees_the_curriculum_with_objectives(database):
    app = signed_in("trainee", "practise-now")
    assert not app.exception
    shown = texts(app)
    assert "Your lessons" in shown
    assert "An angry customer waiting for a refund" in shown
    assert "Ask for the order number before discussing the refund." in shown


def test_a_lesson_is_practised_and_each_reply_graded(database):
    app = signed_in("trainee", "practise-now")
    app.button(key="start-after-sales-basics-late-refund").click().run()
    assert not app.exception
    assert len(app.chat_message) == 1  # the customer's opening line
    app.chat_input[0].set_value("I'm sorry for the wait. Could you give me your order number?")
    app.run()
    assert not app.exception
    labels = [m.label for m in app.metric]
    assert labels == ["Empathy", "Policy", "Speed"]
    assert len(app.chat_message) == 3
    assert "A-10492" in app.chat_message[2].markdown[0].value
    app.chat_input[0].set_value("   ")
    app.run()
    assert [e.value for e in app.error] == ["Write a reply before sending."]


def test_ending_a_session_shows_the_summary(database):
    app = signed_in("trainee", "practise-now")
    app.button(key="start-after-sales-basics-late-refund").click().run()
    app.chat_input[0].set_value("Sorry about that. What is your order number?")
    app.run()
    end = next(b for b in app.button if b.label == "End session")
    end.click().run()
    assert not app.exception
    shown = texts(app)
    assert "Session summary" in [s.value for s in app.subheader]
    assert "Ended: ended by you" in shown
    assert len(app.get("vega_lite_chart")) == 1


def test_the_manager_sees_what_is_coming(database):
    app = signed_in("manager", "watch-cohort")
    assert not app.exception
    assert "manager dashboard" in app.info[0].value


def test_the_trainer_previews_a_persona_and_watches_its_hidden_state(database):
    app = signed_in("trainer", "write-content")
    assert not app.exception
    app.selectbox(key="preview_persona").set_value("rude-late-refund").run()
    assert [s.value for s in app.success] == ["The persona is valid."]
    next(b for b in app.button if b.label == "Start a preview chat").click().run()
    assert not app.exception
    before = {m.label: m.value for m in app.metric}
    app.chat_input[0].set_value("I'm so sorry for the wait. Could you tell me your order number?")
    app.run()
    assert not app.exception
    after = {m.label: m.value for m in app.metric}
    assert int(after["Satisfaction"]) > int(before["Satisfaction"])
    said = [m.markdown[0].value for m in app.chat_message]
    assert len(said) == 3 and "A-10492" in said[2]
    assert any("order_number" in c.value for c in app.caption)


def test_the_trainer_sees_problems_in_an_edited_persona_with_their_lines(database):
    app = signed_in("trainer", "write-content")
    app.selectbox(key="preview_persona").set_value("rude-late-refund").run()
    area = app.text_area(key="preview_text_rude-late-refund")
    area.input(area.value.replace("patience: 4", "patience: many")).run()
    assert not app.exception
    problems = app.code[-1].value
    assert "rude-late-refund.yaml:" in problems and "patience" in problems
    start = next(b for b in app.button if b.label == "Start a preview chat")
    assert start.disabled


def test_the_interface_switches_to_chinese(database):
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.sidebar.selectbox[0].set_value("zh").run()
    assert not app.exception
    assert app.button[0].label == "登录"


def test_a_broken_content_file_is_named_and_the_app_still_starts(database, monkeypatch, tmp_path):
    import curricula.library as library_module

    broken = tmp_path / "broken-persona.yaml"
    broken.write_text("name: Half a persona\npatience: lots\n", encoding="utf-8")
    real = library_module.load_library
    monkeypatch.setattr("counterpart.services.load_library", lambda: real([broken]))
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert any("broken-persona.yaml:2: patience" in c.value for c in app.sidebar.code)


def test_an_unfinished_session_resumes_after_a_reload(database):
    first = signed_in("trainee", "practise-now")
    first.button(key="start-after-sales-basics-late-refund").click().run()
    first.chat_input[0].set_value("Sorry for the wait! What is your order number?")
    first.run()
    # A new browser session (closed tab, reload) signs in again.
    again = signed_in("trainee", "practise-now")
    assert "You have an unfinished session" in again.info[0].value
    next(b for b in again.button if b.label == "Resume").click().run()
    assert not again.exception
    said = [m.markdown[0].value for m in again.chat_message]
    assert len(said) == 3
    assert "What is your order number?" in said[1]


def test_a_failing_llm_keeps_the_reply_and_offers_retry_or_offline(database, monkeypatch):
    from fake_openai import FakeOpenAI

    with FakeOpenAI() as fake:
        monkeypatch.setenv("COUNTERPART_LLM_BASE_URL", fake.base_url)
        st.cache_resource.clear()
        app = signed_in("trainee", "practise-now")
        app.button(key="start-after-sales-basics-late-refund").click().run()
        fake.fail_with_status = [500] * 3
        app.chat_input[0].set_value("Sorry! Could you tell me the order number?")
        app.run()
        assert not app.exception
        message = app.error[0].value
        assert "did not answer" in message and "Your reply is saved" in message
        assert "Could you tell me the order number?" in app.chat_message[1].markdown[0].value
        labels = [b.label for b in app.button]
        assert "Try again" in labels and "Continue with the offline customer" in labels
        assert len(app.chat_input) == 0  # no new reply until the customer has answered
        next(b for b in app.button if b.label == "Continue with the offline customer").click()
        app.run()
        assert not app.exception
        assert len(app.chat_message) == 3
        assert "A-10492" in app.chat_message[2].markdown[0].value
        assert "Customer engine: scripted" in texts(app)


def test_an_exam_holds_feedback_back_and_ends_with_a_certificate(database, monkeypatch):
    from counterpart import exams, progress, session_loop
    from curricula.library import load_library

    curriculum = load_library().curricula["onboarding-en"]
    records = {
        ("onboarding-en", a.id): progress.LessonRecord(1, True) for a in curriculum.activities()
    }
    for module in (exams, session_loop, progress):
        monkeypatch.setattr(module, "lesson_records", lambda *args, **kwargs: records)
    monkeypatch.setattr(exams, "session_passed", lambda *args: True)
    app = signed_in("trainee", "practise-now")
    app.selectbox(key="curriculum").set_value("onboarding-en").run()
    app.button(key="exam-onboarding-en-onboarding").click().run()
    assert not app.exception
    assert "scores are shown when the exam ends" in app.info[0].value
    app.chat_input[0].set_value("I'm so sorry about this. Could you share the order number?")
    app.run()
    assert len(app.metric) == 0  # no scores during the exam
    for _ in range(20):
        labels = [b.label for b in app.button]
        if "End session" in labels:
            next(b for b in app.button if b.label == "End session").click().run()
        elif "Next exam chat" in labels:
            next(b for b in app.button if b.label == "Next exam chat").click().run()
        else:
            break
        assert not app.exception
    assert [s.value for s in app.success] == ["Exam passed."]
    assert len(app.metric) >= 3  # scores are shown once the exam is over
    app.switch_page("app_pages/certificates.py").run()
    assert not app.exception
    assert "Certified" in "\n".join(m.value for m in app.markdown)
    assert len(app.get("download_button")) == 1


def test_a_qa_trainee_grades_a_gold_transcript_and_sees_the_agreement(database, monkeypatch):
    from counterpart import session_loop
    from counterpart.demo import DEMO_ACCOUNTS
    from curricula.library import load_library

    qa = load_library().curricula["qa"]
    exercise = qa.tracks[0].modules[0].lessons[0]
    monkeypatch.setattr(
        session_loop.SessionLoop, "held_certificates", lambda self, user: {"agent-en"}
    )
    app = signed_in("trainee", "practise-now")
    app.selectbox(key="curriculum").set_value("qa").run()
    app.button(key=f"open-qa-{exercise.id}").click().run()
    assert not app.exception
    for index, turn in enumerate(exercise.transcript):
        for dimension, gold in (turn.gold or {}).items():
            app.number_input(key=f"grade-{exercise.id}-{index}-{dimension}").set_value(gold)
    next(b for b in app.button if b.label == "Submit grades").click().run()
    assert not app.exception
    assert app.success[0].value == "Agreement 100%: passed"
    store = Store(database)
    trainee = store.user_with_hash(DEMO_ACCOUNTS[0][0])[0]
    assert store.exercise_results_of(trainee.id)[0][1:] == (exercise.id, 1.0, True)


def test_the_progress_page_shows_scores_history_and_skills(database):
    app = signed_in("trainee", "practise-now")
    app.button(key="start-after-sales-basics-late-refund").click().run()
    app.chat_input[0].set_value("I'm so sorry for the wait. What is your order number?")
    app.run()
    next(b for b in app.button if b.label == "End session").click().run()
    app.switch_page("app_pages/progress.py").run()
    assert not app.exception
    assert "Skills (best scores)" in [s.value for s in app.subheader]
    assert "Attempt history" in [s.value for s in app.subheader]
    assert len(app.dataframe) == 2  # the curriculum's lessons and the history
    assert len(app.get("vega_lite_chart")) == 1
