"""The reasons behind a reply's scores, as the practice chat and the transcript show them."""

from __future__ import annotations

import streamlit as st

from app_pages.context import plain, tr
from counterpart.storage.records import Turn
from counterpart.summary import DIMENSIONS


def show_reasons(turn: Turn) -> None:
    """Each reason with its points and the quoted words; the judge's note last."""
    for dimension in DIMENSIONS:
        grade = turn.grades.get(dimension)
        for reason in grade.reasons if grade else []:
            points = reason.get("points", 0)
            sign = f"{points:+d} · " if points else ""
            line = f"**{tr(f'score.{dimension}')}** {sign}{plain(reason['text'])}"
            if reason.get("quote"):
                line += f" — “{plain(reason['quote'])}”"
            st.markdown(line)
    if turn.judge_note:
        st.caption(plain(turn.judge_note))
