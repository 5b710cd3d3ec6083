"""Links to a transcript, opened in Chromium: they survive signing in, show trainee text as
typed, and show nothing of a trainee outside the manager's teams."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from counterpart.demo import seed_demo
from counterpart.session_loop import SessionLoop
from counterpart.storage.store import Store
from curricula.library import load_library

MARKUP = "Sorry! **not bold** <b>not a tag</b> [not a link](http://example.com) order number?"
SECRET = "Sorry, could you share the order number? (south team only)"


def play(store: Store, loop: SessionLoop, username: str, team_id: int, text: str) -> int:
    from counterpart.accounts import create_user

    trainee = create_user(store, username, "password1", "trainee")
    store.set_team(trainee.id, team_id)
    trainee = store.user(trainee.id)
    session = loop.start(trainee, "after-sales-basics", "late-refund")
    loop.submit(trainee, session.id, text)
    "".join(loop.customer_reply(trainee, session.id))
    loop.end(trainee, session.id)
    return session.id


def sign_in_at(page: Page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_transcript_link_survives_sign_in_and_respects_teams(tmp_path, launch_app, browser_page):
    store = Store(f"sqlite:///{tmp_path / 'browser.db'}")
    seed_demo(store)
    north, south = store.add_team("North"), store.add_team("South")
    manager = store.user_with_hash("manager")[0]
    store.add_team_manager(north.id, manager.id)
    loop = SessionLoop(store, load_library())
    own = play(store, loop, "ana", north.id, MARKUP)
    other = play(store, loop, "bo", south.id, SECRET)
    store.engine.dispose()
    app = launch_app()

    sign_in_at(browser_page, f"{app.url}/transcript?session={own}", "manager", "watch-cohort")
    reply = browser_page.get_by_test_id("stChatMessage").filter(has_text="not bold")
    expect(reply).to_have_count(1)
    # The reply itself is the first text in its bubble; its scores and findings follow.
    typed = reply.get_by_test_id("stMarkdownContainer").first
    text = typed.inner_text()
    assert "**not bold**" in text and "<b>not a tag</b>" in text
    assert "[not a link](http://example.com)" in text.replace("\u2060", "")
    expect(typed.locator("strong, b, a")).to_have_count(0)

    sign_in_at(browser_page, f"{app.url}/transcript?session={other}", "manager", "watch-cohort")
    expect(browser_page.get_by_text("is not yours to see")).to_be_visible()
    assert "south team only" not in browser_page.content()
