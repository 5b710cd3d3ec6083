"""Load the persona library: one YAML file per customer, the file stem is the id."""

from __future__ import annotations

from pathlib import Path

from personas.model import Persona, placeholder_problems
from personas.source import ContentError, ContentProblem, load_model

LIBRARY = Path(__file__).parent / "library"


def load_persona(path: Path, text: str | None = None) -> Persona:
    """Load one persona file (or its unsaved `text`) or raise ContentError with file, line and
    field."""
    return load_model(path, Persona, placeholder_problems, text, id=path.stem)


def load_personas(folder: Path = LIBRARY) -> tuple[dict[str, Persona], list[ContentProblem]]:
    """Every valid persona in `folder`, plus the problems of the files that are not."""
    personas: dict[str, Persona] = {}
    problems: list[ContentProblem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            personas[path.stem] = load_persona(path)
        except ContentError as exc:
            problems.extend(exc.problems)
    return personas, problems
