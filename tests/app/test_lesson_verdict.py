"""Issue 10, item 2, as a trainee sees it: one reply, then "End session", is not a pass on the
summary, the Lessons page or My sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from counterpart.demo import seed_demo
from counterpart.storage.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
REPLY = (
    "I'm so sorry you've waited three weeks for your money, that's really frustrating. "
    "Could you tell me your order number so I can check it right now?"
)


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'verdict.db'}"
    seed_demo(Store(url))
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    monkeypatch.setenv("COUNTERPART_DEMO", "1")
    st.cache_resource.clear()  # services are cached per process
    yield url
    st.cache_resource.clear()


def markdown(app: AppTest) -> list[str]:
    return [str(m.value) for m in (*app.markdown, *app.caption)]


def test_leaving_after_one_good_reply_is_not_passed_anywhere(database):
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_input[0].input("trainee")
    app.text_input[1].input("practise-now")
    app.button[0].click().run()
    app.button(key="start-after-sales-basics-late-refund").click().run()
    app.chat_input[0].set_value(REPLY).run()
    next(b for b in app.button if b.label == "End session").click().run()
    assert not app.exception
    shown = markdown(app)
    assert any("Ended: ended by you" in text for text in shown)
    assert any("Not passed yet" in text for text in shown)  # the summary's verdict
    assert not any("Passed" in text for text in shown)
    assert "The lesson expected you to tell the customer:" in [w.value for w in app.warning]

    app.switch_page("app_pages/lessons.py").run()
    assert not app.exception
    captions = [c.value for c in app.caption]
    assert any(c.startswith("Not passed yet · ") for c in captions)
    assert not any(c.startswith("Passed") for c in captions)

    app.switch_page("app_pages/trainee_detail.py").run()  # My sessions
    assert not app.exception
    [table] = app.dataframe
    assert list(table.value["Passed"]) == [False]
