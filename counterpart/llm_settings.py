"""Where the customer model lives: an OpenAI-compatible endpoint, read from env or secrets.toml."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "gpt-4o-mini"
# Local servers (Ollama, vLLM, llama.cpp) accept any key, but the client insists on one.
KEYLESS_API_KEY = "not-needed"


@dataclass(frozen=True)
class LLMSettings:
    """How to reach the model; base_url None means OpenAI's own API."""

    base_url: str | None
    api_key: str
    model: str
    timeout_seconds: float = 30.0
    max_attempts: int = 3

    def __repr__(self) -> str:
        # Settings end up in logs and tracebacks; the key must not.
        return (
            f"LLMSettings(base_url={self.base_url!r}, api_key='***', model={self.model!r}, "
            f"timeout_seconds={self.timeout_seconds!r}, max_attempts={self.max_attempts!r})"
        )


def load_llm_settings(
    environ: Mapping[str, str] | None = None, secrets_path: Path | None = None
) -> LLMSettings | None:
    """Settings from the environment, gaps filled from `[llm]` in secrets.toml.

    Returns None when neither a base URL nor an API key is configured: the app then runs offline.
    Raises ValueError for an unreadable secrets file or a timeout that is not a positive number.
    """
    env = os.environ if environ is None else environ
    path = Path.cwd() / ".streamlit" / "secrets.toml" if secrets_path is None else secrets_path
    secrets = _read_llm_table(path)

    base_url = _first(env, "COUNTERPART_LLM_BASE_URL", "OPENAI_BASE_URL") or _text(
        secrets, "base_url", path
    )
    api_key = _first(env, "COUNTERPART_LLM_API_KEY", "OPENAI_API_KEY") or _text(
        secrets, "api_key", path
    )
    if not base_url and not api_key:
        return None
    model = _first(env, "COUNTERPART_LLM_MODEL") or _text(secrets, "model", path) or DEFAULT_MODEL

    if _first(env, "COUNTERPART_LLM_TIMEOUT"):
        timeout = _seconds(env["COUNTERPART_LLM_TIMEOUT"], "COUNTERPART_LLM_TIMEOUT")
    elif "timeout_seconds" in secrets:
        timeout = _seconds(secrets["timeout_seconds"], f"[llm] timeout_seconds in {path}")
    else:
        timeout = LLMSettings.timeout_seconds

    return LLMSettings(
        base_url=base_url or None,
        api_key=api_key or KEYLESS_API_KEY,
        model=model,
        timeout_seconds=timeout,
    )


def _first(env: Mapping[str, str], *names: str) -> str | None:
    # An exported-but-empty variable is a common way to "unset" one; treat it as absent.
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def _read_llm_table(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"Cannot read LLM settings from {path}: {err}") from err
    table = document.get("llm", {})
    if not isinstance(table, dict):
        raise ValueError(f"Cannot read LLM settings from {path}: 'llm' must be a table ([llm])")
    return table


def _text(secrets: Mapping[str, object], key: str, path: Path) -> str | None:
    value = secrets.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"[llm] {key} in {path} must be a string, got {value!r}")
    return value.strip() or None


def _seconds(value: object, source: str) -> float:
    try:
        if isinstance(value, bool):  # float(True) would quietly mean one second
            raise TypeError
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{source} must be a number of seconds, got {value!r}") from None
    if not seconds > 0:  # also rejects NaN
        raise ValueError(f"{source} must be a positive number of seconds, got {value!r}")
    return seconds
