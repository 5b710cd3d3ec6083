"""The common voice of each customer language: what any customer may say, by reaction.

A persona's own `lines` come first; these pools (personas/voices/<language>.yaml) fill in a
reaction the persona does not write and give more to choose from when its own lines are used
up, so the offline customer never says the same message twice in a chat.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from personas.model import LINE_SLOTS, Lines

VOICES = Path(__file__).parent / "voices"
DEFAULT_LANGUAGE = "en"
# The reactions a voice must cover: every kind of line but the opening and the closings, which
# are the persona's own and said once.
REACTIONS = tuple(
    name
    for name in Lines.model_fields
    if name not in {"opening", "satisfied", "give_up", "escalated"}
)


class VoiceError(ValueError):
    pass


def _check(path: Path, data: dict) -> None:
    lines = data.get("lines") or {}
    missing = [kind for kind in REACTIONS if not lines.get(kind)]
    if missing:
        raise VoiceError(f"{path}: lines missing for: {', '.join(missing)}")
    unknown = sorted(set(lines) - set(REACTIONS))
    if unknown:
        raise VoiceError(f"{path}: unknown kinds of line: {', '.join(unknown)}")
    for kind, texts in lines.items():
        allowed = LINE_SLOTS.get(kind, set())
        for text in texts:
            try:
                text.format(**{name: "" for name in allowed})
            except (KeyError, IndexError, ValueError) as exc:
                raise VoiceError(f"{path}: lines.{kind}: {text!r}: {exc!r}") from None
    if not data.get("language_name"):
        raise VoiceError(f"{path}: language_name missing")


@cache
def voice(language: str) -> dict:
    """{'name': the language's own name, 'lines': {kind: [line, …]}} for a language code,
    English when there is no voice for it."""
    path = VOICES / f"{language}.yaml"
    if not path.exists():
        path = VOICES / f"{DEFAULT_LANGUAGE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _check(path, data)
    return {"name": data["language_name"], "lines": data["lines"]}


def languages() -> list[str]:
    return sorted(p.stem for p in VOICES.glob("*.yaml"))
