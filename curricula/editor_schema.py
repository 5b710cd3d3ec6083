"""JSON Schemas of the content files, for editors that validate YAML as you type.

The schemas are generated from the strict pydantic models and committed in `schemas/` at the
repository root; a test fails when the committed files drift from the models, and
`counterpart schema` regenerates them.

The `id` of a persona, policy or curriculum is taken from the file name and must not be written in
the file, so it is removed from the top-level `properties` and `required` of each schema (ids of
nested items such as policy sections, modules and lessons stay: those are written).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from curricula.curriculum import Curriculum
from curricula.policy import Policy
from personas.model import Persona

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (model, title, description)
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "persona": (
        Persona,
        "Counterpart persona",
        "One simulated customer: who they are, what they want and how they talk. "
        "One file per persona in personas/library/; the file stem (name without .yaml) is the "
        "persona id, so do not write an id in the file.",
    ),
    "policy": (
        Policy,
        "Counterpart policy",
        "One version of a policy: prose for trainees and typed facts for the grader. "
        "One file per version in curricula/policies/; the file stem is the policy id "
        "(ID.yaml, or ID@VERSION.yaml for more versions of one policy), so do not write an id "
        "in the file.",
    ),
    "curriculum": (
        Curriculum,
        "Counterpart curriculum",
        "A curriculum: modules of lessons, each a persona met under a policy. "
        "One file per curriculum in curricula/library/; the file stem is the curriculum id, "
        "so do not write an id in the file.",
    ),
}


def _schema(kind: str) -> dict:
    model, title, description = KINDS[kind]
    schema = model.model_json_schema()
    schema.get("properties", {}).pop("id", None)
    if "required" in schema:
        schema["required"] = [name for name in schema["required"] if name != "id"]
        if not schema["required"]:
            del schema["required"]
    schema["$schema"] = DRAFT
    schema["title"] = title
    schema["description"] = description
    return schema


def editor_schemas() -> dict[str, dict]:
    """The JSON Schema of each kind of content file: persona, policy, curriculum."""
    return {kind: _schema(kind) for kind in KINDS}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render(schema: dict) -> str:
    """The exact text written to a schema file."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _expected() -> dict[str, str]:
    return {file_name(kind): render(schema) for kind, schema in editor_schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder` (created if needed); return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in _expected().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def check_schemas(folder: Path) -> list[str]:
    """Names of the schema files in `folder` that are missing or differ from the models."""
    stale = []
    for name, text in _expected().items():
        path = folder / name
        try:
            current = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            stale.append(name)
            continue
        if current != text:
            stale.append(name)
    return stale
