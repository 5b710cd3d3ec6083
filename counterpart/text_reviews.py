"""Interface text of transcripts, trainee drill-down, grade overrides and calibration."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {}
