"""Steps that must come first: an action taken before the agent did the step is a finding.

An action counts when the agent does it, has done it or commits to it ("I've cancelled",
"ya le reembolsé", "dananya sudah dikembalikan", "تم استرداد المبلغ", "退款这边已经给您操作好了"),
not when it only asks ("shall I go ahead?" is the confirmation the step waits for), makes it
conditional ("once you give me the code, I'll refund"), puts it off, refuses it or explains the
rule. The step counts as done only when the agent did it: named its items in an earlier turn
(asked for them, read them back) or said in this reply, before the action, that they check
out. An identifier the customer typed is not verification, and naming the step to put it off
("I'll verify your account later") is not doing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from curricula.policy import Item, Policy, PolicySection, RequiredStep
from grading.policy_checks.chat import AGENT_ROLES, Chat
from grading.policy_checks.stance import cues
from grading.policy_checks.words import Lookup, concepts_of, lookup
from grading.reading import Action, Reading
from grading.score import Reason
from grading.text import find_phrases, quote

SKIPPED_STEP = -40  # below every default pass mark: skipping verification fails the reply
_COMMITTED = frozenset({"done", "offered", "promised"})

Ref = Callable[[PolicySection], str]


def step_reasons(
    reading: Reading,
    policy: Policy,
    chat: Chat,
    ref: Ref,
) -> list[Reason]:
    reasons: list[Reason] = []
    look = lookup(reading, policy)
    for section in policy.sections:
        for step in section.required_steps:
            gated, words, alternatives = _plan(step)
            action = _first_action(look, gated, words)
            if action is None:
                continue
            # Done by the agent in an earlier turn (read only now that an action needs it).
            if chat and (
                any(_satisfied(alt, chat.agent_looks) for alt in alternatives)
                or _verified_earlier(chat)
            ):
                continue
            start, end, sentence = action
            if _verified_before(look, alternatives, start):
                continue
            if chat and _answer_checked(reading, chat, start):
                continue
            if _waits_for_items(look, alternatives, start):
                continue
            said = reading.text[start:end].strip()
            span = reading.sentences[sentence] if 0 <= sentence < len(reading.sentences) else None
            reasons.append(
                Reason(
                    kind="skipped_step",
                    text=f"“{said}” comes before the step “{step.id}”: {step.reason}",
                    quote=quote(
                        reading.text, start, end, sentence=(span.start, span.end) if span else None
                    ),
                    points=SKIPPED_STEP,
                    section=ref(section),
                )
            )
    return reasons


_PLANS: dict[int, tuple[RequiredStep, tuple]] = {}


def _plan(step: RequiredStep) -> tuple[frozenset[str], list[str], list[list[Item]]]:
    """The step's gated concepts, leftover words and alternatives, worked out once per step."""
    cached = _PLANS.get(id(step))
    if cached is None or cached[0] is not step:
        if len(_PLANS) > 1024:
            _PLANS.clear()
        cached = _PLANS[id(step)] = (step, (*_gated(step), _alternatives(step)))
    return cached[1]


def _gated(step: RequiredStep) -> tuple[frozenset[str], list[str]]:
    """The action concepts the step comes before, and v1 words no concept covers."""
    concepts = set(step.actions)
    words = []
    for word in step.before:
        meant, covered = concepts_of(word)
        if covered:
            concepts |= meant
        else:
            words.append(word)
    return frozenset(concepts), words


def _alternatives(step: RequiredStep) -> list[list[Item]]:
    """Ways to do the step, each a list of items that must all be there."""
    alternatives = [list(alt) for alt in step.any_of]
    for word in step.done_by:
        meant, covered = concepts_of(word)
        if covered and len(meant) == 1:
            alternatives.append([Item(concept=next(iter(meant)))])
        else:
            alternatives.append([Item(words=[word])])
    return alternatives


def _item_spans(item: Item, look: Lookup) -> list[tuple[int, int]]:
    spans = list(look.words(item.words)) if item.words else []
    if item.concept:
        spans += look.concepts([item.concept])
    return spans


def _satisfied(alternative: list[Item], turns: Sequence[Lookup]) -> bool:
    return all(any(_item_spans(item, turn) for turn in turns) for item in alternative)


def _first_action(
    look: Lookup, gated: frozenset[str], words: list[str]
) -> tuple[int, int, int] | None:
    reading = look.reading
    taken = [a for a in reading.actions if a.concept in gated and _committed(a)]
    if taken:
        a = min(taken, key=lambda a: a.start)
        return a.start, a.end, a.sentence
    if not words:
        return None
    # Words the lexicon does not know: an action the Reading found at the same place decides.
    for start, end in look.words(words):
        for a in reading.actions:
            if a.start < end and start < a.end and _committed(a):
                return start, end, a.sentence
    return None


