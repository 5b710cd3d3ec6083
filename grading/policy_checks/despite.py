"""Acting despite the rule: "although it's past the 48 hours, I've refunded you", "虽然是不可退
的价格，我这边还是给您退了", "I'll make an exception this once: I've cancelled it".

A trainer cannot list every way of breaking a rule, but agents who break one usually say so: they
name the obstacle in a concession ("although", "aunque", "walaupun", "虽然", "رغم") or say they
make an exception ("just this once", "破例", "excepción", "pengecualian", "استثناء"), and then do
or commit to the act. When the act is one a section of the policy restricts (a list it governs
or excludes, a remedy it forbids by concept or in its phrases), that is a forbidden remedy of the
section the concession names: by its words or by one of its figures ("48 hours"). With an
exception and no obstacle named, it is the section when only one restricts that act.
"""

from __future__ import annotations

from collections.abc import Callable

from curricula.policy import Policy, PolicySection
from grading.policy_checks.facts import FactTopic, mentions
from grading.policy_checks.stance import clause_span, cues
from grading.policy_checks.words import Lookup, lookup
from grading.reading import Reading, read
from grading.reading.actions import ACTIONS
from grading.score import Reason
from grading.text import find_phrases, quote

DESPITE_RULE = -35  # as a forbidden remedy
_ACTING = frozenset({"done", "promised", "offered"})

Ref = Callable[[PolicySection], str]


def despite_reasons(reading: Reading, policy: Policy, ref: Ref, chat=None) -> list[Reason]:
    acting = [
        a
        for a in reading.actions
        if a.concept in ACTIONS
        and a.mode in _ACTING
        and a.actor != "customer"
        and not a.negated
        and not a.conditional
    ]
    if not acting:
        return []
    look = lookup(reading, policy)
    reasons: list[Reason] = []
    near = {a.sentence for a in acting} | {a.sentence - 1 for a in acting}
    for i, sentence in enumerate(reading.sentences):
        if i not in near:
            continue
        text = reading.text[sentence.start : sentence.end]
        concession = _says(text, sentence.lang, "concession")
        exception = _says(text, sentence.lang, "exception")
        if not (concession or exception):
            continue
        for act in (a for a in acting if a.sentence in (i, i + 1)):
            restricting = [s for s in policy.sections if act.concept in _restricted(s)]
            if not restricting:
                continue
            span = (sentence.start, sentence.end)
            named = [s for s in restricting if _names(s, look, span, act.concept)]
            if len(named) > 1:
                # "Aunque ya pasaron más de 48 horas, …a su tarjeta", "Ya pasaron las 48 hours
                # pero te hago la excepción: ya te reembolsé… a tu card": the obstacle is what
                # the concession's own clause names, or what stands before the act.
                if concession:
                    before = _concession_clause(reading, sentence)
                else:
                    before = (sentence.start, act.start if act.sentence == i else sentence.end)
                narrowed = [s for s in named if _names(s, look, before, act.concept)]
                named = narrowed or named
            if exception and not named and len(restricting) > 1 and chat:
                # "It's past the usual window, but I'll make an exception": the rule the
                # customer's own words named ("I only noticed three days later").
                named = [s for s in restricting if _named_in_chat(s, chat, act.concept)]
            if len(named) != 1 and not (exception and not named and len(restricting) == 1):
                continue
            section = named[0] if named else restricting[0]
            if any(r.section == ref(section) for r in reasons):
                continue
            said = reading.text[sentence.start : sentence.end].strip()
            reasons.append(
                Reason(
                    kind="forbidden_remedy",
                    text=f"Acts despite the rule (“{_short(said)}”): {_rule(section)}",
                    quote=quote(reading.text, act.start, act.end, sentence=_span(reading, act)),
                    points=DESPITE_RULE,
                    section=ref(section),
                )
            )
            break
    return reasons


def _says(text: str, lang: str, key: str) -> bool:
    return bool(find_phrases(text, cues(lang, key), inflections=True))


_RESTRICTED: dict[int, tuple[PolicySection, frozenset[str]]] = {}


def _restricted(section: PolicySection) -> frozenset[str]:
    """The actions a section restricts: what its lists govern or exclude, the remedies it
    forbids by concept or names in its phrases."""
    cached = _RESTRICTED.get(id(section))
    if cached is not None and cached[0] is section:
        return cached[1]
    found: set[str] = set()
    for rule in section.lists:
        if rule.not_allowed:
            found.update(rule.concepts)
            found.update(item.concept for item in rule.not_allowed if item.concept)
    for remedy in section.forbidden_remedies:
        found.update(remedy.concepts)
        for phrase in remedy.phrases:
            found.update(a.concept for a in read(phrase).actions)
    found &= ACTIONS
    if len(_RESTRICTED) > 1024:
        _RESTRICTED.clear()
    _RESTRICTED[id(section)] = (section, frozenset(found))
    return frozenset(found)


def _concession_clause(reading: Reading, sentence) -> tuple[int, int]:
    """The clause of the sentence that holds its first concession word."""
    text = reading.text[sentence.start : sentence.end]
    found = find_phrases(text, cues(sentence.lang, "concession"), inflections=True)
    if not found:
        return sentence.start, sentence.end
    start = sentence.start + min(a for _, a, _ in found)
    return clause_span(reading, start, start + 1)


def _names(section: PolicySection, look: Lookup, span: tuple[int, int], concept: str) -> bool:
    """True when the span names the section's obstacle: one of its own words (a fact's,
    a list's topic or excluded item), a concept a list excludes other than the act itself, or
    one of its facts' figures."""
    lo, hi = span
    words = [w for fact in section.facts for w in fact.about]  # a cue tells facts apart only
    concepts: list[str] = []
    for rule in section.lists:
        words += rule.about
        for item in rule.not_allowed:
            words += item.words
            if item.concept and item.concept != concept:
                concepts.append(item.concept)
    if any(lo <= s < hi for s, _ in look.topic(tuple(words), tuple(concepts))):
        return True
    reading = look.reading
    for m in mentions(reading):
        if lo <= m.start < hi:
            for fact in section.facts:
                topic = FactTopic(section, fact, look)
                if topic.comparable(m) and topic.is_value(m):
                    return True
    return False


def _named_in_chat(section: PolicySection, chat, concept: str) -> bool:
    """True when an earlier turn names the section's obstacle (its words or figures)."""
    return any(_names(section, look, (0, len(look.reading.text)), concept) for look in chat.looks)


def _rule(section: PolicySection) -> str:
    for remedy in section.forbidden_remedies:
        return remedy.reason
    for rule in section.lists:
        if rule.not_allowed:
            return rule.statement
    return section.title


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _span(reading: Reading, act) -> tuple[int, int] | None:
    if 0 <= act.sentence < len(reading.sentences):
        s = reading.sentences[act.sentence]
        return s.start, s.end
    return None
