"""The transcript, trainee, calibration and review-queue pages, run headless with AppTest.

The pages run inside a small entry script that registers them with st.navigation the way
app.py does for reviewers, so that links between them resolve; the signed-in user is put in
st.session_state["user"], as the sign-in page does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages.context import plain
from counterpart.accounts import create_user
from counterpart.reviews import overrule
from counterpart.session_loop import SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("transcript", "trainee_detail", "calibration", "review_queue")
MARKUP = "Sorry! **bold**, <b>html</b> and [link](http://x) — what is your order number?"
SECRET = "Bo's private reply about order A-10492"


@pytest.fixture
def world(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    store = Store(url)
    monkeypatch.setenv("COUNTERPART_DATABASE_URL", url)
    st.cache_resource.clear()
    north, south = store.add_team("north"), store.add_team("south")
    people = {}
    for name, role, team in [
        ("ana", "trainee", north),
        ("bo", "trainee", south),
        ("mia", "manager", None),
        ("quinn", "qa", None),
    ]:
        user = create_user(store, name, "password1", role, name.title())
        if team:
            store.set_team(user.id, team.id)
        people[name] = store.user(user.id)
    store.add_team_manager(north.id, people["mia"].id)
    library = load_library()
    loop = SessionLoop(store, library)
    sessions = {}
    for name, text in (("ana", MARKUP), ("bo", SECRET)):
        session = loop.start(people[name], "after-sales-basics", "late-refund")
        loop.submit(people[name], session.id, text)
        "".join(loop.customer_reply(people[name], session.id))
        loop.end(people[name], session.id)
        sessions[name] = store.session(session.id)
    # The entry script sits beside a link to the real pages, so that the pages' own
    # "app_pages/..." links resolve from it.
    (tmp_path / "app_pages").symlink_to(ROOT / "app_pages")
    yield {"store": store, "library": library, "people": people, "sessions": sessions}
    st.cache_resource.clear()


def page(tmp_path, name: str, user, **query: str) -> AppTest:
    entry = tmp_path / f"entry_{name}.py"
    pages = ", ".join(
        f"st.Page({str(ROOT / 'app_pages' / f'{p}.py')!r}, default={p == name})" for p in PAGES
    )
    entry.write_text(f"import streamlit as st\nst.navigation([{pages}]).run()\n", "utf-8")
    app = AppTest.from_file(str(entry), default_timeout=30)
    app.session_state["user"] = user
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def shown(app: AppTest) -> str:
    """Everything the page put on screen, as protobuf text."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


def replies(app: AppTest) -> list[str]:
    return [m.markdown[0].value for m in app.chat_message if m.name == "user"]


def test_a_trainee_reads_their_own_transcript_with_scores_and_the_curve(tmp_path, world):
    ana, session = world["people"]["ana"], world["sessions"]["ana"]
    app = page(tmp_path, "transcript", ana, session=str(session.id))
    assert not app.exception
    assert len(app.chat_message) == len(session.turns)
    assert [m.label for m in app.metric][:3] == ["Empathy", "Policy", "Speed"]
    reply = next(t for t in session.turns if t.role == "trainee")
    captions = [c.value for c in app.caption]
    assert any(f"satisfaction after: {reply.satisfaction}" in c for c in captions)
    assert "Session summary" in [s.value for s in app.subheader]
    assert len(app.get("vega_lite_chart")) == 1
    assert len(app.text_area) == 0  # a trainee gets no override form
    assert len(app.get("page_link")) == 0  # nor a link to the trainee page


def test_text_typed_by_a_trainee_shows_as_typed(tmp_path, world):
    session = world["sessions"]["ana"]
    app = page(tmp_path, "transcript", world["people"]["quinn"], session=str(session.id))
    [value] = replies(app)
    assert value == plain(MARKUP)
    # Nothing lost: only escapes and the invisible word joiner that keeps an address unlinked.
    assert re.sub(r"\\(.)", r"\1", value).replace("\u2060", "") == MARKUP
    for markup in ("**bold**", "<b>", "[link]"):
        assert markup not in value  # every markup character is escaped


@pytest.mark.parametrize(("viewer", "owner"), [("ana", "bo"), ("mia", "bo")])
def test_someone_elses_session_id_shows_an_error_and_none_of_the_text(
    tmp_path, world, viewer, owner
):
    session = world["sessions"][owner]
    app = page(tmp_path, "transcript", world["people"][viewer], session=str(session.id))
    assert not app.exception
    assert [e.value for e in app.error] == [
        "This transcript does not exist or is not yours to see."
    ]
    everything = shown(app)
    assert "A-10492" not in everything and "private reply" not in everything
    assert len(app.chat_message) == 0 and len(app.metric) == 0


def test_an_unknown_or_malformed_session_id_shows_no_transcript(tmp_path, world):
    quinn = world["people"]["quinn"]
    unknown = page(tmp_path, "transcript", quinn, session="99999")
    assert [e.value for e in unknown.error] == [
        "This transcript does not exist or is not yours to see."
    ]
    for query in ({"session": "1 OR 1=1"}, {}):
        app = page(tmp_path, "transcript", quinn, **query)
        assert not app.exception and len(app.chat_message) == 0
        assert "Open a transcript" in app.info[0].value


