"""Promises never to make, remedies not to offer, and lists of what a rule allows.

Each rule is found in two ways: by its concepts (all of them in one sentence, so "I absolutely,
personally guarantee" and "saya jamin seratus persen" are the same promise in any language),
and by the trainer's phrases, by lemma and inflection-tolerant, with a word or two inserted.
Phrases are not widened to the concepts they contain: "partial refund" names a refund, but
forbids only the partial one. A use the writer denies, asks about, quotes
from someone else or makes conditional on the policy's own condition is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from curricula.policy import Policy, PolicySection
from grading.policy_checks import stance
from grading.policy_checks.chat import Chat
from grading.policy_checks.words import Lookup, lookup
from grading.reading import Reading
from grading.score import Reason
from grading.text import find_phrases, quote

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
            if not hits:
                hits = _outcome_hits(look, rule)
            reasons += _findings(
                reading, hits, section, ref, "forbidden_promise", FORBIDDEN_PROMISE,
                "Promises", rule.reason, stance.IS_PROMISE, rule.phrases, rule.concepts, said,
            )  # fmt: skip
    return reasons


# Words that make a statement about the future a guess, not a promise.
_HEDGES = (
    "may", "might", "usually", "normally", "typically", "probably", "likely", "hopefully",
    "should", "could", "puede que", "quizás", "quizá", "tal vez", "normalmente", "probablemente",
    "mungkin", "biasanya", "semoga", "可能", "一般", "通常", "也许", "希望", "ربما", "عادة",
    "غالبا", "إن شاء الله", "ان شاء الله",
)  # fmt: skip


def _outcome_hits(look: Lookup, rule) -> list[tuple[int, int, int]]:
    """A promised outcome said without the word "guarantee": for a rule of `guarantee` and an
    outcome (approved, never-again…), a sentence that states the outcome as what will happen
    ("your waiver will be approved", "您的申请会通过的", "se la van a aprobar") is the promise."""
    wanted = frozenset(rule.concepts) - {"guarantee"}
    if "guarantee" not in rule.concepts or not wanted or not wanted <= look.found_concepts:
        return []
    reading = look.reading
    if rule.about:
        topical = {look.sentence_of(s) for s, _ in look.words(rule.about)}
    hits = []
    for start, end in _together(reading, wanted):
        sentence = look.sentence_of(start)
        if rule.about and sentence not in topical:
            continue
        promised = [
            a
            for a in reading.actions
            if a.sentence == sentence and a.concept in wanted and a.start >= start and a.end <= end
        ]
        if not promised or any(a.mode != "promised" or a.negated for a in promised):
            continue
        s = reading.sentences[sentence]
        if find_phrases(reading.text[s.start : s.end], _HEDGES):
            continue
        hits.append((start, end, sentence))
    return hits


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
    wrong fact, offered or done it is a forbidden remedy.

    A list of where money goes is closed: a destination (cash, an e-wallet, another person's
    card…) that none of its allowed members names is not allowed either, whether or not the
    trainer thought to list it. Money sent somewhere in a sentence that names no list's topic
    ("Ya te mandé los 16 USD a tu Venmo") is judged against every such list: a destination none
    of them allows is a finding."""
    look = lookup(reading, policy)
    reasons: list[Reason] = []
    on_topic: set[int] = set()
    for section in policy.sections:
        for rule in section.lists:
            topic_hits = rule_hits(look, rule.about, rule.concepts)
            on_topic.update(h[2] for h in topic_hits)
            if not rule.not_allowed and not _is_destination_list(rule):
                continue
            if rule.unless and _any_item(rule.unless, look, chat):
                continue
            if not topic_hits and not rule.concepts:
                # Topic words the reply does not use ("si cancelas late" for "cancel late"):
                # the section's own concepts ("cancel") name the topic as well, for a member
                # the list names in words of its own.
                topic_hits = _section_topic(look, section, rule)
            topic = {h[2] for h in topic_hits}
            if not topic:
                continue
            for label, start, end, sentence in _unallowed(rule, look, reading, topic_hits):
                reason = _list_finding(
                    reading, rule, section, ref, label, start, end, sentence,
                    topic=look.words(rule.about) if rule.about else (), hits=topic_hits,
                )  # fmt: skip
                if reason is not None:
                    reasons.append(reason)
                    break
    reasons += _money_sent(reading, policy, look, chat, ref, on_topic)
    return reasons


