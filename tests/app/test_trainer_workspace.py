"""The trainer's workspace pages, run headless with AppTest on a copy of the content folders."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from counterpart.content_folders import SHIPPED, ContentFolders, load_files
from counterpart.demo import seed_demo
from counterpart.storage.store import Store
from curricula.certificates import issue_certificate

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def content(tmp_path, monkeypatch) -> ContentFolders:
    """A database with the demo accounts, and the app reading (and writing) a copy of the
    shipped content folders."""
    copies = {}
    for kind in ("persona", "policy", "curriculum"):
        copies[kind] = tmp_path / "content" / kind
        shutil.copytree(SHIPPED.of(kind), copies[kind])
    folders = ContentFolders(**copies)
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    seed_demo(Store(url))
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    monkeypatch.setenv("COUNTERPART_DEMO", "1")
    monkeypatch.setattr(
        "counterpart.services.load_library",
        lambda: load_files([path for _, path in folders.files()]),
    )
    st.cache_resource.clear()
    yield folders
    st.cache_resource.clear()


def page(name: str, username: str = "trainer", password: str = "write-content") -> AppTest:
    """Sign in through the app as tests/app/test_pages.py does, then open the page with that
    session's user (the page files are not in the app's navigation until app.py lists them)."""
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    app.button[0].click().run()
    user = app.session_state["user"]
    assert user.username == username
    opened = AppTest.from_file(str(ROOT / "app_pages" / name), default_timeout=60)
    opened.session_state["user"] = user
    return opened.run()


def button(app: AppTest, key: str):
    return app.button(key=key)


def test_the_trainer_edits_validates_and_saves_a_persona(content):
    app = page("trainer_content.py")
    assert not app.exception
    app.selectbox(key="workspace_file_persona").set_value("rude-late-refund").run()
    area = app.text_area(key="workspace_text_persona_rude-late-refund")
    area.input(area.value.replace("patience: 4", "patience: 6")).run()
    assert button(app, "workspace_save").disabled  # not validated yet
    button(app, "workspace_validate").click().run()
    assert not app.exception
    assert [s.value for s in app.success] == ["No problems: this file can be saved."]
    assert not button(app, "workspace_save").disabled
    button(app, "workspace_save").click().run()
    assert not app.exception
    assert "Saved rude-late-refund.yaml" in app.success[0].value
    saved = (content.persona / "rude-late-refund.yaml").read_text(encoding="utf-8")
    assert "patience: 6" in saved
    # The running app uses the saved persona: the preview page checks against it.
    preview = AppTest.from_file(str(ROOT / "app_pages" / "trainer.py"), default_timeout=30)
    preview.session_state["user"] = app.session_state["user"]
    preview.run()
    preview.selectbox(key="preview_persona").set_value("rude-late-refund").run()
    assert "patience: 6" in preview.text_area(key="preview_text_rude-late-refund").value


def test_problems_are_shown_by_file_and_line_and_nothing_is_saved(content):
    app = page("trainer_content.py")
    app.selectbox(key="workspace_file_persona").set_value("rude-late-refund").run()
    area = app.text_area(key="workspace_text_persona_rude-late-refund")
    area.input(area.value.replace("patience: 4", "patience: many")).run()
    button(app, "workspace_validate").click().run()
    assert not app.exception
    problems = app.code[-1].value
    assert problems.splitlines()[0].startswith("rude-late-refund.yaml:5: patience:")
    assert "after-sales-basics.yaml:" in problems  # its lessons lose their customer
    assert button(app, "workspace_save").disabled
    assert "patience: 4" in (content.persona / "rude-late-refund.yaml").read_text(encoding="utf-8")
    # Editing after validating asks for a new validation before anything can be saved.
    area = app.text_area(key="workspace_text_persona_rude-late-refund")
    area.input(area.value.replace("patience: many", "patience: 5")).run()
    assert button(app, "workspace_save").disabled
    button(app, "workspace_reload").click().run()
    assert "patience: 4" in app.text_area(key="workspace_text_persona_rude-late-refund").value


def test_a_curriculum_naming_a_missing_persona_is_reported(content):
    app = page("trainer_content.py")
    app.radio(key="workspace_kind").set_value("curriculum").run()
    app.selectbox(key="workspace_file_curriculum").set_value("after-sales-basics").run()
    area = app.text_area(key="workspace_text_curriculum_after-sales-basics")
    area.input(area.value.replace("persona: rude-late-refund", "persona: nobody", 1)).run()
    button(app, "workspace_validate").click().run()
    assert not app.exception
    assert app.code[-1].value.startswith(
        "after-sales-basics.yaml:12: tracks.0.modules.0.lessons.0.persona: no persona 'nobody'"
    )


def test_a_new_persona_is_created_from_a_copy_and_a_bad_name_is_refused(content):
    app = page("trainer_content.py")
    app.text_input(key="workspace_new_name_persona").input("../outside").run()
    button(app, "workspace_create").click().run()
    assert not app.exception
    assert app.error[0].value == "Not created:"
    assert not (content.persona.parent / "outside.yaml").exists()
    app.text_input(key="workspace_new_name_persona").input("calm-copy").run()
    button(app, "workspace_create").click().run()
    assert not app.exception
    assert (content.persona / "calm-copy.yaml").exists()
    assert app.success[0].value == "Created calm-copy.yaml."
    assert app.selectbox(key="workspace_file_persona").value == "calm-copy"
    # The running app reloaded its library: the new customer can be previewed at once.
    preview = AppTest.from_file(str(ROOT / "app_pages" / "trainer.py"), default_timeout=30)
    preview.session_state["user"] = app.session_state["user"]
    assert "calm-copy" in preview.run().selectbox(key="preview_persona").options


def test_a_trainee_cannot_use_the_workspace_pages(content):
    for name in ("trainer_content.py", "trainer_publish.py"):
        app = page(name, "trainee", "practise-now")
        assert not app.exception
        assert [e.value for e in app.error] == ["Only trainers and admins may change content."]
        assert len(app.text_area) == 0 and len(app.button) == 0


def test_the_impact_is_shown_before_a_policy_version_can_be_published(content):
    store = Store(os.environ["COUNTERPART_DATABASE_URL"])
    library = load_files([path for _, path in content.files()])
    spec = next(
        t.certificate
        for c in library.curricula.values()
        for t in c.tracks
        if t.certificate and t.certificate.id == "agent-en"
    )
    trainee = store.user_with_hash("trainee")[0]
    now = dt.datetime.now(dt.UTC)
    store.add_certificate(issue_certificate(spec, "Ella", now, library.policy, "x"), trainee.id)

    app = page("trainer_publish.py")
    assert not app.exception
    app.selectbox(key="publish_policy").set_value("returns-refunds").run()
    assert len(app.text_area) == 0  # nothing to publish before a draft
    button(app, "publish_draft").click().run()
    draft = app.text_area(key="publish_text_returns-refunds")
    head, tail = draft.value.split("key: refund_days\n", 1)
    draft.input(head + "key: refund_days\n" + tail.replace("value: 5", "value: 7", 1)).run()
    assert not any(b.label.startswith("Publish ") for b in app.button)  # impact first
    button(app, "publish_review").click().run()
    assert not app.exception
    counts = {m.label: m.value for m in app.metric}
    assert counts["Sections changed"] == "1"
    assert int(counts["Lessons touched"]) >= 1
    assert counts["Held certificates to refresh"] == "1"
    sections = app.dataframe[0].value.to_string()
    assert "refund-timing" in sections and "refund_days: 5 days -> 7 days" in sections
    assert "after-sales-basics/late-refund" in app.dataframe[1].value.to_string()
    assert "agent-en" in app.dataframe[2].value.to_string()
    publish = button(app, "publish_go")
    assert not publish.disabled
    version = app.text_input(key="publish_version_returns-refunds").value

    # A change after the impact was shown hides the button until the impact is shown again.
    draft = app.text_area(key="publish_text_returns-refunds")
    draft.input(draft.value.replace("value: 7", "value: 8", 1)).run()
    assert "text changed since its impact was shown" in app.warning[0].value
    assert not any(b.label.startswith("Publish ") for b in app.button)
    button(app, "publish_review").click().run()
    button(app, "publish_go").click().run()
    assert not app.exception
    published = content.policy / f"returns-refunds@{version}.yaml"
    assert published.exists() and "value: 8" in published.read_text(encoding="utf-8")
    assert f"Published returns-refunds@{version}.yaml" in app.success[0].value
    assert f"Current version {version}" in "\n".join(c.value for c in app.caption)


def test_a_draft_that_does_not_come_after_the_current_version_cannot_be_published(content):
    app = page("trainer_publish.py")
    app.selectbox(key="publish_policy").set_value("returns-refunds").run()
    app.text_input(key="publish_version_returns-refunds").input("2026.01").run()
    button(app, "publish_draft").click().run()
    button(app, "publish_review").click().run()
    assert not app.exception
    assert "version: 2026.01 is not newer than 2026.10" in app.code[-1].value
    assert button(app, "publish_go").disabled
    assert sorted(p.name for p in content.policy.glob("returns-refunds*")) == [
        "returns-refunds.yaml"
    ]
