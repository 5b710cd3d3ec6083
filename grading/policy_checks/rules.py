"""Promises never to make, remedies not to offer, and lists of what a rule allows.

Each rule is found in two ways: by its concepts (all of them in one sentence, so "I absolutely,
personally guarantee" and "saya jamin seratus persen" are the same promise in any language),
and by the trainer's phrases, by lemma and inflection-tolerant, with a word or two inserted.
Phrases are not widened to the concepts they contain: "partial refund" names a refund, but
forbids only the partial one. A use the writer denies, asks about, quotes
from someone else or makes conditional on the policy's own condition is not a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from curricula.policy import Policy, PolicySection
from grading.policy_checks import stance
from grading.policy_checks.chat import Chat
from grading.policy_checks.words import Lookup, lookup
from grading.reading import Reading
from grading.score import Reason
from grading.text import quote

FORBIDDEN_PROMISE = -35
FORBIDDEN_REMEDY = -35
WRONG_FACT = -40
REPEATS_REPORTED = 3

Ref = Callable[[PolicySection], str]


def rule_hits(
    look: Lookup, phrases: Sequence[str], concepts: Sequence[str], about: Sequence[str] = ()
) -> list[tuple[int, int, int]]:
    """(start, end, sentence) of every place the rule is expressed. With `about`, only in a
    sentence that also holds one of those words, and the span reaches to the nearest one (so a
    negation between them, "退款不一定会马上到", is seen)."""
    if look.quiet or not look.may_hold(_frozen(phrases), _frozen(concepts)):
        return []
    found: set[tuple[int, int]] = set(look.words(phrases))
    if concepts:
        found.update(_together(look.reading, frozenset(concepts)))
    hits = [(s, e, look.sentence_of(s)) for s, e in sorted(found)]
    if not about:
        return hits
    topical: dict[int, list[tuple[int, int]]] = {}
    for s, e in look.words(about):
        topical.setdefault(look.sentence_of(s), []).append((s, e))
    spanned = []
    for start, end, sentence in hits:
        if sentence in topical:
            a, b = min(topical[sentence], key=lambda h: abs(h[0] - start))
            spanned.append((min(start, a), max(end, b), sentence))
    return spanned


_FROZEN: dict[int, tuple[object, frozenset[str]]] = {}


def _frozen(values: Sequence[str]) -> frozenset[str]:
    """A rule's list as a set, made once per list object."""
    cached = _FROZEN.get(id(values))
    if cached is None or cached[0] is not values:
        if len(_FROZEN) > 8192:
            _FROZEN.clear()
        cached = _FROZEN[id(values)] = (values, frozenset(values))
    return cached[1]


