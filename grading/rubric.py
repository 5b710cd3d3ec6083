"""One reply, all dimensions: the entry point the practice floor and the QA command call.

What a customer would not see earns nothing: hidden HTML, HTML and Markdown comments, tag
characters and words spelled with invisible characters are masked before empathy and speed
are graded (grading.visibility; the policy reads everything, through the Reading, which drops
invisible characters itself and quotes the reply as written, so a hidden promise still
counts). Hidden text and text addressed to a grader instead of the customer (grading.injection)
are findings, each costing MANIPULATION_COST once. The optional LLM judge refines empathy only;
a failing judge is recorded and the offline grade stands.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from curricula.policy import Policy
from grading.empathy_grader import grade_empathy
from grading.feedback import better_phrasing
from grading.injection import grader_directed
from grading.judge import Judge, JudgeError, apply_verdict, judge_messages
from grading.policy_grader import grade_policy
from grading.reading import read
from grading.score import Dimension, Reason, ReplyGrade, Score, clamp
from grading.speed_grader import grade_speed
from grading.text import SentenceMap, detect_language, quote
from grading.visibility import INVISIBLE_CHARACTER, Visible
from grading.visibility import visible as customer_view

log = logging.getLogger(__name__)

# 3: empathy in five languages, keyword salad and boilerplate earn nothing, only visible text.
GRADER_VERSION = "offline-3"
MANIPULATION_COST = 10


def visible_text(reply: str) -> tuple[str, bool]:
    """The reply as a customer would read it, and whether it hid anything (see
    grading.visibility): hidden text is masked, so it earns nothing."""
    seen = customer_view(reply)
    return seen.text, bool(seen.hidden)


_HIDDEN_WHAT = {
    "html_comment": "an HTML comment",
    "hidden_html": "hidden HTML",
    "markdown_comment": "a Markdown comment",
    "link_title": "a link title",
    "tag_characters": "invisible tag characters",
    "invisible_in_word": "invisible characters inside a word",
}


def _manipulation(reply: str, seen: Visible) -> list[Reason]:
    """Hidden text and text addressed to a grader: each reported once, at today's cost."""
    found = []
    if seen.hidden:
        kind, start, end = min(seen.hidden, key=lambda h: h[1])
        what = ", ".join(_HIDDEN_WHAT.get(k, k) for k in seen.kinds)
        found.append(
            Reason(
                kind="hidden_text",
                text=f"The reply hides text the customer would not see ({what}); hidden text "
                "is not graded.",
                # The tag characters themselves show nothing: quoting them would quote a blank.
                quote=None if kind == "tag_characters" else quote(reply, start, end) or None,
                points=-MANIPULATION_COST,
            )
        )
    text = seen.text
    sentences = SentenceMap(text)
    for index in sorted(grader_directed(text, sentences))[:1]:
        start, end = sentences.spans[index]
        found.append(
            Reason(
                kind="addresses_grader",
                text="This speaks to a grader, not to the customer; it earns nothing and reads as "
                "unprofessional.",
                quote=quote(text, start, end),
                points=-MANIPULATION_COST,
            )
        )
    return found


# What may stand between two characters of a quote in the reply as written and not in what
# the customer sees: a few dropped invisible characters or the markup of an ordinary HTML tag.
# Bounded: a quote is short evidence, not a stretch of thousands of invisible characters.
_QUOTE_GAP = f"(?:{INVISIBLE_CHARACTER.pattern}{{1,16}}|<[^<>]{{0,200}}>){{0,4}}"


def _quoting(score: Score, raw: str, shown: str) -> Score:
    """Quotes taken from the visible text, found again in the reply as written (with the
    invisible characters or tags between their letters), so every quote is the trainee's own
    words; a quote that is not there (it ran over masked text) is dropped."""
    if raw == shown or not any(r.quote for r in score.reasons):
        return score
    reasons = []
    for reason in score.reasons:
        if reason.quote and reason.quote not in raw:
            pattern = _QUOTE_GAP.join(re.escape(ch) for ch in reason.quote[:200])
            found = re.search(pattern, raw)
            reason = reason.model_copy(update={"quote": found.group(0) if found else None})
        reasons.append(reason)
    return score.model_copy(update={"reasons": reasons})


