"""Read one YAML content file into a strict pydantic model, keeping line numbers for errors.

Personas, policies and curricula are all written by hand; when one is wrong the trainer needs the
file, the line and what was expected, not a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from personas.bounded_yaml import YAMLProblem, read_text, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a content file, where it is and what was expected."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when a content file cannot be read, is not YAML, or does not fit its model."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _line_index(node: yaml.Node, path: tuple = (), index: dict | None = None) -> dict:
    """Map each key path in the document to the 1-based line where it is written."""
    index = {} if index is None else index
    index.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            index[child] = key_node.start_mark.line + 1
            _line_index(value_node, child, index)
            # A wrong value is reported where the value stands, its key only if it is missing.
            if not isinstance(value_node, yaml.MappingNode | yaml.SequenceNode):
                index[child] = value_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, (*path, i), index)
    return index


def _line_for(loc: tuple, index: dict) -> int:
    # Missing fields have no line of their own: report the nearest enclosing one.
    for cut in range(len(loc), -1, -1):
        key = tuple(loc[:cut])
        if key in index:
            return index[key]
    return 1


def _file_path(loc: tuple, index: dict) -> tuple:
    """The error's location as written in the file: pydantic adds the tag of a union member
    ("lessons.0.grading.transcript"), which names no field of the file."""
    kept: tuple = ()
    for i, part in enumerate(loc):
        is_tag = (
            isinstance(part, str)
            and (*kept, part) not in index
            and i + 1 < len(loc)
            and (*kept, loc[i + 1]) in index
        )
        if not is_tag:
            kept = (*kept, part)
    return kept


def _model_check(error: dict, index: dict) -> dict:
    """A check across fields of one model ("unit: write exactly one of unit or kind") is
    reported at the field its message starts with, when that field is written, and without the
    whole model quoted back as the input."""
    if error["type"] != "value_error" or not isinstance(error.get("input"), dict):
        return error
    message = str(error["msg"]).removeprefix("Value error, ")
    name = message.partition(":")[0]
    loc = tuple(error["loc"])
    if name in error["input"] and (*loc, name) in index:
        loc, message = (*loc, name), message.partition(":")[2].strip()
    return {**error, "loc": loc, "msg": message, "type": "model_check"}


def _describe(error: dict) -> str:
    field = ".".join(str(p) for p in error["loc"]) or "(document)"
    kind = error["type"]
    if kind == "model_check":
        return f"{field}: {error['msg']}"
    if kind == "missing":
        return f"{field}: required field is missing"
    if kind == "extra_forbidden":
        return f"{field}: unknown field (check the spelling; see the editor schema)"
    # The input as written, cut short: a 100,000-digit string must not make a 100 KB message.
    got = repr(error.get("input"))
    got = got if len(got) <= 80 else f"{got[:60]}... ({len(got):,} characters)"
    return f"{field}: {error['msg']} (got {got})"


def parse_yaml(path: Path, text: str | None = None) -> tuple[object, dict]:
    """Return the document and its line index, or raise ContentError saying where it breaks.
    `text`, when given, is the file's content not yet saved (from an editor). Every content
    file and text is read here, within the bounds of `personas.bounded_yaml`."""
    try:
        if text is None:
            try:
                text = read_text(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise ContentError([ContentProblem(path, 1, f"cannot read file: {exc}")]) from exc
        node, data = read_yaml(text)
    except YAMLProblem as exc:
        raise ContentError([ContentProblem(path, exc.line, exc.message)]) from exc
    if node is None:
        raise ContentError([ContentProblem(path, 1, "file is empty; expected a mapping")])
    return data, _line_index(node)


def load_model(
    path: Path,
    model: type[M],
    checks: Callable[[M], list[tuple[tuple, str]]] | None = None,
    text: str | None = None,
    **derived: object,
) -> M:
    """Validate a YAML file against `model`; `derived` adds fields not written in the file;
    `checks` finds what the model cannot express, as (field path, message) pairs."""
    data, index = parse_yaml(path, text)
    if not isinstance(data, dict):
        raise ContentError([ContentProblem(path, 1, "expected a mapping of fields at the top")])
    clash = sorted(set(derived) & set(data))
    if clash:
        line = index.get((clash[0],), 1)
        raise ContentError(
            [
                ContentProblem(
                    path, line, f"{clash[0]}: must not be written; it comes from the file name"
                )
            ]
        )
    try:
        item = model.model_validate({**data, **derived})
    except ValidationError as exc:
        errors = [
            _model_check({**err, "loc": _file_path(err["loc"], index)}, index)
            for err in exc.errors()
        ]
        problems = sorted(
            (ContentProblem(path, _line_for(err["loc"], index), _describe(err)) for err in errors),
            key=lambda p: p.line,
        )
        raise ContentError(problems) from exc
    found = checks(item) if checks else []
    if found:
        raise ContentError([ContentProblem(path, _line_for(loc, index), msg) for loc, msg in found])
    return item
