"""How far QA reviewers agree with the automatic grader: per dimension, per language, and for
empathy graded with the LLM judge, whether the judge brought the grade nearer to the reviewers.

Only the override that counts (the newest per reply and dimension) is compared, with the
automatic score it overruled. A grade the grader could not give (None) is left out. The
difference is taken as override minus automatic score: a positive mean means the reviewers
score higher than the grader (the grader is too harsh), a negative one that it is too lenient.

A judged empathy grade is the blend of the offline score and the judge's; the judge's reason
records how many points it moved the score, so the offline score is known too, and the view
compares the reviewers with both on the same replies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from counterpart.storage.records import User
from counterpart.storage.review_queries import OverrideFact, counting_overrides
from counterpart.storage.store import Store
from counterpart.summary import DIMENSIONS
from counterpart.visibility import visible_teams
from curricula.library import Library

WITHIN = 10  # points: near enough to count as agreeing
# Lower bounds of the score bands QA speaks in: poor, fair, good, excellent. 85 is where the
# industry starts escalating on satisfaction, and so where "excellent" begins.
BANDS = (0, 50, 70, 85)
UNKNOWN_LANGUAGE = "?"
JUDGE_REASON = "judge"


def band(score: int) -> int:
    """The index of the band a 0-100 score falls in."""
    return max(i for i, lower in enumerate(BANDS) if score >= lower)


@dataclass(frozen=True)
class Agreement:
    count: int
    mean_absolute: float | None  # mean |override - automatic|
    within: float | None  # share of pairs at most WITHIN points apart
    mean_signed: float | None  # mean (override - automatic): > 0 the grader is too harsh
    same_band: float | None  # share of pairs in the same band


def agreement(pairs: Iterable[tuple[int, int]]) -> Agreement:
    """Agreement of (override, automatic) pairs."""
    pairs = list(pairs)
    if not pairs:
        return Agreement(0, None, None, None, None)
    n = len(pairs)
    differences = [override - automatic for override, automatic in pairs]
    return Agreement(
        count=n,
        mean_absolute=sum(abs(d) for d in differences) / n,
        within=sum(abs(d) <= WITHIN for d in differences) / n,
        mean_signed=sum(differences) / n,
        same_band=sum(band(o) == band(a) for o, a in pairs) / n,
    )


@dataclass(frozen=True)
class JudgeCalibration:
    """Empathy overrides on replies graded with the judge, against the judged score and the
    offline score of the same replies; and, for comparison, on replies graded without it."""

    judged: Agreement
    offline_of_judged: Agreement
    unjudged: Agreement


@dataclass(frozen=True)
class Calibration:
    by_dimension: dict[str, Agreement]  # every dimension, counted or not
    by_language: dict[tuple[str, str], Agreement]  # (dimension, language) with overrides
    judge: JudgeCalibration | None  # None when no judged reply was overruled


def offline_score(fact: OverrideFact) -> int | None:
    """The empathy the offline grader gave before the judge moved it; None when the grade
    was not judged."""
    moved = [r for r in fact.reasons if r.get("kind") == JUDGE_REASON]
    if not moved or fact.automatic_score is None:
        return None
    return fact.automatic_score - sum(int(r.get("points", 0)) for r in moved)


def _language(fact: OverrideFact, library: Library) -> str:
    if fact.language:
        return fact.language
    persona = library.personas.get(fact.persona_id)
    return persona.language if persona else UNKNOWN_LANGUAGE


def calibrate(facts: list[OverrideFact], library: Library) -> Calibration:
    compared = [f for f in facts if f.automatic_score is not None]
    per_dimension: dict[str, list[tuple[int, int]]] = {d: [] for d in DIMENSIONS}
    per_language: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    judged, offline, unjudged = [], [], []
    for fact in compared:
        pair = (fact.score, fact.automatic_score)
        per_dimension.setdefault(fact.dimension, []).append(pair)
        per_language[(fact.dimension, _language(fact, library))].append(pair)
        if fact.dimension == "empathy":
            before = offline_score(fact)
            if before is None:
                unjudged.append(pair)
            else:
                judged.append(pair)
                offline.append((fact.score, before))
    judge = None
    if judged:
        judge = JudgeCalibration(agreement(judged), agreement(offline), agreement(unjudged))
    return Calibration(
        {d: agreement(p) for d, p in per_dimension.items()},
        {key: agreement(p) for key, p in sorted(per_language.items())},
        judge,
    )


def calibration(store: Store, library: Library, viewer: User) -> Calibration:
    """Agreement of the overrides of the trainees the viewer may see with the grader. Raises
    NotVisible for roles that see no one else's practice."""
    return calibrate(counting_overrides(store, visible_teams(store, viewer)), library)


def calibration_rows(result: Calibration) -> list[dict[str, object]]:
    """One flat row per dimension and per (dimension, language), for a table or a CSV."""
    rows = []
    groups = [((d, ""), a) for d, a in result.by_dimension.items()]
    groups += list(result.by_language.items())
    for (dimension, language), a in groups:
        rows.append(
            {
                "dimension": dimension,
                "language": language,
                "count": a.count,
                "mean_absolute_difference": _round(a.mean_absolute),
                "within_10": _round(a.within),
                "mean_signed_difference": _round(a.mean_signed),
                "same_band": _round(a.same_band),
            }
        )
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