def _verified_earlier(chat: Chat) -> bool:
    """An earlier agent turn reported the check as passed ("your identity is verified", "the
    code matches", "تم التحقق من هويتك")."""
    return any(
        a.concept == "verify" and a.mode == "done" and not a.negated and a.actor != "customer"
        for look in chat.agent_looks
        for a in look.reading.actions
    )


def _answer_checked(reading: Reading, chat: Chat, pos: int) -> bool:
    """The agent's last turn asked for something, the customer answered, and this reply says
    before the action that the answer checks out ("Thanks, the code matches. I've cancelled
    it"): the step was done with words the policy does not list ("the code we sent to your
    inbox")."""
    turns = [role for role, _ in chat.readings]
    if len(turns) < 2 or turns[-1] != "customer":
        return False
    asked = next(
        (r for role, r in reversed(chat.readings) if role in AGENT_ROLES),
        None,
    )
    if asked is None or not any(s.question or _requests(asked, s) for s in asked.sentences):
        return False
    statements = [s for s in reading.sentences if s.start < pos and not s.question]
    return bool(statements) and _says_verified(reading, statements)


def _waits_for_items(look: Lookup, alternatives: list[list[Item]], pos: int) -> bool:
    """An offer followed by asking for a yes ("I can add credit… Shall I go ahead?") or for the
    step's items, or a commitment followed by asking for them "first" ("I'll help you dispute
    it. First, could you read me the code?"): the act waits for the answer. A commitment asked
    about only afterwards ("I'll refund you now. What's your order number?") and an act
    reported as done do not."""
    reading = look.reading
    action = next((a for a in reading.actions if a.start == pos), None)
    if action is None or action.mode not in ("offered", "promised"):
        return False
    later = [s for s in reading.sentences if s.start > pos]
    if action.mode == "offered" and any(s.question and _says(reading, s, "asking") for s in later):
        return True
    if action.mode == "promised" and not any(_says(reading, s, "first_step") for s in later):
        return False
    return _asked_first(look, alternatives, len(reading.text) + 1)


def _says(reading: Reading, sentence, key: str) -> bool:
    text = reading.text[sentence.start : sentence.end]
    return bool(find_phrases(text, cues(sentence.lang, key), inflections=True))


def _committed(action: Action) -> bool:
    # Only the agent's own act waits for the step: "El banco te reembolsa en 5 días", "Apple
    # will refund you" are someone else's.
    return (
        action.mode in _COMMITTED
        and action.actor == "agent"
        and not action.negated
        and not action.conditional
    )


def _verified_before(look: Lookup, alternatives: list[list[Item]], pos: int) -> bool:
    """True when this reply says, before `pos`, that the step's items check out, or that the
    agent verified (not asked, not deferred)."""
    reading = look.reading
    for a in reading.actions:
        if a.concept == "verify" and a.start < pos and a.mode == "done" and not a.negated:
            return True
    if _asked_first(look, alternatives, pos):
        return True
    statements = [s for s in reading.sentences if s.start < pos and not s.question]
    if not statements:
        return False
    for alternative in alternatives:
        if all(
            any(
                start < pos and any(s.start <= start < s.end for s in statements)
                for start, _ in _item_spans(item, look)
            )
            for item in alternative
        ) and _says_verified(reading, statements):
            return True
    return False


def _asked_first(look: Lookup, alternatives: list[list[Item]], pos: int) -> bool:
    """True when the agent asks for the step's items before the action or in its sentence:
    "Could you share your order number? Then I'll refund you", "为了给您办理退款，麻烦您提供一下
    订单号". The action then waits for the answer."""
    reading = look.reading
    sentence = look.sentence_of(pos)
    sentences = reading.sentences
    asks = [
        (s.start < pos or i == sentence) and (s.question or _requests(reading, s))
        for i, s in enumerate(sentences)
    ]
    # A question right after the sentence naming the items asks for them too: "I've sent a
    # code to your phone. Could you read it back to me?"
    asked = [
        (s.start, s.end)
        for i, s in enumerate(sentences)
        if asks[i] or (i + 1 < len(sentences) and asks[i + 1] and sentences[i + 1].question)
    ]
    if not asked:
        return False
    return any(
        all(
            any(any(lo <= start < hi for lo, hi in asked) for start, _ in _item_spans(item, look))
            for item in alternative
        )
        for alternative in alternatives
    )


def _requests(reading: Reading, sentence) -> bool:
    """A request for something: "please send me…", "麻烦您把订单号发给我", "mohon kirim…"."""
    text = reading.text[sentence.start : sentence.end]
    return bool(find_phrases(text, cues(sentence.lang, "request"), inflections=True))


def _says_verified(reading: Reading, statements) -> bool:
    """A sentence saying the details match ("that matches", "验证通过", "sesuai", "مطابق")."""
    return any(
        find_phrases(reading.text[s.start : s.end], cues(s.lang, "verified"), inflections=True)
        for s in statements
    )