def _with_findings(score: Score, extra: list[Reason]) -> Score:
    if not extra or score.value is None:
        return score
    kept = [r for r in score.reasons if r.kind not in {x.kind for x in extra}]
    value = clamp(score.value + sum(r.points for r in extra))
    return score.model_copy(update={"value": value, "reasons": [*kept, *extra]})


def grade_reply(
    reply: str,
    *,
    policy: Policy | None,
    sla_seconds: float,
    reply_seconds: float | None,
    customer_text: str = "",
    language: str | None = None,
    context: Sequence[tuple[str, str]] = (),
    required_facts: Sequence[str] = (),
    pass_marks: Mapping[str, int] | None = None,
    examples: Sequence[str] = (),
    judge: Judge | None = None,
) -> ReplyGrade:
    """Grade one trainee reply. Never raises: whatever a trainee types, the session goes on."""
    reply = reply if isinstance(reply, str) else ""
    customer_text = customer_text if isinstance(customer_text, str) else ""
    # Hidden text earns no credit, but a violation counts wherever it is written: empathy and
    # speed read what the customer sees, the policy reads everything.
    seen = customer_view(reply)
    shown = seen.text
    # A language the caller names wins (a QA export says what the chat was in); otherwise the
    # suggestion is written in the language the Reading finds in the reply.
    told = language
    language = language or detect_language(shown)
    if policy is None:
        policy_score = Score(
            dimension="policy",
            value=None,
            reasons=[
                Reason(kind="no_policy", text="No policy applies, so accuracy is not graded.")
            ],
        )
    else:
        policy_score = _safely(
            "policy",
            lambda: grade_policy(reply, policy, context=context, required_facts=required_facts),
        )
    empathy = _safely("empathy", lambda: grade_empathy(shown, customer_text, language))
    grade = ReplyGrade(
        empathy=_quoting(_with_findings(empathy, _manipulation(reply, seen)), reply, shown),
        policy=policy_score,
        speed=_safely("speed", lambda: grade_speed(reply_seconds, sla_seconds, shown)),
        grader_version=GRADER_VERSION,
        policy_ref=policy.ref if policy else None,
    )
    if judge is not None:
        grade = _judged(grade, judge, shown, context, policy)
    suggestion = better_phrasing(
        grade,
        pass_marks,
        policy=policy,
        examples=examples,
        language=told,
        context=context,
        reading=read(shown),
    )
    return grade.model_copy(update={"suggestion": suggestion})


def _judged(
    grade: ReplyGrade,
    judge: Judge,
    visible: str,
    context: Sequence[tuple[str, str]],
    policy: Policy | None,
) -> ReplyGrade:
    policy_text = "\n".join(f"{s.title}: {s.text}" for s in policy.sections) if policy else ""
    try:
        verdict = judge.judge(judge_messages(visible, context, policy_text))
    except JudgeError as exc:
        return grade.model_copy(update={"judge_note": f"LLM judge failed: {exc}"})
    except Exception as exc:  # a failing judge is recorded, never raised through the page
        log.exception("the LLM judge failed unexpectedly")
        return grade.model_copy(update={"judge_note": f"LLM judge failed: {exc!r}"})
    return apply_verdict(grade, verdict)


def _safely(dimension: Dimension, grade) -> Score:
    # The graders are tested against hostile text, but a live session must not crash on the
    # one input nobody thought of: that dimension goes ungraded and the error is logged.
    try:
        return grade()
    except Exception:
        log.exception("the %s grader failed on a reply", dimension)
        return Score(
            dimension=dimension,
            value=None,
            reasons=[Reason(kind="grader_error", text="This reply could not be graded here.")],
        )