def _section_topic(look: Lookup, section, rule) -> list[tuple[int, int, int]]:
    """Sentences naming a concept of the section's facts, when one of the list's own-worded
    not-allowed members stands there too."""
    concepts = {c for fact in section.facts for c in fact.concepts}
    if not concepts or not any(item.words for item in rule.not_allowed):
        return []
    worded = {
        look.sentence_of(s)
        for item in rule.not_allowed
        if item.words
        for s, _ in look.words(item.words)
    }
    return [
        (s, e, look.sentence_of(s))
        for s, e in look.concepts(tuple(sorted(concepts)))
        if look.sentence_of(s) in worded
    ]


def _list_finding(
    reading, rule, section, ref, label, start, end, sentence, sent=False, topic=(), hits=None
):
    # A rule stated under a condition is still the rule ("if you cancel, you get 50% back");
    # the list's own exceptions are its `unless`.
    how = stance.of(reading, start, end) - {"conditional"}
    # A negation inside the list's own topic words ("at no extra cost") denies nothing; only
    # its words, not its concepts: "no refund" still denies the refund.
    # A negation counts in the member's clause and in the clauses naming the list's topic.
    clauses = None
    if hits is not None:
        clauses = [stance.clause_span(reading, start, end)] + [
            stance.clause_span(reading, a, b) for a, b, s in hits if s == sentence
        ]
        # "Not possible under this policy: a refund in cash": a colon hands on its clause.
        text = reading.text
        for lo, _ in list(clauses):
            at = lo - 1
            while at >= 0 and text[at].isspace():
                at -= 1
            if at >= 0 and text[at] in ":：":
                clauses.append(stance.clause_span(reading, at, at))
    if how & stance.NOT_A_CLAIM or stance.denies(reading, sentence, (start, end), topic, clauses):
        return None  # "swimwear cannot be returned": the denial is on the action
    acted = sent or stance.acted_on(reading, sentence, rule.concepts)
    kind, points, verb = (
        ("forbidden_remedy", -35, "Offers") if acted else ("wrong_fact", WRONG_FACT, "States")
    )
    return Reason(
        kind=kind,
        text=f"{verb} “{label}”, which the policy does not allow: {rule.statement}",
        quote=_quote(reading, start, end, sentence),
        points=points,
        section=ref(section),
    )


# Where money can go. A list naming any of them as a member is a list of destinations.
DESTINATIONS = frozenset(
    {"cash", "original-payment", "other-account", "bank-transfer", "e-wallet", "store-credit",
     "gift-card"}
)  # fmt: skip
_DESTINATION_NAMES = {
    "cash": "cash",
    "original-payment": "the original payment method",
    "other-account": "another person's card or account",
    "bank-transfer": "a bank transfer",
    "e-wallet": "an e-wallet",
    "store-credit": "store credit",
    "gift-card": "a gift card",
}


# Destinations no one names for the money's own way back: "masuk ke rekening" (into your account)
# may well be where it came from, cash or an e-wallet or another person's card are not.
_PLAIN_DESTINATIONS = frozenset({"cash", "other-account", "e-wallet", "gift-card"})


def _is_destination_list(rule) -> bool:
    return any(item.concept in DESTINATIONS for item in (*rule.allowed, *rule.not_allowed))


