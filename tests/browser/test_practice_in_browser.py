"""A trainee signs in, starts a lesson, sends two replies and sees them graded, in Chromium."""

from __future__ import annotations

from fake_openai import FakeOpenAI
from playwright.sync_api import Page, expect

FIRST_REPLY = "I'm so sorry you've waited this long. Could you share your order number?"
# Understanding, but no offer or next step yet: the customer cannot settle on it, whatever
# temper the lesson's random seed gives it, so the chat is still open after two replies.
SECOND_REPLY = (
    "Thank you. I understand how frustrating it is to wait three weeks for your money, "
    "and I'm sorry we've put you through that."
)


def sign_in_and_start(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill("trainee")
    page.get_by_role("textbox", name="Password").fill("practise-now")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Your lessons")).to_be_visible()
    page.get_by_role("button", name="Start").first.click()
    expect(page.get_by_placeholder("Your reply to the customer")).to_be_visible()


def idle(page: Page) -> None:
    """Wait until the app has finished its run: text typed while the page reruns (after the
    customer's streamed answer) can land in a chat box that is being replaced."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def send(page: Page, text: str, graded_replies: int) -> None:
    idle(page)
    box = page.get_by_placeholder("Your reply to the customer")
    box.fill(text)
    box.press("Enter")
    # Each graded reply shows its three scores; wait until this one's are on screen.
    # A loaded machine can take longer than the default wait: grading, the customer's streamed
    # answer and the page's rerun all come before the scores are on screen.
    expect(page.get_by_test_id("stMetricLabel").filter(has_text="Empathy")).to_have_count(
        graded_replies, timeout=90_000
    )
    expect(page.get_by_placeholder("Your reply to the customer")).to_be_visible()


def assistant_messages(page: Page) -> list[str]:
    return page.get_by_test_id("stChatMessage").all_inner_texts()


def test_two_graded_replies_with_the_offline_customer(launch_app, browser_page):
    app = launch_app()
    sign_in_and_start(browser_page, app.url)
    opening = assistant_messages(browser_page)
    assert len(opening) == 1
    send(browser_page, FIRST_REPLY, 1)
    send(browser_page, SECOND_REPLY, 2)
    messages = assistant_messages(browser_page)
    assert len(messages) >= 5, messages  # opening, reply, customer, reply, customer
    assert FIRST_REPLY in "\n".join(messages)
    # The offline customer answers the question it was asked with the persona's order number.
    assert "A-10492" in "\n".join(messages)
    expect(browser_page.get_by_test_id("stMetricLabel").filter(has_text="Policy")).to_have_count(2)
    expect(browser_page.get_by_test_id("stMetricLabel").filter(has_text="Speed")).to_have_count(2)


def test_two_graded_replies_with_the_llm_customer(launch_app, browser_page):
    lines = iter(["It's order A-10492, obviously.", "Fine. A date and a voucher will do."])
    with FakeOpenAI() as fake:
        fake.responder = lambda body: next(lines, "OK.")
        app = launch_app(
            {"COUNTERPART_LLM_BASE_URL": fake.base_url, "COUNTERPART_LLM_MODEL": "fake-customer"}
        )
        sign_in_and_start(browser_page, app.url)
        expect(browser_page.get_by_text("Customer engine: llm")).to_be_visible()
        send(browser_page, FIRST_REPLY, 1)
        expect(browser_page.get_by_text("It's order A-10492, obviously.")).to_be_visible()
        send(browser_page, SECOND_REPLY, 2)
        expect(browser_page.get_by_text("Fine. A date and a voucher will do.")).to_be_visible()
        bodies = [r.body for r in fake.requests if r.path.endswith("/chat/completions")]
    assert len(bodies) == 2
    assert all(b["model"] == "fake-customer" and b["stream"] is True for b in bodies)
    # The trainee's words reached the model as the agent's side of the chat.
    assert bodies[0]["messages"][-2] == {"role": "user", "content": FIRST_REPLY}
