"""A customer left waiting: it nudges on its own ("Hello? Are you still there?") once its
patience window has passed, each nudge costing satisfaction and patience, and it leaves when it
has nudged enough and is still ignored.

The window is twice the lesson's reply-time target, counted from the customer's last message.
Nudges are the offline engine's lines whichever engine plays the customer: a few words need no
model, and a slow model must not delay them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from counterpart.customer.engine import CustomerContext
from counterpart.customer.reading import ReplyReading
from counterpart.customer.scripted import Voice
from counterpart.customer.turn import CustomerStep
from curricula.policy import Policy
from personas.model import Persona

WINDOW_TARGETS = 2  # the customer nudges after this many reply-time targets of silence
MAX_NUDGES = 2  # ignored this many times, it leaves at the next window
NUDGE_COST = 5  # satisfaction a nudge costs


@dataclass(frozen=True)
class Nudge:
    text: str
    step: CustomerStep  # the state after it
    end: str | None = None  # "abandoned" when it leaves


def unanswered(history: list[tuple[str, str]]) -> int:
    """How many customer messages stand after the trainee's last reply (or the opening)."""
    count = 0
    for role, _ in reversed(history):
        if role != "customer":
            break
        count += 1
    return count


def waiting_turn(
    persona: Persona,
    policy: Policy | None,
    seed: int,
    history: list[tuple[str, str]],
    step: CustomerStep,
    waited_seconds: float,
    sla_seconds: float,
) -> Nudge | None:
    """What the customer says after `waited_seconds` without a reply since its last message, or
    None while it still waits quietly (or it is not its turn to wait)."""
    if not history or history[-1][0] != "customer" or step.outcome:
        return None
    if waited_seconds < WINDOW_TARGETS * sla_seconds:
        return None
    nudges = unanswered(history) - 1
    state = step.state
    new = replace(
        state,
        satisfaction=max(0, state.satisfaction - NUDGE_COST),
        patience=max(0, state.patience - 1),
    )
    end = "abandoned" if nudges >= MAX_NUDGES or new.patience == 0 else None
    after = CustomerStep(new, ReplyReading(), end)
    context = CustomerContext(
        persona=persona,
        policy=policy,
        seed=seed,
        history=history,
        state=new,
        reading=ReplyReading(),
        outcome=end,
    )
    speaker = Voice(context)
    text = speaker.line("give_up" if end else "waiting")
    return Nudge(speaker.message([text]), after, end)
