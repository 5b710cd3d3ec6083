"""Policy accuracy: do a reply's numbers, promises, remedies and steps follow the typed policy?

A reply starts fully correct and loses points only for what it actually says, read once into
the shared Reading (language per sentence, lemmas, quantities with unit and stance, actions
with their mode). We stay silent whenever we cannot be sure: a false finding against a correct
agent costs more trust than a missed one. Every finding quotes the reply as written and names
the policy section and version.

The checks live in grading/policy_checks: numbers against facts, promises, remedies and lists,
required steps.
"""

from __future__ import annotations

from collections.abc import Sequence

from curricula.policy import Policy, PolicySection
from grading.policy_checks.chat import AGENT_ROLES, Chat
from grading.policy_checks.despite import despite_reasons
from grading.policy_checks.facts import number_reasons
from grading.policy_checks.rules import list_reasons, promise_reasons, remedy_reasons
from grading.policy_checks.steps import step_reasons
from grading.policy_checks.unlimited import unlimited_reasons
from grading.reading import Reading, read
from grading.score import Reason, Score, clamp

MISSING_FACT = -15
_CONTEXT_TURNS = 40  # earlier turns looked at; a chat longer than this is summarised anyway


def section_ref(policy: Policy, section: PolicySection) -> str:
    return f"{policy.id}#{section.id}@{policy.version}"


def grade_policy(
    reply: str,
    policy: Policy,
    context: Sequence[tuple[str, str]] = (),
    required_facts: Sequence[str] = (),
    reading: Reading | None = None,
) -> Score:
    """Grade one reply against one policy version.

    `context` holds the earlier turns as (role, text), role "customer", "agent" or "trainee": a
    required step the agent did there, or a customer word that tells two facts apart, counts.
    With `required_facts` (fact keys), a fact the lesson expects that is stated correctly neither
    in the reply nor in an earlier agent turn is a smaller "missing_fact" finding. Pass the
    `reading` of the reply when it is already made.
    """
    reply = reply if isinstance(reply, str) else ""
    reading = reading if reading is not None and reading.text == reply else read(reply)
    chat = Chat(_clean_context(context), policy)

    def ref(section: PolicySection) -> str:
        return section_ref(policy, section)

    numbers, stated = number_reasons(reading, policy, chat, ref)
    numbers += unlimited_reasons(reading, policy, ref, stated)
    promises = promise_reasons(reading, policy, ref)
    remedies = remedy_reasons(reading, policy, chat, ref)
    # A remedy the section's list forbids and the same remedy among its forbidden phrases are
    # one mistake: the list's finding gives way.
    taken = {(r.section, r.quote) for r in (*promises, *remedies)}
    lists = [
        r for r in list_reasons(reading, policy, chat, ref) if (r.section, r.quote) not in taken
    ]
    # Acting despite a rule the reply itself names: one finding per section, after any other
    # remedy or list finding of that section.
    said = {r.section for r in (*remedies, *lists)}
    despite = [r for r in despite_reasons(reading, policy, ref, chat) if r.section not in said]
    reasons = [
        *numbers, *lists, *promises, *remedies, *despite,
        *step_reasons(reading, policy, chat, ref),
    ]  # fmt: skip
    if required_facts:
        reasons += _missing_facts(policy, required_facts, stated, chat, ref)
    if not reasons:
        # Every score carries at least one reason, so a trainee sees why it is 100.
        reasons = [
            Reason(
                kind="no_policy_claims",
                text="States no policy number and makes no promise the policy forbids.",
            )
        ]
    total = 100 + sum(r.points for r in reasons)
    return Score(dimension="policy", value=clamp(total), reasons=reasons)


def _clean_context(context: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    turns = []
    for turn in list(context or ())[-_CONTEXT_TURNS:]:
        if isinstance(turn, Sequence) and not isinstance(turn, str) and len(turn) == 2:
            role, text = turn
            if isinstance(role, str) and isinstance(text, str) and text:
                turns.append((role.strip().lower(), text))
    return turns


def _missing_facts(policy, required, stated, chat: Chat, ref) -> list[Reason]:
    stated = set(stated)
    missing = [key for key in dict.fromkeys(required) if key not in stated]
    if missing:
        for role, turn in chat.readings:
            if role in AGENT_ROLES:
                stated |= number_reasons(turn, policy, Chat([], policy), ref)[1]
    reasons = []
    for key in missing:
        found = policy.fact(key)
        if found is None or key in stated:
            continue  # a key this policy version does not have: nothing to hold the trainee to
        section, fact = found
        reasons.append(
            Reason(
                kind="missing_fact",
                text=f"Does not tell the customer: {fact.statement}",
                points=MISSING_FACT,
                section=ref(section),
            )
        )
    return reasons
