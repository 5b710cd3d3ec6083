"""What a curriculum refers to, checked against the rest of the library.

Each problem is (field path, message); the library turns the path into the file's line. The
message says what would fix it: the names that do exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from curricula.certification import UNRESOLVED_CAP
from curricula.curriculum import Curriculum, ExamScenario, GradingExercise, Lesson
from curricula.policy import Policy
from personas.model import Persona

Problem = tuple[tuple, str]
PolicyLookup = Callable[[str], Policy | None]


def policy_problem(policies: PolicyLookup, known: list[str], ref: str) -> str | None:
    policy_id, hash_, section = ref.partition("#")
    policy = policies(policy_id)
    if policy is None:
        return (
            f"no policy {policy_id!r} in effect (expected ID or ID@VERSION of: "
            f"{', '.join(known) or 'none loaded'})"
        )
    if hash_ and policy.section(section) is None:
        sections = ", ".join(s.id for s in policy.sections)
        return f"policy {policy.ref} has no section {section!r} (sections: {sections})"
    return None


def _chat_problems(
    at: tuple,
    item: Lesson | ExamScenario,
    personas: dict[str, Persona],
    policies: PolicyLookup,
    known_policies: list[str],
) -> Iterator[Problem]:
    if item.persona not in personas:
        known = ", ".join(sorted(personas)) or "none loaded"
        yield (*at, "persona"), f"no persona {item.persona!r} (expected one of: {known})"
    mark = item.pass_marks.resolution
    if mark > UNRESOLVED_CAP and "resolved" not in item.passing_endings:
        # An unresolved chat scores at most UNRESOLVED_CAP: such a lesson could never pass.
        yield (
            (*at, "pass_marks", "resolution"),
            f"a resolution mark of {mark} (above {UNRESOLVED_CAP}) is met only by a resolved "
            f"chat, but passing_endings ({', '.join(item.passing_endings)}) leaves out resolved",
        )
    if message := policy_problem(policies, known_policies, item.policy):
        yield (*at, "policy"), message
        return
    policy = policies(item.policy)
    for k, key in enumerate(getattr(item, "required_facts", [])):
        if policy.fact(key) is None:
            facts = ", ".join(f.key for s in policy.sections for f in s.facts)
            yield (
                (*at, "required_facts", k),
                (f"policy {policy.ref} has no fact {key!r} (facts: {facts})"),
            )


def curriculum_problems(
    curriculum: Curriculum,
    personas: dict[str, Persona],
    policies: PolicyLookup,
    known_policies: list[str],
    certificates: set[str],
) -> list[Problem]:
    """Missing personas, policies, sections, facts and certificates; repeated ids."""
    found: list[Problem] = []
    seen: dict[str, tuple] = {}
    for t, track in enumerate(curriculum.tracks):
        for r, required in enumerate(track.requires):
            if required not in certificates:
                found.append(
                    ((("tracks", t, "requires", r)), _no_certificate(required, certificates))
                )
        for m, module in enumerate(track.modules):
            for n, activity in enumerate(module.lessons):
                at = ("tracks", t, "modules", m, "lessons", n)
                if activity.id in seen:
                    found.append(
                        (
                            (*at, "id"),
                            f"lesson id {activity.id!r} is used twice in "
                            "this curriculum; ids must be unique",
                        )
                    )
                seen[activity.id] = at
                if isinstance(activity, GradingExercise):
                    if message := policy_problem(policies, known_policies, activity.policy):
                        found.append(((*at, "policy"), message))
                    continue
                found.extend(_chat_problems(at, activity, personas, policies, known_policies))
        if track.exam:
            for s, scenario in enumerate(track.exam.scenarios):
                at = ("tracks", t, "exam", "scenarios", s)
                found.extend(_chat_problems(at, scenario, personas, policies, known_policies))
        if track.certificate:
            spec = track.certificate
            for i, ref in enumerate(spec.policy_sections):
                at = ("tracks", t, "certificate", "policy_sections", i)
                if "#" not in ref:
                    found.append((at, f"expected POLICY#SECTION, got {ref!r}"))
                elif message := policy_problem(policies, known_policies, ref):
                    found.append((at, message))
            for r, required in enumerate(spec.requires):
                if required not in certificates:
                    at = ("tracks", t, "certificate", "requires", r)
                    found.append((at, _no_certificate(required, certificates)))
    return found


def _no_certificate(wanted: str, certificates: set[str]) -> str:
    known = ", ".join(sorted(certificates)) or "none defined"
    return f"no certificate {wanted!r} (certificates defined: {known})"


def prerequisite_cycle(requires: dict[str, list[str]]) -> list[str] | None:
    """A cycle among certificate prerequisites, as the ids around it, or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in requires.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(requires):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None
