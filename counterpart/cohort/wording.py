"""Putting the content's words into sentences: which of a fact's phrases reads best in a
question, which outcome or forbidden phrase can stand in a frame, a policy number stated in a
frame, and the same statement with a wrong number. The policy grader checks every statement."""

from __future__ import annotations

import re
from collections.abc import Callable

from counterpart.cohort.frames import Frames
from curricula.policy import Policy, PolicyFact
from grading.policy_grader import grade_policy
from personas.model import Fact

WRONG_KINDS = {
    "wrong_number",
    "wrong_fact",
    "forbidden_promise",
    "forbidden_remedy",
    "missing_fact",
}
FORBIDDEN_KINDS = {"forbidden_promise", "forbidden_remedy"}
DIGIT = re.compile(r"\d")


def number(value: float) -> str:
    return f"{value:g}"


def findings(text: str, policy: Policy | None, key: str | None = None) -> set[str]:
    """The kinds of policy findings against `text` on its own (with `key`, a missing fact)."""
    if policy is None:
        return set()
    score = grade_policy(text, policy, required_facts=[key] if key else ())
    return {r.kind for r in score.findings}


def states_correctly(text: str, policy: Policy | None, key: str) -> bool:
    """Whether `text` states the fact `key` right and breaks no rule."""
    return policy is not None and not findings(text, policy, key) & WRONG_KINDS


def best_phrase(options: list[str], frame: Frames | None) -> tuple[str, bool] | None:
    """The phrase that reads best in a frame, and whether it is a question fragment: a
    question of three words or more ("what did you order"), then a short noun phrase ("order
    number"), then shorter questions and single words; fragments ("when did") last."""
    if not options:
        return None

    def is_question(phrase: str) -> bool:
        if frame is None:
            return False
        if frame.separator:  # words: the fragment starts with a question word
            return phrase.split()[0].lower() in frame.question_words
        return any(word in phrase for word in frame.question_words)

    def rank(phrase: str) -> tuple[int, int]:
        order = options.index(phrase)
        if frame is None or not frame.separator:
            return (0 if is_question(phrase) else 1), order
        words = phrase.lower().split()
        if words[-1] in frame.dangling:
            return 5, order
        if is_question(phrase):
            return (0 if len(words) >= 3 else 2), order
        return (1 if 1 < len(words) <= 3 else 3 if len(words) == 1 else 4), order

    best = min(options, key=rank)
    return best, is_question(best)


def sayable(phrases: list[str], frame: Frames) -> list[str]:
    """Phrases that can stand in a frame, longest first: none ending mid-phrase ("you can
    keep the"), none with a number."""
    whole = [p for p in phrases if p.strip() and not DIGIT.search(p) and not _dangles(p, frame)]
    return sorted(whole, key=len, reverse=True)


def _dangles(phrase: str, frame: Frames) -> bool:
    words = phrase.lower().split()
    return bool(frame.separator and words and words[-1] in frame.dangling)


def wrong_versions(sentence: str, fact: PolicyFact, policy: Policy, key: str) -> list[str]:
    found = re.search(rf"(?<![\d.]){re.escape(number(fact.value))}(?![\d.])", sentence)
    if not found:
        return []
    versions = []
    for wrong in (fact.value * 2 + 1, fact.value + 3, fact.value * 3):
        text = sentence[: found.start()] + number(wrong) + sentence[found.end() :]
        if "wrong_number" in findings(text, policy, key):
            versions.append(text)
    return versions[:2]


def question_for(fact: Fact, frame: Frames | None, fits: Callable) -> str | None:
    chosen = best_phrase([p for p in fact.asked_by if fits(p)], frame)
    if chosen is None:
        return None
    phrase, is_question = chosen
    if frame is None:
        return f"{phrase}?"
    if frame.separator and phrase.lower().startswith("the "):
        phrase = phrase[4:]
    return (frame.ask_question if is_question else frame.ask_thing).format(phrase)


def framed_statements(
    fact: PolicyFact, frame: Frames, fits: Callable, policy: Policy, key: str
) -> list[str]:
    template = frame.statement.get(fact.kind)
    unit = frame.units.get(fact.currency or fact.kind, fact.currency or "")
    if template is None:
        return []
    abouts = [a for a in fact.about if fits(a)]
    cues = [c for c in fact.cues if fits(c)]
    for about in abouts[:4]:
        for cue in ["", *cues[:2]]:
            text = template.format(about=cue + about, value=number(fact.value), unit=unit)
            if states_correctly(text, policy, key):
                return [text]
    return []
