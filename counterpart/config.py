"""Where the database is and whether demo mode is on, from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DEFAULT_DATABASE = Path("data") / "counterpart.db"


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """COUNTERPART_DATABASE_URL, or a SQLite file under ./data by default."""
    env = os.environ if environ is None else environ
    return env.get("COUNTERPART_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE}"


def demo_mode(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("COUNTERPART_DEMO", "").strip().lower() in {"1", "true", "yes", "on"}
