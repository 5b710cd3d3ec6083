"""The concept ids a policy names, checked against the grader's lexicons.

A policy names concepts (refund, guarantee, order-number…) whose words in every language live in
the lexicons under grading/. The content models sit below the grader and may not import it, so
the library loader takes this check as a function, and every place that loads content for the
app or for `counterpart validate` passes it (see `counterpart.content_folders`).
"""

from __future__ import annotations

import difflib

from curricula.library import PolicyChecks
from curricula.policy import Policy
from personas.source import ContentError, ContentProblem

LEXICON_MODULE = "grading.reading.lexicon"


def known_concepts() -> frozenset[str] | None:
    """Every concept id the lexicons define (shipped and the trainer's extra folder), or None
    while no lexicon is installed. Raises ContentError when a lexicon file is broken."""
    try:
        from grading.reading.lexicon import concept_ids
    except ModuleNotFoundError as exc:
        if exc.name != LEXICON_MODULE:
            raise
        return None
    return frozenset(concept_ids())


def _where(loc: tuple) -> str:
    """("sections", 2, "forbidden_promises", 0, "concepts", 1) -> the list it stands in:
    sections[2].forbidden_promises[0].concepts"""
    if loc and isinstance(loc[-1], int):
        loc = loc[:-1]
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def unknown_concept(concept: str, loc: tuple, known: frozenset[str]) -> str:
    near = difflib.get_close_matches(concept, sorted(known), n=1)
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    return (
        f"unknown concept '{concept}' in {_where(loc)}{hint}; "
        f"known concepts: {', '.join(sorted(known))}"
    )


def concept_checks(known: frozenset[str]) -> PolicyChecks:
    """The check the library loader runs on each policy: every concept id must be known."""

    def check(policy: Policy) -> list[tuple[tuple, str]]:
        return [
            (loc, unknown_concept(concept, loc, known))
            for loc, concept in policy.concept_references()
            if concept not in known
        ]

    return check


def policy_checks() -> tuple[PolicyChecks | None, list[ContentProblem]]:
    """The check to load policies with, and the problems of the lexicons themselves (a broken
    lexicon is reported, and the policies are then loaded without the concept check)."""
    try:
        known = known_concepts()
    except ContentError as exc:
        return None, list(exc.problems)
    return (concept_checks(known) if known is not None else None), []
