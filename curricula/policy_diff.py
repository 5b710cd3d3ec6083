"""What a new policy version changes, and which lessons and certificates that touches.

Sections are compared by id. A trainer reads the details; certification reads only which
section ids changed, so a certificate needs a refresh only when a section it rests on did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from curricula.curriculum import Curriculum, ExamScenario, GradingExercise, Lesson
from curricula.policy import Policy
from curricula.section_details import fact_value, section_details
from personas.model import Persona


@dataclass(frozen=True)
class SectionChange:
    section_id: str
    change: Literal["added", "removed", "changed"]
    details: list[str] = field(default_factory=list)  # short lines, e.g. "refund_days: 5 -> 7 days"


def changed_sections(old: Policy, new: Policy) -> list[SectionChange]:
    """Sections added, removed or changed from `old` to `new`; empty when no rule differs.

    Changed means anything a trainee or the grader sees: title, text, facts, forbidden promises
    and remedies, required steps (a new title alone counts, and says so). A section that differs
    only in ways the details cannot name (list order) still counts: a needless refresh is cheaper
    than a certificate resting on a rule nobody re-checked.
    """
    after = {s.id: s for s in new.sections}
    changes = []
    for section in old.sections:
        now = after.get(section.id)
        if now is None:
            changes.append(SectionChange(section.id, "removed", [f"removed: {section.title}"]))
        elif now != section:
            details = section_details(section, now) or ["same rules, listed in a different order"]
            changes.append(SectionChange(section.id, "changed", details))
    before = {s.id for s in old.sections}
    for section in new.sections:
        if section.id not in before:
            facts = ", ".join(f"{f.key} = {fact_value(f)}" for f in section.facts)
            details = [f"added: {section.title}"] + ([f"facts: {facts}"] if facts else [])
            changes.append(SectionChange(section.id, "added", details))
    return changes


@dataclass(frozen=True)
class Impact:
    changes: list[SectionChange]
    lessons: list[str]  # "curriculum/activity" ids to re-check
    certificates: list[str]  # certificate spec ids resting on a changed section
    exam_scenarios: list[str] = field(default_factory=list)  # "curriculum/exam/scenario"
    why: dict[str, str] = field(default_factory=dict)  # any id above -> why it is touched


def _refs_policy(ref: str, old: Policy) -> bool:
    """True for `ID#SECTION` of this policy, or `ID@VERSION#SECTION` pinned to the old version."""
    policy_id, _, version = ref.partition("#")[0].partition("@")
    return policy_id == old.id and version in ("", old.version)


def _touched_sections(
    item: Lesson | ExamScenario,
    old: Policy,
    new: Policy,
    changed: set[str],
    personas: Mapping[str, Persona],
) -> list[str]:
    """Why a chat against this policy rests on a changed section, as short reasons."""
    reasons = []
    persona = personas.get(item.persona)
    for ref in persona.policy_sections if persona else []:
        section = ref.partition("#")[2]
        if _refs_policy(ref, old) and section in changed:
            reasons.append(f"persona {item.persona} tests {section}")
    for key in getattr(item, "required_facts", []):
        homes = {found[0].id for found in (old.fact(key), new.fact(key)) if found}
        reasons += [f"required fact {key} is in {home}" for home in sorted(homes & changed)]
    return reasons


def _reasons(
    item: Lesson | ExamScenario | GradingExercise,
    old: Policy,
    new: Policy,
    changed: set[str],
    personas: Mapping[str, Persona],
) -> list[str]:
    """Empty when the change does not touch this lesson or scenario."""
    policy_id, _, version = item.policy.partition("@")
    if policy_id != old.id or version not in ("", old.version):
        return []  # another policy, or pinned to a version this change does not replace
    if isinstance(item, GradingExercise):
        # Its gold key was set against the whole policy: no section list says what it rests on.
        reasons = ["grading exercise graded against this policy; check its gold key"]
    else:
        reasons = _touched_sections(item, old, new, changed, personas)
    if reasons and version:
        reasons.insert(0, f"pinned to the old version {old.version}")
    return reasons


def impact(
    old: Policy,
    new: Policy,
    curricula: Iterable[Curriculum],
    personas: Mapping[str, Persona],
) -> Impact:
    """The lessons, exam scenarios and certificates that rest on a section changed from `old`
    to `new`. A lesson follows the version in effect unless pinned (ID@VERSION); one pinned to
    the old version is touched too, since it keeps teaching the old rule."""
    changes = changed_sections(old, new)
    changed = {c.section_id for c in changes}
    result = Impact(changes, [], [])
    if not changes:
        return result
    for curriculum in curricula:
        for activity in curriculum.activities():
            if reasons := _reasons(activity, old, new, changed, personas):
                ref = f"{curriculum.id}/{activity.id}"
                result.lessons.append(ref)
                result.why[ref] = "; ".join(reasons)
        for track in curriculum.tracks:
            for scenario in track.exam.scenarios if track.exam else []:
                if reasons := _reasons(scenario, old, new, changed, personas):
                    ref = f"{curriculum.id}/{track.exam.id}/{scenario.id}"
                    result.exam_scenarios.append(ref)
                    result.why[ref] = "; ".join(reasons)
            spec = track.certificate
            rests = [r for r in spec.policy_sections if _refs_policy(r, old)] if spec else []
            hit = [r.partition("#")[2] for r in rests if r.partition("#")[2] in changed]
            if hit:
                result.certificates.append(spec.id)
                result.why[spec.id] = f"rests on {', '.join(hit)}"
    return result
