"""How the trainer's pages show content problems: one `FILE:LINE: field: message` line each,
in a code block, since the messages quote what the trainer typed."""

from __future__ import annotations

import streamlit as st

from app_pages.context import tr
from counterpart.content_workspace import WorkspaceError
from personas.source import ContentProblem


def problem_lines(problems: list[ContentProblem]) -> str:
    return "\n".join(f"{p.path.name}:{p.line}: {p.message}" for p in problems)


def show_problems(problems: list[ContentProblem]) -> None:
    st.error(tr("workspace.problems", count=len(problems)))
    st.code(problem_lines(problems), language=None)


def show_refusal(key: str, exc: WorkspaceError | PermissionError) -> None:
    """A save, new file or publication the core refused, and why."""
    if isinstance(exc, PermissionError):
        st.error(tr("workspace.not_allowed"))
        return
    st.error(tr(key))
    st.code("\n".join(filter(None, [exc.reason, problem_lines(exc.problems)])), language=None)
