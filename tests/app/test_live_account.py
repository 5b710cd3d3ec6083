"""The app reads the signed-in account from storage on every run: a role changed by an admin
(or at the command line) takes effect on the next click, and an account that is gone is signed
out. Run headless with AppTest through app.py, against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from counterpart.accounts import COMMAND_LINE, change_role
from counterpart.demo import seed_demo
from counterpart.storage.records import User
from counterpart.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    store = Store(url)
    seed_demo(store)
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    monkeypatch.setenv("COUNTERPART_DEMO", "1")
    st.cache_resource.clear()
    yield store
    st.cache_resource.clear()


def signed_in(username: str, password: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    app.button[0].click().run()
    assert not app.exception
    return app


def shown(app: AppTest) -> str:
    parts = (*app.markdown, *app.caption, *app.title, *app.info, *app.error)
    return "\n".join(str(e.value) for e in parts)


def has_page(app: AppTest, path: str) -> bool:
    """Whether the navigation of the last run offers the page (switch_page refuses any other);
    when it does, the next run opens it."""
    try:
        app.switch_page(path)
    except ValueError:
        return False
    return True


def test_a_qa_lead_demoted_to_trainee_gets_the_trainee_pages_on_the_next_run(store):
    app = signed_in("qa", "review-grades")
    assert "Signed in as Demo QA Lead (QA lead)" in shown(app)
    assert has_page(app, "app_pages/manager.py")
    assert has_page(app, "app_pages/review_queue.py")

    qa = store.user_with_hash("qa")[0]
    change_role(store, COMMAND_LINE, qa.id, "trainee")
    app.run()  # the next click, asking for the review queue

    assert not app.exception
    assert "Signed in as Demo QA Lead (trainee)" in shown(app)
    assert "Your lessons" in shown(app)  # the trainee's first page, not the queue
    assert app.session_state["user"].role == "trainee"
    for page in ("review_queue", "manager", "calibration"):
        assert not has_page(app, f"app_pages/{page}.py"), page
    assert has_page(app, "app_pages/lessons.py")


def test_a_trainee_promoted_to_manager_gets_the_dashboard_on_the_next_run(store):
    app = signed_in("trainee", "practise-now")
    assert not has_page(app, "app_pages/manager.py")

    trainee = store.user_with_hash("trainee")[0]
    change_role(store, COMMAND_LINE, trainee.id, "manager")
    app.run()

    assert not app.exception
    assert "Signed in as Demo Trainee (manager)" in shown(app)
    assert has_page(app, "app_pages/manager.py")
    assert not has_page(app, "app_pages/lessons.py")


def test_an_account_that_no_longer_exists_is_signed_out(store):
    app = AppTest.from_file(APP, default_timeout=30)
    app.session_state["user"] = User(10_000, "ghost", "Ghost", "admin")
    app.run()
    assert not app.exception
    assert "Signed in as" not in shown(app)
    assert "user" not in app.session_state
    assert not has_page(app, "app_pages/admin.py")
    assert len(app.text_input) == 2  # the sign-in form