def _together(reading: Reading, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of sentences holding every concept of `wanted`, from the first to the last hit."""
    by_sentence: dict[int, dict[str, tuple[int, int]]] = {}
    for hit in reading.concepts:
        if hit.concept in wanted:
            seen = by_sentence.setdefault(hit.sentence, {})
            seen.setdefault(hit.concept, (hit.start, hit.end))
    spans = []
    for found in by_sentence.values():
        if len(found) == len(wanted):
            spans.append((min(s for s, _ in found.values()), max(e for _, e in found.values())))
    return spans


def promise_reasons(reading: Reading, policy: Policy, ref: Ref) -> list[Reason]:
    look = lookup(reading, policy)
    if look.quiet:
        return []  # none of the policy's words and no concept: no rule can be broken
    reasons: list[Reason] = []
    said: set = set()
    for section in policy.sections:
        for rule in section.forbidden_promises:
            hits = rule_hits(look, rule.phrases, rule.concepts, rule.about)
            reasons += _findings(
                reading, hits, section, ref, "forbidden_promise", FORBIDDEN_PROMISE,
                "Promises", rule.reason, stance.IS_PROMISE, rule.phrases, rule.concepts, said,
            )  # fmt: skip
    return reasons


def remedy_reasons(reading: Reading, policy: Policy, chat: Chat, ref: Ref) -> list[Reason]:
    look = lookup(reading, policy)
    if look.quiet:
        return []
    reasons: list[Reason] = []
    said: set = set()
    for section in policy.sections:
        for rule in section.forbidden_remedies:
            hits = rule_hits(look, rule.phrases, rule.concepts)
            if not hits or (rule.unless and _any_item(rule.unless, look, chat)):
                continue
            reasons += _findings(
                reading, hits, section, ref, "forbidden_remedy", FORBIDDEN_REMEDY,
                "Offers", rule.reason, stance.IS_OFFER, rule.phrases, rule.concepts, said,
            )  # fmt: skip
    return reasons


def list_reasons(reading: Reading, policy: Policy, chat: Chat, ref: Ref) -> list[Reason]:
    """A member the list does not allow, said of the list's topic: stated as the rule it is a
    wrong fact, offered or done it is a forbidden remedy."""
    look = lookup(reading, policy)
    reasons: list[Reason] = []
    for section in policy.sections:
        for rule in section.lists:
            if not rule.not_allowed:
                continue
            if rule.unless and _any_item(rule.unless, look, chat):
                continue
            topic = {h[2] for h in rule_hits(look, rule.about, rule.concepts)}
            if not topic:
                continue
            for item in rule.not_allowed:
                hits = [h for h in _item_hits(item, look) if h[2] in topic]
                for start, end, sentence in hits[:1]:
                    # A rule stated under a condition is still the rule ("if you cancel, you
                    # get 50% back"); the list's own exceptions are its `unless`.
                    how = stance.of(reading, start, end) - {"conditional"}
                    if how & stance.NOT_A_CLAIM or stance.denies(reading, sentence):
                        continue  # "swimwear cannot be returned": the denial is on the action
                    acted = stance.acted_on(reading, sentence, rule.concepts)
                    kind, points, verb = (
                        ("forbidden_remedy", -35, "Offers")
                        if acted
                        else ("wrong_fact", WRONG_FACT, "States")
                    )
                    label = item.label or reading.text[start:end]
                    reasons.append(
                        Reason(
                            kind=kind,
                            text=f"{verb} “{label}”, which the policy does not allow: "
                            f"{rule.statement}",
                            quote=_quote(reading, start, end, sentence),
                            points=points,
                            section=ref(section),
                        )
                    )
                    break
    return reasons


def _item_hits(item, look: Lookup) -> list[tuple[int, int, int]]:
    spans = set(look.words(item.words)) | set(look.concepts(_ids(item)))
    return [(s, e, look.sentence_of(s)) for s, e in sorted(spans)]


def _ids(item) -> list[str]:
    return [item.concept] if item.concept else []


def _any_item(items, look: Lookup, chat: Chat) -> bool:
    """True when an item is named, not denied, in the reply or (read only then) the chat."""
    return _named(items, [look]) or (bool(chat) and _named(items, chat.looks))


def _named(items, looks: Sequence[Lookup]) -> bool:
    for item in items:
        for look in looks:
            for start, end, _ in _item_hits(item, look):
                if not stance.of(look.reading, start, end) & {"negated"}:
                    return True
    return False


def _findings(
    reading,
    hits,
    section,
    ref,
    kind,
    points,
    verb,
    reason,
    counts,
    phrases=(),
    concepts=(),
    said_before: set | None = None,
) -> list[Reason]:
    """Findings for one rule's hits. `said_before` holds (section, reason, sentence) already
    reported: the same rule written twice (as phrases and as concepts) is one finding."""
    reasons: list[Reason] = []
    said_before = set() if said_before is None else said_before
    seen: set[int] = set()  # "I guarantee, guaranteed!" is one promise, not two
    for start, end, sentence in hits:
        if len(seen) >= REPEATS_REPORTED:
            break
        if sentence in seen or (section.id, reason, sentence) in said_before:
            continue
        if not counts(stance.of(reading, start, end)):
            continue
        if stance.denied_inside(reading, start, end, phrases):
            continue  # "I can't promise it will arrive" matched "I … promise it will arrive"
        if not stance.committed_at(reading, start, end, concepts, kind):
            continue  # "so I can check where the refund is": the action is not given
        seen.add(sentence)
        said_before.add((section.id, reason, sentence))
        said = reading.text[start:end].strip()
        reasons.append(
            Reason(
                kind=kind,
                text=f"{verb} “{said}”: {reason}",
                quote=_quote(reading, start, end, sentence),
                points=points,
                section=ref(section),
            )
        )
    return reasons


def _quote(reading: Reading, start: int, end: int, sentence: int) -> str:
    span = None
    if 0 <= sentence < len(reading.sentences):
        s = reading.sentences[sentence]
        span = (s.start, s.end)
    return quote(reading.text, start, end, sentence=span)
