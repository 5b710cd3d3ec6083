"""Empathy as observable behaviour: what the reply does, not how long or how polite it is.

Each behaviour earns its points once, so saying "sorry" five times or padding a reply never
raises the score; every dismissive or blaming phrase costs points, because each one lands on
the customer again.
"""

from __future__ import annotations

from bisect import bisect_right

from grading import empathy_lexicon as lex
from grading.injection import grader_directed
from grading.score import Reason, Score, clamp
from grading.text import SentenceMap, detect_language, find_phrase, find_phrases, is_negated, quote

_QUESTION_MARKS = "?？؟"

Span = tuple[int, int]


def grade_empathy(reply: str, customer_text: str = "", language: str | None = None) -> Score:
    reply = reply if isinstance(reply, str) else ""
    customer_text = customer_text if isinstance(customer_text, str) else ""
    language = language or detect_language(reply if reply.strip() else customer_text)
    if not any(ch.isprintable() and not ch.isspace() for ch in reply):
        return Score(
            dimension="empathy",
            value=0,
            reasons=[Reason(kind="empty_reply", text="The reply is empty.", points=-lex.BASE)],
        )
    smap = SentenceMap(reply)
    ignored = grader_directed(reply, smap)
    reasons: list[Reason] = []

    negative_spans: list[Span] = []
    for negative in lex.NEGATIVES:
        for _, start, end in find_phrases(reply, lex.all_phrases(negative.phrases)):
            if is_negated(reply, start, smap.span(start)[0]):
                continue  # "it's not your fault" is the opposite of blame
            negative_spans.append((start, end))
            reasons.append(
                Reason(
                    kind=negative.kind,
                    text=negative.text,
                    quote=quote(reply, start, end, sentence=smap.span(start)),
                    points=lex.NEGATIVE_POINTS,
                )
            )
    blocked = _Intervals(negative_spans)

    matches = {
        b.kind: [
            (s, e)
            for _, s, e in find_phrases(reply, lex.all_phrases(b.phrases))
            if smap.index(s) not in ignored and not blocked.overlaps(s, e)
        ]
        for b in lex.BEHAVIOURS
    }
    for behaviour in lex.BEHAVIOURS:
        others = [matches[k] for k in matches if k != behaviour.kind]
        span = next(
            (
                (s, e)
                for s, e in matches[behaviour.kind]
                # "let me" inside "let me know" is a question, not a promise to act.
                if not any(_contained(s, e, spans) for spans in others)
                and not (behaviour.negatable and is_negated(reply, s, smap.span(s)[0]))
            ),
            None,
        )
        if span is None and behaviour is lex.ASKS:
            span = _question_sentence(reply, smap, ignored, blocked)
        if span is None:
            reasons.append(_missing(behaviour, language, customer_text))
            continue
        reasons.append(
            Reason(
                kind=behaviour.kind,
                text=behaviour.found,
                quote=quote(reply, *span, sentence=smap.span(span[0])),
                points=behaviour.points,
            )
        )
    if ignored:
        first = min(ignored)
        reasons.append(
            Reason(
                kind="addresses_grader",
                text="Text addressed to the grader earns nothing; write to the customer.",
                quote=quote(reply, *smap.spans[first], sentence=smap.spans[first]),
            )
        )
    total = lex.BASE + sum(r.points for r in reasons)
    return Score(dimension="empathy", value=clamp(total), reasons=reasons)


def _question_sentence(
    reply: str, smap: SentenceMap, ignored: set[int], blocked: _Intervals
) -> Span | None:
    """A sentence that ends in a question mark, e.g. "When did it arrive?" or "是哪天收到的？".

    Only the end is quoted: the question mark is what makes it a question.
    """
    for i, (start, end) in enumerate(smap.spans):
        if reply[end - 1] in _QUESTION_MARKS and i not in ignored:
            if blocked.overlaps(start, end):
                continue  # "Can you calm down?" is not interest in the customer
            return (end - 1, end)
    return None


def _missing(behaviour: lex.Behaviour, language: str, customer_text: str) -> Reason:
    text = behaviour.missing
    if behaviour is lex.ACKNOWLEDGES and find_phrase(customer_text, lex.UPSET_MARKERS):
        text = "The customer is upset, and nothing acknowledges how they feel."
    example = behaviour.examples.get(language) or behaviour.examples.get("en")
    if example:
        text = f"{text} For example: “{example}”"
    return Reason(kind=behaviour.missing_kind, text=text)


def _contained(start: int, end: int, spans: list[Span]) -> bool:
    """Whether a longer match in `spans` (non-overlapping, sorted) covers [start, end)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][1] >= end and spans[i][1] - spans[i][0] > end - start


class _Intervals:
    """Merged, sorted spans for fast overlap tests on long replies."""

    def __init__(self, spans: list[Span]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start
