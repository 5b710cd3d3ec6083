"""Interface text of the manager dashboard."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {}