def test_a_qa_lead_overrules_a_grade_and_sees_it_beside_the_automatic_one(tmp_path, world):
    store, session = world["store"], world["sessions"]["ana"]
    reply = next(t for t in session.turns if t.role == "trainee")
    app = page(tmp_path, "transcript", world["people"]["quinn"], session=str(session.id))
    assert [p.proto.query_string for p in app.get("page_link")] == [
        f"trainee={world['people']['ana'].id}"
    ]
    app.selectbox(key=f"override-dimension-{reply.id}").set_value("policy")
    app.number_input(key=f"override-score-{reply.id}").set_value(17)
    app.text_area(key=f"override-note-{reply.id}").input("Quoted the <wrong> **window**")
    app.button(key=f"override-submit-{reply.id}").click().run()
    assert not app.exception
    assert [s.value for s in app.success] == ["Override saved: Policy 17."]
    turn = store.session(session.id).turns[reply.seq - 1]
    assert turn.score("policy") == 17
    assert turn.grades["policy"].score == reply.grades["policy"].score  # kept beside it
    metrics = {m.label: m.value for m in app.metric[:3]}
    assert metrics["Policy"] == "17"
    captions = [c.value for c in app.caption]
    automatic = reply.grades["policy"].score
    day = f"{turn.overrides['policy'].created_at:%Y-%m-%d}"
    assert f"Overruled by Quinn on {day}: automatic {automatic}, now 17" in captions
    assert plain("Quoted the <wrong> **window**") in captions


def test_an_override_without_a_note_is_refused_and_nothing_saved(tmp_path, world):
    store, session = world["store"], world["sessions"]["ana"]
    reply = next(t for t in session.turns if t.role == "trainee")
    app = page(tmp_path, "transcript", world["people"]["mia"], session=str(session.id))
    app.number_input(key=f"override-score-{reply.id}").set_value(50)
    app.button(key=f"override-submit-{reply.id}").click().run()
    assert [e.value for e in app.error] == [
        "Say why the grade is overruled (at most 2,000 characters)."
    ]
    assert store.session(session.id).turns[reply.seq - 1].overrides == {}


def test_a_manager_drills_into_their_trainee_and_not_another_teams(tmp_path, world):
    mia, ana, bo = (world["people"][n] for n in ("mia", "ana", "bo"))
    app = page(tmp_path, "trainee_detail", mia, trainee=str(ana.id))
    assert not app.exception
    assert app.title[0].value == "Ana"
    [table] = app.dataframe
    assert table.value["Session"].tolist() == [world["sessions"]["ana"].id]
    row = world["store"].session_scores_of(ana.id)[0]
    assert table.value["Empathy"].tolist() == [row.empathy]
    links = [p.proto.query_string for p in app.get("page_link")]
    assert links == [f"session={world['sessions']['ana'].id}"]
    other = page(tmp_path, "trainee_detail", mia, trainee=str(bo.id))
    assert [e.value for e in other.error] == [
        "This trainee does not exist or is not in a team you may see."
    ]
    assert len(other.dataframe) == 0 and "Bo" not in shown(other)


def test_the_calibration_page_shows_tables_a_chart_and_a_csv(tmp_path, world):
    store, library, quinn = world["store"], world["library"], world["people"]["quinn"]
    for name, score in (("ana", 10), ("bo", 95)):
        reply = next(t for t in world["sessions"][name].turns if t.role == "trainee")
        overrule(store, library, quinn, reply.id, "empathy", score, "calibrating")
    app = page(tmp_path, "calibration", quinn)
    assert not app.exception
    by_dimension = app.dataframe[0].value
    assert by_dimension["Overrides"].tolist() == [2, 0, 0]
    assert len(app.get("vega_lite_chart")) == 1
    assert len(app.get("download_button")) == 1
    refused = page(tmp_path, "calibration", world["people"]["ana"])
    assert [e.value for e in refused.error] == [
        "Only managers, QA leads and admins see grader calibration."
    ]
    assert len(refused.dataframe) == 0


def test_the_review_queue_links_to_the_sessions_that_went_badly(tmp_path, world):
    failed = [
        s.session_id
        for s in (
            *world["store"].session_scores_of(world["people"]["ana"].id),
            *world["store"].session_scores_of(world["people"]["bo"].id),
        )
        if s.passed is False
    ]
    app = page(tmp_path, "review_queue", world["people"]["quinn"])
    assert not app.exception
    links = [p.proto.query_string for p in app.get("page_link")]
    assert sorted(links) == sorted(f"session={i}" for i in failed)
    assert failed  # one reply is not enough to pass the lesson


def test_a_trainee_sees_their_own_sessions_and_no_one_elses(tmp_path, world):
    ana, bo = world["people"]["ana"], world["people"]["bo"]
    app = page(tmp_path, "trainee_detail", ana)
    assert not app.exception
    [table] = app.dataframe
    assert table.value["Session"].tolist() == [world["sessions"]["ana"].id]
    other = page(tmp_path, "trainee_detail", ana, trainee=str(bo.id))
    assert len(other.dataframe) == 0 and "Bo" not in shown(other)