def _unallowed(rule, look: Lookup, reading: Reading, topic_hits):
    """(label, start, end, sentence) of the not-allowed members named in topic sentences, and
    for a destination list of every destination no allowed member covers, first one first."""
    topic = {h[2] for h in topic_hits}
    found = []
    destinations = _is_destination_list(rule)
    for item in rule.not_allowed:
        hits = [h for h in _item_hits(item, look) if h[2] in topic]
        if destinations and item.concept in DESTINATIONS:
            hits = [h for h in hits if not paid_with(reading, h[0], h[1])]
        if hits:
            start, end, sentence = hits[0]
            found.append((start, item.label or reading.text[start:end], end, sentence))
    if destinations:
        allowed = [h for item in rule.allowed for h in _item_hits(item, look) if h[2] in topic]
        listed = {item.concept for item in (*rule.allowed, *rule.not_allowed)}
        # The topic's own words are not a destination ("رصيد مؤقت" is the credit itself).
        covered = [(a, b) for a, b, _ in (*allowed, *topic_hits)]
        for hit in reading.concepts:
            if hit.concept not in DESTINATIONS or hit.concept in listed:
                continue
            if hit.sentence not in topic:
                continue
            if hit.concept != "other-account" and any(
                a <= hit.start and hit.end <= b for a, b in covered
            ):
                # inside an allowed member's words: "back to your Bitebox wallet"; someone
                # else's card stays someone else's inside "to your … card"
                continue
            if paid_with(reading, hit.start, hit.end):
                continue
            found.append((hit.start, _DESTINATION_NAMES[hit.concept], hit.end, hit.sentence))
    found.sort()
    return [(label, start, end, sentence) for start, label, end, sentence in found]


# How the customer paid is not where money goes: "como pagaste cash on delivery", "you paid by
# PayPal", "您是用支付宝付的款", "bayar tunai di tempat", "دفعت كاش".
_PAID_BEFORE = re.compile(
    r"(?:\b(?:paid|pay|paying|pagaste|pagó|pagado|pagar|pagaron|bayar|dibayar|membayar)\b"
    r"|付款|支付|付的|دفعت|دفع)[^,.;:!?，。；：！？،]{0,24}$",
    re.IGNORECASE,
)
_PAID_AFTER = re.compile(
    r"\s*(?:on delivery|contra ?entrega|di tempat|付款|支付|付的|عند الاستلام)", re.IGNORECASE
)


def paid_with(reading: Reading, start: int, end: int) -> bool:
    """True when the words at [start, end) say how the customer paid, not where money goes."""
    text = reading.text
    if _PAID_AFTER.match(text, end):
        return True
    before = _PAID_BEFORE.search(text, max(0, start - 40), start)
    # "paid to you in cash", "paid out", "paid back": money going to the customer
    return before is not None and not _PAID_OUT.search(before.group())


_PAID_OUT = re.compile(r"\b(?:to you|out|back)\b|给您|给你", re.IGNORECASE)


def _money_sent(reading: Reading, policy: Policy, look: Lookup, chat: Chat, ref, on_topic):
    """Findings for money sent to a destination no destination list of the policy allows, in
    sentences that name an amount but no list's topic."""
    lists = [
        (section, rule)
        for section in policy.sections
        for rule in section.lists
        if _is_destination_list(rule) and not (rule.unless and _any_item(rule.unless, look, chat))
    ]
    if not lists:
        return []
    moved = {q.sentence for q in reading.quantities if q.unit == "currency"}
    moved.update(h.sentence for h in reading.concepts if h.concept == "money")
    moved -= on_topic
    for hit in reading.concepts:
        if hit.sentence not in moved or hit.concept not in _PLAIN_DESTINATIONS:
            continue
        if any(_allows(rule, hit.concept) for _, rule in lists):
            continue
        if paid_with(reading, hit.start, hit.end):
            continue
        section, rule = next(
            ((s, r) for s, r in lists if any(i.concept == hit.concept for i in r.not_allowed)),
            lists[0],
        )
        reason = _list_finding(
            reading, rule, section, ref, _DESTINATION_NAMES[hit.concept], hit.start, hit.end,
            hit.sentence, sent=_sent(reading, hit.sentence),
        )  # fmt: skip
        if reason is not None:
            return [reason]
    return []


def _allows(rule, concept: str) -> bool:
    return any(item.concept == concept for item in rule.allowed)


def _sent(reading: Reading, sentence: int) -> bool:
    """True when the sentence reports or offers the agent's own doing ("ya te mandé",
    "已经给您转过去了", "I'll send"), not a rule."""
    if stance.acted_on(reading, sentence, ()):
        return True
    s = reading.sentences[sentence]
    text = reading.text[s.start : s.end]
    return any(
        find_phrases(text, stance.cues(s.lang, mode)) for mode in ("done", "offered", "promised")
    )


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
