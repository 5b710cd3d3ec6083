"""The content library: personas, policies and curricula, loaded and cross-checked.

Loading never stops at the first broken file: the app must start with what is valid and say
which files are not, and `counterpart validate` must list every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from curricula.curriculum import Curriculum
from curricula.curriculum_checks import curriculum_problems, policy_problem, prerequisite_cycle
from curricula.policy import Policy
from personas.library_loader import LIBRARY as PERSONA_LIBRARY
from personas.library_loader import load_persona
from personas.model import Persona
from personas.source import ContentError, ContentProblem, load_model, parse_yaml

CURRICULUM_LIBRARY = Path(__file__).parent / "library"
POLICY_LIBRARY = Path(__file__).parent / "policies"

# What a policy is checked against beyond its model, as (field path, message) pairs: the
# concept ids it names, which only the layer above (the grader's lexicons) knows.
PolicyChecks = Callable[[Policy], list[tuple[tuple, str]]]


@dataclass
class Library:
    personas: dict[str, Persona] = field(default_factory=dict)
    policies: dict[str, list[Policy]] = field(default_factory=dict)  # id -> versions, oldest first
    curricula: dict[str, Curriculum] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)
    # Where each item came from ("kind:id"), so reference problems can name file and line.
    sources: dict[str, Path] = field(default_factory=dict)

    def policy(self, ref: str, today: dt.date | None = None) -> Policy | None:
        """Resolve `ID` (the version in effect today) or `ID@VERSION`."""
        policy_id, _, version = ref.partition("@")
        versions = self.policies.get(policy_id, [])
        if version:
            return next((p for p in versions if p.version == version), None)
        today = today or dt.date.today()
        in_effect = [p for p in versions if p.effective <= today]
        return in_effect[-1] if in_effect else None


def load_policy(path: Path, checks: PolicyChecks | None = None) -> Policy:
    policy_id, _, version = path.stem.partition("@")
    policy = load_model(path, Policy, checks, id=policy_id)
    if version and policy.version != version:
        data, index = parse_yaml(path)
        raise ContentError(
            [
                ContentProblem(
                    path,
                    index.get(("version",), 1),
                    f"version: file name says {version!r} but the file says {policy.version!r}",
                )
            ]
        )
    return policy


def load_curriculum(path: Path) -> Curriculum:
    return load_model(path, Curriculum, id=path.stem)


def kind_of(path: Path) -> str:
    """Tell a persona, policy or curriculum file apart by what it declares at the top."""
    try:
        data, _ = parse_yaml(path)
    except ContentError:
        data = None
    if isinstance(data, dict):
        if "tracks" in data or "modules" in data:
            return "curriculum"
        if "sections" in data:
            return "policy"
    return "persona"


LOADERS = {"persona": load_persona, "policy": load_policy, "curriculum": load_curriculum}


def add_file(library: Library, path: Path, policy_checks: PolicyChecks | None = None) -> None:
    kind = kind_of(path)
    try:
        item = load_policy(path, policy_checks) if kind == "policy" else LOADERS[kind](path)
    except ContentError as exc:
        library.problems.extend(exc.problems)
        return
    library.sources[f"{kind}:{item.id}"] = path
    if kind == "persona":
        library.personas[item.id] = item
    elif kind == "policy":
        versions = [p for p in library.policies.get(item.id, []) if p.version != item.version]
        library.policies[item.id] = sorted([*versions, item], key=lambda p: p.effective)
    else:
        library.curricula[item.id] = item


def _persona_references(library: Library, persona: Persona) -> list[tuple[tuple, str]]:
    found = []
    for i, ref in enumerate(persona.policy_sections):
        if "#" not in ref:
            found.append((("policy_sections", i), f"expected POLICY#SECTION, got {ref!r}"))
        elif message := policy_problem(library.policy, sorted(library.policies), ref):
            found.append((("policy_sections", i), message))
    return found


def check_persona(
    library: Library, path: Path, text: str
) -> tuple[Persona | None, list[ContentProblem]]:
    """A persona being edited (unsaved `text`), checked as `counterpart validate` would check
    it, against the rest of the library."""
    try:
        persona = load_persona(path, text)
    except ContentError as exc:
        return None, exc.problems
    _, index = parse_yaml(path, text)
    problems = [
        ContentProblem(path, index.get(loc, 1), f"{'.'.join(map(str, loc))}: {message}")
        for loc, message in _persona_references(library, persona)
    ]
    return persona, problems


def _reference_problems(library: Library) -> list[ContentProblem]:
    """References between files: lessons to personas and policies, personas to sections."""
    problems = []

    def report(kind: str, item_id: str, loc: tuple, message: str) -> None:
        path = library.sources[f"{kind}:{item_id}"]
        _, index = parse_yaml(path)
        field_path = ".".join(str(part) for part in loc)
        problems.append(ContentProblem(path, index.get(loc, 1), f"{field_path}: {message}"))

    for persona in library.personas.values():
        for loc, message in _persona_references(library, persona):
            report("persona", persona.id, loc, message)
    certificates = {
        track.certificate.id: (curriculum.id, t)
        for curriculum in library.curricula.values()
        for t, track in enumerate(curriculum.tracks)
        if track.certificate
    }
    known_policies = sorted(library.policies)
    for curriculum in library.curricula.values():
        for loc, message in curriculum_problems(
            curriculum, library.personas, library.policy, known_policies, set(certificates)
        ):
            report("curriculum", curriculum.id, loc, message)
    requires = {
        track.certificate.id: [*track.requires, *track.certificate.requires]
        for curriculum in library.curricula.values()
        for track in curriculum.tracks
        if track.certificate
    }
    if cycle := prerequisite_cycle(requires):
        curriculum_id, t = certificates[cycle[0]]
        report(
            "curriculum",
            curriculum_id,
            ("tracks", t, "certificate", "requires"),
            "certificate prerequisites go round in a circle: "
            + " -> ".join(cycle)
            + "; remove one of these requirements",
        )
    return problems


def load_files(files: list[Path], policy_checks: PolicyChecks | None = None) -> Library:
    """A library of exactly these files, in this order (a file named twice is read once), with
    every reference between them checked; a policy failing `policy_checks` is not loaded."""
    library = Library()
    seen: set[Path] = set()
    for path in files:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        if not path.exists():
            library.problems.append(ContentProblem(path, 1, "file not found"))
            continue
        add_file(library, path, policy_checks)
    library.problems.extend(_reference_problems(library))
    return library


def load_library(
    paths: list[Path] | None = None, policy_checks: PolicyChecks | None = None
) -> Library:
    """Load the shipped library, plus (or instead, for validation) the given files and folders."""
    folders = [PERSONA_LIBRARY, POLICY_LIBRARY, CURRICULUM_LIBRARY]
    files = [f for folder in folders for f in sorted(folder.glob("*.yaml"))]
    for path in paths or []:
        files.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return load_files(files, policy_checks)


def validate(paths: list[Path], policy_checks: PolicyChecks | None = None) -> list[ContentProblem]:
    """Problems in the given files (or the whole shipped library when none are given)."""
    library = load_library(paths, policy_checks)
    if not paths:
        return library.problems
    wanted = {p.resolve() for p in paths}
    return [
        p
        for p in library.problems
        if p.path.resolve() in wanted or any(d in p.path.resolve().parents for d in wanted)
    ]
